import EngageModel

/// The home page: values, pathways, teams, programs, guides, key KPIs and the latest survey.
public struct HomePage: SitePage {
    public static let template = "home"
    public static let section = PageSection.home
    public let address = Route.home
    public let title: String
    public let summary: String?

    public static func pages(in data: SiteData) -> [HomePage] {
        let config = data.site.config
        return [HomePage(title: config.title, summary: "Values, career pathways and teams at \(config.organization ?? config.title).")]
    }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [] }

    public func inputs(_ data: SiteData) -> PageInputs {
        var inputs = PageInputs(folders: [.values, .pathways, .teams, .programs, .guides, .kpis],
                                reports: [.relations, .kpiRollUps])
        inputs.addSurveys(data.site)
        return inputs
    }

    public struct Context: TemplateContext {
        public var values: [ValueCard], families: [PathwayFamily], departments: [DepartmentGroup], unassigned_teams: [TeamCard]
        public var programs: [ProgramCard], guides: [LinkCard], team_count: Int, headcount: Int
        public var values_href: String, pathways_href: String, teams_href: String, programs_href: String, kpis_href: String
        public var key_kpis: [KPICard], latest_survey: SurveySummary? = nil
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "values": { $0.values }, "families": { $0.families }, "departments": { $0.departments },
            "unassigned_teams": { $0.unassigned_teams }, "programs": { $0.programs }, "guides": { $0.guides },
            "team_count": { $0.team_count }, "headcount": { $0.headcount }, "values_href": { $0.values_href },
            "pathways_href": { $0.pathways_href }, "teams_href": { $0.teams_href }, "programs_href": { $0.programs_href },
            "kpis_href": { $0.kpis_href }, "key_kpis": { $0.key_kpis }, "latest_survey": { $0.latest_survey },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site
        return Context(
            values: site.values.map { ValueCard($0, link) },
            families: Cards.families(site, link),
            departments: Cards.departmentGroups(site, link),
            unassigned_teams: Cards.unassignedTeams(site, link),
            programs: site.programs.map { ProgramCard($0, data, link) },
            guides: site.guides.map { LinkCard(title: $0.title, href: link.href(Route.guide($0.slug)), summary: $0.summary) },
            team_count: site.teams.count,
            headcount: site.teams.compactMap(\.headcount).reduce(0, +),
            values_href: link.href(Route.values), pathways_href: link.href(Route.pathways),
            teams_href: link.href(Route.teams), programs_href: link.href(Route.programs), kpis_href: link.href(Route.kpis),
            key_kpis: site.kpis.filter(\.key).compactMap { k in
                KPICard(k, scope: .organization, data, link, subject: "the organisation")
            },
            latest_survey: SurveyText.summary(.organization, data, link, questions: false))
    }
}
