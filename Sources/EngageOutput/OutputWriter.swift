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
    public init() {}
}

public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Updates an output folder in place: unchanged files are not rewritten, changed and new files
/// are first written beside their targets and then renamed over them, and stale files are
/// removed last. If any write fails, everything staged is removed and the folder is as it was.
/// Nothing outside the output folder is ever touched. One thread writes: on this kind of
/// machine parallel writes were measured slower than a single writer.
public struct OutputWriter: Sendable {
    public let root: String
    static let stagingSuffix = ".engage-staging"

    /// Writes one file's bytes (the I/O seam: tests inject failures such as a full disk).
    public typealias FileWriter = @Sendable (_ path: String, _ data: Data) throws -> Void
    let writeFile: FileWriter

    /// Plain POSIX writes: Foundation's `Data.write` syncs every file to disk, which made writing
    /// 10,000 pages ten times slower. Durability is left to the operating system, as other
    /// generators do; the staging and renames still keep a failed build from mixing old and new.
    public static let defaultWriter: FileWriter = { path, data in
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw OutputError(path: path, message: String(cString: strerror(errno)))
                }
                offset += n
            }
        }
    }

    public init(root: String, writeFile: @escaping FileWriter = OutputWriter.defaultWriter) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.writeFile = writeFile
    }

    public func write(_ files: [OutputFile]) throws -> WriteReport {
        let fm = FileManager.default
        for file in files where !OutputWriter.isSafeRelativePath(file.path) {
            throw OutputError(path: file.path, message: "refusing to write outside the output folder")
        }
        var report = WriteReport()
        var createdDirectories: [String] = []
        if !fm.fileExists(atPath: root) {
            do {
                try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
                createdDirectories.append(root)
            } catch {
                throw OutputError(path: root, message: "cannot create the output folder: \(OutputWriter.reason(error))")
            }
        }
        let (existing, existingDirectories) = existingEntries()
        var knownDirectories = existingDirectories
        knownDirectories.insert("")
        var staged: [(temp: String, final: String, relative: String)] = []

        func rollback() {
            for s in staged { try? fm.removeItem(atPath: s.temp) }
            for dir in createdDirectories.reversed() { try? fm.removeItem(atPath: dir) }
        }

        for file in files {
            let target = root + "/" + file.path
            if existing.contains(file.path), OutputWriter.contents(of: target, equal: file.data) {
                report.unchanged += 1
                continue
            }
            do {
                // Create missing parent folders, outermost first, remembering them for a rollback.
                let parts = file.path.split(separator: "/").dropLast()
                var relative = ""
                for part in parts {
                    relative = relative.isEmpty ? String(part) : relative + "/" + part
                    if knownDirectories.contains(relative) { continue }
                    let full = root + "/" + relative
                    if mkdir(full, 0o755) == 0 {
                        createdDirectories.append(full)
                    } else {
                        let reason = errno == EEXIST ? "a file is in the way" : String(cString: strerror(errno))
                        var info = stat()
                        guard errno == EEXIST, stat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                            throw OutputError(path: file.path, message: "cannot create folder '\(relative)': \(reason)")
                        }
                    }
                    knownDirectories.insert(relative)
                }
                let temp = target + OutputWriter.stagingSuffix
                staged.append((temp, target, file.path))
                try writeFile(temp, file.data)
            } catch let error as OutputError {
                rollback()
                throw error.path == file.path ? error : OutputError(path: file.path, message: "cannot write: \(error.message)")
            } catch {
                rollback()
                throw OutputError(path: file.path, message: "cannot write: \(OutputWriter.reason(error))")
            }
        }
        for (index, s) in staged.enumerated() {
            if rename(s.temp, s.final) != 0 {
                let message = String(cString: strerror(errno))
                for rest in staged[index...] { try? fm.removeItem(atPath: rest.temp) }
                throw OutputError(path: s.relative, message: "cannot replace file: \(message)")
            }
            report.written.append(s.relative)
        }
        let wanted = Set(files.map(\.path))
        var emptied = Set<String>()
        for path in existing.sorted() where !wanted.contains(path) {
            if unlink(root + "/" + path) == 0 {
                report.removed.append(path)
                var parent = (path as NSString).deletingLastPathComponent
                while !parent.isEmpty {
                    emptied.insert(parent)
                    parent = (parent as NSString).deletingLastPathComponent
                }
            }
        }
        // Folders left empty by removals go too, deepest first (rmdir refuses non-empty ones).
        for dir in emptied.sorted(by: { $0.count > $1.count }) { rmdir(root + "/" + dir) }
        return report
    }

    /// Compares a file's bytes with `data` without building a Data for the file.
    static func contents(of path: String, equal data: Data) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) == data.count else { return false }
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

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }

    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    /// Every file (not folder) below the root, and every folder, relative. Leftover staging
    /// files count as files, so they are removed as stale. Symbolic links are not followed.
    func existingEntries() -> (files: Set<String>, directories: Set<String>) {
        var files = Set<String>(), directories = Set<String>()
        var pending = [""]
        while let relative = pending.popLast() {
            let full = relative.isEmpty ? root : root + "/" + relative
            guard let dir = opendir(full) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var isDirectory = entry.pointee.d_type == DT_DIR
                if entry.pointee.d_type == DT_UNKNOWN {
                    var info = stat()
                    isDirectory = lstat(root + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                }
                if isDirectory {
                    directories.insert(path)
                    pending.append(path)
                } else {
                    files.insert(path)
                }
            }
        }
        return (files, directories)
    }
}
