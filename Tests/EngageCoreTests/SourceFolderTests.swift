import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// A memory tree with the faults a real disk can have: folders and files that cannot be read,
/// and symbolic links (path → where it really leads).
struct FaultyFileSystem: SourceFileSystem {
    var base: MemoryFileSystem
    var unreadable: Set<String> = []
    var links: [String: String] = [:]

    func list(_ directory: String) -> [String]? { unreadable.contains(directory) ? nil : base.list(directory) }
    func listFolder(_ directory: String) throws -> [String]? {
        if unreadable.contains(directory) { throw SourceFileError.permissionDenied }
        return try base.listFolder(directory)
    }
    func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
    func read(_ path: String) throws -> Data {
        if unreadable.contains(path) { throw SourceFileError.permissionDenied }
        return try base.read(path)
    }
    func entry(_ path: String) -> SourceEntry {
        var e = base.entry(path)
        e.isLink = links[path] != nil
        return e
    }
    func realPath(_ path: String) -> String? { links[path] ?? path }
}

func loadFaulty(_ files: [String: String], unreadable: Set<String> = [], links: [String: String] = [:]) -> LoadResult {
    var all = files
    if all["src/content/site.yml"] == nil { all["src/content/site.yml"] = "title: Test\n" }
    let fs = FaultyFileSystem(base: MemoryFileSystem(files: all), unreadable: unreadable, links: links)
    return SiteLoader(source: "src", fileSystem: fs).load()
}

@Suite struct SourceFolderTests {
    let page = "---\ntitle: A\n---\nBody\n"

    @Test func anUnreadableCollectionFolderIsAnErrorNotNoPages() {
        let result = loadFaulty(["src/content/guides/a.md": page, "src/content/pages/a.md": page], unreadable: ["src/content/guides"])
        #expect(result.site == nil)
        #expect(result.messages == [
            "content/guides:1:1: error: cannot read the folder 'content/guides': permission denied, so its files would be left out; give read access (e.g. 'chmod u+rx content/guides')",
        ])
    }

    @Test func unreadableDataStaticAndContentFoldersAreErrors() {
        let kpis = loadFaulty(["src/content/kpis/catalog.yml": "kpis: []\n"], unreadable: ["src/content/kpis"])
        #expect(kpis.messages == [
            "content/kpis:1:1: error: cannot read the folder 'content/kpis': permission denied, so its files would be left out; give read access (e.g. 'chmod u+rx content/kpis')",
        ])
        let statics = loadFaulty(["src/static/img/a.png": "png"], unreadable: ["src/static/img"])
        #expect(statics.messages == [
            "static/img:1:1: error: cannot read the folder 'static/img': permission denied, so its files would be left out; give read access (e.g. 'chmod u+rx static/img')",
        ])
        let content = loadFaulty([:], unreadable: ["src/content"])
        #expect(content.messages == [
            "content:1:1: error: cannot read the folder 'content': permission denied, so its files would be left out; give read access (e.g. 'chmod u+rx content')",
        ])
    }

    @Test func anUnreadableFileSaysPermissionDenied() {
        let result = loadFaulty(["src/content/values/a.md": page], unreadable: ["src/content/values/a.md"])
        #expect(result.messages == [
            "content/values/a.md:1:1: error: cannot read file: permission denied; give read access (e.g. 'chmod u+r content/values/a.md')",
        ])
    }

    @Test func aCollectionThatIsAFileIsAnError() {
        #expect(load(["src/content/values": "title: x\n"]).messages == [
            "content/values:1:1: error: 'content/values' is a file, but it must be a folder of '.md' files; rename the file or make it a folder",
        ])
        #expect(load(["src/content/surveys": "x\n"]).messages == [
            "content/surveys:1:1: error: 'content/surveys' is a file, but it must be a folder of '.yml' files; rename the file or make it a folder",
        ])
        #expect(load(["src/static": "x\n"]).messages == [
            "static:1:1: error: 'static' is a file, but it must be a folder of files to copy into the site; rename the file or make it a folder",
        ])
    }

    @Test func linksLeadingOutsideTheSourceAreErrorsNamingThem() {
        let result = loadFaulty(["src/content/values/a.md": page, "src/content/kpis/q.yml": "x", "src/static/logo.svg": "<svg/>",
                                 "src/content/pages/b.md": page],
                                links: ["src/content/values/a.md": "/etc/a.md", "src/content/kpis/q.yml": "/etc/passwd",
                                        "src/static/logo.svg": "/home/logo.svg", "src/content/pages/b.md": "src/content/values/a.md"])
        #expect(result.messages.filter { $0.contains("symbolic link") } == [
            "content/kpis/q.yml:1:1: error: 'content/kpis/q.yml' is a symbolic link to '/etc/passwd', outside the source folder; Engage follows links only within the source folder, so copy the file or folder in instead",
            "content/values/a.md:1:1: error: 'content/values/a.md' is a symbolic link to '/etc/a.md', outside the source folder; Engage follows links only within the source folder, so copy the file or folder in instead",
            "static/logo.svg:1:1: error: 'static/logo.svg' is a symbolic link to '/home/logo.svg', outside the source folder; Engage follows links only within the source folder, so copy the file or folder in instead",
        ])
    }

    @Test func aLinkedCollectionFolderOutsideIsAnError() {
        let result = loadFaulty(["src/content/values/a.md": page], links: ["src/content/values": "/shared/values"])
        #expect(result.messages == [
            "content/values:1:1: error: 'content/values' is a symbolic link to '/shared/values', outside the source folder; Engage follows links only within the source folder, so copy the file or folder in instead",
        ])
    }

    @Test func aNewlineInAFileNameStaysOnOneLine() {
        let result = load(["src/content/values/new\nline.md": page])
        #expect(result.messages == [
            "content/values/new\\nline.md:1:1: error: invalid slug 'new\\nline': a file name must use only lowercase letters, digits and '-' and start with a letter or digit; rename the file to 'new-line.md'",
        ])
        #expect(Diagnostic(path: "a\tb\u{7}", message: "x\ry").description == "a\\tb\\u{7}:1:1: error: x\\ry")
    }

    @Test func accentedFileNamesAreErrorsSuggestingTheBaseLetters() {
        let composed = load(["src/content/values/équipe.md": page])
        #expect(composed.site == nil)
        #expect(composed.messages == [
            "content/values/équipe.md:1:1: error: invalid slug 'équipe': a file name must use only lowercase letters, digits and '-' and start with a letter or digit; rename the file to 'equipe.md'",
        ])
        let decomposed = load(["src/content/values/e\u{301}quipe.md": page])
        #expect(decomposed.messages.first?.hasSuffix("rename the file to 'equipe.md'") == true)
        #expect(Slug.suggestion(for: "Straße Ørsted") == "strasse-orsted")
    }
}

/// The real disk: FIFOs, folders where files must be, links out of the source.
@Suite(.temporaryFolders) struct LocalSourceFolderTests {
    func site() throws -> String {
        let dir = Fixture.temporaryDirectory()
        try write("title: T\n", to: dir + "/content/site.yml")
        try write("---\ntitle: A\n---\n", to: dir + "/content/values/a.md")
        return dir
    }

    func check(_ source: String) -> [String] { Engine(source: source).check().diagnostics.map(\.description) }

    @Test func aFIFOIsNotReportedAsAPermissionProblem() throws {
        let source = try site()
        defer { try? FileManager.default.removeItem(atPath: source) }
        #expect(mkfifo(source + "/content/values/pipe.md", 0o644) == 0)
        #expect(mkfifo(source + "/static-pipe", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: source + "/static", withIntermediateDirectories: true)
        #expect(mkfifo(source + "/static/feed.txt", 0o644) == 0)
        #expect(check(source) == [
            "content/values/pipe.md:1:1: error: cannot read file: it is a named pipe (FIFO), not a regular file; replace it with a regular file",
            "static/feed.txt:1:1: error: cannot copy 'static/feed.txt': it is a named pipe (FIFO), not a regular file; remove it",
        ])
    }

    @Test func aFolderWhereAFileMustBeGivesNoFoundationErrorText() throws {
        let source = try site()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try FileManager.default.removeItem(atPath: source + "/content/site.yml")
        try FileManager.default.createDirectory(atPath: source + "/content/site.yml", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: source + "/content/kpis/2026-Q1.yml", withIntermediateDirectories: true)
        let messages = check(source)
        #expect(messages.contains("content/site.yml:1:1: error: cannot read file: it is a folder, not a file"))
        #expect(!messages.joined().contains("NSCocoaErrorDomain"))
        #expect(throws: SourceFileError.isAFolder) { try LocalFileSystem().read(source + "/content/site.yml") }
    }

    @Test func aCollectionThatIsAFileOnDisk() throws {
        let source = try site()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try write("oops\n", to: source + "/content/guides")
        #expect(check(source) == [
            "content/guides:1:1: error: 'content/guides' is a file, but it must be a folder of '.md' files; rename the file or make it a folder",
        ])
        #expect(try LocalFileSystem().listFolder(source + "/missing") == nil)
        #expect(throws: SourceFileError.notAFolder) { try LocalFileSystem().listFolder(source + "/content/guides") }
    }

    @Test func aYAMLLinkToPasswdIsAnErrorAndEchoesNothing() throws {
        let source = try site()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try FileManager.default.createDirectory(atPath: source + "/content/kpis", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: source + "/content/kpis/catalog.yml", withDestinationPath: "/etc/passwd")
        // A link that stays inside the source is followed.
        try FileManager.default.createSymbolicLink(atPath: source + "/content/values/b.md", withDestinationPath: "a.md")
        let messages = check(source)
        #expect(messages == [
            "content/kpis/catalog.yml:1:1: error: 'content/kpis/catalog.yml' is a symbolic link to '/etc/passwd', outside the source folder; Engage follows links only within the source folder, so copy the file or folder in instead",
            // b.md is a.md under a second name.
            "content/values/b.md:2:8: warning: value 'b' has the same title as value 'a' (content/values/a.md): 'A'; lists and page titles cannot tell them apart, so give one of them another title",
        ])
        #expect(!messages.joined().contains("root:"))
    }

    @Test func templateAndStaticLinksOutsideAndLoops() throws {
        let source = try site()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let outside = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try write("<p>x</p>", to: outside + "/footer.mustache")
        try FileManager.default.createDirectory(atPath: source + "/templates", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: source + "/templates/footer.mustache", withDestinationPath: outside + "/footer.mustache")
        try FileManager.default.createDirectory(atPath: source + "/static/img", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: source + "/static/img/again", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: source + "/static/gone.png", withDestinationPath: "nowhere.png")
        let real = LocalFileSystem().realPath(outside) ?? outside
        #expect(check(source) == [
            "static/gone.png:1:1: error: 'static/gone.png' is a symbolic link to something that does not exist; remove it or make it point to a file inside the source folder",
            "static/img/again:1:1: error: 'static/img/again' is a symbolic link to a folder that contains it (a loop); remove the link",
            "templates/footer.mustache:1:1: error: 'templates/footer.mustache' is a symbolic link to '\(real)/footer.mustache', outside the source folder; Engage follows links only within the source folder, so copy the file or folder in instead",
        ])
    }

    @Test func unreadableFolderOnDiskWhenNotRoot() throws {
        guard getuid() != 0 else { return }   // root reads everything; the seam tests cover it
        let source = try site()
        defer {
            chmod(source + "/content/values", 0o755)
            try? FileManager.default.removeItem(atPath: source)
        }
        chmod(source + "/content/values", 0)
        #expect(check(source) == [
            "content/values:1:1: error: cannot read the folder 'content/values': permission denied, so its files would be left out; give read access (e.g. 'chmod u+rx content/values')",
        ])
    }
}
