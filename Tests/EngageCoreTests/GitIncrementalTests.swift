import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageCore

/// The build cache and git: what a page shows from git (its last change, `/changes/`, a
/// pathway's History) is an input like its files, so a rebuild after a commit that changed no
/// file is neither skipped nor different from a clean build.
@Suite(.temporaryFolders) struct GitIncrementalTests {
    /// Builds the repository's source into `output` with the cache (the same folder each time).
    func build(_ repo: TempRepo, into output: String) -> BuildResult {
        let result = Engine(source: repo.source, output: output).build()
        #expect(result.succeeded, "\(result.diagnostics)")
        return result
    }

    @Test func aCommitOfUncommittedEditsRerendersTheirPagesOnly() throws {
        let repo = try TempRepo()
        try repo.put("content/site.yml", siteYML)
        try repo.put("content/values/a.md", value("A"))
        try repo.put("content/values/b.md", value("B"))
        try repo.commit("Add values", "2026-03-12T10:00:00+00:00")
        try repo.put("content/values/a.md", value("A", "Edited, not committed."))
        let output = Fixture.temporaryDirectory() + "/out"
        #expect(build(repo, into: output).cache == .full("no build cache yet"))
        #expect(pageMeta(read(output + "/values/a/index.html")).first == "<p class=\"page-meta\">Last changed: not yet committed</p>")
        #expect(build(repo, into: output).cache == .unchanged)

        // Committing changes no file under content/, yet a's date and /changes/ change.
        try repo.commit("Edit A", "2026-05-20T08:00:00+00:00")
        let after = build(repo, into: output)
        #expect(after.cache == .incremental)
        #expect(pageMeta(read(output + "/values/a/index.html")).first == "<p class=\"page-meta\">Last changed <time datetime=\"2026-05-20\">20 May 2026</time></p>")
        #expect(read(output + "/changes/index.html").contains("Edit A"))
        #expect(after.report?.written.contains("values/a/index.html") == true)
        #expect(after.report?.written.contains("values/b/index.html") == false)
        #expect(snapshot(output) == IncrementalBuildTests.cleanBuild(repo.source))
        #expect(build(repo, into: output).cache == .unchanged)
    }
}
