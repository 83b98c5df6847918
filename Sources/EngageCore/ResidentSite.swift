import Foundation
import EngageModel
import EngageSource
import EngageRender
import EngageOutput

/// The last good build, kept in memory by `engage serve` so that saving a published page (the
/// common case: editing its text, or a field such as a title or a headcount) updates the preview
/// in milliseconds instead of a whole build (docs/performance.md, "serve: body-only rebuilds"
/// and "Round 7").
///
/// `applyEdits` re-renders the changed bodies alone, swaps them into the site, renders the
/// pages that show them, and patches the search index. A file whose front matter changed is
/// loaded again alone (`LoadedBodies.reload`), and the pages whose inputs name it are rendered
/// too, with the CSV exports when they read its folder: in two steps, the pages open in a
/// browser first and the rest in `finish(_:)` (ResidentSiteSecondStep.swift). The output is
/// byte for byte what a full build of the same source gives (ResidentSiteTests compare them
/// after random edits, and after the first step alone the files it does not hold back). Anything else (a
/// new, removed or renamed file, a change of what a file names, pages added or removed, a
/// header or footer that changes, a file every page depends on, an error, a commit) is a
/// `Fallback`, and serve runs the ordinary build, which also makes the next `ResidentSite`.
///
/// Used by one rebuild at a time (serve's `RebuildScheduler`); after a `Fallback` it may be
/// half-updated and must be dropped.
public final class ResidentSite: @unchecked Sendable {
    var data: SiteData
    let theme: Theme
    var bodies: LoadedBodies
    /// The pages made from each source file: the only pages its body appears on.
    private let pagesBySource: [String: Set<String>]
    /// Each chrome key's header and footer (`SiteRenderer.Outcome.chrome`).
    let chrome: [String: String]
    /// Every page's plan, by address: what a front matter change reaches (`PageInputs`).
    var plans: [String: SiteRenderer.PagePlan]
    /// Every page's output path. The same while this site is kept: an edit that adds, removes
    /// or moves pages needs a whole build.
    let pagePaths: Set<String>
    var search: SearchIndexState
    /// The last build's diagnostics other than those of bodies (`LoadedBodies.records`).
    let otherDiagnostics: [Diagnostic]
    /// The fingerprint of every file the site has now (served or overlaid), by output path.
    public internal(set) var outputs: [String: ContentHash]
    /// Every source file of the last full build (relative paths); nil when that list may miss
    /// some (the source had symbolic links, which the snapshot does not list).
    private let sourceFiles: Set<String>?
    /// Files the last build's diagnostics (bodies' aside) name.
    private let diagnosedFiles: Set<String>
    /// `Engine.externalStamp()` when the site was built (and since updated).
    private var gitStamp: String

    init(data: SiteData, theme: Theme, bodies: LoadedBodies, chrome: [String: String], plans: [SiteRenderer.PagePlan],
         search: SearchIndexState, diagnostics: [Diagnostic], outputs: [String: ContentHash], sourceFiles: Set<String>?, gitStamp: String) {
        self.data = data
        self.theme = theme
        self.bodies = bodies
        self.pagesBySource = SiteRenderer.pagesBySource(data)
        self.chrome = chrome
        self.plans = Dictionary(plans.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        self.pagePaths = Set(plans.map(\.outputPath))
        self.search = search
        let fromBodies = Set(bodies.records.values.flatMap(\.diagnostics))
        self.otherDiagnostics = diagnostics.filter { !fromBodies.contains($0) }
        self.diagnosedFiles = Set(otherDiagnostics.map(\.path))
        self.outputs = outputs
        self.sourceFiles = sourceFiles
        self.gitStamp = gitStamp
    }

    /// What a body-only rebuild changed.
    public struct Update: Sendable {
        /// Output files whose bytes changed or that are new (pages and search index files),
        /// sorted by path.
        public var files: [OutputFile]
        /// Output files that are no longer part of the site (a search shard left without words).
        public var removed: [String] = []
        /// Pages rendered.
        public var rendered: Int
        /// The files taken in (a body or a front matter changed), sorted.
        public var edited: [String] = []
        /// Those whose front matter changed what their item is (loaded again alone), sorted.
        public var reloaded: [String] = []
        /// Every diagnostic, as a whole build of the same source would give them.
        public var diagnostics: [Diagnostic]
        /// The second step of a front matter change, for `finish(_:)`.
        public var deferred: Deferred? = nil
    }

    /// Why a change needs the ordinary build.
    public struct Fallback: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The first step of a front matter change: the pages it reaches that are urgent (the
    /// changed files' own pages, `addresses`, and the pages open in a browser, `viewing`) among
    /// those whose last inputs name a file of `reloaded`, rendered. Everything else is left to
    /// `finish(_:)`: planning every page again (which finds pages added, removed or moved, a
    /// header or footer that changed, and pages only the new inputs name), the other pages, the
    /// CSV exports and the search index. When the urgent pages' header or footer changed, they
    /// are rendered with the new one, and the rest is left to a whole build (`Deferred.wholeBuild`).
    private func renderUrgent(by reloaded: [String], _ addresses: Set<String>, viewing: Set<String>, _ renderer: SiteRenderer)
        -> Result<(SiteRenderer.SelectedPages, [Diagnostic], Deferred), Fallback> {
        let pages = SiteCatalog.pages(in: renderer.data)
        let reachedBefore = addresses.union(plans.values.lazy.filter { Self.reaches($0.inputs, reloaded) }.map(\.address))
        var first: [any SitePage] = [], later: [any SitePage] = []
        for page in pages where reachedBefore.contains(page.address) {
            if addresses.contains(page.address) || viewing.contains(page.outputPath) { first.append(page) } else { later.append(page) }
        }
        var diagnostics = Diagnostics()
        // A header or footer that changed (a title the footer lists) is on every page: the urgent
        // pages get the new one now, and a whole build makes the rest.
        var wholeBuild: String? = nil
        var made = renderer.render(first, chrome: chrome, diagnostics: &diagnostics)
        if made == nil {
            wholeBuild = "a header or footer changed"
            diagnostics = Diagnostics()
            made = renderer.render(first, chrome: nil, diagnostics: &diagnostics)
        }
        guard let rendered = made else { return .failure(Fallback("a header or footer could not be rendered")) }
        let deferred = Deferred(renderer: renderer, pages: pages, later: later, reachedBefore: reachedBefore, reloaded: reloaded,
                                rendered: Set(rendered.files.map(\.path)), search: rendered.search, pagePaths: pagePaths, wholeBuild: wholeBuild)
        return .success((rendered, diagnostics.items, deferred))
    }

    /// Whether a page with these inputs reads one of `files`.
    static func reaches(_ inputs: PageInputs?, _ files: [String]) -> Bool {
        files.contains { inputs?.isAffected(by: $0) == true }
    }

    /// The history after git's state moved from `old` to `new` (`ContentHistory.fingerprint`s),
    /// when only the set of uncommitted files changed, and only by files being edited now or by
    /// files no page shows the last change of (an editor's swap file): the commits are the same,
    /// and the pages whose "Last changed" line moves are the edited files' own pages, rendered
    /// anyway. Nil otherwise (a commit, a checkout, `git add` of another file…).
    static func history(_ history: ContentHistory?, from old: String, to new: String, editing: Set<String>,
                        pagesBySource: [String: Set<String>]) -> ContentHistory? {
        guard let history else { return nil }
        let before = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let after = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let head = after.first, before.first == head, history.fingerprint == old else { return nil }
        let flipped = Set(before.dropFirst()).symmetricDifference(after.dropFirst())
        let shown = { (path: String) in pagesBySource[path] != nil || path.hasSuffix(".yml") || path.hasSuffix(".yaml") }
        guard flipped.allSatisfy({ editing.contains($0) || !shown($0) }) else { return nil }
        let updated = ContentHistory(head: history.head, commits: history.commits, uncommitted: Array(after.dropFirst()),
                                     pathwayVersions: history.pathwayVersions)
        return updated.fingerprint == new ? updated : nil
    }

    /// Brings the site up to date with the files at `paths` (relative to the source; what the
    /// watcher saw change), when each is a published page whose body changed, or whose front
    /// matter changed in a way one file's load can tell (`LoadedBodies.reload`). `stamp` is
    /// `Engine.externalStamp()` now. `viewing`: the output paths of the pages open in a browser,
    /// rendered with the changed files' own pages; the other pages a front matter change reaches
    /// are left to `finish(_:)` (`Update.deferred`).
    public func applyEdits(_ paths: Set<String>, stamp: String, source: String, viewing: Set<String> = []) -> Result<Update, Fallback> {
        var site = data.site
        var changed: [LoadedBodies.Rerendered] = []
        // Files whose front matter changed: the pages whose inputs name them are rendered too.
        var reloaded: [String] = []
        for path in paths.sorted() {
            // A temporary file that came and went (an editor's swap file): nothing there now,
            // not even a dangling link, and the last build neither read it nor said a word of it.
            var info = stat()
            if bodies.records[path] == nil, let sourceFiles, !sourceFiles.contains(path), !diagnosedFiles.contains(path),
               lstat(joinPath(source, path), &info) != 0 {
                continue
            }
            // Files every page may read (site.yml, templates, static files, KPI and survey
            // data) are never bodies. Guides and actions are read by every page too, but for
            // their titles and fields: a body is shown on its own pages only
            // (`SiteRenderer.pagesBySource`), so a published page's body goes on below.
            if bodies.records[path] == nil && Engine.affectsEveryPage(path) {
                return .failure(Fallback("\(path) can change every page"))
            }
            switch bodies.rerender(path) {
            case .failure(.frontMatterChanged):
                // A file a diagnostic (other than its body's) names: only a whole load says
                // whether that diagnostic still holds.
                guard !diagnosedFiles.contains(path) else { return .failure(Fallback("\(path): its front matter changed, and the last build reported on it")) }
                switch bodies.reload(path, in: site) {
                case .failure(let why): return .failure(Fallback("\(path): \(why)"))
                case .success(let file):
                    if file.body.diagnostics.contains(where: { $0.severity == .error }) { return .failure(Fallback("\(path) has errors")) }
                    site = file.site
                    changed.append(file.body)
                    // The same item but for its body: like a body edit, its own pages alone.
                    if !file.sameItem { reloaded.append(path) }
                }
            case .failure(let why): return .failure(Fallback("\(path): \(why)"))
            case .success(let body):
                if body.diagnostics.contains(where: { $0.severity == .error }) { return .failure(Fallback("\(path) has errors")) }
                guard let next = site.replacingBody(ofSource: path, with: body.body) else { return .failure(Fallback("\(path) is not in the site")) }
                site = next
                changed.append(body)
            }
        }
        if stamp != gitStamp {
            guard let history = Self.history(site.history, from: gitStamp, to: stamp, editing: Set(changed.map(\.path)), pagesBySource: pagesBySource) else {
                return .failure(Fallback("git's record of the content changed"))
            }
            site.history = history
            gitStamp = stamp
        }
        data = SiteData(site: site)
        for body in changed { bodies.record(body) }
        // The pages of the changed files: a body appears on no other page. A changed front
        // matter reaches the pages whose inputs name the file, before or after the change.
        let addresses = Set(changed.flatMap { pagesBySource[$0.path] ?? [] })
        let renderer = SiteRenderer(data: data, theme: theme)
        var diagnostics = Diagnostics()
        var rendered: SiteRenderer.SelectedPages?
        var deferred: Deferred? = nil
        if reloaded.isEmpty {
            rendered = renderer.render(addresses: addresses, chrome: chrome, diagnostics: &diagnostics)
        } else {
            switch renderUrgent(by: reloaded, addresses, viewing: viewing, renderer) {
            case .failure(let why): return .failure(why)
            case .success(let (pages, found, rest)): rendered = pages; diagnostics.append(contentsOf: found); deferred = rest
            }
        }
        guard let rendered else { return .failure(Fallback("a header or footer changed")) }
        if diagnostics.hasErrors { return .failure(Fallback("a page failed to render")) }
        // With a step left, the search index is patched in that step.
        let changes: (files: [OutputFile], removed: [String])
        switch take(rendered.files, search: deferred == nil ? rendered.search : []) {
        case .failure(let why): return .failure(why)
        case .success(let taken): changes = taken
        }
        var update = Update(files: changes.files, removed: changes.removed, rendered: rendered.files.count,
                            edited: changed.map(\.path), reloaded: reloaded, diagnostics: currentDiagnostics)
        update.deferred = deferred
        return .success(update)
    }

    /// Every diagnostic, as a whole build of the site now would give them.
    var currentDiagnostics: [Diagnostic] {
        Array(Set(otherDiagnostics + bodies.records.values.flatMap(\.diagnostics))).sorted()
    }

    /// Takes rendered files and search entries in: the search index patched, and of the files,
    /// those whose bytes changed (sorted by path) and the paths no longer in the site.
    func take(_ rendered: [OutputFile], search entries: [SearchEntry]) -> Result<(files: [OutputFile], removed: [String]), Fallback> {
        var files: [String: OutputFile] = [:]
        var removed = Set<String>()
        for file in rendered { files[file.path] = file }
        for entry in entries {
            guard let patch = search.replace(entry) else { return .failure(Fallback("\(entry.path) is not in the search index")) }
            for file in patch.changed { files[file.path] = file }
            for path in patch.removed { removed.insert(path); files[path] = nil }
        }
        var changed: [OutputFile] = [], gone: [String] = []
        for file in files.values.sorted(by: { $0.path < $1.path }) {
            let hash = ContentHash(file.data)
            removed.remove(file.path)
            if outputs[file.path] != hash { changed.append(file); outputs[file.path] = hash }
        }
        for path in removed.sorted() where outputs.removeValue(forKey: path) != nil { gone.append(path) }
        return .success((changed, gone))
    }
}
