import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// A whole site written in the test itself, in the txtar format Go's and Hugo's tests use: every
/// file starts with a line `-- path --` (relative to the site's folder) and runs to the next such
/// line. Lines before the first file are a comment.
///
///     let site = InlineSite("""
///         -- content/site.yml --
///         title: Test
///         -- content/teams/a.md --
///         ---
///         name: A
///         ---
///         Body
///         -- templates/team.mustache --
///         {{team.name}}
///         """)
///     #expect(site.render().page("teams/a/index.html") == "A\n")
///
/// Line numbers in diagnostics count from the line after the `-- path --` line. Each file ends
/// with a newline (one is added to the last file, which a Swift string literal leaves without);
/// a file with nothing between its line and the next is empty. A file that must not end with a
/// newline can be set afterwards through `files`. Without a `content/site.yml` the site gets
/// `title: Test` (pass `siteFile: false` to leave it out).
///
/// The site lives in memory (`fileSystem`, under the folder `src`): `load`, `check` and `render`
/// never touch the disk. `build` writes it to a temporary folder, removed when the test ends.
///
/// Tiny test templates: a site may replace any page template (`-- templates/team.mustache --`)
/// with one that prints only the value under test, e.g. `{{#team}}{{department.name}}{{/team}}`,
/// so the test compares exact text instead of searching a whole HTML page. Use the keys
/// docs/templates.md documents (the default templates show them in use).
struct InlineSite {
    /// The folder the in-memory site lives in.
    static let source = "src"

    /// Path relative to the site folder → text.
    var files: [String: String]
    /// The lines before the first file.
    var comment: String

    init(_ text: String, siteFile: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        (files, comment) = InlineSite.parse(text, sourceLocation: sourceLocation)
        if siteFile && files["content/site.yml"] == nil { files["content/site.yml"] = "title: Test\n" }
    }

    /// Splits txtar text into files (path → text) and the comment before the first file.
    static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> (files: [String: String], comment: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        var files: [String: String] = [:]
        var comment = ""
        var current: String?
        var body = ""
        func finish() {
            guard let name = current else { comment = body; return }
            if files[name] != nil { Issue.record("the inline site names '\(name)' twice", sourceLocation: sourceLocation) }
            files[name] = body
        }
        for line in lines {
            if let name = marker(line) {
                finish()
                current = name
                body = ""
            } else {
                body += line + "\n"
            }
        }
        finish()
        return (files, comment)
    }

    /// The name in a line `-- name --`, or nil.
    static func marker(_ line: String) -> String? {
        guard line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 else { return nil }
        let name = line.dropFirst(3).dropLast(3).trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : name
    }

    /// The in-memory source folder (`src/…`).
    var fileSystem: MemoryFileSystem {
        MemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { (InlineSite.source + "/" + $0.key, $0.value) }))
    }

    func engine(drafts: Bool = false) -> Engine {
        Engine(source: InlineSite.source, output: InlineSite.source + "/site", options: LoadOptions(drafts: drafts), fileSystem: fileSystem)
    }

    /// The Source stage alone.
    func load(drafts: Bool = false) -> LoadResult {
        SiteLoader(source: InlineSite.source, fileSystem: fileSystem, options: LoadOptions(drafts: drafts)).load()
    }

    /// `engage check`, in memory.
    func check(drafts: Bool = false) -> BuildResult {
        engine(drafts: drafts).check()
    }

    /// Every output file, rendered in memory (nothing is written).
    func render(drafts: Bool = false) -> RenderedSite {
        var timings = Timings()
        let (files, diagnostics) = engine(drafts: drafts).render(timings: &timings)
        return RenderedSite(diagnostics: diagnostics, output: files)
    }

    /// Writes the site's files into `folder`.
    func write(to folder: String) throws {
        for (path, text) in files { try EngageCoreTests.write(text, to: folder + "/" + path) }
    }

    /// Writes the site to a temporary folder (removed when the test ends) and builds it there with
    /// the real disk; returns the source folder, the output folder and the result.
    func build(drafts: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> (source: String, output: String, result: BuildResult) {
        let source = Fixture.temporaryDirectory(sourceLocation: sourceLocation) + "/site-source"
        try write(to: source)
        let result = Engine(source: source, options: LoadOptions(drafts: drafts)).build()
        return (source, source + "/site", result)
    }
}

/// What `InlineSite.render()` made: the diagnostics and, when there was no error, every file.
struct RenderedSite {
    var diagnostics: [Diagnostic]
    /// Output path → bytes; nil when rendering failed.
    var output: [OutputFile]?

    var messages: [String] { diagnostics.map(\.description) }
    var succeeded: Bool { output != nil }

    /// Output path → text.
    var files: [String: String] {
        Dictionary((output ?? []).map { ($0.path, String(decoding: $0.data, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The text of an output file the test expects (`teams/a/` means `teams/a/index.html`). A
    /// missing file, or a failed render, fails the test and gives "".
    func page(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let path = path.hasSuffix("/") || path.isEmpty ? path + "index.html" : path
        guard output != nil else {
            Issue.record("the site did not render: \(messages)", sourceLocation: sourceLocation)
            return ""
        }
        guard let text = files[path] else {
            Issue.record("expected an output file '\(path)', but the site has none", sourceLocation: sourceLocation)
            return ""
        }
        return text
    }

    /// Whether the render made a file at `path`.
    func has(_ path: String) -> Bool { files[path] != nil }
}
