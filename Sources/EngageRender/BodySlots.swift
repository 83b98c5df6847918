import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// Where a page shows its Markdown body (`SitePage.shownBody`): the byte range of the body's HTML
/// in the page's file. A build after an edit below a file's front matter puts the new HTML in
/// that range of the served page instead of loading and rendering the site
/// (EngageCore/BodyEditBuild.swift).
public struct BodySlot: Sendable, Equatable {
    /// The file the body comes from (the page's `editSource`).
    public var source: String
    /// Byte offset and length of the body's HTML in the page's file. `offset` is -1 when the
    /// page cannot take a new body in place: an empty body, or HTML that appears more than once.
    public var offset: Int
    public var length: Int

    public init(source: String, offset: Int, length: Int) {
        self.source = source
        self.offset = offset
        self.length = length
    }

    public var inPlace: Bool { offset >= 0 }

    /// The slot of `html` in `page`: where it occurs, when it occurs exactly once.
    static func locate(_ html: String, in page: Data, source: String) -> BodySlot {
        let needle = Array(html.utf8)
        let offset: Int? = page.withUnsafeBytes { raw in
            guard let first = ByteSearch.find(needle, in: raw, from: 0),
                  ByteSearch.find(needle, in: raw, from: first + 1) == nil else { return nil }
            return first
        }
        return BodySlot(source: source, offset: offset ?? -1, length: needle.count)
    }
}

/// A page's entry in the search index with its body's text left out: the page's number in
/// `search/pages.js`, and the entry whose `text` is what comes before the body's text. The entry
/// for another body is this one with the body's text appended (`entry(withBodyText:)`).
public struct BodySearchPart: Sendable, Equatable {
    public var id: Int
    public var entry: SearchEntry

    public init(id: Int, entry: SearchEntry) {
        self.id = id
        self.entry = entry
    }

    public func entry(withBodyText text: String) -> SearchEntry {
        var full = entry
        full.text += text
        return full
    }
}

/// A page that shows a body: the file the body comes from, and the page's search entry around it
/// (nil when the page is not in the search index, or its search text does not end with its
/// body's text: then its body edits take the ordinary build).
public struct BodyPage: Sendable, Equatable {
    public var source: String
    /// In the search index.
    public var searchable: Bool
    public var search: BodySearchPart?

    public init(source: String, searchable: Bool, search: BodySearchPart?) {
        self.source = source
        self.searchable = searchable
        self.search = search
    }
}

extension SiteRenderer {
    /// Every page that shows a body (`SitePage.shownBody`), by output path.
    public static func bodyPages(_ data: SiteData, _ search: SearchIndexState?) -> [String: BodyPage] {
        var pages: [String: BodyPage] = [:]
        for page in SiteCatalog.pages(in: data) {
            guard let body = page.shownBody, let source = page.editSource else { continue }
            var part: BodySearchPart? = nil
            let id = search?.id(of: page.outputPath)
            if let search, let id {
                var entry = search.pages[id]
                // A state without texts found the text before the body when it had them.
                if let before = search.keepsTexts ? entry.text(before: body.text) : search.textsBeforeBodies[id] {
                    entry.text = before
                    part = BodySearchPart(id: id, entry: entry)
                }
            }
            pages[page.outputPath] = BodyPage(source: source, searchable: id != nil, search: part)
        }
        return pages
    }

    /// The slot of a rendered page that shows a body; nil for other pages.
    static func slot(of page: some SitePage, in file: OutputFile) -> BodySlot? {
        guard let body = page.shownBody, let source = page.editSource else { return nil }
        return BodySlot.locate(body.html, in: file.data, source: source)
    }
}
