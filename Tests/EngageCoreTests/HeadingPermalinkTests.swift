import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource

/// Issue 12: every Markdown heading gets a deterministic id, unique on the page (also against the
/// ids of the default theme's templates), and a "#" permalink named "Link to section: …".
@Suite struct HeadingPermalinkTests {
    static func html(_ markdown: String) -> String {
        var diagnostics = Diagnostics()
        return Markdown.render(markdown, path: "x.md", diagnostics: &diagnostics, resolve: { _ in .keep }).html
    }

    @Test func headingEndsWithANamedPermalink() {
        #expect(Self.html("## In *practice* & \"more\"\n") ==
            "<h2 id=\"in-practice-more\">\nIn <em>practice</em> &amp; &quot;more&quot;\n<a class=\"heading-link\" href=\"#in-practice-more\" aria-label=\"Link to section: In practice &amp; &quot;more&quot;\">#</a></h2>\n")
    }

    @Test func idsAreUniqueAndDeterministic() {
        let markdown = "# A\n\n## A\n\n## A 2\n\n### A\n"
        let html = Self.html(markdown)
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(ids == ["a", "a-2", "a-2-2", "a-3"])
        #expect(Self.html(markdown) == html)
    }

    /// A body heading named like a section of the page's template ("Strengths" on a program page)
    /// does not take the template's id.
    @Test func templateIDsAreNotTaken() {
        let html = Self.html("## Strengths\n\n## Main\n")
        #expect(html.contains("<h2 id=\"strengths-2\">") && html.contains("<h2 id=\"main-2\">"))
    }

    /// `HeadingIDs.reserved` is exactly the literal ids of templates/*.mustache.
    @Test func reservedIDsAreTheTemplatesIDs() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
        var ids: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for part in text.components(separatedBy: " id=\"").dropFirst() {
                let id = String(part.prefix { $0 != "\"" })
                if !id.contains("{{") { ids.insert(id) }
            }
        }
        #expect(ids.sorted() == HeadingIDs.reserved.sorted())
    }

    /// Generated pages: every section heading of the default theme (`<h2 id="x">`) ends with a
    /// "#" link to itself, and its text sits in `<span id="x-title">`, which names the section, so
    /// a region's accessible name stays its heading's words without "Link to this section".
    @Test func generatedSectionHeadingsEndWithAPermalinkAndNameTheirSection() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
        var headings = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for part in text.components(separatedBy: "<h2 id=\"").dropFirst() {
                headings += 1
                let id = String(part.prefix { $0 != "\"" })
                let heading = String(part[..<(part.range(of: "</h2>")?.lowerBound ?? part.endIndex)])
                #expect(heading.hasPrefix("\(id)\"><span id=\"\(id)-title\">"), "\(file): \(id)")
                #expect(heading.hasSuffix(" <a class=\"heading-link\" href=\"#\(id)\">#<span class=\"visually-hidden\"> Link to this section</span></a>"), "\(file): \(id)")
                #expect(!text.contains("aria-labelledby=\"\(id)\""), "\(file): a region named by the heading '\(id)' would be read with its link text")
            }
            for part in text.components(separatedBy: "aria-labelledby=\"").dropFirst() {
                let id = String(part.prefix { $0 != "\"" })
                #expect(text.contains(" id=\"\(id)\""), "\(file): aria-labelledby=\"\(id)\" names nothing on the page")
            }
        }
        #expect(headings >= 57)
    }
}
