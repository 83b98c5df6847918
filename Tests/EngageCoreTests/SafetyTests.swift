import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Nothing lost: dangerous output folders are refused, and a failed build of any kind leaves
/// the previous output exactly as it was.
@Suite(.temporaryFolders) struct SafetyTests {
    @Test func dangerousOutputFoldersAreRefused() throws {
        let source = try Fixture.copy("basic")
        let parent = (source as NSString).deletingLastPathComponent
        for (output, message) in [
            (source, "the output folder may not be the source folder itself; use e.g. '\(source)/site'"),
            (source + "/content", "the output folder may not be inside 'content/' of the source"),
            (source + "/content/values", "the output folder may not be inside 'content/' of the source"),
            (source + "/templates", "the output folder may not be inside 'templates/' of the source"),
            (parent, "the output folder may not contain the source folder"),
            ("/", "the output folder may not be '/'"),
            (NSHomeDirectory(), "the output folder may not be your home folder"),
        ] {
            let result = Engine(source: source, output: output).build()
            #expect(!result.succeeded)
            #expect(result.diagnostics.map(\.message) == [message], "\(output)")
        }
        #expect(snapshot(source + "/content").count > 10, "content untouched")
        #expect(OutputGuard.problem(output: source + "/site", source: source) == nil)
        #expect(OutputGuard.problem(output: source + "/../elsewhere", source: source) == nil)
    }

    func builtSite() throws -> (source: String, output: String, before: [String: Data]) {
        let source = try Fixture.copy("basic")
        let first = Engine(source: source).build()
        #expect(first.succeeded)
        return (source, source + "/site", snapshot(source + "/site"))
    }

    @Test func aContentErrorLeavesTheOutput() throws {
        let (source, output, before) = try builtSite()
        try write("---\ntitle: Integrity\norder: [\n---\n", to: source + "/content/values/integrity.md")
        #expect(!Engine(source: source).build().succeeded)
        #expect(snapshot(output) == before)
    }

    @Test func aTemplateErrorLeavesTheOutput() throws {
        let (source, output, before) = try builtSite()
        try write("{{#value}}{{/values}}\n", to: source + "/templates/value.mustache")
        let result = Engine(source: source).build()
        #expect(!result.succeeded)
        #expect(result.diagnostics.first?.path == "templates/value.mustache")
        #expect(snapshot(output) == before)
    }

    @Test func aFullDiskLeavesTheOutput() throws {
        let (source, output, before) = try builtSite()
        try write(read(source + "/content/values/care.md") + "\nMore text.\n", to: source + "/content/values/care.md")
        try write(read(source + "/content/pages/about.md") + "\nMore text.\n", to: source + "/content/pages/about.md")
        let counter = Counter()
        let full: OutputWriter.FileWriter = { path, data in
            if counter.next() >= 2 { throw CocoaError(.fileWriteOutOfSpace) }
            try OutputWriter.defaultWriter(path, data)
        }
        let result = Engine(source: source, writeFile: full).build()
        #expect(!result.succeeded)
        #expect(result.diagnostics.last?.message.contains("the previous output was left as it was") == true)
        #expect(snapshot(output) == before)
    }

    @Test func aReadOnlyOutputLeavesTheOutput() throws {
        let (source, output, before) = try builtSite()
        try write(read(source + "/content/values/care.md") + "\nChanged.\n", to: source + "/content/values/care.md")
        let readOnly: OutputWriter.FileWriter = { _, _ in throw CocoaError(.fileWriteNoPermission) }
        #expect(!Engine(source: source, writeFile: readOnly).build().succeeded)
        #expect(snapshot(output) == before)
    }

    @Test func aBlockedPathLeavesTheOutput() throws {
        let (source, output, _) = try builtSite()
        // A file where the build needs a folder: the real file system refuses the write.
        try FileManager.default.removeItem(atPath: output + "/values/care")
        try write("not a folder", to: output + "/values/care")
        let blocked = snapshot(output)
        let result = Engine(source: source).build()
        #expect(!result.succeeded)
        #expect(snapshot(output) == blocked)
    }
}

final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value - 1
    }
}
