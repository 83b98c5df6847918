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
        try write("---\nname: Gamma Ops\nheadcount: many\n---\n", to: source + "/content/teams/gamma.md")
        let result = try run(["check", "--source", source])
        #expect(result.status == 1)
        #expect(result.stderr == "content/teams/gamma.md:3:12: error: 'headcount' must be a whole number, found 'many'\n1 error, 0 warnings\n")
        let build = try run(["build", "--source", source])
        #expect(build.status == 1)
        #expect(build.stderr.hasSuffix("Build failed; \(source)/site was not changed.\n"))
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
