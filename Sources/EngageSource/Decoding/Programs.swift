import Foundation
import Yams
import EngageModel

/// `content/programs/<slug>.md` → `Program`.
extension SiteLoader {
    static let programFields = ["title", "summary", "kind", "frequency", "cost_per_employee", "started", "strengths",
                                "weaknesses", "kpis", "draft"]

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
