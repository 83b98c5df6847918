import Foundation
import Testing
@testable import EngageServe

/// `engage serve` end to end: edits seen through the event stream, failed rebuilds shown while
/// the last good site stays, the watchers, and a bounded load on loopback. (Waits are generous
/// because the whole test suite shares two cores; alone, a reload arrives in well under a second.)
@Suite(.temporaryFolders, .serialized) struct ServeLiveTests {
    /// A connection to serve's event stream, past its opening comment.
    /// `page`: the path of the page the browser shows, sent as the injected script sends it.
    static func openEvents(_ port: UInt16, page: String? = nil) async throws -> TestHTTPConnection {
        let query = page.map { "?page=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
        return try await onThread { () -> TestHTTPConnection in
            let c = try TestHTTPConnection(port: port)
            try c.send("GET /_engage/events\(query) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let head = try c.readHead()
            #expect(head.status == 200)
            #expect(head.headers["content-type"] == "text/event-stream; charset=utf-8")
            _ = try c.readUntil(": engage serve", seconds: 30)
            c.discardBuffered()
            return c
        }
    }

    @Test func editReloadsThenAnErrorIsShownWhileTheOldPageStays() async throws {
        let source = try Fixture.copy("basic")
        let (server, port) = try await startServe(source: source)
        defer { server.stop() }
        let events = try await Self.openEvents(port)

        // An edit: a reload event, then the page has the new text.
        let page = source + "/content/values/care.md"
        let text = read(page)
        try write(text + "\nFreshly saved sentence 4711.\n", to: page)
        let reload = try await onThread { try events.readUntil("event: reload\ndata: reload\n", seconds: 30) }
        #expect(reload.contains("event: reload"))
        let after = try await httpGet(port, "/people/values/care/")
        #expect(after.status == 200)
        #expect(after.text.contains("Freshly saved sentence 4711."))

        // A mistake: an error event with the diagnostic; the last good page is still served.
        events.discardBuffered()
        try write("---\ntitle: Broken\n", to: source + "/content/values/zz-broken.md")
        let error = try await onThread { try events.readUntil("front matter is not closed", seconds: 30) }
        #expect(error.contains("event: error\ndata: content/values/zz-broken.md:1:1: error: front matter is not closed: add a line that is exactly '---' after the YAML fields\n"))
        let still = try await httpGet(port, "/people/values/care/")
        #expect(still.status == 200)
        #expect(still.text.contains("Freshly saved sentence 4711."))

        // A page opened now is told about the error at once.
        let late = try await onThread { () -> String in
            let c = try TestHTTPConnection(port: port)
            try c.send("GET /_engage/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            _ = try c.readHead()
            return try c.readUntil("front matter is not closed", seconds: 30)
        }
        #expect(late.contains("event: error"))

        // Fixed: reload again.
        events.discardBuffered()
        try FileManager.default.removeItem(atPath: source + "/content/values/zz-broken.md")
        _ = try await onThread { try events.readUntil("event: reload", seconds: 30) }
        #expect(await server.waitForOutput("Rebuild failed ("))
        #expect(await server.waitForOutput("still serving the last good site."))
    }

    /// A body-only edit is served from memory (`ResidentSite`, the folder on disk untouched)
    /// until a change that needs a whole build writes the folder again.
    @Test func aBodyEditIsServedFromMemoryUntilAWholeBuild() async throws {
        let source = try Fixture.copy("basic")
        let (server, port) = try await startServe(source: source)
        defer { server.stop() }
        let events = try await Self.openEvents(port)
        let before = try await httpGet(port, "/people/pages/about/")
        let page = source + "/content/pages/about.md", onDisk = source + "/.engage-serve/site/pages/about/index.html"
        try write(read(page) + "\nQuokka sentence 5150.\n", to: page)
        _ = try await onThread { try events.readUntil("event: reload\ndata: reload\n", seconds: 30) }
        #expect(await server.waitForOutput("Updated 1 page in "))
        let after = try await httpGet(port, "/people/pages/about/")
        #expect(after.status == 200 && after.text.contains("Quokka sentence 5150."))
        #expect(after.header("etag") != before.header("etag"))
        #expect(after.header("content-type") == "text/html; charset=utf-8")
        let again = try await httpGet(port, "/people/pages/about/", headers: ["If-None-Match": after.header("etag") ?? ""])
        #expect(again.status == 304)
        let index = try await httpGet(port, "/people/search-index.json")
        #expect(index.text.contains("Quokka sentence 5150."))
        let shard = try await httpGet(port, "/people/search/t-qu.js")
        #expect(shard.status == 200 && shard.text.contains("\"quokka\""))
        #expect(!read(onDisk).contains("Quokka sentence 5150."))

        // The title changed, and the footer of every page links it: a whole build, which writes
        // the folder and drops what was in memory.
        events.discardBuffered()
        try write(read(page).replacingOccurrences(of: "title: ", with: "title: Renamed "), to: page)
        _ = try await onThread { try events.readUntil("event: reload\ndata: reload\n", seconds: 30) }
        #expect(await server.waitForOutput("Rebuilding the whole site: a header or footer changed."))
        let rebuilt = try await httpGet(port, "/people/pages/about/")
        #expect(rebuilt.text.contains("Quokka sentence 5150.") && rebuilt.text.contains("Renamed "))
        #expect(read(onDisk).contains("Quokka sentence 5150."))
    }

    /// A team's headcount edited: the file is loaded again alone and the pages that show it are
    /// rendered in memory; the folder on disk keeps the last whole build.
    @Test func aFrontMatterEditIsServedFromMemory() async throws {
        let source = try Fixture.copy("basic")
        let (server, port) = try await startServe(source: source)
        defer { server.stop() }
        let events = try await Self.openEvents(port)
        let team = source + "/content/teams/alpha.md", onDisk = source + "/.engage-serve/site/teams/alpha/index.html"
        try write(read(team).replacingOccurrences(of: "headcount: 12", with: "headcount: 4321"), to: team)
        _ = try await onThread { try events.readUntil("event: reload\ndata: reload\n", seconds: 30) }
        #expect(await server.waitForOutput("(the front matter of 1 file changed)"))
        let page = try await httpGet(port, "/people/teams/alpha/")
        #expect(page.status == 200 && page.text.contains("<dd>4321</dd>"))
        #expect(!read(onDisk).contains("<dd>4321</dd>"))
    }

    /// Open pages first: with a browser on the department page, a team's new name is rendered
    /// there and on the team's page before the reload; the other pages that show the name
    /// follow, and a request for one of them meanwhile waits for it.
    @Test func theOpenPageIsRenderedBeforeTheReloadAndTheRestAfter() async throws {
        let source = try Fixture.copy("basic")
        let (server, port) = try await startServe(source: source)
        defer { server.stop() }
        let events = try await Self.openEvents(port, page: "/people/departments/customer-care/")
        let team = source + "/content/teams/alpha.md"
        try write(read(team).replacingOccurrences(of: "name: Alpha Support", with: "name: Alpha Quokkas"), to: team)
        _ = try await onThread { try events.readUntil("event: reload\ndata: reload\n", seconds: 30) }
        #expect(await server.waitForOutput("Updated 2 pages in "))
        #expect(await server.waitForOutput("the other pages it reaches follow."))
        let list = try await httpGet(port, "/people/teams/")
        #expect(list.status == 200 && list.text.contains("Alpha Quokkas"))
        let department = try await httpGet(port, "/people/departments/customer-care/")
        #expect(department.text.contains("Alpha Quokkas"))
        #expect(await server.waitForOutput(" more pages in "))
        let index = try await httpGet(port, "/people/search-index.json")
        #expect(index.text.contains("Alpha Quokkas"))
    }

    /// A title the footer lists: the open page gets it before the whole build, which makes the
    /// other pages while requests for them wait; the browsers on other pages reload after it,
    /// the first one not again.
    @Test func aFooterChangeReloadsTheOpenPageBeforeTheWholeBuild() async throws {
        let source = try Fixture.copy("basic")
        let (server, port) = try await startServe(source: source)
        defer { server.stop() }
        let open = try await Self.openEvents(port, page: "/people/pages/about/")
        let elsewhere = try await Self.openEvents(port, page: "/people/values/care/")
        let page = source + "/content/pages/about.md"
        try write(read(page).replacingOccurrences(of: "title: About", with: "title: About Quokkas"), to: page)
        _ = try await onThread { try open.readUntil("event: reload\ndata: reload\n", seconds: 30) }
        // The first step's reload: the whole build (a few hundred milliseconds) is not done yet.
        #expect(!server.output.contains("Rebuilt "))
        let about = try await httpGet(port, "/people/pages/about/")
        #expect(about.status == 200 && about.text.contains("<h1>About Quokkas</h1>"))
        // Held back until the whole build has made it.
        let other = try await httpGet(port, "/people/values/care/")
        #expect(other.status == 200 && other.text.contains("About Quokkas"))
        _ = try await onThread { try elsewhere.readUntil("event: reload\ndata: reload\n", seconds: 30) }
        #expect(await server.waitForOutput("a whole build makes the other pages."))
        #expect(await server.waitForOutput("Rebuilding the whole site: a header or footer changed."))
        #expect(await server.waitForOutput("Rebuilt "))
        // No second reload for the page the first step made.
        open.discardBuffered()
        let again = try await onThread { () -> String in (try? open.readUntil("event: reload", seconds: 1)) ?? "" }
        #expect(!again.contains("event: reload"))
    }

    @Test func fiftyClientsTwoHundredRequestsEachWithoutErrors() async throws {
        let source = try Fixture.copy("basic")
        let (server, port) = try await startServe(source: source)
        let paths = ["/people/", "/people/assets/style.css", "/people/values/care/", "/people/data/kpis.csv",
                     "/people/no/such/", "/people/sitemap.xml"]
        let expected = [200, 200, 200, 200, 404, 200]
        var lengths: [Int] = []
        for p in paths { lengths.append(try await httpGet(port, p).body.count) }
        let known = lengths
        let clients = 50, requests = 200
        let failures = try await onThread { () -> [String] in
            let failures = FailureLog()
            let group = DispatchGroup()
            for client in 0..<clients {
                group.enter()
                let thread = Thread {
                    defer { group.leave() }
                    var conn: TestHTTPConnection?
                    for i in 0..<requests {
                        let k = (client + i) % paths.count
                        do {
                            if conn == nil || i % 50 == 0 { conn = try TestHTTPConnection(port: port) }
                            let r = try conn!.request(paths[k])
                            if r.status != expected[k] || r.body.count != known[k] {
                                failures.add("\(paths[k]): \(r.status), \(r.body.count) bytes")
                            }
                        } catch {
                            failures.add("\(paths[k]): \(error)")
                            conn = nil
                        }
                    }
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
            group.wait()
            return failures.all
        }
        server.stop()
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test(arguments: [false, true])
    func watcherSeesEditsAndNewFolders(polling: Bool) async throws {
        let source = try Fixture.copy("basic")
        let counter = ChangeCounter()
        let watcher = SourceWatching.start(source: source, polling: polling, interval: .milliseconds(100)) { counter.bump() }
        defer { watcher.stop() }
        #expect(watcher.kind == (polling ? "polling" : "inotify"))
        try await Task.sleep(for: .milliseconds(300))
        let before = counter.count
        try write("x", to: source + "/content/pages/new-folder/deeper/notes.md")
        try await counter.waitAbove(before)
        // A file in the folder made just now is seen too (inotify added a watch for it).
        try await Task.sleep(for: .milliseconds(300))
        let middle = counter.count
        try write("y", to: source + "/content/pages/new-folder/deeper/notes.md")
        try await counter.waitAbove(middle)
        // A new static/ folder appears at the source root.
        try await Task.sleep(for: .milliseconds(300))
        let later = counter.count
        try write("z", to: source + "/static/robots.txt")
        try await counter.waitAbove(later)
        // The preview's own folder is not watched.
        try await Task.sleep(for: .milliseconds(300))
        let quiet = counter.count
        try write("w", to: source + "/.engage-serve/site/x.html")
        try await Task.sleep(for: .milliseconds(500))
        #expect(counter.count == quiet)
    }
}

/// The watchers name the files that changed, relative to the source (serve's body-only
/// rebuilds depend on it).
@Suite(.temporaryFolders, .serialized) struct WatcherPathTests {
    @Test(arguments: [false, true])
    func watcherNamesTheChangedFile(polling: Bool) async throws {
        let source = try Fixture.copy("basic")
        let seen = PathLog()
        let watcher = SourceWatching.start(source: source, polling: polling, interval: .milliseconds(100), onPaths: { paths in
            Task { await seen.add(paths) }
        })
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(300))
        try write(read(source + "/content/pages/about.md") + "\nMore.\n", to: source + "/content/pages/about.md")
        let deadline = ContinuousClock.now + .seconds(60)
        while await seen.count == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        let all = await seen.all
        #expect(!all.isEmpty && all.allSatisfy { $0 == ["content/pages/about.md"] }, "\(all)")
    }
}

@Suite struct SourceWatchingFallbackTests {
    @Test func inotifyFailureFallsBackToPolling() {
        // inotify cannot watch a folder that does not exist; serve then polls.
        let watcher = SourceWatching.start(source: "/nonexistent-engage-source-\(UUID().uuidString)") {}
        defer { watcher.stop() }
        #expect(watcher.kind == "polling")
    }
}

/// Lines collected from many threads.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

final class ChangeCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func bump() { lock.withLock { n += 1 } }
    var count: Int { lock.withLock { n } }
    func waitAbove(_ value: Int, seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while count <= value && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(count > value, "no change seen within \(seconds) s", sourceLocation: sourceLocation)
    }
}
