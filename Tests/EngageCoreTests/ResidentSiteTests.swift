import Foundation
import Testing
@testable import EngageModel
@testable import EngageRender
@testable import EngageSource
@testable import EngageOutput
@testable import EngageCore
@testable import EngageServe

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

    /// serve as the tests drive it: the site in memory and the files it lays over the folder.
    struct Preview {
        let source: String
        var resident: ResidentSite
        var overlay: [String: Data] = [:]
        /// The output paths of the pages open in a browser (serve renders them first).
        var viewing: Set<String> = []
        /// Updates whose first step rendered a page open in a browser besides the file's own.
        var openPagesFirst = 0

        init(_ source: String) throws {
            self.source = source
            resident = try #require(ResidentSiteTests.residentBuild(source))
        }

        /// Tells the site that `paths` changed, as serve does: an update from memory, or else a
        /// whole build. Either way the files served and the diagnostics must be a clean build's.
        /// Returns the update, nil after a whole build.
        /// The output folder of a content file's own page ("content/teams/alpha.md" → "teams/alpha/").
        static func folder(of path: String) -> String {
            String(path.dropFirst("content/".count).dropLast(".md".count)) + "/"
        }

        mutating func save(_ paths: Set<String>, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ResidentSite.Update? {
            let clean = ResidentSiteTests.clean(source)
            var result: ResidentSite.Update? = nil
            // After the first step alone, every file serve does not hold back is a clean build's.
            let before = overlay, viewing = self.viewing, source = self.source
            var firstStepProblems: [String] = [], openFirst = false
            let outcome = ResidentSiteTests.apply(resident, paths, source, viewing: viewing) { first in
                guard let deferred = first.deferred else { return }
                var view = before
                for file in first.files { view[file.path] = file.data }
                for path in first.removed { view[path] = Data("<removed>".utf8) }
                firstStepProblems = ResidentSiteTests.differences(ResidentSiteTests.view(source, view), clean.files).filter { !deferred.isPending($0) }
                let own = Set(first.edited.map { Self.folder(of: $0) + "index.html" })
                openFirst = first.files.contains { viewing.contains($0.path) && !own.contains($0.path) }
            }
            #expect(firstStepProblems == [], "\(label): after the first step", sourceLocation: sourceLocation)
            switch outcome {
            case .success(let update):
                if openFirst { openPagesFirst += 1 }
                for file in update.files { overlay[file.path] = file.data }
                for path in update.removed { overlay[path] = Data("<removed>".utf8) }
                #expect(update.diagnostics == clean.diagnostics, "\(label)", sourceLocation: sourceLocation)
                result = update
            case .failure:
                resident = try #require(ResidentSiteTests.residentBuild(source), sourceLocation: sourceLocation)
                overlay = [:]
            }
            #expect(ResidentSiteTests.differences(ResidentSiteTests.view(source, overlay), clean.files) == [], "\(label)", sourceLocation: sourceLocation)
            return result
        }
    }

    /// A clean build's files and diagnostics, from one build.
    static func clean(_ source: String) -> (files: [String: Data], diagnostics: [Diagnostic]) {
        let output = Fixture.temporaryDirectory() + "/clean-\(UUID().uuidString)"
        var engine = Engine(source: source, output: output)
        engine.cacheFolder = nil
        let result = engine.build()
        #expect(result.succeeded, "\(result.diagnostics)")
        return (snapshot(output), result.diagnostics)
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

    /// Both steps of serve's update from memory: the pages open in a browser (`viewing`, output
    /// paths) with the changed files' own, then the rest (`finish`); one update with the files
    /// of both (the later ones win).
    /// `afterFirstStep` sees the first step's update before the second runs.
    static func apply(_ resident: ResidentSite, _ paths: Set<String>, _ source: String, viewing: Set<String> = [],
                      afterFirstStep: (ResidentSite.Update) -> Void = { _ in }) -> Result<ResidentSite.Update, ResidentSite.Fallback> {
        let first = resident.applyEdits(paths, stamp: Engine(source: source).externalStamp(), source: source, viewing: viewing)
        guard case .success(var update) = first, let deferred = update.deferred else { return first }
        afterFirstStep(update)
        switch resident.finish(deferred) {
        case .failure(let why): return .failure(why)
        case .success(let rest):
            var files = Dictionary(update.files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            var removed = Set(update.removed)
            for file in rest.files { files[file.path] = file; removed.remove(file.path) }
            for path in rest.removed { files[path] = nil; removed.insert(path) }
            update.files = files.values.sorted { $0.path < $1.path }
            update.removed = removed.sorted()
            update.rendered += rest.rendered
            update.diagnostics = rest.diagnostics
            update.deferred = nil
            return .success(update)
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func bodyEditsMatchACleanBuild(seed: UInt64) throws {
        let source = try Fixture.copy("basic")
        var preview = try Preview(source)
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
        var fast = 0
        for round in 0..<14 {
            let path = "content/" + markdown[next(markdown.count)]
            let file = source + "/" + path
            if next(4) == 0, let text = try? read(file), let cut = text.range(of: "\n", options: .backwards, range: text.index(text.startIndex, offsetBy: text.count / 2)..<text.endIndex) {
                try write(String(text[..<cut.lowerBound]) + "\n", to: file)   // the body's end cut off (front matter kept)
            } else {
                try IncrementalBuildTests.edit(file) { $0 + String(format: additions[next(additions.count)], round) }
            }
            if try preview.save([path], "seed \(seed) round \(round) \(path)") != nil { fast += 1 }
        }
        #expect(fast > 0)
    }

    /// Edits of front matter, some that one file's load can take and some that need a whole
    /// build, a few files at a time: after each, the served files with the update laid over them
    /// are a clean build's, and so are the diagnostics.
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func frontMatterEditsMatchACleanBuild(seed: UInt64) throws {
        let source = try Fixture.copy("basic")
        var preview = try Preview(source)
        var rng = SplitMix64(state: seed)
        func next(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
        // (file, text in its front matter, what replaces it; %d: the round)
        let edits: [(String, String, String)] = [
            ("teams/alpha.md", "headcount: 12", "headcount: 1%d"),
            ("teams/alpha.md", "summary: First line.", "summary: First line, round %d."),
            ("teams/alpha.md", "lead: Ada Lovelace", "lead: Grace Hopper %d"),
            ("teams/alpha.md", "name: Alpha Support", "name: Zeta Support %d"),
            ("teams/alpha.md", "department: Customer Care", "department: Customer Success"),
            ("teams/alpha.md", "region: North", "region: South\nsummary_extra: x"),
            ("teams/beta.md", "headcount: 8", "headcount: %d"),
            ("teams/beta.md", "name: Beta Support", "name: Aardvark Support %d"),
            ("teams/gamma.md", "headcount: 5", "# a comment\nheadcount: 6"),
            ("values/care.md", "title: Care", "title: Care %d"),
            ("values/care.md", "order: 2", "order: 0"),
            ("values/integrity.md", "summary: Say what you do.", "summary: Do what you say, %d times."),
            ("values/integrity.md", "behaviours: [Tell the truth, Own mistakes]", "behaviours: [Tell the truth]"),
            ("programs/coaching.md", "cost_per_employee: 300", "cost_per_employee: 3%d"),
            ("programs/coaching.md", "title: Coaching", "title: Coaching and more %d"),
            ("programs/mentoring.md", "frequency: As needed", "frequency: Weekly"),
            ("pathways/lead.md", "title: Senior Team Lead", "title: Principal Team Lead %d"),
            ("pathways/lead.md", "family: Leadership", "family: People leadership"),
            ("pathways/lead.md", "l2: Grows other leads.", "l2: Grows other leads, round %d."),
            ("pathways/support.md", "summary: From associate to specialist.", "summary: A path, round %d."),
            ("guides/check-in.md", "What went well?", "What went well in round %d?"),
            ("pages/about.md", "title: About\n", "title: About us %d\n"),
            ("pages/about.md", "title: About\n---", "title: About\nsummary: Who we are, %d.\n---"),
            ("programs/coaching.md", "kind: Coaching\nfrequency", "kind: Coaching\ndraft: true\nfrequency"),
        ]
        // Pages a browser may show while the edits are saved (serve renders them first).
        let viewable = ["index.html", "pages/index.html", "teams/index.html", "departments/customer-care/index.html",
                        "teams/alpha/index.html", "values/index.html", "programs/index.html", "pathways/lead/index.html"]
        var reloads = 0, fallbacks = 0
        for round in 0..<16 {
            preview.viewing = Set((0..<next(3)).map { _ in viewable[next(viewable.count)] })
            var paths = Set<String>()
            for _ in 0..<(next(3) == 0 ? 2 : 1) {
                let (file, old, new) = edits[next(edits.count)]
                let path = "content/" + file
                let text = try read(source + "/" + path)
                guard text.contains(old) else { continue }   // an earlier round changed that line
                try write(text.replacingOccurrences(of: old, with: String(format: new, round)), to: source + "/" + path)
                paths.insert(path)
            }
            if let update = try preview.save(paths, "seed \(seed) round \(round) \(paths.sorted())") {
                if !update.reloaded.isEmpty { reloads += 1 }
            } else {
                fallbacks += 1
            }
        }
        #expect(reloads > 0 && fallbacks > 0, "seed \(seed): \(reloads) front matter updates (\(preview.openPagesFirst) with open pages first), \(fallbacks) whole builds")
    }

    /// A team's headcount: its page, its department's, the lists that show it and the CSV
    /// exports, and nothing else; a free page's summary: its page and /pages/.
    @Test func aFrontMatterEditRendersThePagesItReaches() throws {
        let source = try Fixture.copy("basic")
        let resident = try #require(Self.residentBuild(source))
        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0.replacingOccurrences(of: "headcount: 12", with: "headcount: 13") }
        let update = try Self.apply(resident, ["content/teams/alpha.md"], source).get()
        #expect(update.reloaded == ["content/teams/alpha.md"])
        let paths = Set(update.files.map(\.path))
        #expect(paths.contains("teams/alpha/index.html") && paths.contains("departments/customer-care/index.html"))
        #expect(!paths.contains("values/care/index.html") && !paths.contains("pages/about/index.html"))
        #expect(Self.differences(Self.view(source, Dictionary(update.files.map { ($0.path, $0.data) }, uniquingKeysWith: { a, _ in a })),
                                 IncrementalBuildTests.cleanBuild(source)) == [])

        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0.replacingOccurrences(of: "lead: Ada Lovelace", with: "lead: Ada L.") }
        let second = try Self.apply(resident, ["content/teams/alpha.md"], source).get()
        #expect(second.files.map(\.path).contains("teams/alpha/index.html") && !second.files.map(\.path).contains("data/kpis.csv"))
    }

    /// Open pages first: a headcount saved while a browser shows the department page renders
    /// the team's own page and that one; the other pages it reaches, and the search index, wait
    /// for `finish`. Together they are a clean build.
    @Test func theOpenPagesAreRenderedFirstAndTheRestAfter() throws {
        let source = try Fixture.copy("basic")
        let resident = try #require(Self.residentBuild(source))
        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0.replacingOccurrences(of: "name: Alpha Support", with: "name: Alpha Care") }
        let viewed = "departments/customer-care/index.html"
        let first = try resident.applyEdits(["content/teams/alpha.md"], stamp: Engine(source: source).externalStamp(), source: source,
                                            viewing: [viewed, "no/such/index.html"]).get()
        #expect(first.files.map(\.path) == [viewed, "teams/alpha/index.html"])
        #expect(first.rendered == 2)
        let deferred = try #require(first.deferred)
        #expect(deferred.paths.contains("teams/index.html") && !deferred.paths.contains(viewed) && !deferred.paths.contains("teams/alpha/index.html"))
        #expect(deferred.isPending("teams/index.html") && deferred.isPending("search-index.json") && deferred.isPending("search/pages.js"))
        // Until the second step is done, any page the first did not render may still change.
        #expect(deferred.isPending("search/index.html") && deferred.isPending("data/kpis.csv"))
        #expect(!deferred.isPending(viewed) && !deferred.isPending("assets/style.css") && !deferred.isPending("sitemap.xml"))
        let rest = try resident.finish(deferred).get()
        #expect(rest.rendered == deferred.paths.count && rest.deferred == nil)
        let restPaths = rest.files.map(\.path)
        #expect(restPaths.contains("teams/index.html") && restPaths.contains("search-index.json") && !restPaths.contains(viewed))
        var overlay: [String: Data] = [:]
        for file in first.files + rest.files { overlay[file.path] = file.data }
        #expect(Self.differences(Self.view(source, overlay), IncrementalBuildTests.cleanBuild(source)) == [])

        // A body edit renders only the file's own pages: nothing is left for later.
        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0 + "\nOne more line.\n" }
        let body = try resident.applyEdits(["content/teams/alpha.md"], stamp: Engine(source: source).externalStamp(), source: source, viewing: [viewed]).get()
        #expect(body.deferred == nil && body.rendered == 1)
    }

    /// A title the footer lists changes every page's footer: the first step renders the page
    /// (and the open pages it reaches) with the new footer, exactly as a whole build does, and
    /// leaves the rest to a whole build.
    @Test func aFooterChangeRendersTheOpenPagesFirstAndLeavesTheRestToAWholeBuild() throws {
        let source = try Fixture.copy("basic")
        let resident = try #require(Self.residentBuild(source))
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0.replacingOccurrences(of: "title: About", with: "title: About us") }
        let first = try resident.applyEdits(["content/pages/about.md"], stamp: Engine(source: source).externalStamp(), source: source,
                                            viewing: ["pages/index.html", "values/care/index.html"]).get()
        let deferred = try #require(first.deferred)
        #expect(deferred.wholeBuild == "a header or footer changed")
        #expect(first.files.map(\.path) == ["pages/about/index.html", "pages/index.html"])
        let clean = IncrementalBuildTests.cleanBuild(source)
        for file in first.files { #expect(clean[file.path] == file.data, "\(file.path)") }
        #expect(deferred.isPending("values/care/index.html") && !deferred.isPending("pages/index.html") && !deferred.isPending("assets/style.css"))
        if case .success = resident.finish(deferred) { Issue.record("the rest needs a whole build") }
    }

    /// A comment added to a team's front matter: the team is the same item, so, as for a body
    /// edit, only its own page is rendered (its body's line numbers moved).
    @Test func aFrontMatterEditThatLeavesTheItemAsItWasRendersItsOwnPagesOnly() throws {
        let source = try Fixture.copy("basic")
        var preview = try Preview(source)
        try IncrementalBuildTests.edit(source + "/content/teams/gamma.md") { $0.replacingOccurrences(of: "headcount: 5", with: "# checked in May\nheadcount: 5") }
        let update = try #require(try preview.save(["content/teams/gamma.md"], "a comment"))
        #expect(update.edited == ["content/teams/gamma.md"] && update.reloaded.isEmpty)
        #expect(update.rendered == 1)
        #expect(PreviewServer.what(changed: 1, reloaded: 0) == "only a body changed")
        #expect(PreviewServer.what(changed: 3, reloaded: 1) == "the front matter of 1 file and 2 bodies changed")
        #expect(PreviewServer.what(changed: 2, reloaded: 2) == "the front matter of 2 files changed")
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
        try IncrementalBuildTests.edit(source + "/content/teams/beta.md") { $0.replacingOccurrences(of: "[support, lead]", with: "[support]") }
        #expect(fallback(["content/teams/beta.md"]) == "content/teams/beta.md: it names other items than before")
        try IncrementalBuildTests.edit(source + "/content/programs/coaching.md") { $0.replacingOccurrences(of: "kind: Coaching", with: "kind: Coaching\ndraft: true") }
        #expect(fallback(["content/programs/coaching.md"]) == "content/programs/coaching.md: it is a draft now")
        try IncrementalBuildTests.edit(source + "/content/programs/mentoring.md") { $0.replacingOccurrences(of: "kind: Mentoring", with: "kind: Mentoring\nsize: big") }
        #expect(fallback(["content/programs/mentoring.md"]) == "content/programs/mentoring.md: its front matter has problems to report")
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0.replacingOccurrences(of: "title: About", with: "title: About us") }
        #expect(fallback(["content/pages/about.md"]) == "a header or footer changed")
        try write("---\ntitle: New\n---\nHello.\n", to: source + "/content/pages/new.md")
        #expect(fallback(["content/pages/new.md"]) == "content/pages/new.md: the last build did not publish it (a new file, a draft, or not a page)")
        try FileManager.default.removeItem(atPath: source + "/content/values/care.md")
        #expect(fallback(["content/values/care.md"]) == "content/values/care.md: removed or renamed")
        #expect(fallback(["content/site.yml"]) == "content/site.yml can change every page")
        try write("body { color: red; }\n", to: source + "/templates/style.css")
        #expect(fallback(["templates/style.css"]) == "templates/style.css can change every page")
        try write("# KPI note\n", to: source + "/content/kpis/notes.yml")
        #expect(fallback(["content/kpis/notes.yml"]) == "content/kpis/notes.yml can change every page")
        try IncrementalBuildTests.edit(source + "/content/teams/alpha.md") { $0 + "\n[bad](../teams/nobody.md)\n" }
        #expect(fallback(["content/teams/alpha.md"]) == "content/teams/alpha.md has errors")
        // A name another team has: the whole load warns about both files.
        try IncrementalBuildTests.edit(source + "/content/teams/gamma.md") { $0.replacingOccurrences(of: "name: Gamma Ops", with: "name: Beta Support") }
        #expect(fallback(["content/teams/gamma.md"]) == "content/teams/gamma.md: it shares its name with another file")
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

    /// The sample site: in every Markdown file but the actions, each front matter line that holds
    /// a plain text (a title, a summary, a lead…) edited in turn, from memory when it can be and
    /// by a whole build when it cannot; after each, the same as a clean build.
    @Test func everyTextFieldOfTheSampleSiteMatchesACleanBuild() throws {
        let source = Fixture.temporaryDirectory() + "/sample"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        for folder in ["content", "static"] {
            try FileManager.default.copyItem(atPath: Fixture.repository + "/" + folder, toPath: source + "/" + folder)
        }
        var preview = try Preview(source)
        var fromMemory = 0, wholeBuilds = 0
        let fields = ["title", "name", "summary", "lead", "region", "frequency", "owner", "family"]
        for folder in ["guides", "pages", "pathways", "programs", "teams", "values"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: source + "/content/" + folder).filter { $0.hasSuffix(".md") }.sorted()
            for name in names.prefix(1) {
                let path = "content/\(folder)/\(name)"
                let lines = try read(source + "/" + path).components(separatedBy: "\n")
                guard let end = lines.dropFirst().firstIndex(of: "---") else { continue }
                for index in 1..<end {
                    let line = lines[index]
                    guard let field = fields.first(where: { line.hasPrefix($0 + ": ") }), !line.contains("\""), !line.hasSuffix(":") else { continue }
                    var edited = lines
                    edited[index] = line + " \(field)zzq"
                    // The edit, then the file as it was: each from memory when it can be.
                    for text in [edited, lines] {
                        try write(text.joined(separator: "\n"), to: source + "/" + path)
                        if try preview.save([path], "\(path) \(field)") != nil { fromMemory += 1 } else { wholeBuilds += 1 }
                    }
                }
            }
        }
        #expect(fromMemory >= 20 && wholeBuilds >= 1, "\(fromMemory) from memory, \(wholeBuilds) whole builds")
    }
}
