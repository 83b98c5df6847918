import EngageModel

/// `teams/<slug>/`: a team, its pathways and programs, its KPIs and its latest survey.
public struct TeamPage: SitePage {
    public static let template = "team"
    public static let section = PageSection.teams
    public let team: Team
    public var address: String { Route.team(team.slug) }
    public var title: String { team.name }
    public var summary: String? { team.summary }
    public var editSource: String? { team.source.path }
    public var shownBody: Body? { team.body }

    public static func pages(in data: SiteData) -> [TeamPage] { data.site.teams.map { TeamPage(team: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] {
        var crumbs = Crumbs.under("Teams", Route.teams)
        if let name = team.department, let d = team.departmentSlug { crumbs.append((name, Route.department(d))) }
        return crumbs
    }
    public func searchText(_ data: SiteData) -> String {
        [team.lead ?? "", team.department ?? "", team.region ?? "", team.body.text].joined(separator: " ")
    }

    public func inputs(_ data: SiteData) -> PageInputs {
        let site = data.site
        var inputs = PageInputs(files: [team.source.path])
        for slug in team.pathways { inputs.add(site.pathway(slug)?.source, orFolder: .pathways) }
        for slug in team.programs { inputs.add(site.program(slug)?.source, orFolder: .programs) }
        // Program cards count every enrolled team.
        if !team.programs.isEmpty { inputs.reports.insert(.relations) }
        inputs.reports.insert(.kpiValues)
        inputs.addSurveys(site)
        inputs.folders.insert(.actions)
        return inputs
    }

    public struct Context: TemplateContext {
        public var team: TeamCard, pathways: [PathwayCard], programs: [ProgramCard], kpis: [KPICard], survey: SurveySummary? = nil
        /// Version 2: the team's actions.
        public var actions: [ActionItem] = []
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "team": { $0.team }, "pathways": { $0.pathways }, "programs": { $0.programs }, "kpis": { $0.kpis },
            "survey": { $0.survey }, "actions": { $0.actions },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, t = team
        var card = TeamCard(t, link)
        card.body = t.body.html
        return Context(
            team: card,
            pathways: t.pathways.compactMap { site.pathway($0) }.map { PathwayCard($0, link) },
            programs: t.programs.compactMap { site.program($0) }.map { ProgramCard($0, data, link) },
            kpis: site.kpis.compactMap { k in
                var card = KPICard(k, scope: .team(t.slug), data, link, subject: t.name)
                card?.figure_actions = ActionNotes.notes(.team(t.slug), .kpi(k.id), data, link)
                return card
            },
            survey: SurveyText.summary(.team(t.slug), data, link, questions: true),
            actions: ActionText.items(of: .team(t.slug), data, link))
    }
}
