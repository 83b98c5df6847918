import ArgumentParser
import EngageCore
import EngageModel
import EngageServe
import EngageSource
import Foundation

struct Engage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engage",
        abstract: "Build a people-team intranet site from Markdown and YAML.",
        subcommands: [Build.self, Check.self, Serve.self, Init.self]
    )
}

/// Prints diagnostics to stderr, one a line, then a count.
func report(_ diagnostics: [Diagnostic]) {
    var stderr = StandardError()
    for d in diagnostics { print(d, to: &stderr) }
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.count - errors
    if !diagnostics.isEmpty {
        print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")", to: &stderr)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

func seconds(_ s: Double) -> String { String(format: "%.2f s", s) }

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder (switched to the new site in one step).")

    @Option(help: "The site's folder (holding content/).") var source: String = "."
    @Option(help: "Where to write the site (default: <source>/site).") var output: String?
    @Flag(help: "Include pages with 'draft: true'.") var drafts = false
    @Flag(help: "Build into a non-empty folder that is not an Engage output, keeping the files that are there.") var force = false

    func run() throws {
        var engine = Engine(source: source, output: output, options: LoadOptions(drafts: drafts))
        engine.force = force
        let result = engine.build()
        report(result.diagnostics)
        guard result.succeeded, let written = result.report else {
            var stderr = StandardError()
            let before = FileManager.default.fileExists(atPath: engine.output) ? "\(engine.output) was not changed" : "nothing was written"
            print("Build failed; \(before).", to: &stderr)
            throw ExitCode(1)
        }
        let t = result.timings
        print("Built \(result.pages) files into \(engine.output) in \(seconds(t.total)): \(written.written.count) written, \(written.unchanged) unchanged, \(written.removed.count) removed; \(result.rendered) page\(result.rendered == 1 ? "" : "s") rendered, \(result.reused) kept\(cacheNote(result.cache)) (load \(seconds(t.load)), render \(seconds(t.render)), write \(seconds(t.write))).")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate the content and templates; write nothing.")

    @Option(help: "The site's folder (holding content/).") var source: String = "."
    @Flag(help: "Check pages with 'draft: true' too.") var drafts = false

    func run() throws {
        let result = Engine(source: source, options: LoadOptions(drafts: drafts)).check()
        report(result.diagnostics)
        for note in result.notes { print(note) }
        guard result.succeeded else { throw ExitCode(1) }
        let warnings = result.diagnostics.count
        print("No errors\(warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : ""): \(result.pages) files would be built.")
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it on this machine, rebuild on every change and reload open pages.",
        discussion: "The preview is built into <source>/\(PreviewServer.folderName)/site (git-ignored); content/, static/ and templates/ are never written.")

    @Option(help: "The site's folder (holding content/).") var source: String = "."
    @Option(help: "The address to listen on (127.0.0.1 keeps the preview on this machine).") var host: String = "127.0.0.1"
    @Option(help: "The port to listen on.") var port: UInt16 = 8000
    @Flag(help: "Include pages with 'draft: true'.") var drafts = false
    @Flag(help: "Watch the source by scanning it every half second instead of with inotify.") var poll = false

    func validate() throws {
        if let problem = PreviewServer.hostProblem(host) { throw ValidationError("--host: \(problem)") }
    }

    func run() async throws {
        var options = ServeOptions(source: source)
        options.host = host
        options.port = port
        options.drafts = drafts
        options.polling = poll
        let server = PreviewServer(options: options)
        do {
            try await server.start()
        } catch {
            var stderr = StandardError()
            print("error: could not serve on \(host):\(port): \(PreviewServer.describe(error))", to: &stderr)
            throw ExitCode(1)
        }
        try await server.wait()
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new site with a little sample content.")

    @Argument(help: "Folder for the new site (must not exist or be empty).") var directory: String

    func run() throws {
        do {
            try Starter.create(at: directory)
        } catch let error as StarterError {
            var stderr = StandardError()
            print("error: \(error)", to: &stderr)
            throw ExitCode(1)
        }
        print("Created a new site in \(directory). Next: engage build --source \(directory)")
    }
}

#if canImport(Glibc)
// Blocks of 128 KiB and more (the search index's postings, files' bytes) are mapped apart and
// given back when freed. glibc otherwise raises this threshold after the first large block is
// freed, and later ones stay in its heaps: 5–8 MB more at the peak of a 10,000-page build
// (docs/performance.md, "Round 8").
// (`mallopt` is not in Swift's Glibc module; M_MMAP_THRESHOLD is -3 in <malloc.h>.)
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 128 * 1024)
}
#endif

do {
    var command = try Engage.parseAsRoot()
    if let serve = command as? Serve {
        try await serve.run()
    } else {
        try command.run()
    }
} catch {
    let code = Engage.exitCode(for: error)
    if code == .success {
        Engage.exit(withError: error)
    } else if let exit = error as? ExitCode {
        Foundation.exit(exit.rawValue)
    } else {
        var stderr = StandardError()
        print(Engage.fullMessage(for: error), to: &stderr)
        Foundation.exit(2)
    }
}

/// How the build cache was used, for the build's summary line.
func cacheNote(_ use: CacheUse) -> String {
    switch use {
    case .off, .incremental: return ""
    case .unchanged: return " (nothing changed)"
    case .bodies: return " (only the text of pages changed)"
    case .full(let why): return " (full build: \(why))"
    }
}
