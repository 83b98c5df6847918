import Foundation
import EngageModel
import EngageSource
import EngageRender
import EngageOutput
#if canImport(Glibc)
import Glibc
#endif

/// A page failed to render while others were being written: the build stops before the swap.
struct PagesFailed: Error {}

/// How a build used the build cache (`BuildResult.cache`).
public enum CacheUse: Sendable, Equatable {
    /// No cache: disabled (`Engine.cacheFolder` nil) or the source is not on the local disk.
    case off
    /// Everything loaded and rendered; the reason the cache could not help.
    case full(String)
    /// Everything loaded; only the pages whose inputs changed rendered.
    case incremental
    /// Nothing changed since the last build and the output is that build's: no work at all.
    case unchanged
    /// Only the text below some pages' front matter changed: the new text was put in place in
    /// the served pages and the search index, without loading the site (BodyEditBuild.swift).
    case bodies
}

extension Engine {
    /// Whole-site inputs that are not source files, by name, each with a fingerprint of its value
    /// (see `PageInputs.sitewide`). A page naming one in its inputs is rendered again whenever the
    /// fingerprint differs from the last build's: git's last change of each file and the commit
    /// checked out (`GitFingerprints`).
    public static func siteFingerprints(_ site: Site) -> [String: String] { GitFingerprints.values(site.history) }

    /// A cheap fingerprint of inputs outside `content/`, `templates/` and `static/` that
    /// `siteFingerprints` reads, computed before anything is loaded: a rebuild with no source
    /// change skips all work only while this stays the same. Inside git: the commit checked out
    /// and the uncommitted files under `content/` (two git runs); empty when git is not read.
    public func externalStamp() -> String {
        guard let runner = options.git else { return "" }
        return GitHistory(source: source, runner: runner).fingerprint() ?? ""
    }
    static let stampName = "@external"
    /// The parsed files' cache beside the build cache (EngageSource/Loading/ParseCacheFile.swift).
    static let parseCacheName = "parse-cache"

    /// Paths whose change can alter every page, whatever their inputs: site.yml, the templates,
    /// static files, the folders the header and footer (or every page) read, and anything
    /// outside the known content folders. Free pages are not here although the footer lists
    /// some: the footer's HTML is compared instead (`BuildCache.chrome`).
    static func affectsEveryPage(_ path: String) -> Bool {
        if path == "content/site.yml" || !path.hasPrefix("content/") { return true }
        for folder in [ContentFolder.guides, .kpis, .surveys, .actions] where path.hasPrefix(folder.path) { return true }
        return !ContentFolder.allCases.contains { path.hasPrefix($0.path) }
    }

    /// What identifies the builds a cache can describe: the cache format, this engine binary (a
    /// rebuilt `engage` may render differently) and the options. Not the output folder's path:
    /// the cache names the served generation (its manifest's id) and the inodes and times of its
    /// folders, which identify the folder wherever it is (a moved folder stays usable).
    func cacheKey() -> String {
        var exe = stat()
        let binary = stat("/proc/self/exe", &exe) == 0
            ? "\(exe.st_size):\(exe.st_mtim.tv_sec).\(exe.st_mtim.tv_nsec):\(exe.st_ino)" : "unknown-binary-\(getpid())-\(Date().timeIntervalSince1970)"
        return ContentHash.combine([BuildCache.format, binary, "drafts=\(options.drafts)"]).description
    }

    /// `build()` with the cache in `folder`.
    func cachedBuild(cacheFolder folder: String) -> BuildResult {
        var clock = ContinuousClock.now
        let key = cacheKey()
        BuildCache.removeLeftovers(in: folder)
        let cache = BuildCache.read(from: folder, key: key)
        let snapshot = SourceSnapshot.scan(source, previous: cache?.sources ?? [:])
        var why = "no build cache yet"
        var usable: BuildCache? = nil
        if snapshot.uncertain {
            why = "the source has symbolic links or unreadable files"
            unlink(folder + "/" + BuildCache.fileName)
        } else if let cache {
            if Manifest.generation(output) != cache.generation {
                why = "the output folder is not the one the build cache describes"
            } else if !OutputFolderStamp.match(cache.folders, root: output) {
                why = "files in the output folder were added, removed or renamed since the last build"
            } else {
                usable = cache
            }
        } else if access(folder + "/" + BuildCache.fileName, F_OK) == 0 {
            why = BuildCache.rejection(in: folder, key: key)
        }
        if let cache = usable {
            let changed = snapshot.changes(since: cache.sources)
            if changed.isEmpty && !keepResident && cache.fingerprints[Self.stampName] == ContentHash(externalStamp()) {
                if snapshot.files != cache.sources {   // touched, not changed: remember the new times
                    var refreshed = cache
                    refreshed.sources = snapshot.files
                    refreshed.write(to: folder)
                }
                var report = WriteReport()
                report.unchanged = cache.outputs.count
                report.reused = cache.outputs.count
                report.generation = cache.generation
                var timings = Timings()
                timings.load = clock.lap()
                var result = BuildResult(diagnostics: cache.warnings, report: report, pages: cache.outputs.count, timings: timings)
                result.reused = cache.pageCount
                result.cache = .unchanged
                return result
            }
            var attempt = clock
            let refusal: String
            switch bodyEditBuild(cacheFolder: folder, key: key, snapshot: snapshot, cache: cache, changed: changed, clock: &attempt) {
            case .success(let result): return result
            case .failure(let why): refusal = why.description
            }
            var decoded = cache
            if !decoded.decodePages() {
                why = "the build cache is damaged; it was ignored"
            } else if var result = build(cacheFolder: folder, key: key, snapshot: snapshot, previous: decoded, changed: changed, clock: &clock) {
                result.bodyEditRefusal = refusal
                return result
            } else {
                why = "the output folder changed during the build"
            }
        }
        return build(cacheFolder: folder, key: key, snapshot: snapshot, previous: nil, changed: [], clock: &clock, reason: why)
            ?? BuildResult(diagnostics: [Diagnostic(path: output, line: 1, column: 1, message: "the output folder changed during the build (the previous output was left as it was)")])
    }

    /// Loads everything, renders what `previous` cannot vouch for, writes, and records the cache.
    /// Nil when the served folder turned out not to be the one `previous` describes.
    private func build(cacheFolder folder: String, key: String, snapshot: SourceSnapshot, previous: BuildCache?,
                       changed: Set<String>, clock: inout ContinuousClock.Instant, reason: String = "") -> BuildResult? {
        var timings = Timings()
        var diagnostics = Diagnostics()
        let templates = TemplateFolder.read(source: source, fileSystem: fileSystem, accepts: Theme.isThemeFile, diagnostics: &diagnostics)
        let theme = Theme.load(overrides: templates, diagnostics: &diagnostics)
        var options = self.options
        options.themeFiles = Set(Theme.assetPaths(overrides: templates))
        // Parsed files: the caller's (serve keeps one in memory), else the one on disk.
        let parseFile = folder + "/" + Self.parseCacheName
        let ownParseCache = options.parseCache == nil
        if ownParseCache {
            // The bodies stay on disk until their pages are rendered: the loaded ones in the parse
            // cache file, the ones rendered now in a spill file (docs/performance.md, "Round 6").
            BuildCache.makeFolder(folder)
            let cache = ParseCache(keepsFrontMatter: false, spill: BodySpill(folder: folder))
            cache.load(from: parseFile, key: key)
            options.parseCache = cache
        }
        let reads = ReadFingerprints()
        options.onRead = { path, bytes in reads.record(path, ContentHash(bytes)) }
        let loaded = SiteLoader(source: source, fileSystem: fileSystem, options: options).load()
        diagnostics.append(contentsOf: loaded.diagnostics)
        timings.load = clock.lap()
        afterLoad?()
        guard let site = loaded.site, let theme, !diagnostics.hasErrors else {
            return BuildResult(diagnostics: diagnostics.sorted, report: nil, timings: timings)
        }
        // The parsed bodies are final once loaded: written on another thread while the pages are
        // planned and written (0.6 s of a one-page edit at 40,000 pages), and waited for before
        // the build returns.
        let parseCacheWritten = DispatchGroup()
        if ownParseCache, let cache = options.parseCache {
            BuildCache.makeFolder(folder)
            DispatchQueue.global().async(group: parseCacheWritten) { cache.write(to: parseFile, key: key) }
        }
        defer { parseCacheWritten.wait() }
        let data = SiteData(site: site)
        let fingerprints = Self.siteFingerprints(site).mapValues { ContentHash($0) }
        var changedFingerprints = Set<String>()
        if let previous {
            for name in Set(fingerprints.keys).union(previous.fingerprints.keys) where name != Self.stampName && fingerprints[name] != previous.fingerprints[name] {
                changedFingerprints.insert(name)
            }
        }
        // A file whose front matter is as it was changed its body alone, and a body appears on
        // its own file's pages only (`SiteRenderer.pagesBySource`; serve's `ResidentSite` relies
        // on the same): only those pages are rendered again, not every list or page that reads
        // the file's title or fields.
        // Recorded for the next build only for files loaded as the snapshot saw them: a file
        // saved during this build (or rewritten without its time changing) was loaded in a newer
        // version than the one its pages were rendered from, and gets the ordinary rule next time.
        let loadedAsScanned = reads.matching(snapshot.files)
        let frontMatter = (loaded.bodies?.records ?? [:]).filter { loadedAsScanned.contains($0.key) }.mapValues { ContentHash($0.frontMatterID) }
        let bodyOnly = previous.map { old in changed.filter { old.frontMatter[$0] != nil && old.frontMatter[$0] == frontMatter[$0] } } ?? []
        let ownPages = bodyOnly.isEmpty ? [:] : SiteRenderer.pagesBySource(data)
        let everything = previous == nil || changed.contains { Self.affectsEveryPage($0) && !bodyOnly.contains($0) }
        var chromeHashes: [String: ContentHash] = [:]
        var rendered = diagnostics
        let renderer = SiteRenderer(data: data, theme: theme)
        let planned = renderer.prepare(diagnostics: &rendered, plans: true, keepsSearchTexts: keepResident) { plan, chrome in
            let hash = chromeHashes[plan.chromeKey] ?? ContentHash(chrome)
            chromeHashes[plan.chromeKey] = hash
            guard !everything, let previous, let old = previous.pages[plan.address], old.outputPath == plan.outputPath,
                  old.chromeKey == plan.chromeKey, previous.chrome[plan.chromeKey] == hash, previous.outputs[plan.outputPath] != nil
            else { return false }
            if !changedFingerprints.isDisjoint(with: old.inputs.sitewide) || !changedFingerprints.isDisjoint(with: plan.inputs.sitewide) { return false }
            return !changed.contains { path in
                if bodyOnly.contains(path) { return ownPages[path]?.contains(plan.address) ?? false }
                return old.inputs.isAffected(by: path) || plan.inputs.isAffected(by: path)
            }
        }
        timings.render = clock.lap()
        // Consumed, so that what is let go of below (the search index, the files that are not pages)
        // is not still held here until the build returns.
        guard var prepared = consume planned, !rendered.hasErrors else { return BuildResult(diagnostics: rendered.sorted, report: nil, timings: timings) }
        // Where pages show their bodies, for the next build's body-edit path (BodyEditBuild.swift);
        // only when the parse cache on disk is this build's and the theme shows bodies verbatim.
        let bodyPages = ownParseCache && theme.showsBodiesVerbatim ? SiteRenderer.bodyPages(data, prepared.outcome.search) : [:]
        let previousEdits = previous.flatMap { p in BodyEditCache.read(from: folder, key: key).flatMap { $0.generation == p.generation ? $0 : nil } }
        var renderedSlots: [String: BodySlot] = [:]
        // Only serve keeps the search index's state; the files that are not pages are let go of
        // once handed to the writer (the search index's are made only then: `emitSearchFiles`).
        if !keepResident { prepared.outcome.search = nil }
        let outcome = prepared.outcome
        let paths = prepared.paths
        var otherFiles = prepared.otherFiles
        prepared.otherFiles = []

        // The pages are rendered while the writer writes the ones before (`OutputWriter`'s
        // batches): the render time counts the rendering only, the write time the rest.
        let known = previous.map { KnownOutput(generation: $0.generation, hashes: $0.outputs) }
        var handing = 0.0, rendering = 0.0
        let report: WriteReport
        do {
            report = try OutputWriter(root: output, force: force, writeFile: writeFile)
                .write(paths: paths, reused: outcome.reused, known: known) { emit in
                    var producing = ContinuousClock.now
                    try emit(otherFiles)
                    otherFiles = []
                    try prepared.emitSearchFiles(emit)
                    try renderer.renderPages(prepared, diagnostics: &rendered, slots: bodyPages.isEmpty ? nil : { renderedSlots[$0] = $1 }) { files in
                        var start = ContinuousClock.now
                        try emit(files)
                        handing += start.lap()
                    }
                    if let failure = options.parseCache?.bodyReadFailure { rendered.append(.error(output, .start, failure)) }
                    if rendered.hasErrors { throw PagesFailed() }
                    rendering = producing.lap() - handing
                }
        } catch is StaleOutputKnowledge {
            return nil
        } catch is PagesFailed {
            return BuildResult(diagnostics: rendered.sorted, report: nil, timings: timings)
        } catch {
            return Self.failure(error, diagnostics: rendered.sorted, output: output, timings: timings)
        }
        diagnostics = rendered
        // Time spent waiting for the writer (a full queue, then the last batches, the manifest
        // and the swap) is writing; the rest of the streamed phase is rendering.
        timings.render += rendering
        timings.write = clock.lap() - rendering

        var cache = BuildCache(key: key, generation: report.generation, sources: snapshot.files, outputs: report.hashes)
        for (chromeKey, hash) in chromeHashes { cache.chrome[chromeKey] = hash }
        for plan in outcome.plans { cache.pages[plan.address] = BuildCache.Page(outputPath: plan.outputPath, chromeKey: plan.chromeKey, inputs: plan.inputs) }
        cache.fingerprints = fingerprints
        cache.frontMatter = frontMatter
        // What `externalStamp()` gives for this state, taken from the history already read.
        let stamp = options.git == nil ? "" : site.history?.fingerprint ?? ""
        cache.fingerprints[Self.stampName] = ContentHash(stamp)
        cache.folders = OutputFolderStamp.read(root: output, files: report.hashes.keys) ?? [:]
        let sorted = diagnostics.sorted
        cache.warnings = sorted.filter { $0.severity == .warning }
        cache.write(to: folder)
        parseCacheWritten.wait()
        if !bodyPages.isEmpty, let edits = BodyEditCache.after(report, key: key, output: output, config: site.config, pages: bodyPages,
                                                              rendered: renderedSlots, previous: previousEdits, parseFile: parseFile, folder: folder) {
            edits.write(to: folder)
        } else {
            BodyEditCache.remove(from: folder)
        }
        // Recording the caches is part of the write (as in the body-edit path): the time printed
        // is the build's whole time.
        timings.write += clock.lap()
        let resident = keepResident ? loaded.bodies.flatMap { bodies in outcome.search.map { search in
            ResidentSite(data: data, theme: theme, bodies: bodies, chrome: outcome.chrome, plans: outcome.plans, search: search,
                         diagnostics: sorted, outputs: report.hashes, sourceFiles: snapshot.uncertain ? nil : Set(snapshot.files.keys), gitStamp: stamp)
        } } : nil

        var result = BuildResult(diagnostics: sorted, report: report, pages: paths.count + outcome.reused.count, timings: timings)
        result.rendered = outcome.plans.count - outcome.reused.count
        result.reused = outcome.reused.count
        result.cache = previous == nil ? .full(reason) : .incremental
        result.resident = resident
        return result
    }
}

/// The fingerprint of each source file's bytes as the loader read them (`LoadOptions.onRead`).
final class ReadFingerprints: @unchecked Sendable {
    private let lock = NSLock()
    private var hashes: [String: ContentHash] = [:]

    func record(_ path: String, _ hash: ContentHash) { lock.withLock { hashes[path] = hash } }

    /// The paths read with the bytes the snapshot fingerprinted.
    func matching(_ files: [String: SourceSnapshot.Entry]) -> Set<String> {
        lock.withLock { Set(hashes.filter { files[$0.key]?.hash == $0.value }.keys) }
    }
}

