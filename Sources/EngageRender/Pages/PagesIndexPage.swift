import EngageModel

/// `pages/`: every free page and guide (the footer links only a few); only when there are any.
public struct PagesIndexPage: SitePage {
    public static let template = "pages"
    public static let section = PageSection.none
    public let address = Route.pages
    public let title = "Pages and guides"
    public let summary: String? = nil

    public static func pages(in data: SiteData) -> [PagesIndexPage] {
        data.site.pages.isEmpty && data.site.guides.isEmpty ? [] : [PagesIndexPage()]
    }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(folders: [.pages, .guides]) }

    public struct Context: TemplateContext {
        public var pages: [LinkCard], guides: [LinkCard]
        public static let fields: [String: @Sendable (Context) -> Any?] = ["pages": { $0.pages }, "guides": { $0.guides }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        Context(pages: data.site.pages.map { LinkCard(title: $0.title, href: link.href(Route.page($0.slug)), summary: $0.summary) },
                guides: data.site.guides.map { LinkCard(title: $0.title, href: link.href(Route.guide($0.slug)), summary: $0.summary) })
    }
}
