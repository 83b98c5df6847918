import Foundation
import EngageModel

/// The bodies of a `ParseCache` on disk (`<source>/.engage-cache/parse-cache`), so `engage build`
/// after a one-page edit renders only that page's Markdown (docs/performance.md, issue 13).
///
/// Binary, little-endian: the line `engage parse cache 1`, the line `<key>` (the build cache's
/// key: format, engine binary, options), then one record per body: `u32 length`, `u64 checksum`
/// of the payload, the payload (path, fingerprint, HTML, text, diagnostics, link answers; strings
/// as `u32 length` + UTF-8). A record whose checksum is wrong is skipped (that file is rendered
/// again); a file whose header or key differs, or that ends inside a record, gives what was read
/// before that point. Front matter is not kept on disk (the model types are not serializable).
extension ParseCache {
    static let fileHeader = "engage parse cache 1\n"

    /// The bytes of the file for this build key.
    public func serialized(key: String) -> [UInt8] {
        var out: [UInt8] = []
        serialize(key: key) { out.append(contentsOf: $0) }
        return out
    }

    /// The file's bytes for this build key, handed to `sink` in pieces of about 1 MB (so writing
    /// the cache does not hold a second copy of it in memory).
    /// `located`, when given, is told where each record is in the file (offset, length).
    func serialize(key: String, located: ((String, Int, Int) -> Void)? = nil, _ sink: ([UInt8]) -> Void) {
        var out = Array((Self.fileHeader + key + "\n").utf8)
        var offset = out.count
        let entries = bodiesOnly()
        for path in entries.keys.sorted() {
            guard let entry = entries[path] else { continue }
            let record = Self.record(path: path, entry)
            out.append(contentsOf: record)
            located?(path, offset, record.count)
            offset += record.count
            if out.count >= 1 << 20 { sink(out); out.removeAll(keepingCapacity: true) }
        }
        if !out.isEmpty { sink(out) }
    }

    /// One body's record: `u32 length`, `u64 checksum`, then the payload.
    static func record(path: String, _ entry: BodyEntry) -> [UInt8] {
        var w = ByteWriter(bytes: [])
        w.string(path)
        w.u64(entry.fingerprint.a); w.u64(entry.fingerprint.b); w.u64(UInt64(entry.fingerprint.count))
        w.string(entry.html); w.string(entry.text)
        w.u32(UInt32(entry.diagnostics.count))
        for d in entry.diagnostics {
            w.string(d.path); w.u32(UInt32(clamping: d.line)); w.u32(UInt32(clamping: d.column))
            w.bytes.append(d.severity == .error ? 1 : 0); w.string(d.message)
        }
        w.u32(UInt32(entry.links.count))
        for link in entry.links {
            w.string(link.url)
            switch link.answer {
            case .keep: w.bytes.append(0); w.string("")
            case .replace(let url): w.bytes.append(1); w.string(url)
            case .error(let message): w.bytes.append(2); w.string(message)
            }
        }
        var head = ByteWriter(bytes: [])
        head.u32(UInt32(w.bytes.count)); head.u64(Self.checksum(w.bytes[...]))
        return head.bytes + w.bytes
    }

    /// Adds the bodies of a file made by `serialized(key:)` with the same key; the number read.
    /// With `file` (the same bytes, open), the bodies are left in the file and read from it when
    /// asked for; else they are held in memory.
    @discardableResult
    public func load(_ bytes: [UInt8], key: String) -> Int { load(bytes, key: key, file: nil) }

    func load(_ bytes: [UInt8], key: String, file: BodyFile?) -> Int {
        let header = Array((Self.fileHeader + key + "\n").utf8)
        guard bytes.count >= header.count, bytes[0..<header.count].elementsEqual(header) else { return 0 }
        var entries: [String: BodyEntry] = [:]
        var at = header.count
        while at + 12 <= bytes.count {
            var head = ByteReader(bytes: bytes, at: at)
            guard let length = head.u32(), let sum = head.u64(), head.at + Int(length) <= bytes.count else { break }
            let end = head.at + Int(length)
            defer { at = end }
            guard Self.checksum(bytes[head.at..<end]) == sum else { continue }
            var r = ByteReader(bytes: bytes, at: head.at, end: end)
            let found = Self.entry(&r) { html, text in
                file.map { Body(store: $0, html: html, text: text) } ?? Body(html: Self.string(bytes, html), text: Self.string(bytes, text))
            }
            if let (path, entry) = found, r.at == end { entries[path] = entry }
        }
        var merged = bodiesOnly()
        merged.merge(entries) { old, _ in old }
        setBodies(merged)
        return entries.count
    }

    /// The record `r` is at, its body held in memory.
    static func entry(_ r: inout ByteReader) -> (String, BodyEntry)? {
        let bytes = r.bytes
        return entry(&r) { Body(html: string(bytes, $0), text: string(bytes, $1)) }
    }

    /// The record `r` is at; `body` makes its body from where the HTML and the text are in the bytes.
    static func entry(_ r: inout ByteReader, body: (Range<Int>, Range<Int>) -> Body) -> (String, BodyEntry)? {
        guard let path = r.string(), let a = r.u64(), let b = r.u64(), let count = r.u64(),
              let html = r.stringRange(), let text = r.stringRange(), let nd = r.u32() else { return nil }
        var diagnostics: [Diagnostic] = []
        for _ in 0..<nd {
            guard let p = r.string(), let line = r.u32(), let column = r.u32(), let sev = r.byte(), sev <= 1, let message = r.string() else { return nil }
            diagnostics.append(Diagnostic(path: p, line: Int(line), column: Int(column), severity: sev == 1 ? .error : .warning, message: message))
        }
        guard let nl = r.u32() else { return nil }
        var links: [(url: String, answer: LinkResolution)] = []
        for _ in 0..<nl {
            guard let url = r.string(), let kind = r.byte(), let value = r.string() else { return nil }
            switch kind {
            case 0: links.append((url, .keep))
            case 1: links.append((url, .replace(value)))
            case 2: links.append((url, .error(value)))
            default: return nil
            }
        }
        let fingerprint = Fingerprint(a: a, b: b, count: Int(count))
        return (path, BodyEntry(fingerprint: fingerprint, body: body(html, text), diagnostics: diagnostics, links: links))
    }

    static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// A fast 64-bit checksum of a record (not cryptographic: it catches damage, not forgery).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0x243f_6a88_85a3_08d3 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var i = 0
            while i + 8 <= raw.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9e37_79b9_7f4a_7c15
                h ^= h >> 31
                i += 8
            }
            while i < raw.count { h = (h ^ UInt64(raw[i])) &* 0x0000_0100_0000_01b3; i += 1 }
        }
        return h
    }

    /// Reads `path` (nothing when missing or unreadable). The bodies stay in the file, read
    /// through the descriptor opened here when a page asks for them (`BodyFile`): writing the
    /// file anew later replaces its name, not the bytes this descriptor reads.
    public func load(from path: String, key: String) {
        // Straight into one array (through `Data` it would be held twice).
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        let file = BodyFile(descriptor: fd, name: path, folder: (path as NSString).deletingLastPathComponent, watched: true)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return }
        // A cache of another engine or options is not read whole only to be thrown away.
        let header = Array((Self.fileHeader + key + "\n").utf8)
        var start = [UInt8](repeating: 0, count: header.count)
        guard pread(fd, &start, header.count, 0) == header.count, start == header else { return }
        let size = Int(info.st_size)
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = read(fd, buffer.baseAddress! + count, size - count)
                if n <= 0 { break }
                count += n
            }
        }
        guard load(bytes, key: key, file: file) > 0 else { return }
        setLoadedFile(file)
    }

    /// Writes `path` whole or not at all (a temporary file renamed).
    public func write(to path: String, key: String) {
        let temporary = "\(path).tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else { return }
        var failed = false
        var index = ParseCacheIndex.header(key: key)
        serialize(key: key, located: { ParseCacheIndex.add(&index, path: $0, offset: $1, length: $2) }) { chunk in
            guard !failed else { return }
            do { try handle.write(contentsOf: Data(chunk)) } catch { failed = true }
        }
        if (try? handle.close()) == nil { failed = true }
        // A body that could not be read back was written as "": such a file is not kept.
        if bodyReadFailure != nil { failed = true }
        // The index goes first: an index beside a file it does not describe only fails lookups.
        unlink(ParseCacheIndex.path(of: path))
        if failed || rename(temporary, path) != 0 { unlink(temporary); return }
        ParseCacheIndex.write(index, for: path)
    }
}

struct ByteWriter {
    var bytes: [UInt8]
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func string(_ s: String) { u32(UInt32(s.utf8.count)); bytes.append(contentsOf: s.utf8) }
}

struct ByteReader {
    let bytes: [UInt8]
    var at: Int
    var end: Int
    init(bytes: [UInt8], at: Int, end: Int? = nil) { self.bytes = bytes; self.at = at; self.end = end ?? bytes.count }
    mutating func byte() -> UInt8? { guard at < end else { return nil }; defer { at += 1 }; return bytes[at] }
    mutating func u32() -> UInt32? {
        guard at + 4 <= end else { return nil }
        var v: UInt32 = 0
        for i in (0..<4).reversed() { v = v << 8 | UInt32(bytes[at + i]) }
        at += 4
        return v
    }
    mutating func u64() -> UInt64? {
        guard at + 8 <= end else { return nil }
        var v: UInt64 = 0
        for i in (0..<8).reversed() { v = v << 8 | UInt64(bytes[at + i]) }
        at += 8
        return v
    }
    mutating func string() -> String? {
        stringRange().map { String(decoding: bytes[$0], as: UTF8.self) }
    }
    /// Where the next string's bytes are, stepping over them.
    mutating func stringRange() -> Range<Int>? {
        guard let n = u32(), at + Int(n) <= end else { return nil }
        defer { at += Int(n) }
        return at..<at + Int(n)
    }
}
