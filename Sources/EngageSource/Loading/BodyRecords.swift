import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// What a load keeps of one published Markdown file so that a later change below its front
/// matter can be rendered alone (`engage serve`'s body-only rebuild, EngageCore/ResidentSite.swift).
public struct BodyRecord: Sendable {
    /// The front matter's text and the line the body starts on. Two versions of a file with the
    /// same key decode to the same item with the same diagnostics: only the body can differ.
    struct Key: Sendable, Equatable {
        var fingerprint: ParseCache.Fingerprint
        init(_ split: FrontMatterSplit) {
            fingerprint = ParseCache.Fingerprint(split.yaml, salt: "front matter/\(split.yamlFirstLine)/\(split.bodyFirstLine)")
        }
    }
    var frontMatter: Key
    /// The diagnostics rendering the body gave (never the front matter's).
    public var diagnostics: [Diagnostic]
    /// What the front matter names (other items, departments), as the load checked it.
    var references: [Reference] = []

    /// `frontMatter` as text, for a build cache: two versions of a file with the same value
    /// differ in their body alone.
    public var frontMatterID: String { Self.id(frontMatter) }

    static func id(_ key: Key) -> String {
        let f = key.fingerprint
        return "\(String(f.a, radix: 16)).\(String(f.b, radix: 16)).\(f.count)"
    }
}

/// Every published Markdown file's `BodyRecord`, with the link table bodies were rendered with.
/// `rerender` answers for a changed file: either its new body (the same as a full load would
/// render, since links resolve against the same set of files), or that the change is more
/// than a body.
public struct LoadedBodies: Sendable {
    let source: String
    public private(set) var records: [String: BodyRecord]
    let links: LinkRewriter
    let unsafe: Bool
    /// Whether drafts were built (`LoadOptions.drafts`).
    let drafts: Bool

    init(source: String, records: [String: BodyRecord], links: LinkRewriter, unsafe: Bool, drafts: Bool) {
        self.source = source
        self.records = records
        self.links = links
        self.unsafe = unsafe
        self.drafts = drafts
    }

    /// A changed file's new body.
    public struct Rerendered: Sendable {
        public var path: String
        public var body: Body
        public var diagnostics: [Diagnostic]
        /// Its new front matter's record, when that changed (`reload`).
        var frontMatter: BodyRecord? = nil
    }

    /// Why a change needs a whole build.
    public enum NotBodyOnly: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not a published Markdown file of a collection the last load read (new, draft, other).
        case notAPublishedPage
        /// Gone (deleted or renamed).
        case removed
        /// Unreadable, or no longer a plain file.
        case unreadable
        /// Not UTF-8, or the front matter cannot be split: a full load reports it.
        case invalidText
        /// The front matter, or the line the body starts on, changed.
        case frontMatterChanged
        /// The front matter changed in a way only a whole load can judge (`reload`): why.
        case needsWholeLoad(String)

        public var description: String {
            switch self {
            case .notAPublishedPage: "the last build did not publish it (a new file, a draft, or not a page)"
            case .removed: "removed or renamed"
            case .unreadable: "cannot be read"
            case .invalidText: "not UTF-8 text with front matter"
            case .frontMatterChanged: "its front matter changed"
            case .needsWholeLoad(let why): why
            }
        }
    }

    /// `path` (`content/pages/x.md`) rendered again from what is on disk now, if only its body
    /// changed since the load this came from.
    public func rerender(_ path: String) -> Result<Rerendered, NotBodyOnly> {
        guard let record = records[path], path.hasPrefix("content/") else { return .failure(.notAPublishedPage) }
        let split: FrontMatterSplit
        switch read(path) {
        case .failure(let why): return .failure(why)
        case .success(let (_, s)): split = s
        }
        guard BodyRecord.Key(split) == record.frontMatter else { return .failure(.frontMatterChanged) }
        let contentPath = String(path.dropFirst("content/".count))
        var diagnostics = Diagnostics()
        let rendered = Markdown.render(split.body, path: path, firstLine: split.bodyFirstLine, unsafe: unsafe,
                                       diagnostics: &diagnostics, resolve: { links.resolve($0, from: contentPath) })
        return .success(Rerendered(path: path, body: Body(html: rendered.html, text: rendered.plainText), diagnostics: diagnostics.items))
    }

    /// The text of the file at `path` now, split: what a load would read.
    func read(_ path: String) -> Result<(text: String, split: FrontMatterSplit), NotBodyOnly> {
        let absolute = joinPath(source, path)
        var info = stat()
        guard lstat(absolute, &info) == 0 else { return .failure(errno == ENOENT ? .removed : .unreadable) }
        guard (info.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: absolute) else { return .failure(.unreadable) }
        var decoding = Diagnostics()
        guard let text = SourceText.decode(data, path: path, diagnostics: &decoding), decoding.items.isEmpty,
              case .success(let split) = FrontMatter.split(text) else { return .failure(.invalidText) }
        return .success((text, split))
    }

    /// Records `change` as the file's current body.
    public mutating func record(_ change: Rerendered) {
        if let frontMatter = change.frontMatter { records[change.path] = frontMatter }
        records[change.path]?.diagnostics = change.diagnostics
    }
}
