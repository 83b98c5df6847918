import EngageModel

/// `pages/<slug>/`: a free page of `content/pages/`.
public struct FreePageView: SitePage {
    public static let template = "page"
    public static let section = PageSection.none
    public let page: FreePage
    public var address: String { Route.page(page.slug) }
    public var title: String { page.title }
    public var summary: String? { page.summary }
    public var editSource: String? { page.source.path }
    public var shownBody: Body? { page.body }

    public static func pages(in data: SiteData) -> [FreePageView] { data.site.pages.map { FreePageView(page: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Pages and guides", Route.pages) }
    public func searchText(_ data: SiteData) -> String { page.body.text }
    public func searchHeadings(_ data: SiteData) -> [String] { SearchIndex.headings(inHTML: page.body.html) }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(files: [page.source.path]) }

    public struct Context: TemplateContext {
        public var page: DocumentContext
        public static let fields: [String: @Sendable (Context) -> Any?] = ["page": { $0.page }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        Context(page: DocumentContext(title: page.title, summary: page.summary, body: page.body.html))
    }
}
