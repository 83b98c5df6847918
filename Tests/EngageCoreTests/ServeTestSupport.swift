import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import EngageServe

/// A blocking HTTP/1.1 client over a loopback socket, for the serve tests: keep-alive
/// requests with Content-Length bodies, and raw reads for the event stream. Run it on a real
/// thread (`onThread`), never on Swift's cooperative pool, which the server under test uses.
/// Unchecked Sendable: a test hands a connection from thread to thread but uses it from one
/// at a time.
final class TestHTTPConnection: @unchecked Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16, timeout: Int = 60) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw Failure(description: "connect() to port \(port) failed: errno \(errno)") }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Reads more bytes into the buffer; false at the end of the stream or on the timeout.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }

    private func readLine() throws -> String {
        while true {
            if let i = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<i], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                buffer.removeFirst(i + 1)
                return line
            }
            guard fill() else { throw Failure(description: "connection closed or timed out reading a line") }
        }
    }

    /// One request on this connection (kept alive) and its whole response.
    func request(_ path: String, method: String = "GET", headers: [String: String] = [:]) throws -> Response {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (k, v) in headers.sorted(by: { $0.key < $1.key }) { text += "\(k): \(v)\r\n" }
        try send(text + "\r\n")
        return try readResponse(method: method)
    }

    func readHead() throws -> (status: Int, headers: [String: String]) {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line '\(statusLine)'") }
        var headers: [String: String] = [:]
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers)
    }

    func readResponse(method: String = "GET") throws -> Response {
        let (status, headers) = try readHead()
        let length = method == "HEAD" || status == 304 ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length { guard fill() else { throw Failure(description: "body cut short") } }
        let body = Data(buffer[..<length])
        buffer.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    /// Reads the (chunked) event stream until its raw text contains `needle`; returns all of
    /// the text read so far, or throws after `seconds`.
    func readUntil(_ needle: String, seconds: Double) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = String(decoding: buffer, as: UTF8.self)
            if text.contains(needle) { return text }
            _ = fill()
        }
        throw Failure(description: "no '\(needle)' within \(seconds) s; read: \(String(decoding: buffer, as: UTF8.self))")
    }

    /// Forgets what was read so far (so the next `readUntil` looks only at new events).
    func discardBuffered() { buffer = [] }
}

/// One request on a new connection.
func httpGet(_ port: UInt16, _ path: String, method: String = "GET", headers: [String: String] = [:]) async throws -> TestHTTPConnection.Response {
    try await onThread { try TestHTTPConnection(port: port).request(path, method: method, headers: headers) }
}

/// Runs blocking work on a new thread and awaits its result.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.start()
    }
}

/// `engage serve` running as its own process (the built binary), on a free loopback port. A
/// process of its own, so the server's tasks never wait for the threads that other tests keep
/// busy in this one (the whole suite runs in parallel on a small machine).
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private(set) var port: UInt16 = 0
    private let stdout = Pipe()
    private let lock = NSLock()
    private var text = ""

    /// Everything serve printed so far (stdout and stderr together).
    var output: String { lock.withLock { text } }

    init(source: String, arguments: [String] = []) {
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["serve", "--source", source, "--port", "0"] + arguments
        process.standardOutput = stdout
        process.standardError = stdout
    }

    /// Starts the process and waits for its "Serving … at http://127.0.0.1:PORT/…" line.
    func start(timeout: Double = 120) async throws {
        try process.run()
        let handle = stdout.fileHandleForReading
        // Keep draining stdout (rebuild lines) so the process never blocks on a full pipe.
        let reader = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                lock.withLock { text += String(decoding: chunk, as: UTF8.self) }
            }
        }
        reader.start()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let out = output
            if let line = out.split(separator: "\n").first(where: { $0.hasPrefix("Serving ") && $0.contains("Ctrl-C") }),
               let at = line.range(of: "http://127.0.0.1:") {
                let digits = line[at.upperBound...].prefix { $0.isNumber }
                port = UInt16(digits) ?? 0
                return
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        // The stall this catches (all of serve's threads idle after "Built …") needs its
        // threads to be understood: they are recorded before the process is stopped.
        let threads = process.isRunning ? Self.threads(of: process.processIdentifier) : ""
        stop()
        throw TestHTTPConnection.Failure(description: "engage serve did not start; it printed: \(output)\n\(threads)")
    }

    /// Each thread of `pid`: its name, state and kernel wait channel, and gdb's backtraces
    /// when gdb is installed.
    static func threads(of pid: Int32) -> String {
        var lines: [String] = []
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for tid in tasks.sorted() {
            func read(_ name: String) -> String {
                ((try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/\(name)", encoding: .utf8)) ?? "?")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let state = read("stat").split(separator: ")").last?.split(separator: " ").first ?? "?"
            lines.append("thread \(tid) \(read("comm")) state \(state) wchan \(read("wchan"))")
        }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/gdb") {
            // gdb itself once hung attaching to such a process (and the suite with it): at most 30 s.
            let gdb = Process()
            gdb.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
            gdb.arguments = ["-s", "KILL", "30", "/usr/bin/gdb", "-p", "\(pid)", "-batch", "-ex", "thread apply all bt"]
            let out = Pipe()
            gdb.standardOutput = out
            gdb.standardError = FileHandle.nullDevice
            if (try? gdb.run()) != nil {
                let data = out.fileHandleForReading.readDataToEndOfFile()
                gdb.waitUntilExit()
                lines.append(String(decoding: data, as: UTF8.self))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Waits (up to `timeout` seconds) until serve has printed `text`: its output is read on
    /// another thread, so a line printed just before an event may not be here yet.
    func waitForOutput(_ text: String, timeout: Double = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !output.contains(text) && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return output.contains(text)
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// A preview server over `source`; stop it with `stop()`.
func startServe(source: String, arguments: [String] = []) async throws -> (ServeProcess, UInt16) {
    let server = ServeProcess(source: source, arguments: arguments)
    try await server.start()
    return (server, server.port)
}
