import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

@Suite(.temporaryFolders) struct SiteBuildTests {
    /// Builds a fresh copy of the basic fixture; returns (source, output).
    func buildBasic(drafts: Bool = false) throws -> (String, String, BuildResult) {
        let source = try Fixture.copy("basic")
        let output = source + "/site"
        let result = Engine(source: source, options: LoadOptions(drafts: drafts)).build()
        return (source, output, result)
    }

    @Test func buildsEveryPageOfTheContract() throws {
        let (_, out, result) = try buildBasic()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.succeeded)
        let files = Set(snapshot(out).keys)
        for path in ["index.html", "values/index.html", "values/integrity/index.html", "values/care/index.html",
                     "pathways/index.html", "pathways/support/index.html", "pathways/support/s1/index.html",
                     "pathways/support/s3/index.html", "pathways/lead/l2/index.html", "teams/index.html",
                     "teams/alpha/index.html", "departments/customer-care/index.html", "programs/index.html",
                     "programs/mentoring/index.html", "guides/check-in/index.html", "pages/about/index.html",
                     "404.html", "sitemap.xml", "search-index.json", "assets/style.css"] {
            #expect(files.contains(path), "missing \(path)")
        }
        #expect(!files.contains("pages/secret/index.html"))
        #expect(!read(out + "/sitemap.xml").contains("secret"))
    }

    /// Raw HTML in a body is left out of the page (safe mode), and the build says so.
    @Test func rawHTMLIsLeftOutWithAWarning() throws {
        let source = try Fixture.copy("basic")
        let file = source + "/content/values/integrity.md"
        try write(read(file) + "\n<script>alert(\"raw\")</script>\n", to: file)
        let result = Engine(source: source).build()
        #expect(result.succeeded)
        #expect(result.diagnostics.map(\.description) == [
            "content/values/integrity.md:10:1: warning: raw HTML is left out of the page: write it in Markdown, or set 'unsafe_html: true' in content/site.yml to keep HTML",
        ])
        #expect(!read(source + "/site/values/integrity/index.html").contains("<script>"))
    }

    @Test func pagesShowTheirContent() throws {
        let (_, out, _) = try buildBasic()
        let home = read(out + "/index.html")
        #expect(home.contains("<h1>Fixture Hub</h1>"))
        #expect(home.contains("href=\"departments/customer-care/index.html\">Customer Care</a>"))
        #expect(home.contains("href=\"teams/gamma/index.html\">Gamma Ops</a>"))

        let integrity = read(out + "/values/integrity/index.html")
        #expect(integrity.contains("<li>Tell the truth</li>"))
        #expect(integrity.contains("<a href=\"../../values/care/index.html#in-practice\">Care</a>"))
        #expect(integrity.contains("<a href=\"https://example.org/\">external link</a>"))
        #expect(!integrity.contains("javascript:"))
        #expect(!integrity.contains("<script>"))
        #expect(integrity.contains("<a href=\"../../pathways/support/index.html\">Support</a>"), "pathways that lean on the value")
        #expect(read(out + "/values/care/index.html").contains("<h2 id=\"in-practice\">"))

        let support = read(out + "/pathways/support/index.html")
        #expect(support.contains("<th scope=\"colgroup\" colspan=\"4\">Craft</th>"))
        #expect(support.contains("<details class=\"same-as\"><summary><span class=\"badge badge-unchanged\">= as Associate</span></summary> <div class=\"inherited\">Knows the core product.</div></details>"))
        #expect(!support.contains("= unchanged"))
        #expect(support.contains("<span class=\"badge badge-new\">new</span> Buddies new starters."))
        #expect(support.contains("From <a href=\"../../pathways/support/s2/index.html\">Senior Associate</a> to <a href=\"../../pathways/lead/index.html\">Team Lead</a> as <a href=\"../../pathways/lead/l1/index.html\">Team Lead</a>"))
        #expect(read(out + "/pathways/lead/index.html").contains("From <a href=\"../../pathways/support/index.html\">Support</a>"), "routes in")

        let s2 = read(out + "/pathways/support/s2/index.html")
        #expect(s2.contains("<li><a href=\"#c-coaching\">Coaching</a> <span class=\"badge badge-new\">new</span></li>"))
        #expect(s2.contains("<div class=\"expectation cell-new\" id=\"c-coaching\">"))
        #expect(s2.contains("Step 2 of 3"))
        #expect(s2.contains("<summary>Unchanged from Associate: 1 expectation</summary>"))
        #expect(s2.contains("<a href=\"../../../pathways/support/compare/s1-vs-s2/index.html\">See both levels side by side</a>"))
        #expect(s2.contains("rel=\"prev\" href=\"../../../pathways/support/s1/index.html\""))
        #expect(s2.contains("As set at Associate."))
        let s3 = read(out + "/pathways/support/s3/index.html")
        #expect(s3.contains("<li>Wrote the refunds guide</li>"))
        #expect(s3.contains("<li><a href=\"#c-knowledge\">Product knowledge</a> <span class=\"badge badge-changed\">changed</span></li>"))
        #expect(s3.contains("<p>Writes the knowledge base.</p>"))
        let compare = read(out + "/pathways/support/compare/s1-vs-s3/index.html")
        #expect(compare.contains("<th scope=\"row\">Product knowledge <span class=\"badge badge-changed\">changed</span></th>"))

        let alpha = read(out + "/teams/alpha/index.html")
        #expect(alpha.contains("<dt>Lead</dt><dd>Ada Lovelace</dd>"))
        #expect(alpha.contains("<dt>Headcount</dt><dd>12</dd>"))
        #expect(alpha.contains("<a href=\"../../programs/mentoring/index.html\">Mentoring</a>"))
        #expect(alpha.contains("<a href=\"../../departments/customer-care/index.html\">Customer Care</a>"))

        let dept = read(out + "/departments/customer-care/index.html")
        #expect(dept.contains("2 teams · 20 people"))
        let program = read(out + "/programs/mentoring/index.html")
        #expect(program.contains("£1,251 a year"), "£1,250.50: program money in whole units (version 2)")
        #expect(program.contains("<a href=\"../../teams/alpha/index.html\">Alpha Support</a>"))
        let guide = read(out + "/guides/check-in/index.html")
        #expect(guide.contains("<input type=\"checkbox\" id=\"q1-2\"> <label for=\"q1-2\">What wore you down?</label>"))
        #expect(read(out + "/404.html").contains("href=\"/people/index.html\""))
        #expect(read(out + "/sitemap.xml").contains("<loc>/people/values/integrity/</loc>"))
    }

    @Test func draftsAreBuiltOnRequest() throws {
        let (_, out, result) = try buildBasic(drafts: true)
        #expect(result.succeeded)
        #expect(read(out + "/pages/secret/index.html").contains("Secret plans"))
    }

    /// Every href and src in every page, resolved as a browser would with the site served at
    /// http://intranet.test/people/, must name a file the build wrote.
    @Test func everyInternalLinkResolvesUnderASubPath() throws {
        let (_, out, _) = try buildBasic()
        let files = snapshot(out)
        let base = "/people/"
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let pageURL = URL(string: "http://intranet.test" + base + path)!
            for href in attributes(html) {
                if href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:") || href.hasPrefix("#") { continue }
                guard let url = URL(string: href, relativeTo: pageURL)?.absoluteURL else {
                    Issue.record("unparsable link \(href) in \(path)")
                    continue
                }
                #expect(url.path.hasPrefix(base), "\(href) in \(path) leaves \(base)")
                var target = String(url.path.dropFirst(base.count))
                if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
                #expect(files[target] != nil, "\(href) in \(path) → \(target) does not exist")
                if let fragment = url.fragment, let page = files[target] {
                    #expect(String(decoding: page, as: UTF8.self).contains("id=\"\(fragment)\""), "\(href) in \(path): no anchor")
                }
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    func attributes(_ html: String) -> [String] {
        var result: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                result.append(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return result
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let source = try Fixture.copy("basic")
        let a = Engine(source: source, output: source + "/out-a").build()
        let b = Engine(source: source, output: source + "/out-b").build()
        #expect(a.succeeded && b.succeeded)
        #expect(snapshot(source + "/out-a") == snapshot(source + "/out-b"))
        let again = Engine(source: source, output: source + "/out-a").build()
        #expect(again.report?.written == [])
        #expect(again.report?.unchanged == snapshot(source + "/out-a").count - 1, "every file but the manifest")
    }

    @Test func aRebuildRewritesOnlyWhatChanged() throws {
        let (source, out, _) = try buildBasic()
        try write(read(source + "/content/teams/gamma.md").replacingOccurrences(of: "headcount: 5", with: "headcount: 6"),
                  to: source + "/content/teams/gamma.md")
        try FileManager.default.removeItem(atPath: source + "/content/guides/check-in.md")
        let result = Engine(source: source).build()
        #expect(result.report?.written.contains("teams/gamma/index.html") == true)
        #expect(result.report?.written.contains("values/integrity/index.html") == true, "nav changes when the only guide goes")
        // The guide's page, and the search shards of words only it had ("check", "use").
        #expect(result.report?.removed == ["guides/check-in/index.html", "search/t-ch.js", "search/t-us.js"])
        #expect(!FileManager.default.fileExists(atPath: out + "/guides"))
    }

    @Test func aFailedBuildLeavesThePreviousOutputUntouched() throws {
        let (source, out, first) = try buildBasic()
        #expect(first.succeeded)
        let before = snapshot(out)
        try write("---\ntitle: Broken\nlevels: [\n---\n", to: source + "/content/pathways/broken.md")
        try write("---\nname: Alpha Support\npathways: [suport]\n---\n", to: source + "/content/teams/alpha.md")
        let failed = Engine(source: source).build()
        #expect(!failed.succeeded)
        #expect(failed.diagnostics.filter { $0.severity == .error }.count == 2, "every error of the run: \(failed.diagnostics)")
        #expect(failed.diagnostics.map(\.description).contains("content/teams/alpha.md:3:12: error: unknown pathway 'suport' in 'pathways' of team 'alpha'; did you mean 'support'?"))
        #expect(snapshot(out) == before)
    }

    @Test func aSiteTemplateOverridesTheDefault() throws {
        let source = try Fixture.copy("basic")
        try write("{{<layout}}{{$content}}<h1 class=\"mine\">{{value.title}}</h1>{{/content}}{{/layout}}\n", to: source + "/templates/value.mustache")
        let result = Engine(source: source).build()
        #expect(result.succeeded)
        #expect(read(source + "/site/values/care/index.html").contains("<h1 class=\"mine\">Care</h1>"))
        #expect(read(source + "/site/pathways/support/index.html").contains("Competency matrix"))
    }

    @Test func theStarterSiteBuilds() throws {
        let dir = Fixture.temporaryDirectory() + "/new-site"
        try Starter.create(at: dir)
        let result = Engine(source: dir).build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(read(dir + "/site/values/integrity/index.html").contains("../../pathways/support/index.html"))
        #expect(read(dir + "/site/pathways/support/index.html").contains("What a later level expects beyond an earlier one (1 comparison)</summary>"))
        #expect(throws: StarterError.self) { try Starter.create(at: dir) }
    }

    /// The starter's `.gitignore`: after two builds (the second leaves a work folder beside the
    /// output) git sees only the files the team writes.
    @Test func gitSeesOnlyTheStarterSitesOwnFilesAfterBuilds() throws {
        let repo = try TempRepo()
        try FileManager.default.removeItem(atPath: repo.root + "/.git")
        try Starter.create(at: repo.root)
        try repo.git("init", "-q")
        #expect(Engine(source: repo.root).build().succeeded)
        try write(read(repo.root + "/content/pages/about.md") + "\nOne more line.\n", to: repo.root + "/content/pages/about.md")
        #expect(Engine(source: repo.root).build().succeeded)
        #expect(FileManager.default.fileExists(atPath: repo.root + "/.site.engage-next"))
        let seen = try repo.git("status", "--porcelain", "--untracked-files=all").split(separator: "\n").map { String($0.dropFirst(3)) }
        #expect(seen.sorted() == Starter.files.keys.sorted())
    }

    @Test func theSampleSiteBuildsWithoutDiagnostics() throws {
        let output = Fixture.temporaryDirectory() + "/sample"
        let result = Engine(source: Fixture.repository, output: output).build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.succeeded)
    }
}
