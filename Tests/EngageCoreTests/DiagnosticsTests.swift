import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// One test per kind of mistake: the exact message and position a user sees.
@Suite(.temporaryFolders) struct DiagnosticsTests {
    func messages(_ files: [String: String], drafts: Bool = false) -> [String] {
        var all: [String: String] = [:]
        for (k, v) in files { all["src/" + k] = v }
        return load(all, drafts: drafts).messages
    }

    /// The diagnostics of an inline site (see InlineSite).
    func messages(site: String, drafts: Bool = false) -> [String] {
        InlineSite(site).load(drafts: drafts).messages
    }

    @Test func yamlSyntaxError() {
        #expect(messages(["content/values/a.md": "---\ntitle: A\nsummary: [unclosed\n---\n"]) == [
            "content/values/a.md:4:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 3)",
        ])
        #expect(messages(["content/values/a.md": "---\ntitle: A\n\tsummary: tab\n---\n"]).first?.hasPrefix("content/values/a.md:3:") == true)
    }

    @Test func wrongTypes() {
        #expect(messages(["content/teams/a.md": "---\nname: A\nheadcount: 12 people\npathways: {x: 1}\n---\n"]) == [
            "content/teams/a.md:3:12: error: 'headcount' must be a whole number, found '12 people'",
            "content/teams/a.md:4:11: error: 'pathways' must be a list of text items, found a mapping",
        ])
        #expect(messages(["content/kpis/catalog.yml": "kpis:\n  csat: {name: CSAT}\n"]) == [
            "content/kpis/catalog.yml:2:3: error: 'kpis' must be a list, found a mapping",
        ])
        #expect(messages(["content/site.yml": "- title: A\n"]) == [
            "content/site.yml:1:1: error: site.yml must be a mapping (key: value lines), found a list",
        ])
    }

    @Test func missingRequiredFields() {
        #expect(messages(site: """
            -- content/site.yml --
            organization: X
            -- content/pages/a.md --
            ---
            summary: S
            ---
            """) == [
            "content/pages/a.md:2:1: error: page 'a' is missing the required field 'title'",
            "content/site.yml:1:1: error: site.yml is missing the required field 'title'",
        ])
        #expect(messages(["content/pathways/p.md": "---\ntitle: P\n---\n"]) == [
            "content/pathways/p.md:2:1: error: pathway 'p' is missing the required field 'levels'",
        ])
    }

    @Test func unknownFieldsWarnWithASuggestion() {
        let result = load(["src/content/values/a.md": "---\ntitle: A\nbehaviors: [x]\ncolour: red\n---\n"])
        #expect(result.messages == [
            "content/values/a.md:3:1: warning: unknown field 'behaviors' in value 'a'; did you mean 'behaviours'?",
            "content/values/a.md:4:1: warning: unknown field 'colour' in value 'a'; known fields: title, summary, order, behaviours, draft",
        ])
        #expect(!result.hasErrors, "warnings alone do not fail")
        #expect(result.site != nil)
    }

    @Test func duplicateIDs() {
        let pathway = "---\ntitle: P\nlevels:\n  - {id: a, title: A}\n  - {id: a, title: B}\ncompetencies:\n  - {id: k, name: K}\n  - {id: k, name: L}\n---\n"
        #expect(messages(["content/pathways/p.md": pathway]) == [
            "content/pathways/p.md:5:10: error: duplicate level id 'a' in pathway 'p'; each level needs its own id",
            "content/pathways/p.md:8:10: error: duplicate competency id 'k' in pathway 'p'; each competency needs its own id",
        ])
        #expect(messages(["content/values/a.md": "---\ntitle: A\ntitle: B\n---\n"]).first?.contains("duplicate key 'title'") == true)
    }

    @Test func badSlugs() {
        #expect(messages(["content/teams/Support Team.md": "---\nname: S\n---\n", "content/values/_x.md": "---\ntitle: X\n---\n"]) == [
            "content/teams/Support Team.md:1:1: error: invalid slug 'Support Team': a file name must use only lowercase letters, digits and '-' and start with a letter or digit; rename the file to 'support-team.md'",
            "content/values/_x.md:1:1: error: invalid slug '_x': a file name must use only lowercase letters, digits and '-' and start with a letter or digit; rename the file to 'x.md'",
        ])
        // Not to a name that is taken.
        #expect(messages(["content/teams/Support.md": "---\nname: S\n---\n", "content/teams/support.md": "---\nname: T\n---\n",
                          "content/teams/support-2.md": "---\nname: U\n---\n"]) == [
            "content/teams/Support.md:1:1: error: invalid slug 'Support': a file name must use only lowercase letters, digits and '-' and start with a letter or digit; 'support.md' is taken, so rename the file to 'support-3.md' (or merge the two)",
        ])
        #expect(messages(["content/pathways/p.md": "---\ntitle: P\nlevels:\n  - {id: Level 1, title: A}\n---\n"]) == [
            "content/pathways/p.md:4:10: error: invalid level id 'Level 1': use lowercase letters, digits and '-'; did you mean 'level-1'?",
        ])
    }

    @Test func invalidUTF8() throws {
        let dir = Fixture.temporaryDirectory()
        try write("title: T\n", to: dir + "/content/site.yml")
        try FileManager.default.createDirectory(atPath: dir + "/content/values", withIntermediateDirectories: true)
        try Data(Array("---\ntitle: Caf".utf8) + [0xC3, 0x28] + Array("\n---\n".utf8)).write(to: URL(fileURLWithPath: dir + "/content/values/a.md"))
        #expect(SiteLoader(source: dir).load().messages == [
            "content/values/a.md:2:11: error: file is not valid UTF-8 (byte 0xC3); save it with UTF-8 encoding",
        ])
    }

    @Test func emptyFilesAndMissingFrontMatter() {
        #expect(messages(["content/values/a.md": "", "content/values/b.md": "# Title\n", "content/values/c.md": "---\ntitle: C\n",
                          "content/surveys/2026-Q1.yml": "\n"]) == [
            "content/surveys/2026-Q1.yml:1:1: error: file is empty",
            "content/values/a.md:1:1: error: file is empty; a page starts with front matter: a line '---', fields such as 'title: …', and another line '---'",
            "content/values/b.md:1:1: error: missing front matter: the first line must be exactly '---', followed by YAML fields and another '---' line",
            "content/values/c.md:1:1: error: front matter is not closed: add a line that is exactly '---' after the YAML fields",
        ])
    }

    @Test func dates() {
        #expect(messages(["content/programs/p.md": "---\ntitle: P\nstarted: 15/01/2026\n---\n"]) == [
            "content/programs/p.md:3:10: error: 'started' must be a date written YYYY-MM-DD (e.g. 2026-01-15), found '15/01/2026'",
        ])
        #expect(messages(["content/programs/p.md": "---\ntitle: P\nstarted: 2026-02-30\n---\n"]).count == 1)
        #expect(messages(["content/programs/p.md": "---\ntitle: P\nstarted: 2024-02-29\n---\n"]).isEmpty, "a leap day")
    }

    @Test func movesToUnknownPathwaysAndLevels() {
        #expect(messages(site: """
            -- content/pathways/support.md --
            ---
            title: S
            levels:
              - {id: s1, title: A}
            moves:
              - to: leed
              - to: lead
                from_level: s2
                to_level: l9
            ---
            -- content/pathways/lead.md --
            ---
            title: L
            levels:
              - {id: l1, title: A}
            ---
            """) == [
            "content/pathways/support.md:6:9: error: unknown pathway 'leed' in 'to' of move 1 of pathway 'support'; did you mean 'lead'?",
            "content/pathways/support.md:8:17: error: unknown level 's2' in 'from_level' of move 2 of pathway 'support'; did you mean 's1'?",
            "content/pathways/support.md:9:15: error: unknown level of pathway 'lead' 'l9' in 'to_level' of move 2 of pathway 'support'; did you mean 'l1'?",
        ])
    }

    @Test func unknownReferencesSuggestTheClosestName() {
        let site = """
            -- content/values/customer-obsessed.md --
            ---
            title: C
            ---
            -- content/pathways/customer-support.md --
            ---
            title: S
            values: [customer-obssessed]
            levels:
              - {id: s1, title: A}
            ---
            -- content/programs/mentoring.md --
            ---
            title: M
            ---
            -- content/teams/a.md --
            ---
            name: A
            pathways: [custmer-support]
            programs: [mentorin]
            ---
            """
        #expect(messages(site: site) == [
            "content/pathways/customer-support.md:3:10: error: unknown value 'customer-obssessed' in 'values' of pathway 'customer-support'; did you mean 'customer-obsessed'?",
            "content/teams/a.md:3:12: error: unknown pathway 'custmer-support' in 'pathways' of team 'a'; did you mean 'customer-support'?",
            "content/teams/a.md:4:12: error: unknown program 'mentorin' in 'programs' of team 'a'; did you mean 'mentoring'?",
        ])
    }

    @Test func referencesToDraftsWarn() {
        let site = """
            -- content/programs/m.md --
            ---
            title: M
            draft: true
            ---
            -- content/teams/a.md --
            ---
            name: A
            programs: [m]
            ---
            """
        #expect(messages(site: site) == ["content/teams/a.md:3:12: warning: 'programs' of team 'a' names the draft program 'm', which is left out of this build (use --drafts to include drafts)"])
        #expect(messages(site: site, drafts: true).isEmpty)
    }

    @Test func everyErrorOfTheRunIsReportedSorted() {
        let result = InlineSite("""
            -- content/values/b.md --
            ---
            title: [x
            ---
            -- content/values/a.md --
            ---
            order: x
            ---
            -- content/teams/t.md --
            ---
            name: T
            headcount: -1
            ---
            """).load()
        #expect(result.messages == [
            "content/teams/t.md:3:12: error: 'headcount' must be at least 0, found -1",
            "content/values/a.md:2:1: error: value 'a' is missing the required field 'title'",
            "content/values/a.md:2:8: error: 'order' must be a whole number, found 'x'",
            result.messages.last ?? "",
        ])
        #expect(result.messages.last?.hasPrefix("content/values/b.md:") == true)
        #expect(result.site == nil)
    }

    @Test func hugeNumbersAreRefusedNotOverflowed() {
        #expect(messages(["content/teams/a.md": "---\nname: A\nheadcount: 99999999999999999999\n---\n"]) == [
            "content/teams/a.md:3:12: error: 'headcount' is too large (99999999999999999999); whole numbers here go up to 1000000000",
        ])
        #expect(messages(["content/teams/a.md": "---\nname: A\nheadcount: 5000000000\n---\n"]) == [
            "content/teams/a.md:3:12: error: 'headcount' is too large (5000000000); whole numbers here go up to 1000000000",
        ])
    }

    @Test func templateErrors() throws {
        let source = try Fixture.copy("basic")
        try write("{{<layout}}{{$content}}{{> team-card}}{{/content}}{{/layout}}\n", to: source + "/templates/team.mustache")
        try write("{{#a}}\n{{> page}}\n{{/a}}\n", to: source + "/templates/page.mustache")
        let result = Engine(source: source).build()
        #expect(result.diagnostics.map(\.description) == [
            "templates/team.mustache:1:24: error: template names the partial 'team-card', but there is no template 'team-card.mustache'",
        ])
        try write("{{<layout}}{{$content}}{{/content}}{{/layout}}\n", to: source + "/templates/team.mustache")
        let loop = Engine(source: source).build()
        #expect(loop.diagnostics.map(\.description) == [
            "templates/page.mustache:2:1: error: templates include each other in a loop: page → page; a template may not include itself",
        ])
        #expect(!FileManager.default.fileExists(atPath: source + "/site"), "nothing written")
    }
}
