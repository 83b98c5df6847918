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

        /// The header and footer of pages at `link` in `section`.
        init(_ site: Site, _ link: Linker, _ section: PageSection, _ theme: Theme) throws {
            context = SiteChrome.context(site, link, section)
            header = try theme.render("header", context)
            footer = try theme.render("footer", context)
        }

        /// Header and footer as one string (`Outcome.chrome`).
        var joined: String { header + "\u{0}" + footer }
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
        guard var prepared = prepare(diagnostics: &diagnostics, plans: wantPlans, reuse: reuse) else { return Outcome() }
        var files = prepared.otherFiles
        prepared.emitSearchFiles { files.append(contentsOf: $0) }
        renderPages(prepared, diagnostics: &diagnostics) { files.append(contentsOf: $0) }
        prepared.outcome.files = files.sorted { $0.path < $1.path }
        return prepared.outcome
    }

    /// A render worked out up to the pages' HTML: which pages to render (and which to keep),
    /// every page's plan, the headers and footers, and every file that is not a page.
    public struct Prepared: Sendable {
        /// Plans, reused pages, chrome and search index (`files` is empty).
        public var outcome = Outcome()
        /// Assets, CSV exports, sitemap and static files.
        public var otherFiles: [OutputFile] = []
        /// The search index whose files are still to be made (`emitSearchFiles`), and their paths.
        var searchFiles: SearchIndexState?
        var searchPaths: [String] = []
        /// The pages to render, each with its chrome key.
        var selected: [(any SitePage, String)] = []
        var chrome: [String: Chrome] = [:]
        /// Every file the render makes: the pages not reused, then the other files, then the
        /// search index's.
        public var paths: [String] { selected.map { $0.0.outputPath } + otherFiles.map(\.path) + searchPaths }

        /// Makes the search index's files and hands them to `emit` a few at a time; then they
        /// are no longer this render's to make.
        public mutating func emitSearchFiles(_ emit: ([OutputFile]) throws -> Void) rethrows {
            try searchFiles?.files(batchesOf: 64, emit)
            searchFiles = nil
        }
    }

    /// Everything but the pages' HTML (see `Prepared`); nil when the header or footer fails.
    /// `keepsSearchTexts`: whether the search index's state keeps whole texts, which only a
    /// state patched later needs (`SearchIndexState.replace`).
    public func prepare(diagnostics: inout Diagnostics, plans wantPlans: Bool, keepsSearchTexts: Bool = true,
                        reuse: (_ plan: PagePlan, _ chrome: String) -> Bool) -> Prepared? {
        let data = self.data, theme = self.theme, baseURL = site.config.baseURL
        let pages = SiteCatalog.pages(in: data)
        var prepared = Prepared()
        prepared.selected.reserveCapacity(pages.count)
        if wantPlans { prepared.outcome.plans.reserveCapacity(pages.count) }
        for page in pages {
            let link = Linker(route: page.address, baseURL: baseURL)
            let key = SiteChrome.key(link, page.section)
            if prepared.chrome[key] == nil {
                do {
                    let piece = try Chrome(site, link, page.section, theme)
                    prepared.chrome[key] = piece
                    prepared.outcome.chrome[key] = piece.joined
                } catch {
                    diagnostics.append(.error("templates/header.mustache", .start, "cannot render the header or footer: \(error)"))
                    return nil
                }
            }
            if wantPlans {
                let plan = PagePlan(address: page.address, outputPath: page.outputPath, chromeKey: key, inputs: Self.inputs(of: page, data))
                prepared.outcome.plans.append(plan)
                if reuse(plan, prepared.outcome.chrome[key] ?? "") { prepared.outcome.reused.append(page.outputPath); continue }
            }
            prepared.selected.append((page, key))
        }
        var files: [OutputFile] = []
        for asset in theme.assets { files.append(OutputFile(path: "assets/\(asset.name)", text: asset.text)) }
        files.append(contentsOf: CSV.files(data))
        let listed = pages.filter(\.listed)
        files.append(OutputFile(path: "sitemap.xml", text: Sitemap.xml(listed.map(\.address), baseURL: baseURL)))
        let search = SearchIndexState(pages: listed.filter(\.searchable), data, baseURL: baseURL, keepsTexts: keepsSearchTexts)
        prepared.searchFiles = search
        prepared.searchPaths = search.paths()
        prepared.outcome.search = search
        StaticOutput.add(site.staticFiles, to: &files, alsoGenerated: prepared.searchPaths, diagnostics: &diagnostics)
        prepared.otherFiles = files
        return prepared
    }

    /// Pages rendered at a time by `renderPages`: enough to keep both cores busy, few enough
    /// that the site's HTML is never all in memory at once.
    public static let batch = 256

    /// Renders the prepared pages `batch` at a time (in parallel within a batch), handing each
    /// batch's files to `emit`. Template failures become diagnostics; after the first, the
    /// pages are still rendered (every failure is reported) but no more are handed over.
    public func renderPages(_ prepared: Prepared, diagnostics: inout Diagnostics, emit: ([OutputFile]) throws -> Void) rethrows {
        try renderPages(prepared, diagnostics: &diagnostics, slots: nil, emit: emit)
    }

    /// The same; `slots`, when given, is told each rendered page's `BodySlot` (pages that show a
    /// body), by output path.
    public func renderPages(_ prepared: Prepared, diagnostics: inout Diagnostics, slots: ((String, BodySlot) -> Void)?,
                            emit: ([OutputFile]) throws -> Void) rethrows {
        let data = self.data, theme = self.theme, pieces = prepared.chrome
        let locate = slots != nil
        var failed = false
        for start in stride(from: 0, to: prepared.selected.count, by: Self.batch) {
            let chunk = Array(prepared.selected[start..<min(start + Self.batch, prepared.selected.count)])
            let results = parallelMap(chunk) { page, key -> Result<(OutputFile, BodySlot?), Diagnostic> in
                guard let piece = pieces[key] else { return .failure(.error("templates/header.mustache", .start, "no header for '\(page.address)'")) }
                return Self.render(page, data, piece, theme).map { file in (file, locate ? Self.slot(of: page, in: file) : nil) }
            }
            var files: [OutputFile] = []
            files.reserveCapacity(results.count)
            for result in results {
                switch result {
                case .success(let (file, slot)):
                    files.append(file)
                    if let slot { slots?(file.path, slot) }
                case .failure(let d): diagnostics.append(d); failed = true
                }
            }
            if !failed { try emit(files) }
        }
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
        // Most addresses have nothing to escape (four replacements of each were a tenth of the
        // work before the pages of a 10,000-page edit build are rendered).
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") }) else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
