import Foundation
import EngageModel

/// Rewrites Markdown links to other source files into links to their pages.
public struct LinkRewriter: Sendable {
    /// Content-relative paths ("values/integrity.md") of the pages in this build.
    public var published: Set<String>
    /// Content-relative paths of drafts left out of this build.
    public var drafts: Set<String>
    /// Content-relative paths of source files that exist but could not be loaded (their errors are
    /// reported on their own): a link to one is not a link to a missing file.
    public var unloaded: Set<String>
    /// Paths of the files of `static/`, relative to it ("img/org.png").
    public var staticFiles: Set<String>
    /// Other files Engage writes that Markdown may link to ("data/kpis.csv").
    public var generatedFiles: Set<String>
    /// Output paths of every file the build generates ("values/care/index.html", "index.html"), and
    /// of the pages of files that could not be loaded: what a link from the site root may name.
    public var pages: Set<String> = []
    /// The output path a draft left out would have had, and its file ("values/x/index.html" → "values/x.md").
    public var draftPages: [String: String] = [:]
    /// The path of `base_url` without its leading '/' ("people/"; "" at the root), which a link
    /// from the site root may start with.
    public var basePath: String = ""

    public init(published: Set<String>, drafts: Set<String> = [], unloaded: Set<String> = [],
                staticFiles: Set<String> = [], generatedFiles: Set<String> = []) {
        self.published = published
        self.drafts = drafts
        self.unloaded = unloaded
        self.staticFiles = staticFiles
        self.generatedFiles = generatedFiles
    }

    /// Resolves `url` found in the file `from` (content-relative, e.g. "values/integrity.md").
    public func resolve(_ url: String, from: String) -> LinkResolution {
        guard let route = Collections.route(ofContentFile: from) else { return .keep }
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || LinkRewriter.hasScheme(url) { return .keep }
        var path = url
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = String(path[..<hash])
        }
        var query = ""
        if let mark = path.firstIndex(of: "?") {
            query = String(path[mark...])
            path = String(path[..<mark])
        }
        guard path.hasSuffix(".md") else {
            return resolveStatic(url, path: path, suffix: query + fragment, from: from, route: route) ?? .keep
        }
        let decoded = path.removingPercentEncoding ?? path
        guard let target = LinkRewriter.normalize(decoded, relativeTo: from) else {
            return .error("link '\(url)' points outside the content folder")
        }
        if published.contains(target) || unloaded.contains(target), let targetRoute = Collections.route(ofContentFile: target) {
            return .replace(Route.relative(from: route, to: targetRoute) + fragment)
        }
        if drafts.contains(target) {
            return .error("link '\(url)' points to a draft ('content/\(target)' has 'draft: true'); build with --drafts, publish it, or remove the link")
        }
        let hint = Suggest.hint(for: target, in: published, shown: { LinkRewriter.relativePath(from: from, to: $0) })
        return .error("link '\(url)' points to a missing file 'content/\(target)'\(hint)")
    }

    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && !scheme.contains("/") && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    /// Resolves `path` against the folder of `file`; "/x.md" is from the content root. Nil if it leaves the content folder.
    static func normalize(_ path: String, relativeTo file: String) -> String? {
        var parts: [Substring] = path.hasPrefix("/") ? [] : file.split(separator: "/").dropLast()
        for piece in path.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(piece)
            }
        }
        return parts.joined(separator: "/")
    }

    /// How `to` would be written from `from` ("values/a.md", "pathways/b.md" → "../pathways/b.md").
    static func relativePath(from: String, to: String) -> String {
        let fromDir = from.split(separator: "/").dropLast()
        let toParts = to.split(separator: "/")
        var common = 0
        while common < fromDir.count, common < toParts.count - 1, fromDir[fromDir.startIndex + common] == toParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: fromDir.count - common)
        return (ups + toParts[common...].map(String.init)).joined(separator: "/")
    }
}
