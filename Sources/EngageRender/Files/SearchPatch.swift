import Foundation
import EngageModel

/// Changing the text of some pages in a search index that is only on disk (the served files),
/// for `engage build`'s body-edit path (EngageCore/BodyEditBuild.swift): `search-index.json` gets
/// the pages' new items in place of the old ones, and each `search/t-KEY.js` shard holding a word
/// the pages gained or lost is read, changed and written again. The files are byte for byte what
/// `SearchIndexState` makes for the new entries (SearchPatchTests).
///
/// A word whose shard does not exist yet gets a new shard, added to the list of shards at the end
/// of `search/pages.js`. Only the text may change: a new title, summary or headings would change
/// the list of pages or a `search/p-N.js` file, and losing the last word of a shard would remove
/// a file. Those give a `Refusal`; the caller builds the ordinary way.
public enum SearchPatch {
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// One page's change: its number in the index, its entry before and after.
    public struct Change: Sendable {
        public var id: Int
        public var old: SearchEntry
        public var new: SearchEntry
        public init(id: Int, old: SearchEntry, new: SearchEntry) {
            self.id = id
            self.old = old
            self.new = new
        }
    }

    /// The index files that change; `read` gives a served index file's bytes by output path, and
    /// `served` says whether the index has the file (one it has but cannot be read is a refusal,
    /// never taken for a new shard).
    public static func files(_ changes: [Change], baseURL: String, served: (String) -> Bool,
                             read: (String) -> Data?) -> Result<[OutputFile], Refusal> {
        var changed: [OutputFile] = []
        var index: Data? = nil
        // Word → (added, removed) page numbers, per field, grouped by shard.
        var edits: [String: [String: [(field: WritableKeyPath<SearchIndex.Postings, [SearchIndex.PageNumber]>, id: SearchIndex.PageNumber, add: Bool)]]] = [:]
        for change in changes where change.old != change.new {
            let old = change.old, new = change.new
            guard old.path == new.path, old.title == new.title, old.summary == new.summary, old.headings == new.headings else {
                return .failure(Refusal("\(new.path): more than the page's text changed in the search index"))
            }
            let oldItem = SearchIndex.json([old], baseURL: baseURL).dropFirst().dropLast()
            let newItem = SearchIndex.json([new], baseURL: baseURL).dropFirst().dropLast()
            if oldItem != newItem {
                if index == nil { index = read("search-index.json") }
                guard var json = index, let range = json.range(of: Data(oldItem)) else {
                    return .failure(Refusal("\(new.path) is not in search-index.json as the last build left it"))
                }
                json.replaceSubrange(range, with: newItem)
                index = json
            }
            for ((field, before), (_, after)) in zip(SearchIndexState.fields(old), SearchIndexState.fields(new)) {
                for word in before.subtracting(after) { edits[SearchIndex.shardKey(word), default: [:]][word, default: []].append((field, SearchIndex.PageNumber(change.id), false)) }
                for word in after.subtracting(before) { edits[SearchIndex.shardKey(word), default: [:]][word, default: []].append((field, SearchIndex.PageNumber(change.id), true)) }
            }
        }
        if let index { changed.append(OutputFile(path: "search-index.json", data: index)) }
        var newShards: [String] = []
        for key in edits.keys.sorted() {
            let path = "search/t-\(key).js"
            var postings: [String: SearchIndex.Postings] = [:]
            if let bytes = read(path) {
                guard let parsed = parseShard(bytes, key: key) else { return .failure(Refusal("\(path) is not as the last build left it")) }
                postings = parsed
            } else if served(path) {
                return .failure(Refusal("\(path) cannot be read"))
            } else {
                newShards.append(key)
            }
            for (word, list) in edits[key] ?? [:] {
                var p = postings[word] ?? SearchIndex.Postings()
                for edit in list {
                    if edit.add {
                        guard !p[keyPath: edit.field].contains(edit.id) else { return .failure(Refusal("\(path): the page is already listed")) }
                        p[keyPath: edit.field].insert(edit.id, at: p[keyPath: edit.field].firstIndex { $0 > edit.id } ?? p[keyPath: edit.field].count)
                    } else {
                        guard let at = p[keyPath: edit.field].firstIndex(of: edit.id) else { return .failure(Refusal("\(path): the page is not listed")) }
                        p[keyPath: edit.field].remove(at: at)
                    }
                }
                postings[word] = p == SearchIndex.Postings() ? nil : p
            }
            if postings.isEmpty { return .failure(Refusal("\(path) would be left without words")) }
            changed.append(SearchIndexState.shardScript(key, words: postings.keys) { postings[$0] ?? SearchIndex.Postings() })
        }
        if !newShards.isEmpty {
            guard let pages = read("search/pages.js"), let script = addingShards(newShards, to: pages) else {
                return .failure(Refusal("search/pages.js is not as the last build left it"))
            }
            changed.append(OutputFile(path: "search/pages.js", data: script))
        }
        return .success(changed)
    }

    /// `search/pages.js` with `keys` added to its list of shards, the list that ends the file
    /// (`SearchIndexState.pagesScript`: `…,"shards":[…]});`).
    static func addingShards(_ keys: [String], to script: Data) -> Data? {
        let marker = Data(",\"shards\":".utf8), tail = Data("});\n".utf8)
        guard script.suffix(tail.count) == tail, let at = script.range(of: marker, options: .backwards),
              let list = try? JSONSerialization.jsonObject(with: script[at.upperBound..<(script.count - tail.count)]) as? [String]
        else { return nil }
        var out = SearchJSON()
        out.strings(SearchJSON.sortedKeys(Set(list).union(keys)))
        var bytes = Data(script[..<at.upperBound])
        bytes.append(contentsOf: out.bytes)
        bytes.append(tail)
        return bytes
    }

    /// The words of a `search/t-KEY.js` file and their postings; nil when it is not such a file.
    static func parseShard(_ bytes: Data, key: String) -> [String: SearchIndex.Postings]? {
        let head = Data("EngageSearch.add(\"t-\(key)\", ".utf8), tail = Data(");\n".utf8)
        guard bytes.count >= head.count + tail.count, bytes.prefix(head.count) == head, bytes.suffix(tail.count) == tail,
              let object = try? JSONSerialization.jsonObject(with: bytes.dropFirst(head.count).dropLast(tail.count)) as? [String: [[Int]]]
        else { return nil }
        var postings: [String: SearchIndex.Postings] = [:]
        for (word, lists) in object {
            let numbers = lists.map { $0.compactMap(SearchIndex.PageNumber.init(exactly:)) }
            guard lists.count == 3, numbers.map(\.count) == lists.map(\.count) else { return nil }
            postings[word] = SearchIndex.Postings(title: numbers[0], headings: numbers[1], text: numbers[2])
        }
        return postings
    }
}
