import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The second half of resolving a request: from path segments (already free of `..`, see
/// `RequestPath`) to a regular file inside the built site. Symbolic links are resolved with
/// `realpath` and the result must still lie inside the site's own real folder.
public struct SiteFiles: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public struct File: Sendable, Equatable {
        public var path: String
        public var etag: String
    }

    public enum Found: Sendable, Equatable {
        case file(File)
        /// A folder asked for without its "/": the same address with one.
        case folderWithoutSlash
        case notFound
        /// The name resolves to something outside the site (a symbolic link out of it).
        case forbidden
    }

    public func locate(_ segments: [String], trailingSlash: Bool) -> Found {
        // Engage's own bookkeeping files in the output are not pages.
        if segments.contains(where: { $0.hasPrefix(".engage") }) { return .notFound }
        guard let realRoot = Self.realPath(root) else { return .notFound }
        let candidate = segments.isEmpty ? root : root + "/" + segments.joined(separator: "/")
        switch Self.inspect(candidate, inside: realRoot) {
        case .outside: return .forbidden
        case .missing: return .notFound
        case .folder:
            guard trailingSlash else { return .folderWithoutSlash }
            switch Self.inspect(candidate + "/index.html", inside: realRoot) {
            case .file(let file): return .file(file)
            case .outside: return .forbidden
            default: return .notFound
            }
        case .file(let file):
            return trailingSlash ? .notFound : .file(file)
        }
    }

    enum Inspection { case missing, outside, folder, file(File) }

    static func inspect(_ path: String, inside realRoot: String) -> Inspection {
        guard let real = realPath(path) else { return .missing }
        guard real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else { return .outside }
        var info = stat()
        guard stat(real, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG:
            let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            return .file(File(path: real, etag: ETag.make(inode: UInt64(info.st_ino), size: Int64(info.st_size), modifiedNanoseconds: nanos)))
        default: return .missing
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
