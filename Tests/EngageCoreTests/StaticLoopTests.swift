import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageCore

/// Issue 8 review: links inside `static/` that lead back to the output or around a loop, dotfiles,
/// and small wording and limit fixes.
@Suite(.temporaryFolders) struct StaticLoopTests {
    func site() throws -> String {
        let dir = TemporaryFoldersTrait.make()
        try FileManager.default.createDirectory(atPath: dir + "/content/values", withIntermediateDirectories: true)
        try "title: T\n".write(toFile: dir + "/content/site.yml", atomically: true, encoding: .utf8)
        try "---\ntitle: A\n---\n[w](/.well-known)\n".write(toFile: dir + "/content/values/a.md", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/static/.well-known", withIntermediateDirectories: true)
        return dir
    }

    @Test func linkToTheOutputIsRefused() throws {
        let source = try site()
        let output = source + "/out2"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: source + "/static/pub", withDestinationPath: "../out2")
        try FileManager.default.createSymbolicLink(atPath: source + "/static/up", withDestinationPath: "..")
        let result = Engine(source: source, output: output).build()
        #expect(result.diagnostics.map(\.description) == [
            "content/values/a.md:4:1: error: link '/.well-known' points to 'static/.well-known', but files and folders whose names start with '.' are not copied into the site; rename it without the leading '.'",
            "static/pub:1:1: error: 'static/pub' is a symbolic link that leads to the output folder '\(output)'; every build would copy the site into itself; remove the link",
            "static/up:1:1: error: 'static/up' is a symbolic link to a folder that contains it (a loop); remove the link",
        ])
        #expect(result.report == nil)
        #expect(!FileManager.default.fileExists(atPath: output + "/pub"))
    }

    /// A link leading outside does not hide the other static files' problems: all in one run.
    @Test func everyStaticProblemInOneRun() throws {
        let source = try site()
        try FileManager.default.createDirectory(atPath: source + "/static/img", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: source + "/static/img/pw.png", withDestinationPath: "/etc/passwd")
        for name in ["index.html", "sitemap.xml", "Values/A/index.html"] {
            try FileManager.default.createDirectory(atPath: ((source + "/static/" + name) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "x".write(toFile: source + "/static/" + name, atomically: true, encoding: .utf8)
        }
        let messages = Engine(source: source).check().diagnostics.map(\.description).filter { $0.hasPrefix("static/") }
        #expect(messages == [
            "static/Values/A/index.html:1:1: error: 'static/Values/A/index.html' would be written to '/Values/A/index.html', which differs only in upper and lower case from '/values/a/index.html' that Engage writes (one file on macOS and Windows disks); rename the static file",
            "static/img/pw.png:1:1: error: 'static/img/pw.png' is a symbolic link to '/etc/passwd', outside the source folder; Engage follows links only within the source folder, so copy the file or folder in instead",
            "static/index.html:1:1: error: 'static/index.html' would be written to '/index.html', where Engage writes a page of its own; rename or move the static file",
            "static/sitemap.xml:1:1: error: 'static/sitemap.xml' would be written to '/sitemap.xml', where Engage writes a file of its own; rename or move the static file",
        ])
    }

    @Test func numberAtTheLimitIsAccepted() {
        let reader = YAMLReader(path: "x.yml")
        let node = reader.parse("a: 1e12\nb: 1.5e12\n")
        let map = reader.rootMap(node, what: "x")
        #expect(map?.number("a", what: "x") == 1e12)
        #expect(map?.number("b", what: "x") == nil)
        #expect(reader.diagnostics.items.map(\.description) == [
            "x.yml:2:4: error: 'b' is too large (1.5e12); numbers here go up to 1000000000000 (10^12)",
        ])
    }

    @Test func accentsFoldInDepartmentSlugs() {
        #expect(Slug.department("Équipe Santé") == "equipe-sante")
        let team = { (name: String, dept: String) in "---\nname: \(name)\ndepartment: \(dept)\n---\n" }
        #expect(load([
            "src/content/teams/a.md": team("A", "Équipe Santé"),
            "src/content/teams/b.md": team("B", "Équipe Santé"),
            "src/content/teams/c.md": team("C", "Equipe Sante"),
        ]).messages == [
            "content/teams/c.md:3:13: error: department 'Equipe Sante' is written 'Équipe Santé' in 2 teams (first in content/teams/a.md); both would make the page departments/equipe-sante/; did you mean 'Équipe Santé'?",
        ])
    }
}
