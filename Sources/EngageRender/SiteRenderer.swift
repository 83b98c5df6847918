import Foundation
import EngageModel

/// Render stage: every page through its template, plus assets, CSV exports, sitemap and search index.
public struct SiteRenderer: Sendable {
    public let data: SiteData
    public let theme: Theme
    public var site: Site { data.site }

    public init(data: SiteData, theme: Theme) {
        self.data = data
        self.theme = theme
    }

    public init(site: Site, theme: Theme) {
        self.init(data: SiteData(site: site), theme: theme)
    }

    /// The header and footer of one (depth, section), rendered once per build.
    struct Chrome: Sendable {
        var context: ChromeContext
        var header: String
        var footer: String
    }

    /// All output files, sorted by path; template failures become diagnostics.
    public func render(diagnostics: inout Diagnostics) -> [OutputFile] {
        render(diagnostics: &diagnostics, plans: false, reuse: { _, _ in false }).files
    }

    /// One page of a render: where it goes, which header and footer it has, what it is made from.
    public struct PagePlan: Sendable {
        public var address: String
        public var outputPath: String
        /// Pages with the same key share `chrome[key]`.
        public var chromeKey: String
        public var inputs: PageInputs
    }

    /// A render that may leave pages out (an incremental build keeps their served files).
    public struct Outcome: Sendable {
        /// The files rendered, sorted by path: the pages not reused, and every other file.
        public var files: [OutputFile] = []
        /// Output paths of the pages `reuse` kept (not rendered).
        public var reused: [String] = []
        /// Every page, when asked for.
        public var plans: [PagePlan] = []
        /// Each chrome key's header and footer HTML, joined.
        public var chrome: [String: String] = [:]
        /// The search index the files hold, to patch later (`SearchIndexState.replace`).
        public var search: SearchIndexState? = nil
    }

    /// Renders every file but the pages `reuse(plan, chrome)` says to keep. `plans`: compute each
    /// page's inputs (needed by `reuse` and by a build cache).
    public func render(diagnostics: inout Diagnostics, plans wantPlans: Bool,
                       reuse: (_ plan: PagePlan, _ chrome: String) -> Bool) -> Outcome {
        let data = self.data, theme = self.theme, baseURL = site.config.baseURL
        let pages = SiteCatalog.pages(in: data)
        var outcome = Outcome()
        var chrome: [String: Chrome] = [:]
        var selected: [(any SitePage, String)] = []
        selected.reserveCapacity(pages.count)
        if wantPlans { outcome.plans.reserveCapacity(pages.count) }
        for page in pages {
            let link = Linker(route: page.address, baseURL: baseURL)
            let key = SiteChrome.key(link, page.section)
            if chrome[key] == nil {
                let context = SiteChrome.context(site, link, page.section)
                do {
                    let piece = Chrome(context: context, header: try theme.render("header", context), footer: try theme.render("footer", context))
                    chrome[key] = piece
                    outcome.chrome[key] = piece.header + "\u{0}" + piece.footer
                } catch {
                    diagnostics.append(.error("templates/header.mustache", .start, "cannot render the header or footer: \(error)"))
                    return Outcome()
                }
            }
            if wantPlans {
                let plan = PagePlan(address: page.address, outputPath: page.outputPath, chromeKey: key, inputs: Self.inputs(of: page, data))
                outcome.plans.append(plan)
                if reuse(plan, outcome.chrome[key] ?? "") { outcome.reused.append(page.outputPath); continue }
            }
            selected.append((page, key))
        }
        let pieces = chrome
        let results = parallelMap(selected) { page, key -> Result<OutputFile, Diagnostic> in
            guard let piece = pieces[key] else { return .failure(.error("templates/header.mustache", .start, "no header for '\(page.address)'")) }
            return Self.render(page, data, piece, theme)
        }
        var files: [OutputFile] = []
        for result in results {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let d): diagnostics.append(d)
            }
        }
        for asset in theme.assets { files.append(OutputFile(path: "assets/\(asset.name)", text: asset.text)) }
        files.append(contentsOf: CSV.files(data))
        let entries = pages.map { PageEntry($0, data) }.filter(\.listed)
        files.append(OutputFile(path: "sitemap.xml", text: Sitemap.xml(entries.map(\.route), baseURL: baseURL)))
        let search = SearchIndexState(entries.filter(\.searchable).map(\.search), baseURL: baseURL)
        files.append(contentsOf: search.files())
        outcome.search = search
        StaticOutput.add(site.staticFiles, to: &files, diagnostics: &diagnostics)
        outcome.files = files.sorted { $0.path < $1.path }
        return outcome
    }

    /// A page's inputs for a build cache: what it declares, plus, inside git, the last change of
    /// each of its own source files (its "Last changed" line and a pathway's History) by the names
    /// `GitFingerprints.names` gives them.
    static func inputs<Page: SitePage>(of page: Page, _ data: SiteData) -> PageInputs {
        var inputs = page.inputs(data)
        if data.site.history != nil { inputs.sitewide.formUnion(page.sourceFiles(data).map(GitFingerprints.name(of:))) }
        return inputs
    }

    /// One page: its own context over the common keys, through its template.
    static func render<Page: SitePage>(_ page: Page, _ data: SiteData, _ chrome: Chrome, _ theme: Theme) -> Result<OutputFile, Diagnostic> {
        let context = pageContext(page, data, chrome)
        do {
            return .success(OutputFile(path: page.outputPath, text: try theme.render(Page.template, context)))
        } catch {
            let file = theme.files["\(Page.template).mustache"]?.path ?? "templates/\(Page.template).mustache"
            return .failure(.error(file, .start, "cannot render page '\(page.address)': \(error)"))
        }
    }

    /// What a page's template sees.
    static func pageContext<Page: SitePage>(_ page: Page, _ data: SiteData, _ chrome: Chrome) -> PageContext<Page.Context> {
        let config = data.site.config
        let link = Linker(route: page.address, baseURL: config.baseURL)
        let common = CommonContext(
            site: chrome.context.site, title: page.title, description: page.summary, is_home: Page.section == .home,
            home_href: link.href(Route.home), css_href: link.asset("style.css"),
            // Always an icon, so no browser asks the server for a missing /favicon.ico.
            favicon_href: config.favicon.map(link.staticFile) ?? link.asset("favicon.svg"), lang: "en",
            breadcrumbs: page.breadcrumbs(data).map { LabeledLink(label: $0.label, href: link.href($0.route)) },
            edit_href: config.editURL.flatMap { edit in page.editSource.map { edit + $0 } },
            last_changed: LastChangedContext.of(page, data),
            nav: chrome.context.nav, footer_links: chrome.context.footer_links,
            header_html: chrome.header, footer_html: chrome.footer)
        return PageContext(own: page.context(data, link), common: common)
    }
}

/// `sitemap.xml`. With an absolute `base_url` every `<loc>` is an absolute URL, as the sitemap
/// protocol requires; with a path `base_url` (the default `/`) the locs are paths from the
/// server's root and a comment at the top says why and how to get absolute ones
/// (docs/content-model.md, "sitemap.xml").
public enum Sitemap {
    static let pathNote = "<!-- base_url in site.yml is a path, so these addresses are paths; set base_url to an absolute URL (https://…) for a sitemap search engines accept -->\n"

    public static func isAbsolute(_ baseURL: String) -> Bool {
        let lower = baseURL.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    public static func xml(_ routes: [String], baseURL: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if !isAbsolute(baseURL) { out += pathNote }
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for route in routes.sorted() {
            out += "  <url><loc>\(escape(baseURL + route))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
