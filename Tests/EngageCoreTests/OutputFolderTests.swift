import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// The output folder (content model, "The output folder"): a manifest of what Engage wrote, the
/// user's files kept, no writing through links, a lock, and a failed build that changes nothing.
@Suite(.temporaryFolders) struct OutputFolderTests {
    let note = " (the previous output was left as it was)"

    func builtSite() throws -> (source: String, output: String, before: [String: Data]) {
        let source = try Fixture.copy("basic")
        let first = Engine(source: source).build()
        #expect(first.succeeded, "\(first.diagnostics)")
        return (source, source + "/site", snapshot(source + "/site"))
    }

    /// Changes the site's title, so every page changes.
    func retitle(_ source: String) throws {
        try write(read(source + "/content/site.yml").replacingOccurrences(of: "Fixture Hub", with: "Fixture Hub 2"), to: source + "/content/site.yml")
    }

    func messages(_ result: BuildResult) -> [String] { result.diagnostics.map(\.description) }

    @Test func theManifestListsWhatEngageWrote() throws {
        let (_, output, before) = try builtSite()
        let lines = read(output + "/.engage-manifest").split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("# Engage output manifest") == true)
        #expect(Array(lines.dropFirst()) == before.keys.filter { $0 != ".engage-manifest" }.sorted())
        // Nothing of the build is left beside the served folder but the lock and the previous generation.
        let parent = (output as NSString).deletingLastPathComponent
        let siblings = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.hasPrefix(".site") }.sorted()
        #expect(siblings == [".site.engage-lock"])
        #expect(!before.keys.contains { $0.contains("engage-staging") || $0.contains("engage-next") })
    }

    @Test func aNoChangeRebuildKeepsEveryFileAsItWas() throws {
        let (source, output, before) = try builtSite()
        var info = stat()
        stat(output + "/values/care/index.html", &info)
        let inode = info.st_ino
        let again = Engine(source: source).build()
        #expect(again.report?.written == [])
        #expect(again.report?.unchanged == before.count - 1, "every page but the manifest")
        #expect(snapshot(output) == before)
        stat(output + "/values/care/index.html", &info)
        #expect(info.st_ino == inode, "the same file, linked into the new generation, not a copy")
    }

    @Test func aFolderThatIsNotAnEngageOutputIsRefused() throws {
        let source = try Fixture.copy("basic")
        let output = Fixture.temporaryDirectory() + "/documents"
        try write("my tax return", to: output + "/taxes/2025.pdf")
        let before = snapshot(output)
        let refused = Engine(source: source, output: output).build()
        #expect(messages(refused) == ["\(output):1:1: error: not an Engage output folder: it is not empty and has no .engage-manifest; choose an empty or new folder, or use --force to build into it and keep its files" + note])
        #expect(snapshot(output) == before)

        var forced = Engine(source: source, output: output)
        forced.force = true
        let result = forced.build()
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(read(output + "/taxes/2025.pdf") == "my tax return")
        #expect(FileManager.default.fileExists(atPath: output + "/values/care/index.html"))
        #expect(!read(output + "/.engage-manifest").contains("taxes"))
        // From now on it is an Engage output: no --force needed, and the user's file stays.
        try retitle(source)
        let rebuilt = Engine(source: source, output: output).build()
        #expect(rebuilt.succeeded, "\(rebuilt.diagnostics)")
        #expect(read(output + "/taxes/2025.pdf") == "my tax return")
        #expect(read(output + "/index.html").contains("Fixture Hub 2"))
    }

    @Test func forceStillRefusesToOverwriteAUsersFile() throws {
        let source = try Fixture.copy("basic")
        let output = Fixture.temporaryDirectory() + "/out"
        try write("<h1>mine</h1>", to: output + "/index.html")
        try write("mine too", to: output + "/values/care/index.html")
        try write("notes", to: output + "/notes.txt")
        let before = snapshot(output)
        var engine = Engine(source: source, output: output)
        engine.force = true
        let result = engine.build()
        let message = ":1:1: error: Engage did not write this file (it is not in the output's manifest) but the build writes one here; move or remove it" + note
        #expect(messages(result) == ["\(output)/index.html" + message, "\(output)/values/care/index.html" + message])
        #expect(snapshot(output) == before)
    }

    @Test func aUsersFileInAnEngageOutputStays() throws {
        let (source, output, _) = try builtSite()
        try write("User-agent: *\nDisallow:\n", to: output + "/robots.txt")
        try write("draft", to: output + "/values/care/notes.txt")
        try retitle(source)
        try FileManager.default.removeItem(atPath: source + "/content/guides/check-in.md")
        let result = Engine(source: source).build()
        #expect(result.succeeded, "\(result.diagnostics)")
        // The guide's page, and the search shards of words only it had ("check", "use").
        #expect(result.report?.removed == ["guides/check-in/index.html", "search/t-ch.js", "search/t-us.js"])
        #expect(read(output + "/robots.txt") == "User-agent: *\nDisallow:\n")
        #expect(read(output + "/values/care/notes.txt") == "draft")
        #expect(read(output + "/values/care/index.html").contains("Fixture Hub 2"))
        #expect(!FileManager.default.fileExists(atPath: output + "/guides"))
    }

    @Test func aSymbolicLinkInsideTheOutputIsAnError() throws {
        let (source, output, _) = try builtSite()
        try FileManager.default.removeItem(atPath: output + "/values")
        try FileManager.default.createSymbolicLink(atPath: output + "/values", withDestinationPath: "../content/values")
        try retitle(source)
        let content = snapshot(source + "/content/values")
        let served = snapshot(output)
        let result = Engine(source: source).build()
        #expect(messages(result) == ["\(output)/values:1:1: error: a symbolic link inside the output folder (to '../content/values'); Engage never writes through links: remove it" + note])
        #expect(snapshot(source + "/content/values") == content)
        #expect(try FileManager.default.contentsOfDirectory(atPath: source + "/content/values").allSatisfy { $0.hasSuffix(".md") })
        #expect(snapshot(output) == served)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: output + "/values") == "../content/values")
    }

    @Test func anOutputFolderThatIsALinkIsBuiltWhereItLeads() throws {
        let source = try Fixture.copy("basic")
        let served = Fixture.temporaryDirectory() + "/www"
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: source + "/site", withDestinationPath: served)
        #expect(Engine(source: source).build().succeeded)
        try retitle(source)
        #expect(Engine(source: source).build().succeeded)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: source + "/site") == served)
        #expect(read(served + "/index.html").contains("Fixture Hub 2"))
        #expect(FileManager.default.fileExists(atPath: (served as NSString).deletingLastPathComponent + "/.www.engage-next"))
    }

    @Test func aFolderInTheWayLeavesTheOutputByteIdentical() throws {
        let (source, output, _) = try builtSite()
        try FileManager.default.removeItem(atPath: output + "/sitemap.xml")
        try FileManager.default.createDirectory(atPath: output + "/sitemap.xml", withIntermediateDirectories: false)
        let before = snapshot(output)
        try retitle(source)
        let result = Engine(source: source).build()
        #expect(messages(result) == ["\(output)/sitemap.xml:1:1: error: a folder is in the way of a file the build writes here, and Engage did not make everything in it; move or remove it" + note])
        #expect(snapshot(output) == before, "no page was replaced")
        #expect(!read(output + "/index.html").contains("Fixture Hub 2"))
    }

    @Test func aFullDiskOnAnyFileLeavesTheOutputByteIdentical() throws {
        let (source, output, before) = try builtSite()
        try retitle(source)
        // How many files the build writes (the changed pages and the manifest), counted on a copy.
        try FileManager.default.copyItem(atPath: output, toPath: source + "/copy")
        let writes = Counter()
        let counting: OutputWriter.FileWriter = { path, data in
            _ = writes.next()
            try OutputWriter.defaultWriter(path, data)
        }
        #expect(Engine(source: source, output: source + "/copy", writeFile: counting).build().succeeded)
        let total = writes.next()
        #expect(total > 20)
        for failing in [0, 1, 17, total - 2, total - 1] {
            let counter = Counter()
            let full: OutputWriter.FileWriter = { path, data in
                if counter.next() == failing { throw CocoaError(.fileWriteOutOfSpace) }
                try OutputWriter.defaultWriter(path, data)
            }
            let result = Engine(source: source, writeFile: full).build()
            #expect(!result.succeeded, "failing write \(failing)")
            #expect(result.diagnostics.count == 1)
            #expect(result.diagnostics.first?.message.hasPrefix("cannot write: ") == true)
            #expect(result.diagnostics.first?.message.hasSuffix(note) == true)
            #expect(snapshot(output) == before, "failing write \(failing)")
        }
        // The next build recycles what the failed ones left beside the output.
        let result = Engine(source: source).build()
        #expect(result.succeeded)
        #expect(read(output + "/index.html").contains("Fixture Hub 2"))
        #expect(snapshot(output).count == before.count)
    }

    @Test func aSecondBuildStopsWhileOneIsWriting() throws {
        let (source, output, before) = try builtSite()
        try retitle(source)
        let lock = try OutputLock(path: (source as NSString).appendingPathComponent(".site.engage-lock"))
        let result = Engine(source: source).build()
        lock.release()
        #expect(messages(result) == ["\(output):1:1: error: another engage build is writing this output folder right now (it holds '\(source)/.site.engage-lock'); run this build again when that one has finished" + note])
        #expect(snapshot(output) == before)
        #expect(Engine(source: source).build().succeeded, "the lock is free again")
    }

    @Test func aStaleOrTamperedWorkFolderIsNeverTrusted() throws {
        let (source, output, _) = try builtSite()
        // A killed build left a work folder with a half-written page and a link out of it.
        let next = source + "/.site.engage-next"
        try write("half a pa", to: next + "/values/care/index.html")
        try FileManager.default.createSymbolicLink(atPath: next + "/teams", withDestinationPath: source + "/content/teams")
        let teams = snapshot(source + "/content/teams")
        let result = Engine(source: source).build()
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.report?.written == [])
        #expect(read(output + "/values/care/index.html").hasPrefix("<!doctype html>") || read(output + "/values/care/index.html").hasPrefix("<!DOCTYPE html>"))
        #expect(snapshot(source + "/content/teams") == teams)
    }
}
