import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Real `engage build` processes killed with SIGKILL at random moments, and two at once: the
/// served folder always holds one whole site, the old or the new, and never a staging file.
/// (Serialized: the timings of one must not be disturbed by the other.)
@Suite(.serialized, .temporaryFolders) struct OutputKillTests {
    /// `ENGAGE_TEST_BINARY` runs these tests against another build of engage (e.g. an older one).
    static let binary = ProcessInfo.processInfo.environment["ENGAGE_TEST_BINARY"] ?? Fixture.repository + "/.build/debug/engage"
    static let pages = 800

    /// Two versions of a big site: every page differs between them (the site title), and each
    /// has a page the other lacks.
    func twoSites() throws -> (a: String, b: String, root: String) {
        let a = try Fixture.copy("basic")
        let root = (a as NSString).deletingLastPathComponent
        let b = root + "/basic-b"
        try FileManager.default.copyItem(atPath: a, toPath: b)
        // Plain POSIX writes: Foundation's Data.write syncs every file, which took seconds here.
        for i in 0..<Self.pages {
            let page = Data("---\ntitle: Page \(i)\n---\nThe text of page \(i), long enough to be a page.\n".utf8)
            try OutputWriter.defaultWriter(a + "/content/pages/page-\(i).md", page)
            if i > 0 { try OutputWriter.defaultWriter(b + "/content/pages/page-\(i).md", page) }
        }
        try write(read(b + "/content/site.yml").replacingOccurrences(of: "Fixture Hub", with: "Fixture Hub B"), to: b + "/content/site.yml")
        try write("---\ntitle: Only in B\n---\nNew.\n", to: b + "/content/pages/only-b.md")
        return (a, b, root)
    }

    /// Removes a temporary tree with rm(1), much faster than FileManager for thousands of files.
    func remove(_ root: String) {
        guard root.hasPrefix(NSTemporaryDirectory()) else { return }
        let rm = Process()
        rm.executableURL = URL(fileURLWithPath: "/bin/rm")
        rm.arguments = ["-rf", root]
        try? rm.run()
        rm.waitUntilExit()
    }

    func start(_ source: String, _ output: String, stdout: Pipe? = nil, stderr: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["build", "--source", source, "--output", output]
        process.standardOutput = stdout ?? FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Names that must never be visible in the served folder.
    func strays(_ output: String) -> [String] {
        snapshot(output).keys.filter { $0.contains(".engage-") && $0 != ".engage-manifest" }.sorted()
    }

    func seconds(_ text: String, after label: String) -> Double {
        guard let range = text.range(of: label + " ") else { return 0 }
        return Double(text[range.upperBound...].prefix { $0 == "." || $0.isNumber }) ?? 0
    }

    @Test func aKilledBuildLeavesTheWholeOldOrTheWholeNewSite() throws {
        let (a, b, root) = try twoSites()
        defer { remove(root) }
        let output = root + "/served/site"
        let refB = root + "/ref-b"
        // The two complete sites, as references (built side by side: different outputs).
        var p = try start(a, output)
        let q = try start(b, refB)
        p.waitUntilExit()
        q.waitUntilExit()
        #expect(p.terminationStatus == 0 && q.terminationStatus == 0)
        let siteA = snapshot(output), siteB = snapshot(refB)
        #expect(siteA.count > Self.pages && siteB.count > Self.pages && siteA != siteB)

        // One uninterrupted switch A → B, to learn how long a build and its write phase take.
        let pipe = Pipe()
        let clock = ContinuousClock.now
        p = try start(b, output, stdout: pipe)
        let summary = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let elapsed = clock.duration(to: .now)
        let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let writePhase = max(seconds(summary, after: "write"), 0.05)
        #expect(snapshot(output) == siteB, "\(summary)")

        // Kill at random moments: a third anywhere in the build, the rest around the write phase.
        var generator = SystemRandomNumberGenerator()
        var current = siteB
        let started = ContinuousClock.now
        for round in 0..<8 {
            // Bounded in time on a busy machine: at least four kills, then stop after 6 s.
            if round >= 4 && started.duration(to: .now) > .seconds(6) { break }
            let isA = current == siteA
            let delay = round % 3 == 0
                ? Double.random(in: 0...total, using: &generator)
                : Double.random(in: max(0, total - writePhase * 1.5)...(total + 0.02), using: &generator)
            let process = try start(isA ? b : a, output)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            current = snapshot(output)
            let strays = current.keys.filter { $0.contains(".engage-") && $0 != ".engage-manifest" }
            #expect(strays.isEmpty, "round \(round), killed after \(delay) s of \(total) s: \(strays.sorted().prefix(3))")
            #expect(current == siteA || current == siteB, "round \(round): a mixed site after a kill at \(delay) s of \(total) s (write phase \(writePhase) s)")
        }
        // A build after all those kills recycles what they left and succeeds.
        p = try start(a, output)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(snapshot(output) == siteA)
        #expect(strays(output) == [])
    }

    @Test func twoBuildsAtOnceNeverInterleave() throws {
        let (a, b, root) = try twoSites()
        defer { remove(root) }
        let output = root + "/served/site"
        let refB = root + "/ref-b"
        let p = try start(a, output), q = try start(b, refB)
        p.waitUntilExit()
        q.waitUntilExit()
        let siteA = snapshot(output), siteB = snapshot(refB)
        for round in 0..<1 {
            let errA = Pipe(), errB = Pipe()
            let first = try start(round == 0 ? b : a, output, stderr: errA)
            let second = try start(round == 0 ? a : b, output, stderr: errB)
            let messages = [errA, errB].map { String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
            first.waitUntilExit()
            second.waitUntilExit()
            let statuses = [first.terminationStatus, second.terminationStatus]
            #expect(statuses.contains(0), "\(messages)")
            for (status, message) in zip(statuses, messages) where status != 0 {
                #expect(message.contains("error: another engage build is writing this output folder right now"), "\(message)")
            }
            let after = snapshot(output)
            #expect(after == siteA || after == siteB, "round \(round): a mixed site (statuses \(statuses))")
            #expect(strays(output) == [])
        }
    }
}
