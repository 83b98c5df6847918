import Foundation
import Yams
import EngageModel

/// `content/pathways/<slug>.md` → `Pathway`, with its levels, competencies and moves.
extension SiteLoader {
    static let pathwayFields = ["title", "family", "summary", "values", "scale", "themes", "cumulative", "levels", "competencies", "moves", "draft"]
    static let levelFields = ["id", "title", "summary", "grade", "track", "after"]
    static let competencyFields = ["id", "name", "theme", "description", "scale", "expectations", "examples"]
    static let themeFields = ["name", "summary"]
    static let moveFields = ["to", "from_level", "to_level", "note"]

    static func decodePathway(_ map: MapReader, _ slug: String, _ source: SourceRef) -> Pathway? {
        let what = "pathway '\(slug)'"
        let reader = map.reader
        map.checkKeys(pathwayFields, what: what)
        let title = map.string("title", required: true, what: what)

        let scale = scaleWords(map, "scale", what: what) ?? []
        var levels: [Level] = []
        var levelIDs = Set<String>()
        var afterNodes: [String: Node] = [:]
        let levelNodes = map.list("levels", required: true, what: what)
        if map["levels"] != nil && levelNodes.isEmpty && !reader.diagnostics.hasErrors {
            reader.error(map["levels"], "\(what) needs at least one level in 'levels'")
        }
        for (index, node) in levelNodes.enumerated() {
            let levelWhat = "level \(index + 1) of \(what)"
            guard let level = reader.map(node, what: levelWhat) else { continue }
            level.checkKeys(levelFields, what: levelWhat)
            let id = level.string("id", required: true, what: levelWhat)
            let levelTitle = level.string("title", required: true, what: levelWhat)
            guard let id, let levelTitle else { continue }
            guard checkID(id, level["id"], reader, what: "level id"), checkLevelID(id, level["id"], reader) else { continue }
            if !levelIDs.insert(id).inserted {
                reader.error(level["id"], "duplicate level id '\(id)' in \(what); each level needs its own id")
                continue
            }
            if let node = level["after"], !YAMLReader.isNull(node) { afterNodes[id] = node }
            levels.append(Level(id: id, title: levelTitle, summary: level.string("summary", what: levelWhat),
                                grade: level.string("grade", what: levelWhat), track: level.string("track", what: levelWhat)))
            checkTrackSpelling(levels, at: level["track"], reader)
        }
        resolveAfter(&levels, afterNodes, reader)
        let themes = decodeThemes(map, what: what)

        var competencies: [Competency] = []
        var competencyIDs = Set<String>()
        for (index, node) in map.list("competencies", what: what).enumerated() {
            let cWhat = "competency \(index + 1) of \(what)"
            guard let c = reader.map(node, what: cWhat) else { continue }
            c.checkKeys(competencyFields, what: cWhat)
            let id = c.string("id", required: true, what: cWhat)
            let name = c.string("name", required: true, what: cWhat)
            guard let id, let name else { continue }
            guard checkID(id, c["id"], reader, what: "competency id") else { continue }
            if !competencyIDs.insert(id).inserted {
                reader.error(c["id"], "duplicate competency id '\(id)' in \(what); each competency needs its own id")
                continue
            }
            let ownScale = scaleWords(c, "scale", what: "competency '\(id)'")
            var expectations: [String: [Criterion]] = [:]
            if let e = c.map("expectations", what: cWhat) {
                for entry in e.entries {
                    guard levelKey(entry.key, entry.keyNode, levelIDs, reader, what: "'expectations' of competency '\(id)'") else { continue }
                    let cell = criteria(entry.value, reader, scale: ownScale ?? scale, ownScale: ownScale != nil,
                                        what: "level '\(entry.key)' of competency '\(id)'")
                    if !cell.isEmpty { expectations[entry.key] = cell }
                }
            }
            if let e = c.map("examples", what: cWhat) {
                for entry in e.entries {
                    guard levelKey(entry.key, entry.keyNode, levelIDs, reader, what: "'examples' of competency '\(id)'") else { continue }
                    let examples = reader.stringList(entry.value, what: "examples for level '\(entry.key)'")
                    attachExamples(examples, to: &expectations, level: entry.key, at: entry.keyNode, reader, competency: id)
                }
            }
            competencies.append(Competency(id: id, name: name, theme: c.string("theme", what: cWhat),
                                           description: c.string("description", what: cWhat), scale: ownScale,
                                           expectations: expectations))
        }

        var moves: [Move] = []
        for (index, node) in map.list("moves", what: what).enumerated() {
            let mWhat = "move \(index + 1) of \(what)"
            guard let m = reader.map(node, what: mWhat) else { continue }
            m.checkKeys(moveFields, what: mWhat)
            guard let to = m.string("to", required: true, what: mWhat) else { continue }
            reader.refer(.pathway, to, at: m["to"], what: "'to' of \(mWhat)")
            let fromLevel = m.string("from_level", what: mWhat)
            if let fromLevel, let node = m["from_level"] {
                _ = levelKey(fromLevel, node, levelIDs, reader, what: "'from_level' of \(mWhat)")
            }
            let toLevel = m.string("to_level", what: mWhat)
            if let toLevel { reader.refer(.level(pathway: to), toLevel, at: m["to_level"], what: "'to_level' of \(mWhat)") }
            moves.append(Move(to: to, fromLevel: fromLevel, toLevel: toLevel, note: m.string("note", what: mWhat)))
        }

        let pathway = Pathway(slug: slug, title: title ?? slug, family: map.string("family", what: what),
                              summary: map.string("summary", what: what),
                              values: references(map, "values", .value, what: "'values' of \(what)"),
                              levels: levels, competencies: competencies, moves: moves, scale: scale, themes: themes,
                              cumulative: map.bool("cumulative", what: what) ?? false, body: .empty, source: source)
        return title == nil || levels.isEmpty ? nil : pathway
    }

    static func levelKey(_ key: String, _ node: Node, _ levels: Set<String>, _ reader: YAMLReader, what: String) -> Bool {
        if levels.contains(key) { return true }
        if levels.isEmpty { return false }
        let hint = Suggest.hint(for: key, in: levels, otherwise: "; levels: \(levels.sorted().joined(separator: ", "))")
        reader.error(node, "unknown level '\(key)' in \(what)\(hint)")
        return false
    }
}
