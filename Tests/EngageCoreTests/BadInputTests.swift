import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Issue 8, bad input: hostile YAML, unsafe settings, colliding addresses, and messages that must
/// point at the right place and say the real reason.
@Suite(.temporaryFolders) struct BadInputTests {
    func messages(_ files: [String: String], drafts: Bool = false) -> [String] {
        var all: [String: String] = [:]
        for (k, v) in files { all["src/" + k] = v }
        return load(all, drafts: drafts).messages
    }

    /// Nine levels of nine aliases ("billion laughs"), used as `use`.
    static func bomb(use: String) -> String {
        var lines = ["title: T", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for i in 1...9 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        return (lines + [use]).joined(separator: "\n") + "\n"
    }

    @Test func aliasBombAsAKeyFailsFast() {
        for use in ["? *a9\n: x", "b: *a9", "c: {? *a9 : x}"] {
            let start = ContinuousClock.now
            let result = messages(["content/site.yml": Self.bomb(use: use)])
            #expect(ContinuousClock.now - start < .seconds(10), "\(use)")
            #expect(result == [
                "content/site.yml:7:10: error: YAML aliases expand to more than 100000 values here ('*a4'); an alias may not be used to make a document this large",
            ], "\(use)")
        }
        // Through `engage check` as a whole.
        let start = ContinuousClock.now
        let fs = MemoryFileSystem(files: ["src/content/site.yml": Self.bomb(use: "? *a9\n: x")])
        let result = Engine(source: "src", fileSystem: fs).check()
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(result.diagnostics.map(\.description) == [
            "content/site.yml:7:10: error: YAML aliases expand to more than 100000 values here ('*a4'); an alias may not be used to make a document this large",
        ])
        #expect(!result.succeeded)
        // A smaller one, within the limit, used as a key: refused as a key.
        let small = "title: T\nb0: &b0 [x, x]\nb1: &b1 [*b0, *b0]\n? *b1\n: x\n"
        #expect(messages(["content/site.yml": small]) == [
            "content/site.yml:4:3: error: a mapping key must be a plain value (text or a number), found an alias to a list ('*b1'); write 'key: value' lines",
        ])
    }

    @Test func complexKeysAreRefused() {
        #expect(messages(["content/site.yml": "title: T\n? [a, b]\n: x\nl: &l [1]\n*l : y\n{k: v}: z\n"]) == [
            "content/site.yml:2:3: error: a mapping key must be a plain value (text or a number), found a list; write 'key: value' lines",
            "content/site.yml:5:1: error: a mapping key must be a plain value (text or a number), found an alias to a list ('*l'); write 'key: value' lines",
            "content/site.yml:6:1: error: a mapping key must be a plain value (text or a number), found a mapping; write 'key: value' lines",
        ])
        // A syntax error after such a problem is reported too, once, without "site.yml is empty".
        #expect(messages(["content/site.yml": "title: T\n? [a]\n: x\nz: [\n"]) == [
            "content/site.yml:2:3: error: a mapping key must be a plain value (text or a number), found a list; write 'key: value' lines",
            "content/site.yml:5:1: error: YAML syntax error: did not find expected node content (while parsing a flow node at line 5)",
        ])
        #expect(messages(["content/values/a.md": "---\ntitle: A\nsummary: *nowhere\n---\n"]) == [
            "content/values/a.md:3:10: error: unknown alias '*nowhere': no anchor '&nowhere' comes before it",
        ])
        // Ordinary anchors and aliases still work.
        let ok = load(["src/content/values/a.md": "---\ntitle: &t A\nsummary: *t\nbehaviours: &b [x, y]\n---\n"])
        #expect(ok.messages == [])
        #expect(ok.site?.values.first?.summary == "A")
    }

    @Test func duplicateKeysAtTheDuplicate() {
        #expect(messages(["content/values/a.md": "---\ntitle: A\nsummary: S\ntitle: B\n---\n"]) == [
            "content/values/a.md:4:1: error: duplicate key 'title' (first at line 2); each key may appear once in a mapping, and the first one is used",
        ])
        #expect(messages(["content/kpis/catalog.yml": "kpis:\n  - id: a\n    name: A\n    better: higher\n    name: B\n"]) == [
            "content/kpis/catalog.yml:5:5: error: duplicate key 'name' (first at line 3); each key may appear once in a mapping, and the first one is used",
        ])
    }

    @Test func siteSyntaxErrorIsNotAlsoEmpty() {
        #expect(messages(["content/site.yml": "title: [T\n"]) == [
            "content/site.yml:2:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 1)",
        ])
        #expect(messages(["content/site.yml": "# nothing\n"]) == [
            "content/site.yml:1:1: error: site.yml is empty; expected a mapping of fields",
        ])
    }

    @Test func editURLMustBeHTTPOrAPath() {
        #expect(messages(["content/site.yml": "title: T\nedit_url: 'javascript:alert(1)//'\n"]) == [
            "content/site.yml:2:11: error: 'edit_url' must be an address starting with 'https://' or 'http://', or a path starting with '/', found 'javascript:alert(1)//'",
        ])
        #expect(messages(["content/site.yml": "title: T\nedit_url: //evil.example/x\n"]) == [
            "content/site.yml:2:11: error: 'edit_url' must be an address starting with 'https://' or 'http://', or a path starting with '/', found '//evil.example/x'; write the scheme: 'https://evil.example/x'",
        ])
        #expect(messages(["content/site.yml": "title: T\nedit_url: edit/main\n"]) == [
            "content/site.yml:2:11: error: 'edit_url' must be an address starting with 'https://' or 'http://', or a path starting with '/', found 'edit/main'; did you mean '/edit/main'?",
        ])
        #expect(messages(["content/site.yml": "title: T\nedit_url: \"https://x/\\\" onclick=\\\"\"\n"]) == [
            "content/site.yml:2:11: error: 'edit_url' must be an address starting with 'https://' or 'http://', or a path starting with '/', found 'https://x/\" onclick=\"'; it may not contain spaces, quotes, '<', '>' or '\\'",
        ])
        for good in ["HTTPS://git.example/edit/main/", "http://git/x", "/edit/"] {
            let result = load(["src/content/site.yml": "title: T\nedit_url: \(good)\n"])
            #expect(result.messages == [], "\(good)")
            #expect(result.site?.config.editURL?.hasPrefix(good) == true)
        }
    }

    @Test func programComparisonAddressesCollide() {
        var files: [String: String] = [:]
        for slug in ["x", "x-vs-y", "y-vs-z", "z"] { files["content/programs/\(slug).md"] = "---\ntitle: \(slug.uppercased())\n---\n" }
        let message = "'programs/compare/x-vs-y-vs-z/' is produced by both the comparison of 'x' and 'y-vs-z' and the comparison of 'x-vs-y' and 'z'; rename one of the programs"
        #expect(messages(files) == ["x-vs-y", "x", "y-vs-z", "z"].map { "content/programs/\($0).md:1:1: error: \(message)" })
        // A draft does not make pages, so it does not collide (unless drafts are built).
        files["content/programs/z.md"] = "---\ntitle: Z\ndraft: true\n---\n"
        #expect(messages(files) == [])
        #expect(messages(files, drafts: true).count == 4)
    }

    @Test func collisionCheckIsGeneral() {
        let found = AddressCollisions.check([
            OutputAddress(path: "img/logo.png", origin: "static file 'img/logo.png'", files: ["static/img/logo.png"]),
            OutputAddress(path: "values/index.html", origin: "the values index"),
            OutputAddress(path: "values/index.html", origin: "static file 'values/index.html'", files: ["static/values/index.html"]),
            OutputAddress(path: "values", origin: "static file 'values'", files: ["static/values"]),
            OutputAddress(path: "IMG/logo.png", origin: "static file 'IMG/logo.png'", files: ["static/IMG/logo.png"]),
        ]).map(\.description).sorted()
        #expect(found == [
            "static/IMG/logo.png:1:1: error: 'IMG/logo.png' and 'img/logo.png' differ only in upper and lower case (one file on macOS and Windows disks), produced by static file 'IMG/logo.png' and static file 'img/logo.png'; rename one of them",
            "static/img/logo.png:1:1: error: 'IMG/logo.png' and 'img/logo.png' differ only in upper and lower case (one file on macOS and Windows disks), produced by static file 'IMG/logo.png' and static file 'img/logo.png'; rename one of them",
            "static/values/index.html:1:1: error: 'values/' is produced by both the values index and static file 'values/index.html'; rename one of them",
            "static/values:1:1: error: 'values' is needed both as a file and as a folder, by static file 'values' and the values index; rename one of them",
        ])
    }

    @Test func generatedAddressesMatchTheRenderedPages() throws {
        let source = try Fixture.copy("basic")
        defer { try? FileManager.default.removeItem(atPath: (source as NSString).deletingLastPathComponent) }
        let site = try #require(SiteLoader(source: source).load().site)
        let pages = SiteCatalog.pages(in: SiteData(site: site)).map(\.outputPath)
        let addresses = AddressCollisions.addresses(of: site).map(\.path)
        #expect(Set(addresses.filter { $0.hasSuffix(".html") }) == Set(pages))
        #expect(addresses.count == Set(addresses).count)
    }

    @Test func departmentSpellingAtTheOddOneOut() {
        let team = { (name: String) in "---\nname: \(name)\ndepartment: Patient Access\n---\n" }
        #expect(messages([
            "content/teams/a.md": team("A"),
            "content/teams/b.md": "---\nname: B\ndepartment: Patient access\n---\n",
            "content/teams/c.md": team("C"),
        ]) == [
            "content/teams/b.md:3:13: error: department 'Patient access' is written 'Patient Access' in 2 teams (first in content/teams/a.md); both would make the page departments/patient-access/; did you mean 'Patient Access'?",
        ])
        // A tie: the spelling of the first file by path wins.
        #expect(messages([
            "content/teams/b.md": "---\nname: B\ndepartment: Patient Access\n---\n",
            "content/teams/a.md": "---\nname: A\ndepartment: patient access\n---\n",
        ]) == [
            "content/teams/b.md:3:13: error: department 'Patient Access' is written 'patient access' in content/teams/a.md; both would make the page departments/patient-access/; did you mean 'patient access'?",
        ])
        // Different departments are not a clash.
        #expect(messages([
            "content/teams/a.md": "---\nname: A\ndepartment: Quality & Training\n---\n",
            "content/teams/b.md": "---\nname: B\ndepartment: Quality and Training\n---\n",
        ]) == [])
        #expect(messages([
            "content/teams/a.md": "---\nname: A\ndepartment: Quality & Training\n---\n",
            "content/teams/b.md": "---\nname: B\ndepartment: Quality  training\n---\n",
        ]) == [
            "content/teams/b.md:3:13: error: department 'Quality  training' is written 'Quality & Training' in content/teams/a.md; both would make the page departments/quality-training/; did you mean 'Quality & Training'?",
        ])
    }

    @Test func linkToAFileThatFailsToParseIsNotMissing() {
        #expect(messages([
            "content/values/a.md": "---\ntitle: A\n---\nSee [B](b.md) and [C](c.md).\n",
            "content/values/b.md": "---\ntitle: [B\n---\n",
        ]) == [
            "content/values/a.md:4:19: error: link 'c.md' points to a missing file 'content/values/c.md'; did you mean 'a.md'?",
            "content/values/b.md:3:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 2)",
        ])
    }

    /// A name of a file that is there but has errors of its own is not also "unknown" where it
    /// is used (the user would go and fix the right name); a misspelling of it is still
    /// reported, with the file's name as the suggestion.
    @Test func aNameOfAFileWithErrorsIsNotUnknown() {
        #expect(messages([
            "content/values/integrity.md": "---\nsummary: Doing what we say.\n---\n",
            "content/pathways/support.md": "---\ntitle: Support\nvalues: [integrity, integrety]\nlevels:\n  - {id: s1, title: Associate}\n---\n",
            "content/pathways/broken.md": "---\ntitle: Broken\nlevels: [\n---\n",
            "content/teams/alpha.md": "---\nname: Alpha\npathways: [broken, support, brokn]\n---\n",
        ]) == [
            "content/pathways/broken.md:4:1: error: YAML syntax error: did not find expected node content (while parsing a flow node at line 4)",
            "content/pathways/support.md:3:21: error: unknown value 'integrety' in 'values' of pathway 'support'; did you mean 'integrity'?",
            "content/teams/alpha.md:3:29: error: unknown pathway 'brokn' in 'pathways' of team 'alpha'; did you mean 'broken'?",
            "content/values/integrity.md:2:1: error: value 'integrity' is missing the required field 'title'",
        ])
    }

    /// libyaml names what it expected; the message says what the mistake most likely is, and a
    /// quote never closed is reported where it opens, not at the end of the front matter.
    @Test func yamlSyntaxErrorsSayTheLikelyMistake() {
        #expect(messages([
            "content/teams/a.md": "---\nname: A\nsummary: First-line support.\n  lead: Alex Morgan\n---\n",
            "content/teams/b.md": "---\nname: B\nsummary: \"First-line customer support.\nlead: Alex\nregion: EMEA\n---\n",
            "content/teams/c.md": "---\nname: C\n\tlead: Alex\n---\n",
            "content/teams/d.md": "---\nname: D\nlead: @alex\n---\n",
            "content/teams/e.md": "---\nname: E\nlead: Alex: the boss\n---\n",
            "content/teams/f.md": "---\nname: F\nlead:\n  name: Alex\n  role: Lead: support\n---\n",
            // The second field of a list item lines up with the first one after its '- '.
            "content/pathways/p.md": "---\ntitle: P\nlevels:\n  - id: a\n    title: Support: Associate\n---\n",
            "content/pathways/q.md": "---\ntitle: Q\nlevels:\n  - id: a\n      title: Associate\n---\n",
        ]) == [
            "content/pathways/p.md:5:19: error: YAML syntax error: mapping values are not allowed in this context; put quotes around a value that contains ': '",
            "content/pathways/q.md:5:12: error: YAML syntax error: mapping values are not allowed in this context; this line is indented more than the one above it: give the fields of one mapping the same indentation",
            "content/teams/a.md:4:7: error: YAML syntax error: mapping values are not allowed in this context; this line is indented more than the one above it: give the fields of one mapping the same indentation",
            "content/teams/b.md:3:10: error: YAML syntax error: the quote that opens here is never closed; end the value with the same quote mark",
            "content/teams/c.md:3:1: error: YAML syntax error: found a tab character that violates indentation (while scanning a plain scalar at line 2); indent with spaces, not tabs",
            "content/teams/d.md:3:7: error: YAML syntax error: found character that cannot start any token (while scanning for the next token at line 3); put quotes around a value that starts with '@'",
            "content/teams/e.md:3:11: error: YAML syntax error: mapping values are not allowed in this context; put quotes around a value that contains ': '",
            "content/teams/f.md:5:13: error: YAML syntax error: mapping values are not allowed in this context; put quotes around a value that contains ': '",
        ])
    }

    /// Two files of one kind with the same name: a warning on the later one (by slug), at its
    /// name; a team, a pathway and a value may share a name.
    @Test func twoFilesOfAKindWithOneNameAreWarnedAbout() {
        let pathway = "---\ntitle: Support\nlevels:\n  - {id: s1, title: Associate}\n---\n"
        #expect(messages([
            "content/teams/support.md": "---\nname: Support\n---\n",
            "content/teams/support-2.md": "---\nsummary: Copied.\nname:   Support\n---\n",
            "content/pathways/support.md": pathway,
            "content/values/support.md": "---\ntitle: Support\n---\n",
            "content/pages/leave.md": "---\ntitle: Leave\n---\n",
            "content/guides/leave-guide.md": "---\ntitle: Leave\n---\n",
        ]) == [
            "content/guides/leave-guide.md:2:8: warning: guide 'leave-guide' has the same title as page 'leave' (content/pages/leave.md): 'Leave'; lists and page titles cannot tell them apart, so give one of them another title",
            "content/teams/support-2.md:3:9: warning: team 'support-2' has the same name as team 'support' (content/teams/support.md): 'Support'; lists and page titles cannot tell them apart, so give one of them another name",
        ])
    }

    /// A required field written with nothing after it is reported where it is written; an
    /// empty front matter says which field a page starts with.
    @Test func emptyFieldsAndFrontMattersSayWhatGoesThere() {
        #expect(messages([
            "content/pathways/p.md": "---\ntitle: P\nsummary: S\nlevels:\n---\n",
            "content/values/a.md": "---\n---\nBody.\n",
        ]) == [
            "content/pathways/p.md:4:1: error: pathway 'p' has the required field 'levels' with nothing in it",
            "content/values/a.md:2:1: error: front matter is empty; expected a mapping of fields such as 'title: …' (a team's is 'name: …')",
        ])
    }

    /// What content/ holds beyond the content model is ignored with a warning that says where
    /// such files go.
    @Test func unknownContentEntriesSayWhereTheyGo() {
        #expect(messages([
            "content/policies/leave.md": "---\ntitle: Leave\n---\n",
            "content/faq.md": "---\ntitle: FAQ\n---\n",
            "content/valeus/a.md": "---\ntitle: A\n---\n",
        ]) == [
            "content/faq.md:1:1: warning: 'faq.md' is not part of the content model and is ignored; a page goes in content/pages/",
            "content/policies:1:1: warning: 'policies' is not part of the content model and is ignored; a folder of Markdown pages goes in content/pages/ (or content/guides/ for how-to guides)",
            "content/valeus:1:1: warning: 'valeus' is not part of the content model and is ignored; did you mean 'values'?",
        ])
    }

    @Test func unknownQuestionTypeIsOneError() {
        let survey = """
        period: 2026-Q1
        questions:
          - {id: rec, text: Recommend?, type: nps}
        teams:
          a: {invited: 10, responses: 8, answers: {rec: [0, 0, 0, 0, 0, 1, 1, 2, 2, 1, 1]}}
          b: {invited: 10, responses: 8, answers: {rec: [0, 0, 0, 0, 0, 1, 1, 2, 2, 1, 1]}}

        """
        #expect(messages(["content/surveys/2026-Q1.yml": survey,
                          "content/teams/a.md": "---\nname: A\n---\n", "content/teams/b.md": "---\nname: B\n---\n"]) == [
            "content/surveys/2026-Q1.yml:3:39: error: 'type' must be 'likert' (answers 1–5) or 'enps' (answers 0–10), found 'nps'; did you mean 'enps'?",
        ])
    }

    @Test func numbersSayTheRealReason() {
        func team(_ headcount: String) -> [String] {
            messages(["content/teams/a.md": "---\nname: A\nheadcount: \(headcount)\n---\n"])
        }
        #expect(team("1e15") == ["content/teams/a.md:3:12: error: 'headcount' is too large (1e15); whole numbers here go up to 1000000000"])
        #expect(team("2.5") == ["content/teams/a.md:3:12: error: 'headcount' must be a whole number, found 2.5"])
        #expect(team("0x10") == ["content/teams/a.md:3:12: error: 'headcount' must be a whole number, found '0x10'; write numbers in decimal (16)"])
        #expect(team("1,200") == ["content/teams/a.md:3:12: error: 'headcount' must be a whole number, found '1,200'; write numbers without thousands separators or decimal commas (e.g. 1200)"])
        #expect(team(".inf") == ["content/teams/a.md:3:12: error: 'headcount' must be a whole number, found '.inf'; write a finite number"])
        #expect(team("1_000") == [])
        #expect(team("1e3") == [])

        func cost(_ value: String) -> [String] {
            messages(["content/programs/p.md": "---\ntitle: P\ncost_per_employee: \(value)\n---\n"])
        }
        #expect(cost("1e15") == ["content/programs/p.md:3:20: error: 'cost_per_employee' is too large (1e15); numbers here go up to 1000000000000 (10^12)"])
        #expect(cost("nan") == ["content/programs/p.md:3:20: error: 'cost_per_employee' must be a number, found 'nan'; write a finite number"])
        #expect(cost("40%") == ["content/programs/p.md:3:20: error: 'cost_per_employee' must be a number, found '40%'; write it without '%' (40)"])
        #expect(cost("£40") == ["content/programs/p.md:3:20: error: 'cost_per_employee' must be a number, found '£40'; write the amount without its currency (40); 'currency' in content/site.yml says which it is"])
        #expect(cost("$150") == ["content/programs/p.md:3:20: error: 'cost_per_employee' must be a number, found '$150'; write the amount without its currency (150); 'currency' in content/site.yml says which it is"])
        #expect(cost("150.50 EUR") == ["content/programs/p.md:3:20: error: 'cost_per_employee' must be a number, found '150.50 EUR'; write the amount without its currency (150.5); 'currency' in content/site.yml says which it is"])
        #expect(cost("£1,200") == ["content/programs/p.md:3:20: error: 'cost_per_employee' must be a number, found '£1,200'; write the amount without its currency or thousands separators (1200); 'currency' in content/site.yml says which it is"])
        #expect(cost("€1.200") == ["content/programs/p.md:3:20: error: 'cost_per_employee' must be a number, found '€1.200'; write the amount as a plain number without its currency, with '.' for decimals and no thousands separators; 'currency' in content/site.yml says which it is"])
        #expect(cost("$1,2") == ["content/programs/p.md:3:20: error: 'cost_per_employee' must be a number, found '$1,2'; write the amount as a plain number without its currency, with '.' for decimals and no thousands separators; 'currency' in content/site.yml says which it is"])
        #expect(cost("lots") == ["content/programs/p.md:3:20: error: 'cost_per_employee' must be a number, found 'lots'"])
        #expect(cost(".5") == [])
        #expect(cost("1e400") == ["content/programs/p.md:3:20: error: 'cost_per_employee' is too large (1e400); numbers here go up to 1000000000000 (10^12)"])
    }

    @Test func quotedBooleansAreText() {
        #expect(messages(["content/values/a.md": "---\ntitle: A\ndraft: \"yes\"\n---\n"]) == [
            "content/values/a.md:3:8: error: 'draft' must be true or false, found the text 'yes'; write true without quotes",
        ])
        #expect(messages(["content/site.yml": "title: T\nunsafe_html: 'false'\n"]) == [
            "content/site.yml:2:14: error: 'unsafe_html' must be true or false, found the text 'false'; write false without quotes",
        ])
        #expect(messages(["content/kpis/catalog.yml": "kpis:\n  - {id: a, name: A, better: higher, key: maybe}\n"]) == [
            "content/kpis/catalog.yml:2:43: error: 'key' must be true or false, found 'maybe'",
        ])
        // Unquoted YAML 1.1 words stay booleans.
        let draft = load(["src/content/values/a.md": "---\ntitle: A\ndraft: yes\n---\n", "src/content/values/b.md": "---\ntitle: B\ndraft: False\n---\n"])
        #expect(draft.messages == [])
        #expect(draft.site?.values.map(\.slug) == ["b"])
    }
}
