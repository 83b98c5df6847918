import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageCore

/// Bodies kept on disk until a page asks for them (EngageModel/Site/BodyFile.swift): the parse
/// cache's bodies stay in its file, the bodies a build renders go to a spill file, both read back
/// as the same strings; a body that cannot be read back stops the build before anything is
/// written. Also the search index's state without texts, which `engage build` uses.
@Suite(.temporaryFolders) struct BodyFileTests {
    static func load(_ source: String, _ cache: ParseCache?) -> LoadResult { ParseCacheTests.load(source, cache) }

    static func bodies(_ site: Site?) -> [Body] {
        guard let site else { return [] }
        return site.values.map(\.body) + site.pathways.map(\.body) + site.teams.map(\.body) + site.programs.map(\.body)
            + site.guides.map(\.body) + site.pages.map(\.body) + site.actions.map(\.body)
    }

    @Test func aSpilledBodyReadsBackTheSameAndLeavesNoFile() throws {
        let folder = Fixture.temporaryDirectory()
        let spill = try #require(BodySpill(folder: folder))
        let bodies = [("<p>Café ☕ and <em>naïve</em></p>\n", "Café ☕ and naïve"), ("", ""), ("<p>x</p>\n", "x")].map { spill.body(html: $0.0, text: $0.1) }
        #expect(bodies.allSatisfy { $0.isFiled })
        #expect(bodies.map(\.html) == ["<p>Café ☕ and <em>naïve</em></p>\n", "", "<p>x</p>\n"])
        #expect(bodies.map(\.text) == ["Café ☕ and naïve", "", "x"])
        #expect(bodies[0] == Body(html: "<p>Café ☕ and <em>naïve</em></p>\n", text: "Café ☕ and naïve"))
        #expect(bodies[0] != bodies[2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(!spill.file.failed)
    }

    /// A build's load: bodies rendered now go to the spill file, bodies from the parse cache file
    /// stay in it; the site is the one a load without a cache gives.
    @Test func aBuildsBodiesAreKeptOnDisk() throws {
        let source = try Fixture.copy("basic")
        let folder = Fixture.temporaryDirectory()
        let plain = Self.bodies(Self.load(source, nil).site)
        #expect(!plain.isEmpty && plain.allSatisfy { !$0.isFiled })

        let first = ParseCache(keepsFrontMatter: false, spill: BodySpill(folder: folder))
        let rendered = Self.bodies(Self.load(source, first).site)
        #expect(rendered.allSatisfy { $0.isFiled })
        #expect(rendered == plain)
        first.write(to: folder + "/parse-cache", key: "k")

        let second = ParseCache(keepsFrontMatter: false, spill: BodySpill(folder: folder))
        second.load(from: folder + "/parse-cache", key: "k")
        #expect(second.bodiesOnly().values.allSatisfy { $0.body.isFiled })
        let reused = Self.bodies(Self.load(source, second).site)
        #expect(second.hits == plain.count)
        #expect(reused.allSatisfy { $0.isFiled })
        #expect(reused == plain)
        #expect(first.bodyReadFailure == nil && second.bodyReadFailure == nil)
    }

    /// A parse cache of the basic fixture's bodies written to `folder`, and a cache loaded from it.
    static func loadedFromDisk(in folder: String) throws -> ParseCache {
        let first = ParseCache(keepsFrontMatter: false)
        _ = load(try Fixture.copy("basic"), first)
        first.write(to: folder + "/parse-cache", key: "k")
        let cache = ParseCache(keepsFrontMatter: false)
        cache.load(from: folder + "/parse-cache", key: "k")
        return cache
    }

    @Test func aBodyThatCannotBeReadBackIsReportedAndNotWrittenToTheCache() throws {
        let folder = Fixture.temporaryDirectory()
        let cache = try Self.loadedFromDisk(in: folder)
        #expect(truncate(folder + "/parse-cache", 40) == 0)
        let read = cache.bodiesOnly().values.map { $0.body.html + $0.body.text }
        #expect(read.allSatisfy { $0.isEmpty })   // what could not be read comes back empty…
        // …and is reported.
        #expect(cache.bodyReadFailure == "cannot read back a page's text from \(folder)/parse-cache; build again (if it happens again, delete \(folder))")
        cache.write(to: folder + "/again", key: "k")
        #expect(!FileManager.default.fileExists(atPath: folder + "/again"))
    }

    /// Bytes changed in place (same size) after the load: the reads succeed, but they may be
    /// another body's, so the change itself is the failure.
    @Test func aParseCacheChangedInPlaceIsReported() throws {
        let folder = Fixture.temporaryDirectory()
        let cache = try Self.loadedFromDisk(in: folder)
        #expect(cache.bodyReadFailure == nil)
        usleep(20_000)   // a modification time of its own
        let fd = open(folder + "/parse-cache", O_WRONLY)
        #expect(fd >= 0)
        var byte: UInt8 = 0x20
        #expect(pwrite(fd, &byte, 1, 200) == 1)
        close(fd)
        #expect(cache.bodyReadFailure?.hasPrefix("cannot read back a page's text from \(folder)/parse-cache") == true)
    }

    /// The whole build: the parse cache file is cut short after the load, so the pages' bodies
    /// cannot be read; the build fails with the error and the served output is as it was.
    @Test func aBuildWhoseBodiesCannotBeReadBackFailsAndWritesNothing() throws {
        let source = try Fixture.copy("basic")
        var engine = Engine(source: source)
        engine.options.git = nil
        engine.putsBodiesInPlace = false
        #expect(engine.build().succeeded)
        let before = snapshot(engine.output)
        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0.replacingOccurrences(of: "headcount: 12", with: "headcount: 13") }
        let parseFile = source + "/" + BuildCache.folderName + "/" + Engine.parseCacheName
        engine.afterLoad = { _ = truncate(parseFile, 40) }
        let failed = engine.build()
        #expect(!failed.succeeded)
        let cacheFolder = source + "/" + BuildCache.folderName
        #expect(failed.diagnostics.map(\.description) == ["\(engine.output):1:1: error: cannot read back a page's text from \(parseFile); build again (if it happens again, delete \(cacheFolder))"])
        #expect(snapshot(engine.output) == before)
        // The next build, with nothing cut, succeeds and matches a clean one.
        engine.afterLoad = nil
        #expect(engine.build().succeeded)
        var clean = engine
        clean.output = Fixture.temporaryDirectory() + "/clean"
        clean.cacheFolder = nil
        #expect(clean.build().succeeded)
        #expect(snapshot(engine.output).filter { !$0.key.hasPrefix(".") } == snapshot(clean.output).filter { !$0.key.hasPrefix(".") })
    }

    /// `engage build`'s search index state lets go of the texts and gives the same files.
    @Test func theSearchStateWithoutTextsGivesTheSameFiles() throws {
        let source = try Fixture.copy("basic")
        let data = SiteData(site: try #require(Self.load(source, nil).site))
        let pages = SiteCatalog.pages(in: data).filter { $0.listed && $0.searchable }
        let entries = pages.map { SearchEntry($0, data) }
        #expect(entries.contains { !$0.text.isEmpty })
        let full = SearchIndexState(entries, baseURL: "/hub/")
        var lean = SearchIndexState(pages: pages, data, baseURL: "/hub/", keepsTexts: false)
        #expect(lean.files().map(\.path) == full.files().map(\.path))
        #expect(lean.files().map(\.data) == full.files().map(\.data))
        #expect(lean.pages.allSatisfy { $0.text.isEmpty })
        #expect(lean.replace(entries[0]) == nil)
        let kept = SearchIndexState(pages: pages, data, baseURL: "/hub/", keepsTexts: true)
        #expect(kept.pages == full.pages)
        // What the body-edit records need of each text is kept: the part before the body's.
        var before: [Int: String] = [:]
        for page in pages {
            if let id = full.id(of: page.outputPath), let body = page.shownBody, let text = full.pages[id].text(before: body.text) { before[id] = text }
        }
        #expect(before.count >= 5)
        #expect(lean.textsBeforeBodies == before)
        #expect(kept.textsBeforeBodies.isEmpty)
    }
}
