import Foundation
import Testing
@testable import EngageServe
import EngageModel
import FlyingFox

/// The pure parts of `engage serve`: request paths, content types, ETags, the injected script,
/// the event format and the rebuild scheduler.
@Suite struct ServePathTests {
    @Test(arguments: [
        "/people/../etc/passwd", "/people/%2e%2e/etc/passwd", "/people/%2E%2E/x", "/people/.%2e/x",
        "/people/..", "/people/a/%2e%2e/%2e%2e/etc/passwd", "/people/%2fetc%2fpasswd", "/people/a%2F..%2F..%2Fb",
        "/people/..%5c..%5cwindows", "/people/a%00.html", "/people/./index.html", "/people/%zz", "/people/%2",
        "etc/passwd", "people/index.html", "",
    ])
    func traversalAndMalformedPathsAreForbidden(_ raw: String) {
        #expect(RequestPath.resolve(raw, basePath: "/people/") == .forbidden)
        #expect(RequestPath.resolve(raw, basePath: "/") == .forbidden)
    }

    @Test func pathsUnderTheBasePath() {
        #expect(RequestPath.resolve("/people/values/care/", basePath: "/people/") == .site(segments: ["values", "care"], trailingSlash: true))
        #expect(RequestPath.resolve("/people/assets/style.css", basePath: "/people/") == .site(segments: ["assets", "style.css"], trailingSlash: false))
        #expect(RequestPath.resolve("/people/", basePath: "/people/") == .site(segments: [], trailingSlash: true))
        #expect(RequestPath.resolve("/people/caf%C3%A9/", basePath: "/people/") == .site(segments: ["café"], trailingSlash: true))
        #expect(RequestPath.resolve("/people/a%20b.pdf", basePath: "/people/") == .site(segments: ["a b.pdf"], trailingSlash: false))
    }

    @Test func rootAndBaseWithoutSlashRedirectToTheBasePath() {
        #expect(RequestPath.resolve("/", basePath: "/people/") == .redirect("/people/"))
        #expect(RequestPath.resolve("/people", basePath: "/people/") == .redirect("/people/"))
        #expect(RequestPath.resolve("/", basePath: "/") == .site(segments: [], trailingSlash: true))
    }

    @Test func pathsOutsideTheBasePathAreNotFound() {
        #expect(RequestPath.resolve("/other/index.html", basePath: "/people/") == .notFound)
        #expect(RequestPath.resolve("/peoplex/", basePath: "/people/") == .notFound)
        #expect(RequestPath.resolve("//etc/passwd", basePath: "/people/") == .notFound)
    }

    @Test func emptySegmentsCollapse() {
        #expect(RequestPath.resolve("//etc/passwd", basePath: "/") == .site(segments: ["etc", "passwd"], trailingSlash: false))
    }

    @Test func outputPathOfARequest() {
        #expect(RequestPath.outputPath([], trailingSlash: true) == "index.html")
        #expect(RequestPath.outputPath(["teams", "alpha"], trailingSlash: true) == "teams/alpha/index.html")
        #expect(RequestPath.outputPath(["assets", "style.css"], trailingSlash: false) == "assets/style.css")
    }

    /// The page an event stream names (`?page=` + encodeURIComponent(location.pathname)).
    @Test func pageNamedInTheEventsQuery() {
        #expect(RequestPath.queryValue("page=%2Fhr%2Fteams%2Fr%25C3%25A9seau%2F", "page") == "/hr/teams/r%C3%A9seau/")
        #expect(RequestPath.queryValue("x=1&page=%2F", "page") == "/")
        #expect(RequestPath.queryValue("pages=%2F", "page") == nil)
        #expect(RequestPath.queryValue("page=%zz", "page") == nil)
        #expect(RequestPath.queryValue("", "page") == nil)
    }

    @Test func basePathOfBaseURL() {
        #expect(RequestPath.basePath(of: "/") == "/")
        #expect(RequestPath.basePath(of: "/hr/") == "/hr/")
        #expect(RequestPath.basePath(of: "/hr") == "/hr/")
        #expect(RequestPath.basePath(of: "https://intranet.example/hr/people/") == "/hr/people/")
        #expect(RequestPath.basePath(of: "https://intranet.example") == "/")
    }
}

@Suite struct ServeContentTypeTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"), ("a/style.css", "text/css; charset=utf-8"),
        ("search.js", "text/javascript; charset=utf-8"), ("search-index.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"), ("data/kpis.csv", "text/csv; charset=utf-8"),
        ("img/logo.svg", "image/svg+xml; charset=utf-8"), ("img/a.png", "image/png"), ("img/B.JPG", "image/jpeg"),
        ("favicon.ico", "image/x-icon"), ("robots.txt", "text/plain; charset=utf-8"), ("fonts/x.woff2", "font/woff2"),
        ("file.unknown", "application/octet-stream"), ("Makefile", "application/octet-stream"), (".hidden", "application/octet-stream"),
    ])
    func contentTypeByExtension(_ path: String, _ type: String) {
        #expect(ContentTypes.forPath(path) == type)
    }
}

@Suite struct ServeETagTests {
    @Test func tagChangesWithEachPart() {
        let tag = ETag.make(inode: 10, size: 20, modifiedNanoseconds: 30)
        #expect(tag == "\"a-14-1e\"")
        #expect(ETag.make(inode: 11, size: 20, modifiedNanoseconds: 30) != tag)
        #expect(ETag.make(inode: 10, size: 21, modifiedNanoseconds: 30) != tag)
        #expect(ETag.make(inode: 10, size: 20, modifiedNanoseconds: 31) != tag)
        #expect(ETag.make(inode: 10, size: 20, modifiedNanoseconds: 30, variant: "live") == "\"a-14-1e-live\"")
    }

    @Test func ifNoneMatch() {
        let tag = "\"a-14-1e\""
        #expect(ETag.matches(ifNoneMatch: "\"a-14-1e\"", tag: tag))
        #expect(ETag.matches(ifNoneMatch: "W/\"a-14-1e\"", tag: tag))
        #expect(ETag.matches(ifNoneMatch: "\"x\", \"a-14-1e\"", tag: tag))
        #expect(ETag.matches(ifNoneMatch: "*", tag: tag))
        #expect(!ETag.matches(ifNoneMatch: "\"a-14-1f\"", tag: tag))
        #expect(!ETag.matches(ifNoneMatch: "a-14-1e", tag: tag))
        #expect(!ETag.matches(ifNoneMatch: nil, tag: tag))
    }
}

@Suite struct LiveReloadTests {
    @Test func scriptGoesBeforeTheLastClosingBody() {
        let page = "<html><body><p>x</p></BODY></html>"
        let out = String(decoding: LiveReload.inject(into: Data(page.utf8)), as: UTF8.self)
        #expect(out == "<html><body><p>x</p>" + LiveReload.script + "\n</BODY></html>")
    }

    @Test func pageWithoutBodyGetsTheScriptAtTheEnd() {
        let out = String(decoding: LiveReload.inject(into: Data("<p>x</p>".utf8)), as: UTF8.self)
        #expect(out == "<p>x</p>" + LiveReload.script + "\n")
    }

    @Test func scriptShowsErrorsInAnAlertAndReloads() {
        #expect(LiveReload.script.contains("\"role\", \"alert\""))
        #expect(LiveReload.script.contains("new EventSource(\"/_engage/events?page=\" + encodeURIComponent(location.pathname))"))
        #expect(LiveReload.script.contains("addEventListener(\"reload\""))
        #expect(LiveReload.script.contains("addEventListener(\"error\""))
    }

    @Test func eventsAreEncodedLineByLine() {
        #expect(ServerEvent(name: "reload", data: "reload").encoded == "event: reload\ndata: reload\n\n")
        #expect(ServerEvent(name: "error", data: "a.md:1:1: error: x\nb.md:2:3: error: y").encoded
                == "event: error\ndata: a.md:1:1: error: x\ndata: b.md:2:3: error: y\n\n")
        #expect(ServerEvent(name: "", data: "").encoded == ": ping\n\n")
    }
}

/// What the server knows between rebuilds: which pages are open, and which files a rebuild is
/// still making (requests for them wait).
@Suite(.temporaryFolders) struct ServeStateTests {
    @Test func theHubKnowsWhichPagesAreOpen() async throws {
        let hub = EventHub()
        let a = await hub.subscribe(page: "teams/index.html")
        let b = await hub.subscribe(page: "index.html")
        let c = await hub.subscribe()
        #expect(await hub.viewedPages == ["teams/index.html", "index.html"])
        #expect(await hub.count == 3)
        _ = (a, b, c)
        await hub.close()
        #expect(await hub.viewedPages.isEmpty)
    }

    @Test func aReloadCanGoToSomeClientsOnly() async throws {
        let hub = EventHub()
        let open = await hub.subscribe(page: "teams/alpha/index.html")
        let other = await hub.subscribe(page: "teams/index.html")
        let silent = await hub.subscribe()
        await hub.reload(only: { $0 == "teams/alpha/index.html" })
        await hub.close()
        var got: [Int] = []
        for (i, stream) in [open, other, silent].enumerated() { for await _ in stream { got.append(i) } }
        #expect(got == [0])
    }

    /// Polls `condition` for up to 5 s (a test that must not hang when something is wrong).
    static func eventually(_ condition: () async -> Bool) async throws -> Bool {
        for _ in 0..<500 {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test func aRequestForAPendingFileWaitsUntilItIsMade() async throws {
        let state = SiteState()
        await state.overlay([OutputFile(path: "teams/alpha/index.html", text: "new")], removed: [], pending: { $0 == "teams/index.html" })
        // Not pending: at once.
        await state.settled("teams/alpha/index.html")
        let done = Flag()
        let waiter = Task {
            await state.settled("teams/index.html")
            await done.set()
        }
        #expect(try await Self.eventually { await state.waitingRequests == 1 })
        #expect(await !done.value)
        await state.overlay([OutputFile(path: "teams/index.html", text: "list")], removed: [])
        #expect(try await Self.eventually { await done.value })
        waiter.cancel()
        #expect(await state.overlaid("teams/index.html")??.data == Data("list".utf8))

        // A whole build releases what was pending too.
        await state.overlay([], removed: [], pending: { _ in true })
        let released = Flag()
        let other = Task { await state.settled("anything"); await released.set() }
        #expect(try await Self.eventually { await state.waitingRequests == 1 })
        await state.update(basePath: "/")
        #expect(try await Self.eventually { await released.value })
        other.cancel()
    }

    /// An update that turns out not to be whole: what its first step laid over is put back.
    @Test func whatAnOverlayReplacedCanBePutBack() async throws {
        let state = SiteState()
        await state.overlay([OutputFile(path: "a.html", text: "a1")], removed: ["gone.js"])
        let replaced = await state.overlay([OutputFile(path: "a.html", text: "a2"), OutputFile(path: "b.html", text: "b2")],
                                           removed: ["a.html", "c.js"], pending: { _ in true })
        #expect(await state.overlaid("a.html") != nil)
        await state.restore(replaced)
        await state.release()
        #expect(await state.overlaid("a.html")??.data == Data("a1".utf8))
        #expect(await state.overlaid("b.html") == nil)   // the folder's file stands again
        #expect(await state.overlaid("c.js") == nil)
        #expect(await state.overlaid("gone.js").map { $0 == nil } == true)   // still removed
    }

    /// Through the handler: a request for a page the rebuild is still making gets the new page
    /// once it is made; a file that is not pending is answered meanwhile.
    @Test func theHandlerHoldsBackARequestForAPendingPage() async throws {
        let root = Fixture.temporaryDirectory() + "/held-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/teams", withIntermediateDirectories: true)
        try Data("<p>old list</p>".utf8).write(to: URL(fileURLWithPath: root + "/teams/index.html"))
        try Data("body{}".utf8).write(to: URL(fileURLWithPath: root + "/style.css"))
        let state = SiteState()
        let handler = SiteHandler(root: root, state: state, hub: EventHub(), liveReload: false)
        func get(_ path: String) -> HTTPRequest {
            HTTPRequest(method: .GET, version: .http11, path: path, query: [], headers: [:], body: Data())
        }
        await state.overlay([], removed: [], pending: { $0 == "teams/index.html" })
        let css = try await handler.handleRequest(get("/style.css"))
        #expect(css.statusCode == .ok)
        let answer = Task { try await handler.handleRequest(get("/teams/")) }
        #expect(try await Self.eventually { await state.waitingRequests == 1 })
        await state.overlay([OutputFile(path: "teams/index.html", text: "<p>new list</p>")], removed: [])
        let page = try await answer.value
        #expect(String(decoding: try await page.bodyData, as: UTF8.self) == "<p>new list</p>")
    }
}

actor Flag {
    private(set) var value = false
    func set() { value = true }
}

/// Counts rebuilds and how many ran at once.
actor RebuildLog {
    var started = 0, finished = 0, running = 0, maxRunning = 0
    var startTimes: [ContinuousClock.Instant] = []
    func begin() { started += 1; running += 1; maxRunning = max(maxRunning, running); startTimes.append(.now) }
    func end() { running -= 1; finished += 1 }
}

/// Lets rebuilds through once opened.
actor Gate {
    private var isOpen = false
    func open() { isOpen = true }
    func wait() async { while !isOpen { try? await Task.sleep(for: .milliseconds(5)) } }
}

@Suite struct RebuildSchedulerTests {
    /// Waits (up to 120 s: the suite shares two cores) until `condition` holds.
    func eventually(_ condition: @escaping @Sendable () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while await !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func burstOfChangesGivesOneRebuildAfterTheQuietPeriod() async throws {
        let log = RebuildLog()
        let scheduler = RebuildScheduler(delay: .milliseconds(100)) { await log.begin(); await log.end() }
        for _ in 0..<10 { await scheduler.changed() }
        let last = ContinuousClock.now
        try await eventually { await log.finished == 1 }
        try await Task.sleep(for: .milliseconds(300))
        #expect(await log.started == 1)
        let start = try #require(await log.startTimes.first)
        #expect(start - last >= .milliseconds(95), "started \(start - last) after the last change")
    }

    @Test func eachChangeRestartsTheQuietPeriod() async throws {
        let log = RebuildLog()
        let scheduler = RebuildScheduler(delay: .milliseconds(150)) { await log.begin(); await log.end() }
        await scheduler.changed()
        try await Task.sleep(for: .milliseconds(50))
        await scheduler.changed()
        let last = ContinuousClock.now
        try await eventually { await log.finished >= 1 }
        let start = try #require(await log.startTimes.first)
        #expect(start - last >= .milliseconds(145), "started \(start - last) after the last change")
    }

    @Test func changesDuringARebuildCauseExactlyOneFollowUpAndNeverOverlap() async throws {
        let log = RebuildLog()
        let release = Gate()
        let scheduler = RebuildScheduler(delay: .milliseconds(30)) {
            await log.begin()
            await release.wait()
            await log.end()
        }
        await scheduler.changed()
        try await eventually { await log.running == 1 }
        #expect(await log.running == 1)
        for _ in 0..<20 { await scheduler.changed() }
        await scheduler.runNow()              // asks for the follow-up too, never runs alongside
        #expect(await log.started == 1)
        await release.open()
        try await eventually { await log.finished == 2 }
        try await Task.sleep(for: .milliseconds(300))
        #expect(await log.started == 2)
        #expect(await log.finished == 2)
        #expect(await log.maxRunning == 1)
    }

    @Test func eachRebuildIsToldThePathsChangedSinceTheLastOne() async throws {
        let seen = PathLog()
        let release = Gate()
        let scheduler = RebuildScheduler(delay: .milliseconds(20)) { paths in
            await seen.add(paths)
            if await seen.count == 1 { await release.wait() }
        }
        await scheduler.changed(["content/pages/a.md"])
        await scheduler.changed(["content/pages/b.md"])
        try await eventually { await seen.count == 1 }
        await scheduler.changed(["content/values/c.md"])   // while the first runs
        await scheduler.changed(nil)                        // some change whose paths are unknown
        await release.open()
        try await eventually { await seen.count == 2 }
        await scheduler.changed(["content/teams/d.md"])
        try await eventually { await seen.count == 3 }
        #expect(await seen.all == [["content/pages/a.md", "content/pages/b.md"], nil, ["content/teams/d.md"]])
    }

    @Test func cancelDropsAWaitingRebuild() async throws {
        let log = RebuildLog()
        let scheduler = RebuildScheduler(delay: .milliseconds(50)) { await log.begin(); await log.end() }
        await scheduler.changed()
        await scheduler.cancel()
        try await Task.sleep(for: .milliseconds(200))
        #expect(await log.started == 0)
    }
}

actor PathLog {
    private(set) var all: [Set<String>?] = []
    var count: Int { all.count }
    func add(_ paths: Set<String>?) { all.append(paths) }
}
