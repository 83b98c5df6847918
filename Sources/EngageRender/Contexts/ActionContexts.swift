import EngageModel

/// One action in a list (`/actions/`, and the "Actions" lists of team, department and survey
/// pages): `title`, `href`, `summary`, `group` (`name`, `href`), `addresses` (`label`, `href`),
/// `status`, `status_key`, `overdue`, `owner`, `opened`, `due`.
public struct ActionItem: TemplateContext {
    public var title: String, href: String, summary: String? = nil
    public var group: NamedLink, addresses: [LabeledLink]
    public var status: String, status_key: String, overdue: Bool
    public var owner: String? = nil, opened: String, due: String? = nil
    public static let fields: [String: @Sendable (ActionItem) -> Any?] = [
        "title": { $0.title }, "href": { $0.href }, "summary": { $0.summary }, "group": { $0.group },
        "addresses": { $0.addresses }, "status": { $0.status }, "status_key": { $0.status_key },
        "overdue": { $0.overdue }, "owner": { $0.owner }, "opened": { $0.opened }, "due": { $0.due },
    ]
}

enum ActionText {
    /// "Factor: Wellbeing", "Question “I have a manageable workload.”", "KPI: Absenteeism" (a question
    /// in quotes: its own full stop and the list's comma would otherwise run together).
    static func label(_ target: Action.Target, _ site: Site) -> String {
        switch target {
        case .factor(let f): return "Factor: \(f)"
        case .question(let q):
            let text = site.surveys.reversed().lazy.compactMap { $0.questions.first { $0.id == q }?.text }.first
            return "Question “\(text ?? q)”"
        case .kpi(let k): return "KPI: \(site.kpi(k)?.name ?? k)"
        }
    }

    /// The page a target is read on: the KPI's page, or the latest survey's.
    static func route(_ target: Action.Target, _ site: Site) -> String? {
        switch target {
        case .kpi(let k): return site.kpi(k) == nil ? nil : Route.kpi(k)
        case .factor, .question: return site.surveys.last.map { Route.survey($0.period.text) }
        }
    }

    static func group(_ id: GroupID, _ site: Site, _ link: Linker) -> NamedLink {
        switch id {
        case .organization: return NamedLink(name: site.config.organization ?? "Whole organisation", href: link.href(Route.home))
        case .department(let s): return NamedLink(name: site.department(s)?.name ?? s, href: link.href(Route.department(s)))
        case .team(let s): return NamedLink(name: site.team(s)?.name ?? s, href: link.href(Route.team(s)))
        }
    }

    static func item(_ a: Action, _ data: SiteData, _ link: Linker) -> ActionItem {
        let site = data.site
        return ActionItem(
            title: a.title, href: link.href(Route.action(a.slug)), summary: a.summary,
            group: group(a.group, site, link),
            addresses: a.addresses.map { t in LabeledLink(label: label(t, site), href: link.href(route(t, site) ?? Route.actions)) },
            status: a.status.label, status_key: a.status.rawValue, overdue: data.reports.actions.isOverdue(a),
            owner: a.owner, opened: a.opened, due: a.due)
    }

    /// The actions that address a factor or question of a survey, as list items.
    static func items(addressing survey: Survey, _ data: SiteData, _ link: Linker) -> [ActionItem] {
        let factors = Set(survey.factors), questions = Set(survey.questions.map(\.id))
        return data.site.actions.filter { a in
            a.addresses.contains { t in
                switch t {
                case .factor(let f): return factors.contains(f)
                case .question(let q): return questions.contains(q)
                case .kpi: return false
                }
            }
        }.map { item($0, data, link) }
    }

    /// The actions of a group, as list items.
    static func items(of group: GroupID, _ data: SiteData, _ link: Linker) -> [ActionItem] {
        data.site.actions.filter { $0.group == group }.map { item($0, data, link) }
    }
}
