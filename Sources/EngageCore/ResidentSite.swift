import Foundation
import EngageModel
import EngageSource
import EngageRender
import EngageOutput

/// The last good build, kept in memory by `engage serve` so that saving a file whose front
/// matter is unchanged (the common case: editing the text of a page) updates the preview in a
/// few milliseconds instead of a whole build (docs/performance.md, "serve: body-only rebuilds").
///
/// `applyBodyEdits` re-renders the changed bodies alone, swaps them into the site, renders the
/// pages whose recorded inputs name the changed files, and patches the search index. Its output
/// is byte for byte what a full build of the same source gives (ResidentSiteTests compare them
/// after random edits). Anything else (a new, removed or renamed file, a front matter change, a
/// file every page depends on, an error, a commit) is a `Fallback`, and serve runs the
/// ordinary build, which also makes the next `ResidentSite`.
///
/// Used by one rebuild at a time (serve's `RebuildScheduler`); after a `Fallback` it may be
/// half-updated and must be dropped.
public final class ResidentSite: @unchecked Sendable {
    private var data: SiteData
    private let theme: Theme
    private var bodies: LoadedBodies
    /// The pages made from each source file: the only pages its body appears on.
    private let pagesBySource: [String: Set<String>]
    /// Each chrome key's header and footer (`SiteRenderer.Outcome.chrome`).
    private let chrome: [String: String]
    private var search: SearchIndexState
    /// The last build's diagnostics other than those of bodies (`LoadedBodies.records`).
    private let otherDiagnostics: [Diagnostic]
    /// The fingerprint of every file the site has now (served or overlaid), by output path.
    public private(set) var outputs: [String: ContentHash]
    /// Every source file of the last full build (relative paths); nil when that list may miss
    /// some (the source had symbolic links, which the snapshot does not list).
    private let sourceFiles: Set<String>?
    /// Files the last build's diagnostics (bodies' aside) name.
    private let diagnosedFiles: Set<String>
    /// `Engine.externalStamp()` when the site was built (and since updated).
    private var gitStamp: String

    init(data: SiteData, theme: Theme, bodies: LoadedBodies, chrome: [String: String],
         search: SearchIndexState, diagnostics: [Diagnostic], outputs: [String: ContentHash], sourceFiles: Set<String>?, gitStamp: String) {
        self.data = data
        self.theme = theme
        self.bodies = bodies
        self.pagesBySource = SiteRenderer.pagesBySource(data)
        self.chrome = chrome
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
        /// Every diagnostic, as a whole build of the same source would give them.
        public var diagnostics: [Diagnostic]
    }

    /// Why a change needs the ordinary build.
    public struct Fallback: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
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
    /// watcher saw change), when each is a published page whose body alone changed. `stamp` is
    /// `Engine.externalStamp()` now.
    public func applyBodyEdits(_ paths: Set<String>, stamp: String, source: String) -> Result<Update, Fallback> {
        var site = data.site
        var changed: [LoadedBodies.Rerendered] = []
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
        // Only the pages of the changed files: a body appears on no other page (the pages
        // whose inputs name the file read its front matter, which is as it was).
        let addresses = Set(changed.flatMap { pagesBySource[$0.path] ?? [] })

        var diagnostics = Diagnostics()
        guard let rendered = SiteRenderer(data: data, theme: theme).render(addresses: addresses, chrome: chrome, diagnostics: &diagnostics) else {
            return .failure(Fallback("a header or footer changed"))
        }
        if diagnostics.hasErrors { return .failure(Fallback("a page failed to render")) }
        var files: [String: OutputFile] = [:]
        var removed = Set<String>()
        for file in rendered.files { files[file.path] = file }
        for entry in rendered.search {
            guard let patch = search.replace(entry) else { return .failure(Fallback("\(entry.path) is not in the search index")) }
            for file in patch.changed { files[file.path] = file }
            for path in patch.removed { removed.insert(path); files[path] = nil }
        }
        var update = Update(files: [], rendered: rendered.files.count, diagnostics: [])
        for file in files.values.sorted(by: { $0.path < $1.path }) {
            let hash = ContentHash(file.data)
            removed.remove(file.path)
            if outputs[file.path] != hash { update.files.append(file); outputs[file.path] = hash }
        }
        for path in removed.sorted() where outputs.removeValue(forKey: path) != nil { update.removed.append(path) }
        update.diagnostics = Array(Set(otherDiagnostics + bodies.records.values.flatMap(\.diagnostics))).sorted()
        return .success(update)
    }
}
