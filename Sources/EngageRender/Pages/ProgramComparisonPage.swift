import EngageModel

/// `programs/compare/<a>-vs-<b>/`: two programs side by side; every row says whether they differ.
public struct ProgramComparisonPage: SitePage {
    public static let template = "compare"
    public static let section = PageSection.programs
    /// In slug order.
    public let a: Program, b: Program
    public var address: String { Route.comparison(a.slug, b.slug) }
    public var title: String { "\(a.title) vs \(b.title)" }
    public let summary: String? = "The two programs side by side."

    public static func pages(in data: SiteData) -> [ProgramComparisonPage] {
        let programs = data.site.programs
        var pages: [ProgramComparisonPage] = []
        for (i, x) in programs.enumerated() {
            for y in programs[(i + 1)...] {
                pages.append(x.slug < y.slug ? ProgramComparisonPage(a: x, b: y) : ProgramComparisonPage(a: y, b: x))
            }
        }
        return pages
    }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Programs", Route.programs) }
    public func inputs(_ data: SiteData) -> PageInputs { ProgramFigures.inputs([a, b], data) }

    public struct Context: TemplateContext {
        public var a: TitledLink, b: TitledLink, rows: [Row], observational_note: String
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "a": { $0.a }, "b": { $0.b }, "rows": { $0.rows }, "difference_count": { $0.rows.filter(\.differs).count },
            "observational_note": { $0.observational_note },
        ]
    }

    /// `label`, `differs`, and either `a`, `b`, `note` or `is_list`, `a_list`, `b_list`.
    public struct Row: TemplateContext {
        public var label: String, differs: Bool
        public var a: String? = nil, b: String? = nil, note: String? = nil
        public var a_list: [String]? = nil, b_list: [String]? = nil
        public static let fields: [String: @Sendable (Row) -> Any?] = [
            "label": { $0.label }, "differs": { $0.differs }, "a": { $0.a }, "b": { $0.b }, "note": { $0.note },
            "is_list": { $0.a_list == nil ? nil : true }, "a_list": { $0.a_list }, "b_list": { $0.b_list },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, currency = data.currency, relations = data.reports.relations
        var rows: [Row] = []
        func text(_ label: String, _ x: String?, _ y: String?, note: String? = nil) {
            rows.append(Row(label: label, differs: (x ?? "") != (y ?? ""), a: x ?? "—", b: y ?? "—", note: note))
        }
        func list(_ label: String, _ x: [String], _ y: [String]) {
            rows.append(Row(label: label, differs: x != y, a_list: x, b_list: y))
        }
        func money(_ label: String, _ x: Double?, _ y: Double?, unit: String) {
            var note: String? = nil
            if let x, let y, x != y {
                let cheaper = x < y ? a.title : b.title
                note = "\(cheaper) costs \(Format.money(abs(x - y), currency: currency)) less\(unit)"
            }
            text(label, x.map { Format.money($0, currency: currency) + unit }, y.map { Format.money($0, currency: currency) + unit }, note: note)
        }
        text("Kind", a.kind, b.kind)
        text("Frequency", a.frequency, b.frequency)
        money("Cost per employee", a.costPerEmployee, b.costPerEmployee, unit: " a year")
        money("Annual cost at current enrolment", ProgramFigures.annualCost(a, data), ProgramFigures.annualCost(b, data), unit: "")
        text("Enrolled teams", String(ProgramFigures.enrolledTeams(a, data).count), String(ProgramFigures.enrolledTeams(b, data).count))
        text("Enrolled headcount", String(relations.enrolledHeadcount(a.slug, in: site)), String(relations.enrolledHeadcount(b.slug, in: site)))
        text("Started", a.started, b.started)
        list("Strengths", a.strengths, b.strengths)
        list("Weaknesses", a.weaknesses, b.weaknesses)
        var kpiIDs: [String] = []
        for id in a.kpis + b.kpis where !kpiIDs.contains(id) && site.kpi(id) != nil { kpiIDs.append(id) }
        for id in kpiIDs {
            func cell(_ p: Program) -> String {
                guard p.kpis.contains(id) else { return "Not targeted" }
                let i = ImpactContext(data.reports.impact(program: p, kpi: id, site: site), data, link)
                if let s = i.summary, let v = i.verdict { return "\(s) (\(v))" }
                return i.no_data ?? "Not enough data"
            }
            text("Impact on \(site.kpi(id)?.name ?? id)", cell(a), cell(b))
        }
        if site.config.replacementCost != nil && site.config.turnoverKPI != nil {
            func roi(_ p: Program) -> String { ROIContext(p, data)?.percent.map { "\($0) estimated annual ROI" } ?? "Not enough data" }
            text("Estimated ROI", roi(a), roi(b))
        }
        return Context(a: TitledLink(title: a.title, href: link.href(Route.program(a.slug))),
                       b: TitledLink(title: b.title, href: link.href(Route.program(b.slug))),
                       rows: rows, observational_note: ProgramFigures.observationalNote)
    }
}
