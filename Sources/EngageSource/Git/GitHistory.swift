import Foundation
import EngageModel

/// Reads `ContentHistory` for a source folder with a fixed number of git runs, whatever the number
/// of pages or commits:
///
/// 1. `git rev-parse --is-inside-work-tree --is-shallow-repository --show-prefix HEAD`: is this a
///    work tree, is the clone shallow, where the source folder is in it, the commit checked out
///    (run again without `HEAD` in a repository that has no commit yet);
/// 2. `git log -z --name-status -M … -- content`: every commit that changed `content/`, with its
///    files (renames found);
/// 3. `git status --porcelain -z --untracked-files=all --no-renames -- content`: uncommitted files;
/// 4. `git cat-file --batch`: each old version of the site's pathway files, in one run (only when
///    some pathway file has history).
///
/// Outside a work tree, without git, in a shallow clone (whose history is cut short, so its
/// dates would be wrong) or when a run fails, there is no history: nil, and no diagnostic.
public struct GitHistory: Sendable {
    public var source: String
    public var runner: any GitRunner

    public init(source: String, runner: any GitRunner = ProcessGitRunner()) {
        self.source = source
        self.runner = runner
    }

    static let quiet = ["-c", "core.quotepath=off", "-c", "log.showSignature=false", "-c", "color.ui=false"]

    func git(_ arguments: [String], input: Data? = nil) -> GitOutput? {
        runner.run(Self.quiet + arguments, in: source, input: input)
    }

    /// Where the source folder is: its path inside the repository ("" or "site/"), and HEAD.
    struct Place {
        var prefix: String
        var head: String?
    }

    func place() -> Place? {
        // Two git runs only to learn that there is no repository cost 0.1 s of every rebuild.
        if runner is ProcessGitRunner && !Self.mayBeInWorkTree(source) { return nil }
        let info = ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix"]
        var lines: [String]
        var head: String? = nil
        if let out = git(info + ["HEAD"]), out.succeeded {
            lines = Self.lines(out.stdout)
            guard lines.count >= 4 else { return nil }
            head = lines[3]
        } else if let out = git(info), out.succeeded {
            lines = Self.lines(out.stdout)
        } else {
            return nil
        }
        guard lines.count >= 3, lines[0] == "true", lines[1] == "false" else { return nil }
        return Place(prefix: lines[2], head: head)
    }

    /// Whether git could find a repository for `folder`: a `.git` in it or a folder above it, or
    /// git told where one is (`GIT_DIR`, `GIT_WORK_TREE`). When not, git's own search fails too.
    static func mayBeInWorkTree(_ folder: String) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["GIT_DIR"] != nil || environment["GIT_WORK_TREE"] != nil { return true }
        var path = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
        while true {
            if access(path + (path.hasSuffix("/") ? "" : "/") + ".git", F_OK) == 0 { return true }
            if path == "/" || path.isEmpty { return false }
            path = (path as NSString).deletingLastPathComponent
        }
    }

    /// The history of `content/`, with the versions of the given pathways' files; nil when there is none to read.
    public func read(pathways: [Pathway] = []) -> ContentHistory? {
        guard let place = place() else { return nil }
        var commits: [ContentHistory.Commit] = []
        if place.head != nil {
            let format = "--format=%x1e%H%x1f%cI%x1f%s"
            guard let log = git(["log", "-z", "--name-status", "-M", "--no-color", "--no-ext-diff", format, "--", "content"]),
                  log.succeeded else { return nil }
            commits = Self.parseLog(log.stdout, prefix: place.prefix)
        }
        guard let status = git(["status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", "content"]),
              status.succeeded else { return nil }
        let uncommitted = Self.parseStatus(status.stdout, prefix: place.prefix)
        let versions = pathwayVersions(pathways, commits, prefix: place.prefix)
        return ContentHistory(head: place.head, commits: commits, uncommitted: uncommitted, pathwayVersions: versions)
    }

    /// Just what `ContentHistory.fingerprint` is made of, in two or three git runs (for a rebuild
    /// deciding whether git changed); nil where `read` gives no history.
    public func fingerprint() -> String? {
        guard let place = place(),
              let status = git(["status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", "content"]),
              status.succeeded else { return nil }
        return ContentHistory.fingerprint(head: place.head, uncommitted: Self.parseStatus(status.stdout, prefix: place.prefix))
    }

    // MARK: Parsing

    static func lines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// A path of git's (relative to the repository) made relative to the source folder; nil outside it.
    static func relative(_ path: String, _ prefix: String) -> String? {
        guard path.hasPrefix(prefix) else { return nil }
        return String(path.dropFirst(prefix.count))
    }

    /// `git log -z --name-status --format=%x1e%H%x1f%cI%x1f%s` → commits, newest first. Commits
    /// with no file under the source folder's `content/` (merges) are left out.
    static func parseLog(_ data: Data, prefix: String) -> [ContentHistory.Commit] {
        var commits: [ContentHistory.Commit] = []
        for record in data.split(separator: 0x1e) {
            var fields = record.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard !fields.isEmpty else { continue }
            let header = fields.removeFirst().split(separator: "\u{1f}", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard header.count == 3 else { continue }
            var commit = ContentHistory.Commit(hash: header[0], date: header[1], subject: header[2])
            var i = 0
            func next() -> String? {
                guard i < fields.count else { return nil }
                defer { i += 1 }
                return fields[i].trimmingCharacters(in: .newlines)
            }
            while let code = next() {
                guard let letter = code.first else { continue }
                switch letter {
                case "R", "C":
                    guard let from = next(), let to = next() else { break }
                    let old = relative(from, prefix), new = relative(to, prefix)
                    if letter == "R", let old, let new {
                        commit.changes.append(.init(path: new, kind: .renamed, oldPath: old))
                    } else if let new {
                        commit.changes.append(.init(path: new, kind: .added))
                    }
                default:
                    guard let path = next(), let rel = relative(path, prefix) else { continue }
                    let kind: ContentHistory.FileChange.Kind = letter == "A" ? .added : letter == "D" ? .deleted : .modified
                    commit.changes.append(.init(path: rel, kind: kind))
                }
            }
            if !commit.changes.isEmpty { commits.append(commit) }
        }
        return commits
    }

    /// `git status --porcelain -z --no-renames` → the files with uncommitted changes (untracked
    /// ones included), relative to the source folder, sorted.
    static func parseStatus(_ data: Data, prefix: String) -> [String] {
        var paths: Set<String> = []
        for entry in data.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard text.count > 3 else { continue }
            if let rel = relative(String(text.dropFirst(3)), prefix) { paths.insert(rel) }
        }
        return paths.sorted()
    }

    // MARK: Pathway versions

    /// One version to fetch: which pathway (current path), at which commit, from which path.
    struct Wanted {
        var current: String
        var commit: ContentHistory.Commit
        var path: String
    }

    /// Which versions of each pathway file to read: walking back from the newest commit, every
    /// commit that added, changed or renamed it (following the rename to the older name), until
    /// the commit that added it.
    static func wantedVersions(_ paths: [String], _ commits: [ContentHistory.Commit]) -> [Wanted] {
        var wanted: [Wanted] = []
        for current in paths.sorted() {
            var name = current
            walk: for commit in commits {
                for change in commit.changes where change.path == name {
                    switch change.kind {
                    case .deleted:
                        break walk
                    case .added:
                        wanted.append(Wanted(current: current, commit: commit, path: name))
                        break walk
                    case .modified:
                        wanted.append(Wanted(current: current, commit: commit, path: name))
                    case .renamed:
                        wanted.append(Wanted(current: current, commit: commit, path: name))
                        if let old = change.oldPath { name = old }
                    }
                }
            }
        }
        return wanted
    }

    func pathwayVersions(_ pathways: [Pathway], _ commits: [ContentHistory.Commit], prefix: String) -> [String: [PathwayVersion]] {
        let wanted = Self.wantedVersions(pathways.map(\.source.path), commits)
        guard !wanted.isEmpty else { return [:] }
        let request = wanted.map { "\($0.commit.hash):\(prefix)\($0.path)\n" }.joined()
        guard let out = git(["cat-file", "--batch"], input: Data(request.utf8)), out.succeeded else { return [:] }
        let blobs = Self.parseBatch(out.stdout, count: wanted.count)
        var versions: [String: [PathwayVersion]] = [:]
        for (index, want) in wanted.enumerated() {
            let text = index < blobs.count ? blobs[index].flatMap { String(data: $0, encoding: .utf8) } : nil
            let slug = String((want.path.split(separator: "/").last ?? "").dropLast(3))
            let pathway = text.flatMap { SiteLoader.decodeOldPathway($0, slug: slug, path: want.path) }
            let commit = ContentHistory.Commit(hash: want.commit.hash, date: want.commit.date, subject: want.commit.subject)
            versions[want.current, default: []].append(PathwayVersion(commit: commit, pathway: pathway))
        }
        return versions
    }

    /// `git cat-file --batch` output → each object's bytes, nil for a missing one, in request order.
    static func parseBatch(_ data: Data, count: Int) -> [Data?] {
        var result: [Data?] = []
        let bytes = [UInt8](data)
        var i = 0
        while result.count < count, i < bytes.count {
            guard let end = bytes[i...].firstIndex(of: 0x0a) else { break }
            let header = String(decoding: bytes[i..<end], as: UTF8.self).split(separator: " ")
            i = end + 1
            if header.count == 3, let size = Int(header[2]), i + size <= bytes.count {
                result.append(Data(bytes[i..<(i + size)]))
                i += size + 1
            } else {
                result.append(nil)
            }
        }
        return result
    }
}
