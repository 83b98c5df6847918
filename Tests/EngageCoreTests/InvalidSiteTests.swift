import Foundation
import Testing

/// Small broken sites in Tests/Fixtures/invalid/<case>/, each with `expected.txt`: exactly what
/// `engage check --source <case>` prints on standard error (the diagnostics, then the count).
/// Adding a case is adding a folder; a folder without `expected.txt` fails and shows the output.
@Suite struct InvalidSiteTests {
    static let root = Fixture.root + "/invalid"

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func thereAreInvalidSites() {
        #expect(Self.cases.count >= 6)
    }

    @Test(arguments: cases)
    func checkPrintsTheExpectedDiagnostics(_ name: String) throws {
        let folder = Self.root + "/" + name
        let result = try runEngage(["check", "--source", folder])
        guard let expected = readIfPresent(folder + "/expected.txt") else {
            Issue.record("Tests/Fixtures/invalid/\(name) has no expected.txt; engage check printed:\n\(result.stderr)")
            return
        }
        #expect(result.stderr == expected)
        #expect(result.status == 1, "an invalid site fails the check")
        #expect(!exists(folder + "/site"), "check writes nothing")
    }
}

/// Runs the `engage` binary that `swift build` made; returns its exit status and output.
func runEngage(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Fixture.repository + "/.build/debug/engage")
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
