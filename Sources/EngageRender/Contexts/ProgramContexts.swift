import EngageModel

/// A program in a list: `title`, `href`, `summary`, `kind`, `frequency`, `cost`, `team_count`,
/// `headcount`. On the program's page also `started`, `strengths`, `weaknesses`, `body`; in the
/// programs index also `started`, `strengths`, `weaknesses`, `annual_cost`, `impacts`, `compare`, `roi`.
public struct ProgramCard: TemplateContext {
    public var title: String, href: String, summary: String? = nil, kind: String? = nil, frequency: String? = nil, cost: String? = nil
    public var team_count: Int, headcount: Int
    public var started: String? = nil, strengths: [String]? = nil, weaknesses: [String]? = nil, body: String? = nil
    public var annual_cost: String? = nil, impacts: [ImpactContext]? = nil, compare: [TitledLink]? = nil, roi: ROIContext? = nil
    public static let fields: [String: @Sendable (ProgramCard) -> Any?] = [
        "title": { $0.title }, "href": { $0.href }, "summary": { $0.summary }, "kind": { $0.kind },
        "frequency": { $0.frequency }, "cost": { $0.cost }, "team_count": { $0.team_count }, "headcount": { $0.headcount },
        "started": { $0.started }, "strengths": { $0.strengths }, "weaknesses": { $0.weaknesses }, "body": { $0.body },
        "annual_cost": { $0.annual_cost }, "impacts": { $0.impacts }, "compare": { $0.compare }, "roi": { $0.roi },
    ]
    init(_ p: Program, _ data: SiteData, _ link: Linker) {
        title = p.title; href = link.href(Route.program(p.slug)); summary = p.summary; kind = p.kind; frequency = p.frequency
        cost = p.costPerEmployee.map { ProgramFigures.money($0, data.currency) }
        team_count = (data.reports.relations.teamsByProgram[p.slug] ?? []).count
        headcount = data.reports.relations.enrolledHeadcount(p.slug, in: data.site)
    }
}

/// One KPI impact of a program, worded: `kpi`, `kpi_href`, `baseline`, `latest`,
/// `enrolled_teams`, `other_teams`; with data `has_data`, `enrolled_change`, `other_change`,
/// `difference`, `verdict`, `trend`, `summary`; without, `no_data` (and `too_early` when fewer
/// than two KPI periods ended since the program started).
public struct ImpactContext: TemplateContext {
    public var kpi: String, kpi_href: String? = nil, baseline: String? = nil, latest: String? = nil
    public var enrolled_teams: Int, other_teams: Int
    public var no_data: String? = nil, too_early: Bool = false
    public var enrolled_change: String? = nil, other_change: String? = nil, difference: String? = nil
    public var verdict: String? = nil, trend: String? = nil, summary: String? = nil
    public static let fields: [String: @Sendable (ImpactContext) -> Any?] = [
        "kpi": { $0.kpi }, "kpi_href": { $0.kpi_href }, "baseline": { $0.baseline },
        "latest": { $0.latest }, "enrolled_teams": { $0.enrolled_teams }, "other_teams": { $0.other_teams },
        "no_data": { $0.no_data }, "has_data": { $0.no_data == nil ? true : nil }, "too_early": { $0.too_early ? true : nil },
        "enrolled_change": { $0.enrolled_change }, "other_change": { $0.other_change }, "difference": { $0.difference },
        "verdict": { $0.verdict }, "trend": { $0.trend }, "summary": { $0.summary },
    ]

    init(_ impact: ProgramImpact, _ data: SiteData, _ link: Linker) {
        let kpi = data.site.kpi(impact.kpi)
        self.kpi = kpi?.name ?? impact.kpi
        kpi_href = kpi.map { link.href(Route.kpi($0.id)) }
        baseline = impact.baseline?.text
        latest = impact.latest?.text
        enrolled_teams = impact.enrolledTeams
        other_teams = impact.otherTeams
        guard let kpi, let e = impact.enrolledChange, let o = impact.otherChange, let d = impact.difference else {
            let reason = impact.missingReason ?? "no values"
            too_early = impact.tooEarly
            no_data = too_early ? "T" + reason.dropFirst() : "Not enough data: \(reason)"
            return
        }
        let c = data.currency
        enrolled_change = Format.delta(e, kpi, currency: c)
        other_change = Format.delta(o, kpi, currency: c)
        difference = Format.delta(d, kpi, currency: c)
        switch KPIMath.improved(from: 0, to: d, better: kpi.better) {
        case .some(true): verdict = "better than the other teams"; trend = "better"
        case .some(false): verdict = "worse than the other teams"; trend = "worse"
        case .none: verdict = "the same as the other teams"; trend = "same"
        }
        summary = "\(Format.delta(d, kpi, currency: c)) vs other teams"
    }
}

/// A program's estimated ROI: `scope` ("turnover savings only") always; with data `has_data`,
/// `roi`, `turnover_difference`, `headcount`, `avoided`, `replacement_cost`, `cost_per_employee`,
/// `savings`, `cost`, `turnover_kpi`; without, `no_data`, and `too_early` when fewer than two KPI
/// periods ended since the program started.
public struct ROIContext: TemplateContext {
    public var roi: ProgramROI? = nil
    var currency: String
    var turnoverKPI: String
    var tooEarly = false
    static let noData = "Not enough data for an ROI estimate: it needs a cost per employee, enrolled teams with a headcount, and a turnover difference (see above)."
    static let tooEarlyText = "Too early to estimate: fewer than two KPI periods have ended since the program started."
    /// Said wherever an ROI appears (contract, "Programs, version 2").
    static let scope = "turnover savings only"

    /// "12% estimated annual ROI"-style percentage: "−5%", "12%".
    var percent: String? {
        roi.map { ($0.roiPercent < 0 ? "−" : "") + Format.number(abs($0.roiPercent), decimals: 0) + "%" }
    }

    public static let fields: [String: @Sendable (ROIContext) -> Any?] = [
        "no_data": { $0.roi == nil ? ($0.tooEarly ? tooEarlyText : noData) : nil }, "has_data": { $0.roi == nil ? nil : true },
        "too_early": { $0.roi == nil && $0.tooEarly ? true : nil }, "scope": { _ in scope },
        "roi": { $0.percent },
        "turnover_difference": { $0.roi.map { Format.number($0.turnoverDifference, decimals: 2) } },
        "headcount": { $0.roi?.enrolledHeadcount },
        "avoided": { $0.roi.map { Format.number($0.avoidedLeavers, decimals: 1) } },
        "replacement_cost": { c in c.roi.map { ProgramFigures.money($0.replacementCost, c.currency) } },
        "cost_per_employee": { c in c.roi.map { ProgramFigures.money($0.costPerEmployee, c.currency) } },
        "savings": { c in c.roi.map { ProgramFigures.money($0.savings, c.currency) } },
        "cost": { c in c.roi.map { ProgramFigures.money($0.cost, c.currency) } },
        "turnover_kpi": { $0.roi == nil ? nil : $0.turnoverKPI },
    ]

    /// Whether the site sets a replacement cost and a turnover KPI (and so shows ROI at all).
    static func applies(_ data: SiteData) -> Bool {
        data.site.config.replacementCost != nil && data.site.config.turnoverKPI != nil
    }

    /// Nil when the site sets no replacement cost or turnover KPI (no ROI section at all).
    init?(_ p: Program, _ data: SiteData) {
        let config = data.site.config
        guard config.replacementCost != nil, let turnover = config.turnoverKPI else { return nil }
        roi = data.reports.roi[p.slug]
        tooEarly = data.reports.impact(program: p, kpi: turnover, site: data.site).tooEarly
        currency = config.currency
        turnoverKPI = data.site.kpi(turnover)?.name ?? "turnover"
    }
}

/// Program figures shared by the programs index, program pages and comparisons.
enum ProgramFigures {
    /// Money on the program pages: whole currency units.
    static func money(_ value: Double, _ currency: String) -> String {
        Format.money(value.rounded(), currency: currency)
    }

    static let observationalNote = "This is observational evidence: it compares how each KPI moved for enrolled teams and for the other teams, from the last period before the program started to the latest period. Teams were not chosen at random and other things changed at the same time, so a difference suggests an effect but does not prove one."

    static func enrolledTeams(_ p: Program, _ data: SiteData) -> [Team] {
        (data.reports.relations.teamsByProgram[p.slug] ?? []).compactMap { data.site.team($0) }
    }

    static func annualCost(_ p: Program, _ data: SiteData) -> Double? {
        p.costPerEmployee.map { $0 * Double(data.reports.relations.enrolledHeadcount(p.slug, in: data.site)) }
    }

    static func impacts(_ p: Program, _ data: SiteData, _ link: Linker) -> [ImpactContext] {
        data.reports.impacts(of: p, site: data.site).map { ImpactContext($0, data, link) }
    }

    static func compareLinks(_ p: Program, _ data: SiteData, _ link: Linker) -> [TitledLink] {
        data.site.programs.filter { $0.slug != p.slug }.map { TitledLink(title: $0.title, href: link.href(Route.comparison(p.slug, $0.slug))) }
    }

    /// A program page or comparison reads: the program files, relations, impacts, KPI names.
    static func inputs(_ programs: [Program], _ data: SiteData) -> PageInputs {
        var inputs = PageInputs(folders: [.kpis], reports: [.relations, .programImpacts])
        for p in programs { inputs.files.insert(p.source.path) }
        return inputs
    }
}
