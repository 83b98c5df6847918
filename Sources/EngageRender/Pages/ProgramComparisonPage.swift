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
        public var same: [String] = [], kpis: [KPIRow] = [], csv_href: String = ""
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "a": { $0.a }, "b": { $0.b }, "rows": { $0.rows },
            "observational_note": { $0.observational_note }, "same": { $0.same.isEmpty ? nil : $0.same.joined(separator: ", ") },
            "kpis": { $0.kpis }, "csv_href": { $0.csv_href },
        ]
    }

    /// A fact that differs: `label`, and either `a`, `b`, `note` or `is_list`, `a_list`, `b_list`
    /// (for lists, only the items the other program does not have).
    public struct Row: TemplateContext {
        public var label: String
        public var a: String? = nil, b: String? = nil, note: String? = nil
        public var a_list: [String]? = nil, b_list: [String]? = nil
        public static let fields: [String: @Sendable (Row) -> Any?] = [
            "label": { $0.label }, "a": { $0.a }, "b": { $0.b }, "note": { $0.note },
            "is_list": { $0.a_list == nil ? nil : true }, "a_list": { $0.a_list }, "b_list": { $0.b_list },
        ]
    }

    /// A KPI either program targets: `kpi`, `kpi_href`, `a`, `b` (each program's difference from the
    /// other teams, or why there is none), `verdict` (which moved it more, or why that can't be told),
    /// `winner` ("a", "b" or absent).
    public struct KPIRow: TemplateContext {
        public var kpi: String, kpi_href: String, a: String, b: String, verdict: String, winner: String? = nil
        public static let fields: [String: @Sendable (KPIRow) -> Any?] = [
            "kpi": { $0.kpi }, "kpi_href": { $0.kpi_href }, "a": { $0.a }, "b": { $0.b },
            "verdict": { $0.verdict }, "winner": { $0.winner },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, currency = data.currency, relations = data.reports.relations
        var rows: [Row] = [], same: [String] = []
        func text(_ label: String, _ x: String?, _ y: String?, note: String? = nil) {
            if (x ?? "") == (y ?? "") { same.append(label); return }
            rows.append(Row(label: label, a: x ?? "—", b: y ?? "—", note: note))
        }
        func list(_ label: String, _ x: [String], _ y: [String]) {
            let onlyX = x.filter { !y.contains($0) }, onlyY = y.filter { !x.contains($0) }
            if onlyX.isEmpty && onlyY.isEmpty { same.append(label); return }
            rows.append(Row(label: label, a_list: onlyX, b_list: onlyY))
        }
        func money(_ label: String, _ x: Double?, _ y: Double?, unit: String) {
            let fx = x.map { ProgramFigures.money($0, currency) }, fy = y.map { ProgramFigures.money($0, currency) }
            var note: String? = nil
            if let x, let y, fx != fy {
                let cheaper = x < y ? a.title : b.title
                note = "\(cheaper) costs \(ProgramFigures.money(abs(x - y), currency)) less\(unit)"
            }
            text(label, fx.map { $0 + unit }, fy.map { $0 + unit }, note: note)
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
        if ROIContext.applies(data) {
            func roi(_ p: Program) -> String {
                guard let r = ROIContext(p, data) else { return "Not enough data" }
                if let percent = r.percent { return "\(percent) (\(ROIContext.scope))" }
                return r.tooEarly ? "Too early to estimate" : "Not enough data"
            }
            text("Estimated annual ROI", roi(a), roi(b))
        }
        var kpiIDs: [String] = []
        for id in a.kpis + b.kpis where !kpiIDs.contains(id) && site.kpi(id) != nil { kpiIDs.append(id) }
        let kpis = kpiIDs.compactMap { id in site.kpi(id).map { kpiRow($0, data, link) } }
        return Context(a: TitledLink(title: a.title, href: link.href(Route.program(a.slug))),
                       b: TitledLink(title: b.title, href: link.href(Route.program(b.slug))),
                       rows: rows, observational_note: ProgramFigures.observationalNote,
                       same: same, kpis: kpis, csv_href: link.staticFile("data/programs.csv"))
    }

    /// Which of the two programs moved a KPI more: the one whose enrolled teams did better against
    /// the other teams (the impact difference), whether or not the program targets the KPI.
    func kpiRow(_ kpi: KPI, _ data: SiteData, _ link: Linker) -> KPIRow {
        let ia = data.reports.impact(program: a, kpi: kpi.id, site: data.site)
        let ib = data.reports.impact(program: b, kpi: kpi.id, site: data.site)
        func cell(_ p: Program, _ i: ProgramImpact) -> String {
            let targeted = p.kpis.contains(kpi.id) ? "" : " (not targeted)"
            guard let d = i.difference else { return (i.tooEarly ? "Too early to estimate" : "Not enough data") + targeted }
            return "\(Format.delta(d, kpi, currency: data.currency)) vs other teams" + targeted
        }
        var row = KPIRow(kpi: kpi.name, kpi_href: link.href(Route.kpi(kpi.id)), a: cell(a, ia), b: cell(b, ib), verdict: "")
        guard let da = ia.difference, let db = ib.difference else {
            row.verdict = ia.tooEarly || ib.tooEarly ? "Too early to tell for \([ia.tooEarly ? a.title : nil, ib.tooEarly ? b.title : nil].compactMap { $0 }.joined(separator: " and "))"
                                                    : "Not enough data"
            return row
        }
        func said(_ p: Program, _ d: Double) -> String {
            KPIMath.improved(from: 0, to: d, better: kpi.better) == true ? "\(p.title) moved it more" : "\(p.title) did less harm"
        }
        switch KPIMath.improved(from: db, to: da, better: kpi.better) {
        case .some(true): row.verdict = said(a, da); row.winner = "a"
        case .some(false): row.verdict = said(b, db); row.winner = "b"
        case .none: row.verdict = "Both moved it the same"
        }
        return row
    }
}
