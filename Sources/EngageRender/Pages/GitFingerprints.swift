import EngageModel

/// The whole-site inputs that come from git (`PageInputs.sitewide`), for a build cache: a page
/// whose source file's last change moves (a new commit touches it, or it gets uncommitted edits)
/// is rendered again, and `/changes/` whenever the commit checked out moves.
public enum GitFingerprints {
    /// The commit checked out (what `/changes/` lists).
    public static let log = "git-log"

    /// The name of one source file's last change.
    public static func name(of path: String) -> String { "git:" + path }

    /// Every name with its value: the commit checked out, and per file git knows (committed or
    /// not) its last change. Empty outside git.
    public static func values(_ history: ContentHistory?) -> [String: String] {
        guard let history else { return [:] }
        var values = [log: history.head ?? "no commit"]
        var paths = Set(history.uncommitted)
        for commit in history.commits { for change in commit.changes { paths.insert(change.path) } }
        for path in paths {
            switch history.lastChange(of: [path]) {
            case .uncommitted: values[name(of: path)] = "uncommitted"
            case .commit(let commit): values[name(of: path)] = commit.hash
            case nil: break
            }
        }
        return values
    }
}
