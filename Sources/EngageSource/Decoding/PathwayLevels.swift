import Foundation
import Yams
import EngageModel

/// Pathways, version 2: level ids, tracks and `after`, proficiency scales, themes, and cells as
/// lists of criteria (`content/pathways/<slug>.md`).
extension SiteLoader {
    static let criterionFields = ["text", "proficiency", "examples"]

    /// Level ids name comparison pages too (`compare/<a>-vs-<b>/`).
    static func checkLevelID(_ id: String, _ node: Node?, _ reader: YAMLReader) -> Bool {
        if id == "compare" {
            reader.error(node, "level id 'compare' is reserved for the pages that compare two levels (pathways/<slug>/compare/); choose another id")
            return false
        }
        if id.contains("-vs-") {
            reader.error(node, "level id '\(id)' may not contain '-vs-', which separates the two levels in a comparison page's address; choose another id")
            return false
        }
        return true
    }

    /// A track written like another one but not the same (case, spaces): likely a typo that
    /// would make a column group of its own.
    static func checkTrackSpelling(_ levels: [Level], at node: Node?, _ reader: YAMLReader) {
        guard let last = levels.last, let track = last.track else { return }
        func folded(_ s: String) -> String { s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let earlier = levels.dropLast().compactMap(\.track)
        guard !earlier.contains(track), let other = earlier.first(where: { folded($0) == folded(track) }) else { return }
        reader.warning(node, "track '\(track)' of level '\(last.id)' is spelled differently from the track '\(other)' of an earlier level, so it makes a column group of its own\(Suggest.didYouMean(other))")
    }

    /// `scale:`: a list of distinct words, or nil when absent.
    static func scaleWords(_ map: MapReader, _ key: String, what: String) -> [String]? {
        guard map[key] != nil else { return nil }
        var seen = Set<String>(), words: [String] = []
        for (word, node) in map.stringListWithNodes(key) {
            if !seen.insert(word).inserted {
                map.reader.error(node, "'\(word)' is listed twice in 'scale' of \(what); each proficiency word once")
                continue
            }
            words.append(word)
        }
        return words
    }

    static func decodeThemes(_ map: MapReader, what: String) -> [CompetencyTheme] {
        var themes: [CompetencyTheme] = [], names = Set<String>()
        for (index, node) in map.list("themes", what: what).enumerated() {
            let tWhat = "theme \(index + 1) of \(what)"
            guard let t = map.reader.map(node, what: tWhat) else { continue }
            t.checkKeys(themeFields, what: tWhat)
            guard let name = t.string("name", required: true, what: tWhat) else { continue }
            if !names.insert(name).inserted {
                map.reader.error(t["name"], "theme '\(name)' is listed twice in 'themes' of \(what)")
                continue
            }
            themes.append(CompetencyTheme(name: name, summary: t.string("summary", what: tWhat)))
        }
        return themes
    }

    /// Fills in every level's `after`: the levels written there (checked), or the default.
    static func resolveAfter(_ levels: inout [Level], _ nodes: [String: Node], _ reader: YAMLReader) {
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1.id, $0) })
        let ids = Set(index.keys)
        // Every edge as written (known ids only) or by default, to find cycles.
        var written: [String: [(String, Node)]] = [:]
        for (id, node) in nodes {
            var names: [(String, Node)] = []
            if case .sequence(let seq) = node {
                for item in seq { if let name = reader.string(item, what: "each item of 'after' of level '\(id)'") { names.append((name, item)) } }
            } else if !YAMLReader.isNull(node) {
                if let name = reader.string(node, what: "'after' of level '\(id)'") { names.append((name, node)) }
            }
            written[id] = names
        }
        func edges(_ id: String) -> [String] {
            if let w = written[id] { return w.map(\.0).filter { ids.contains($0) } }
            guard let i = index[id] else { return [] }
            return Levels.defaultAfter(tracks: levels.map(\.track), at: i).map { [levels[$0].id] } ?? []
        }
        /// A path from `start` back to `target` along the edges, if any.
        func path(from start: String, to target: String) -> [String]? {
            var stack: [[String]] = [[start]], seen = Set<String>()
            while let p = stack.popLast() {
                let last = p[p.count - 1]
                if last == target { return p }
                guard seen.insert(last).inserted else { continue }
                for e in edges(last) { stack.append(p + [e]) }
            }
            return nil
        }
        for i in levels.indices {
            let id = levels[i].id
            guard let names = written[id] else {
                levels[i].after = Levels.defaultAfter(tracks: levels.map(\.track), at: i).map { [levels[$0].id] } ?? []
                continue
            }
            var after: [String] = []
            for (name, node) in names {
                if name == id {
                    reader.error(node, "level '\(id)' cannot grow from itself; 'after' names the levels it grows from")
                } else if let j = index[name] {
                    if j < i {
                        if !after.contains(name) { after.append(name) }
                    } else if let cycle = path(from: name, to: id) {
                        reader.error(node, "'after' of level '\(id)' makes a cycle: \(([id] + cycle).joined(separator: " → ")); a level can only grow from levels listed above it")
                    } else {
                        reader.error(node, "'after' of level '\(id)' names '\(name)', which is listed below it; a level can only grow from levels listed above it (move '\(name)' up)")
                    }
                } else {
                    let hint = Suggest.hint(for: name, in: ids, otherwise: "; levels: \(levels.map(\.id).joined(separator: ", "))")
                    reader.error(node, "unknown level '\(name)' in 'after' of level '\(id)'\(hint)")
                }
            }
            levels[i].after = after
        }
    }

    /// A cell: a string, one criterion, or a list of strings and criteria. Empty when absent or in error.
    static func criteria(_ node: Node, _ reader: YAMLReader, scale: [String], ownScale: Bool, what: String) -> [Criterion] {
        switch node {
        case .sequence(let seq):
            if seq.isEmpty {
                reader.error(node, "the criteria list for \(what) is empty; write at least one criterion, or leave the level out to keep the level below's")
                return []
            }
            return seq.enumerated().compactMap { i, item in
                criterion(item, reader, scale: scale, ownScale: ownScale, what: "criterion \(i + 1) for \(what)")
            }
        default:
            return criterion(node, reader, scale: scale, ownScale: ownScale, what: "the criterion for \(what)").map { [$0] } ?? []
        }
    }

    static func criterion(_ node: Node, _ reader: YAMLReader, scale: [String], ownScale: Bool, what: String) -> Criterion? {
        if case .mapping = node, let m = reader.map(node, what: what) {
            m.checkKeys(criterionFields, what: what)
            guard let text = m.string("text", required: true, what: what).map(trimmed), !text.isEmpty else { return nil }
            var proficiency: String?
            if let word = m.string("proficiency", what: what), let wordNode = m["proficiency"] {
                if scale.contains(word) {
                    proficiency = word
                } else if scale.isEmpty {
                    reader.error(wordNode, "proficiency '\(word)' in \(what), but no 'scale' is set; list the proficiency words in 'scale' of the pathway or of the competency")
                } else {
                    let whose = ownScale ? "the competency's scale" : "the pathway's scale"
                    let hint = Suggest.hint(for: word, in: scale, otherwise: "; \(whose): \(scale.joined(separator: ", "))")
                    reader.error(wordNode, "unknown proficiency '\(word)' in \(what)\(hint)")
                }
            }
            let examples = m["examples"].map { reader.stringList($0, what: "'examples' of \(what)") } ?? []
            return Criterion(text, proficiency: proficiency, examples: examples)
        }
        guard let text = reader.string(node, what: what).map(trimmed), !text.isEmpty else { return nil }
        return Criterion(text)
    }

    /// Line breaks inside are kept; those YAML leaves at the end (`|`) are not.
    static func trimmed(_ text: String) -> String {
        var t = Substring(text)
        while let last = t.last, last.isWhitespace { t = t.dropLast() }
        return String(t)
    }

    /// Version 1's `examples:` map belongs to the criterion of a one-criterion cell.
    static func attachExamples(_ examples: [String], to cells: inout [String: [Criterion]], level: String, at node: Node,
                               _ reader: YAMLReader, competency: String) {
        guard !examples.isEmpty else { return }
        guard var cell = cells[level] else {
            reader.error(node, "examples for level '\(level)' of competency '\(competency)' have no expectation at that level to belong to; write the expectation for '\(level)' in 'expectations'")
            return
        }
        guard cell.count == 1 else {
            reader.error(node, "examples for level '\(level)' of competency '\(competency)' cannot tell which of its \(cell.count) criteria they belong to; write them as 'examples' of that criterion in 'expectations'")
            return
        }
        cell[0].examples += examples
        cells[level] = cell
    }
}
