import EngageModel

/// `actions/`: every action plan, by status (overdue ones first within a status and marked in
/// words), with its group and what it addresses; only when there are any.
public struct ActionsIndexPage: SitePage {
    public static let template = "actions"
    public static let section = PageSection.actions
    public let address = Route.actions
    public let title = "Actions"
    public let summary: String? = "What teams and leaders decided to do after surveys and KPI reviews."

    public static func pages(in data: SiteData) -> [ActionsIndexPage] { data.site.actions.isEmpty ? [] : [ActionsIndexPage()] }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    public func searchText(_ data: SiteData) -> String { data.site.actions.map(\.title).joined(separator: " ") }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(folders: [.actions, .teams, .surveys, .kpis]) }

    public struct Context: TemplateContext {
        public var as_of: String? = nil
        public var overdue_count: Int
        public var statuses: [StatusGroup]
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "as_of": { $0.as_of }, "overdue_count": { $0.overdue_count }, "statuses": { $0.statuses },
        ]
    }

    /// `label`, `key`, `count`, `actions` (ActionItem).
    public struct StatusGroup: TemplateContext {
        public var label: String, key: String, count: Int, actions: [ActionItem]
        public static let fields: [String: @Sendable (StatusGroup) -> Any?] = [
            "label": { $0.label }, "key": { $0.key }, "count": { $0.count }, "actions": { $0.actions },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let report = data.reports.actions
        let statuses = Action.Status.allCases.compactMap { status -> StatusGroup? in
            let actions = data.site.actions.filter { $0.status == status }
                .sorted { a, b in
                    let (oa, ob) = (report.isOverdue(a), report.isOverdue(b))
                    if oa != ob { return oa }
                    return (ActionText.group(a.group, data.site, link).name, a.title, a.slug)
                        < (ActionText.group(b.group, data.site, link).name, b.title, b.slug)
                }
            guard !actions.isEmpty else { return nil }
            return StatusGroup(label: status.label, key: status.rawValue, count: actions.count,
                               actions: actions.map { ActionText.item($0, data, link) })
        }
        return Context(as_of: report.asOf, overdue_count: data.site.actions.filter(report.isOverdue).count, statuses: statuses)
    }
}
