import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// The `engage` command itself: exit codes, where output goes, the summary line.
@Suite(.temporaryFolders) struct CLITests {
    static let binary = Fixture.repository + "/.build/debug/engage"

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) { try runEngage(arguments) }

    @Test func buildSucceedsWithASummary() throws {
        let source = try Fixture.copy("basic")
        let first = try run(["build", "--source", source])
        #expect(first.status == 0)
        #expect(first.stderr.isEmpty)
        #expect(first.stdout.hasPrefix("Built "))
        #expect(first.stdout.contains(" written, 0 unchanged, 0 removed"))
        let second = try run(["build", "--source", source])
        #expect(second.stdout.contains(": 0 written, "))
    }

    @Test func contentErrorsExitOne() throws {
        let source = try Fixture.copy("basic")
        #expect(try run(["build", "--source", source]).status == 0)
        try write("---\nname: Gamma Ops\nheadcount: many\n---\n", to: source + "/content/teams/gamma.md")
        let result = try run(["check", "--source", source])
        #expect(result.status == 1)
        #expect(result.stderr == "content/teams/gamma.md:3:12: error: 'headcount' must be a whole number, found 'many'\n1 error, 0 warnings\n")
        let build = try run(["build", "--source", source])
        #expect(build.status == 1)
        #expect(build.stderr.hasSuffix("Build failed; \(source)/site was not changed.\n"))
        // No output folder yet: none is spoken of.
        let fresh = try run(["build", "--source", source, "--output", source + "/new-site"])
        #expect(fresh.stderr.hasSuffix("Build failed; nothing was written.\n"))
    }

    /// The first mistake of many: running in the wrong folder.
    @Test func aSourceWithoutContentSaysWhereTheSiteIs() throws {
        let source = try Fixture.copy("basic")
        let inside = try run(["check", "--source", source + "/content"])
        #expect(inside.status == 1)
        #expect(inside.stderr == "content:1:1: error: no content folder: '\(source)/content/content' does not exist; this looks like a site's content/ folder itself; use the folder above it (--source \(source))\n1 error, 0 warnings\n")
        let parent = (source as NSString).deletingLastPathComponent
        let above = try run(["check", "--source", parent])
        #expect(above.stderr.hasPrefix("content:1:1: error: no content folder: '\(parent)/content' does not exist; did you mean --source \(source)?\n"))
        let empty = Fixture.temporaryDirectory() + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(try run(["check", "--source", empty]).stderr.hasPrefix("content:1:1: error: no content folder: '\(empty)/content' does not exist; is --source right? ('engage init DIR' makes a new site)\n"))
    }

    @Test func forceBuildsIntoAFolderThatIsNotAnEngageOutput() throws {
        let source = try Fixture.copy("basic")
        let output = source + "/documents"
        try write("my tax return", to: output + "/taxes/2025.pdf")
        let refused = try run(["build", "--source", source, "--output", output])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("\(output):1:1: error: not an Engage output folder: it is not empty and has no .engage-manifest; choose an empty or new folder, or use --force to build into it and keep its files (the previous output was left as it was)\n"))
        let forced = try run(["build", "--source", source, "--output", output, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("Built "))
        #expect(read(output + "/taxes/2025.pdf") == "my tax return")
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
    }

    @Test func badUsageExitsTwo() throws {
        #expect(try run(["build", "--no-such-flag"]).status == 2)
        #expect(try run(["frobnicate"]).status == 2)
        #expect(try run(["init"]).status == 2)
        #expect(try run(["--help"]).status == 0)
    }

    @Test func initMakesASiteThatChecksClean() throws {
        let dir = Fixture.temporaryDirectory() + "/hub"
        #expect(try run(["init", dir]).status == 0)
        let check = try run(["check", "--source", dir])
        #expect(check.status == 0)
        #expect(check.stdout.hasPrefix("No errors"))
        #expect(try run(["init", dir]).status == 1, "refuses a folder that is not empty")
    }
}
