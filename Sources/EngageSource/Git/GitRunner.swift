import Foundation

/// What one `git` run gave: its exit status and standard output (standard error is dropped).
public struct GitOutput: Sendable {
    public var status: Int32
    public var stdout: Data
    public init(status: Int32, stdout: Data) {
        self.status = status
        self.stdout = stdout
    }
    public var succeeded: Bool { status == 0 }
}

/// Runs git. The seam tests use to count runs (a build runs git a bounded number of times,
/// whatever the number of pages) or to stand in for a machine without git.
public protocol GitRunner: Sendable {
    /// Runs `git <arguments>` in `directory`, with `input` on its standard input. nil when git
    /// could not be started or did not finish in time.
    func run(_ arguments: [String], in directory: String, input: Data?) -> GitOutput?
}

/// The real git: found on `PATH`, started directly (no shell), stopped after `timeout` seconds.
public struct ProcessGitRunner: GitRunner {
    public var timeout: Double
    /// The git program; nil looks it up on `PATH`.
    public var executable: String?

    public init(timeout: Double = 60, executable: String? = nil) {
        self.timeout = timeout
        self.executable = executable
    }

    /// `git` on `PATH`, or nil when there is none.
    static func findGit() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public func run(_ arguments: [String], in directory: String, input: Data?) -> GitOutput? {
        guard let git = executable ?? Self.findGit() else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        // Never ask for a password, never take a lock on the index, never page, same language.
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        // The input is given as a file, not a pipe: writing to a pipe git closed early would
        // raise SIGPIPE and end the build.
        var inputFile: String? = nil
        defer { if let inputFile { try? FileManager.default.removeItem(atPath: inputFile) } }
        if let input {
            let path = NSTemporaryDirectory() + "/engage-git-input-\(UUID().uuidString)"
            guard FileManager.default.createFile(atPath: path, contents: input), let handle = FileHandle(forReadingAtPath: path) else { return nil }
            inputFile = path
            process.standardInput = handle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let collected = Collected()
        let done = DispatchSemaphore(value: 0)
        do { try process.run() } catch { return nil }
        DispatchQueue.global().async {
            collected.set(out.fileHandleForReading.readDataToEndOfFile())
            done.signal()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit else { return nil }
        return GitOutput(status: process.terminationStatus, stdout: collected.get())
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ d: Data) { lock.withLock { data = d } }
        func get() -> Data { lock.withLock { data } }
    }
}
