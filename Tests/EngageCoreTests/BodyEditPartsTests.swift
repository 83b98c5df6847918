import Foundation
import Testing
@testable import EngageModel
@testable import EngageRender
@testable import EngageSource
@testable import EngageOutput
@testable import EngageCore

/// The pieces of the body-edit path (BodyEditBuildTests run them together): patching a search
/// index on disk, where a page shows its body, which themes allow it, the files it keeps.
@Suite(.temporaryFolders) struct BodyEditPartsTests {
    // MARK: SearchPatch

    /// Patched files laid over the old ones are exactly a new index of the new entries, when only
    /// texts change (words gained and lost, new shards among them).
    @Test(arguments: [1, 2, 3, 4, 5])
    func aPatchedIndexIsANewIndex(seed: UInt64) throws {
        var rng = SplitMix64(state: seed)
        func pick(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
        var entries = (0..<120).map { SearchIndexStateTests.entry($0, pick) }.sorted { $0.path < $1.path }
        var files = Dictionary(uniqueKeysWithValues: SearchIndex.files(entries, baseURL: "/hub/").map { ($0.path, $0.data) })
        var patched = 0
        for round in 0..<30 {
            var changes: [SearchPatch.Change] = []
            for _ in 0...pick(2) {
                let id = pick(entries.count)
                var next = entries[id]
                let extra = ["zz\(round)x", "brand-new \(round)", "care", "", "q\(pick(50))"][pick(5)]
                next.text = pick(3) == 0 ? extra : next.text + " " + extra
                changes.append(SearchPatch.Change(id: id, old: entries[id], new: next))
                entries[id] = next
            }
            let fresh = Dictionary(uniqueKeysWithValues: SearchIndex.files(entries, baseURL: "/hub/").map { ($0.path, $0.data) })
            switch SearchPatch.files(changes, baseURL: "/hub/", served: { files[$0] != nil }, read: { files[$0] }) {
            case .success(let changed):
                for file in changed { files[file.path] = file.data }
                patched += 1
                #expect(files == fresh, "seed \(seed) round \(round)")
            case .failure(let refusal):
                // Only a shard left without words may refuse; the index is then made anew.
                #expect(refusal.description.contains("without words"), "\(refusal)")
                files = fresh
            }
        }
        #expect(patched > 20)
    }

    @Test func aPatchRefusesMoreThanText() {
        let a = SearchEntry(path: "a/index.html", title: "A", summary: "s", headings: ["h"], text: "one")
        let files = Dictionary(uniqueKeysWithValues: SearchIndex.files([a], baseURL: "/").map { ($0.path, $0.data) })
        var b = a
        b.headings = ["other"]
        guard case .failure = SearchPatch.files([.init(id: 0, old: a, new: b)], baseURL: "/", served: { files[$0] != nil }, read: { files[$0] }) else {
            Issue.record("a heading change was patched"); return
        }
        b = a
        b.text = "two"
        // A shard the index has but that cannot be read is not taken for a new one.
        guard case .failure(let unreadable) = SearchPatch.files([.init(id: 0, old: a, new: b)], baseURL: "/", served: { files[$0] != nil },
                                                               read: { $0.hasPrefix("search/t-") ? nil : files[$0] }) else {
            Issue.record("an unreadable shard was patched"); return
        }
        #expect(unreadable.description.hasSuffix("cannot be read"))
    }

    // MARK: Slots and themes

    @Test func aSlotIsWhereTheBodyIsWhenItIsThereOnce() {
        let page = Data("<main><p>Hi</p><div><p>Body</p></div></main>".utf8)
        #expect(BodySlot.locate("<p>Body</p>", in: page, source: "s") == BodySlot(source: "s", offset: 20, length: 11))
        #expect(!BodySlot.locate("<p>", in: page, source: "s").inPlace)
        #expect(!BodySlot.locate("", in: page, source: "s").inPlace)
        #expect(!BodySlot.locate("<p>Gone</p>", in: page, source: "s").inPlace)
    }

    @Test(arguments: [
        ("<main>{{{body}}}</main>", true), ("{{#page}}{{{body}}}{{/page}}", true), ("{{{ title }}} {{{body}}}", true),
        ("{{body}}", false), ("{{{body}}}{{{body}}}", true), ("{{#body}}x{{/body}}", false), ("{{& body}}", false),
        ("{{{page.body}}}", false), ("{{=<% %>=}}<%{body}%>", false), ("{{> body}}", false), ("{{{bodyguard}}}", true),
    ])
    func aThemeShowsBodiesVerbatimOnlyThroughTripleMustaches(template: String, verbatim: Bool) {
        #expect(Theme.usesBodyVerbatimOnly(template) == verbatim, "\(template)")
    }

    @Test func theDefaultThemeShowsBodiesVerbatim() throws {
        var diagnostics = Diagnostics()
        let theme = try #require(Theme.load(overrides: [:], diagnostics: &diagnostics))
        #expect(theme.showsBodiesVerbatim)
    }

    // MARK: Files

    @Test func theRecordsReadBackAsWritten() throws {
        var cache = BodyEditCache(key: "k1", generation: "g1")
        cache.unsafe = true
        cache.baseURL = "/a\tb\\c/"
        cache.parseCache = .init(inode: 7, size: 8, mtime: -9)
        cache.searchFile = .init(inode: 1, size: 2, mtime: 3)
        cache.missing = ["odd\nname.html", "x/index.html"]   // sorted, as written
        cache.workFolders = ["": OutputFolderStamp(inode: 4, mtime: 5), "x": OutputFolderStamp(inode: 6, mtime: 7)]
        cache.slots = ["x/index.html": BodySlot(source: "content/pages/x.md", offset: 10, length: 20),
                       "y/index.html": BodySlot(source: "content/pages/y.md", offset: -1, length: 0)]
        let parsed = BodyEditCache.parse(Array(cache.text().utf8), key: "k1")
        #expect(parsed == cache)
        #expect(BodyEditCache.parse(Array(cache.text().utf8), key: "k2") == nil)
        #expect(BodyEditCache.parse(Array(cache.text().replacingOccurrences(of: "\t10\t", with: "\t11\t").utf8), key: "k1") == nil)

        let folder = Fixture.temporaryDirectory()
        let part = BodySearchPart(id: 3, entry: SearchEntry(path: "x/index.html", title: "T\tt", summary: nil, headings: ["", "a\u{1F}b"], text: "lead \\ "))
        let parts: [String: BodySearchPart?] = ["x/index.html": part, "y/index.html": BodySearchPart?.none,
                                                "z/index.html": BodySearchPart(id: 0, entry: SearchEntry(path: "z/index.html", title: "Z", summary: "S\n"))]
        #expect(BodySearchFile.write(parts, key: "k1", to: folder) != nil)
        let found = try #require(BodySearchFile.lookup(["x/index.html", "y/index.html", "z/index.html", "w/index.html"], key: "k1", in: folder))
        #expect(found.count == 3)
        #expect(found["x/index.html"] == .some(part))
        #expect(found["y/index.html"] == .some(nil))
        #expect(found["z/index.html"]??.entry.summary == "S\n")
        #expect(BodySearchFile.lookup(["x/index.html"], key: "k2", in: folder) == nil)
    }

    @Test func parseCacheRecordsAreFoundThroughTheIndexAndAppended() throws {
        let folder = Fixture.temporaryDirectory()
        let file = folder + "/parse-cache"
        let cache = ParseCache(keepsFrontMatter: false)
        var diagnostics = Diagnostics()
        for name in ["a", "b", "c"] {
            _ = cache.body(path: "content/pages/\(name).md", markdown: "Text \(name) [x](\(name).md)", firstLine: 4, unsafe: false,
                           resolve: { _ in .replace("../\(name)/") }, render: { resolve, d in
                               Markdown.render("Text \(name) [x](\(name).md)", path: name, firstLine: 4, diagnostics: &d, resolve: resolve)
                           }, diagnostics: &diagnostics)
        }
        cache.write(to: file, key: "k")
        var records = try #require(ParseCacheRecords.read(path: file, key: "k", wanting: ["content/pages/b.md", "content/pages/none.md"]))
        let old = try #require(records.entry("content/pages/b.md"))
        #expect(old.html.contains("../b/"))
        #expect(records.entry("content/pages/none.md") == nil)
        #expect(ParseCacheRecords.read(path: file, key: "other", wanting: ["content/pages/b.md"]) == nil)
        var changed = old
        changed.body = Body(html: "<p>new</p>", text: old.text)
        records.replace("content/pages/b.md", with: changed)
        #expect(records.append())
        // Read again: the appended record wins, through the index and through a whole load.
        let again = try #require(ParseCacheRecords.read(path: file, key: "k", wanting: ["content/pages/b.md"]))
        #expect(again.entry("content/pages/b.md")?.html == "<p>new</p>")
        let loaded = ParseCache(keepsFrontMatter: false)
        loaded.load(from: file, key: "k")
        #expect(loaded.bodiesOnly()["content/pages/b.md"]?.html == "<p>new</p>")
        #expect(loaded.bodyCount == 3)
    }

    @Test func aGenerationIsMadeFromWhatTheFoldersAreKnownToHold() throws {
        let root = Fixture.temporaryDirectory() + "/out"
        let writer = OutputWriter(root: root)
        let first = try writer.write([OutputFile(path: "a/index.html", text: "A1"), OutputFile(path: "b.html", text: "B1")])
        let second = try writer.write([OutputFile(path: "a/index.html", text: "A2"), OutputFile(path: "b.html", text: "B1")],
                                      reused: [], known: KnownOutput(generation: first.generation, hashes: first.hashes))
        #expect(second.written == ["a/index.html"])
        let known = KnownFolders(served: KnownOutput(generation: second.generation, hashes: second.hashes), missing: second.written)
        #expect(try writer.writeChanges([OutputFile(path: "b.html", text: "B2")], known: known, verify: { false }) == nil)
        let third = try #require(try writer.writeChanges([OutputFile(path: "b.html", text: "B2"), OutputFile(path: "new.js", text: "N")],
                                                         known: known, verify: { true }))
        #expect(third.written == ["b.html", "new.js"])
        let files = snapshot(root)
        #expect(String(decoding: files["a/index.html"] ?? Data(), as: UTF8.self) == "A2")
        #expect(String(decoding: files["b.html"] ?? Data(), as: UTF8.self) == "B2")
        #expect(String(decoding: files["new.js"] ?? Data(), as: UTF8.self) == "N")
        // The manifest is the one a whole write of the same files gives.
        let whole = Fixture.temporaryDirectory() + "/whole"
        let same = try OutputWriter(root: whole).write([OutputFile(path: "a/index.html", text: "A2"), OutputFile(path: "b.html", text: "B2"),
                                                        OutputFile(path: "new.js", text: "N")])
        #expect(same.generation == third.generation)
        #expect(files == snapshot(whole))
        // The work folder now lacks exactly the files written.
        let work = try #require(OutputWriter.workFolder(of: root))
        #expect(FileManager.default.fileExists(atPath: work + "/a/index.html"))
        #expect(!FileManager.default.fileExists(atPath: work + "/b.html"))
        #expect(!FileManager.default.fileExists(atPath: work + "/new.js"))
    }
}
