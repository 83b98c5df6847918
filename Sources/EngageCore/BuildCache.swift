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
///     engage build cache 1                        format version
///     key <hex>                                   engine binary, options and output folder
///     generation <hex>                            the served generation (its manifest's id)
///     S <path> <size> <mtime ns> <inode> <hash>   each source file
///     O <path> <hash>                             each output file
///     C <chrome key> <hash>                       each header and footer pair
///     P <address> <output path> <chrome key> <files> <folders> <reports>   each page's inputs
///     F <name> <hash>                             whole-site inputs (fingerprints) pages may name
///     W <path> <line> <column> <message>          the build's warnings, repeated when nothing changed
///     check <hash>                                fingerprint of every line above
///
/// Anything wrong (unknown version, other key, bad line, wrong checksum, truncated) and the cache
/// is ignored as a whole: the build is a full one.
struct BuildCache: Equatable {
    static let format = "engage build cache 1"
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
    var fingerprints: [String: ContentHash] = [:]
    var warnings: [Diagnostic] = []
    /// Each folder of the served output ("" for the output itself): inode and modification time.
    /// A file added, removed or renamed by hand changes its folder's time, so a rebuild with
    /// nothing changed notices without reading any file.
    var folders: [String: OutputFolderStamp] = [:]

    // MARK: Writing

    /// The file's text; nil when some path or message cannot be written on one line (then no cache).
    func text() -> String? {
        var lines = [Self.format, "key\t\(key)", "generation\t\(generation)"]
        lines.reserveCapacity(sources.count + outputs.count + pages.count * 2 + 8)
        for (path, e) in sources.sorted(by: { $0.key < $1.key }) { lines.append("S\t\(path)\t\(e.size)\t\(e.mtime)\t\(e.inode)\t\(e.hash)") }
        for (path, hash) in outputs.sorted(by: { $0.key < $1.key }) { lines.append("O\t\(path)\t\(hash)") }
        for (key, hash) in chrome.sorted(by: { $0.key < $1.key }) { lines.append("C\t\(key)\t\(hash)") }
        for (name, hash) in fingerprints.sorted(by: { $0.key < $1.key }) { lines.append("F\t\(name)\t\(hash)") }
        for (address, page) in pages.sorted(by: { $0.key < $1.key }) {
            let i = page.inputs
            lines.append(["P", address, page.outputPath, page.chromeKey, i.files.sorted().joined(separator: "\u{1F}"),
                          i.folders.map(\.rawValue).sorted().joined(separator: ","),
                          i.reports.map(Self.name).sorted().joined(separator: "\u{1F}"),
                          i.sitewide.sorted().joined(separator: ",")].joined(separator: "\t"))
        }
        for (path, stamp) in folders.sorted(by: { $0.key < $1.key }) { lines.append("D\t\(path)\t\(stamp.inode)\t\(stamp.mtime)") }
        for w in warnings { lines.append("W\t\(w.path)\t\(w.line)\t\(w.column)\t\(w.message)") }
        for line in lines.dropFirst() where line.contains("\n") || line.contains("\r") { return nil }
        // Every field is tab-free by construction but paths and messages: count the fields.
        for line in lines.dropFirst(3) {
            let expected = ["S": 6, "D": 4, "O": 3, "C": 3, "F": 3, "P": 8, "W": 5][String(line.prefix(1))] ?? 0
            if line.split(separator: "\t", omittingEmptySubsequences: false).count != expected { return nil }
        }
        let body = lines.joined(separator: "\n") + "\n"
        return body + "check\t\(ContentHash(body))\n"
    }

    /// Writes the cache atomically (a temporary file renamed over the old one). Best effort: a
    /// cache that cannot be written only makes the next build a full one; an old cache that
    /// cannot be replaced is removed so that it is never trusted.
    func write(to folder: String) {
        let path = folder + "/" + Self.fileName
        guard let text = text() else { unlink(path); return }
        mkdir(folder, 0o755)
        // Git and other tools: everything in this folder is the build's own.
        let ignore = folder + "/.gitignore"
        if access(ignore, F_OK) != 0 { try? OutputWriter.defaultWriter(ignore, Data("# Engage's build cache (safe to delete)\n*\n".utf8)) }
        let temporary = "\(path).tmp-\(getpid())"
        do {
            try OutputWriter.defaultWriter(temporary, Data(text.utf8))
            if rename(temporary, path) != 0 { unlink(temporary); unlink(path) }
        } catch {
            unlink(temporary); unlink(path)
        }
    }

    // MARK: Reading

    /// The cache in `folder`, or nil when there is none or it cannot be trusted.
    static func read(from folder: String, key: String) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return nil }
        return parse(data, key: key)
    }

    static func parse(_ data: Data, key expectedKey: String) -> BuildCache? {
        let text = String(decoding: data, as: UTF8.self)
        // The checksum line covers every byte before it.
        guard text.hasSuffix("\n"), let checkStart = text.dropLast().lastIndex(of: "\n").map({ text.index(after: $0) }) else { return nil }
        let body = text[..<checkStart]
        let check = text[checkStart...].dropLast()
        guard check.hasPrefix("check\t"), let sum = ContentHash(hex: check.dropFirst(6)), sum == ContentHash(String(body)) else { return nil }
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.count >= 3, lines[0] == format, lines[1] == "key\t\(expectedKey)", lines[2].hasPrefix("generation\t") else { return nil }
        var cache = BuildCache(key: expectedKey, generation: String(lines[2].dropFirst(11)))
        for line in lines.dropFirst(3) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch (f.first, f.count) {
            case ("S"?, 6):
                guard let size = Int64(f[2]), let mtime = Int64(f[3]), let inode = UInt64(f[4]), let hash = ContentHash(hex: f[5]) else { return nil }
                cache.sources[String(f[1])] = SourceSnapshot.Entry(size: size, mtime: mtime, inode: inode, hash: hash)
            case ("D"?, 4):
                guard let inode = UInt64(f[2]), let mtime = Int64(f[3]) else { return nil }
                cache.folders[String(f[1])] = OutputFolderStamp(inode: inode, mtime: mtime)
            case ("O"?, 3):
                guard let hash = ContentHash(hex: f[2]) else { return nil }
                cache.outputs[String(f[1])] = hash
            case ("C"?, 3):
                guard let hash = ContentHash(hex: f[2]) else { return nil }
                cache.chrome[String(f[1])] = hash
            case ("F"?, 3):
                guard let hash = ContentHash(hex: f[2]) else { return nil }
                cache.fingerprints[String(f[1])] = hash
            case ("P"?, 8):
                var inputs = PageInputs()
                inputs.files = Set(f[4].split(separator: "\u{1F}").map(String.init))
                for name in f[5].split(separator: ",") {
                    guard let folder = ContentFolder(rawValue: String(name)) else { return nil }
                    inputs.folders.insert(folder)
                }
                for name in f[6].split(separator: "\u{1F}") {
                    guard let report = report(named: name) else { return nil }
                    inputs.reports.insert(report)
                }
                inputs.sitewide = Set(f[7].split(separator: ",").map(String.init))
                cache.pages[String(f[1])] = Page(outputPath: String(f[2]), chromeKey: String(f[3]), inputs: inputs)
            case ("W"?, 5):
                guard let line = Int(f[2]), let column = Int(f[3]) else { return nil }
                cache.warnings.append(Diagnostic(path: String(f[1]), line: line, column: column, severity: .warning, message: String(f[4])))
            default:
                return nil
            }
        }
        return cache
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
        var folders: Set<String> = [""]
        for path in files {
            var end = path.endIndex
            while let slash = path[path.startIndex..<end].lastIndex(of: "/") {
                if !folders.insert(String(path[path.startIndex..<slash])).inserted { break }
                end = slash
            }
        }
        var stamps: [String: OutputFolderStamp] = [:]
        for folder in folders {
            guard let stamp = read(folder.isEmpty ? root : root + "/" + folder) else { return nil }
            stamps[folder] = stamp
        }
        return stamps
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
