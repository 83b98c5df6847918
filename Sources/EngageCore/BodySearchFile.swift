import Foundation
import EngageModel
import EngageRender
import EngageOutput
#if canImport(Glibc)
import Glibc
#endif

/// `<source>/.engage-cache/body-search`, the companion of `BodyEditCache`: the search entry of
/// each page that shows a body, without the body (`BodySearchPart`). A build after a body edit
/// looks up the lines of the few pages it changes; the file is written by ordinary builds only
/// (a body edit changes no entry's part) and `BodyEditCache.searchFile` names the version.
///
///     engage body search 1 <key>
///     Q <output path> <id> <title> <summary> <text> <headings>
///
/// `id` is -1 for a page in the search index whose entry is not its body's text after the rest;
/// `summary` is `0` (none) or `1` followed by the summary; `headings` is the count, then each
/// heading, separated by U+001F. Strings are escaped as in `BodyEditCache`.
enum BodySearchFile {
    static let fileName = "body-search"
    static let format = "engage body search 1"

    /// Writes the file; its identity, or nil (and no file) when it could not be written.
    static func write(_ parts: [String: BodySearchPart?], key: String, to folder: String) -> BodyEditCache.FileIdentity? {
        var out = "\(format)\t\(key)\n"
        out.reserveCapacity(256 * parts.count)
        for (path, part) in parts.sorted(by: { $0.key < $1.key }) {
            let e = part?.entry ?? SearchEntry(path: path, title: "")
            out += "Q\t"; out += BodyEditCache.escape(path); out += "\t\(part?.id ?? -1)\t"; out += BodyEditCache.escape(e.title); out += "\t"
            out += e.summary.map { "1" + BodyEditCache.escape($0) } ?? "0"; out += "\t"
            out += BodyEditCache.escape(e.text); out += "\t"
            out += ([String(e.headings.count)] + e.headings.map(BodyEditCache.escape)).joined(separator: "\u{1F}"); out += "\n"
        }
        let path = folder + "/" + fileName, temporary = "\(path).tmp-\(getpid())"
        do {
            try OutputWriter.defaultWriter(temporary, Data(out.utf8))
            guard rename(temporary, path) == 0 else { unlink(temporary); unlink(path); return nil }
        } catch {
            unlink(temporary); unlink(path); return nil
        }
        return BodyEditCache.FileIdentity.of(path)
    }

    /// The parts of the pages at `paths` that are in the search index (a page not in it has no
    /// entry); nil when the file is missing, of another key, or a line is damaged.
    static func lookup(_ paths: some Sequence<String>, key: String, in folder: String) -> [String: BodySearchPart?]? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return nil }
        let bytes = [UInt8](data)
        let header = Array("\(format)\t\(key)\n".utf8)
        guard bytes.starts(with: header) else { return nil }
        var found: [String: BodySearchPart?] = [:]
        for path in paths {
            let needle = Array("\nQ\t\(BodyEditCache.escape(path))\t".utf8)
            guard let at = bytes.withUnsafeBytes({ ByteSearch.find(needle, in: $0, from: header.count - 1) }) else { continue }
            guard let end = bytes[(at + 1)...].firstIndex(of: UInt8(ascii: "\n")),
                  let part = parse(bytes[(at + 1)..<end], path: path) else { return nil }
            found[path] = .some(part)
        }
        return found
    }

    /// One `Q` line: the part, or `.some(nil)` for id -1; nil when damaged.
    static func parse(_ line: ArraySlice<UInt8>, path: String) -> BodySearchPart?? {
        let f = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard f.count == 7, f[0].elementsEqual("Q".utf8), let id = BuildCache.number(f[2]) else { return nil }
        if id < 0 { return .some(nil) }
        let h = f[6].split(separator: 0x1F, omittingEmptySubsequences: false)
        guard let title = BodyEditCache.unescape(f[3]), let text = BodyEditCache.unescape(f[5]),
              let count = BuildCache.number(h[0]), count == h.count - 1 else { return nil }
        let headings = h.dropFirst().compactMap(BodyEditCache.unescape)
        guard headings.count == count else { return nil }
        var summary: String? = nil
        if f[4].first == UInt8(ascii: "1") {
            guard let s = BodyEditCache.unescape(f[4].dropFirst()) else { return nil }
            summary = s
        } else if !f[4].elementsEqual("0".utf8) {
            return nil
        }
        return .some(BodySearchPart(id: Int(id), entry: SearchEntry(path: path, title: title, summary: summary, headings: headings, text: text)))
    }
}
