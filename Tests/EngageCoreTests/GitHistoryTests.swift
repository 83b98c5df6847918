import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageCore

/// A git repository in a temporary folder, with fixed commit dates and its own identity.
struct TempRepo {
    let root: String
    /// The source folder: the repository itself, or a folder inside it.
    let source: String

    init(subfolder: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let root = Fixture.temporaryDirectory(sourceLocation: sourceLocation) + "/repo"
        self.root = root
        source = subfolder.map { root + "/" + $0 } ?? root
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try git("init", "-q")
    }

    @discardableResult
    func git(_ arguments: String..., date: String = "2026-01-01T12:00:00+00:00", in folder: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Test Person", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false",
                             "-c", "init.defaultBranch=main"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder ?? root)
        var env = ProcessInfo.processInfo.environment
        env["GIT_AUTHOR_DATE"] = date
        env["GIT_COMMITTER_DATE"] = date
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RepoError(message: "git \(arguments) failed") }
        return String(decoding: data, as: UTF8.self)
    }

    struct RepoError: Error { var message: String }

    /// Writes a file of the source folder.
    func put(_ path: String, _ text: String) throws { try write(text, to: source + "/" + path) }

    func commit(_ subject: String, _ date: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", subject, date: date)
    }

    /// Builds the source folder into a folder outside the repository, with `runner`.
    func build(runner: any GitRunner = ProcessGitRunner(), sourceLocation: SourceLocation = #_sourceLocation) -> (output: String, result: BuildResult) {
        let output = Fixture.temporaryDirectory(sourceLocation: sourceLocation) + "/out"
        var options = LoadOptions()
        options.git = runner
        let result = Engine(source: source, output: output, options: options).build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)", sourceLocation: sourceLocation)
        return (output, result)
    }
}

/// Counts git runs (and can stand in for a machine without git).
final class CountingGitRunner: GitRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [[String]] = []
    let inner: any GitRunner

    init(_ inner: any GitRunner = ProcessGitRunner()) { self.inner = inner }

    var count: Int { lock.withLock { calls.count } }
    var commands: [String] { lock.withLock { calls.map { $0.first { !$0.hasPrefix("-") && !$0.contains("=") } ?? "" } } }

    func run(_ arguments: [String], in directory: String, input: Data?) -> GitOutput? {
        lock.withLock { calls.append(arguments) }
        return inner.run(arguments, in: directory, input: input)
    }
}

/// The `<main>` of a page, for exact comparisons.
func mainOf(_ html: String) -> String {
    guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return "" }
    return String(html[start.lowerBound..<end.upperBound])
}

/// The page-meta lines of a page's footer ("" when there are none).
func pageMeta(_ html: String) -> [String] {
    html.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { $0.hasPrefix("<p class=\"page-meta\">") || $0.contains(">Edit this page<") }
}

let siteYML = "title: Hub\nedit_url: https://git.example.com/hr/edit/main/\n"

func value(_ title: String, _ body: String = "Body.") -> String { "---\ntitle: \(title)\n---\n\(body)\n" }

@Suite(.temporaryFolders) struct GitHistoryTests {
    @Test func lastChangedDatesUncommittedAndEditLinks() throws {
        let repo = try TempRepo()
        try repo.put("content/site.yml", siteYML)
        try repo.put("content/values/a.md", value("A"))
        try repo.put("content/values/b.md", value("B"))
        // Late in the evening in New York: the committer's own day, whatever the build machine's zone.
        try repo.commit("Add values", "2026-03-12T23:30:00-05:00")
        try repo.put("content/values/b.md", value("B", "Changed."))
        try repo.commit("Reword B", "2026-04-02T09:00:00+02:00")
        try repo.put("content/values/a.md", value("A", "Edited, not committed."))
        try repo.put("content/values/c.md", value("C"))
        let (out, _) = repo.build()
        #expect(pageMeta(read(out + "/values/b/index.html")) == [
            "<p class=\"page-meta\">Last changed <time datetime=\"2026-04-02\">2 April 2026</time></p>",
            "<p><a href=\"https://git.example.com/hr/edit/main/content/values/b.md\">Edit this page</a></p>",
        ])
        #expect(pageMeta(read(out + "/values/a/index.html")) == [
            "<p class=\"page-meta\">Last changed: not yet committed</p>",
            "<p><a href=\"https://git.example.com/hr/edit/main/content/values/a.md\">Edit this page</a></p>",
        ])
        // Untracked.
        #expect(pageMeta(read(out + "/values/c/index.html")).first == "<p class=\"page-meta\">Last changed: not yet committed</p>")
        // Generated pages have no source file of their own: no date.
        #expect(pageMeta(read(out + "/index.html")) == [])
        #expect(pageMeta(read(out + "/values/index.html")) == [])

        // Once committed, a's date is that commit's.
        try repo.commit("Edit A, add C", "2026-05-20T08:00:00+00:00")
        let (again, _) = repo.build()
        #expect(pageMeta(read(again + "/values/a/index.html")).first == "<p class=\"page-meta\">Last changed <time datetime=\"2026-05-20\">20 May 2026</time></p>")
        #expect(pageMeta(read(again + "/values/b/index.html")).first == "<p class=\"page-meta\">Last changed <time datetime=\"2026-04-02\">2 April 2026</time></p>")
    }

    @Test func changesPageInASubfolderWithRenamesAndDeletions() throws {
        let repo = try TempRepo(subfolder: "hr site")
        try repo.put("content/site.yml", "title: Hub\n")
        try repo.put("content/values/a.md", value("Alpha"))
        try repo.put("content/values/b.md", value("Beta"))
        try repo.put("README.md", "Outside content: never listed.\n")
        try repo.commit("First values", "2026-01-05T10:00:00+00:00")
        try repo.put("content/values/a.md", value("Alpha", "More."))
        try FileManager.default.removeItem(atPath: repo.source + "/content/values/b.md")
        try repo.commit("Drop Beta & reword Alpha", "2026-02-06T10:00:00+00:00")
        try repo.git("mv", "hr site/content/values/a.md", "hr site/content/values/alpha.md")
        try repo.commit("Rename Alpha's file", "2026-03-07T10:00:00+00:00")
        try repo.put("README.md", "Changed outside content.\n")
        try repo.commit("Only the README", "2026-03-08T10:00:00+00:00")
        let (out, _) = repo.build()
        let html = read(out + "/changes/index.html")
        #expect(mainOf(html) == """
            <main id="main" class="wrap" tabindex="-1">
            <h1>Recent changes</h1>
            <p class="lead">What changed in the site's content, newest first.</p>

            <ol class="plain change-list">
              <li>
                <p class="change-head"><time datetime="2026-03-07">7 March 2026</time> <span class="change-subject">Rename Alpha&#39;s file</span></p>
                <p class="change-pages">Pages: <a href="../values/alpha/index.html">Alpha</a></p>
                
                
              </li>
              <li>
                <p class="change-head"><time datetime="2026-02-06">6 February 2026</time> <span class="change-subject">Drop Beta &amp; reword Alpha</span></p>
                
                <p class="meta">Other files: <code>content/values/a.md</code></p>
                <p class="meta">Removed: <code>content/values/b.md</code></p>
              </li>
              <li>
                <p class="change-head"><time datetime="2026-01-05">5 January 2026</time> <span class="change-subject">First values</span></p>
                
                <p class="meta">Other files: <code>content/site.yml</code>, <code>content/values/a.md</code>, <code>content/values/b.md</code></p>
                
              </li>
            </ol>

            </main>
            """)
        #expect(read(out + "/index.html").contains("<li><a href=\"changes/index.html\">Recent changes</a></li>"))
        #expect(read(out + "/sitemap.xml").contains("<loc>/changes/</loc>"))
    }

    @Test func pathwayHistoryEntries() throws {
        let repo = try TempRepo()
        try repo.put("content/site.yml", "title: Hub\n")
        func pathway(levels: [(String, String)], competencies: [(String, String, String)], body: String = "Intro.", broken: Bool = false) -> String {
            var text = "---\ntitle: Support\n" + (broken ? "levels: [oops\n" : "levels:\n")
            if !broken { for (id, title) in levels { text += "  - id: \(id)\n    title: \(title)\n" } }
            text += "competencies:\n"
            for (id, name, expectation) in competencies {
                text += "  - id: \(id)\n    name: \(name)\n    expectations:\n      \(levels[0].0): \(expectation)\n"
            }
            return text + "---\n\(body)\n"
        }
        let levels = [("l1", "Agent"), ("l2", "Senior Agent")]
        try repo.put("content/pathways/support.md", pathway(levels: levels, competencies: [("care", "Care", "Listens."), ("speed", "Speed", "Answers fast.")]))
        try repo.commit("Support pathway", "2026-01-10T09:00:00+00:00")
        try repo.put("content/pathways/support.md", pathway(levels: levels + [("l3", "Lead")], competencies: [("care", "Care", "Listens well.")]))
        try repo.commit("Add Lead, drop Speed", "2026-02-10T09:00:00+00:00")
        try repo.put("content/pathways/support.md", pathway(levels: levels, competencies: [], broken: true))
        try repo.commit("Broken edit", "2026-03-10T09:00:00+00:00")
        try repo.put("content/pathways/support.md", pathway(levels: [("l1", "Associate"), ("l3", "Lead")],
                                                             competencies: [("care", "Care", "Listens well."), ("tools", "Tools", "Knows them."), ("docs", "Docs", "Writes.")]))
        try repo.commit("Fix, rename Agent, drop Senior", "2026-04-10T09:00:00+00:00")
        try repo.git("mv", "content/pathways/support.md", "content/pathways/customer-support.md")
        try repo.commit("Rename the file", "2026-05-10T09:00:00+00:00")
        try repo.put("content/pathways/customer-support.md", pathway(levels: [("l1", "Associate"), ("l3", "Lead")],
                                                                      competencies: [("care", "Care", "Listens well."), ("tools", "Tools", "Knows them."), ("docs", "Docs", "Writes.")],
                                                                      body: "A new introduction."))
        try repo.commit("Intro only", "2026-06-10T09:00:00+00:00")
        let (out, _) = repo.build()
        let html = read(out + "/pathways/customer-support/index.html")
        let section = html.components(separatedBy: "<h2 id=\"pathway-history\"><span id=\"pathway-history-title\">History</span>").last ?? ""
        let items = section.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("<p class=\"change-head\">") || ($0.hasPrefix("<li>") && $0.count > 4 && !$0.contains("<a ")) }
        #expect(items == [
            "<p class=\"change-head\"><time datetime=\"2026-06-10\">10 June 2026</time> <span class=\"change-subject\">Intro only</span></p>",
            "<li>No level or competency changed.</li>",
            "<p class=\"change-head\"><time datetime=\"2026-05-10\">10 May 2026</time> <span class=\"change-subject\">Rename the file</span></p>",
            "<li>No level or competency changed.</li>",
            "<p class=\"change-head\"><time datetime=\"2026-04-10\">10 April 2026</time> <span class=\"change-subject\">Fix, rename Agent, drop Senior</span></p>",
            "<li>Level removed: Senior Agent.</li>",
            "<li>Level reworded: Associate.</li>",
            "<li>Competencies added: Tools, Docs.</li>",
            "<p class=\"change-head\"><time datetime=\"2026-03-10\">10 March 2026</time> <span class=\"change-subject\">Broken edit</span></p>",
            "<li>This version could not be read.</li>",
            "<p class=\"change-head\"><time datetime=\"2026-02-10\">10 February 2026</time> <span class=\"change-subject\">Add Lead, drop Speed</span></p>",
            "<li>Level added: Lead.</li>",
            "<li>Competency removed: Speed.</li>",
            "<li>Competency reworded: Care.</li>",
            "<p class=\"change-head\"><time datetime=\"2026-01-10\">10 January 2026</time> <span class=\"change-subject\">Support pathway</span></p>",
            "<li>Pathway created with 2 levels and 2 competencies.</li>",
        ])
        #expect(html.contains("<h2 id=\"pathway-history\"><span id=\"pathway-history-title\">History</span>"))
    }

    @Test func nothingOutsideAGitWorkTreeWithoutGitOrInAShallowClone() throws {
        let repo = try TempRepo()
        try repo.put("content/site.yml", siteYML)
        try repo.put("content/values/a.md", value("A"))
        try repo.put("content/pathways/p.md", "---\ntitle: P\nlevels:\n  - id: one\n    title: One\n---\n")
        try repo.commit("One", "2026-01-10T09:00:00+00:00")
        try repo.put("content/values/a.md", value("A", "Two."))
        try repo.commit("Two", "2026-01-11T09:00:00+00:00")

        func expectNoGit(_ out: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(!exists(out + "/changes"), sourceLocation: sourceLocation)
            #expect(pageMeta(read(out + "/values/a/index.html")) == [
                "<p><a href=\"https://git.example.com/hr/edit/main/content/values/a.md\">Edit this page</a></p>",
            ], sourceLocation: sourceLocation)
            let pathway = read(out + "/pathways/p/index.html")
            #expect(!pathway.contains("History"), sourceLocation: sourceLocation)
            #expect(!read(out + "/index.html").contains("Recent changes"), sourceLocation: sourceLocation)
            #expect(!read(out + "/sitemap.xml").contains("changes/"), sourceLocation: sourceLocation)
        }

        // A copy of the folder that is not in any repository.
        let plain = Fixture.temporaryDirectory() + "/plain"
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repo.root + "/content", toPath: plain + "/content")
        let runner = CountingGitRunner()
        let output = Fixture.temporaryDirectory() + "/out"
        var options = LoadOptions()
        options.git = runner
        let result = Engine(source: plain, output: output, options: options).build()
        #expect(result.diagnostics.isEmpty)
        expectNoGit(output)
        #expect(runner.count == 2, "rev-parse with HEAD, then without")

        // No git on this machine.
        expectNoGit(repo.build(runner: ProcessGitRunner(executable: "/nonexistent/git")).output)

        // A shallow clone: its history is cut short, so it shows none.
        let shallow = Fixture.temporaryDirectory() + "/shallow"
        try repo.git("clone", "-q", "--depth", "1", "file://" + repo.root, shallow)
        let shallowOut = Fixture.temporaryDirectory() + "/shallow-out"
        #expect(Engine(source: shallow, output: shallowOut).build().diagnostics.isEmpty)
        expectNoGit(shallowOut)
    }

    @Test func gitRunsDoNotGrowWithPages() throws {
        func site(values: Int) throws -> CountingGitRunner {
            let repo = try TempRepo()
            try repo.put("content/site.yml", "title: Hub\n")
            try repo.put("content/pathways/p.md", "---\ntitle: P\nlevels:\n  - id: one\n    title: One\n---\n")
            for i in 1...values {
                try repo.put("content/values/v\(i).md", value("Value \(i)"))
                try repo.commit("Value \(i)", "2026-01-\(String(format: "%02d", i))T09:00:00+00:00")
                try repo.put("content/pathways/p.md", "---\ntitle: P\nlevels:\n  - id: one\n    title: One \(i)\n---\n")
                try repo.commit("Pathway \(i)", "2026-01-\(String(format: "%02d", i))T10:00:00+00:00")
            }
            try repo.put("content/values/v1.md", value("Value 1", "Uncommitted."))
            let runner = CountingGitRunner()
            let (out, _) = repo.build(runner: runner)
            #expect(read(out + "/pathways/p/index.html").contains("<li>Level reworded: One \(values).</li>"))
            return runner
        }
        let one = try site(values: 1), twenty = try site(values: 20)
        #expect(one.commands == ["rev-parse", "log", "status", "cat-file"])
        #expect(twenty.commands == one.commands)
    }

    @Test func sameCommitSameOutput() throws {
        let repo = try TempRepo()
        try repo.put("content/site.yml", "title: Hub\n")
        for name in ["b", "a", "c"] { try repo.put("content/values/\(name).md", value(name.uppercased())) }
        try repo.commit("Values", "2026-01-10T09:00:00+00:00")
        try repo.put("content/values/c.md", value("C", "Edited."))
        let first = repo.build().output, second = repo.build().output
        #expect(snapshot(first).filter { !$0.key.hasPrefix(".engage") } == snapshot(second).filter { !$0.key.hasPrefix(".engage") })
        #expect(GitHistory(source: repo.source).fingerprint() == GitHistory(source: repo.source).read()?.fingerprint)
        let before = GitHistory(source: repo.source).fingerprint()
        try repo.commit("Edit C", "2026-01-11T09:00:00+00:00")
        #expect(GitHistory(source: repo.source).fingerprint() != before)
    }
}

/// The pure diff of two pathway versions.
@Suite struct PathwayDiffTests {
    func pathway(_ levels: [Level], _ competencies: [Competency]) -> Pathway {
        Pathway(slug: "p", title: "P", values: [], levels: levels, competencies: competencies, moves: [], body: .empty, source: SourceRef(path: "content/pathways/p.md"))
    }

    @Test func addedRemovedAndRewordedLevelsAndCompetencies() {
        let old = pathway([Level(id: "a", title: "Agent"), Level(id: "b", title: "Senior"), Level(id: "c", title: "Lead", summary: "Leads.")],
                          [Competency(id: "x", name: "Care", expectations: ["a": [Criterion("Listens.", examples: ["One"])]]),
                           Competency(id: "y", name: "Speed", expectations: ["a": [Criterion("Fast.")]]),
                           Competency(id: "z", name: "Tools", expectations: ["a": [Criterion("Knows.")]])])
        let new = pathway([Level(id: "a", title: "Agent"), Level(id: "c", title: "Lead", summary: "Leads a team."), Level(id: "d", title: "Head")],
                          [Competency(id: "x", name: "Care", expectations: ["a": [Criterion("Listens.", examples: ["Other example"])]]),
                           Competency(id: "z", name: "Tools", expectations: ["a": [Criterion("Knows.", proficiency: "Expert")]]),
                           Competency(id: "w", name: "Writing", expectations: [:])])
        #expect(PathwayDiff.compare(old, new) == PathwayDiff(
            levelsAdded: ["Head"], levelsRemoved: ["Senior"], levelsReworded: ["Lead"],
            competenciesAdded: ["Writing"], competenciesRemoved: ["Speed"], competenciesReworded: ["Tools"]))
        #expect(PathwayDiff.compare(new, new).isEmpty)
        var cumulative = new
        cumulative.cumulative = true
        #expect(PathwayDiff.compare(new, cumulative) == PathwayDiff(cumulative: true))
        #expect(PathwayHistoryItem.sentences(.changed(PathwayDiff(cumulative: true))) == ["Each level now adds to the levels it grows from."])
        #expect(PathwayHistoryItem.sentences(.changed(PathwayDiff(levelsAdded: ["A", "B"], cumulative: false))) == [
            "Each level now states all it expects (no longer adding to the levels it grows from).", "Levels added: A, B.",
        ])
    }

    @Test func entriesCompareWithTheLastReadableVersion() {
        func commit(_ n: Int) -> ContentHistory.Commit { .init(hash: "h\(n)", date: "2026-01-0\(n)T00:00:00Z", subject: "c\(n)") }
        let v1 = pathway([Level(id: "a", title: "A")], [])
        let v3 = pathway([Level(id: "a", title: "A"), Level(id: "b", title: "B")], [])
        let entries = PathwayHistory.entries([PathwayVersion(commit: commit(3), pathway: v3), PathwayVersion(commit: commit(2), pathway: nil),
                                              PathwayVersion(commit: commit(1), pathway: v1)])
        #expect(entries.map(\.change) == [.changed(PathwayDiff(levelsAdded: ["B"])), .unreadable, .created(levels: 1, competencies: 0)])
        #expect(entries.map(\.commit.hash) == ["h3", "h2", "h1"])
    }
}

/// git's machine-readable output, parsed.
@Suite struct GitOutputParsingTests {
    @Test func logStatusAndBatch() {
        let log = "\u{1e}abc\u{1f}2026-03-12T23:30:00-05:00\u{1f}Rename é\0\nR087\0hr/content/values/a.md\0hr/content/values/b.md\0M\0hr/content/site.yml\0D\0hr/content/teams/x.md\0"
            + "\u{1e}def\u{1f}2026-03-01T10:00:00+00:00\u{1f}Merge\0\n"
        let commits = GitHistory.parseLog(Data(log.utf8), prefix: "hr/")
        #expect(commits == [ContentHistory.Commit(hash: "abc", date: "2026-03-12T23:30:00-05:00", subject: "Rename é", changes: [
            .init(path: "content/values/b.md", kind: .renamed, oldPath: "content/values/a.md"),
            .init(path: "content/site.yml", kind: .modified),
            .init(path: "content/teams/x.md", kind: .deleted),
        ])])
        #expect(commits.first?.day == "2026-03-12")
        let status = " M hr/content/values/b.md\0?? hr/content/pages/new page.md\0A  hr/content/values/a.md\0"
        #expect(GitHistory.parseStatus(Data(status.utf8), prefix: "hr/") == ["content/pages/new page.md", "content/values/a.md", "content/values/b.md"])
        let batch = "1111 blob 5\nhello\nabc:content/x.md missing\n2222 blob 0\n\n"
        #expect(GitHistory.parseBatch(Data(batch.utf8), count: 3) == [Data("hello".utf8), nil, Data()])
    }

    @Test func pathwayVersionsFollowRenamesBackToTheFileThatWasAdded() {
        func commit(_ hash: String, _ changes: [ContentHistory.FileChange]) -> ContentHistory.Commit {
            .init(hash: hash, date: "2026-01-01T00:00:00Z", subject: hash, changes: changes)
        }
        let commits = [
            commit("c4", [.init(path: "content/pathways/new.md", kind: .modified)]),
            commit("c3", [.init(path: "content/pathways/new.md", kind: .renamed, oldPath: "content/pathways/old.md")]),
            commit("c2", [.init(path: "content/pathways/old.md", kind: .added)]),
            commit("c1", [.init(path: "content/pathways/old.md", kind: .deleted)]),
        ]
        let wanted = GitHistory.wantedVersions(["content/pathways/new.md"], commits)
        #expect(wanted.map { "\($0.commit.hash):\($0.path)" } == ["c4:content/pathways/new.md", "c3:content/pathways/new.md", "c2:content/pathways/old.md"])
    }
}
