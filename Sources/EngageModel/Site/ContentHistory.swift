import Foundation

/// Where the content came from: what git says about `content/` of the source folder, read once per
/// build (EngageSource/Git/). `Site.history` is nil outside a git work tree (and in a shallow clone,
/// whose history is cut short); then no page shows any of it.
///
/// Paths are relative to the source folder (`content/teams/alpha.md`), as in diagnostics.
/// Everything here is a pure value: the same commit and the same uncommitted files give the same
/// history, whatever the clock says (dates are the commits' own).
public struct ContentHistory: Sendable, Equatable {
    /// One commit that changed something under `content/`.
    public struct Commit: Sendable, Equatable, Hashable {
        public var hash: String
        /// The committer date as git wrote it (strict ISO 8601 with the committer's own offset,
        /// "2026-03-12T10:00:00+01:00").
        public var date: String
        public var subject: String
        /// What the commit changed under `content/`, in git's order.
        public var changes: [FileChange]

        public init(hash: String, date: String, subject: String, changes: [FileChange] = []) {
            self.hash = hash
            self.date = date
            self.subject = subject
            self.changes = changes
        }

        /// The calendar day of the commit, in the committer's time zone: "2026-03-12".
        public var day: String { String(date.prefix(10)) }
    }

    /// One file a commit changed. A rename is one change with `oldPath` set.
    public struct FileChange: Sendable, Equatable, Hashable {
        public enum Kind: String, Sendable { case added, modified, deleted, renamed }
        public var path: String
        public var kind: Kind
        public var oldPath: String?

        public init(path: String, kind: Kind, oldPath: String? = nil) {
            self.path = path
            self.kind = kind
            self.oldPath = oldPath
        }
    }

    /// When a set of files last changed.
    public enum LastChange: Sendable, Equatable {
        /// One of the files has changes that are not committed, or is not in git yet.
        case uncommitted
        /// The newest commit that touched one of them.
        case commit(Commit)
    }

    /// The commit checked out; nil in a repository without commits.
    public var head: String?
    /// Commits that changed `content/`, newest first (git's order).
    public var commits: [Commit]
    /// Files under `content/` with uncommitted changes (staged or not) or untracked, sorted.
    public var uncommitted: [String]
    /// A pathway file's versions (by its current path), newest first, following renames; filled
    /// for the pathways of the site.
    public var pathwayVersions: [String: [PathwayVersion]]
    private var newest: [String: Int] = [:]
    private var dirty: Set<String> = []

    public init(head: String?, commits: [Commit], uncommitted: [String], pathwayVersions: [String: [PathwayVersion]] = [:]) {
        self.head = head
        self.commits = commits
        self.uncommitted = uncommitted.sorted()
        self.pathwayVersions = pathwayVersions
        dirty = Set(uncommitted)
        for (index, commit) in commits.enumerated() {
            for change in commit.changes where newest[change.path] == nil { newest[change.path] = index }
        }
    }

    /// Changes whenever anything shown from git can change: another commit checked out, or a
    /// different set of uncommitted files. An incremental build compares it with the previous
    /// build's (see also `GitHistory.fingerprint(source:)`, which asks git for just this).
    public var fingerprint: String { Self.fingerprint(head: head, uncommitted: uncommitted) }

    public static func fingerprint(head: String?, uncommitted: [String]) -> String {
        ([head ?? "no commit"] + uncommitted.sorted()).joined(separator: "\n")
    }

    /// When any of `paths` last changed: "uncommitted" if one of them is, else the newest commit
    /// that touched one of them; nil when git knows none of them (an ignored file, none at all).
    public func lastChange(of paths: [String]) -> LastChange? {
        if paths.contains(where: dirty.contains) { return .uncommitted }
        guard let index = paths.compactMap({ newest[$0] }).min() else { return nil }
        return .commit(commits[index])
    }

    public static func == (a: ContentHistory, b: ContentHistory) -> Bool {
        a.head == b.head && a.commits == b.commits && a.uncommitted == b.uncommitted && a.pathwayVersions == b.pathwayVersions
    }
}

/// A pathway file as it was after one commit: the pathway parsed from it (with the same decoder as
/// the build, its diagnostics ignored), or nil when that version could not be read.
public struct PathwayVersion: Sendable, Equatable {
    public var commit: ContentHistory.Commit
    public var pathway: Pathway?

    public init(commit: ContentHistory.Commit, pathway: Pathway?) {
        self.commit = commit
        self.pathway = pathway
    }
}
