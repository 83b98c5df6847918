import Foundation
import Testing
@testable import EngageModel
@testable import EngageRender
@testable import EngageSource
@testable import EngageOutput
@testable import EngageCore

/// The build cache (`<source>/.engage-cache/`): a rebuild renders only the pages whose inputs
/// changed, and its output is byte for byte that of a clean build.
@Suite(.temporaryFolders) struct IncrementalBuildTests {
    /// A clean build of `source` into a new folder, without any cache; its files.
    static func cleanBuild(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Data] {
        let output = Fixture.temporaryDirectory(sourceLocation: sourceLocation) + "/clean"
        var engine = Engine(source: source, output: output)
        engine.cacheFolder = nil
        let result = engine.build()
        #expect(result.succeeded, "\(result.diagnostics)", sourceLocation: sourceLocation)
        return snapshot(output)
    }

    static func edit(_ path: String, _ change: (String) -> String) throws {
        try write(change(read(path)), to: path)
    }

    @Test func aRebuildWithNothingChangedDoesNoWork() throws {
        let source = try Fixture.copy("basic")
        let first = Engine(source: source).build()
        #expect(first.cache == .full("no build cache yet"))
        #expect(first.rendered == 36 && first.reused == 0)
        let before = snapshot(source + "/site")
        let second = Engine(source: source).build()
        #expect(second.cache == .unchanged)
        #expect(second.rendered == 0 && second.reused == 36)
        #expect(second.report?.written == [] && second.report?.unchanged == first.pages)
        #expect(snapshot(source + "/site") == before)
        // A file touched but not changed is still no change.
        let about = source + "/content/pages/about.md"
        try write(read(about), to: about)
        #expect(Engine(source: source).build().cache == .unchanged)
        #expect(FileManager.default.fileExists(atPath: source + "/.engage-cache/.gitignore"))
    }

    @Test func oneTeamEditedRendersOnlyThePagesThatShowIt() throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        try Self.edit(source + "/content/teams/alpha.md") { $0.replacingOccurrences(of: "headcount: 12", with: "headcount: 13") }
        let result = Engine(source: source).build()
        #expect(result.cache == .incremental)
        let predicted = SiteCatalog.affectedPages(by: "content/teams/alpha.md", in: SiteData(site: try #require(SiteLoader(source: source).load().site)))
        #expect(result.rendered == predicted.count)
        #expect(result.rendered + result.reused == 36)
        #expect(result.report?.written.contains("teams/alpha/index.html") == true)
        #expect(result.report?.written.contains("values/care/index.html") == false)
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
        // Its text alone: the pages made from the file, not the department and lists showing it.
        try Self.edit(source + "/content/teams/alpha.md") { $0 + "\nAnd the letters.\n" }
        let text = Engine(source: source).build()
        let own = SiteRenderer.pagesBySource(SiteData(site: try #require(SiteLoader(source: source).load().site)))["content/teams/alpha.md"]
        #expect(text.rendered == own?.count && text.rendered < predicted.count)
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
    }

    /// The ordinary incremental build (not the body-edit path, BodyEditBuildTests).
    static func ordinary(_ source: String) -> Engine {
        var engine = Engine(source: source)
        engine.putsBodiesInPlace = false
        return engine
    }

    @Test func oneFreePageEditedBelowItsFrontMatterRendersThatPageOnly() throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        try Self.edit(source + "/content/pages/about.md") { $0 + "\nMore about us.\n" }
        let result = Self.ordinary(source).build()
        #expect(result.cache == .incremental)
        // Only the body changed: the pages index and the footers, which show the page's title,
        // are kept; the page itself and the search index are written.
        #expect(result.rendered == 1, "rendered \(result.rendered)")
        #expect(result.report?.written.contains("pages/about/index.html") == true)
        #expect(result.report?.written.contains("search-index.json") == true)
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
        // Its summary (front matter) is on the pages index: that page is rendered again too.
        try Self.edit(source + "/content/pages/about.md") { $0.replacingOccurrences(of: "\ntitle: About", with: "\nsummary: Who we are.\ntitle: About") }
        let summarised = Engine(source: source).build()
        #expect(summarised.rendered >= 2 && summarised.rendered < 36, "rendered \(summarised.rendered)")
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
        // Its title is in every footer: now every page is rendered again.
        try Self.edit(source + "/content/pages/about.md") { $0.replacingOccurrences(of: "title: About", with: "title: About us") }
        let retitled = Engine(source: source).build()
        #expect(retitled.rendered == 36)
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
    }

    /// A guide's fields are read by every page (its title in the header's links), so changing
    /// its front matter renders everything; changing its text renders its own page only.
    @Test func aGuidesTextEditedRendersItsOwnPageOnly() throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        let guide = source + "/content/guides/check-in.md"
        try Self.edit(guide) { $0 + "\nOne more question to ask.\n" }
        let body = Self.ordinary(source).build()
        #expect(body.cache == .incremental)
        #expect(body.rendered == 1, "rendered \(body.rendered)")
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
        try Self.edit(guide) { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Our ") }
        let retitled = Engine(source: source).build()
        #expect(retitled.rendered == 36, "rendered \(retitled.rendered)")
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
    }

    /// A file loaded in another version than the snapshot fingerprinted (here rewritten in place
    /// with its size, time and inode kept, as a save during a build can also leave it) does not
    /// get its front matter recorded: when the change shows, it is not mistaken for a body-only
    /// change, and every page showing its name is rendered again (a review found this).
    @Test func aFileLoadedInAnotherVersionThanScannedIsNotTakenForABodyEdit() throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        let alpha = source + "/content/teams/alpha.md"
        var before = stat()
        #expect(lstat(alpha, &before) == 0)
        let text = read(alpha)
        let renamed = text.replacingOccurrences(of: "name: Alpha Support", with: "name: Alpha Suppory")
        #expect(renamed != text && renamed.utf8.count == text.utf8.count)
        try Data(renamed.utf8).write(to: URL(fileURLWithPath: alpha))   // in place: same inode
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, alpha, &times, 0) == 0)
        // A build for another file's sake loads the new alpha; the snapshot still has the old one.
        try Self.edit(source + "/content/teams/beta.md") { $0 + "\nA line for beta.\n" }
        #expect(Engine(source: source).build().succeeded)
        // Now alpha's change shows.
        var now = [timespec(tv_sec: before.st_mtim.tv_sec + 5, tv_nsec: 0), timespec(tv_sec: before.st_mtim.tv_sec + 5, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, alpha, &now, 0) == 0)
        let result = Engine(source: source).build()
        #expect(result.cache == .incremental)
        #expect(result.rendered > 1, "rendered \(result.rendered)")
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
    }

    /// The sample site, every kind of page: one body of each collection edited in turn, each
    /// followed by a build that renders that file's own pages only and equals a clean build.
    @Test func eachBodyOfTheSampleSiteRendersItsOwnPagesOnly() throws {
        let source = Fixture.temporaryDirectory() + "/sample"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        for folder in ["content", "static"] {
            try FileManager.default.copyItem(atPath: Fixture.repository + "/" + folder, toPath: source + "/" + folder)
        }
        var options = LoadOptions()
        options.git = nil
        var engine = Engine(source: source)
        engine.options.git = nil
        engine.putsBodiesInPlace = false   // the ordinary build's rule (BodyEditBuildTests: the other path)
        #expect(engine.build().succeeded)
        for folder in ["actions", "guides", "pages", "pathways", "programs", "teams", "values"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: source + "/content/" + folder).filter { $0.hasSuffix(".md") }.sorted()
            let path = "content/\(folder)/\(try #require(names.first))"
            try Self.edit(source + "/" + path) { $0 + "\n## Added under \(folder)\n\nA sentence about \(folder).\n" }
            let result = engine.build()
            let own = SiteRenderer.pagesBySource(SiteData(site: try #require(SiteLoader(source: source, options: options).load().site)))[path]
            #expect(result.cache == .incremental, "\(path)")
            #expect(result.rendered == own?.count, "\(path)")
            var clean = engine
            clean.output = Fixture.temporaryDirectory() + "/clean-\(folder)"
            clean.cacheFolder = nil
            #expect(clean.build().succeeded)
            #expect(snapshot(source + "/site") == snapshot(clean.output), "\(path)")
        }
    }

    @Test(arguments: ["garbage", "truncated", "version", "checksum", "empty", "key"])
    func aDamagedCacheIsIgnored(damage: String) throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        let cache = source + "/.engage-cache/build-cache"
        let text = read(cache)
        switch damage {
        case "garbage": try write("\u{7}not a cache at all\n", to: cache)
        case "truncated": try write(String(text.prefix(text.utf8.count / 2)), to: cache)
        case "version": try write(text.replacingOccurrences(of: BuildCache.format, with: "engage build cache 0"), to: cache)
        case "checksum": try write(text.replacingOccurrences(of: "O\tassets/", with: "O\tassetz/"), to: cache)
        case "key": try write(text.replacingOccurrences(of: "\nkey\t", with: "\nkey\t0"), to: cache)
        default: try write("", to: cache)
        }
        try Self.edit(source + "/content/values/care.md") { $0 + "\nCare, changed.\n" }
        let result = Engine(source: source).build()
        #expect(result.succeeded)
        let another = damage == "version" || damage == "key"
        #expect(result.cache == .full(another ? "the build cache was made by another engage binary or with other options (such as --drafts); it was ignored"
                                              : "the build cache is damaged; it was ignored"))
        #expect(result.rendered == 36)
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
        // The build replaced the cache with a good one.
        #expect(Engine(source: source).build().cache == .unchanged)
    }

    @Test func anOutputChangedByHandIsNotTrusted() throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        try FileManager.default.removeItem(atPath: source + "/site/values/care/index.html")
        let result = Engine(source: source).build()
        #expect(result.cache == .full("files in the output folder were added, removed or renamed since the last build"))
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
        // Another build into the folder (no cache): the cache no longer describes it.
        var other = Engine(source: source)
        other.cacheFolder = nil
        try Self.edit(source + "/content/values/care.md") { $0 + "\nCare.\n" }
        #expect(other.build().succeeded)
        try Self.edit(source + "/content/values/care.md") { $0 + "\nCare again.\n" }
        #expect(Engine(source: source).build().cache == .full("the output folder is not the one the build cache describes"))
        #expect(snapshot(source + "/site") == Self.cleanBuild(source))
    }

    /// A build killed while writing a cache file leaves `NAME.tmp-PID`; the next build removes
    /// those of processes that are gone, and leaves a live process's alone.
    @Test func leftoversOfKilledBuildsAreRemoved() throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        let folder = source + "/.engage-cache"
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = ["parse-cache.tmp-\(gone.processIdentifier)", "build-cache.tmp-\(gone.processIdentifier)"]
        let live = "parse-cache.tmp-\(getpid())"
        for name in stale + [live, "notes.tmp-abc"] { try write("partial", to: folder + "/" + name) }
        try IncrementalBuildTests.edit(source + "/content/values/care.md") { $0 + "\nOne more line.\n" }
        #expect(Engine(source: source).build().succeeded)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(left.isDisjoint(with: stale) && left.contains(live) && left.contains("notes.tmp-abc"))
    }

    @Test func aFailedBuildLeavesTheCacheAsItWas() throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        let cache = read(source + "/.engage-cache/build-cache")
        let care = source + "/content/values/care.md"
        let good = read(care)
        try write(good + "\nSee [nothing](missing.md).\n", to: care)
        #expect(!Engine(source: source).build().succeeded)
        #expect(read(source + "/.engage-cache/build-cache") == cache)
        try write(good, to: care)
        #expect(Engine(source: source).build().cache == .unchanged)
    }

    /// Random edits, adds and deletes of Markdown and YAML files, site.yml and a template, each
    /// followed by an incremental build that must equal a clean build byte for byte.
    @Test(arguments: [1, 2, 3])
    func randomEditsMatchACleanBuild(seed: UInt64) throws {
        let source = try Fixture.copy("basic")
        #expect(Engine(source: source).build().succeeded)
        var rng = SplitMix64(state: seed)
        func next(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
        let markdown = ["guides/check-in.md", "pages/about.md", "pathways/lead.md", "pathways/support.md", "programs/coaching.md",
                        "programs/mentoring.md", "teams/alpha.md", "teams/beta.md", "teams/gamma.md", "values/care.md", "values/integrity.md"]
        var added: [String] = []
        var incremental = 0
        for round in 0..<12 {
            switch next(8) {
            case 0, 1:
                let file = source + "/content/" + markdown[next(markdown.count)]
                try Self.edit(file) { $0 + "\nRound \(round) added *this*.\n" }
            case 2:
                let team = source + "/content/teams/" + ["alpha", "beta", "gamma"][next(3)] + ".md"
                try Self.edit(team) { text in
                    text.split(separator: "\n", omittingEmptySubsequences: false).map {
                        $0.hasPrefix("headcount:") ? "headcount: \(3 + next(30))" : String($0)
                    }.joined(separator: "\n")
                }
            case 3:
                let name = "new-\(round)"
                try write("---\ntitle: New \(round)\nsummary: Added in round \(round).\n---\nSee [Care](../values/care.md).\n",
                          to: source + "/content/pages/\(name).md")
                added.append(name)
            case 4:
                if let name = added.popLast() { try FileManager.default.removeItem(atPath: source + "/content/pages/\(name).md") }
                else { try Self.edit(source + "/content/kpis/2026-Q2.yml") { $0 + "# round \(round)\n" } }
            case 5:
                try Self.edit(source + "/content/site.yml") { text in
                    text.split(separator: "\n", omittingEmptySubsequences: false).map {
                        $0.hasPrefix("title:") ? "title: Fixture Hub \(round)" : String($0)
                    }.joined(separator: "\n")
                }
            case 6:
                try write("body { color: #\(100 + round); }\n", to: source + "/templates/style.css")
            default:
                try Self.edit(source + "/content/kpis/2026-Q2.yml") { $0 + "# round \(round)\n" }
            }
            let result = Engine(source: source).build()
            #expect(result.succeeded, "round \(round): \(result.diagnostics)")
            if result.cache == .incremental { incremental += 1 }
            #expect(snapshot(source + "/site") == Self.cleanBuild(source), "seed \(seed) round \(round)")
        }
        #expect(incremental > 0)
    }
}
