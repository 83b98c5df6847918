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
}
