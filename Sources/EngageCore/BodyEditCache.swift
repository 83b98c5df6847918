import Foundation
import EngageModel
import EngageRender
import EngageOutput
#if canImport(Glibc)
import Glibc
#endif

/// What `engage build`'s body-edit path (BodyEditBuild.swift) needs beyond the build cache, kept
/// beside it in `<source>/.engage-cache/body-edits` by every successful build. A text file of
/// tab-separated lines (strings escaped: `\\`, `\t`, `\n`, `\r`, `\u` for U+001F):
///
///     engage body edits 1
///     key <hex>                          the build cache's key
///     generation <hex>                   the served generation these lines describe
///     site <unsafe 0|1> <base_url>       what rendering a body and the search index depend on
///     user <0|1>                         whether the output held files Engage did not write
///     parse <inode> <size> <mtime ns>    the parse cache file as this build left it
///     search <inode> <size> <mtime ns>   the `body-search` file (BodySearchFile.swift) likewise
///     K <path>                           a file of the served generation the work folder lacks
///     N <folder> <inode> <mtime ns>      each folder of the work folder
///     B <output path> <source> <offset> <length>           where a page shows its body
///     check <hash>
///
/// Anything wrong and the file is ignored (an ordinary build). It is read whole by every build
/// after an edit, so it holds only what is read whole; the search entries, of which such a build
/// reads a few, are in `body-search`.
struct BodyEditCache: Equatable {
    static let format = "engage body edits 1"
    static let fileName = "body-edits"

    var key: String
    var generation: String
    var unsafe = false
    var baseURL = "/"
    /// The output folder held files Engage did not write (the path is not taken then: a change
    /// inside a folder of the user's would not be noticed, and the work folder's copy is older).
    var userFiles = false
    var parseCache = FileIdentity(inode: 0, size: 0, mtime: 0)
    var searchFile = FileIdentity(inode: 0, size: 0, mtime: 0)
    var missing: [String] = []
    var workFolders: [String: OutputFolderStamp] = [:]
    var slots: [String: BodySlot] = [:]

    struct FileIdentity: Equatable {
        var inode: UInt64, size: Int64, mtime: Int64
        static func of(_ path: String) -> FileIdentity? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return FileIdentity(inode: UInt64(info.st_ino), size: Int64(info.st_size),
                                mtime: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
    }

    // MARK: Text

    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 0x1F }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{1F}": out += "\\u"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String? {
        guard s.contains("\\") else { return String(s) }
        var out = "", escaped = false
        for c in s.unicodeScalars {
            if escaped {
                switch c {
                case "\\": out += "\\"
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                case "u": out += "\u{1F}"
                default: return nil
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return escaped ? nil : out
    }

    func text() -> String {
        var out = "\(Self.format)\nkey\t\(key)\ngeneration\t\(generation)\nsite\t\(unsafe ? 1 : 0)\t\(Self.escape(baseURL))\nuser\t\(userFiles ? 1 : 0)\n"
        out.reserveCapacity(64 * (missing.count + workFolders.count) + 96 * slots.count + 256)
        out += "parse\t\(parseCache.inode)\t\(parseCache.size)\t\(parseCache.mtime)\n"
        out += "search\t\(searchFile.inode)\t\(searchFile.size)\t\(searchFile.mtime)\n"
        for path in missing.sorted() { out += "K\t"; out += Self.escape(path); out += "\n" }
        for (folder, stamp) in workFolders.sorted(by: { $0.key < $1.key }) {
            out += "N\t"; out += Self.escape(folder); out += "\t\(stamp.inode)\t\(stamp.mtime)\n"
        }
        for (path, slot) in slots.sorted(by: { $0.key < $1.key }) {
            out += "B\t"; out += Self.escape(path); out += "\t"; out += Self.escape(slot.source); out += "\t\(slot.offset)\t\(slot.length)\n"
        }
        return out + "check\t\(ContentHash(out))\n"
    }

    /// Written whole or not at all; a file that cannot be written is removed (never trusted).
    func write(to folder: String) {
        let path = folder + "/" + Self.fileName, temporary = "\(path).tmp-\(getpid())"
        do {
            try OutputWriter.defaultWriter(temporary, Data(text().utf8))
            if rename(temporary, path) != 0 { unlink(temporary); unlink(path) }
        } catch {
            unlink(temporary); unlink(path)
        }
    }

    static func remove(from folder: String) { unlink(folder + "/" + fileName) }

    static func read(from folder: String, key: String) -> BodyEditCache? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return nil }
        return parse([UInt8](data), key: key)
    }

    /// Parses the file's bytes field by field (it has a line per output folder and page).
    static func parse(_ bytes: [UInt8], key: String) -> BodyEditCache? {
        let lines = TabLines(bytes)
        guard let body = lines.checkedBody(), body.count >= 6,
              body[0] == [Array(format.utf8)[...]], body[1].count == 2, body[1][0].elementsEqual("key".utf8), body[1][1].elementsEqual(key.utf8),
              body[2].count == 2, body[2][0].elementsEqual("generation".utf8) else { return nil }
        var cache = BodyEditCache(key: key, generation: String(decoding: body[2][1], as: UTF8.self))
        func identity(_ f: [ArraySlice<UInt8>]) -> FileIdentity? {
            guard f.count == 4, let inode = BuildCache.number(f[1]), let size = BuildCache.number(f[2]), let mtime = BuildCache.number(f[3]) else { return nil }
            return FileIdentity(inode: UInt64(bitPattern: inode), size: size, mtime: mtime)
        }
        for f in body.dropFirst(3) {
            switch (String(decoding: f[0], as: UTF8.self), f.count) {
            case ("site", 3):
                guard let base = unescape(f[2]) else { return nil }
                cache.unsafe = f[1].elementsEqual("1".utf8); cache.baseURL = base
            case ("user", 2):
                cache.userFiles = !f[1].elementsEqual("0".utf8)
            case ("parse", 4):
                guard let id = identity(f) else { return nil }
                cache.parseCache = id
            case ("search", 4):
                guard let id = identity(f) else { return nil }
                cache.searchFile = id
            case ("K", 2):
                guard let path = unescape(f[1]) else { return nil }
                cache.missing.append(path)
            case ("N", 4):
                guard let folder = unescape(f[1]), let inode = BuildCache.number(f[2]), let mtime = BuildCache.number(f[3]) else { return nil }
                cache.workFolders[folder] = OutputFolderStamp(inode: UInt64(bitPattern: inode), mtime: mtime)
            case ("B", 5):
                guard let path = unescape(f[1]), let source = unescape(f[2]), let offset = BuildCache.number(f[3]), let length = BuildCache.number(f[4]) else { return nil }
                cache.slots[path] = BodySlot(source: source, offset: Int(offset), length: Int(length))
            default:
                return nil
            }
        }
        return cache
    }

    static func unescape(_ bytes: ArraySlice<UInt8>) -> String? {
        let s = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(92) ? unescape(Substring(s)) : s
    }
}

/// A text file of tab-separated lines ending with `check <hash of everything before>`.
struct TabLines {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Every line before the check line, split at tabs; nil when the check fails.
    func checkedBody() -> [[ArraySlice<UInt8>]]? {
        let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
        guard bytes.last == newline, let checkStart = bytes.dropLast().lastIndex(of: newline).map({ $0 + 1 }) else { return nil }
        let check = bytes[checkStart..<(bytes.count - 1)]
        guard check.starts(with: Array("check\t".utf8)), let sum = BuildCache.hash(check.dropFirst(6)),
              sum == bytes.withUnsafeBytes({ ContentHash(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<checkStart])) }) else { return nil }
        var lines: [[ArraySlice<UInt8>]] = []
        var start = 0
        while start < checkStart {
            guard let end = bytes[start..<checkStart].firstIndex(of: newline) else { return nil }
            var fields: [ArraySlice<UInt8>] = []
            var fieldStart = start
            for i in start..<end where bytes[i] == tab {
                fields.append(bytes[fieldStart..<i])
                fieldStart = i + 1
            }
            fields.append(bytes[fieldStart..<end])
            lines.append(fields)
            start = end + 1
        }
        return lines
    }
}
