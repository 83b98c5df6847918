import Foundation
import Testing
@testable import EngageServe

/// serve's update in two steps when the whole build after the first step fails: the pages the
/// first step laid over the site are taken back, so the last good site (the one before the edit)
/// is served whole, the browsers the first step reloaded reload into it, and every browser is
/// shown the diagnostics. Runs the server in this process, to change the source between the two
/// steps (`ServeOptions.beforeWholeBuild`): no edit is known that passes the first step and
/// fails the whole build, short of a file saved in between, as here.
@Suite(.temporaryFolders, .serialized) struct ServeFirstStepFailureTests {
    @Test func aWholeBuildFailingAfterTheFirstStepPutsTheSiteBeforeTheEditBack() async throws {
        let source = try Fixture.copy("basic")
        let log = FailureLog()
        var options = ServeOptions(source: source)
        options.port = 0
        options.log = { log.add($0) }
        options.logError = { log.add($0) }
        let broken = source + "/content/values/zz-broken.md"
        options.beforeWholeBuild = { try? write("---\ntitle: Broken\n", to: broken) }
        let server = PreviewServer(options: options)
        let port = try await server.start()
        do {
            let aboutBefore = try await httpGet(port, "/people/pages/about/")
            let careBefore = try await httpGet(port, "/people/values/care/")
            #expect(aboutBefore.text.contains("<h1>About</h1>"))
            let open = try await ServeLiveTests.openEvents(port, page: "/people/pages/about/")
            let elsewhere = try await ServeLiveTests.openEvents(port, page: "/people/values/care/")

            // A title the footer lists: the open page is rendered first, a whole build follows.
            let page = source + "/content/pages/about.md"
            try write(read(page).replacingOccurrences(of: "title: About", with: "title: About Quokkas"), to: page)
            let seen = try await onThread { try open.readUntil("front matter is not closed", seconds: 60) }
            // The first step's reload, the reload into the site before the edit, then the error.
            let events = seen.components(separatedBy: "event: ").dropFirst().map { $0.prefix { $0 != "\n" } }
            #expect(events == ["reload", "reload", "error"], "\(seen)")
            #expect(seen.contains("data: content/values/zz-broken.md:1:1: error: front matter is not closed"))
            let other = try await onThread { try elsewhere.readUntil("front matter is not closed", seconds: 30) }
            #expect(!other.contains("event: reload"), "\(other)")

            // Both pages are served as they were before the edit, at once (nothing waits).
            let started = ContinuousClock.now
            let aboutAfter = try await httpGet(port, "/people/pages/about/")
            let careAfter = try await httpGet(port, "/people/values/care/")
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(aboutAfter.status == 200 && aboutAfter.text == aboutBefore.text)
            #expect(careAfter.status == 200 && careAfter.text == careBefore.text)
            #expect(!aboutAfter.text.contains("Quokkas"))
            #expect(await server.goodBuilds == 1)
            #expect(log.all.contains { $0.hasPrefix("Updated 1 page in ") && $0.hasSuffix("a whole build makes the other pages.") })
            #expect(log.all.contains("Rebuilding the whole site: a header or footer changed."))
            #expect(log.all.contains { $0.hasPrefix("Rebuild failed (") && $0.hasSuffix("still serving the last good site.") })
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
