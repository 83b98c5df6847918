import EngageModel

/// `kpis/`: the KPI catalog with each KPI's latest organisation figure, under a heading per
/// `group` (groups in order of first appearance, ungrouped KPIs last under "Other KPIs"); only
/// when there are KPIs.
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
        public var kpis: [KPIInfo], groups: [KPIGroupContext], latest_period: String? = nil
        public var csv_href: String? = nil
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "kpis": { $0.kpis }, "groups": { $0.groups }, "latest_period": { $0.latest_period }, "csv_href": { $0.csv_href },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, report = data.reports.kpis
        let rows = site.kpis.map { k in
            var row = KPIInfo(k, currency: data.currency, tolerance: k.tolerance.map { "± " + Format.kpi($0, k, currency: data.currency) })
            row.id = k.id
            row.href = link.href(Route.kpi(k.id))
            row.key = k.key
            row.latest = KPICard(k, scope: .organization, data, link, subject: "the organisation")
            return row
        }
        return Context(kpis: rows, groups: Self.groups(rows, site.kpis), latest_period: report.latest?.text,
                       csv_href: site.kpis.isEmpty ? nil : link.staticFile("data/kpis.csv"))
    }

    /// **Choice:** groups in the order the catalog first names them; KPIs without a group last,
    /// under "Other KPIs" (a catalog with no groups at all has just that one).
    static func groups(_ rows: [KPIInfo], _ kpis: [KPI]) -> [KPIGroupContext] {
        var order: [String] = []
        var members: [String: [KPIInfo]] = [:]
        var other: [KPIInfo] = []
        for (row, k) in zip(rows, kpis) {
            guard let g = k.group else { other.append(row); continue }
            if members[g] == nil { order.append(g) }
            members[g, default: []].append(row)
        }
        var named = order.map { ($0, members[$0] ?? []) }
        if !other.isEmpty { named.append((KPIFigures.otherGroup, other)) }
        var used = Set<String>()
        return named.map { name, kpis in
            // Anchors stay unique even when two headings fold to the same slug.
            let base = "group-" + (Slug.department(name).isEmpty ? "kpis" : Slug.department(name))
            var id = base, n = 2
            while !used.insert(id).inserted { id = "\(base)-\(n)"; n += 1 }
            return KPIGroupContext(name: name, id: id, kpis: kpis)
        }
    }
}
