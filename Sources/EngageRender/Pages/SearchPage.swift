import EngageModel

/// `search/`: the search form with its results (the theme's `search.js` fills them in). Without
/// JavaScript it says so and lists the site's sections. In the sitemap, not in the search index.
public struct SearchPage: SitePage {
    public static let template = "search"
    public static let section = PageSection.none
    public let address = Route.search
    public let title = "Search"
    public let summary: String? = nil
    public var searchable: Bool { false }

    public static func pages(in data: SiteData) -> [SearchPage] { [SearchPage()] }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs() }

    /// `search` (`SearchBox`); the sections are the common `nav`.
    public struct Context: TemplateContext {
        public var search: SearchBox
        public static let fields: [String: @Sendable (Context) -> Any?] = ["search": { $0.search }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context { Context(search: SearchBox(link)) }
}

/// What a search form needs: `root` (the site root relative to the page, where `search/pages.js`
/// and the pages the index names are), `href` (the search page) and `script_href` (`search.js`).
public struct SearchBox: TemplateContext {
    public var root: String
    public var href: String
    public var script_href: String
    public static let fields: [String: @Sendable (SearchBox) -> Any?] = [
        "root": { $0.root }, "href": { $0.href }, "script_href": { $0.script_href },
    ]

    init(_ link: Linker) {
        root = link.prefix
        href = link.href(Route.search)
        script_href = link.asset("search.js")
    }
}
