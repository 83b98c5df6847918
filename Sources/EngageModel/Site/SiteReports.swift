/// Everything computed from the whole site that pages, the CSV exports and `engage check` share:
/// computed once per build (`SiteReports(site:)`), never again by a consumer.
public struct SiteReports: Sendable {
    /// Reverse links (pathways by value, teams by pathway and program, moves into a pathway).
    public let relations: Relations
    /// KPI values by team and their roll-ups.
    public let kpis: KPIReport
    /// One per survey, oldest first (the order of `site.surveys`).
    public let surveys: [SurveyReport]
    /// Period → the change since the previous survey (the latest earlier one); none for the first.
    public let surveyChanges: [String: SurveyChange]
    /// Program slug → KPI id → impact, for each program's own KPIs and the site's turnover KPI.
    let impacts: [String: [String: ProgramImpact]]
    /// Program slug → estimated ROI, where the site and the data allow one.
    public let roi: [String: ProgramROI]
    /// Version 2: action figures and the as-of date.
    public let actions: ActionReport

    public init(site: Site) {
        let relations = Relations(site)
        let kpis = KPIReport(site: site)
        self.relations = relations
        self.kpis = kpis
        let surveys = site.surveys.map { SurveyReport(survey: $0, site: site) }
        self.surveys = surveys
        self.surveyChanges = SurveyChange.all(surveys)
        self.actions = ActionReport(site: site, surveys: self.surveys, kpis: kpis)
        var impacts: [String: [String: ProgramImpact]] = [:]
        var roi: [String: ProgramROI] = [:]
        for p in site.programs {
            var ids = p.kpis.filter { site.kpi($0) != nil }
            if let turnover = site.config.turnoverKPI, !ids.contains(turnover) { ids.append(turnover) }
            for id in ids where impacts[p.slug]?[id] == nil {
                impacts[p.slug, default: [:]][id] = ProgramMath.impact(program: p, kpi: id, site: site, report: kpis)
            }
            let turnover = site.config.turnoverKPI.flatMap { impacts[p.slug]?[$0] }
            if let r = ProgramMath.roi(program: p, site: site, turnover: turnover,
                                       enrolledHeadcount: relations.enrolledHeadcount(p.slug, in: site)) {
                roi[p.slug] = r
            }
        }
        self.impacts = impacts
        self.roi = roi
    }

    /// The impact of a program on a KPI (computed at init for the program's KPIs and the turnover KPI).
    public func impact(program: Program, kpi: String, site: Site) -> ProgramImpact {
        impacts[program.slug]?[kpi] ?? ProgramMath.impact(program: program, kpi: kpi, site: site, report: kpis)
    }

    /// A program's impacts on each of its KPIs that the catalog defines, in the program's order.
    public func impacts(of program: Program, site: Site) -> [ProgramImpact] {
        program.kpis.filter { site.kpi($0) != nil }.map { impact(program: program, kpi: $0, site: site) }
    }

    /// The report of the survey of `period`, if there is one.
    public func survey(period: String) -> SurveyReport? {
        surveys.first { $0.survey.period.text == period }
    }

    /// The survey before the survey of `period` (the latest earlier one), and the one after.
    public func neighbours(ofSurvey period: String) -> (previous: SurveyReport?, next: SurveyReport?) {
        guard let i = surveys.firstIndex(where: { $0.survey.period.text == period }) else { return (nil, nil) }
        return (i > 0 ? surveys[i - 1] : nil, i + 1 < surveys.count ? surveys[i + 1] : nil)
    }
}
