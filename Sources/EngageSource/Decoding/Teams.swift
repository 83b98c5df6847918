import Foundation
import Yams
import EngageModel

/// `content/teams/<slug>.md` → `Team`.
extension SiteLoader {
    static let teamFields = ["name", "summary", "lead", "department", "region", "headcount", "pathways", "programs", "draft"]

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
}
