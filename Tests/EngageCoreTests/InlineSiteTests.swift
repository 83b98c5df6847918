import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// The test support itself: inline sites, `read`, temporary folders.
@Suite(.temporaryFolders) struct InlineSiteTests {
    @Test func filesRunToTheNextMarkerLine() {
        let (files, comment) = InlineSite.parse("""
            A comment.
            -- content/site.yml --
            title: Test
            -- content/values/empty.md --
            -- content/values/a.md --
            ---
            title: A
            ---

            Body -- not a marker --
            """)
        #expect(comment == "A comment.\n")
        #expect(files == [
            "content/site.yml": "title: Test\n",
            "content/values/empty.md": "",
            "content/values/a.md": "---\ntitle: A\n---\n\nBody -- not a marker --\n",
        ])
        #expect(InlineSite.parse("-- a --\nx\n\n").files == ["a": "x\n\n"], "a final empty line is kept")
    }

    @Test func aSiteFileIsAddedUnlessGivenOrRefused() {
        #expect(InlineSite("-- content/values/a.md --\n---\ntitle: A\n---\n").files["content/site.yml"] == "title: Test\n")
        #expect(InlineSite("-- content/site.yml --\ntitle: Mine\n").files["content/site.yml"] == "title: Mine\n")
        #expect(InlineSite("-- content/values/a.md --\n---\ntitle: A\n---\n", siteFile: false).files["content/site.yml"] == nil)
    }

    @Test func loadsChecksAndRendersInMemory() {
        let site = InlineSite("""
            -- content/site.yml --
            title: Inline Hub
            -- content/teams/a.md --
            ---
            name: A
            headcount: many
            ---
            """)
        #expect(site.load().messages == ["content/teams/a.md:3:12: error: 'headcount' must be a whole number, found 'many'"])
        #expect(site.check().diagnostics.map(\.description) == site.load().messages)
        let rendered = site.render()
        #expect(!rendered.succeeded)
        #expect(rendered.messages == site.load().messages)

        var fixed = site
        fixed.files["content/teams/a.md"] = "---\nname: A\nheadcount: 3\n---\n"
        let good = fixed.render()
        #expect(good.messages == [])
        #expect(good.page("teams/a/").contains("<h1>A</h1>"))
        #expect(good.page("index.html").contains("<title>Inline Hub</title>"))
        #expect(!good.has("teams/b/index.html"))
    }

    @Test func buildWritesToATemporaryFolder() throws {
        let (source, output, result) = try InlineSite("-- content/values/a.md --\n---\ntitle: A\n---\nHello.\n").build()
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(source.contains("/engage-tests-"))
        #expect(read(source + "/content/site.yml") == "title: Test\n")
        #expect(read(output + "/values/a/index.html").contains("<p>Hello.</p>"))
    }

    @Test func readFailsOnAMissingFile() {
        let dir = Fixture.temporaryDirectory()
        withKnownIssue("a missing file is a failure, not \"\"") {
            _ = read(dir + "/nothing.html")
        }
        withKnownIssue("a missing folder is a failure, not an empty snapshot") {
            _ = snapshot(dir + "/nothing")
        }
        #expect(readIfPresent(dir + "/nothing.html") == nil)
        #expect(!exists(dir + "/nothing.html"))
        #expect(exists(dir))
    }

    @Test func temporaryFoldersAreRemovedWhenTheTestEnds() throws {
        let registry = TemporaryFolderRegistry()
        let (plain, locked) = TemporaryFoldersTrait.$registry.withValue(registry) {
            (Fixture.temporaryDirectory(), Fixture.temporaryDirectory())
        }
        try write("x", to: plain + "/a/b.txt")
        try write("x", to: locked + "/inner/c.txt")
        chmod(locked + "/inner", 0)
        #expect(exists(plain) && exists(locked))
        registry.removeAll()
        #expect(!exists(plain))
        #expect(!exists(locked), "a folder a test made unreadable is removed too")
    }

    @Test func aFolderMadeOutsideTheTraitFailsTheTest() {
        var made = ""
        withKnownIssue("outside a '.temporaryFolders' suite nothing would remove the folder") {
            TemporaryFoldersTrait.$registry.withValue(nil) { made = Fixture.temporaryDirectory() }
        }
        TemporaryFolderRegistry.remove(made)
        #expect(!exists(made))
    }
}
