import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

public struct WriteReport: Sendable, Equatable {
    /// Files created or changed.
    public var written: [String] = []
    /// Files whose bytes were already right (not touched).
    public var unchanged: Int = 0
    /// Stale files removed.
    public var removed: [String] = []
    /// Files the build did not render again, kept from the served generation as they were
    /// (an incremental build; counted in `unchanged` too).
    public var reused: Int = 0
    /// Every file of the new generation (the manifest aside) and the fingerprint of its bytes.
    public var hashes: [String: ContentHash] = [:]
    /// The new generation's id, as written in its manifest.
    public var generation: String = ""
    /// Files in the output folder that Engage did not write (carried over).
    public var userFiles = 0
    public init() {}
}

/// What a build cache knows about the served generation: its id and each file's fingerprint.
/// The writer trusts the fingerprints (no file is read back) only while the served manifest
/// still carries this id, and keeps `reused` files without being given their bytes.
public struct KnownOutput: Sendable {
    public var generation: String
    public var hashes: [String: ContentHash]
    public init(generation: String, hashes: [String: ContentHash]) {
        self.generation = generation
        self.hashes = hashes
    }
}

/// The served folder is not the generation the build cache describes (another build, or a
/// hand edit of the manifest, came between): the caller builds again without the cache.
public struct StaleOutputKnowledge: Error {}

public struct OutputError: Error, CustomStringConvertible {
    /// Relative to the output folder; empty for the folder itself.
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Several problems found before anything was written (each names its file).
public struct OutputErrors: Error, CustomStringConvertible {
    public var errors: [OutputError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Writes a site into an output folder as one new generation that replaces the old one in a
/// single step (see docs/content-model.md, "The output folder"):
///
/// 1. Take the lock beside the output (`.NAME.engage-lock`); a second build stops.
/// 2. Read the output without following links: a symbolic link is an error; the manifest
///    (`.engage-manifest`) says which files are Engage's, everything else is the user's. A
///    non-empty folder without a manifest is refused unless `force`. A user's file or folder
///    where the build must write is an error.
/// 3. Make the next generation in the sibling `.NAME.engage-next` (recycling the previous
///    generation left there): files whose bytes are unchanged, and the user's files, are hard
///    links to the served ones; changed files are written anew (never through a link).
/// 4. Swap the two folders with `renameat2(RENAME_EXCHANGE)`: readers see the old site or the
///    new one, never a mix. Then drop the old copies of changed and removed files from the
///    previous generation, which stays beside the output for the next build to recycle.
///
/// The served folder is never written into, so a failure or a kill before step 4 leaves it
/// byte-identical. One thread writes: parallel writes were measured slower on this kind of machine.
public struct OutputWriter: Sendable {
    public let root: String
    /// Build into a non-empty folder that has no manifest, keeping the files that are there.
    public var force: Bool

    /// Writes one file's bytes (the I/O seam: tests inject failures such as a full disk). It is
    /// only ever called for a path that does not exist yet in the work folder.
    public typealias FileWriter = @Sendable (_ path: String, _ data: Data) throws -> Void
    let writeFile: FileWriter

    /// Plain POSIX writes: Foundation's `Data.write` syncs every file to disk, which made writing
    /// 10,000 pages ten times slower. Durability is left to the operating system, as other
    /// generators do; the swap of whole generations keeps a kill or failure from mixing old and new.
    public static let defaultWriter: FileWriter = { path, data in
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        if let failure = data.withUnsafeBytes({ writeAll(fd, $0) }) {
            throw OutputError(path: path, message: String(cString: strerror(failure)))
        }
    }

    /// Writes all of `bytes` to `fd`; the `errno` of the failure, or nil.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return nil
    }

    public init(root: String, force: Bool = false, writeFile: @escaping FileWriter = OutputWriter.defaultWriter) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.force = force
        self.writeFile = writeFile
    }

    public func write(_ files: [OutputFile]) throws -> WriteReport {
        try write(files, reused: [], known: nil)
    }

    /// `reused`: paths of the served generation kept as they are (their fingerprints must be in
    /// `known`). Throws `StaleOutputKnowledge` when `known` does not describe the served folder.
    public func write(_ files: [OutputFile], reused: [String], known: KnownOutput?) throws -> WriteReport {
        try write(paths: files.map(\.path), reused: reused, known: known) { emit in try emit(files) }
    }

    /// The same, with the files' bytes made while writing: `paths` are the files the build will
    /// make; `produce` makes them and hands them over in batches through `emit` (each path once,
    /// in any order), and a writer thread writes each batch while the next is made. Whatever
    /// `produce` throws stops the build before anything is served (the work folder is left for
    /// the next build to recycle).
    public func write(paths: [String], reused: [String], known: KnownOutput?,
                      produce: (_ emit: ([OutputFile]) throws -> Void) throws -> Void) throws -> WriteReport {
        for path in paths where !OutputWriter.isSafeRelativePath(path) {
            throw OutputError(path: path, message: "refusing to write outside the output folder")
        }
        if paths.contains(Manifest.name) {
            throw OutputError(path: Manifest.name, message: "this address is kept for Engage's manifest")
        }
        let layout = try OutputLayout(root: root)
        let lock = try OutputLock(path: layout.lock)
        defer { lock.release() }
        // The served folder and the work folder are read at the same time (two cores, two trees).
        var info = stat()
        if lstat(layout.next, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
            try FolderOps.remove(layout.next, relative: "")
        }
        if let known, !layout.exists || Manifest.generation(layout.root) != known.generation { throw StaleOutputKnowledge() }
        if !reused.isEmpty && known == nil { throw StaleOutputKnowledge() }
        let trees = Tree.scan([layout.exists ? layout.root : nil, lstat(layout.next, &info) == 0 ? layout.next : nil])
        let plan = try OutputPlan(layout: layout, current: trees[0] ?? Tree(), files: paths + reused, force: force)
        return try Generation(layout: layout, plan: plan, writeFile: writeFile, workFolder: trees[1], known: known)
            .make(paths: paths, reused: reused, produce: produce)
    }

    /// Compares a file's bytes with `data` without building a Data for the file.
    static func contents(of path: String, equal data: Data) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else { return false }
        var buffer = [UInt8](unsafeUninitializedCapacity: data.count) { _, count in count = data.count }
        let complete = buffer.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.read(fd, base + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        guard complete else { return false }
        return buffer.withUnsafeBytes { a in
            data.withUnsafeBytes { b in
                guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == b.count }
                return memcmp(pa, pb, a.count) == 0
            }
        }
    }

    package static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }

    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\n") && !path.contains("\0")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }
}
