import Foundation
import Testing
@testable import EngageCore

/// Issue 12: no two pages share a `<title>`, and no title repeats a segment ("Team Lead · Team
/// Lead"), in the sample site (content/ at the repository root) and the basic fixture.
@Suite struct UniqueTitleTests {
    /// Page path → the `<title>` in its head (not an SVG's).
    static func titles(source: String) throws -> [String: String] {
        var timings = Timings()
        let (files, diagnostics) = Engine(source: source).render(timings: &timings)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        var out: [String: String] = [:]
        for file in try #require(files) where file.path.hasSuffix(".html") {
            let html = String(decoding: file.data, as: UTF8.self)
            guard let head = html.range(of: "</head>").map({ html[..<$0.lowerBound] }),
                  let open = head.range(of: "<title>"), let close = head.range(of: "</title>") else {
                Issue.record("\(file.path) has no <title>")
                continue
            }
            out[file.path] = String(head[open.upperBound..<close.lowerBound])
        }
        return out
    }

    static func check(_ titles: [String: String]) {
        let byTitle = Dictionary(grouping: titles.keys.sorted(), by: { titles[$0] ?? "" })
        let shared = byTitle.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        #expect(shared.map { "\($0.key): \($0.value.joined(separator: ", "))" } == [])
        let repeating = titles.filter { _, title in
            let segments = title.components(separatedBy: " · ")
            return Set(segments).count != segments.count
        }.sorted { $0.key < $1.key }
        #expect(repeating.map { "\($0.key): \($0.value)" } == [])
    }

    @Test func sampleSiteTitlesAreUnique() throws {
        let titles = try Self.titles(source: Fixture.repository)
        #expect(titles.count > 100)
        Self.check(titles)
        #expect(titles["departments/quality-training/index.html"] == "Quality &amp; Training (department) · Harbourlight People Hub")
        #expect(titles["pathways/quality-and-training/index.html"] == "Quality &amp; Training · Harbourlight People Hub")
        #expect(titles["pathways/team-lead/tl1/index.html"] == "Team Lead (Step 1 of 3) · Team Lead · Harbourlight People Hub")
        #expect(titles["pathways/team-lead/tl2/index.html"] == "Senior Team Lead · Team Lead · Harbourlight People Hub")
    }

    @Test func fixtureTitlesAreUnique() throws {
        Self.check(try Self.titles(source: Fixture.repository + "/Tests/Fixtures/basic"))
    }
}
