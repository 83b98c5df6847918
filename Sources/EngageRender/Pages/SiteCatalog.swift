import EngageModel

/// The one list of page kinds. `Theme.pageTemplates`, the renderer, the sitemap, the search
/// index and the inputs of a rebuild all derive from it.
public enum SiteCatalog {
    public static let kinds: [any SitePage.Type] = [
        HomePage.self, ValuesIndexPage.self, ValuePage.self, PathwaysIndexPage.self, PathwayPage.self, LevelPage.self, LevelComparisonPage.self,
        TeamsIndexPage.self, TeamPage.self, DepartmentPage.self, ProgramsIndexPage.self, ProgramPage.self,
        ProgramComparisonPage.self, GuidePage.self, PagesIndexPage.self, FreePageView.self, KPIsIndexPage.self, KPIPage.self,
        SurveysIndexPage.self, SurveyPage.self, ActionsIndexPage.self, ActionPage.self, NotFoundPage.self,
        ChangesPage.self,
        SearchPage.self,
    ]

    /// Templates every build renders: one per page kind, and the header and footer.
    public static let templates: [String] = kinds.map { $0.template } + ["header", "footer"]

    /// Every page of the site, kind by kind, each kind in its own stable order.
    public static func pages(in data: SiteData) -> [any SitePage] {
        kinds.flatMap { kind -> [any SitePage] in kind.pages(in: data) }
    }

    /// Source paths every page depends on, whatever its own inputs say.
    public static func affectsEveryPage(_ path: String) -> Bool {
        path == "content/site.yml" || path.hasPrefix("templates/") || path.hasPrefix("static/")
            || SiteChrome.inputs.isAffected(by: path)
    }

    /// The addresses of the pages a change to the source file at `path` (added, removed or
    /// edited) can change, judged on the site as it was before the change.
    public static func affectedPages(by path: String, in data: SiteData) -> Set<String> {
        let pages = self.pages(in: data)
        if affectsEveryPage(path) { return Set(pages.map(\.address)) }
        return Set(pages.filter { $0.inputs(data).isAffected(by: path) }.map(\.address))
    }
}
