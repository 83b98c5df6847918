import Foundation
import Testing
@testable import EngageServe

/// `engage serve` over real loopback sockets, on a copy of the basic fixture (base_url /people/).
@Suite(.temporaryFolders) struct ServeHTTPTests {
    /// Starts serve on a fresh copy of the basic fixture; stops it when `body` ends.
    func withServer(_ body: (String, UInt16) async throws -> Void) async throws {
        let source = try Fixture.copy("basic")
        let (server, port) = try await startServe(source: source)
        defer { server.stop() }
        try await body(source, port)
    }

    @Test func servesUnderTheBasePathAndRedirectsTheRoot() async throws {
        try await withServer { _, port in
            let root = try await httpGet(port, "/")
            #expect(root.status == 302)
            #expect(root.header("Location") == "/people/")
            let home = try await httpGet(port, "/people/")
            #expect(home.status == 200)
            #expect(home.text.contains("<title>Fixture Hub</title>"))
            let folder = try await httpGet(port, "/people/values?x=1")
            #expect(folder.status == 302)
            #expect(folder.header("Location") == "/people/values/?x=1")
            let outside = try await httpGet(port, "/elsewhere/index.html")
            #expect(outside.status == 404)
        }
    }

    @Test func contentTypesAndCaching() async throws {
        let cases = [
            ("/people/", "text/html; charset=utf-8"), ("/people/assets/style.css", "text/css; charset=utf-8"),
            ("/people/assets/favicon.svg", "image/svg+xml; charset=utf-8"), ("/people/data/kpis.csv", "text/csv; charset=utf-8"),
            ("/people/sitemap.xml", "application/xml; charset=utf-8"), ("/people/search-index.json", "application/json; charset=utf-8"),
        ]
        try await withServer { _, port in
            for (path, type) in cases {
                let r = try await httpGet(port, path)
                #expect(r.status == 200, "\(path)")
                #expect(r.header("Content-Type") == type, "\(path)")
                #expect(r.header("Cache-Control") == "no-cache", "\(path)")
                #expect(r.header("ETag")?.hasPrefix("\"") == true, "\(path)")
                #expect(!r.body.isEmpty, "\(path)")
            }
        }
    }

    @Test func etagAndIfNoneMatchGive304() async throws {
        try await withServer { source, port in
            let first = try await httpGet(port, "/people/assets/style.css")
            let tag = try #require(first.header("ETag"))
            let again = try await httpGet(port, "/people/assets/style.css", headers: ["If-None-Match": tag])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == tag)
            let other = try await httpGet(port, "/people/assets/style.css", headers: ["If-None-Match": "\"nope\""])
            #expect(other.status == 200)
            #expect(other.body == first.body)
            // The tag follows the file: a new version of it gets a new tag.
            let file = source + "/.engage-serve/site/assets/style.css"
            try Data("body{}".utf8).write(to: URL(fileURLWithPath: file))
            let changed = try await httpGet(port, "/people/assets/style.css", headers: ["If-None-Match": tag])
            #expect(changed.status == 200)
            #expect(changed.text == "body{}")
            #expect(changed.header("ETag") != tag)
        }
    }

    @Test func unknownPathsGetTheSitesOwn404Page() async throws {
        try await withServer { source, port in
            let r = try await httpGet(port, "/people/no/such/page/")
            #expect(r.status == 404)
            #expect(r.header("Content-Type") == "text/html; charset=utf-8")
            let page = read(source + "/.engage-serve/site/404.html")
            #expect(!page.isEmpty)
            #expect(r.text == String(decoding: LiveReload.inject(into: Data(page.utf8)), as: UTF8.self))
            #expect(try await httpGet(port, "/people/index.html/").status == 404)
            #expect(try await httpGet(port, "/people/.engage-manifest").status == 404)
        }
    }

    @Test func scriptIsInjectedOnlyIntoServedHTML() async throws {
        try await withServer { source, port in
            let onDisk = read(source + "/.engage-serve/site/values/care/index.html")
            #expect(!onDisk.contains(LiveReload.marker))
            let served = try await httpGet(port, "/people/values/care/")
            #expect(served.text == String(decoding: LiveReload.inject(into: Data(onDisk.utf8)), as: UTF8.self))
            #expect(served.text.components(separatedBy: LiveReload.marker).count == 2)
            #expect(served.text.range(of: LiveReload.marker)!.lowerBound < served.text.range(of: "</body>", options: .backwards)!.lowerBound)
            let css = try await httpGet(port, "/people/assets/style.css")
            #expect(!css.text.contains(LiveReload.marker))
            // The content folder was never written into; the preview lives in .engage-serve.
            #expect(!FileManager.default.fileExists(atPath: source + "/site"))
            #expect(read(source + "/.engage-serve/.gitignore").contains("*\n"))
        }
    }

    @Test func sourceFoldersAreNeverWritten() async throws {
        let source = try Fixture.copy("basic")
        try write("User-agent: *\n", to: source + "/static/robots.txt")
        try write("/* mine */\n", to: source + "/templates/extra.css")
        let before = ["content", "static", "templates"].map { snapshot(source + "/" + $0) }
        let (server, port) = try await startServe(source: source)
        #expect(try await httpGet(port, "/people/robots.txt").text == "User-agent: *\n")
        #expect(try await httpGet(port, "/people/robots.txt").header("Content-Type") == "text/plain; charset=utf-8")
        server.stop()
        let after = ["content", "static", "templates"].map { snapshot(source + "/" + $0) }
        #expect(before == after)
        let top = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
        #expect(top == [".engage-serve", "content", "static", "templates"])
    }

    @Test func headGivesHeadersWithoutBody() async throws {
        try await withServer { _, port in
            let (head, get) = try await onThread {
                let conn = try TestHTTPConnection(port: port)
                return (try conn.request("/people/", method: "HEAD"), try conn.request("/people/"))
            }
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("Content-Length") == String(get.body.count))
            let post = try await httpGet(port, "/people/", method: "DELETE")
            #expect(post.status == 405)
        }
    }

    @Test func traversalIsRefused() async throws {
        let paths = [
            "/people/../../../../etc/passwd", "/people/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
            "/people/%2fetc%2fpasswd", "/people/..%2f..%2f..%2fetc%2fpasswd", "/people/%2E%2E%5C%2E%2E%5Cetc", "/people/index.html%00.css",
            "/people/%252e%252e/%252e%252e/etc/passwd", "/people/assets/../../../../etc/passwd",
        ]
        try await withServer { _, port in
            for path in paths {
                let r = try await httpGet(port, path)
                #expect(r.status == 403 || r.status == 404, "\(path) → \(r.status)")
                #expect(!r.text.contains("root:"), "\(path)")
            }
            // Plain `..` and its encodings are refused outright, not looked up.
            #expect(try await httpGet(port, "/people/../people/index.html").status == 403)
            #expect(try await httpGet(port, "/people/%2e%2e/people/index.html").status == 403)
        }
    }

    @Test func absolutePathsAreNotFollowed() async throws {
        try await withServer { _, port in
            for path in ["//etc/passwd", "/people//etc/passwd", "/people/%2Fetc/passwd"] {
                let r = try await httpGet(port, path)
                #expect(r.status == 403 || r.status == 404, "\(path) → \(r.status)")
                #expect(!r.text.contains("root:"))
            }
        }
    }

    @Test func symbolicLinksOutOfTheSiteAreRefused() async throws {
        try await withServer { source, port in
            let outside = Fixture.temporaryDirectory()
            try write("top secret", to: outside + "/secret.txt")
            let site = source + "/.engage-serve/site"
            try FileManager.default.createSymbolicLink(atPath: site + "/leak.txt", withDestinationPath: outside + "/secret.txt")
            try FileManager.default.createSymbolicLink(atPath: site + "/leakdir", withDestinationPath: outside)
            try FileManager.default.createSymbolicLink(atPath: site + "/inside.css", withDestinationPath: site + "/assets/style.css")
            for path in ["/people/leak.txt", "/people/leakdir/secret.txt", "/people/leakdir/"] {
                let r = try await httpGet(port, path)
                #expect(r.status == 403, "\(path) → \(r.status)")
                #expect(!r.text.contains("top secret"))
            }
            // A link that stays inside the site is fine.
            #expect(try await httpGet(port, "/people/inside.css").status == 200)
        }
    }
}
