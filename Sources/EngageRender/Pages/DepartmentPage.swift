import EngageModel

/// `departments/<slug>/`: a department's teams, KPI roll-ups and latest survey.
public struct DepartmentPage: SitePage {
    public static let template = "department"
    public static let section = PageSection.teams
    public let department: Department
    public var address: String { Route.department(department.slug) }
    /// "Quality & Training (department)": a pathway or team may have the department's name (issue 12).
    public var title: String { "\(department.name) (department)" }
    public var summary: String? { "\(department.teams.count) team\(department.teams.count == 1 ? "" : "s")" }

    public static func pages(in data: SiteData) -> [DepartmentPage] { data.site.departments.map { DepartmentPage(department: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Teams", Route.teams) }

    public func inputs(_ data: SiteData) -> PageInputs {
        // Which teams a department has is a question every team file answers.
        var inputs = PageInputs(folders: [.teams])
        inputs.reports.insert(.kpiRollUps)
        inputs.addSurveys(data.site)
        inputs.folders.insert(.actions)
        return inputs
    }

    public struct Context: TemplateContext {
        public var department: DepartmentName, teams: [TeamCard], headcount: Int, regions: String
        public var kpis: [KPICard], weighting_note: String, survey: SurveySummary? = nil
        /// Version 2: the department's actions.
        public var actions: [ActionItem] = []
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "department": { $0.department }, "teams": { $0.teams }, "team_count": { $0.teams.count },
            "headcount": { $0.headcount }, "regions": { $0.regions }, "kpis": { $0.kpis },
            "weighting_note": { $0.weighting_note }, "survey": { $0.survey }, "actions": { $0.actions },
        ]
    }

    /// `name`.
    public struct DepartmentName: TemplateContext {
        public var name: String
        public static let fields: [String: @Sendable (DepartmentName) -> Any?] = ["name": { $0.name }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let d = department
        let teams = d.teams.compactMap { data.site.team($0) }
        return Context(
            department: DepartmentName(name: d.name), teams: teams.map { TeamCard($0, link) },
            headcount: teams.compactMap(\.headcount).reduce(0, +),
            regions: Array(Set(teams.compactMap(\.region))).sorted().joined(separator: ", "),
            kpis: data.site.kpis.compactMap { k in
                var card = KPIFigures.groupCard(k, scope: .department(d.slug), data, link, subject: d.name)
                card?.figure_actions = ActionNotes.notes(.department(d.slug), .kpi(k.id), data, link)
                return card
            },
            weighting_note: KPIFigures.weightingNote,
            survey: SurveyText.summary(.department(d.slug), data, link, questions: false),
            actions: ActionText.items(of: .department(d.slug), data, link))
    }
}
