import EngageModel
import EngageSource
import EngageRender
import EngageOutput

/// Open pages first (like Hugo's fast render mode): serve's update after a front matter edit
/// comes in two steps. `ResidentSite.applyEdits` renders the changed files' own pages and the
/// pages open in a browser that the change reaches, and the browsers reload; then
/// `finish(_:)` plans every page again and renders the other pages the change reaches, the CSV
/// exports and the search index. Meanwhile serve holds back requests for what the second step
/// may still change (`Deferred.isPending`), so no request ever gets a page older than the edit.
extension ResidentSite {
    /// What the second step needs (`Update.deferred`).
    public struct Deferred: Sendable {
        let renderer: SiteRenderer
        /// Every page of the new site (`SiteCatalog.pages`).
        let pages: [any SitePage]
        /// The pages whose last inputs name a reloaded file, not rendered in the first step.
        let later: [any SitePage]
        /// The addresses of the pages whose last inputs name a reloaded file, and of the
        /// reloaded files' own pages.
        let reachedBefore: Set<String>
        /// The files whose front matter changed what their item is.
        let reloaded: [String]
        /// The output paths of the pages the first step rendered.
        public let rendered: Set<String>
        /// The search entries of the pages the first step rendered.
        let search: [SearchEntry]
        /// The output paths of every page of the site (`ResidentSite.pagePaths`).
        let pagePaths: Set<String>
        /// Whether the CSV exports read a reloaded file's folder.
        let remakesCSV: Bool
        /// Why the rest needs a whole build instead of `finish(_:)`: a header or footer changed,
        /// so every page changes (the first step rendered the urgent ones with the new one).
        public let wholeBuild: String?

        init(renderer: SiteRenderer, pages: [any SitePage], later: [any SitePage], reachedBefore: Set<String>, reloaded: [String],
             rendered: Set<String>, search: [SearchEntry], pagePaths: Set<String>, wholeBuild: String? = nil) {
            self.renderer = renderer
            self.pages = pages
            self.later = later
            self.reachedBefore = reachedBefore
            self.reloaded = reloaded
            self.rendered = rendered
            self.search = search
            self.pagePaths = pagePaths
            self.remakesCSV = reloaded.contains(where: CSV.inputs.isAffected(by:))
            self.wholeBuild = wholeBuild
        }

        /// The output paths of the pages the second step renders, as far as the last inputs tell
        /// (pages only the new inputs name are found when every page is planned again).
        public var paths: Set<String> { Set(later.map(\.outputPath)) }

        /// Whether the file at this output path may still change: any page the first step did
        /// not render, the search index, and the CSV exports when they read a reloaded file's
        /// folder. (Assets, static files and the sitemap never do.)
        public func isPending(_ path: String) -> Bool {
            (pagePaths.contains(path) && !rendered.contains(path)) || SearchIndexState.isIndexFile(path)
                || (remakesCSV && path.hasPrefix("data/") && path.hasSuffix(".csv"))
        }
    }

    /// The second step. On a `Fallback` the site may be half-updated and must be dropped (a
    /// whole build follows).
    public func finish(_ deferred: Deferred) -> Result<Update, Fallback> {
        if let reason = deferred.wholeBuild { return .failure(Fallback(reason)) }
        let renderer = deferred.renderer, pages = deferred.pages, chrome = self.chrome, later = deferred.later
        let before = plans
        // The pages the last inputs name are rendered while every page is planned again.
        enum Half: Sendable { case rendered(SiteRenderer.SelectedPages?, [Diagnostic]), planned([String: SiteRenderer.PagePlan]?) }
        let halves = parallelMap([true, false]) { renders -> Half in
            guard renders else { return .planned(renderer.plans(of: pages, chrome: chrome)) }
            var diagnostics = Diagnostics()
            let selected = renderer.render(later, chrome: chrome, diagnostics: &diagnostics)
            return .rendered(selected, diagnostics.items)
        }
        guard case .rendered(let first, let found) = halves[0], var rendered = first, case .planned(let planned) = halves[1] else {
            return .failure(Fallback("a header or footer changed"))
        }
        guard let planned else { return .failure(Fallback("a header or footer changed")) }
        guard planned.count == before.count,
              planned.allSatisfy({ before[$0.key]?.outputPath == $0.value.outputPath && before[$0.key]?.chromeKey == $0.value.chromeKey }) else {
            return .failure(Fallback("pages were added, removed or moved"))
        }
        plans = planned
        var diagnostics = Diagnostics()
        diagnostics.append(contentsOf: found)
        // Pages only the new inputs name.
        let reachedNow = Set(planned.values.lazy.filter { !deferred.reachedBefore.contains($0.address) && Self.reaches($0.inputs, deferred.reloaded) }.map(\.address))
        if !reachedNow.isEmpty {
            guard let more = renderer.render(pages.filter { reachedNow.contains($0.address) }, chrome: chrome, diagnostics: &diagnostics) else {
                return .failure(Fallback("a header or footer changed"))
            }
            rendered.files += more.files
            rendered.search += more.search
        }
        if diagnostics.hasErrors { return .failure(Fallback("a page failed to render")) }
        // The CSV exports read some folders; the sitemap lists the same pages as before.
        let csvFiles = deferred.remakesCSV ? CSV.files(renderer.data) : []
        switch take(rendered.files + csvFiles, search: deferred.search + rendered.search) {
        case .failure(let why): return .failure(why)
        case .success(let changes):
            return .success(Update(files: changes.files, removed: changes.removed, rendered: rendered.files.count, diagnostics: currentDiagnostics))
        }
    }
}
