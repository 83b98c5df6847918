import Foundation
import Yams
import EngageModel

/// Version 2 parts of `content/kpis/<period>.yml`: values measured for the organisation and for
/// departments, and notes. What needs the teams (department slugs, note keys, whether a note's
/// value exists) is recorded as `KPIGroupCheck`s and checked once the site is loaded.
struct KPIGroupCheck: Sendable {
    enum Kind: Sendable {
        /// A key of `departments:`.
        case department
        /// A key of `notes:`, with the KPIs it notes (and where each is written).
        case note(kpis: [(id: String, position: Position)])
    }
    var path: String
    var period: String
    var key: String
    var position: Position
    var kind: Kind
    /// KPI ids with a value in this file: per team slug, per measured department, for the organisation.
    var teamValues: [String: Set<String>]
    var departmentValues: [String: Set<String>]
    var organizationValues: Set<String>
}

extension SiteLoader {
    /// Reads a mapping of KPI id → number (`organization:` or one department of `departments:`).
    static func decodeMeasured(_ map: MapReader, of group: String, catalog: [String: KPI]) -> [String: KPIValue] {
        let reader = map.reader
        var row: [String: KPIValue] = [:]
        for kv in map.entries {
            guard let kpi = catalog[kv.key] else {
                if !catalog.isEmpty { reader.error(kv.keyNode, "unknown KPI '\(kv.key)' for \(group)\(Suggest.hint(for: kv.key, in: catalog.keys))") }
                continue
            }
            guard let value = reader.number(kv.value, what: "'\(kv.key)' of \(group)") else { continue }
            checkBounds(value, kpi, kv.value, reader, what: "value")
            row[kv.key] = KPIValue(value, text: kv.value.scalar?.string.trimmingCharacters(in: .whitespaces))
        }
        return row
    }

    /// `organization:`, `departments:` and `notes:` of a period file.
    static func decodePeriodV2(_ map: MapReader, period: inout KPIPeriod, periodText: String, catalog: [String: KPI]) -> [KPIGroupCheck] {
        let reader = map.reader
        if let org = map.map("organization", what: "a KPI file") {
            period.organization = decodeMeasured(org, of: "the organization", catalog: catalog)
        }
        var departmentKeys: [(String, Position)] = []
        for entry in map.map("departments", what: "a KPI file")?.entries ?? [] {
            departmentKeys.append((entry.key, reader.position(of: entry.keyNode)))
            guard let m = reader.map(entry.value, what: "KPI values of department '\(entry.key)'") else { continue }
            period.departments[entry.key] = decodeMeasured(m, of: "department '\(entry.key)'", catalog: catalog)
        }
        var noteKeys: [(String, Position, [(id: String, position: Position)])] = []
        for entry in map.map("notes", what: "a KPI file")?.entries ?? [] {
            guard let m = reader.map(entry.value, what: "notes of '\(entry.key)'") else { continue }
            var noted: [(id: String, position: Position)] = []
            for kv in m.entries {
                guard catalog[kv.key] != nil else {
                    if !catalog.isEmpty { reader.error(kv.keyNode, "unknown KPI '\(kv.key)' in the notes of '\(entry.key)'\(Suggest.hint(for: kv.key, in: catalog.keys))") }
                    continue
                }
                guard let text = reader.string(kv.value, what: "the note for '\(kv.key)' of '\(entry.key)'") else { continue }
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    reader.error(kv.value, "the note for '\(kv.key)' of '\(entry.key)' is empty; write the note or remove the line")
                    continue
                }
                period.notes[entry.key, default: [:]][kv.key] = text
                noted.append((kv.key, reader.position(of: kv.keyNode)))
            }
            noteKeys.append((entry.key, reader.position(of: entry.keyNode), noted))
        }
        let teamValues = period.values.mapValues { Set($0.keys) }
        let departmentValues = period.departments.mapValues { Set($0.keys) }
        let organizationValues = Set(period.organization.keys)
        func check(_ key: String, _ position: Position, _ kind: KPIGroupCheck.Kind) -> KPIGroupCheck {
            KPIGroupCheck(path: reader.path, period: periodText, key: key, position: position, kind: kind,
                          teamValues: teamValues, departmentValues: departmentValues, organizationValues: organizationValues)
        }
        return departmentKeys.map { check($0.0, $0.1, .department) } + noteKeys.map { check($0.0, $0.1, .note(kpis: $0.2)) }
    }

    /// Department slugs of `departments:` and the keys of `notes:` against the loaded teams.
    static func checkKPIGroups(_ checks: [KPIGroupCheck], site: Site, _ diagnostics: inout Diagnostics) {
        let teams = Set(site.teams.map(\.slug))
        let departments = Dictionary(site.departments.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let organization = KPIPeriod.organizationKey
        func knownDepartments() -> String {
            departments.isEmpty ? "; there are none (a department is named by its teams' 'department' field)"
                : departments.count <= 8 ? "; known: \(departments.keys.sorted().joined(separator: ", "))" : ""
        }
        for c in checks {
            switch c.kind {
            case .department:
                if departments[c.key] != nil { continue }
                if teams.contains(c.key) {
                    diagnostics.error(c.path, c.position, "'\(c.key)' in 'departments' is a team, not a department; put its values under 'teams'")
                } else {
                    diagnostics.error(c.path, c.position, "unknown department '\(c.key)' in 'departments' of the KPI file\(Suggest.hint(for: c.key, in: departments.keys, otherwise: knownDepartments()))")
                }
            case .note(let kpis):
                let isDepartment = departments[c.key] != nil, isTeam = teams.contains(c.key)
                guard c.key == organization || isDepartment || isTeam else {
                    let candidates = [organization] + Array(departments.keys) + Array(teams)
                    diagnostics.error(c.path, c.position, "unknown group '\(c.key)' in 'notes'; use 'organization', a department or a team\(Suggest.hint(for: c.key, in: candidates))")
                    continue
                }
                for kpi in kpis {
                    let anyTeam = c.teamValues.values.contains { $0.contains(kpi.id) }
                    let has: Bool
                    let whose: String
                    if c.key == organization {
                        has = c.organizationValues.contains(kpi.id) || anyTeam
                        whose = "the organization"
                    } else {
                        let department = departments[c.key].map { d in
                            c.departmentValues[c.key]?.contains(kpi.id) == true || d.teams.contains { c.teamValues[$0]?.contains(kpi.id) == true }
                        } ?? false
                        let team = isTeam && c.teamValues[c.key]?.contains(kpi.id) == true
                        has = department || team
                        whose = isTeam ? "team '\(c.key)'" : "department '\(c.key)'"
                    }
                    if !has {
                        diagnostics.error(c.path, kpi.position, "note for '\(kpi.id)' of \(whose) in \(c.period), but there is no such value")
                    }
                }
            }
        }
    }
}
