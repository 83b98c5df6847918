import EngageModel

/// `kpis/<id>/`: a KPI for the organisation (chart and figures by period), its departments and
/// its teams ranked; its target note, links, parent and children. A KPI without values says
/// "No values yet" instead of empty tables.
public struct KPIPage: SitePage {
    public static let template = "kpi"
    public static let section = PageSection.kpis
    public let kpi: KPI
    public var address: String { Route.kpi(kpi.id) }
    public var title: String { kpi.name }
    public var summary: String? { kpi.definition }

    public static func pages(in data: SiteData) -> [KPIPage] { data.site.kpis.map { KPIPage(kpi: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("KPIs", Route.kpis) }
    public func searchText(_ data: SiteData) -> String { [kpi.source ?? "", kpi.owner ?? "", kpi.targetNote ?? ""].joined(separator: " ") }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(folders: [.kpis, .teams], reports: [.kpiRollUps]) }

    public struct Context: TemplateContext {
        public var kpi: KPIInfo, org: KPICard? = nil, chart: String, org_points: [KPIFigure], latest_period: String? = nil
        public var departments: [KPICard]? = nil, teams: [KPIFigure]? = nil, weighting_note: String
        public var csv_href: String? = nil
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "kpi": { $0.kpi }, "org": { $0.org }, "chart": { $0.chart.isEmpty ? nil : $0.chart },
            "org_points": { $0.org_points },
            "latest_period": { $0.latest_period },
            "departments": { $0.departments ?? [] }, "teams": { $0.teams ?? [] },
            "no_values": { $0.org_points.isEmpty && ($0.teams ?? []).isEmpty ? true : nil },
            "weighting_note": { $0.weighting_note }, "csv_href": { $0.csv_href },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, report = data.reports.kpis, k = kpi, currency = data.currency
        func format(_ v: Double) -> String { Format.kpi(v, k, currency: currency) }
        var info = KPIInfo(k, currency: currency, tolerance: k.tolerance.map(format))
        info.id = k.id
        info.addRelations(k, site, link)
        let org = report.figures(.organization, kpi: k.id)
        let numbers = org.map { "\($0.period.text): \(format($0.value))\($0.measured ? " (measured)" : "")" }.joined(separator: ", ")
        var c = Context(
            kpi: info, org: KPICard(k, figures: org, data, link, subject: "the organisation"),
            chart: Charts.lineChart(org.map { ($0.period.text, $0.value) }, target: k.target,
                                    description: "\(k.name) for the organisation by period: \(numbers)",
                                    format: { Format.axisLabel($0, step: $1, k, currency: currency) },
                                    formatTarget: format),
            org_points: org.map { f in
                KPIFigure(period: f.period.text, value: format(f.value), status: KPIMath.status(f.value, k),
                          basis: Format.basis(f), measured: f.measured, note: f.note)
            },
            weighting_note: KPIFigures.weightingNote, csv_href: link.staticFile("data/kpis.csv"))
        if let latest = report.latest {
            c.latest_period = latest.text
            c.departments = site.departments.compactMap { d in
                guard var card = KPICard(k, scope: .department(d.slug), data, link, subject: d.name) else { return nil }
                card.group = d.name
                card.group_href = link.href(Route.department(d.slug))
                return card
            }
            let ranked = site.teams.compactMap { t -> (Team, KPIFigureValue)? in
                report.figure(.team(t.slug), kpi: k.id, period: latest).map { (t, $0) }
            }.sorted { a, b in
                a.1.value != b.1.value ? (k.better == .higher ? a.1.value > b.1.value : a.1.value < b.1.value) : a.0.name < b.0.name
            }
            c.teams = ranked.enumerated().map { i, entry in
                KPIFigure(rank: i + 1, name: entry.0.name, href: link.href(Route.team(entry.0.slug)), department: entry.0.department,
                          value: format(entry.1.value), status: KPIMath.status(entry.1.value, k), note: entry.1.note)
            }
        }
        return c
    }
}
