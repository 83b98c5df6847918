import Foundation
import Testing

/// Issue 12: `aria-label` on an element with no role of its own (a plain `span` or `div`) is
/// ignored by screen readers and invalid; the default templates use visually hidden text there.
@Suite struct AriaLabelTemplateTests {
    @Test func noPlainSpanOrDivCarriesAnAriaLabel() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates")
        var found: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for tag in ["<span", "<div"] {
                for part in text.components(separatedBy: tag).dropFirst() {
                    let open = part.prefix { $0 != ">" }
                    if open.contains("aria-label") && !open.contains("role=") { found.append("\(file): \(tag)\(open)>") }
                }
            }
        }
        #expect(found == [])
    }
}
