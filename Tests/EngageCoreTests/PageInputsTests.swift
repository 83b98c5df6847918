import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageCore

/// Each page knows its inputs: the pages a changed source file can affect are predicted exactly,
/// and no page whose HTML changes is missing from the prediction.
@Suite(.temporaryFolders) struct PageInputsTests {
    /// Every page's HTML by its address.
    static func renderedPages(_ source: String) throws -> [String: String] {
        var timings = Timings()
        let built = Engine(source: source).render(timings: &timings)
        let files = try #require(built.files, "\(built.diagnostics)")
        let site = try #require(SiteLoader(source: source).load().site)
        var byPath: [String: Data] = [:]
        for file in files { byPath[file.path] = file.data }
        var pages: [String: String] = [:]
        for page in SiteCatalog.pages(in: SiteData(site: site)) {
            pages[page.address] = byPath[page.outputPath].map { String(decoding: $0, as: UTF8.self) }
        }
        return pages
    }

    static func affected(_ path: String, in source: String) throws -> Set<String> {
        let site = try #require(SiteLoader(source: source).load().site)
        return SiteCatalog.affectedPages(by: path, in: SiteData(site: site))
    }

    @Test func aTeamFileAffectsExactlyThesePages() throws {
        let source = try Fixture.copy("basic")
        defer { try? FileManager.default.removeItem(atPath: (source as NSString).deletingLastPathComponent) }
        let affected = try Self.affected("content/teams/alpha.md", in: source)
        // Not: values, pathway levels, guides, free pages, the pages index, 404.
        // Its department, the teams index and home list it; its pathway's page lists it (a team
        // that starts naming a pathway is in that page's inputs after the change); program pages
        // list their enrolled teams (any team file can add itself); other team pages show
        // survey figures that complementary suppression ties to every team; KPI and survey pages
        // roll teams up. Not affected: values, the pathways index, levels, guides, free pages,
        // the pages index and 404.
        #expect(affected == [
            "", "teams/", "teams/alpha/", "teams/beta/", "teams/gamma/", "departments/customer-care/",
            "pathways/support/",
            "programs/", "programs/coaching/", "programs/mentoring/", "programs/compare/coaching-vs-mentoring/",
            "kpis/", "kpis/aht/", "kpis/csat/", "kpis/turnover/", "surveys/", "surveys/2026-Q2/",
        ])
    }

    @Test func aFreePageAffectsEveryPageThroughTheFooter() throws {
        let source = try Fixture.copy("basic")
        defer { try? FileManager.default.removeItem(atPath: (source as NSString).deletingLastPathComponent) }
        let site = try #require(SiteLoader(source: source).load().site)
        let all = Set(SiteCatalog.pages(in: SiteData(site: site)).map(\.address))
        #expect(try Self.affected("content/pages/about.md", in: source) == all)
        #expect(try Self.affected("content/site.yml", in: source) == all)
    }

    @Test func aValueFileAffectsItsValuePagesAndThePathwaysNamingIt() throws {
        let source = try Fixture.copy("basic")
        defer { try? FileManager.default.removeItem(atPath: (source as NSString).deletingLastPathComponent) }
        let affected = try Self.affected("content/values/care.md", in: source)
        #expect(affected.contains("") && affected.contains("values/") && affected.contains("values/care/") && affected.contains("values/integrity/"))
        #expect(!affected.contains("teams/alpha/"))
        #expect(!affected.contains("kpis/"))
    }

    /// The real proof: render, change one team file, render again; every page whose HTML changed
    /// must have been predicted, by the inputs before or after the change (as an incremental
    /// build reads them).
    @Test(arguments: [
        ("body", "Alpha answers the phones.", "Alpha answers the phones and the letters."),
        ("department", "department: Customer Care", "department: Operations"),
        ("headcount", "headcount: 12", "headcount: 3"),
        ("name", "name: Alpha Support", "name: Zeta Support"),
        ("programs", "programs: [mentoring]", "programs: [coaching]"),
        ("pathways", "pathways: [support]", "pathways: [support, lead]"),
        ("no pathways", "pathways: [support]", "pathways: []"),
    ])
    func everyChangedPageWasPredicted(change: String, old: String, new: String) throws {
        let source = try Fixture.copy("basic")
        defer { try? FileManager.default.removeItem(atPath: (source as NSString).deletingLastPathComponent) }
        let path = "content/teams/alpha.md"
        let predicted = try Self.affected(path, in: source)
        let before = try Self.renderedPages(source)
        let file = (source as NSString).appendingPathComponent(path)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
        let after = try Self.renderedPages(source)
        let predictedAfter = try Self.affected(path, in: source)
        let changed = Set(before.keys.filter { before[$0] != after[$0] })
        #expect(changed.contains("teams/alpha/"), "\(change)")
        let either = predicted.union(predictedAfter)
        #expect(changed.subtracting(either).isEmpty, "\(change): changed but not predicted: \(changed.subtracting(either).sorted())")
    }

    /// The same for a body edit of every Markdown file of the fixture.
    @Test func everyMarkdownEditIsPredicted() throws {
        let source = try Fixture.copy("basic")
        defer { try? FileManager.default.removeItem(atPath: (source as NSString).deletingLastPathComponent) }
        let content = (source as NSString).appendingPathComponent("content")
        let files = (FileManager.default.enumerator(atPath: content)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".md") }.sorted()
        #expect(files.count >= 10)
        for name in files {
            let path = "content/" + name
            let predicted = try Self.affected(path, in: source)
            let before = try Self.renderedPages(source)
            let file = (source as NSString).appendingPathComponent(path)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try (text + "\nOne more paragraph.\n").write(toFile: file, atomically: true, encoding: .utf8)
            let after = try Self.renderedPages(source)
            let changed = Set(before.keys.filter { before[$0] != after[$0] })
            #expect(changed.subtracting(predicted).isEmpty, "\(path): changed but not predicted: \(changed.subtracting(predicted).sorted())")
        }
    }

    /// `ReportKey.isAffected(by:)` answers as the key's inputs do (it skips making them).
    @Test func aReportKeyIsAffectedAsItsInputsSay() {
        let keys: [ReportKey] = [.relations, .kpiValues, .kpiRollUps, .programImpacts, .surveys, .survey("2026-Q2"), .survey("2025-Q4")]
        let paths = ["content/site.yml", "content/surveys/2026-Q2.yml", "content/surveys/2026-Q3.yml", "content/surveys/2025-Q4.yml", "content/kpis/catalog.yml"]
            + ContentFolder.allCases.flatMap { [$0.path + "x.md", $0.path + "2026-Q2.yml"] } + ["content/teamsx/a.md", "templates/page.mustache"]
        for key in keys {
            for path in paths { #expect(key.isAffected(by: path) == key.inputs.isAffected(by: path), "\(key) \(path)") }
        }
        for folder in ContentFolder.allCases { #expect(folder.path == "content/\(folder.rawValue)/") }
    }

    /// `Route.prefix` counts folders on bytes: the same as splitting the route on "/".
    @Test func aRoutePrefixHasOneStepUpPerFolder() {
        var rng = SplitMix64(state: 7)
        let parts = ["", "/", "//", "a", "teams", "é", "x y", "a/b", "/a/", "pages/"]
        for _ in 0..<500 {
            let route = (0..<Int.random(in: 0..<6, using: &rng)).map { _ in parts[Int.random(in: 0..<parts.count, using: &rng)] }.joined()
            #expect(Route.prefix(route) == String(repeating: "../", count: route.split(separator: "/").count), "\(route)")
        }
    }
}
