import Foundation
import EngageModel
import EngageRender
import EngageOutput
#if canImport(Glibc)
import Glibc
#endif

/// What the last successful build read and wrote, kept in `<source>/.engage-cache/build-cache`
/// (docs/performance.md, "Incremental builds"). A text file of tab-separated lines:
///
///     engage build cache 3                        format version
///     key <hex>                                   engine binary, options and output folder
///     generation <hex>                            the served generation (its manifest's id)
///     S <path> <size> <mtime ns> <inode> <hash>   each source file
///     O <path> <hash>                             each output file
///     C <chrome key> <hash>                       each header and footer pair
///     P <address> <output path> <chrome key> <files> <folders> <reports>   each page's inputs
///     F <name> <hash>                             whole-site inputs (fingerprints) pages may name
///     M <path> <hash>                             each published Markdown file's front matter
///     W <path> <line> <column> <message>          the build's warnings, repeated when nothing changed
///     check <hash>                                fingerprint of every line above (`CacheChecksum`)
///
/// Anything wrong (unknown version, other key, bad line, wrong checksum, truncated) and the cache
/// is ignored as a whole: the build is a full one.
struct BuildCache: Equatable {
    static let format = "engage build cache 3"
    static let folderName = ".engage-cache"
    static let fileName = "build-cache"

    struct Page: Equatable {
        var outputPath: String
        var chromeKey: String
        var inputs: PageInputs
    }

    var key: String
    var generation: String
    var sources: [String: SourceSnapshot.Entry] = [:]
    var outputs: [String: ContentHash] = [:]
    var chrome: [String: ContentHash] = [:]
    var pages: [String: Page] = [:]
    /// The `P` lines as read, not yet decoded into `pages` (`decodePages`): a rebuild with nothing
    /// changed, or one that only puts page text in place, never needs them, and writes them back
    /// as they were.
    var pageLines: [UInt8] = []
    /// The number of pages: of `pages`, or of `pageLines` while they are not decoded.
    var pageCount: Int { pageLines.isEmpty ? pages.count : undecodedPages }
    var undecodedPages = 0
    var fingerprints: [String: ContentHash] = [:]
    /// Each published Markdown file's front matter (`BodyRecord.frontMatterID`): a file changed
    /// below the same front matter changed its own pages alone.
    var frontMatter: [String: ContentHash] = [:]
    var warnings: [Diagnostic] = []
    /// Each folder of the served output ("" for the output itself): inode and modification time.
    /// A file added, removed or renamed by hand changes its folder's time, so a rebuild with
    /// nothing changed notices without reading any file.
    var folders: [String: OutputFolderStamp] = [:]

    // MARK: Writing

    /// The file's bytes; nil when some path or message cannot be written on one line (then no cache).
    func bytes() -> [UInt8]? {
        var all: [UInt8] = []
        return serialize { all.append(contentsOf: $0) } ? all : nil
    }

    /// Makes the file, handing its bytes to `sink` a `CacheChecksum.chunk` at a time and then the
    /// rest with the check line (so a build never holds the whole file: it was 5 % of a 10,000-page
    /// build's peak memory). False when some path or message cannot be written on one line: then
    /// what was handed over is no cache.
    func serialize(_ sink: (UnsafeRawBufferPointer) -> Void) -> Bool {
        var out = LineWriter(capacity: CacheChecksum.chunk + 64 * 1024)
        var checksum = CacheChecksum()
        var clean = true
        func field(_ s: String) {
            if !LineWriter.isField(s) { clean = false }
            out.tab(); out.text(s)
        }
        func drain() {
            while out.bytes.count >= CacheChecksum.chunk {
                out.bytes.withUnsafeBytes { all in
                    let chunk = UnsafeRawBufferPointer(rebasing: all[0..<CacheChecksum.chunk])
                    checksum.add(chunk)
                    sink(chunk)
                }
                out.bytes.removeFirst(CacheChecksum.chunk)
            }
        }
        func endLine() { out.newline(); drain() }
        out.text("\(Self.format)\nkey\t\(key)\ngeneration\t\(generation)\n")
        for (path, e) in sources {
            out.text("S"); field(path); out.tab(); out.number(e.size); out.tab(); out.number(e.mtime); out.tab(); out.number(e.inode)
            out.tab(); out.hash(e.hash); endLine()
        }
        for (path, hash) in outputs { out.text("O"); field(path); out.tab(); out.hash(hash); endLine() }
        for (path, stamp) in folders { out.text("D"); field(path); out.tab(); out.number(stamp.inode); out.tab(); out.number(stamp.mtime); endLine() }
        for (key, hash) in chrome { out.text("C"); field(key); out.tab(); out.hash(hash); endLine() }
        for (name, hash) in fingerprints { out.text("F"); field(name); out.tab(); out.hash(hash); endLine() }
        for (path, hash) in frontMatter { out.text("M"); field(path); out.tab(); out.hash(hash); endLine() }
        // Kept as read (newline-ended lines): handed over whole, a chunk at a time.
        for start in stride(from: 0, to: pageLines.count, by: CacheChecksum.chunk) {
            out.bytes.append(contentsOf: pageLines[start..<min(start + CacheChecksum.chunk, pageLines.count)])
            drain()
        }
        for (address, page) in pages {
            let i = page.inputs
            if i.files.contains(where: { $0.utf8.contains(0x1F) }) || i.sitewide.contains(where: { $0.contains(",") }) { return false }
            out.text("P"); field(address); field(page.outputPath); field(page.chromeKey)
            field(i.files.joined(separator: "\u{1F}"))
            field(i.folders.map(\.rawValue).joined(separator: ","))
            field(i.reports.map(Self.name).joined(separator: "\u{1F}"))
            field(i.sitewide.joined(separator: ",")); endLine()
        }
        for w in warnings { out.text("W"); field(w.path); out.tab(); out.number(w.line); out.tab(); out.number(w.column); field(w.message); endLine() }
        guard clean else { return false }
        // The rest (shorter than a chunk; none when the file so far is whole chunks).
        if !out.bytes.isEmpty { out.bytes.withUnsafeBytes { checksum.add($0) } }
        out.text("check\t"); out.hash(checksum.value); out.newline()
        out.bytes.withUnsafeBytes { sink($0) }
        return true
    }

    /// `bytes()` as text.
    func text() -> String? { bytes().map { String(decoding: $0, as: UTF8.self) } }

    /// Writes the cache atomically (a temporary file renamed over the old one). Best effort: a
    /// cache that cannot be written only makes the next build a full one; an old cache that
    /// cannot be replaced is removed so that it is never trusted.
    func write(to folder: String) {
        let path = folder + "/" + Self.fileName
        Self.makeFolder(folder)
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { unlink(path); return }
        var failed = false
        let clean = serialize { chunk in
            if !failed && OutputWriter.writeAll(fd, chunk) != nil { failed = true }
        }
        if close(fd) != 0 { failed = true }
        if !clean || failed || rename(temporary, path) != 0 { unlink(temporary); unlink(path) }
    }

    /// Creates the cache folder, with a `.gitignore` that keeps all of it out of git, if missing.
    static func makeFolder(_ folder: String) {
        mkdir(folder, 0o755)
        let ignore = folder + "/.gitignore"
        if access(ignore, F_OK) != 0 { try? OutputWriter.defaultWriter(ignore, Data("# Engage's build cache (safe to delete)\n*\n".utf8)) }
    }

    /// Removes what builds killed while writing left in `folder`: the `NAME.tmp-PID` files of
    /// processes that are gone. A live process's (another build from this source into another
    /// output) are left alone.
    static func removeLeftovers(in folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let mark = name.range(of: ".tmp-", options: .backwards), let pid = Int32(name[mark.upperBound...]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    // MARK: Reading

    /// Why the cache file in `folder` was not used, when there is one but `read` refused it: made
    /// by another engage (its format line or the key of binary and options differ), or damaged.
    static func rejection(in folder: String, key: String) -> String {
        let start = FileManager.default.contents(atPath: folder + "/" + fileName).map { String(decoding: $0.prefix(1024), as: UTF8.self) } ?? ""
        let lines = start.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        if lines.count >= 2, lines[0].hasPrefix("engage build cache "), lines[1].hasPrefix("key\t"),
           lines[0] != format || lines[1] != "key\t\(key)" {
            return "the build cache was made by another engage binary or with other options (such as --drafts); it was ignored"
        }
        return "the build cache is damaged; it was ignored"
    }

    /// The cache in `folder`, or nil when there is none or it cannot be trusted.
    static func read(from folder: String, key: String) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return nil }
        return parse(data, key: key)
    }

    /// Parses the cache's bytes (field by field on UTF-8, no `String` splitting: a 10,000-page
    /// site's cache has some 40,000 lines and is read on every build).
    static func parse(_ data: Data, key expectedKey: String) -> BuildCache? {
        let bytes = [UInt8](data)
        let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
        // The last line is the checksum of every byte before it.
        guard bytes.last == newline, let checkStart = bytes.dropLast().lastIndex(of: newline).map({ $0 + 1 }) else { return nil }
        let check = bytes[checkStart..<(bytes.count - 1)]
        guard check.starts(with: Array("check\t".utf8)), let sum = hash(check.dropFirst(6)),
              sum == bytes.withUnsafeBytes({ CacheChecksum.of(UnsafeRawBufferPointer(rebasing: $0[0..<checkStart])) }) else { return nil }
        var cache = BuildCache(key: expectedKey, generation: "")
        var lineNumber = 0
        var start = 0
        var fields: [ArraySlice<UInt8>] = []
        func text(_ f: ArraySlice<UInt8>) -> String { String(decoding: f, as: UTF8.self) }
        while start < checkStart {
            guard let end = bytes[start..<checkStart].firstIndex(of: newline) else { return nil }
            let line = bytes[start..<end]
            start = end + 1
            lineNumber += 1
            switch lineNumber {
            case 1: guard text(line) == format else { return nil }; continue
            case 2: guard text(line) == "key\t\(expectedKey)" else { return nil }; continue
            case 3:
                guard line.starts(with: Array("generation\t".utf8)) else { return nil }
                cache.generation = text(line.dropFirst(11)); continue
            default: break
            }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = line.startIndex
            for i in line.indices where line[i] == tab {
                fields.append(line[fieldStart..<i])
                fieldStart = i + 1
            }
            fields.append(line[fieldStart..<line.endIndex])
            guard let kind = fields.first?.first, fields[0].count == 1 else { return nil }
            switch (kind, fields.count) {
            case (UInt8(ascii: "S"), 6):
                guard let size = number(fields[2]), let mtime = number(fields[3]), let inode = number(fields[4]), let hash = hash(fields[5]) else { return nil }
                cache.sources[text(fields[1])] = SourceSnapshot.Entry(size: size, mtime: mtime, inode: UInt64(bitPattern: inode), hash: hash)
            case (UInt8(ascii: "D"), 4):
                guard let inode = number(fields[2]), let mtime = number(fields[3]) else { return nil }
                cache.folders[text(fields[1])] = OutputFolderStamp(inode: UInt64(bitPattern: inode), mtime: mtime)
            case (UInt8(ascii: "O"), 3):
                guard let hash = hash(fields[2]) else { return nil }
                cache.outputs[text(fields[1])] = hash
            case (UInt8(ascii: "C"), 3):
                guard let hash = hash(fields[2]) else { return nil }
                cache.chrome[text(fields[1])] = hash
            case (UInt8(ascii: "F"), 3):
                guard let hash = hash(fields[2]) else { return nil }
                cache.fingerprints[text(fields[1])] = hash
            case (UInt8(ascii: "M"), 3):
                guard let hash = hash(fields[2]) else { return nil }
                cache.frontMatter[text(fields[1])] = hash
            case (UInt8(ascii: "P"), 8):
                cache.pageLines.append(contentsOf: bytes[line.startIndex...end])
                cache.undecodedPages += 1
            case (UInt8(ascii: "W"), 5):
                guard let line = number(fields[2]), let column = number(fields[3]) else { return nil }
                cache.warnings.append(Diagnostic(path: text(fields[1]), line: Int(line), column: Int(column), severity: .warning, message: text(fields[4])))
            default:
                return nil
            }
        }
        return lineNumber >= 3 ? cache : nil
    }

    /// Decodes `pageLines` into `pages`; false when one is damaged (then the cache is not to be
    /// trusted: the check line vouched for bytes that do not decode).
    mutating func decodePages() -> Bool {
        guard !pageLines.isEmpty else { return true }
        for line in pageLines.split(separator: UInt8(ascii: "\n")) {
            let f = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard f.count == 8, f[0] == "P" else { return false }
            var inputs = PageInputs()
            inputs.files = Set(f[4].split(separator: "\u{1F}").map(String.init))
            for name in f[5].split(separator: ",") {
                guard let folder = ContentFolder(rawValue: String(name)) else { return false }
                inputs.folders.insert(folder)
            }
            for name in f[6].split(separator: "\u{1F}") {
                guard let report = Self.report(named: name) else { return false }
                inputs.reports.insert(report)
            }
            inputs.sitewide = Set(f[7].split(separator: ",").map(String.init))
            pages[f[1]] = Page(outputPath: f[2], chromeKey: f[3], inputs: inputs)
        }
        pageLines = []
        undecodedPages = 0
        return true
    }

    /// A decimal number (an optional minus sign and digits, nothing else).
    static func number(_ f: ArraySlice<UInt8>) -> Int64? {
        var negative = false
        var digits = f[...]
        if digits.first == UInt8(ascii: "-") { negative = true; digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        var value: Int64 = 0
        for b in digits {
            guard b >= 48 && b <= 57 else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(Int64(b - 48))
            if overflow || carry { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    /// 32 lower-case hexadecimal digits.
    static func hash(_ f: ArraySlice<UInt8>) -> ContentHash? {
        guard f.count == 32 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        for (i, b) in f.enumerated() {
            let v: UInt64
            switch b {
            case 48...57: v = UInt64(b - 48)
            case 97...102: v = UInt64(b - 87)
            default: return nil
            }
            if i < 16 { high = high << 4 | v } else { low = low << 4 | v }
        }
        return ContentHash(high: high, low: low)
    }

    static func name(_ report: ReportKey) -> String {
        switch report {
        case .relations: return "relations"
        case .kpiValues: return "kpiValues"
        case .kpiRollUps: return "kpiRollUps"
        case .programImpacts: return "programImpacts"
        case .surveys: return "surveys"
        case .survey(let period): return "survey:" + period
        }
    }

    static func report(named name: Substring) -> ReportKey? {
        switch name {
        case "relations": return .relations
        case "kpiValues": return .kpiValues
        case "kpiRollUps": return .kpiRollUps
        case "programImpacts": return .programImpacts
        case "surveys": return .surveys
        default:
            guard name.hasPrefix("survey:") else { return nil }
            return .survey(String(name.dropFirst(7)))
        }
    }
}

struct OutputFolderStamp: Equatable {
    var inode: UInt64
    var mtime: Int64

    /// The stamps of `root` and every folder holding one of `files`; nil when one cannot be read.
    static func read(root: String, files: some Sequence<String>) -> [String: OutputFolderStamp]? {
        var stamps: [String: OutputFolderStamp] = [:]
        for folder in folders(holding: files) {
            guard let stamp = read(folder.isEmpty ? root : root + "/" + folder) else { return nil }
            stamps[folder] = stamp
        }
        return stamps
    }

    /// Every folder holding one of `paths`, at any depth ("a/b/c" → "a", "a/b"), and the root "".
    static func folders(holding paths: some Sequence<String>) -> Set<String> {
        var result: Set<String> = [""]
        for path in paths {
            var end = path.endIndex
            while let slash = path[path.startIndex..<end].lastIndex(of: "/") {
                if !result.insert(String(path[path.startIndex..<slash])).inserted { break }
                end = slash
            }
        }
        return result
    }

    static func read(_ path: String) -> OutputFolderStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return OutputFolderStamp(inode: UInt64(info.st_ino), mtime: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// Whether every folder still has its stamp.
    static func match(_ stamps: [String: OutputFolderStamp], root: String) -> Bool {
        !stamps.isEmpty && stamps.allSatisfy { read($0.key.isEmpty ? root : root + "/" + $0.key) == $0.value }
    }
}
