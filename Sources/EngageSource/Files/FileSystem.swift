import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EngageModel

/// The file-reading seam of the loader (tests can swap in an in-memory tree).
public protocol SourceFileSystem: Sendable {
    /// Entries (files and folders) directly in `directory`, by name; nil when it does not exist
    /// *or* cannot be read. Prefer `listFolder`, which tells the two apart.
    func list(_ directory: String) -> [String]?
    /// Entries directly in `directory`: nil when nothing is there; throws `SourceFileError` when
    /// something is there that cannot be listed (no permission, a file, a FIFO…).
    func listFolder(_ directory: String) throws -> [String]?
    func isDirectory(_ path: String) -> Bool
    /// The bytes of a regular file; throws `SourceFileError` (or another error) when it cannot be read.
    func read(_ path: String) throws -> Data
    /// What is at `path` (symbolic links followed), and whether `path` itself is a symbolic link.
    func entry(_ path: String) -> SourceEntry
    /// `path` with every symbolic link resolved, absolute; nil when it leads nowhere.
    func realPath(_ path: String) -> String?
}

/// What a path in the source folder is.
public struct SourceEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case missing, file, directory
        /// Something that is neither a regular file nor a folder, described ("a named pipe (FIFO)").
        case other(String)
    }
    public var kind: Kind
    public var isLink: Bool
    public init(kind: Kind, isLink: Bool = false) {
        self.kind = kind
        self.isLink = isLink
    }
}

/// Why a file or folder of the source could not be read, in words for a diagnostic.
public enum SourceFileError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    case permissionDenied
    case notAFolder
    case isAFolder
    case notARegularFile(String)
    case missing
    case system(String)

    public var description: String {
        switch self {
        case .permissionDenied: return "permission denied"
        case .notAFolder: return "it is a file, not a folder"
        case .isAFolder: return "it is a folder, not a file"
        case .notARegularFile(let what): return "it is \(what), not a regular file"
        case .missing: return "it does not exist"
        case .system(let text): return text
        }
    }
    public var errorDescription: String? { description }

    init(errno code: Int32) {
        switch code {
        case EACCES, EPERM: self = .permissionDenied
        case ENOTDIR: self = .notAFolder
        case EISDIR: self = .isAFolder
        case ENOENT: self = .missing
        default: self = .system(String(cString: strerror(code)).lowercased())
        }
    }

    /// Words for any error from reading a source file, never Foundation's raw domain and code.
    static func describe(_ error: Error) -> String {
        if let known = error as? SourceFileError { return known.description }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileReadNoPermission: return SourceFileError.permissionDenied.description
            case .fileReadNoSuchFile, .fileNoSuchFile: return SourceFileError.missing.description
            case .fileReadInvalidFileName: return "the file name is not valid"
            default:
                if let posix = cocoa.underlying as? POSIXError { return SourceFileError(errno: posix.code.rawValue).description }
                return "the file could not be read"
            }
        }
        if let posix = error as? POSIXError { return SourceFileError(errno: posix.code.rawValue).description }
        return "the file could not be read"
    }
}

extension SourceFileSystem {
    /// For file systems without permissions (in memory): a missing folder is nil, a file is not a folder.
    public func listFolder(_ directory: String) throws -> [String]? {
        if let names = list(directory) { return names }
        if (try? read(directory)) != nil { throw SourceFileError.notAFolder }
        return nil
    }

    public func entry(_ path: String) -> SourceEntry {
        if isDirectory(path) { return SourceEntry(kind: .directory) }
        return SourceEntry(kind: (try? read(path)) != nil ? .file : .missing)
    }

    public func realPath(_ path: String) -> String? { path }
}

public struct LocalFileSystem: SourceFileSystem {
    public init() {}

    public func list(_ directory: String) -> [String]? {
        (try? listFolder(directory)) ?? nil
    }

    public func listFolder(_ directory: String) throws -> [String]? {
        guard let dir = opendir(directory) else {
            let code = errno
            if code == ENOENT { return nil }
            if code == ENOTDIR {
                let kind = entry(directory).kind
                if case .other(let what) = kind { throw SourceFileError.notARegularFile(what) }
            }
            throw SourceFileError(errno: code)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let item = readdir(dir) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func isDirectory(_ path: String) -> Bool {
        entry(path).kind == .directory
    }

    public func entry(_ path: String) -> SourceEntry {
        var info = stat()
        guard lstat(path, &info) == 0 else { return SourceEntry(kind: .missing) }
        var isLink = false
        if info.st_mode & S_IFMT == S_IFLNK {
            isLink = true
            guard stat(path, &info) == 0 else { return SourceEntry(kind: .missing, isLink: true) }
        }
        return SourceEntry(kind: Self.kind(info.st_mode), isLink: isLink)
    }

    static func kind(_ mode: mode_t) -> SourceEntry.Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFIFO: return .other("a named pipe (FIFO)")
        case S_IFSOCK: return .other("a socket")
        case S_IFCHR, S_IFBLK: return .other("a device")
        default: return .other("a special file")
        }
    }

    public func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads a regular file; folders, FIFOs and devices are refused without blocking on them.
    public func read(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SourceFileError(errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SourceFileError(errno: errno) }
        switch Self.kind(info.st_mode) {
        case .file: break
        case .directory: throw SourceFileError.isAFolder
        case .other(let what): throw SourceFileError.notARegularFile(what)
        case .missing: throw SourceFileError.missing
        }
        var data = Data(count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == data.count { data.count += max(4096, data.count / 2) }
            let n = data.withUnsafeMutableBytes { raw in
                posixRead(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw SourceFileError(errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        data.count = filled
        return data
    }
}

private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
