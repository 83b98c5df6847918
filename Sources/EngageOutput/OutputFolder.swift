import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// The places one output folder uses. For `--output DIR/site` they are all siblings:
///
/// - `DIR/site`                the served site (always one whole generation)
/// - `DIR/.site.engage-next`   where the next generation is made; after the swap it holds the
///                             previous one, which the next build recycles (never served)
/// - `DIR/.site.engage-lock`   the lock that keeps two builds from interleaving
struct OutputLayout {
    /// The output folder, with a symbolic link to it resolved (the swap happens where the files are).
    let root: String
    let next: String
    let lock: String
    /// Whether `root` exists (as a folder).
    let exists: Bool

    init(root given: String) throws {
        var root = given
        var info = stat()
        if lstat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(root, nil) else {
                throw OutputError(path: "", message: "the output folder is a symbolic link that leads nowhere")
            }
            root = String(cString: resolved)
            free(resolved)
        }
        let exists: Bool
        if stat(root, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw OutputError(path: "", message: "the output folder is a file, not a folder")
            }
            exists = true
        } else {
            exists = false
        }
        let parent = (root as NSString).deletingLastPathComponent
        let name = (root as NSString).lastPathComponent
        let base = parent.isEmpty ? "." : parent
        if !exists && !FileManager.default.fileExists(atPath: base) {
            do {
                try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: "", message: "cannot create the folder '\(base)' that holds the output: \(OutputWriter.reason(error))")
            }
        }
        self.root = root
        self.next = base + "/." + name + ".engage-next"
        self.lock = base + "/." + name + ".engage-lock"
        self.exists = exists
    }
}

/// An exclusive `flock` on the lock file beside the output, held for the whole write. A second
/// build stops at once with a clear error rather than waiting. The kernel drops the lock when
/// the process ends, however it ends (`kill -9` included), so a stale lock cannot block builds.
struct OutputLock {
    let fd: Int32

    init(path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            throw OutputError(path: "", message: "cannot open the lock file '\(path)': \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(fd)
            throw OutputError(path: "", message: busy
                ? "another engage build is writing this output folder right now (it holds '\(path)'); run this build again when that one has finished"
                : "cannot lock '\(path)': \(reason)")
        }
        self.fd = fd
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// What is in a folder, read without following any symbolic link.
struct Tree {
    /// Every entry that is neither a folder nor a symbolic link, relative path → inode number.
    var files: [String: UInt64] = [:]
    var directories: Set<String> = []
    var links: [String] = []
    /// Folders that could not be read, with the reason.
    var unreadable: [String: String] = [:]

    static func scan(_ root: String) -> Tree {
        var tree = Tree()
        var pending = [""]
        while let relative = pending.popLast() {
            let full = relative.isEmpty ? root : root + "/" + relative
            guard let dir = opendir(full) else {
                tree.unreadable[relative] = String(cString: strerror(errno))
                continue
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var type = entry.pointee.d_type
                var inode = UInt64(entry.pointee.d_ino)
                if type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(root + "/" + path, &info) == 0 else { continue }
                    inode = UInt64(info.st_ino)
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: type = UInt8(DT_DIR)
                    case S_IFLNK: type = UInt8(DT_LNK)
                    default: type = UInt8(DT_REG)
                    }
                }
                if type == UInt8(DT_DIR) {
                    tree.directories.insert(path)
                    pending.append(path)
                } else if type == UInt8(DT_LNK) {
                    tree.links.append(path)
                } else {
                    tree.files[path] = inode
                }
            }
        }
        return tree
    }

    /// Scans several folders at once, one thread each (nil stays nil).
    static func scan(_ roots: [String?]) -> [Tree?] {
        let slots = UnsafeMutableBufferPointer<Tree?>.allocate(capacity: roots.count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        nonisolated(unsafe) let shared = slots   // each thread writes only its own slot
        DispatchQueue.concurrentPerform(iterations: roots.count) { index in
            if let root = roots[index] { shared[index] = scan(root) }
        }
        return Array(slots)
    }

    var isEmpty: Bool { files.isEmpty && directories.isEmpty && links.isEmpty && unreadable.isEmpty }
}

/// The list of files Engage wrote, kept in the output folder as `.engage-manifest`.
public enum Manifest {
    static let name = ".engage-manifest"
    static let header = "# Engage output manifest: the files Engage wrote here. It deletes or overwrites only these."

    /// The header with the generation's id (a fingerprint of every path and its bytes, so the same
    /// site always gets the same id): a build cache that knows the id knows what is served here
    /// without reading the files (docs/performance.md, "Incremental builds").
    static func header(generation: String?) -> String {
        guard let generation else { return header }
        return "# Engage output manifest, generation \(generation): the files Engage wrote here. It deletes or overwrites only these."
    }

    /// The generation id in the manifest's first line; nil without a manifest or an id.
    public static func generation(_ root: String) -> String? {
        let fd = open(root + "/" + name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 160)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        let line = String(decoding: buffer[0..<n], as: UTF8.self).prefix { $0 != "\n" }
        let prefix = "# Engage output manifest, generation "
        guard line.hasPrefix(prefix) else { return nil }
        let rest = line.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return String(rest[..<colon])
    }

    static func read(_ root: String) -> [String]? {
        var info = stat()
        guard lstat(root + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let data = FileManager.default.contents(atPath: root + "/" + name) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("#") }.map(String.init)
    }

    static func text(_ paths: [String], generation: String? = nil) -> Data {
        Data(([header(generation: generation)] + paths.sorted()).joined(separator: "\n").utf8 + [0x0A])
    }
}

/// File-system steps of a build, each throwing an `OutputError` that says what failed.
enum FolderOps {
    typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    static let renameExchange: UInt32 = 1 << 1   // RENAME_EXCHANGE from <linux/fs.h>

    /// glibc has `renameat2` since 2.28, but Swift's Glibc module does not export it: look it up.
    static let renameat2: Renameat2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()

    /// Swaps two folders in one step: every reader sees one or the other, never a mix.
    static func exchange(_ a: String, _ b: String) throws {
        guard let renameat2 else {
            throw OutputError(path: "", message: "this system's C library has no renameat2, so the output cannot be switched atomically")
        }
        if renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) != 0 {
            let reason = String(cString: strerror(errno))
            throw OutputError(path: "", message: "cannot switch to the new site (renameat2 RENAME_EXCHANGE of '\(a)' and the output folder): \(reason)")
        }
    }

    /// Removes a file or link (not a folder); a missing one is fine.
    static func remove(_ path: String, relative: String) throws {
        if unlink(path) != 0 && errno != ENOENT {
            throw OutputError(path: relative, message: "cannot remove the previous copy in the work folder '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Every folder of `paths`' ancestors ("a/b/c" → "a", "a/b").
    static func ancestors<S: Sequence>(of paths: S) -> Set<String> where S.Element == String {
        var result = Set<String>()
        for path in paths {
            var end = path.endIndex
            while let slash = path[path.startIndex..<end].lastIndex(of: "/") {
                let folder = String(path[path.startIndex..<slash])
                if !result.insert(folder).inserted { break }
                end = slash
            }
        }
        return result
    }
}
