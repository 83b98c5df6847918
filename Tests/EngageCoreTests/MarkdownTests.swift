import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

@Suite struct LinkRewriterTests {
    let links = LinkRewriter(published: ["values/integrity.md", "values/care.md", "pathways/support.md", "pages/about.md"],
                             drafts: ["pages/secret.md"])

    @Test func sourceLinksBecomePageLinks() {
        #expect(links.resolve("../values/integrity.md", from: "pages/about.md") == .replace("../../values/integrity/index.html"))
        #expect(links.resolve("care.md#in-practice", from: "values/integrity.md") == .replace("../../values/care/index.html#in-practice"))
        #expect(links.resolve("/pathways/support.md", from: "values/care.md") == .replace("../../pathways/support/index.html"))
        #expect(links.resolve("./care.md", from: "values/integrity.md") == .replace("../../values/care/index.html"))
    }

    @Test func otherLinksAreKept() {
        #expect(links.resolve("https://example.org/a.md", from: "values/care.md") == .keep)
        #expect(links.resolve("#top", from: "values/care.md") == .keep)
        #expect(links.resolve("mailto:hr@example.org", from: "values/care.md") == .keep)
        #expect(links.resolve("../files/handbook.pdf", from: "values/care.md") == .keep)
    }

    @Test func missingAndDraftTargetsAreErrors() {
        #expect(links.resolve("../values/integrty.md", from: "pages/about.md")
            == .error("link '../values/integrty.md' points to a missing file 'content/values/integrty.md'; did you mean '../values/integrity.md'?"))
        #expect(links.resolve("secret.md", from: "pages/about.md")
            == .error("link 'secret.md' points to a draft ('content/pages/secret.md' has 'draft: true'); build with --drafts, publish it, or remove the link"))
        #expect(links.resolve("../../../etc/passwd.md", from: "pages/about.md") == .error("link '../../../etc/passwd.md' points outside the content folder"))
    }
}

@Suite struct MarkdownTests {
    func render(_ md: String, unsafe: Bool = false) -> (RenderedMarkdown, [String]) {
        var d = Diagnostics()
        let out = Markdown.render(md, path: "content/pages/a.md", firstLine: 4, unsafe: unsafe, diagnostics: &d) { url in
            url == "b.md" ? .replace("../b/index.html") : url == "missing.md" ? .error("missing") : .keep
        }
        return (out, d.items.map(\.description))
    }

    @Test func rewritesLinksAndReportsPositions() {
        let (out, errors) = render("See [b](b.md).\n\nAnd then [m](missing.md).\n")
        #expect(out.html.contains("<a href=\"../b/index.html\">b</a>"))
        #expect(errors == ["content/pages/a.md:6:10: error: missing"])
    }

    @Test func safeModeDropsRawHTMLAndScriptLinks() {
        let (out, _) = render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>bold</b>\n")
        #expect(!out.html.contains("<script>"))
        #expect(!out.html.contains("<b>"))
        #expect(!out.html.contains("javascript:"))
        let (unsafe, _) = render("<b>bold</b>\n", unsafe: true)
        #expect(unsafe.html.contains("<b>bold</b>"))
    }

    @Test func headingsGetStableIDs() {
        let (out, _) = render("# In practice\n\n## In *practice*\n\n### Ça va?\n")
        #expect(out.html.contains("<h1 id=\"in-practice\">"))
        #expect(out.html.contains("<h2 id=\"in-practice-2\">"))
        #expect(out.html.contains("<em>practice</em>"))
        #expect(out.html.contains("<h3 id=\"a-va\">"))
        #expect(out.plainText == "In practice In practice Ça va?")
    }
}
