import EngageModel

/// `pathways/`: pathways grouped by family.
public struct PathwaysIndexPage: SitePage {
    public static let template = "pathways"
    public static let section = PageSection.pathways
    public let address = Route.pathways
    public let title = "Career pathways"
    public let summary: String? = nil

    public static func pages(in data: SiteData) -> [PathwaysIndexPage] { [PathwaysIndexPage()] }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(folders: [.pathways]) }

    public struct Context: TemplateContext {
        public var families: [PathwayFamily]
        public static let fields: [String: @Sendable (Context) -> Any?] = ["families": { $0.families }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        Context(families: Cards.families(data.site, link))
    }
}
