import EngageModel

/// `kpis/`: the KPI catalog with each KPI's latest organisation figure; only when there are KPIs.
public struct KPIsIndexPage: SitePage {
    public static let template = "kpis"
    public static let section = PageSection.kpis
    public let address = Route.kpis
    public let title = "KPIs"
    public let summary: String? = "How we measure service and people health."

    public static func pages(in data: SiteData) -> [KPIsIndexPage] { data.site.kpis.isEmpty ? [] : [KPIsIndexPage()] }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    public func searchText(_ data: SiteData) -> String { data.site.kpis.map(\.name).joined(separator: " ") }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(folders: [.kpis], reports: [.kpiRollUps]) }

    public struct Context: TemplateContext {
        public var kpis: [KPIInfo], latest_period: String? = nil
        public static let fields: [String: @Sendable (Context) -> Any?] = ["kpis": { $0.kpis }, "latest_period": { $0.latest_period }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, report = data.reports.kpis
        return Context(
            kpis: site.kpis.map { k in
                var row = KPIInfo(k, currency: data.currency, tolerance: k.tolerance.map { "± " + Format.number($0) })
                row.href = link.href(Route.kpi(k.id))
                row.key = k.key
                row.latest = KPICard(k, series: report.rollUpSeries(teams: site.teams, kpi: k.id), data, link, subject: "the organisation")
                return row
            },
            latest_period: report.latest?.text)
    }
}
