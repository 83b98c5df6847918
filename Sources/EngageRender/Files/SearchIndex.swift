import Foundation
import EngageModel

/// What the search index holds of one page, computed from that page alone (`SearchEntry(page,
/// data)`), so a build can keep entries per page and redo only the pages that changed. The index
/// files are a pure function of the sorted list of entries (`SearchIndex.files`).
public struct SearchEntry: Sendable, Equatable {
    /// The page's output file from the site root: `teams/x/index.html` (what links point at).
    public var path: String
    public var title: String
    public var summary: String?
    /// Headings of the page's own content (Markdown headings, guide sections, level titles).
    public var headings: [String]
    /// The page's plain text for search, summary not included.
    public var text: String

    public init(path: String, title: String, summary: String? = nil, headings: [String] = [], text: String = "") {
        self.path = path
        self.title = title
        self.summary = summary
        self.headings = headings
        self.text = text
    }

    init(_ page: some SitePage, _ data: SiteData) {
        self.init(path: page.outputPath, title: page.title, summary: page.summary,
                  headings: page.searchHeadings(data), text: page.searchText(data))
    }

    /// The text before `bodyText`, when the entry's text ends with it.
    /// Compares contiguous bytes (walking `String.UTF8View` indices was a sixth of the index's work).
    func text(before bodyText: String) -> String? {
        var all = text, tail = bodyText
        return all.withUTF8 { all in
            tail.withUTF8 { tail -> String? in
                guard all.count >= tail.count,
                      UnsafeBufferPointer(rebasing: all[(all.count - tail.count)...]).elementsEqual(tail) else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: all[..<(all.count - tail.count)]), as: UTF8.self)
            }
        }
    }
}

/// The search index, in two forms:
/// - `search-index.json`: every listed page (url, title, section, summary, headings, the first
///   600 characters of its text), for other tools;
/// - `search/*.js`, what the theme's `search.js` loads with `<script>` tags (so it works from
///   `file://`, where browsers refuse `fetch()`): `search/pages.js` (every page's path and title,
///   the list of shards), one `search/t-XX.js` per two-letter term prefix (each word → the pages
///   with it in their title, headings and text), and `search/p-N.js` (summaries and headings of
///   50 pages each, for showing results). Each file calls `EngageSearch.add(name, data)`.
/// A search loads `search/pages.js`, the shards of its words and the `p-N` files of the first
/// results shown, so what it loads grows with the number of pages only through `pages.js`.
public enum SearchIndex {
    /// Pages per `search/p-N.js` file.
    static let chunk = 50
    /// Summaries are cut to this many characters in `search/p-N.js`.
    static let summaryLimit = 160

    /// Every file of the index for these entries (any order; they are sorted by path first).
    /// The `search/*.js` files are written by `SearchJSON` (the bytes `JSONSerialization` with
    /// sorted keys gave, several times faster).
    public static func files(_ entries: [SearchEntry], baseURL: String) -> [OutputFile] {
        SearchIndexState(entries, baseURL: baseURL).files()
    }

    /// A page's path as `search/pages.js` has it: `teams/x/` for `teams/x/index.html` (the script
    /// adds `index.html` back, so links work from `file://`).
    static func link(_ path: String) -> String {
        path == "index.html" ? "" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
    }

    /// Where each word occurs: the (sorted) numbers of the pages, in `search/pages.js` order.
    /// Kept as 32-bit numbers: the postings are the largest part of a build's memory (700,000
    /// numbers at 10,000 pages).
    struct Postings: Equatable {
        var title: [PageNumber] = [], headings: [PageNumber] = [], text: [PageNumber] = []
    }

    /// A page's place in `search/pages.js`.
    typealias PageNumber = Int32


    /// Lower-case words without accents, split at anything that is not a letter or digit;
    /// `search.js` splits a query the same way. ASCII text is split byte by byte (the same
    /// result: in ASCII only A–Z, a–z and 0–9 are letters or digits, and folding is lower-casing).
    public static func words(_ text: String) -> [String] {
        if let ascii = asciiWords(text) { return ascii }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The distinct words of `text` of two characters or more (what the index keeps of a field).
    /// ASCII text goes straight into the set, without a list of every word first.
    static func wordSet(_ text: String) -> Set<String> {
        var found = ASCIIWordSet()
        if scanASCIIWords(text, { found.insert($0) }) { return found.strings }
        return Set(words(text).filter { $0.count >= 2 })
    }

    /// `words(text)` for ASCII text; nil when the text has other characters.
    static func asciiWords(_ text: String) -> [String]? {
        var out: [String] = []
        return scanASCIIWords(text, { out.append(String(decoding: $0, as: UTF8.self)) }) ? out : nil
    }

    /// Hands the bytes of each word of ASCII `text`, lower-cased, to `each`, in order (valid
    /// only during the call); false (and the words handed so far are to be dropped) when the
    /// text has a character outside ASCII.
    private static func scanASCIIWords(_ text: String, _ each: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { word -> Bool in
                var length = 0
                for byte in bytes {
                    switch byte {
                    case 0x80...: return false
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        word[length] = byte
                        length += 1
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        word[length] = byte + 32
                        length += 1
                    default:
                        if length > 0 { each(UnsafeBufferPointer(rebasing: word[..<length])); length = 0 }
                    }
                }
                if length > 0 { each(UnsafeBufferPointer(rebasing: word[..<length])) }
                return true
            }
        }
    }

    /// The distinct words of two bytes or more of ASCII text, collected from their bytes: a
    /// `String` is made once per distinct word, not once per word (a page's text repeats most
    /// of its words), found by an FNV-1a hash of the bytes in an open-addressing table.
    private struct ASCIIWordSet {
        private var bytes: [UInt8] = []
        /// Per slot: 0 when empty, else 1 + the word's place in `spans`.
        private var slots = [Int32](repeating: 0, count: 64)
        private var spans: [(start: Int, count: Int, hash: UInt64)] = []

        mutating func insert(_ word: UnsafeBufferPointer<UInt8>) {
            guard word.count >= 2 else { return }
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] != 0 {
                let span = spans[Int(slots[slot]) - 1]
                if span.hash == hash, span.count == word.count,
                   bytes.withUnsafeBufferPointer({ UnsafeBufferPointer(rebasing: $0[span.start..<(span.start + span.count)]).elementsEqual(word) }) {
                    return
                }
                slot = (slot + 1) & (slots.count - 1)
            }
            spans.append((bytes.count, word.count, hash))
            bytes.append(contentsOf: word)
            slots[slot] = Int32(spans.count)
            if spans.count * 2 > slots.count { grow() }
        }

        private mutating func grow() {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for (i, span) in spans.enumerated() {
                var slot = Int(truncatingIfNeeded: span.hash) & (slots.count - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
                slots[slot] = Int32(i + 1)
            }
        }

        var strings: Set<String> {
            var out = Set<String>(minimumCapacity: spans.count)
            bytes.withUnsafeBufferPointer { all in
                for span in spans { out.insert(String(decoding: UnsafeBufferPointer(rebasing: all[span.start..<(span.start + span.count)]), as: UTF8.self)) }
            }
            return out
        }
    }

    /// A word's shard: its first two characters, each outside a–z and 0–9 written `_`.
    public static func shardKey(_ word: String) -> String {
        String(word.prefix(2).map { c -> Character in
            c.isASCII && (c.isLetter || c.isNumber) ? c : "_"
        })
    }

    /// `EngageSearch.add("name", {...});`.
    static func script(_ name: String, _ json: SearchJSON) -> OutputFile {
        var bytes = Array("EngageSearch.add(\"\(name)\", ".utf8)
        bytes.append(contentsOf: json.bytes)
        bytes.append(contentsOf: ");\n".utf8)
        return OutputFile(path: "search/\(name).js", data: Data(bytes))
    }

    /// One page of `search-index.json` (`Encodable` for `JSONEncoder`, which `json` matches).
    struct Entry: Encodable {
        var url: String
        var title: String
        var section: String
        var summary: String?
        var headings: [String]
        var text: String
    }

    /// The pages' entries of `search-index.json`, sorted by URL.
    static func entries(_ pages: [SearchEntry], baseURL: String) -> [Entry] {
        pages.map { entry($0, baseURL: baseURL) }.sorted { $0.url < $1.url }
    }

    /// One page's entry of `search-index.json`.
    static func entry(_ page: SearchEntry, baseURL: String) -> Entry {
        let route = route(of: page.path)
        return Entry(url: baseURL + route, title: page.title, section: String(route.split(separator: "/").first ?? "home"),
                     summary: page.summary, headings: page.headings, text: shownText(page.text))
    }

    /// `teams/x/` for `teams/x/index.html`.
    private static func route(of path: String) -> String {
        path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
    }

    /// The start of a page's text that `search-index.json` shows.
    /// When the first 601 bytes are ASCII other than CR (which joins a following LF into one
    /// character) they are 601 characters, and the first 600 are the first 600 bytes: no
    /// walk over characters (which was a tenth of the index's work).
    static func shownText(_ text: String) -> String {
        let limit = 600
        var text = text
        return text.withUTF8 { bytes in
            if bytes.count <= limit { return String(decoding: bytes, as: UTF8.self) }
            let head = UnsafeBufferPointer(rebasing: bytes[...limit])
            if head.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<limit]), as: UTF8.self) }
            return String(String(decoding: bytes, as: UTF8.self).prefix(limit))
        }
    }

    /// `search-index.json`: the bytes `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes`
    /// gives for `entries` (keys in alphabetical order, `summary` left out when there is none),
    /// written by `SearchJSON`, several times faster (SearchJSONTests compares the two).
    /// Made into `Data` a piece at a time: the whole array as bytes and then its `Data` copy were
    /// the highest point of a 10,000-page build's memory.
    public static func json(_ pages: [SearchEntry], baseURL: String) -> Data {
        var data = Data()
        var out = SearchJSON()
        out.raw("[")
        // The entries in URL order, each made as it is written (all of them at once were the
        // highest point of a 10,000-page build's memory, with the postings).
        let urls = pages.map { baseURL + route(of: $0.path) }
        for (i, index) in pages.indices.sorted(by: { urls[$0] < urls[$1] }).enumerated() {
            let entry = entry(pages[index], baseURL: baseURL)
            if i > 0 { out.raw(",") }
            out.raw("{\"headings\":")
            out.strings(entry.headings)
            out.raw(",\"section\":")
            out.string(entry.section)
            if let summary = entry.summary {
                out.raw(",\"summary\":")
                out.string(summary)
            }
            out.raw(",\"text\":")
            out.string(entry.text)
            out.raw(",\"title\":")
            out.string(entry.title)
            out.raw(",\"url\":")
            out.string(entry.url)
            out.raw("}")
            if out.bytes.count >= 1 << 16 {
                data.append(contentsOf: out.bytes)
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        out.raw("]")
        data.append(contentsOf: out.bytes)
        return data
    }

    /// Headings (h1–h6) of rendered Markdown, as plain text. Scans the UTF-8 bytes (`<`, `>` and
    /// the tags are ASCII, so a byte never matches inside a multi-byte character); Foundation's
    /// `range(of:)` on the whole page was a tenth of an edit rebuild.
    public static func headings(inHTML html: String) -> [String] {
        let b = Array(html.utf8)
        func find(_ needle: [UInt8], from start: Int, to end: Int) -> Int? {
            guard !needle.isEmpty, end - start >= needle.count else { return nil }
            var i = start
            while i + needle.count <= end {
                if b[i] == needle[0] {
                    var j = 1
                    while j < needle.count && b[i + j] == needle[j] { j += 1 }
                    if j == needle.count { return i }
                }
                i += 1
            }
            return nil
        }
        let open = Array("<h".utf8), linkOpen = Array("<a class=\"heading-link\"".utf8), linkClose = Array("</a>".utf8)
        var out: [String] = []
        var at = 0
        while let o = find(open, from: at, to: b.count) {
            let after = o + 2
            guard after < b.count, (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(b[after]),
                  let gt = b[after...].firstIndex(of: UInt8(ascii: ">")),
                  let close = find(Array("</h".utf8) + [b[after], UInt8(ascii: ">")], from: after, to: b.count), gt < close else {
                at = after
                continue
            }
            var inner = Array(b[(gt + 1)..<close])
            // The heading's "#" permalink (`HeadingIDs.permalink`) is not part of its text.
            if let link = findIn(inner, linkOpen), let end = findIn(inner, linkClose, from: link + linkOpen.count) {
                inner.removeSubrange(link..<(end + linkClose.count))
            }
            var bytes: [UInt8] = [], inTag = false
            for byte in inner {
                if byte == UInt8(ascii: "<") { inTag = true } else if byte == UInt8(ascii: ">") { inTag = false } else if !inTag { bytes.append(byte) }
            }
            var text = String(decoding: bytes, as: UTF8.self)
            if bytes.contains(UInt8(ascii: "&")) {
                text = text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                    .replacingOccurrences(of: "&#39;", with: "'")
            }
            text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { out.append(text) }
            at = close + 5
        }
        return out
    }

    private static func findIn(_ hay: [UInt8], _ needle: [UInt8], from start: Int = 0) -> Int? {
        var i = start
        while i + needle.count <= hay.count {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
