import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageCore

/// Links to what a build makes besides the content's pages (the theme's files, the page of
/// changes in git) are links to the site, written relatively or from the site's root; and a
/// name in a collection folder that is not a file is no page.
@Suite(.temporaryFolders) struct MadeFileLinkTests {
    static let links = "---\ntitle: Links\n---\nThe [style](../../assets/style.css), [from the root](/assets/style.css) and [changes](../../changes/).\n"

    @Test func theThemesFilesAndTheChangesPageInGitAreLinkable() throws {
        let repo = try TempRepo()
        try FileManager.default.removeItem(atPath: repo.root + "/.git")
        try Starter.create(at: repo.root)
        try repo.git("init", "-q")
        try write(Self.links, to: repo.root + "/content/pages/links.md")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Start")
        let result = Engine(source: repo.root).build()
        #expect(result.diagnostics.map(\.description) == [])
        let page = read(repo.root + "/site/pages/links/index.html")
        #expect(page.contains("<a href=\"../../changes/\">changes</a>"))
        #expect(FileManager.default.fileExists(atPath: repo.root + "/site/changes/index.html"))
        #expect(FileManager.default.fileExists(atPath: repo.root + "/site/assets/style.css"))
    }

    /// Outside git there is no page of changes, and a link to it is an error.
    @Test func withoutGitTheChangesPageIsNoPage() throws {
        let source = try Fixture.copy("basic")
        try write(Self.links, to: source + "/content/pages/links.md")
        let result = Engine(source: source).build()
        #expect(result.diagnostics.map(\.description) == [
            "content/pages/links.md:4:77: error: link '../../changes/' leads from this page to '/changes/', which is no page or file of the site",
        ])
    }

    /// A folder named like a page (`ghost.md`) is not read (a warning), and a team naming it
    /// names an unknown program.
    @Test func aFolderNamedLikeAPageIsNoPage() throws {
        let source = try Fixture.copy("basic")
        try FileManager.default.createDirectory(atPath: source + "/content/programs/ghost.md", withIntermediateDirectories: true)
        let team = source + "/content/teams/alpha.md"
        try write(read(team).replacingOccurrences(of: "programs: [mentoring]", with: "programs: [mentoring, ghost]"), to: team)
        let messages = Engine(source: source).check().diagnostics.map(\.description)
        #expect(messages.contains { $0.hasSuffix("error: unknown program 'ghost' in 'programs' of team 'alpha'; known: mentoring") || $0.contains("unknown program 'ghost'") })
    }
}
