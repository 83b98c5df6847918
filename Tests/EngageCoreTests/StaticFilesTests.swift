import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

@Suite struct StaticLinkTests {
    let links = LinkRewriter(published: ["pages/a.md"], staticFiles: ["img/org.png", "img/org chart.png", "docs/policy.pdf"],
                             generatedFiles: ["data/kpis.csv"])

    @Test func pathsFromTheStaticRootBecomeRelative() {
        #expect(links.resolve("/img/org.png", from: "pages/a.md") == .replace("../../img/org.png"))
        #expect(links.resolve("/docs/policy.pdf#page=2", from: "pages/a.md") == .replace("../../docs/policy.pdf#page=2"))
        #expect(links.resolve("/img/org%20chart.png", from: "pages/a.md") == .replace("../../img/org%20chart.png"))
        #expect(links.resolve("/data/kpis.csv", from: "pages/a.md") == .replace("../../data/kpis.csv"))
        // From the source file into static/, as an editor's preview would read it.
        #expect(links.resolve("../../static/img/org.png", from: "pages/a.md") == .replace("../../img/org.png"))
    }

    @Test func missingStaticFilesAreErrors() {
        #expect(links.resolve("/img/org.jpg", from: "pages/a.md")
                == .error("link '/img/org.jpg' points to a missing static file 'static/img/org.jpg'; did you mean '/img/org.png'?"))
        #expect(links.resolve("../../static/x.pdf", from: "pages/a.md")
                == .error("link '../../static/x.pdf' points to a missing static file 'static/x.pdf'"))
        #expect(links.resolve("/../etc/passwd.txt", from: "pages/a.md") == .error("link '/../etc/passwd.txt' points outside the site"))
    }

    @Test func otherLinksAreKept() {
        // Links from the site root to pages and .html files are no longer kept: RootLinkTests.
        #expect(links.resolve("https://example.com/x.png", from: "pages/a.md") == .keep)
        #expect(links.resolve("../../../x.png", from: "pages/a.md") == .keep)
    }

    /// A relative link is resolved as the browser will, from the page's address: it must name a
    /// page or a file of the site there, and the same file from the site's root is suggested.
    @Test func aRelativeLinkMustLeadToSomethingOfTheSite() {
        let result = load(["src/content/pages/a.md": "---\ntitle: A\n---\n![Logo](img/logo.svg) [B](../b/) [Teams](../teams/) [Up](./)\n",
                           "src/content/pages/b.md": "---\ntitle: B\n---\nB.\n",
                           "src/static/img/logo.svg": "<svg/>"])
        #expect(result.messages == [
            "content/pages/a.md:4:1: error: link 'img/logo.svg' leads from this page to '/pages/a/img/logo.svg', which is no page or file of the site; did you mean '/img/logo.svg' (from the site's root)?",
            "content/pages/a.md:4:34: error: link '../teams/' leads from this page to '/pages/teams/', which is no page or file of the site; did you mean '/teams/' (from the site's root)?",
        ])
    }

    @Test func aMissingImageIsReportedAtItsPosition() {
        let result = load(["src/content/pages/a.md": "---\ntitle: A\n---\nIntro.\n\n![Chart](/img/chart.png)\n",
                           "src/static/img/chart.svg": "<svg/>"])
        #expect(result.messages == [
            "content/pages/a.md:6:1: error: link '/img/chart.png' points to a missing static file 'static/img/chart.png'; did you mean '/img/chart.svg'?",
        ])
    }
}

@Suite struct StaticSettingsTests {
    @Test func logoAndFaviconNameStaticFiles() throws {
        let result = load(["src/content/site.yml": "title: T\nlogo: /img/logo.svg\nfavicon: static/icon.png\n",
                           "src/static/img/logo.svg": "<svg/>", "src/static/icon.png": "png"])
        #expect(result.messages == [])
        #expect(result.site?.config.logo == "img/logo.svg")
        #expect(result.site?.config.favicon == "icon.png")
        #expect(result.site?.staticFiles.map(\.path) == ["icon.png", "img/logo.svg"])
    }

    @Test func missingOrRemoteLogoIsAnErrorAtItsSetting() {
        let result = load(["src/content/site.yml": "title: T\nlogo: /img/logo.png\nfavicon: https://cdn.example.com/f.ico\n",
                           "src/static/img/logo.svg": "<svg/>"])
        #expect(result.messages == [
            "content/site.yml:2:7: error: 'logo' names '/img/logo.png', but there is no file 'static/img/logo.png'; did you mean '/img/logo.svg'?",
            "content/site.yml:3:10: error: 'favicon' must name a file in static/ by its path from there (like '/img/favicon.ico'), found 'https://cdn.example.com/f.ico'; pages never load files from elsewhere",
        ])
    }

    @Test func aStaticFaviconIcoIsUsedWithoutASetting() {
        #expect(load(["src/static/favicon.ico": "ico"]).site?.config.favicon == "favicon.ico")
        #expect(load([:]).site?.config.favicon == nil)
    }
}

@Suite(.temporaryFolders) struct StaticBuildTests {
    func basicWith(_ files: [String: Data], siteYML extra: String = "") throws -> String {
        let source = try Fixture.copy("basic")
        for (path, data) in files {
            try FileManager.default.createDirectory(atPath: ((source + "/" + path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: source + "/" + path))
        }
        if !extra.isEmpty {
            let yml = read(source + "/content/site.yml")
            try write(yml + extra, to: source + "/content/site.yml")
        }
        return source
    }

    func remove(_ source: String) { try? FileManager.default.removeItem(atPath: (source as NSString).deletingLastPathComponent) }

    @Test func staticFilesAreCopiedAsTheyAre() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF])
        let source = try basicWith(["static/img/org.png": png, "static/robots.txt": Data("User-agent: *\n".utf8),
                                    "static/values/photo.png": png, "static/.DS_Store": Data("junk".utf8)])
        defer { remove(source) }
        let result = Engine(source: source).build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(FileManager.default.contents(atPath: source + "/site/img/org.png") == png)
        #expect(FileManager.default.contents(atPath: source + "/site/values/photo.png") == png)
        #expect(read(source + "/site/robots.txt") == "User-agent: *\n")
        #expect(!FileManager.default.fileExists(atPath: source + "/site/.DS_Store"))
        #expect(result.report?.written.contains("img/org.png") == true)
    }

    @Test func collisionsWithGeneratedAddressesAreErrors() throws {
        let x = Data("x".utf8)
        let source = try basicWith(["static/index.html": x, "static/values/index.html": x, "static/sitemap.xml": x,
                                    "static/data/kpis.csv": x, "static/teams": x, "static/search-index.json/a.png": x,
                                    "static/assets/style.css": x])
        defer { remove(source) }
        let result = Engine(source: source).build()
        #expect(result.diagnostics.map(\.description) == [
            "static/assets/style.css:1:1: error: 'static/assets/style.css' would be written to '/assets/style.css', where Engage writes a file of its own; rename or move the static file",
            "static/data/kpis.csv:1:1: error: 'static/data/kpis.csv' would be written to '/data/kpis.csv', where Engage writes a file of its own; rename or move the static file",
            "static/index.html:1:1: error: 'static/index.html' would be written to '/index.html', where Engage writes a page of its own; rename or move the static file",
            "static/search-index.json/a.png:1:1: error: 'static/search-index.json/a.png' would need a folder '/search-index.json/', but Engage writes the file '/search-index.json'; rename or move the static folder",
            "static/sitemap.xml:1:1: error: 'static/sitemap.xml' would be written to '/sitemap.xml', where Engage writes a file of its own; rename or move the static file",
            "static/teams:1:1: error: 'static/teams' would be written to '/teams', but Engage writes pages inside the folder '/teams/'; rename or move the static file",
            "static/values/index.html:1:1: error: 'static/values/index.html' would be written to '/values/index.html', where Engage writes a page of its own; rename or move the static file",
        ])
        #expect(!FileManager.default.fileExists(atPath: source + "/site"))
    }

    @Test func logoInTheHeaderFaviconInTheHead() throws {
        let source = try basicWith(["static/img/logo.svg": Data("<svg/>".utf8), "static/favicon.ico": Data("ico".utf8)],
                                   siteYML: "logo: /img/logo.svg\n")
        defer { remove(source) }
        let result = Engine(source: source).build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let home = read(source + "/site/index.html")
        #expect(home.contains("<a class=\"brand\" href=\"index.html\"><img class=\"brand-logo\" src=\"img/logo.svg\" alt=\"Fixture Hub\"><span class=\"brand-name\" aria-hidden=\"true\">Fixture Hub</span></a>"))
        #expect(home.contains("<link rel=\"icon\" href=\"favicon.ico\">"))
        let value = read(source + "/site/values/care/index.html")
        #expect(value.contains("src=\"../../img/logo.svg\""))
        #expect(value.contains("<link rel=\"icon\" href=\"../../favicon.ico\">"))
        // 404.html is served at any address: its links start at base_url.
        #expect(read(source + "/site/404.html").contains("<link rel=\"icon\" href=\"/people/favicon.ico\">"))
    }

    @Test func withoutAFaviconNoPageAsksForOne() throws {
        let out = try Fixture.buildBasic()
        defer { try? FileManager.default.removeItem(atPath: ((out as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
        let home = read(out + "/index.html")
        #expect(home.contains("<link rel=\"icon\" href=\"assets/favicon.svg\">"))
        #expect(FileManager.default.fileExists(atPath: out + "/assets/favicon.svg"))
        #expect(home.contains("<a class=\"brand\" href=\"index.html\">Fixture Hub</a>"))
    }

    @Test func staticFolderIsProtectedFromOutput() {
        #expect(OutputGuard.problem(output: "/tmp/s/static/out", source: "/tmp/s") == "the output folder may not be inside 'static/' of the source")
    }
}

/// The sample organisation in the repository: a logo, an image, and no request for a missing file.
@Suite(.temporaryFolders) struct SampleSiteFilesTests {
    @Test func noPageRequestsAMissingFile() throws {
        let out = Fixture.temporaryDirectory() + "/site"
        defer { try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent) }
        let result = Engine(source: Fixture.repository, output: out).build()
        #expect(result.succeeded, "\(result.diagnostics)")
        let files = snapshot(out)
        var checked = 0, missing: [String] = []
        let pattern = try NSRegularExpression(pattern: "(?:src|href)=\"([^\"]*)\"")
        for (path, data) in files where path.hasSuffix(".html") && path != "404.html" {
            let html = String(decoding: data, as: UTF8.self)
            // Without a <link rel="icon">, browsers ask the server for /favicon.ico.
            if !html.contains("<link rel=\"icon\"") { missing.append("\(path) → /favicon.ico") }
            let folder = (path as NSString).deletingLastPathComponent
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                guard let range = Range(match.range(at: 1), in: html) else { continue }
                var url = String(html[range])
                if url.hasPrefix("#") || url.hasPrefix("data:") || url.hasPrefix("mailto:") || url.contains("://") { continue }
                if let cut = url.firstIndex(where: { $0 == "#" || $0 == "?" }) { url = String(url[..<cut]) }
                var parts: [Substring] = folder.split(separator: "/")
                for piece in url.split(separator: "/") {
                    if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(piece) }
                }
                let target = parts.joined(separator: "/")
                let decoded = target.removingPercentEncoding ?? target
                checked += 1
                if files[decoded] == nil { missing.append("\(path) → \(url)") }
            }
        }
        #expect(checked > 100)
        #expect(Array(missing.prefix(20)) == [])
        let about = String(decoding: files["pages/about/index.html"] ?? Data(), as: UTF8.self)
        #expect(about.contains("<img src=\"../../img/hub-map.svg\""))
        #expect(about.contains("class=\"brand-logo\" src=\"../../img/logo.svg\" alt=\"Harbourlight People Hub\""))
        #expect(about.contains("<link rel=\"icon\" href=\"../../img/favicon.svg\">"))
        #expect(files["robots.txt"] != nil)
    }

    @Test func theStarterSiteHasALogoInStatic() throws {
        let dir = Fixture.temporaryDirectory() + "/new"
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        try Starter.create(at: dir)
        let result = Engine(source: dir).build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(FileManager.default.fileExists(atPath: dir + "/site/img/logo.svg"))
        #expect(read(dir + "/site/pages/about/index.html").contains("<img src=\"../../img/logo.svg\" alt=\"Logo\" />"))
    }
}
