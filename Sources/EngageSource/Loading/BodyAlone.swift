import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// A few records of the parse cache file (`ParseCacheFile.swift`), read without decoding the
/// others: `engage build`'s body-edit path reads the old body of each file that changed, and
/// appends records with the new bodies (a later record of a path wins when the file is loaded;
/// the next ordinary build writes the file anew, without the old ones).
public struct ParseCacheRecords {
    private let path: String
    private var entries: [String: ParseCache.BodyEntry] = [:]
    private var appended: [UInt8] = []
    /// Each appended record's path and length, in order (for the index).
    private var appendedRecords: [(path: String, length: Int)] = []

    /// The records of `paths` in the file at `path` made with this build key, found through its
    /// index (`ParseCacheIndex`); nil when the file or the index is missing or of another key.
    /// A path the index does not have, or whose record is not there as the index says, has no
    /// entry (the body-edit path then gives way to the ordinary build).
    public static func read(path: String, key: String, wanting paths: Set<String>) -> ParseCacheRecords? {
        guard let index = FileManager.default.contents(atPath: ParseCacheIndex.path(of: path)).map({ [UInt8]($0) }),
              index.starts(with: ParseCacheIndex.header(key: key)) else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let header = Array((ParseCache.fileHeader + key + "\n").utf8)
        var start = [UInt8](repeating: 0, count: header.count)
        var info = stat()
        guard pread(fd, &start, header.count, 0) == header.count, start == header, fstat(fd, &info) == 0 else { return nil }
        var records = ParseCacheRecords(path: path)
        for name in paths {
            // An index line is only a hint: a record must lie inside the file (and is checked).
            guard let (offset, length) = ParseCacheIndex.find(name, in: index), length >= 12, offset >= header.count,
                  offset <= Int(info.st_size) - length else { continue }
            var record = [UInt8](repeating: 0, count: length)
            guard pread(fd, &record, length, off_t(offset)) == length else { continue }
            var head = ByteReader(bytes: record, at: 0)
            guard let size = head.u32(), Int(size) == length - 12, let sum = head.u64(), ParseCache.checksum(record[12...]) == sum else { continue }
            var r = ByteReader(bytes: record, at: 12)
            if let (found, entry) = ParseCache.entry(&r), found == name, r.at == record.count { records.entries[name] = entry }
        }
        return records
    }

    private init(path: String) { self.path = path }

    func entry(_ path: String) -> ParseCache.BodyEntry? { entries[path] }

    mutating func replace(_ path: String, with entry: ParseCache.BodyEntry) {
        entries[path] = entry
        let record = ParseCache.record(path: path, entry)
        appended.append(contentsOf: record)
        appendedRecords.append((path, record.count))
    }

    /// Appends the new records to the file. False when it could not (the file may then end
    /// inside a record, which a load ignores).
    public func append() -> Bool {
        guard !appended.isEmpty else { return true }
        var info = stat()
        guard stat(path, &info) == 0, ParseCacheIndex.append(lines: appendedIndex(at: Int(info.st_size)), for: path) else { return false }
        return ParseCacheIndex.appendBytes(appended, to: path)
    }

    /// Index lines of the appended records, the first at `offset`.
    private func appendedIndex(at offset: Int) -> [UInt8] {
        var lines: [UInt8] = []
        var offset = offset
        for record in appendedRecords {
            ParseCacheIndex.add(&lines, path: record.path, offset: offset, length: record.length)
            offset += record.length
        }
        return lines
    }
}

/// `<parse cache>.index`: where each record of the parse cache file is, so that a few can be read
/// without reading the file (35 MB at 10,000 pages). Lines `<path> <offset> <length>` after a
/// header with the build key; a path's last line wins (records appended by body edits add
/// lines). Every record read through it is checked (its length, checksum and path).
enum ParseCacheIndex {
    static func path(of cache: String) -> String { cache + ".index" }

    static func header(key: String) -> [UInt8] { Array("engage parse index 1\t\(key)\n".utf8) }

    static func add(_ index: inout [UInt8], path: String, offset: Int, length: Int) {
        index.append(contentsOf: path.utf8)
        index.append(contentsOf: "\t\(offset)\t\(length)\n".utf8)
    }

    /// The last line of `path`: offset and length.
    static func find(_ path: String, in index: [UInt8]) -> (Int, Int)? {
        let needle = Array("\n\(path)\t".utf8)
        var last: Int? = nil
        index.withUnsafeBytes { raw in
            var from = 0
            while let at = ByteSearch.find(needle, in: raw, from: from) { last = at; from = at + 1 }
        }
        guard let at = last, let end = index[(at + 1)...].firstIndex(of: 10) else { return nil }
        let fields = index[(at + needle.count)..<end].split(separator: 9)
        guard fields.count == 2, let offset = Int(String(decoding: fields[0], as: UTF8.self)),
              let length = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return (offset, length)
    }

    static func write(_ index: [UInt8], for cache: String) {
        let path = path(of: cache), temporary = "\(path).tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(index)), rename(temporary, path) == 0 else {
            unlink(temporary); return
        }
    }

    static func append(lines: [UInt8], for cache: String) -> Bool { appendBytes(lines, to: path(of: cache)) }

    static func appendBytes(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}

/// A published Markdown file whose front matter is as the last build read it, rendered again on
/// its own: what `engage build`'s body-edit path puts in place of the old body.
public struct BodyAlone: Sendable {
    public var path: String
    public var html: String
    public var text: String
    public var diagnostics: [Diagnostic]
    /// The body the last build rendered (from the parse cache).
    public var oldHTML: String
    public var oldText: String
    public var oldDiagnostics: [Diagnostic]

    /// `path`'s body rendered from `data`, the file's bytes now. `frontMatter` says whether a front
    /// matter (its `BodyRecord.frontMatterID`) is the one the last build recorded; `unsafe` the site's `unsafe_html`. Links are
    /// answered as the last build answered them for the same file, from its parse cache record
    /// (the site's files are as they were); the record gets the new body. A reason instead when
    /// the change is more than a body, the text cannot be read, or the body asks about a link
    /// the last build did not: those take the ordinary build.
    public static func render(path: String, data: Data, frontMatter sameFrontMatter: (String) -> Bool, unsafe: Bool,
                              records: inout ParseCacheRecords) -> Result<BodyAlone, BodyAloneRefusal> {
        var decoding = Diagnostics()
        guard let text = SourceText.decode(data, path: path, diagnostics: &decoding), decoding.items.isEmpty,
              case .success(let split) = FrontMatter.split(text) else { return .failure(BodyAloneRefusal("\(path) cannot be read as a page")) }
        guard sameFrontMatter(BodyRecord.id(BodyRecord.Key(split))) else { return .failure(BodyAloneRefusal("\(path): its front matter changed")) }
        guard let old = records.entry(path) else { return .failure(BodyAloneRefusal("\(path): no parsed body from the last build")) }
        var answers: [String: LinkResolution] = [:]
        for link in old.links { answers[link.url] = link.answer }
        var asked: [(url: String, answer: LinkResolution)] = []
        var unknown: String? = nil
        var diagnostics = Diagnostics()
        let rendered = Markdown.render(split.body, path: path, firstLine: split.bodyFirstLine, unsafe: unsafe, diagnostics: &diagnostics) { url in
            guard let answer = answers[url] else { unknown = unknown ?? url; return .keep }
            asked.append((url, answer))
            return answer
        }
        if let unknown { return .failure(BodyAloneRefusal("\(path): a link the last build did not check (\(unknown))")) }
        let fingerprint = ParseCache.Fingerprint(split.body, salt: "\(split.bodyFirstLine)/\(unsafe)")
        records.replace(path, with: ParseCache.BodyEntry(fingerprint: fingerprint, html: rendered.html, text: rendered.plainText,
                                                         diagnostics: diagnostics.items, links: asked))
        return .success(BodyAlone(path: path, html: rendered.html, text: rendered.plainText, diagnostics: diagnostics.items,
                                  oldHTML: old.html, oldText: old.text, oldDiagnostics: old.diagnostics))
    }
}

/// Why a body cannot be rendered alone.
public struct BodyAloneRefusal: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
