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
        // Above the site's root (the page is /values/care/): another application's, unchecked.
        #expect(links.resolve("../../../files/handbook.pdf", from: "values/care.md") == .keep)
        // Inside the site, a relative link must name something there (StaticFilesTests).
        #expect(links.resolve("../files/handbook.pdf", from: "values/care.md")
                == .error("link '../files/handbook.pdf' leads from this page to '/values/files/handbook.pdf', which is no page or file of the site"))
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
        let (unsafe, unsafeWarnings) = render("<b>bold</b>\n", unsafe: true)
        #expect(unsafe.html.contains("<b>bold</b>"))
        #expect(unsafeWarnings == [])
    }

    /// What safe mode leaves out is said once a file, where it starts; an HTML comment (left
    /// out in either mode) is not.
    @Test func rawHTMLLeftOutIsAWarning() {
        #expect(render("Hello.\n\n<div class=\"note\">Read this</div>\n\nAnd <b>this</b>.\n").1 == [
            "content/pages/a.md:6:1: warning: raw HTML is left out of the page (3 places in this file; the first is here): write it in Markdown, or set 'unsafe_html: true' in content/site.yml to keep HTML",
        ])
        #expect(render("One <br> break.\n").1 == [
            "content/pages/a.md:4:5: warning: raw HTML is left out of the page: write it in Markdown, or set 'unsafe_html: true' in content/site.yml to keep HTML",
        ])
        #expect(render("Text.\n\n<!-- a note for editors -->\n\nMore <!-- inline note -->.\n").1 == [])
        #expect(render("`<b>` in code and\n\n    <div>\n").1 == [])
        #expect(render("<!-- c --> <span>x</span>\n").1 == [
            "content/pages/a.md:4:1: warning: raw HTML is left out of the page: write it in Markdown, or set 'unsafe_html: true' in content/site.yml to keep HTML",
        ])
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

/// The byte-level fast paths of `Markdown` against the plain definitions they replace.
@Suite struct MarkdownFastPathTests {
    /// `isDangerous`: the scheme after `.whitespaces`, lower-cased, is javascript:, vbscript:,
    /// file: or data:.
    @Test func dangerousLinksAreTheSchemesAfterAnySpace() {
        let reference = { (url: String) -> Bool in
            let lower = url.trimmingCharacters(in: .whitespaces).lowercased()
            return ["javascript:", "vbscript:", "file:", "data:"].contains { lower.hasPrefix($0) }
        }
        let urls = ["page.md", "javascript:alert(1)", " JavaScript:x", "\tvbscript:x", "FILE:///etc", "data:text/html,x",
                    "\u{00A0}javascript:x", "\u{2003}DATA:x", "dog.md", "filed.md", "  ", "", "é", "../j.md", "#javascript:",
                    "JAVASCRIPT:", "d", "Data", "\u{3000}file:x", "https://example.org"]
        for url in urls { #expect(Markdown.isDangerous(url) == reference(url), "\(url)") }
    }

    /// `collapseWhitespace`: runs of ASCII white space are one space, none at either end.
    @Test func whitespaceCollapsesToSingleSpaces() {
        let reference = { (text: String) -> String in
            String(String.UnicodeScalarView(text.unicodeScalars.split(whereSeparator: { " \n\t\r\u{0C}".unicodeScalars.contains($0) })
                .joined(separator: " ".unicodeScalars)))
        }
        for text in ["", " ", "a", "  a  b\n\nc\t", "\r\nÇa  va?\u{0C}", "é  👩‍👩‍👧 x", "\u{00A0}a\u{00A0} b", "a\r\nb"] {
            #expect(Markdown.collapseWhitespace(text) == reference(text), "\(text)")
        }
    }
}
