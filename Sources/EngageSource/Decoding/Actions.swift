import Foundation
import Yams
import EngageModel

/// Version 2: `content/actions/<slug>.md` → `Action`. The group, factors, questions and survey
/// period are checked once the whole site is loaded (`checkActions`); KPI ids are references.
extension SiteLoader {
    static let actionFields = ["title", "summary", "group", "addresses", "survey", "owner", "status", "opened", "due", "draft"]
    static let actionTargets = ["factor", "question", "kpi"]

    static func decodeAction(_ map: MapReader, _ slug: String, _ source: SourceRef) -> Action? {
        let what = "action '\(slug)'"
        let reader = map.reader
        map.checkKeys(actionFields, what: what)
        var positions: [String: Position] = [:]
        let title = map.string("title", required: true, what: what)
        let group = map.string("group", required: true, what: what)
        if group != nil { positions["group"] = map.position(of: "group") }

        var targets: [Action.Target] = []
        if let addresses = map.map("addresses", required: true, what: what) {
            addresses.checkKeys(actionTargets, what: "'addresses' of \(what)")
            for key in actionTargets {
                for (name, node) in addresses.stringListWithNodes(key) {
                    let target: Action.Target = key == "factor" ? .factor(name) : key == "question" ? .question(name) : .kpi(name)
                    if targets.contains(target) { continue }
                    targets.append(target)
                    positions[target.code] = reader.position(of: node)
                    if key == "kpi" { reader.refer(.kpi, name, at: node, what: "'addresses' of \(what)") }
                }
            }
            if targets.isEmpty {
                reader.error(addresses.node, "'addresses' of \(what) must name at least one figure: a 'factor', a 'question' or a 'kpi'")
            }
        }

        let survey = map.string("survey", what: what)
        if survey != nil { positions["survey"] = map.position(of: "survey") }

        var status = Action.Status.planned
        if let text = map.string("status", what: what) {
            if let s = Action.Status(rawValue: text) { status = s } else {
                let names = Action.Status.allCases.map(\.rawValue)
                let hint = Suggest.hint(for: text, in: names, otherwise: "; use one of: \(names.joined(separator: ", "))")
                reader.error(map["status"], "unknown status '\(text)' in \(what)\(hint)")
            }
        }
        func day(_ key: String, required: Bool) -> String? {
            guard let text = map.string(key, required: required, what: what) else { return nil }
            guard Dates.isValidDay(text) else {
                reader.error(map[key], "'\(key)' must be a date written YYYY-MM-DD (e.g. 2026-04-02), found '\(text)'")
                return nil
            }
            return text
        }
        let opened = day("opened", required: true)
        let due = day("due", required: false)
        if let opened, let due, due < opened {
            reader.error(map["due"], "'due' (\(due)) is before 'opened' (\(opened)) in \(what)")
        }
        // Decoded despite a bad date or no targets (the build fails anyway), so that its other names
        // are checked in the same run.
        guard let title, let group else { return nil }
        let groupID: GroupID = group == "organization" ? .organization : .team(group)
        return Action(slug: slug, title: title, summary: map.string("summary", what: what), group: groupID,
                      addresses: targets, survey: survey, owner: map.string("owner", what: what), status: status,
                      opened: opened ?? "", due: due, source: source, positions: positions)
    }

    /// Checks what an action names against the loaded site and resolves its group (a team slug, else
    /// a department slug). Returns the actions with their groups resolved.
    static func checkActions(_ site: Site, _ diagnostics: inout Diagnostics) -> [Action] {
        let teams = Set(site.teams.map(\.slug))
        let departments = Set(site.departments.map(\.slug))
        let factors = Set(site.surveys.flatMap(\.factors))
        let questions = Set(site.surveys.flatMap { $0.questions.map(\.id) })
        let periods = site.surveys.map(\.period.text)
        func known(_ names: Set<String>, none: String) -> String {
            names.isEmpty ? "; \(none)" : names.count <= 8 ? "; known: \(names.sorted().joined(separator: ", "))" : ""
        }
        return site.actions.map { action in
            var action = action
            let path = action.source.path, what = "action '\(action.slug)'"
            func at(_ key: String) -> Position { action.positions[key] ?? .start }
            if case .team(let name) = action.group, !teams.contains(name) {
                if departments.contains(name) { action.group = .department(name) } else {
                    let candidates = ["organization"] + departments.sorted() + teams.sorted()
                    let hint = Suggest.hint(for: name, in: candidates, otherwise: "; use 'organization', a department or a team")
                    diagnostics.error(path, at("group"), "unknown group '\(name)' in \(what)\(hint)")
                }
            }
            for target in action.addresses {
                switch target {
                case .factor(let f) where !factors.contains(f):
                    let hint = Suggest.hint(for: f, in: factors, otherwise: known(factors, none: "no survey has factors"))
                    diagnostics.error(path, at(target.code), "unknown survey factor '\(f)' in 'addresses' of \(what)\(hint)")
                case .question(let q) where !questions.contains(q):
                    let hint = Suggest.hint(for: q, in: questions, otherwise: known(questions, none: "there are no surveys"))
                    diagnostics.error(path, at(target.code), "unknown survey question '\(q)' in 'addresses' of \(what)\(hint)")
                default: break
                }
            }
            if let survey = action.survey, !periods.contains(survey) {
                let hint = Suggest.hint(for: survey, in: periods, otherwise: known(Set(periods), none: "there are no surveys"))
                diagnostics.error(path, at("survey"), "unknown survey period '\(survey)' in \(what)\(hint)")
            }
            return action
        }
    }
}
