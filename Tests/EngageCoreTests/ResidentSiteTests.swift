import Foundation
import Testing
@testable import EngageModel
@testable import EngageRender
@testable import EngageSource
@testable import EngageOutput
@testable import EngageCore

/// `engage serve`'s body-only rebuilds (`ResidentSite`): after an edit below the front matter,
/// the served files with the update laid over them are byte for byte a clean build's, and so
/// are the diagnostics; anything else falls back to the ordinary build.
@Suite(.temporaryFolders) struct ResidentSiteTests {
    /// A build that keeps the site, as serve runs it.
    static func residentBuild(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> ResidentSite? {
        var engine = Engine(source: source)
        engine.keepResident = true
        let result = engine.build()
        #expect(result.succeeded, "\(result.diagnostics)", sourceLocation: sourceLocation)
        #expect(result.resident != nil, sourceLocation: sourceLocation)
        return result.resident
    }

    static func cleanDiagnostics(_ source: String) -> [Diagnostic] {
        var engine = Engine(source: source, output: Fixture.temporaryDirectory() + "/clean-diagnostics")
        engine.cacheFolder = nil
        return engine.build().diagnostics
    }

    /// The served folder with `overlay` laid over it, bookkeeping files left out.
    static func view(_ source: String, _ overlay: [String: Data]) -> [String: Data] {
        var files = snapshot(source + "/site").filter { !$0.key.hasPrefix(".engage") }
        for (path, data) in overlay { files[path] = data == Data("<removed>".utf8) ? nil : data }
        return files
    }

    /// Paths whose bytes differ (or that only one side has), bookkeeping files left out.
    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { !$0.hasPrefix(".engage") && a[$0] != b[$0] }.sorted()
    }

    static func apply(_ resident: ResidentSite, _ paths: Set<String>, _ source: String) -> Result<ResidentSite.Update, ResidentSite.Fallback> {
        resident.applyBodyEdits(paths, stamp: Engine(source: source).externalStamp(), source: source)
    }

    @Test(arguments: [1, 2, 3, 4])
    func bodyEditsMatchACleanBuild(seed: UInt64) throws {
        let source = try Fixture.copy("basic")
        var resident = try #require(Self.residentBuild(source))
        var overlay: [String: Data] = [:]
        var rng = SplitMix64(state: seed)
        func next(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
        let markdown = ["guides/check-in.md", "pages/about.md", "pathways/lead.md", "pathways/support.md", "programs/coaching.md",
                        "programs/mentoring.md", "teams/alpha.md", "teams/beta.md", "teams/gamma.md", "values/care.md", "values/integrity.md"]
        let additions = [
            "\nA new paragraph about zyxwords and quokkas.\n",
            "\n## A heading number %d\n\nWith text under it.\n",
            "\nSee [Care](../values/care.md) and [the lead path](../pathways/lead.md).\n",
            "\n- a list item\n- another *item* with `code`\n",
            "\nAn [outside link](https://example.org/x) and **bold** words.\n",
            "\n# Second top heading %d\n",
        ]
        var fast = 0, fallbacks = 0
        for round in 0..<14 {
            let path = "content/" + markdown[next(markdown.count)]
            let file = source + "/" + path
            if next(4) == 0, let text = try? read(file), let cut = text.range(of: "\n", options: .backwards, range: text.index(text.startIndex, offsetBy: text.count / 2)..<text.endIndex) {
                try write(String(text[..<cut.lowerBound]) + "\n", to: file)   // the body's end cut off (front matter kept)
            } else {
                try IncrementalBuildTests.edit(file) { $0 + String(format: additions[next(additions.count)], round) }
            }
            switch Self.apply(resident, [path], source) {
            case .success(let update):
                fast += 1
                for file in update.files { overlay[file.path] = file.data }
                for path in update.removed { overlay[path] = Data("<removed>".utf8) }
                #expect(update.diagnostics == Self.cleanDiagnostics(source), "seed \(seed) round \(round)")
            case .failure:
                fallbacks += 1
                guard let rebuilt = Self.residentBuild(source) else { return }
                resident = rebuilt
                overlay = [:]
            }
            #expect(Self.differences(Self.view(source, overlay), IncrementalBuildTests.cleanBuild(source)) == [], "seed \(seed) round \(round) \(path)")
        }
        #expect(fast > 0)
    }

    @Test func aFreePageBodyEditRendersThatPageAlone() throws {
        let source = try Fixture.copy("basic")
        let resident = try #require(Self.residentBuild(source))
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0 + "\nQuokkas are new here.\n" }
        let update = try Self.apply(resident, ["content/pages/about.md"], source).get()
        #expect(update.rendered == 1)
        let paths = update.files.map(\.path)
        #expect(paths.first == "pages/about/index.html" && !paths.contains("pages/index.html"))
        #expect(paths.contains("search-index.json") && paths.contains("search/t-qu.js") && update.removed.isEmpty)
        #expect(String(decoding: update.files[0].data, as: UTF8.self).contains("Quokkas are new here."))
    }

    @Test func whatIsMoreThanABodyFallsBack() throws {
        let source = try Fixture.copy("basic")
        let resident = try #require(Self.residentBuild(source))
        func fallback(_ paths: Set<String>) -> String? {
            if case .failure(let why) = Self.apply(resident, paths, source) { return why.description }
            return nil
        }
        try IncrementalBuildTests.edit(source + "/content/values/care.md") { $0.replacingOccurrences(of: "title:", with: "title: New") }
        #expect(fallback(["content/values/care.md"]) == "content/values/care.md: frontMatterChanged")
        try write("---\ntitle: New\n---\nHello.\n", to: source + "/content/pages/new.md")
        #expect(fallback(["content/pages/new.md"]) == "content/pages/new.md: notAPublishedPage")
        #expect(fallback(["content/site.yml"]) == "content/site.yml can change every page")
        try write("body { color: red; }\n", to: source + "/templates/style.css")
        #expect(fallback(["templates/style.css"]) == "templates/style.css can change every page")
        try write("# KPI note\n", to: source + "/content/kpis/notes.yml")
        #expect(fallback(["content/kpis/notes.yml"]) == "content/kpis/notes.yml can change every page")
        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0 + "\n[bad](../teams/nobody.md)\n" }
        #expect(fallback(["content/teams/alpha.md"]) == "content/teams/alpha.md has errors")
    }

    /// With symbolic links in the source the last build's file list is not complete, so a path
    /// that is gone may have been a link the build read (a static file, here): a whole build.
    /// And a file the last build warned about is never passed over.
    @Test func aVanishedLinkOrWarnedFileIsNotPassedOver() throws {
        let source = try Fixture.copy("basic")
        try write("Extra.\n", to: source + "/elsewhere.txt")
        try FileManager.default.createDirectory(atPath: source + "/static", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: source + "/static/extra.txt", withDestinationPath: "../elsewhere.txt")
        let linked = try #require(Self.residentBuild(source))
        try FileManager.default.removeItem(atPath: source + "/static/extra.txt")
        if case .success = Self.apply(linked, ["static/extra.txt"], source) { Issue.record("a removed link must need a whole build") }

        let other = try Fixture.copy("basic")
        try write("notes\n", to: other + "/content/pages/notes.txt")
        let warned = try #require(Self.residentBuild(other))
        try FileManager.default.removeItem(atPath: other + "/content/pages/notes.txt")
        if case .success = Self.apply(warned, ["content/pages/notes.txt"], other) {
            Issue.record("a file the last build read and warned about must need a whole build")
        }
    }

    @Test func aSwapFileThatCameAndWentIsIgnored() throws {
        let source = try Fixture.copy("basic")
        let resident = try #require(Self.residentBuild(source))
        let update = try Self.apply(resident, ["content/pages/.about.md.swp", "content/pages/4913"], source).get()
        #expect(update.files.isEmpty && update.rendered == 0)
    }

    /// The rule the body-only rebuild rests on (`SiteRenderer.pagesBySource`): every body of the
    /// sample site and of the fixture, replaced by a marker, shows up in the pages and search
    /// entries of its own file and nowhere else.
    @Test(arguments: ["sample", "basic"])
    func aBodyAppearsOnlyOnThePagesOfItsFile(site name: String) throws {
        var options = LoadOptions()
        options.git = nil
        let source = name == "sample" ? Fixture.repository : try Fixture.copy(name)
        var site = try #require(SiteLoader(source: source, options: options).load().site)
        let sources = site.values.map(\.source) + site.pathways.map(\.source) + site.teams.map(\.source) + site.programs.map(\.source)
            + site.guides.map(\.source) + site.pages.map(\.source) + site.actions.map(\.source)
        #expect(sources.count > 10)
        for (i, source) in sources.enumerated() {
            site = try #require(site.replacingBody(ofSource: source.path, with: Body(html: "<p>bodymark\(i)x</p>", text: "bodymark\(i)x")))
        }
        let data = SiteData(site: site)
        let own = SiteRenderer.pagesBySource(data)
        var theme = Diagnostics()
        let files = SiteRenderer(data: data, theme: try #require(Theme.load(overrides: [:], diagnostics: &theme))).render(diagnostics: &theme)
        let pages = Dictionary(uniqueKeysWithValues: SiteCatalog.pages(in: data).map { ($0.outputPath, $0) })
        var seen = 0
        for file in files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.data, as: UTF8.self)
            let page = try #require(pages[file.path])
            let entry = SearchEntry(page, data)
            for (i, source) in sources.enumerated() {
                let mark = "bodymark\(i)x"
                let shown = html.contains(mark) || entry.text.contains(mark) || entry.headings.contains { $0.contains(mark) }
                if shown { seen += 1 }
                #expect(!shown || own[source.path]?.contains(page.address) == true, "\(source.path)'s body is on \(file.path)")
            }
        }
        #expect(seen >= sources.count)
    }

    /// In git: the first edit of a committed file makes it uncommitted, which only its own pages
    /// show ("Last changed: not yet committed"), so it is still a body-only rebuild; a commit is not.
    @Test func inGitAnEditedFileBecomingUncommittedIsStillBodyOnly() throws {
        let repo = try TempRepo()
        try repo.put("content/site.yml", siteYML)
        try repo.put("content/values/a.md", value("A"))
        try repo.put("content/values/b.md", value("B"))
        try repo.put("content/pages/p.md", value("P"))
        try repo.commit("Add values", "2026-03-12T10:00:00+00:00")
        let source = repo.source
        let resident = try #require(Self.residentBuild(source))
        var overlay: [String: Data] = [:]
        for (round, file) in ["content/values/a.md", "content/values/a.md", "content/pages/p.md", "content/values/b.md"].enumerated() {
            try IncrementalBuildTests.edit(source + "/" + file) { $0 + "\nEdit \(round).\n" }
            let update = try Self.apply(resident, [file], source).get()
            for file in update.files { overlay[file.path] = file.data }
            #expect(Self.differences(Self.view(source, overlay), IncrementalBuildTests.cleanBuild(source)) == [], "round \(round)")
        }
        let page = String(decoding: try #require(overlay["values/a/index.html"]), as: UTF8.self)
        #expect(pageMeta(page).first == "<p class=\"page-meta\">Last changed: not yet committed</p>")
        try repo.commit("Edit", "2026-05-20T08:00:00+00:00")
        try IncrementalBuildTests.edit(source + "/content/values/a.md") { $0 + "\nAfter the commit.\n" }
        if case .failure(let why) = Self.apply(resident, ["content/values/a.md"], source) {
            #expect(why.description == "git's record of the content changed")
        } else {
            Issue.record("a commit must need a whole build")
        }
    }

    /// The sample site: every kind of page, actions included. Each published Markdown file's
    /// body edited in turn is a body-only rebuild that equals a clean build.
    @Test func everyBodyOfTheSampleSiteIsABodyOnlyRebuild() throws {
        let source = Fixture.temporaryDirectory() + "/sample"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        for folder in ["content", "static"] {
            try FileManager.default.copyItem(atPath: Fixture.repository + "/" + folder, toPath: source + "/" + folder)
        }
        let resident = try #require(Self.residentBuild(source))
        var overlay: [String: Data] = [:]
        var edited = 0
        for folder in ["actions", "guides", "pages", "pathways", "programs", "teams", "values"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: source + "/content/" + folder).filter { $0.hasSuffix(".md") }.sorted()
            guard let name = names.first else { continue }
            let path = "content/\(folder)/\(name)"
            try IncrementalBuildTests.edit(source + "/" + path) { $0 + "\n## Added under \(folder)\n\nA sentence about \(folder)zzq.\n" }
            let update = try Self.apply(resident, [path], source).get()
            #expect(update.rendered >= 1, "\(path)")
            for file in update.files { overlay[file.path] = file.data }
            edited += 1
        }
        #expect(edited == 7)
        #expect(Self.differences(Self.view(source, overlay), IncrementalBuildTests.cleanBuild(source)) == [])
    }
}
