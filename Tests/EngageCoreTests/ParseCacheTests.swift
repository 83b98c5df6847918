import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageCore

/// The parsed files' cache (EngageSource/Loading/ParseCache.swift): unchanged files are not
/// parsed again, an edited one is, a body whose links now resolve differently is rendered again,
/// the diagnostics of unchanged files are still reported, and a damaged record is ignored.
@Suite(.temporaryFolders) struct ParseCacheTests {
    static func load(_ source: String, _ cache: ParseCache?) -> LoadResult {
        var options = LoadOptions()
        options.git = nil
        options.parseCache = cache
        return SiteLoader(source: source, options: options).load()
    }

    static let pipeTable = "\n| a | b |\n| --- | --- |\n| 1 | 2 |\n"

    @Test func anEditedFileIsParsedAgainTheOthersAreNot() throws {
        let source = try Fixture.copy("basic")
        let cache = ParseCache()
        let first = Self.load(source, cache)
        let parsed = cache.misses
        #expect(cache.hits == 0 && parsed > 0)
        _ = Self.load(source, cache)
        #expect(cache.misses == 0 && cache.hits == parsed)
        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0 + "\nAnd the letters.\n" }
        let edited = Self.load(source, cache)
        #expect(cache.misses == 2)   // its front matter and its body
        #expect(edited.site?.teams.first { $0.slug == "alpha" }?.body.text.hasSuffix("And the letters.") == true)
        #expect(edited.site?.teams.map(\.body) == Self.load(source, nil).site?.teams.map(\.body))
        #expect(edited.diagnostics == first.diagnostics)
    }

    /// `engage build`'s cache keeps bodies only: the front matter is decoded on every load and
    /// not held, and the site and diagnostics are those of a load without a cache.
    @Test func aBodiesOnlyCacheHoldsNoFrontMatter() throws {
        let source = try Fixture.copy("basic")
        let cache = ParseCache(keepsFrontMatter: false)
        let plain = Self.load(source, nil)
        let first = Self.load(source, cache)
        #expect(cache.frontMatterCount == 0 && cache.bodyCount > 0)
        let bodies = cache.bodyCount, firstMisses = cache.misses
        let second = Self.load(source, cache)
        #expect(cache.hits == bodies)                        // every body reused
        #expect(cache.misses == firstMisses - bodies)        // every front matter decoded again
        #expect(cache.frontMatterCount == 0)
        for result in [first, second] {
            #expect(result.diagnostics == plain.diagnostics)
            #expect(result.site?.teams.map(\.body) == plain.site?.teams.map(\.body))
            #expect(result.site?.teams.map(\.name) == plain.site?.teams.map(\.name))
        }
    }

    @Test func warningsOfUnchangedFilesAreReportedEveryTime() throws {
        let source = try Fixture.copy("basic")
        try IncrementalBuildTests.edit(source + "/content/teams/beta.md") { $0 + Self.pipeTable }
        let cache = ParseCache()
        let expected = Self.load(source, nil).diagnostics
        #expect(expected.contains { $0.path == "content/teams/beta.md" && $0.message == PipeTables.message })
        #expect(Self.load(source, cache).diagnostics == expected)
        #expect(Self.load(source, cache).diagnostics == expected)
        // engage build with the cache on disk: another file edited, the warning is still there.
        #expect(Engine(source: source).build().diagnostics.contains { $0.message == PipeTables.message })
        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0 + "\nMore.\n" }
        let rebuilt = Engine(source: source).build()
        #expect(rebuilt.cache == .bodies)
        #expect(rebuilt.diagnostics.filter { $0.message == PipeTables.message }.map(\.path) == ["content/teams/beta.md"])
        // The same through the ordinary build.
        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0 + "\nEven more.\n" }
        let ordinary = IncrementalBuildTests.ordinary(source).build()
        #expect(ordinary.cache == .incremental)
        #expect(ordinary.diagnostics.filter { $0.message == PipeTables.message }.map(\.path) == ["content/teams/beta.md"])
    }

    @Test func aBodyWhoseLinkNoLongerResolvesIsRenderedAgain() throws {
        let source = try Fixture.copy("basic")
        let cache = ParseCache()
        #expect(!Self.load(source, cache).hasErrors)
        try FileManager.default.removeItem(atPath: source + "/content/pages/about.md")
        let result = Self.load(source, cache)
        #expect(result.diagnostics.contains {
            $0.path == "content/values/care.md" && $0.line == 7 && $0.message.hasPrefix("link '/pages/about.md' points to a missing file 'content/pages/about.md'")
        })
        #expect(result.diagnostics == Self.load(source, nil).diagnostics)
    }

    @Test func aDamagedRecordOnDiskIsIgnored() throws {
        let source = try Fixture.copy("basic")
        let cache = ParseCache()
        _ = Self.load(source, cache)
        let bytes = cache.serialized(key: "k")
        let whole = ParseCache()
        #expect(whole.load(bytes, key: "k") == cache.bodyCount)
        #expect(ParseCache().load(bytes, key: "other") == 0)
        // One byte of the last record's HTML changed: that record alone is dropped.
        var damaged = bytes
        damaged[damaged.count - 40] ^= 0x55
        let partial = ParseCache()
        #expect(partial.load(damaged, key: "k") == cache.bodyCount - 1)
        // Cut inside a record: the records before it are kept.
        #expect(ParseCache().load(Array(bytes.dropLast(10)), key: "k") == cache.bodyCount - 1)
        // The partly read cache still gives the uncached result.
        #expect(Self.load(source, partial).site?.values.map(\.body) == Self.load(source, nil).site?.values.map(\.body))
        #expect(partial.hits == cache.bodyCount - 1)   // every body but the damaged one (no front matter on disk)
    }

    @Test func aBuildWithADamagedParseCacheMatchesACleanBuild() throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        let file = source + "/.engage-cache/parse-cache"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        for i in stride(from: 100, to: bytes.count, by: 997) { bytes[i] ^= 0xA5 }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        try IncrementalBuildTests.edit(source + "/content/values/care.md") { $0 + "\nEdited.\n" }
        #expect(Engine(source: source).build().cache == .incremental)
        #expect(snapshot(source + "/site") == IncrementalBuildTests.cleanBuild(source))
    }
}
