import Foundation
import Testing
@testable import EngageRender

/// `SearchJSON` writes the bytes `JSONSerialization` (sorted keys, slashes not escaped) wrote for
/// the search index's scripts, and the ASCII fast path of `SearchIndex.words` splits as the
/// general one does.
@Suite struct SearchJSONTests {
    static let awkward = ["", "plain", "a/b", "quote \" and \\ backslash", "tab\tnew\nline\r\u{8}\u{c}", "\u{0}\u{1}\u{b}\u{1f}\u{7f}",
                          "Équipe d'été", "日本語", "emoji 👩‍💻", "</script>"]
    static let keys = ["b", "a", "B", "a10", "a9", "a2b", "_x", "é", "e", "z1", "Z", "10", "9", "ab", "aB", "été", "ete", "x_y", "x-y"]

    func serialized(_ value: Any) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data())
    }

    @Test func stringsIntsAndArraysAreWrittenAsJSONSerializationWritesThem() {
        var out = SearchJSON()
        out.array(Self.awkward) { out, s in out.strings([s, s + "x"]) }
        #expect(out.bytes == serialized(Self.awkward.map { [$0, $0 + "x"] }))
        var numbers = SearchJSON()
        numbers.ints([0, 1, 42, 10_000_000])
        #expect(numbers.bytes == serialized([0, 1, 42, 10_000_000]))
    }

    @Test func keysAreOrderedAsJSONSerializationOrdersThem() {
        var dict: [String: Any] = [:]
        for (i, key) in Self.keys.enumerated() { dict[key] = [[i], [], [i, i + 1]] }
        var out = SearchJSON()
        out.object(SearchJSON.sortedKeys(Self.keys)) { out, key in
            let i = Self.keys.firstIndex(of: key)!
            out.array([[i], [], [i, i + 1]]) { $0.ints($1) }
        }
        #expect(String(decoding: out.bytes, as: UTF8.self) == String(decoding: serialized(dict), as: UTF8.self))
    }

    /// The fast order of plain words (`asciiOrder`) agrees with Foundation's numeric,
    /// case-insensitive compare wherever it decides, and whole sorts of such words match
    /// JSONSerialization's key order.
    @Test func plainWordsSortAsFoundationSortsThem() {
        var rng = SplitMix64(state: 2545)
        func pick(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
        let pieces = ["a", "b", "z", "ab", "q", "0", "00", "1", "01", "2", "9", "10", "010", "42", "00042", "2026", "99", "100"]
        var words = Set(["a", "b", "ab", "abc", "a1", "a2", "a10", "a01", "1", "10", "2", "q2", "q10", "page00042", "page42", "z"])
        while words.count < 400 { words.insert((0..<(1 + pick(4))).map { _ in pieces[pick(pieces.count)] }.joined()) }
        let list = Array(words)
        var decided = 0
        for a in list.prefix(120) {
            for b in list where a != b {
                guard let fast = SearchJSON.asciiOrder(a, b) else { continue }
                decided += 1
                let slow = a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex,
                                     locale: NSLocale.system as Locale) == .orderedAscending
                #expect(fast == slow, "\(a) < \(b)")
            }
        }
        #expect(decided > 40_000)
        var dict: [String: Any] = [:]
        for word in list { dict[word] = 1 }
        var out = SearchJSON()
        out.object(SearchJSON.sortedKeys(list)) { out, _ in out.int(1) }
        #expect(String(decoding: out.bytes, as: UTF8.self) == String(decoding: serialized(dict), as: UTF8.self))
    }

    @Test func asciiWordsMatchTheGeneralSplit() {
        for text in ["Hello, World! 2026-Q1 x_y a.b", "  leading and trailing  ", "CamelCase\r\nline\ttab", "", "a", "A1b2 C3"] {
            let general = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split { !($0.isLetter || $0.isNumber) }.map(String.init)
            #expect(SearchIndex.asciiWords(text) == general)
            #expect(SearchIndex.words(text) == general)
        }
        #expect(SearchIndex.asciiWords("Été") == nil)
    }

    /// `search-index.json` is written by `SearchJSON` with the bytes `JSONEncoder` (sorted keys,
    /// slashes not escaped) gives, for awkward text, missing summaries and random pages.
    @Test func searchIndexJSONIsWhatJSONEncoderWrites() throws {
        var rng = SplitMix64(state: 1313)
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
        var pages: [SearchEntry] = []
        for i in 0..<300 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pick(Self.awkward + ["word", "Word", "x"]) }.joined(separator: pick([" ", "", "\n"]))
            pages.append(SearchEntry(path: pick(["teams/t\(i)/index.html", "pages/p\(i)/index.html", "x\(i).html"]),
                                     title: pick(Self.awkward) + "\(i)", summary: Bool.random(using: &rng) ? nil : pick(Self.awkward),
                                     headings: (0..<Int.random(in: 0...3, using: &rng)).map { _ in pick(Self.awkward) },
                                     text: String(repeating: text, count: Int.random(in: 1...30, using: &rng))))
        }
        pages.append(SearchEntry(path: "index.html", title: "Home"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for baseURL in ["/", "/hub/", "https://intranet.example/people/"] {
            let expected = try encoder.encode(SearchIndex.entries(pages, baseURL: baseURL))
            #expect(SearchIndex.json(pages, baseURL: baseURL) == expected)
        }
        #expect(SearchIndex.json([], baseURL: "/") == Data("[]".utf8))
    }

    /// `SearchIndex.wordSet` (the index's words of a field, ASCII straight into a set) gives the
    /// words `SearchIndex.words` splits, two characters or longer, for any text.
    @Test func wordSetsAreTheLongerWordsOfWords() {
        var rng = SplitMix64(state: 77)
        let pieces = Self.awkward + ["a", "I", "ok", "OK", "Team-Lead", "x1", "2026", "é", "  ", ".", "Q3's", "AHT/FCR", "\n", "ﬁne"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
            #expect(SearchIndex.wordSet(text) == Set(SearchIndex.words(text).filter { $0.count >= 2 }), "\(text)")
        }
    }

    /// `SearchIndex.shownText` (bytes when the start is ASCII) is the first 600 characters, also
    /// when a CR LF pair or a combining mark sits at the 600th character.
    @Test func shownTextIsTheFirst600Characters() {
        var rng = SplitMix64(state: 11)
        let pieces = ["a", "word ", "\r\n", "\r", "\n", "e\u{301}", "é", "👩‍👩‍👧", "\u{301}", "Q3's "]
        for length in [0, 1, 599, 600, 601, 602, 700] {
            for _ in 0..<40 {
                var text = String(repeating: "x", count: max(0, length - 3))
                for _ in 0..<Int.random(in: 0...4, using: &rng) { text += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
                #expect(SearchIndex.shownText(text) == String(text.prefix(600)), "\(text.utf8.count) bytes")
            }
        }
    }

    /// `SearchEntry.text(before:)`: the text before the body's when the text ends with it.
    @Test func textBeforeABodyIsFoundOnBytes() {
        let entry = SearchEntry(path: "p/index.html", title: "T", text: "Team 👩‍👩‍👧 lead. Body text é")
        #expect(entry.text(before: "Body text é") == "Team 👩‍👩‍👧 lead. ")
        #expect(entry.text(before: "") == entry.text)
        #expect(entry.text(before: entry.text) == "")
        #expect(entry.text(before: "Body text e") == nil)
        #expect(entry.text(before: "x" + entry.text) == nil)
        #expect(SearchEntry(path: "p", title: "T").text(before: "") == "")
    }
}
