import Foundation
import Testing
@testable import EngageServe

/// `engage serve` as a command: its messages and exit codes.
@Suite(.temporaryFolders) struct ServeCLITests {
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) { try runEngage(arguments) }

    @Test func aHostThatIsNotAnAddressIsBadUsage() throws {
        let r = try run(["serve", "--source", "/nonexistent", "--host", "intranet"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("Error: --host: 'intranet' is not an IP address; use e.g. 127.0.0.1 (this machine only), ::1, localhost or 0.0.0.0 (every network)\n"))
    }

    @Test func aPortInUseFailsAtOnceWithAClearMessage() async throws {
        let source = try Fixture.copy("basic")
        let (server, port) = try await startServe(source: source)
        defer { server.stop() }
        let r = try await onThread { try run(["serve", "--source", source, "--port", String(port)]) }
        #expect(r.status == 1)
        #expect(r.stderr == "error: could not serve on 127.0.0.1:\(port): the port is in use (by another engage serve?); pick another with --port\n")
        // It failed before building anything.
        #expect(r.stdout.isEmpty)
    }

    @Test func serveBuildsIntoItsOwnFolderAndAnswers() async throws {
        let source = try Fixture.copy("basic")
        let (server, port) = try await startServe(source: source)
        defer { server.stop() }
        #expect(server.output.hasPrefix("Built ") && server.output.contains(" files in "))
        #expect(server.output.contains("\nServing \(source) at http://127.0.0.1:\(port)/people/ (watching with "))
        let home = try await httpGet(port, "/people/")
        #expect(home.status == 200)
        #expect(home.text.contains(LiveReload.marker))
        #expect(!FileManager.default.fileExists(atPath: source + "/site"))
        #expect(FileManager.default.fileExists(atPath: source + "/.engage-serve/site/index.html"))
    }
}
