import EngageModel

/// Rendering some pages only: `engage serve`'s body-only rebuild (EngageCore/ResidentSite.swift)
/// knows which pages a changed body can reach and renders just those, through the same
/// `SiteRenderer.render(page…)` a full build uses.
extension SiteRenderer {
    /// Pages rendered by address, with what a later rebuild needs of them.
    public struct SelectedPages: Sendable {
        public var files: [OutputFile] = []
        /// Search entries of the pages rendered that are in the search index.
        public var search: [SearchEntry] = []
    }

    /// The addresses of the pages made from each source file (their `editSource`). A Markdown
    /// body is shown, and searched, on these pages only: no list, card elsewhere or header
    /// reads a body (ResidentSiteTests.aBodyAppearsOnlyOnThePagesOfItsFile checks every page
    /// kind), so a change to a body alone can change no other page.
    public static func pagesBySource(_ data: SiteData) -> [String: Set<String>] {
        var pages: [String: Set<String>] = [:]
        for page in SiteCatalog.pages(in: data) {
            if let source = page.editSource { pages[source, default: []].insert(page.address) }
        }
        return pages
    }

    /// Every page's plan, by address, as a render would plan them (`pages`: `SiteCatalog.pages`
    /// of this render's site). Nil when the header or footer of some page would differ from
    /// `known` (as in `render(addresses:chrome:)`).
    public func plans(of pages: [any SitePage], chrome known: [String: String]) -> [String: PagePlan]? {
        let data = self.data, baseURL = site.config.baseURL
        // Both cores, a slice each at a time (a page's plan is a few microseconds).
        let slices = stride(from: 0, to: pages.count, by: 1024).map { $0..<min($0 + 1024, pages.count) }
        let planned = parallelMap(slices) { range in
            range.map { index -> PagePlan in
                let page = pages[index]
                let key = SiteChrome.key(Linker(route: page.address, baseURL: baseURL), page.section)
                return PagePlan(address: page.address, outputPath: page.outputPath, chromeKey: key, inputs: Self.inputs(of: page, data))
            }
        }
        var plans: [String: PagePlan] = [:]
        plans.reserveCapacity(pages.count)
        var checked = Set<String>()
        for (range, slice) in zip(slices, planned) {
            for (index, plan) in zip(range, slice) {
                if checked.insert(plan.chromeKey).inserted {
                    let page = pages[index]
                    guard knownChrome(page, Linker(route: page.address, baseURL: baseURL), plan.chromeKey, known) != nil else { return nil }
                }
                plans[plan.address] = plan
            }
        }
        return plans
    }

    /// Renders the pages at `addresses`. `chrome` is the header and footer HTML (joined, as in
    /// `Outcome.chrome`) each chrome key had when the other pages were rendered: a page whose
    /// header or footer would now differ cannot be rendered alone, and nil is returned.
    /// Template failures become diagnostics.
    public func render(addresses: Set<String>, chrome known: [String: String], diagnostics: inout Diagnostics) -> SelectedPages? {
        render(SiteCatalog.pages(in: data).filter { addresses.contains($0.address) }, chrome: known, diagnostics: &diagnostics)
    }

    /// Renders `pages` (of this render's site), as `render(addresses:chrome:)` does. With `known`
    /// nil, each page gets its header and footer as they are now, whatever they were (serve's
    /// first step when they changed: a whole build renders the other pages).
    public func render(_ pages: [any SitePage], chrome known: [String: String]?, diagnostics: inout Diagnostics) -> SelectedPages? {
        let data = self.data, baseURL = site.config.baseURL
        var prepared = Prepared()
        var out = SelectedPages()
        for page in pages {
            let link = Linker(route: page.address, baseURL: baseURL)
            let key = SiteChrome.key(link, page.section)
            if prepared.chrome[key] == nil {
                let now: Chrome?
                if let known { now = knownChrome(page, link, key, known) } else { now = try? Chrome(site, link, page.section, theme) }
                guard let piece = now else { return nil }
                prepared.chrome[key] = piece
            }
            if page.listed && page.searchable { out.search.append(SearchEntry(page, data)) }
            prepared.selected.append((page, key))
        }
        renderPages(prepared, diagnostics: &diagnostics) { out.files.append(contentsOf: $0) }
        return out
    }

    /// `page`'s header and footer now, when they are what `known` has for its chrome key (a page
    /// whose header or footer would differ cannot be rendered or planned alone).
    private func knownChrome(_ page: any SitePage, _ link: Linker, _ key: String, _ known: [String: String]) -> Chrome? {
        guard let piece = try? Chrome(site, link, page.section, theme), known[key] == piece.joined else { return nil }
        return piece
    }
}
