import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageCore

/// CommonMark has no tables: a paragraph that looks like a pipe table gets a warning at its line.
@Suite struct PipeTableTests {
    static let warning = "warning: this looks like a pipe table, but Engage's Markdown (CommonMark) has no tables and would show it as one paragraph of '|' characters; write the rows as a list, or put the figures in a KPI or survey file (content/kpis/, content/surveys/), whose pages show them as tables and charts"

    func load(_ body: String, frontMatter: String = "---\ntitle: A\n---\n") -> LoadResult {
        var inline = InlineSite("")
        inline.files["content/pages/a.md"] = frontMatter + body
        return inline.load()
    }

    @Test func aPipeTableIsAWarningAtItsFileLine() {
        // Front matter takes lines 1–3, so the body's third line is line 6 of the file.
        let result = load("Headcount by team.\n\n| Team | Headcount |\n|------|:---------:|\n| Alpha | 12 |\n")
        #expect(result.diagnostics.map(\.description) == ["content/pages/a.md:6:1: " + PipeTableTests.warning])
        // Only a warning: the site is built, and the table is the paragraph CommonMark makes of it.
        #expect(result.site?.pages.first?.body.html == "<p>Headcount by team.</p>\n<p>| Team | Headcount |\n|------|:---------:|\n| Alpha | 12 |</p>\n")
    }

    @Test func longerFrontMatterMovesTheLine() {
        let result = load("Team | Lead\n--- | ---\nAlpha | Ada\n", frontMatter: "---\ntitle: A\nsummary: S\n\n---\n")
        #expect(result.diagnostics.map(\.description) == ["content/pages/a.md:6:1: " + PipeTableTests.warning])
    }

    @Test func aTableAfterTextOrInAQuoteIsFoundAtItsHeaderLine() {
        let result = load("Intro line\n| a | b |\n|:-|-:|\n\n> | x | y |\n> | --- | --- |\n")
        #expect(result.diagnostics.map(\.description) == [
            "content/pages/a.md:5:1: " + PipeTableTests.warning,
            "content/pages/a.md:8:3: " + PipeTableTests.warning,
        ])
    }

    @Test func ordinaryTextWithPipesDoesNotWarn() {
        let result = load("""
            Choose a | b, or c|d.
            Next line | with a pipe.

            | a quoted | pipe line
            | and another |

            `x | y`

            ```
            | Team | Headcount |
            |------|-----------|
            ```

            a | b
            ---

            - one | two
            - --- | ---

            """)
        #expect(result.diagnostics.map(\.description) == [])
    }

    @Test func delimiterRows() {
        for row in ["|---|:--:|", "--- | ---", ":-|-:", "| - |", "|---", "---|"] {
            #expect(PipeTables.isDelimiterRow(Substring(row)), "\(row)")
        }
        for row in ["---", "| a | b |", "|", "||", "|--x|", "| :: |", "- - | -"] {
            #expect(!PipeTables.isDelimiterRow(Substring(row)), "\(row)")
        }
    }
}
