import EngageModel

/// `teams/`: teams by department.
public struct TeamsIndexPage: SitePage {
    public static let template = "teams"
    public static let section = PageSection.teams
    public let address = Route.teams
    public let title = "Teams"
    public let summary: String? = nil

    public static func pages(in data: SiteData) -> [TeamsIndexPage] { [TeamsIndexPage()] }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(folders: [.teams]) }

    public struct Context: TemplateContext {
        public var departments: [DepartmentGroup], unassigned_teams: [TeamCard]
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "departments": { $0.departments }, "unassigned_teams": { $0.unassigned_teams },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        Context(departments: Cards.departmentGroups(data.site, link), unassigned_teams: Cards.unassignedTeams(data.site, link))
    }
}
