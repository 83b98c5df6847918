import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageCore

/// Links from the site root (`/docs/handbook`, `/teams/alpha/`): static files whatever their
/// extension, pages by their address, under `base_url` and from disk; anything else is an error.
@Suite struct RootLinkTests {
    /// The reviewer's site (issue 8): base_url /people/, a static file without an extension and one
    /// ending in .html, pages of every kind.
    static let site = """
        -- content/site.yml --
        title: Hub
        base_url: /people/
        -- static/docs/handbook --
        handbook
        -- static/policies/old.html --
        <p>old</p>
        -- content/teams/alpha.md --
        ---
        name: Alpha
        ---
        -- content/values/care.md --
        ---
        title: Care
        ---
        -- content/pathways/x.md --
        ---
        title: X
        levels:
          - id: lvl
            title: Level
        ---
        -- content/pages/secret.md --
        ---
        title: Secret
        draft: true
        ---
        """

    func body(of links: String, in file: String = "pages/links.md") -> (html: String?, messages: [String]) {
        var inline = InlineSite(RootLinkTests.site)
        inline.files["content/" + file] = "---\ntitle: Links\n---\n" + links + "\n"
        let result = inline.load()
        let slug = String(file.split(separator: "/")[1].dropLast(3))
        let html = result.site.flatMap { site in
            (site.pages.first { $0.slug == slug }?.body.html) ?? (site.values.first { $0.slug == slug }?.body.html)
        }
        return (html, result.diagnostics.map(\.description))
    }

    @Test func staticFilesWithoutAnExtensionOrEndingInHTMLAreRewritten() {
        let (html, messages) = body(of: "[h](/docs/handbook) [old](/policies/old.html#top)")
        #expect(messages == [])
        #expect(html == "<p><a href=\"../../docs/handbook\">h</a> <a href=\"../../policies/old.html#top\">old</a></p>\n")
    }

    @Test func pageAddressesBecomeRelativeLinksToTheirIndexHTML() {
        let (html, messages) = body(of: """
            [a](/teams/) [b](/teams/alpha/) [c](/teams/alpha) [d](/values/care/index.html#in-practice)
            [e](/) [f](/pathways/x/lvl/?tab=2) [g](/index.html) [h](/404.html) [i](/data/programs.csv)
            """)
        #expect(messages == [])
        #expect(html == """
            <p><a href="../../teams/index.html">a</a> <a href="../../teams/alpha/index.html">b</a> \
            <a href="../../teams/alpha/index.html">c</a> <a href="../../values/care/index.html#in-practice">d</a>
            <a href="../../index.html">e</a> <a href="../../pathways/x/lvl/index.html?tab=2">f</a> \
            <a href="../../index.html">g</a> <a href="../../404.html">h</a> <a href="../../data/programs.csv">i</a></p>

            """)
    }

    @Test func linksWrittenWithTheBaseURLPathAreReadWithoutIt() {
        let (html, messages) = body(of: "[t](/people/teams/alpha/) [home](/people/) [h](/people/docs/handbook)", in: "values/links.md")
        #expect(messages == [])
        #expect(html == "<p><a href=\"../../teams/alpha/index.html\">t</a> <a href=\"../../index.html\">home</a> <a href=\"../../docs/handbook\">h</a></p>\n")
    }

    @Test func theReviewersRepro() {
        let (html, messages) = body(of: "Intro.\n\n[h](/docs/handbook) [old](/policies/old.html) [m](/docs/nothere)")
        #expect(html == nil)
        #expect(messages == [
            "content/pages/links.md:6:47: error: link '/docs/nothere' points to no page or static file of the site",
        ])
    }

    @Test func aRootLinkToNothingIsAnErrorWithASuggestion() {
        let (_, messages) = body(of: """
            [a](/teams/alpah/)

            [b](/docs/handbok)

            [c](/people/valeus/care/)

            [d](/policies/old.htm)

            [e](/pages/secret/)

            [f](/img/missing.png)
            """)
        #expect(messages == [
            "content/pages/links.md:4:1: error: link '/teams/alpah/' points to no page or static file of the site; did you mean '/teams/alpha/'?",
            "content/pages/links.md:6:1: error: link '/docs/handbok' points to no page or static file of the site; did you mean '/docs/handbook'?",
            "content/pages/links.md:8:1: error: link '/people/valeus/care/' points to no page or static file of the site; did you mean '/values/care/'?",
            "content/pages/links.md:10:1: error: link '/policies/old.htm' points to no page or static file of the site; did you mean '/policies/old.html'?",
            "content/pages/links.md:12:1: error: link '/pages/secret/' points to a draft ('content/pages/secret.md' has 'draft: true'); build with --drafts, publish it, or remove the link",
            "content/pages/links.md:14:1: error: link '/img/missing.png' points to a missing static file 'static/img/missing.png'",
        ])
    }

    @Test func aPageOfAFileThatFailedToLoadIsNoSecondError() {
        var inline = InlineSite(RootLinkTests.site)
        inline.files["content/teams/broken.md"] = "---\nname: [\n---\n"
        inline.files["content/pages/links.md"] = "---\ntitle: Links\n---\n[b](/teams/broken/)\n"
        let messages = inline.load().diagnostics.map(\.description)
        #expect(messages.count == 1)
        #expect(messages.allSatisfy { $0.hasPrefix("content/teams/broken.md:") })
    }

    @Test func theBasePathOfBaseURL() {
        #expect(LinkRewriter.basePath(of: "/") == "")
        #expect(LinkRewriter.basePath(of: "/people/") == "people/")
        #expect(LinkRewriter.basePath(of: "/intranet/people/") == "intranet/people/")
        #expect(LinkRewriter.basePath(of: "https://intranet.example.com/people/") == "people/")
        #expect(LinkRewriter.basePath(of: "https://intranet.example.com/") == "")
    }
}
