import CCmark
import EngageModel

/// Engage renders CommonMark, which has no tables: a pipe table (a header line with `|`, then a
/// delimiter line like `|---|:--:|`) comes out as one paragraph of '|' characters. The walk in
/// `Markdown.render` asks this about every paragraph, so the author gets a warning at the line.
struct PipeTables {
    static let message = "this looks like a pipe table, but Engage's Markdown (CommonMark) has no tables and would show it as one paragraph of '|' characters; write the rows as a list, or put the figures in a KPI or survey file (content/kpis/, content/surveys/), whose pages show them as tables and charts"

    /// The lines of the Markdown, split once (only when it has a '|' at all).
    let lines: [Substring]

    init?(_ markdown: String) {
        guard markdown.utf8.contains(UInt8(ascii: "|")) else { return nil }
        lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Where the header line of a pipe table in `paragraph` starts (line and column in the Markdown,
    /// from 1), or nil when the paragraph does not look like one.
    func tableStart(in paragraph: OpaquePointer) -> Position? {
        let first = Int(cmark_node_get_start_line(paragraph)), last = Int(cmark_node_get_end_line(paragraph))
        guard first >= 1, last > first, last <= lines.count else { return nil }
        for line in first..<last {   // the header's line (from 1); the delimiter is lines[line]
            let header = PipeTables.content(lines[line - 1])
            guard header.text.contains("|"), PipeTables.isDelimiterRow(PipeTables.content(lines[line]).text) else { continue }
            return Position(line: line, column: header.column)
        }
        return nil
    }

    /// A line without the indentation and block-quote markers in front of it, and the column it starts at.
    static func content(_ line: Substring) -> (text: Substring, column: Int) {
        var text = line
        if text.hasSuffix("\r") { text = text.dropLast() }
        var column = 1
        while let c = text.first, c == " " || c == "\t" || c == ">" {
            text = text.dropFirst()
            column += 1
        }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return (text, column)
    }

    /// `|---|:--:|`, `--- | ---`, `:-|-:`: cells of dashes with optional ':' at either end,
    /// separated by at least one '|'.
    static func isDelimiterRow(_ text: Substring) -> Bool {
        guard text.contains("|") else { return false }
        var cells = text.split(separator: "|", omittingEmptySubsequences: false)
        if text.hasPrefix("|") { cells.removeFirst() }
        if text.hasSuffix("|"), !cells.isEmpty { cells.removeLast() }
        guard !cells.isEmpty else { return false }
        return cells.allSatisfy { cell in
            var c = cell
            while c.first == " " || c.first == "\t" { c = c.dropFirst() }
            while c.last == " " || c.last == "\t" { c = c.dropLast() }
            if c.hasPrefix(":") { c = c.dropFirst() }
            if c.hasSuffix(":") { c = c.dropLast() }
            return !c.isEmpty && c.allSatisfy { $0 == "-" }
        }
    }
}
