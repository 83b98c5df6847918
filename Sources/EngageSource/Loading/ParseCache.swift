import Foundation
import EngageModel

/// What loading computes from one Markdown file alone, kept between builds so a rebuild after a
/// one-page edit does not parse every file again (issue 13; docs/performance.md).
///
/// - **Bodies** (kept in memory and on disk): a body's HTML, plain text and diagnostics, keyed by
///   the file's path and a fingerprint of its Markdown, its first line and the `unsafe_html`
///   setting. Links are resolved while rendering and depend on the whole site, so each entry also
///   records every link it asked about and the answer: the entry is used only when the current
///   `LinkRewriter` gives the same answers (a linked page removed or turned into a draft renders
///   the body again, with its error).
/// - **Front matter** (in memory only, for `engage serve`): a file's decoded item and its
///   diagnostics, keyed by the fingerprint of the file's whole text.
///
/// An entry not used by a load is dropped when `prune()` runs, so the cache holds the current
/// files only. Safe to use from the loader's parallel tasks.
public final class ParseCache: @unchecked Sendable {
    struct Fingerprint: Hashable {
        var a: UInt64, b: UInt64, count: Int

        init(_ text: String, salt: String = "") {
            var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x9e37_79b9_7f4a_7c15
            func add(_ byte: UInt8) {
                a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                b = (b &+ UInt64(byte) &+ 1) &* 0xff51_afd7_ed55_8ccd
                b ^= b >> 29
            }
            for byte in salt.utf8 { add(byte) }
            add(0)
            for byte in text.utf8 { add(byte) }
            self.a = a; self.b = b; self.count = text.utf8.count
        }
        init(a: UInt64, b: UInt64, count: Int) { self.a = a; self.b = b; self.count = count }
    }

    struct BodyEntry {
        var fingerprint: Fingerprint
        var body: Body
        var diagnostics: [Diagnostic]
        /// Every link destination the body asked about, with the answer it got.
        var links: [(url: String, answer: LinkResolution)]

        init(fingerprint: Fingerprint, body: Body, diagnostics: [Diagnostic], links: [(url: String, answer: LinkResolution)]) {
            self.fingerprint = fingerprint
            self.body = body
            self.diagnostics = diagnostics
            self.links = links
        }

        init(fingerprint: Fingerprint, html: String, text: String, diagnostics: [Diagnostic], links: [(url: String, answer: LinkResolution)]) {
            self.init(fingerprint: fingerprint, body: Body(html: html, text: text), diagnostics: diagnostics, links: links)
        }

        var html: String { body.html }
        var text: String { body.text }
    }

    struct DecodedEntry {
        var fingerprint: Fingerprint
        var parsed: any Sendable
        var diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var bodies: [String: BodyEntry] = [:]
    private var decoded: [String: DecodedEntry] = [:]
    private var usedBodies: Set<String> = []
    private var usedDecoded: Set<String> = []
    /// Counts of this load's lookups (bodies and front matter): reused, parsed.
    public private(set) var hits = 0, misses = 0
    /// Whether decoded front matter is kept. Only a cache that outlives the build uses it (serve
    /// keeps one in memory); `engage build` reads and writes bodies alone, and keeping every
    /// file's decoded item and Markdown to the end of the build was 8 % of its peak memory at
    /// 10,000 pages.
    let keepsFrontMatter: Bool
    /// Where bodies rendered by this load are put (nil: in memory).
    let spill: BodySpill?
    /// The file the cached bodies are read from, once `load(from:key:)` found one.
    private var loadedFile: BodyFile?

    /// `spill`: where to put the bodies this cache's loads render, instead of memory
    /// (`engage build`; serve keeps its bodies in memory).
    public init(keepsFrontMatter: Bool = true, spill: BodySpill? = nil) {
        self.keepsFrontMatter = keepsFrontMatter
        self.spill = spill
    }

    /// Set when a body kept in a file could not be read back: the build must stop with this
    /// error rather than write pages with a body missing.
    public var bodyReadFailure: String? {
        let files = [lock.withLock { loadedFile }, spill?.file].compactMap { $0 }
        return files.first(where: \.failed).map { "cannot read back a page's text from \($0.name); build again (if it happens again, delete \($0.folder))" }
    }

    func setLoadedFile(_ file: BodyFile) { lock.withLock { loadedFile = file } }

    /// Number of bodies held.
    public var bodyCount: Int { lock.withLock { bodies.count } }
    /// Number of decoded front matters held.
    var frontMatterCount: Int { lock.withLock { decoded.count } }

    // MARK: Bodies

    /// The body of `path` rendered from `markdown`, from the cache when its links resolve as
    /// before, else rendered by `render` (which is given a resolver that records the answers).
    func body(path: String, markdown: String, firstLine: Int, unsafe: Bool,
              resolve: @escaping (String) -> LinkResolution,
              render: (_ resolve: (String) -> LinkResolution, _ diagnostics: inout Diagnostics) -> RenderedMarkdown,
              diagnostics: inout Diagnostics) -> Body {
        let fingerprint = Fingerprint(markdown, salt: "\(firstLine)/\(unsafe)")
        let cached = lock.withLock { bodies[path] }
        if let cached, cached.fingerprint == fingerprint, cached.links.allSatisfy({ resolve($0.url) == $0.answer }) {
            lock.withLock { usedBodies.insert(path); hits += 1 }
            diagnostics.append(contentsOf: cached.diagnostics)
            return cached.body
        }
        var links: [(url: String, answer: LinkResolution)] = []
        var local = Diagnostics()
        let rendered = render({ url in
            let answer = resolve(url)
            links.append((url, answer))
            return answer
        }, &local)
        diagnostics.append(contentsOf: local.items)
        let body = spill?.body(html: rendered.html, text: rendered.plainText) ?? Body(html: rendered.html, text: rendered.plainText)
        let entry = BodyEntry(fingerprint: fingerprint, body: body, diagnostics: local.items, links: links)
        lock.withLock { bodies[path] = entry; usedBodies.insert(path); misses += 1 }
        return body
    }

    // MARK: Front matter

    /// The decoded form of `path` whose text is `text`, from the cache when the text is the same,
    /// else from `parse`. Only successful decodes are kept.
    func decoded<T: Sendable>(path: String, text: String, diagnostics: inout Diagnostics,
                              parse: (_ diagnostics: inout Diagnostics) -> T?) -> T? {
        guard keepsFrontMatter else {
            lock.withLock { misses += 1 }
            return parse(&diagnostics)
        }
        let fingerprint = Fingerprint(text)
        let cached = lock.withLock { decoded[path] }
        if let cached, cached.fingerprint == fingerprint, let value = cached.parsed as? T {
            lock.withLock { usedDecoded.insert(path); hits += 1 }
            diagnostics.append(contentsOf: cached.diagnostics)
            return value
        }
        var local = Diagnostics()
        let value = parse(&local)
        diagnostics.append(contentsOf: local.items)
        lock.withLock {
            if let value { decoded[path] = DecodedEntry(fingerprint: fingerprint, parsed: value, diagnostics: local.items) } else { decoded[path] = nil }
            usedDecoded.insert(path); misses += 1
        }
        return value
    }

    // MARK: Housekeeping

    /// Starts a load: clears the counts and the record of entries used.
    public func startLoad() {
        lock.withLock { usedBodies = []; usedDecoded = []; hits = 0; misses = 0 }
    }

    /// Drops the entries the last load did not use (files removed, renamed or left out).
    public func prune() {
        lock.withLock {
            bodies = bodies.filter { usedBodies.contains($0.key) }
            decoded = decoded.filter { usedDecoded.contains($0.key) }
        }
    }

    /// Forgets the front matter entries (kept in memory only); bodies stay.
    func bodiesOnly() -> [String: BodyEntry] { lock.withLock { bodies } }
    func setBodies(_ entries: [String: BodyEntry]) { lock.withLock { bodies = entries } }
}
