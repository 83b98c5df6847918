import Foundation
import Yams
import EngageModel

/// Front matter → model items. Every problem becomes a diagnostic on the reader.
extension SiteLoader {
    static let valueFields = ["title", "summary", "order", "behaviours", "draft"]
    static let pathwayFields = ["title", "family", "summary", "values", "levels", "competencies", "moves", "draft"]
    static let levelFields = ["id", "title", "summary"]
    static let competencyFields = ["id", "name", "theme", "expectations", "examples"]
    static let moveFields = ["to", "from_level", "to_level", "note"]
    static let teamFields = ["name", "summary", "lead", "department", "region", "headcount", "pathways", "programs", "draft"]
    static let programFields = ["title", "summary", "kind", "frequency", "cost_per_employee", "started", "strengths",
                                "weaknesses", "kpis", "draft"]
    static let guideFields = ["title", "summary", "sections", "draft"]
    static let sectionFields = ["title", "intro", "questions"]
    static let pageFields = ["title", "summary", "draft"]

    static func decodeValue(_ map: MapReader, _ slug: String, _ source: SourceRef) -> Value? {
        let what = "value '\(slug)'"
        map.checkKeys(valueFields, what: what)
        let title = map.string("title", required: true, what: what)
        let value = Value(slug: slug, title: title ?? slug, summary: map.string("summary", what: what),
                          order: map.int("order", what: what), behaviours: map.stringList("behaviours"),
                          body: .empty, source: source)
        return title == nil ? nil : value
    }

    static func decodeTeam(_ map: MapReader, _ slug: String, _ source: SourceRef) -> Team? {
        let what = "team '\(slug)'"
        map.checkKeys(teamFields, what: what)
        let name = map.string("name", required: true, what: what)
        let department = map.string("department", what: what)
        if let department, Slug.department(department).isEmpty {
            map.reader.error(map["department"], "department name '\(department)' has no letters or digits to make its page address from")
        }
        if let department { map.reader.refer(.department, department, at: map["department"], what: "'department' of \(what)") }
        let pathways = references(map, "pathways", .pathway, what: "'pathways' of \(what)")
        let programs = references(map, "programs", .program, what: "'programs' of \(what)")
        let team = Team(slug: slug, name: name ?? slug, summary: map.string("summary", what: what),
                        lead: map.string("lead", what: what), department: department,
                        region: map.string("region", what: what), headcount: map.int("headcount", min: 0, what: what),
                        pathways: pathways, programs: programs, body: .empty, source: source)
        return name == nil ? nil : team
    }

    static func decodeProgram(_ map: MapReader, _ slug: String, _ source: SourceRef) -> Program? {
        let what = "program '\(slug)'"
        map.checkKeys(programFields, what: what)
        let title = map.string("title", required: true, what: what)
        var cost = map.number("cost_per_employee", what: what)
        if let c = cost, c < 0 {
            map.reader.error(map["cost_per_employee"], "'cost_per_employee' must not be negative, found \(YAMLReader.format(c))")
            cost = nil
        }
        var started: String?
        if let node = map["started"], let text = map.reader.string(node, what: "'started'") {
            if Dates.isValidDay(text) { started = text } else {
                map.reader.error(node, "'started' must be a date written YYYY-MM-DD (e.g. 2026-01-15), found '\(text)'")
            }
        }
        let program = Program(slug: slug, title: title ?? slug, summary: map.string("summary", what: what),
                              kind: map.string("kind", what: what), frequency: map.string("frequency", what: what),
                              costPerEmployee: cost, started: started,
                              strengths: map.stringList("strengths"), weaknesses: map.stringList("weaknesses"),
                              kpis: references(map, "kpis", .kpi, what: "'kpis' of \(what)"), body: .empty, source: source)
        return title == nil ? nil : program
    }

    static func decodeGuide(_ map: MapReader, _ slug: String, _ source: SourceRef) -> Guide? {
        let what = "guide '\(slug)'"
        map.checkKeys(guideFields, what: what)
        let title = map.string("title", required: true, what: what)
        var sections: [GuideSection] = []
        for (index, node) in map.list("sections", what: what).enumerated() {
            let sectionWhat = "section \(index + 1) of \(what)"
            guard let section = map.reader.map(node, what: sectionWhat) else { continue }
            section.checkKeys(sectionFields, what: sectionWhat)
            guard let sectionTitle = section.string("title", required: true, what: sectionWhat) else { continue }
            sections.append(GuideSection(title: sectionTitle, intro: section.string("intro", what: sectionWhat),
                                         questions: section.stringList("questions")))
        }
        let guide = Guide(slug: slug, title: title ?? slug, summary: map.string("summary", what: what),
                          sections: sections, body: .empty, source: source)
        return title == nil ? nil : guide
    }

    static func decodePage(_ map: MapReader, _ slug: String, _ source: SourceRef) -> FreePage? {
        let what = "page '\(slug)'"
        map.checkKeys(pageFields, what: what)
        guard let title = map.string("title", required: true, what: what) else { return nil }
        return FreePage(slug: slug, title: title, summary: map.string("summary", what: what), body: .empty, source: source)
    }

    static func decodePathway(_ map: MapReader, _ slug: String, _ source: SourceRef) -> Pathway? {
        let what = "pathway '\(slug)'"
        let reader = map.reader
        map.checkKeys(pathwayFields, what: what)
        let title = map.string("title", required: true, what: what)

        var levels: [Level] = []
        var levelIDs = Set<String>()
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
            guard checkID(id, level["id"], reader, what: "level id") else { continue }
            if !levelIDs.insert(id).inserted {
                reader.error(level["id"], "duplicate level id '\(id)' in \(what); each level needs its own id")
                continue
            }
            levels.append(Level(id: id, title: levelTitle, summary: level.string("summary", what: levelWhat)))
        }

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
            var expectations: [String: String] = [:]
            if let e = c.map("expectations", what: cWhat) {
                for entry in e.entries {
                    guard levelKey(entry.key, entry.keyNode, levelIDs, reader, what: "'expectations' of competency '\(id)'") else { continue }
                    if let text = reader.string(entry.value, what: "expectation for level '\(entry.key)'") { expectations[entry.key] = text }
                }
            }
            var examples: [String: [String]] = [:]
            if let e = c.map("examples", what: cWhat) {
                for entry in e.entries {
                    guard levelKey(entry.key, entry.keyNode, levelIDs, reader, what: "'examples' of competency '\(id)'") else { continue }
                    examples[entry.key] = reader.stringList(entry.value, what: "examples for level '\(entry.key)'")
                }
            }
            competencies.append(Competency(id: id, name: name, theme: c.string("theme", what: cWhat),
                                           expectations: expectations, examples: examples))
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
                              levels: levels, competencies: competencies, moves: moves, body: .empty, source: source)
        return title == nil || levels.isEmpty ? nil : pathway
    }

    /// Reads a list of names and records each as a reference to check once everything is loaded.
    static func references(_ map: MapReader, _ key: String, _ kind: Reference.Kind, what: String) -> [String] {
        map.stringListWithNodes(key).map { name, node in
            map.reader.refer(kind, name, at: node, what: what)
            return name
        }
    }

    /// Ids inside a pathway must be usable in URLs.
    static func checkID(_ id: String, _ node: Node?, _ reader: YAMLReader, what: String) -> Bool {
        if Slug.isValid(id) { return true }
        let better = Slug.suggestion(for: id)
        reader.error(node, "invalid \(what) '\(id)': use lowercase letters, digits and '-'\(better.isEmpty ? "" : Suggest.didYouMean(better))")
        return false
    }

    static func levelKey(_ key: String, _ node: Node, _ levels: Set<String>, _ reader: YAMLReader, what: String) -> Bool {
        if levels.contains(key) { return true }
        if levels.isEmpty { return false }
        let hint = Suggest.hint(for: key, in: levels, otherwise: "; levels: \(levels.sorted().joined(separator: ", "))")
        reader.error(node, "unknown level '\(key)' in \(what)\(hint)")
        return false
    }
}

extension YAMLReader {
    /// A number as a person writes it (no trailing ".0").
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

public enum Dates {
    /// YYYY-MM-DD naming a real calendar day.
    public static func isValidDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }) else { return false }
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }
}

extension SiteLoader {
    /// Why `edit_url` cannot be used in links, or nil: only `http(s)://…` or a path from the server root.
    /// Anything else (`javascript:`, `data:`, `//host`, a relative path) would put an unsafe or broken link on every page.
    static func editURLProblem(_ url: String) -> String? {
        let shown = url.count > 60 ? String(url.prefix(60)) + "…" : url
        let base = "'edit_url' must be an address starting with 'https://' or 'http://', or a path starting with '/', found '\(shown)'"
        if url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || "\\\"'<>`".unicodeScalars.contains($0) }) {
            return base + "; it may not contain spaces, quotes, '<', '>' or '\\'"
        }
        let lower = url.lowercased()
        for scheme in ["https://", "http://"] where lower.hasPrefix(scheme) {
            return url.count > scheme.count && !lower.dropFirst(scheme.count).hasPrefix("/") ? nil : base + "; the address needs a host name after '\(scheme)'"
        }
        if url.hasPrefix("/") && !url.hasPrefix("//") { return nil }
        if url.hasPrefix("//") { return base + "; write the scheme: 'https:\(shown)'" }
        if LinkRewriter.hasScheme(url) { return base }
        return base + Suggest.didYouMean("/\(shown)")
    }
}
