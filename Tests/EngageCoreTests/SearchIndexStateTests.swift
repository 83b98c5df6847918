import Foundation
import Testing
@testable import EngageModel
@testable import EngageRender

/// `SearchIndexState.replace`: the files it says changed, laid over the files before, are
/// exactly the files of a new index of the same entries.
@Suite struct SearchIndexStateTests {
    static let words = ["care", "coaching", "café", "Ünïcode", "team", "teams", "zebra", "x", "42", "q3", "lead", "leads", "équipe", "über", "naïve"]

    static func entry(_ n: Int, _ pick: (Int) -> Int) -> SearchEntry {
        func text(_ count: Int) -> String { (0..<count).map { _ in words[pick(words.count)] }.joined(separator: pick(3) == 0 ? ", " : " ") }
        return SearchEntry(path: "p\(n)/index.html", title: text(1 + pick(3)), summary: pick(3) == 0 ? nil : text(pick(40)),
                           headings: (0..<pick(3)).map { _ in text(1 + pick(2)) }, text: text(pick(12)))
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func replacementsGiveTheFilesOfANewIndex(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        func pick(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
        var entries = (0..<120).map { Self.entry($0, pick) }
        var state = SearchIndexState(entries, baseURL: "/hub/")
        var files = Dictionary(uniqueKeysWithValues: state.files().map { ($0.path, $0.data) })
        for round in 0..<40 {
            let n = pick(entries.count)
            var next = Self.entry(n, pick)
            if pick(4) == 0 { next.title = entries[n].title }   // often only the text changes
            entries[n] = next
            let replaced = state.replace(next)
            let patch = try #require(replaced)
            for file in patch.changed { files[file.path] = file.data }
            for path in patch.removed { files[path] = nil }
            let fresh = Dictionary(uniqueKeysWithValues: SearchIndex.files(entries, baseURL: "/hub/").map { ($0.path, $0.data) })
            #expect(files == fresh, "seed \(seed) round \(round)")
            #expect(Dictionary(uniqueKeysWithValues: state.files().map { ($0.path, $0.data) }) == fresh)
        }
    }

    @Test func aPageNotInTheIndexIsNotReplaced() {
        var state = SearchIndexState([SearchEntry(path: "a/index.html", title: "A")], baseURL: "/")
        let unknown = state.replace(SearchEntry(path: "b/index.html", title: "B"))
        #expect(unknown == nil)
        let same = state.replace(SearchEntry(path: "a/index.html", title: "A"))
        #expect(same?.changed.isEmpty == true)
    }
}
