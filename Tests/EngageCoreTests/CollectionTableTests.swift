import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource

/// The table in `Collections` is the only list of the Markdown collections: these tests check it
/// against the documented content model and that every part of loading treats all six alike.
@Suite struct CollectionTableTests {
    /// Front matter that decodes in each collection.
    static let minimal: [String: String] = [
        "values": "title: D\n",
        "pathways": "title: D\nlevels:\n  - id: l1\n    title: L1\n",
        "teams": "name: D\n",
        "programs": "title: D\n",
        "guides": "title: D\n",
        "pages": "title: D\n",
        "actions": "title: D\ngroup: organization\naddresses: { factor: F }\nopened: 2026-04-01\n",
    ]
    /// Other files a collection's minimal item needs (an action names a survey factor).
    static let needs: [String: [String: String]] = [
        "actions": ["src/content/surveys/2026-Q1.yml": "period: 2026-Q1\ntitle: Q\nquestions:\n  - { id: q, text: Q, factor: F }\nteams: {}\n"],
    ]

    @Test func everyDocumentedCollectionFolderIsInTheTableOnce() throws {
        let doc = try String(contentsOfFile: Fixture.repository + "/docs/content-model.md", encoding: .utf8)
        // The site layout block lists each collection as "    <folder>/<slug>.md".
        let documented = doc.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard let first = words.first, first.hasSuffix("/<slug>.md") else { return nil }
            return String(first.dropLast("/<slug>.md".count))
        }
        let folders = Collections.all.map(\.folder)
        #expect(folders == ["values", "pathways", "teams", "programs", "guides", "pages", "actions"])
        #expect(Set(folders).count == folders.count)
        #expect(Set(documented) == Set(folders))
        #expect(Set(Self.minimal.keys) == Set(folders))
        #expect(Set(folders).isDisjoint(with: Collections.dataFolders))
    }

    @Test func routesOfContentFilesComeFromTheTable() {
        for collection in Collections.all {
            #expect(collection.route("x-1") == "\(collection.folder)/x-1/")
            #expect(Collections.route(ofContentFile: "\(collection.folder)/x-1.md") == "\(collection.folder)/x-1/")
        }
        #expect(Collections.route(ofContentFile: "kpis/x.md") == nil)
        #expect(Collections.route(ofContentFile: "values/sub/x.md") == nil)
        #expect(Collections.route(ofContentFile: "values/x.txt") == nil)
        #expect(Route.value("a") == Collections.values.route("a"))
        #expect(Route.page("a") == Collections.pages.route("a"))
    }

    @Test func referenceKindsOfTheTable() {
        #expect(Collections.all.map(\.kind) == [.value, .pathway, .team, .program, nil, nil, nil])
    }

    @Test(arguments: ["values", "pathways", "teams", "programs", "guides", "pages", "actions"])
    func aDraftIsLeftOutAndALinkToItSaysSo(folder: String) throws {
        let files = [
            "src/content/\(folder)/d.md": "---\n\(Self.minimal[folder]!)draft: true\n---\nSecret.\n",
            "src/content/pages/linker.md": "---\ntitle: Linker\n---\nSee [it](/\(folder)/d.md).\n",
        ].merging(Self.needs[folder] ?? [:]) { a, _ in a }
        let result = load(files)
        #expect(result.messages == [
            "content/pages/linker.md:4:5: error: link '/\(folder)/d.md' points to a draft ('content/\(folder)/d.md' has 'draft: true'); build with --drafts, publish it, or remove the link",
        ])
        let withDrafts = load(files, drafts: true)
        #expect(withDrafts.messages == [])
        let site = try #require(withDrafts.site)
        let slugs: [String] = switch folder {
        case "values": site.values.map(\.slug)
        case "pathways": site.pathways.map(\.slug)
        case "teams": site.teams.map(\.slug)
        case "programs": site.programs.map(\.slug)
        case "guides": site.guides.map(\.slug)
        case "actions": site.actions.map(\.slug)
        default: site.pages.map(\.slug)
        }
        #expect(slugs.contains("d"))
        let page = try #require(site.pages.first { $0.slug == "linker" })
        #expect(page.body.html.contains("href=\"../../\(folder)/d/index.html\""))
    }

    @Test(arguments: ["values", "pathways", "teams", "programs", "guides", "pages", "actions"])
    func aLinkToAFileThatFailedToLoadIsNotAMissingFile(folder: String) {
        let field = folder == "teams" ? "name" : "title"
        let what = ["values": "value", "pathways": "pathway", "teams": "team", "programs": "program",
                    "guides": "guide", "pages": "page", "actions": "action"][folder]!
        let result = load([
            "src/content/\(folder)/broken.md": "---\n" + Self.minimal[folder]!.replacingOccurrences(of: "\(field): D", with: "summary: S") + "---\n",
            "src/content/pages/linker.md": "---\ntitle: Linker\n---\nSee [it](/\(folder)/broken.md).\n",
        ])
        #expect(result.messages == [
            "content/\(folder)/broken.md:2:1: error: \(what) 'broken' is missing the required field '\(field)'",
        ])
    }

    @Test func draftsNamedByOtherFilesAreReportedForEveryReferenceKind() {
        let files = [
            "src/content/values/v.md": "---\ntitle: V\ndraft: true\n---\n",
            "src/content/pathways/p.md": "---\ntitle: P\nlevels:\n  - id: l1\n    title: L1\ndraft: true\n---\n",
            "src/content/programs/m.md": "---\ntitle: M\ndraft: true\n---\n",
            "src/content/pathways/q.md": "---\ntitle: Q\nvalues: [v]\nlevels:\n  - id: l1\n    title: L1\n---\n",
            "src/content/teams/t.md": "---\nname: T\npathways: [p]\nprograms: [m]\n---\n",
        ]
        let note = "which is left out of this build (use --drafts to include drafts)"
        #expect(load(files).messages == [
            "content/pathways/q.md:3:10: warning: 'values' of pathway 'q' names the draft value 'v', \(note)",
            "content/teams/t.md:3:12: warning: 'pathways' of team 't' names the draft pathway 'p', \(note)",
            "content/teams/t.md:4:12: warning: 'programs' of team 't' names the draft program 'm', \(note)",
        ])
        #expect(load(files, drafts: true).messages == [])
    }

    @Test func theDraftRule() {
        #expect(LoadOptions().leavesOut(draft: true))
        #expect(!LoadOptions().leavesOut(draft: false))
        #expect(!LoadOptions(drafts: true).leavesOut(draft: true))
        #expect(!LoadOptions(drafts: true).leavesOut(draft: false))
    }
}

@Suite struct SuggestHintTests {
    @Test func oneWayToOfferACorrection() {
        #expect(Suggest.didYouMean("values") == "; did you mean 'values'?")
        #expect(Suggest.hint(for: "valeus", in: ["values", "teams"]) == "; did you mean 'values'?")
        #expect(Suggest.hint(for: "zzz", in: ["values", "teams"]) == "")
        #expect(Suggest.hint(for: "zzz", in: ["a1"], otherwise: "; known: a1") == "; known: a1")
        #expect(Suggest.hint(for: "img/lgo.png", in: ["img/logo.png"], shown: { "/\($0)" }) == "; did you mean '/img/logo.png'?")
    }

    @Test func headingIDsHaveTheirOwnName() {
        #expect(Slug.headingID("In practice") == "in-practice")
        #expect(Slug.headingID("  What's next?  ") == "what-s-next")
        var diagnostics = Diagnostics()
        let html = Markdown.render("## In practice\n", path: "p.md", diagnostics: &diagnostics) { _ in .keep }.html
        #expect(html.contains("<h2 id=\"in-practice\">"))
    }
}
