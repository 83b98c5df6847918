import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

@Suite(.temporaryFolders) struct OutputWriterTests {
    @Test func updatesInPlace() throws {
        let root = Fixture.temporaryDirectory() + "/out"
        let writer = OutputWriter(root: root)
        let first = try writer.write([OutputFile(path: "a/index.html", text: "A"), OutputFile(path: "b/index.html", text: "B"),
                                      OutputFile(path: "old/deep/index.html", text: "O")])
        #expect(first.written == ["a/index.html", "b/index.html", "old/deep/index.html"])
        let second = try writer.write([OutputFile(path: "a/index.html", text: "A"), OutputFile(path: "b/index.html", text: "B2")])
        #expect(second.written == ["b/index.html"])
        #expect(second.unchanged == 1)
        #expect(second.removed == ["old/deep/index.html"])
        #expect(!FileManager.default.fileExists(atPath: root + "/old"))
        #expect(snapshot(root) == ["a/index.html": Data("A".utf8), "b/index.html": Data("B2".utf8),
                                   ".engage-manifest": Manifest.text(["a/index.html", "b/index.html"], generation: second.generation)])
    }

    /// A new work folder's folders are made as the files arrive: each once, ancestors first, a
    /// failure named by the folder.
    @Test func foldersOfANewWorkFolderAreMadeAsFilesArrive() throws {
        let root = Fixture.temporaryDirectory()
        let maker = FolderMaker(root: root)
        try maker.makeFolders(holding: "index.html")
        try maker.makeFolders(holding: "teams/a/index.html")
        try maker.makeFolders(holding: "teams/a/other.html")
        try maker.makeFolders(holding: "teams/b/index.html")
        try maker.makeFolder("pathways/p/compare/l1-vs-l2")
        try maker.makeFolder("teams")
        var isFolder: ObjCBool = false
        for folder in ["teams", "teams/a", "teams/b", "pathways/p/compare/l1-vs-l2"] {
            #expect(FileManager.default.fileExists(atPath: root + "/" + folder, isDirectory: &isFolder) && isFolder.boolValue, "\(folder)")
        }
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        #expect(throws: OutputError.self) { try maker.makeFolders(holding: "file/index.html") }
        do { try maker.makeFolders(holding: "file/index.html") } catch let error as OutputError { #expect(error.path == "file") }
    }

    @Test func refusesPathsThatLeaveTheFolder() {
        let writer = OutputWriter(root: Fixture.temporaryDirectory())
        #expect(throws: OutputError.self) { try writer.write([OutputFile(path: "../x.html", text: "x")]) }
        #expect(throws: OutputError.self) { try writer.write([OutputFile(path: "/etc/x.html", text: "x")]) }
    }

    @Test func aFailedWriteLeavesTheFolderAsItWas() throws {
        let root = Fixture.temporaryDirectory() + "/out"
        let writer = OutputWriter(root: root)
        _ = try writer.write([OutputFile(path: "a/index.html", text: "A"), OutputFile(path: "z/index.html", text: "Z")])
        let before = snapshot(root)
        // A file where a folder must go makes the second write fail after the first was staged.
        try write("blocker", to: root + "/m")
        let withBlocker = snapshot(root)
        #expect(throws: OutputErrors.self) {
            try writer.write([OutputFile(path: "a/index.html", text: "A2"), OutputFile(path: "m/index.html", text: "M")])
        }
        #expect(snapshot(root) == withBlocker)
        #expect(withBlocker.count == before.count + 1)
    }

    /// Files handed over in batches while they are made (`write(paths:…produce:)`): the same
    /// generation as all at once, and a producer that fails half-way serves nothing of it.
    @Test func filesMadeWhileWritingGiveTheSameSite() throws {
        let root = Fixture.temporaryDirectory() + "/out"
        let files = (0..<700).map { OutputFile(path: "p\($0)/index.html", text: "Page \($0)") }
        let writer = OutputWriter(root: root)
        let report = try writer.write(paths: files.map(\.path), reused: [], known: nil) { emit in
            for start in stride(from: 0, to: files.count, by: 64) { try emit(Array(files[start..<min(start + 64, files.count)])) }
        }
        #expect(report.written.count == 700 && report.written == report.written.sorted())
        let all = Fixture.temporaryDirectory() + "/all"
        let whole = try OutputWriter(root: all).write(files)
        #expect(report.generation == whole.generation)
        #expect(snapshot(root) == snapshot(all))
    }

    @Test func aProducerThatFailsHalfWayLeavesTheServedFolderAsItWas() throws {
        struct Broke: Error {}
        let root = Fixture.temporaryDirectory() + "/out"
        let writer = OutputWriter(root: root)
        _ = try writer.write([OutputFile(path: "a/index.html", text: "A"), OutputFile(path: "b/index.html", text: "B")])
        let before = snapshot(root)
        #expect(throws: Broke.self) {
            try writer.write(paths: ["a/index.html", "b/index.html", "c/index.html"], reused: [], known: nil) { emit in
                try emit([OutputFile(path: "a/index.html", text: "A2")])
                throw Broke()
            }
        }
        #expect(snapshot(root) == before)
        // Files other than those announced, or one twice: refused, nothing served.
        #expect(throws: OutputError.self) {
            try writer.write(paths: ["a/index.html"], reused: [], known: nil) { emit in
                try emit([OutputFile(path: "a/index.html", text: "A3"), OutputFile(path: "x/index.html", text: "X")])
            }
        }
        #expect(throws: OutputError.self) {
            try writer.write(paths: ["a/index.html", "b/index.html"], reused: [], known: nil) { emit in
                try emit([OutputFile(path: "a/index.html", text: "A3")])
                try emit([OutputFile(path: "a/index.html", text: "A4")])
            }
        }
        #expect(snapshot(root) == before)
        // And the folder is still usable.
        _ = try writer.write([OutputFile(path: "a/index.html", text: "A5")])
        #expect(read(root + "/a/index.html") == "A5")
    }

    /// `parallelMap` keeps no reference to its results once they are handed back (it used to
    /// keep one to each: every rendered page stayed in memory until the end of the build).
    @Test func parallelMapKeepsNoResultAlive() {
        final class Counted: @unchecked Sendable {
            static let lock = NSLock()
            nonisolated(unsafe) static var alive = 0
            init() { Self.lock.withLock { Self.alive += 1 } }
            deinit { Self.lock.withLock { Self.alive -= 1 } }
        }
        do {
            let results = parallelMap(Array(0..<500)) { _ in Counted() }
            #expect(results.count == 500)
            #expect(Counted.lock.withLock { Counted.alive } == 500)
        }
        #expect(Counted.lock.withLock { Counted.alive } == 0)
    }
}
