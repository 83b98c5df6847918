import Foundation
import Testing
@testable import EngageModel
@testable import EngageRender
@testable import EngageSource
@testable import EngageOutput
@testable import EngageCore

/// `engage build` after edits below pages' front matter (BodyEditBuild.swift): the new bodies are
/// put in place in the served pages and search index without loading the site, and the output
/// is byte for byte a clean build's; anything it cannot vouch for takes the ordinary build.
@Suite(.temporaryFolders) struct BodyEditBuildTests {
    /// The sample site (content and static files) in a new folder, built, then edited once: the
    /// first build into a new folder leaves no work folder beside the output, the first edit
    /// makes one (of links to the served files).
    static func sample(sourceLocation: SourceLocation = #_sourceLocation) throws -> (source: String, engine: Engine) {
        let source = Fixture.temporaryDirectory(sourceLocation: sourceLocation) + "/sample"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        for folder in ["content", "static"] {
            try FileManager.default.copyItem(atPath: Fixture.repository + "/" + folder, toPath: source + "/" + folder)
        }
        var engine = Engine(source: source)
        engine.options.git = nil
        #expect(engine.build().succeeded, sourceLocation: sourceLocation)
        let work = try #require(OutputWriter.workFolder(of: source + "/site"))
        #expect(!FileManager.default.fileExists(atPath: work), sourceLocation: sourceLocation)
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0 + "\nA first edit.\n" }
        #expect(engine.build().cache == .bodies, sourceLocation: sourceLocation)
        #expect(FileManager.default.fileExists(atPath: work), sourceLocation: sourceLocation)
        #expect(differences(snapshot(source + "/site"), clean(engine)) == [], sourceLocation: sourceLocation)
        return (source, engine)
    }

    /// The paths whose bytes differ between two snapshots (for short failure messages).
    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    static func clean(_ engine: Engine, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Data] {
        var clean = engine
        clean.output = Fixture.temporaryDirectory(sourceLocation: sourceLocation) + "/clean-\(UUID().uuidString)"
        clean.cacheFolder = nil
        let result = clean.build()
        #expect(result.succeeded, "\(result.diagnostics)", sourceLocation: sourceLocation)
        return snapshot(clean.output)
    }

    @Test func eachBodyOfTheSampleSiteIsPutInPlace() throws {
        let (source, engine) = try Self.sample()
        for folder in ["actions", "guides", "pages", "pathways", "programs", "teams", "values"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: source + "/content/" + folder).filter { $0.hasSuffix(".md") }.sorted()
            for name in names {
                let path = "content/\(folder)/\(name)"
                // New words, one of them with a first two letters no other word has (a new shard).
                try IncrementalBuildTests.edit(source + "/" + path) { $0 + "\nA paragraph about zqx\(folder)\(name.count) and *care*.\n" }
                let result = engine.build()
                #expect(result.cache == .bodies, "\(path)")
                #expect(result.succeeded, "\(path): \(result.diagnostics)")
                #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [], "\(path)")
            }
        }
    }

    @Test func editsTheBodyPathCannotVouchForTakeTheOrdinaryBuild() throws {
        let (source, engine) = try Self.sample()
        let about = source + "/content/pages/about.md"
        // A link the last build did not check (about.md links to a value and a page only).
        try IncrementalBuildTests.edit(about) { $0 + "\nSee [a team](../teams/billing-enquiries.md).\n" }
        let linked = engine.build()
        #expect(linked.cache == .incremental)
        #expect(linked.bodyEditRefusal == "content/pages/about.md: a link the last build did not check (../teams/billing-enquiries.md)")
        #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [])
        // A heading (the search index's headings of the page change).
        try IncrementalBuildTests.edit(about) { $0 + "\n## A new heading\n" }
        let heading = engine.build()
        #expect(heading.cache == .incremental)
        #expect(heading.bodyEditRefusal == "content/pages/about.md: its headings changed")
        #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [])
        // The front matter.
        try IncrementalBuildTests.edit(about) { $0.replacingOccurrences(of: "title: ", with: "title: New ") }
        let title = engine.build()
        #expect(title.cache == .incremental)
        #expect(title.bodyEditRefusal == "content/pages/about.md: its front matter changed")
        #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [])
        // Text alone again: the body path.
        try IncrementalBuildTests.edit(about) { $0 + "\nPlain words.\n" }
        #expect(engine.build().cache == .bodies)
        #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [])
    }

    @Test func aBodyWithAnErrorFailsAndLeavesTheSiteAsItWas() throws {
        let (source, engine) = try Self.sample()
        let before = snapshot(source + "/site")
        let about = source + "/content/pages/about.md"
        let lines = read(about).split(separator: "\n", omittingEmptySubsequences: false).count
        try IncrementalBuildTests.edit(about) { $0 + "\nSee [nothing](missing-page.md).\n" }
        let result = engine.build()
        #expect(!result.succeeded)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.path == "content/pages/about.md" && error.line == lines + 1)
        #expect(snapshot(source + "/site") == before)
        // Fixed: the body path again, with the right output.
        try IncrementalBuildTests.edit(about) { $0.replacingOccurrences(of: "\nSee [nothing](missing-page.md).\n", with: "\nSee nothing.\n") }
        let fixed = engine.build()
        #expect(fixed.succeeded)
        #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [])
    }

    @Test func aThemeThatUsesTheBodyOtherwiseTurnsThePathOff() throws {
        let (source, engine) = try Self.sample()
        try FileManager.default.createDirectory(atPath: source + "/templates", withIntermediateDirectories: true)
        let page = try #require(DefaultTheme.files["page.mustache"])
        try write(page + "<p class=\"length\">{{body}}</p>\n", to: source + "/templates/page.mustache")
        #expect(engine.build().succeeded)
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0 + "\nMore words.\n" }
        let result = engine.build()
        #expect(result.cache == .incremental)
        #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [])
    }

    @Test(arguments: ["work file added", "work file changed folder", "parse index removed", "body-search changed", "served file added"])
    func recordsThatDoNotMatchTheDiskAreNotTrusted(damage: String) throws {
        let (source, engine) = try Self.sample()
        let work = try #require(OutputWriter.workFolder(of: source + "/site"))
        switch damage {
        case "work file added": try write("stray", to: work + "/stray.html")
        case "work file changed folder": try FileManager.default.removeItem(atPath: work + "/values/index.html")
        case "parse index removed": try FileManager.default.removeItem(atPath: source + "/.engage-cache/parse-cache.index")
        case "body-search changed": try IncrementalBuildTests.edit(source + "/.engage-cache/body-search") { $0 + "\n" }
        default: try write("mine", to: source + "/site/mine.html")
        }
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0 + "\nMore words.\n" }
        let result = engine.build()
        #expect(result.succeeded)
        #expect(result.cache != .bodies)
        var files = snapshot(source + "/site")
        if damage == "served file added" { #expect(files.removeValue(forKey: "mine.html") != nil) }
        #expect(Self.differences(files, Self.clean(engine)) == [])
        #expect(!FileManager.default.fileExists(atPath: source + "/site/stray.html"))
    }

    @Test func aWorkFolderTheLastBuildDidNotLeaveIsNotTrusted() throws {
        let source = Fixture.temporaryDirectory() + "/site-source"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        for folder in ["content", "static"] {
            try FileManager.default.copyItem(atPath: Fixture.repository + "/" + folder, toPath: source + "/" + folder)
        }
        var engine = Engine(source: source)
        engine.options.git = nil
        #expect(engine.build().succeeded)
        // A build into a new folder leaves no work folder; one appears (a copy by hand, say).
        let work = try #require(OutputWriter.workFolder(of: source + "/site"))
        try FileManager.default.createDirectory(atPath: work + "/pages", withIntermediateDirectories: true)
        try write("stale", to: work + "/pages/stray.html")
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0 + "\nMore words.\n" }
        let result = engine.build()
        #expect(result.cache == .incremental)
        #expect(result.bodyEditRefusal == "a work folder beside the output that the last build did not leave")
        #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [])
    }

    /// Found by review: with files of the user's in the output, a body edit swapped in the work
    /// folder's older copy of a folder of theirs (and the next build then removed the new files).
    @Test func filesOfTheUsersInTheOutputTurnThePathOff() throws {
        let (source, engine) = try Self.sample()
        try FileManager.default.createDirectory(atPath: source + "/site/userdir", withIntermediateDirectories: true)
        try write("v1", to: source + "/site/userdir/note.txt")
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0 + "\nOne.\n" }
        #expect(engine.build().cache == .full("files in the output folder were added, removed or renamed since the last build"))
        try write("new", to: source + "/site/userdir/new.txt")
        try write("v2", to: source + "/site/userdir/note.txt.tmp")
        try FileManager.default.removeItem(atPath: source + "/site/userdir/note.txt")
        try FileManager.default.moveItem(atPath: source + "/site/userdir/note.txt.tmp", toPath: source + "/site/userdir/note.txt")
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0 + "\nTwo.\n" }
        let result = engine.build()
        #expect(result.cache == .incremental)
        #expect(result.bodyEditRefusal == "the output folder has files of yours")
        #expect(read(source + "/site/userdir/note.txt") == "v2")
        #expect(read(source + "/site/userdir/new.txt") == "new")
    }

    /// Found by review: an emptied body changes what an indented partial puts after it.
    @Test func anEmptiedTextTakesTheOrdinaryBuild() throws {
        let (source, engine) = try Self.sample()
        let about = source + "/content/pages/about.md"
        func body(_ markdown: String) throws {
            try IncrementalBuildTests.edit(about) { text in
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let closing = lines.indices.dropFirst().first { lines[$0] == "---" } ?? 0
                return lines[...closing].joined(separator: "\n") + "\n" + markdown
            }
        }
        try body("Just a paragraph.\n")
        #expect(engine.build().succeeded)
        try body("Another paragraph.\n")
        #expect(engine.build().cache == .bodies)
        try body("")
        let emptied = engine.build()
        #expect(emptied.cache == .incremental)
        #expect(emptied.bodyEditRefusal == "content/pages/about.md: an empty text")
        #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [])
    }

    /// Found by review: a damaged index line asked for a record of any size.
    @Test func aDamagedParseCacheIndexIsNotTrusted() throws {
        let (source, engine) = try Self.sample()
        let index = source + "/.engage-cache/parse-cache.index"
        try IncrementalBuildTests.edit(index) { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("content/pages/about.md\t") ? "content/pages/about.md\t64\t999999999999999" : String(line)
            }.joined(separator: "\n")
        }
        try IncrementalBuildTests.edit(source + "/content/pages/about.md") { $0 + "\nMore.\n" }
        let result = engine.build()
        #expect(result.succeeded)
        #expect(result.cache == .incremental)
        #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [])
    }

    @Test(arguments: [1, 2, 3])
    func randomBodyEditsMatchACleanBuild(seed: UInt64) throws {
        let (source, engine) = try Self.sample()
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        var files: [String] = []
        for folder in ["pages", "teams", "values", "pathways", "guides", "actions", "programs"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: source + "/content/" + folder) where name.hasSuffix(".md") {
                files.append("content/\(folder)/\(name)")
            }
        }
        files.sort()
        let words = ["care", "growth", "zebra", "quorum", "ünïcode", "naïve", "wellbeing", "x1", "42", "feedback"]
        var bodies = 0
        for round in 0..<12 {
            let edited = (0...next(2)).map { _ in files[next(files.count)] }
            for path in Set(edited) {
                try IncrementalBuildTests.edit(source + "/" + path) { text in
                    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    let closing = (lines.indices.dropFirst().first { lines[$0] == "---" } ?? 0) + 1
                    switch next(4) {
                    case 0: lines.append("\(words[next(words.count)]) \(words[next(words.count)]) \"quoted\" & <b>")
                    case 1: if lines.count > closing + 1 { lines.remove(at: closing + next(lines.count - closing)) }
                    case 2: lines.insert("- \(words[next(words.count)])", at: min(lines.count, closing + 1))
                    default: lines.append("")
                    }
                    return lines.joined(separator: "\n")
                }
            }
            let result = engine.build()
            #expect(result.succeeded, "round \(round): \(result.diagnostics)")
            if result.cache == .bodies { bodies += 1 }
            #expect(Self.differences(snapshot(source + "/site"), Self.clean(engine)) == [], "seed \(seed) round \(round): \(edited)")
        }
        #expect(bodies > 0)
    }
}
