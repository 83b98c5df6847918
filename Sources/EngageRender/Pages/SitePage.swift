import EngageModel

/// One kind of page of the site (a team page, the KPI index, …): one type per kind, one file per
/// type in this folder, listed once in `SiteCatalog.kinds`. Adding a page kind means adding one
/// such type and its template; nothing else switches over page kinds.
public protocol SitePage: Sendable {
    /// What the page's template sees on top of the common keys (`CommonContext`).
    associatedtype Context: TemplateContext

    /// The page's template, without `.mustache`.
    static var template: String { get }
    /// The section a page kind belongs to: which nav item is current, and which header and footer it gets.
    static var section: PageSection { get }
    /// Every page of this kind in a site, in a stable order.
    static func pages(in data: SiteData) -> [Self]

    /// The page's route: "" for home, "teams/x/" for a team; `404.html` is the one file route.
    var address: String { get }
    var title: String { get }
    /// The page's `description` (and its summary in the search index).
    var summary: String? { get }
    /// Listed in sitemap.xml and the search index.
    var listed: Bool { get }
    /// In the search index (a listed page can stay out: the search page itself).
    var searchable: Bool { get }
    /// Source file the "Edit this page" link opens (relative to the source folder).
    var editSource: String? { get }
    /// The source files the page presents, whose last commit is its "Last changed" date: its own
    /// file, not everything it reads (Pages/PageSources.swift; empty for generated pages).
    func sourceFiles(_ data: SiteData) -> [String]
    /// The Markdown body of `editSource` this page shows: verbatim and once (the template's
    /// `{{{body}}}`), and as the end of its search text (`searchText` is "… " + the body's text,
    /// or the body's text alone). Nil when the page shows no body; then the page does not change
    /// when only that body does. `engage build` puts a changed body in place of the old one in
    /// such a page without loading the site (EngageCore/BodyEditBuild.swift).
    var shownBody: Body? { get }

    /// The trail above the page's title, as (label, route), from Home down.
    func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)]
    /// Plain text for the search index.
    func searchText(_ data: SiteData) -> String
    /// Headings of the page's own content, ranked above its text by the search.
    func searchHeadings(_ data: SiteData) -> [String]
    /// Everything the page's context is computed from (see `PageInputs`).
    func inputs(_ data: SiteData) -> PageInputs
    /// The page's own keys, with hrefs made by `link`.
    func context(_ data: SiteData, _ link: Linker) -> Context
}

extension SitePage {
    public var listed: Bool { true }
    public var searchable: Bool { listed }
    public var editSource: String? { nil }
    public var shownBody: Body? { nil }
    public func sourceFiles(_ data: SiteData) -> [String] { editSource.map { [$0] } ?? [] }
    public func searchText(_ data: SiteData) -> String { "" }
    public func searchHeadings(_ data: SiteData) -> [String] { [] }
    public var section: PageSection { Self.section }
    public var template: String { Self.template }
    /// The output file the page is written to.
    public var outputPath: String { address.hasSuffix(".html") ? address : Route.file(address) }
}

/// The part of the site a page belongs to. The raw value is what `chromeKey` uses.
public enum PageSection: String, Sendable, CaseIterable {
    case home, values, pathways, teams, programs, guides, kpis, surveys, actions
    /// Free pages, the pages index and 404: no nav item is current.
    case none = ""
}

/// What every page is rendered from: the site and the reports computed once per build.
public struct SiteData: Sendable {
    public let site: Site
    public let reports: SiteReports

    public init(site: Site, reports: SiteReports) {
        self.site = site
        self.reports = reports
    }

    public init(site: Site) {
        self.init(site: site, reports: SiteReports(site: site))
    }

    var currency: String { site.config.currency }
}

/// Breadcrumb trails shared by several page kinds.
enum Crumbs {
    static let home = (label: "Home", route: Route.home)
    static func under(_ label: String, _ route: String) -> [(label: String, route: String)] {
        [home, (label, route)]
    }
}
