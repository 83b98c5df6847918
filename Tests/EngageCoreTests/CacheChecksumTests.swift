import Foundation
import Testing
@testable import EngageModel
@testable import EngageOutput
@testable import EngageRender
@testable import EngageCore

/// The build cache is written a chunk at a time (`BuildCache.serialize`, `CacheChecksum`): a
/// cache of several chunks, with lines across chunk boundaries, reads back as written, also when
/// its page lines are written back undecoded; a changed byte in any chunk makes it untrusted.
@Suite(.temporaryFolders) struct CacheChecksumTests {
    static func large() -> BuildCache {
        var cache = BuildCache(key: "k", generation: "g1")
        for n in 0..<12_000 {
            cache.outputs["pages/page-\(n)/index.html"] = ContentHash("page \(n)")
            cache.sources["content/pages/page-\(n).md"] = SourceSnapshot.Entry(size: Int64(n), mtime: Int64(n) * 1_000_003, inode: UInt64(n + 7), hash: ContentHash("source \(n)"))
        }
        for n in 0..<12_000 {
            cache.pages["/pages/page-\(n)/"] = BuildCache.Page(outputPath: "pages/page-\(n)/index.html", chromeKey: "1/pages",
                                                              inputs: PageInputs(files: ["content/pages/page-\(n).md", "content/pages/page-\(n + 1).md"], folders: [.pages]))
        }
        cache.warnings = [Diagnostic(path: "content/pages/page-1.md", line: 3, column: 4, severity: .warning, message: "a warning")]
        return cache
    }

    @Test func aCacheOfManyChunksReadsBackAsWritten() throws {
        let folder = Fixture.temporaryDirectory()
        let cache = Self.large()
        cache.write(to: folder)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: folder + "/" + BuildCache.fileName)[.size] as? Int)
        #expect(size > 2 * CacheChecksum.chunk)
        var read = try #require(BuildCache.read(from: folder, key: "k"))
        #expect(read.pageLines.count > CacheChecksum.chunk)   // page lines kept as read…
        read.write(to: folder + "/again")                      // …and written back so
        var again = try #require(BuildCache.read(from: folder + "/again", key: "k"))
        #expect(read.decodePages() && again.decodePages())
        #expect(read == cache && again == cache)
    }

    @Test(arguments: [0.1, 0.5, 0.9])
    func aChangedByteAnywhereIsNotTrusted(at place: Double) throws {
        let folder = Fixture.temporaryDirectory()
        Self.large().write(to: folder)
        let path = folder + "/" + BuildCache.fileName
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let i = Int(Double(bytes.count) * place)
        bytes[i] = bytes[i] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(BuildCache.read(from: folder, key: "k") == nil)
    }

    @Test func theChecksumIsTheSameHoweverTheWholeChunksArrive() {
        let bytes = (0..<(2 * CacheChecksum.chunk + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        bytes.withUnsafeBytes { all in
            var sum = CacheChecksum()
            sum.add(UnsafeRawBufferPointer(rebasing: all[0..<CacheChecksum.chunk]))
            sum.add(UnsafeRawBufferPointer(rebasing: all[CacheChecksum.chunk..<(2 * CacheChecksum.chunk)]))
            sum.add(UnsafeRawBufferPointer(rebasing: all[(2 * CacheChecksum.chunk)...]))
            #expect(sum.value == CacheChecksum.of(all))
            #expect(CacheChecksum.of(UnsafeRawBufferPointer(rebasing: all.dropLast())) != CacheChecksum.of(all))
        }
    }
}
