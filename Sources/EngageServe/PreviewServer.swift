import Foundation
import FlyingFox
import FlyingSocks
import EngageCore
import EngageModel
import EngageSource
import EngageOutput

/// Why serve could not start.
public struct ServeError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The error that stopped the server from starting, if any.
actor StartFailure {
    private(set) var error: (any Error)?
    func set(_ error: any Error) { self.error = error }
}

/// `engage serve`'s settings.
public struct ServeOptions: Sendable {
    public var source: String
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port: UInt16 = 8000
    public var drafts = false
    /// Where the previewed site is built; by default `<source>/.engage-serve/site`.
    public var output: String?
    /// How long after the last change a rebuild starts (editors save in a burst of events).
    public var debounce: Duration = .milliseconds(15)
    /// Poll the source instead of using inotify.
    public var polling = false
    /// Where progress lines go (stdout) and where diagnostics go (stderr).
    public var log: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    public var logError: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    /// Runs after an update's first step and before the whole build that makes the other pages
    /// (the I/O seam for tests: a file can be changed in between).
    public var beforeWholeBuild: (@Sendable () -> Void)? = nil

    public init(source: String) { self.source = source }

    /// The folder serve builds into, beside (never inside) content/, static/ and templates/.
    public var outputFolder: String { output ?? source + "/" + PreviewServer.folderName + "/site" }
}

/// Builds the site, serves it, watches the source and rebuilds and reloads on change.
public actor PreviewServer {
    /// serve's own folder in the source; it holds a `.gitignore` of `*`, so git ignores it.
    public static let folderName = ".engage-serve"

    public let options: ServeOptions
    public let hub = EventHub()
    let state = SiteState()
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private var watcher: (any SourceWatcher)?
    private var scheduler: RebuildScheduler?
    private var heartbeat: Task<Void, Never>?
    /// How many builds ran and how many succeeded (tests wait on these).
    public private(set) var builds = 0
    public private(set) var goodBuilds = 0
    /// Parsed files kept between rebuilds: a rebuild parses only the files that changed.
    let parseCache = ParseCache()
    /// The last good build, for body-only rebuilds; nil after a failed build.
    private var resident: ResidentSite?
    /// serve's build cache, apart from `engage build`'s `.engage-cache/` (they build into
    /// different folders, so one cache would make each build a full one after the other).
    public var cacheFolder: String { options.source + "/" + Self.folderName + "/cache" }

    public init(options: ServeOptions) { self.options = options }

    /// Starts listening, builds once, starts watching; returns the port listened on.
    @discardableResult
    public func start() async throws -> UInt16 {
        try prepareFolder()
        let handler = SiteHandler(root: options.outputFolder, state: state, hub: hub)
        let server = HTTPServer(config: .init(address: try Self.address(options.host, options.port), timeout: 30, logger: .disabled), handler: handler)
        self.server = server
        // Listening, or the reason it could not (a port in use fails at once, not after a timeout).
        let failure = StartFailure()
        serverTask = Task {
            do { try await server.run() } catch { await failure.set(error); throw error }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while !(await server.isListening) {
            if let error = await failure.error { throw error }
            guard ContinuousClock.now < deadline else { throw ServeError("the server did not start listening within 10 seconds") }
            try await Task.sleep(for: .milliseconds(5))
        }
        // Watching starts before the first build, so nothing saved during it is missed; the
        // first build runs through the scheduler, so it never overlaps a rebuild. It starts
        // once the port is ours (a port in use fails before any work); a page opened meanwhile
        // gets the "not built yet" page, which reloads when the build is done.
        let scheduler = RebuildScheduler(delay: options.debounce) { [weak self] paths in await self?.rebuild(paths) }
        self.scheduler = scheduler
        let watcher = SourceWatching.start(source: options.source, polling: options.polling, onPaths: { paths in
            Task { await scheduler.changed(paths) }
        })
        self.watcher = watcher
        await scheduler.runNow()
        var port = options.port
        switch await server.listeningAddress {
        case .ip4(_, let bound)?, .ip6(_, let bound)?: port = bound
        default: break
        }
        let hub = self.hub
        heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                await hub.heartbeat()
            }
        }
        let base = await state.basePath
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        options.log("Serving \(options.source) at http://\(host):\(port)\(base) (watching with \(watcher.kind); Ctrl-C to stop)")
        return port
    }

    /// Runs until the server stops.
    public func wait() async throws {
        try await serverTask?.value
    }

    public func stop() async {
        await state.release()
        watcher?.stop()
        await scheduler?.cancel()
        heartbeat?.cancel()
        await hub.close()
        await server?.stop(timeout: 1)
        serverTask?.cancel()
    }

    /// The socket address of `--host`: an IPv4 or IPv6 address, or "localhost" (127.0.0.1).
    static func address(_ host: String, _ port: UInt16) throws -> any SocketAddress {
        guard let problem = hostProblem(host) else {
            if host == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
            if host.contains(":") { return try sockaddr_in6.inet6(ip6: host, port: port) }
            return try sockaddr_in.inet(ip4: host, port: port)
        }
        throw ServeError(problem)
    }

    /// A start-up error in words (the port in use, an address this machine does not have).
    public static func describe(_ error: any Error) -> String {
        switch error {
        case SocketError.failed(let call, let number, let message):
            if number == EADDRINUSE { return "the port is in use (by another engage serve?); pick another with --port" }
            if number == EADDRNOTAVAIL { return "this machine has no such address; use 127.0.0.1" }
            if number == EACCES { return "not allowed to listen on that port; use one above 1023" }
            return "\(call) failed: \(message)"
        case let error as ServeError: return error.description
        default: return error.localizedDescription
        }
    }

    /// Why `--host` is not usable, or nil.
    public static func hostProblem(_ host: String) -> String? {
        if host == "localhost" { return nil }
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1 { return nil }
        return "'\(host)' is not an IP address; use e.g. 127.0.0.1 (this machine only), ::1, localhost or 0.0.0.0 (every network)"
    }

    /// Makes `<source>/.engage-serve/` with its `.gitignore`.
    private func prepareFolder() throws {
        let folder = (options.outputFolder as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if options.output == nil {
            let ignore = folder + "/.gitignore"
            if !FileManager.default.fileExists(atPath: ignore) {
                try Data("# Made by engage serve: the previewed site, rebuilt on every change.\n*\n".utf8).write(to: URL(fileURLWithPath: ignore))
            }
        }
    }

    /// One build; on success the open pages reload, on failure they show the diagnostics and
    /// the last good site stays. When the watcher knows which files changed and each is a page
    /// whose body alone changed, the site kept from the last build is updated instead
    /// (`ResidentSite`; the changed files are served from memory until the next build).
    func rebuild(_ paths: Set<String>? = nil) async {
        let first = builds == 0
        var load = LoadOptions(drafts: options.drafts)
        load.parseCache = parseCache
        var engine = Engine(source: options.source, output: options.outputFolder, options: load)
        engine.keepResident = true
        var firstStep: FirstStep? = nil
        if let paths, let resident {
            self.resident = nil   // until it is known to be whole again
            switch await update(resident, paths, engine: engine) {
            case .done: return
            case .wholeBuild(let step): firstStep = step
            }
        }
        if firstStep != nil { options.beforeWholeBuild?() }
        try? FileManager.default.createDirectory(atPath: options.source + "/" + Self.folderName, withIntermediateDirectories: true)
        engine.cacheFolder = cacheFolder
        let build = engine
        let result = await Self.runOffPool { build.build() }
        builds += 1
        let lines = result.diagnostics.map { "\($0)" }
        for line in lines { options.logError(line) }
        let t = String(format: "%.0f ms", result.timings.total * 1000)
        if result.succeeded, let report = result.report {
            goodBuilds += 1
            resident = result.resident
            await state.update(basePath: Self.basePath(source: options.source))
            options.log("\(first ? "Built" : "Rebuilt") \(result.pages) files in \(t): \(report.written.count) written, \(report.unchanged) unchanged, \(report.removed.count) removed.")
            // The pages a first step reloaded are already what the build wrote (else they reload).
            if let firstStep { await hub.reload(only: { firstStep.mustReload($0, after: report) }) } else { await hub.reload() }
        } else {
            resident = nil
            if let firstStep {
                // The first step's pages are taken back: the last good site is the one before
                // the edit, and the browsers that showed them reload into it.
                await state.restore(firstStep.replaced)
                await state.release()
                await hub.reload(only: firstStep.reloaded)
            }
            options.logError("\(first ? "Build" : "Rebuild") failed (\(t)); \(goodBuilds > 0 ? "still serving the last good site" : "nothing to serve until the errors are fixed").")
            await hub.failed(lines.isEmpty ? ["the build failed"] : lines)
        }
    }

    /// An update from memory whose first step went before a whole build: what it laid over the
    /// folder, and which browsers it reloaded.
    struct FirstStep {
        var replaced: SiteState.Replaced
        var reloaded: @Sendable (String?) -> Bool
        /// The fingerprints of the files it changed.
        var hashes: [String: ContentHash]

        /// Whether a browser showing `page` must reload after the whole build wrote `report`:
        /// unless the first step reloaded it with the bytes the build wrote.
        func mustReload(_ page: String?, after report: WriteReport) -> Bool {
            guard let page, reloaded(page) else { return true }
            if let hash = hashes[page] { return report.hashes[page] != hash }
            return report.written.contains(page)
        }
    }

    enum MemoryUpdate { case done, wholeBuild(FirstStep?) }

    /// Brings `resident` up to date with the files at `paths` (`ResidentSite.applyEdits`, then
    /// `finish`), or says that a whole build must follow.
    private func update(_ resident: ResidentSite, _ paths: Set<String>, engine: Engine) async -> MemoryUpdate {
        let source = options.source
        let viewing = await hub.viewedPages
        let started = ContinuousClock.now
        // (`externalStamp` runs git: off the actor too.)
        let outcome = await Self.runOffPool { resident.applyEdits(paths, stamp: engine.externalStamp(), source: source, viewing: viewing) }
        let update: ResidentSite.Update
        switch outcome {
        case .failure(let why):
            options.log("Rebuilding the whole site: \(why).")
            return .wholeBuild(nil)
        case .success(let done): update = done
        }
        // (Not before a whole build, which prints them itself.)
        if update.deferred?.wholeBuild == nil { for line in update.diagnostics { options.logError("\(line)") } }
        let rest = update.deferred.map { $0.wholeBuild == nil ? "; the other pages it reaches follow" : "; a whole build makes the other pages" } ?? ""
        let logLine = "Updated \(Self.count(update.rendered, "page")) in \(Self.milliseconds(since: started)) (\(Self.what(changed: update.edited.count, reloaded: update.reloaded.count))): \(Self.count(update.files.count, "file")) changed\(rest)."
        guard let deferred = update.deferred else {
            self.resident = resident
            builds += 1
            goodBuilds += 1
            await state.overlay(update.files, removed: update.removed)
            options.log(logLine)
            await hub.reload()
            return .done
        }
        // Open pages first: the pages the first step rendered reload now, while the other pages
        // the change reaches are made; requests for those wait meanwhile, and the browsers that
        // show them reload after.
        let replaced = await state.overlay(update.files, removed: update.removed, pending: { deferred.isPending($0) })
        options.log(logLine)
        let reloadedNow: @Sendable (String?) -> Bool = { page in page.map { deferred.rendered.contains($0) } ?? false }
        await hub.reload(only: reloadedNow)
        if let reason = deferred.wholeBuild {
            // Every page's header or footer changed: the open pages have the new one, and the
            // whole build makes the others while requests for them wait.
            options.log("Rebuilding the whole site: \(reason).")
            let hashes = Dictionary(update.files.map { ($0.path, ContentHash($0.data)) }, uniquingKeysWith: { a, _ in a })
            return .wholeBuild(FirstStep(replaced: replaced, reloaded: reloadedNow, hashes: hashes))
        }
        switch await Self.runOffPool({ resident.finish(deferred) }) {
        case .success(let more):
            self.resident = resident
            builds += 1
            goodBuilds += 1
            await state.overlay(more.files, removed: more.removed)
            let pages = more.rendered == 0 ? "Planned every page again" : "Updated \(Self.count(more.rendered, "more page"))"
            options.log("\(pages) in \(Self.milliseconds(since: started)): \(Self.count(more.files.count, "file")) changed.")
            let changed = Set(more.files.map(\.path))
            await hub.reload(only: { page in page.map { !deferred.rendered.contains($0) || changed.contains($0) } ?? true })
            return .done
        case .failure(let why):
            // Not whole after all: the last good site is what stood before the edit, and what was
            // held back is served from it until the whole build is done.
            await state.restore(replaced)
            await state.release()
            options.log("Rebuilding the whole site: \(why).")
            return .wholeBuild(nil)
        }
    }

    /// The time since `start`, for a log line ("42 ms").
    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = (ContinuousClock.now - start).components
        return String(format: "%.0f ms", Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15)
    }

    /// "1 page", "2 pages".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// What an update from memory changed, for its log line.
    static func what(changed: Int, reloaded: Int) -> String {
        if reloaded == 0 { return "only \(changed == 1 ? "a body" : "bodies") changed" }
        let frontMatter = "the front matter of \(reloaded) \(reloaded == 1 ? "file" : "files")"
        let others = changed - reloaded
        return others == 0 ? frontMatter + " changed" : "\(frontMatter) and \(others) \(others == 1 ? "body" : "bodies") changed"
    }

    /// The path of `base_url` in content/site.yml ("/" when unset or unreadable).
    static func basePath(source: String) -> String {
        let path = source + "/content/site.yml"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let base = SiteSettingsPeek.baseURL(yaml: text) else { return "/" }
        return RequestPath.basePath(of: base)
    }

    /// Runs a blocking build on a Dispatch thread, keeping Swift's cooperative threads free
    /// to answer requests meanwhile.
    static func runOffPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
