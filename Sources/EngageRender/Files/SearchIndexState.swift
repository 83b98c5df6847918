import Foundation
import EngageModel

/// The search index of a set of pages, kept so that one page's entry can be replaced and only
/// the index files that change written again (`engage serve`'s body-only rebuild). A full
/// build makes one and writes all of its files (`SearchIndex.files`); both give the same bytes
/// for the same entries (SearchIndexStateTests).
public struct SearchIndexState: Sendable {
    let baseURL: String
    /// Sorted by path; a page's number in `search/pages.js` is its place here.
    public private(set) var pages: [SearchEntry]
    /// Whether `pages` hold their texts (else none, and `replace` cannot be used).
    public let keepsTexts: Bool
    private var ids: [String: Int] = [:]
    /// Word → the pages it occurs in, field by field.
    private var postings: [String: SearchIndex.Postings] = [:]
    /// Shard key → its words.
    private var shards: [String: Set<String>] = [:]
    /// `search-index.json`, as one encoded array (patched in place: `replace`).
    private var indexJSON: Data
    /// Without `keepsTexts`: for each page (by number) that shows a body whose text ends its
    /// search text, the text before the body's (`SiteRenderer.bodyPages` records it).
    public private(set) var textsBeforeBodies: [Int: String] = [:]

    public init(_ entries: [SearchEntry], baseURL: String) {
        let sorted = entries.sorted { $0.path < $1.path }
        self.init(count: sorted.count, baseURL: baseURL, keepsTexts: true) { sorted[$0].map { ($0, nil) } }
    }

    /// The index of `pages`, whose entries are made a batch at a time. Without `keepsTexts` an
    /// entry's text is let go of once its words are found and its start is in `search-index.json`:
    /// a site's search texts were a tenth of a build's memory, and only serve patches the index.
    public init(pages: [any SitePage], _ data: SiteData, baseURL: String, keepsTexts: Bool) {
        // Each output path worked out once (sorting by the property computed it at each comparison).
        let sorted = pages.map { ($0.outputPath, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        self.init(count: sorted.count, baseURL: baseURL, keepsTexts: keepsTexts) { range in
            parallelMap(Array(sorted[range])) { page in
                let entry = SearchEntry(page, data)
                return (entry, keepsTexts ? nil : page.shownBody.flatMap { entry.text(before: $0.text) })
            }
        }
    }

    /// `entries(range)` gives the entries at those places of the index, in path order, each with
    /// the text before its body's (see `textsBeforeBodies`) when it has one.
    private init(count: Int, baseURL: String, keepsTexts: Bool, entries: (Range<Int>) -> [(SearchEntry, String?)]) {
        self.baseURL = baseURL
        self.keepsTexts = keepsTexts
        var pages: [SearchEntry] = []
        pages.reserveCapacity(count)
        // Splitting every page into words is most of the work: both cores do it, a batch at a
        // time. (Encoding the JSON array at the same time was no faster and needed 20 MB more.)
        for start in stride(from: 0, to: count, by: Self.wordsBatch) {
            let batch = entries(start..<min(start + Self.wordsBatch, count))
            for ((entry, beforeBody), sets) in zip(batch, parallelMap(batch) { Self.words($0.0) }) {
                let id = pages.count, number = SearchIndex.PageNumber(id)
                if let beforeBody { textsBeforeBodies[id] = beforeBody }
                ids[entry.path] = id
                for word in sets[0] { postings[word, default: SearchIndex.Postings()].title.appendOnce(number) }
                for word in sets[1] { postings[word, default: SearchIndex.Postings()].headings.appendOnce(number) }
                for word in sets[2] { postings[word, default: SearchIndex.Postings()].text.appendOnce(number) }
                var kept = entry
                if !keepsTexts { kept.text = SearchIndex.shownText(entry.text) }
                pages.append(kept)
            }
        }
        indexJSON = SearchIndex.json(pages, baseURL: baseURL)
        if !keepsTexts { for id in pages.indices { pages[id].text = "" } }
        self.pages = pages
        for word in postings.keys { shards[SearchIndex.shardKey(word), default: []].insert(word) }
    }

    /// The number of the page at `path` (its place in `pages`), if it is in the index.
    public func id(of path: String) -> Int? { ids[path] }

    /// Whether an output path is one of a search index's files: `search-index.json`, and
    /// `search/pages.js` and the word shards beside it.
    public static func isIndexFile(_ path: String) -> Bool {
        path == "search-index.json" || (path.hasPrefix("search/") && path.hasSuffix(".js") && !path.dropFirst(7).contains("/"))
    }

    /// Pages split into words at a time (the words of all pages at once would double the
    /// memory a build needs).
    static let wordsBatch = 512

    /// The fields of `Postings`, in the order `words` gives a page's words.
    static var fieldPaths: [WritableKeyPath<SearchIndex.Postings, [SearchIndex.PageNumber]>] { [\.title, \.headings, \.text] }

    /// A page's words in its title, headings and text (words shorter than two characters left out).
    static func words(_ page: SearchEntry) -> [Set<String>] {
        [SearchIndex.wordSet(page.title), SearchIndex.wordSet(page.headings.joined(separator: " ")),
         SearchIndex.wordSet((page.summary ?? "") + " " + page.text)]
    }

    /// A page's words in each field.
    static func fields(_ page: SearchEntry) -> [(WritableKeyPath<SearchIndex.Postings, [SearchIndex.PageNumber]>, Set<String>)] {
        Array(zip(fieldPaths, words(page)))
    }

    /// Every file of the index.
    public func files() -> [OutputFile] {
        var all: [OutputFile] = []
        files(batchesOf: Int.max) { all.append(contentsOf: $0) }
        return all
    }

    /// Every file of the index, handed to `emit` `count` at a time as they are made (a build
    /// does not hold them all: 14 MB at 10,000 pages).
    public func files(batchesOf count: Int, _ emit: ([OutputFile]) throws -> Void) rethrows {
        var files = [OutputFile(path: "search-index.json", data: indexJSON), pagesScript()]
        func add(_ file: OutputFile) throws {
            files.append(file)
            if files.count >= count { try emit(files); files = [] }
        }
        for key in SearchJSON.sortedKeys(shards.keys) { try add(shardScript(key)) }
        for start in stride(from: 0, to: pages.count, by: SearchIndex.chunk) { try add(chunkScript(start / SearchIndex.chunk)) }
        if !files.isEmpty { try emit(files) }
    }

    /// The paths of `files()`, in the same order, without making the files.
    public func paths() -> [String] {
        ["search-index.json", "search/pages.js"] + SearchJSON.sortedKeys(shards.keys).map { "search/t-\($0).js" }
            + stride(from: 0, to: pages.count, by: SearchIndex.chunk).map { "search/p-\($0 / SearchIndex.chunk).js" }
    }

    /// Puts `entry` in place of the entry with its path and returns the index files that changed
    /// (a file no longer in the index comes back as `removed`). Nil when no page has that path
    /// (adding or removing pages renumbers them, which only a new index does), or when the
    /// state does not keep texts.
    public mutating func replace(_ entry: SearchEntry) -> (changed: [OutputFile], removed: [String])? {
        guard keepsTexts, let id = ids[entry.path] else { return nil }
        let number = SearchIndex.PageNumber(id)
        let old = pages[id]
        if old == entry { return ([], []) }
        pages[id] = entry
        var changed: [OutputFile] = []
        var removed: [String] = []
        let oldJSON = SearchIndex.json([old], baseURL: baseURL), newJSON = SearchIndex.json([entry], baseURL: baseURL)
        if oldJSON != newJSON {
            // One entry's "[…]" without its brackets is how it sits in the whole array.
            let oldItem = oldJSON.dropFirst().dropLast(), newItem = newJSON.dropFirst().dropLast()
            if let range = indexJSON.range(of: Data(oldItem)) {
                indexJSON.replaceSubrange(range, with: newItem)
            } else {
                indexJSON = SearchIndex.json(pages, baseURL: baseURL)
            }
            changed.append(OutputFile(path: "search-index.json", data: indexJSON))
        }
        let shardsBefore = Set(shards.keys)
        var touched = Set<String>()
        for ((field, before), (_, after)) in zip(Self.fields(old), Self.fields(entry)) {
            for word in before.subtracting(after) {
                postings[word]?[keyPath: field].removeAll { $0 == number }
                if postings[word] == SearchIndex.Postings() {
                    postings[word] = nil
                    let key = SearchIndex.shardKey(word)
                    shards[key]?.remove(word)
                    if shards[key]?.isEmpty == true { shards[key] = nil }
                }
                touched.insert(SearchIndex.shardKey(word))
            }
            for word in after.subtracting(before) {
                var list = postings[word, default: SearchIndex.Postings()][keyPath: field]
                list.insert(number, at: list.firstIndex { $0 > number } ?? list.count)
                postings[word, default: SearchIndex.Postings()][keyPath: field] = list
                shards[SearchIndex.shardKey(word), default: []].insert(word)
                touched.insert(SearchIndex.shardKey(word))
            }
        }
        if old.title != entry.title || Set(shards.keys) != shardsBefore { changed.append(pagesScript()) }
        for key in touched.sorted() {
            if shards[key] == nil { removed.append("search/t-\(key).js") } else { changed.append(shardScript(key)) }
        }
        if old.summary.map({ $0.prefix(SearchIndex.summaryLimit) }) != entry.summary.map({ $0.prefix(SearchIndex.summaryLimit) }) || old.headings != entry.headings {
            changed.append(chunkScript(id / SearchIndex.chunk))
        }
        return (changed, removed)
    }

    // MARK: Files

    /// `search/pages.js`: every page's link and title, and the shard keys.
    func pagesScript() -> OutputFile {
        let shardKeys = SearchJSON.sortedKeys(shards.keys)
        var out = SearchJSON()
        out.object(["chunk", "pages", "shards"]) { out, key in
            switch key {
            case "chunk": out.int(SearchIndex.chunk)
            case "pages": out.array(pages) { out, page in out.strings([SearchIndex.link(page.path), page.title]) }
            default: out.strings(shardKeys)
            }
        }
        return SearchIndex.script("pages", out)
    }

    /// `search/t-KEY.js`: each word of the shard → its pages, by field.
    func shardScript(_ key: String) -> OutputFile {
        Self.shardScript(key, words: shards[key] ?? []) { postings[$0] ?? SearchIndex.Postings() }
    }

    /// `search/t-KEY.js` of these words and their postings (`SearchPatch` writes it too).
    static func shardScript(_ key: String, words: some Sequence<String>, postings: (String) -> SearchIndex.Postings) -> OutputFile {
        var out = SearchJSON()
        out.object(SearchJSON.sortedKeys(words)) { out, word in
            let p = postings(word)
            out.array([p.title, p.headings, p.text]) { out, ids in out.ints(ids) }
        }
        return SearchIndex.script("t-" + key, out)
    }

    /// `search/p-N.js`: summaries and headings of pages N×chunk ..< (N+1)×chunk.
    func chunkScript(_ n: Int) -> OutputFile {
        let start = n * SearchIndex.chunk
        var out = SearchJSON()
        out.array(Array(pages[start..<min(start + SearchIndex.chunk, pages.count)])) { out, page in
            out.raw("[")
            out.string(page.summary.map { String($0.prefix(SearchIndex.summaryLimit)) } ?? "")
            out.raw(",")
            out.strings(page.headings)
            out.raw("]")
        }
        return SearchIndex.script("p-\(n)", out)
    }
}
