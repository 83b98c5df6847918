import EngageModel

/// Links from the site root (`/docs/handbook`, `/teams/alpha/`, `/policies/old.html`): whatever
/// they end in, they name a file of `static/`, a file Engage generates, or a page, and are rewritten
/// to the relative link of that file or page so they work under `base_url` and from disk. One that
/// names nothing of the site is an error.
extension LinkRewriter {
    /// Adds what links from the site root may name: `addresses` (output paths of every generated
    /// file), the pages of files that failed to load (their own errors are reported), the pages
    /// drafts left out would have had (for the draft message), and the path of `baseURL`.
    mutating func addPages(_ addresses: [String], drafts: Set<String>, unloaded: Set<String>, baseURL: String) {
        pages.formUnion(addresses)
        for file in unloaded { if let route = Collections.route(ofContentFile: file) { pages.insert(Route.file(route)) } }
        for file in drafts { if let route = Collections.route(ofContentFile: file) { draftPages[Route.file(route)] = file } }
        basePath = LinkRewriter.basePath(of: baseURL)
    }

    /// "/people/" and "https://intranet.example.com/people/" → "people/"; "/" → "".
    static func basePath(of baseURL: String) -> String {
        var path = Substring(baseURL)
        if let scheme = path.range(of: "://") {
            let rest = path[scheme.upperBound...]
            path = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        }
        let trimmed = path.split(separator: "/").joined(separator: "/")
        return trimmed.isEmpty ? "" : trimmed + "/"
    }

    /// Resolves a link whose path (`decoded`, percent-decoded) starts with '/'. `suffix` is its
    /// query and fragment, kept; `route` is the address of the page the link is on.
    func resolveRootRelative(_ url: String, decoded: String, suffix: String, route: String) -> LinkResolution {
        guard var target = LinkRewriter.normalize(decoded, relativeTo: "") else {
            return .error("link '\(url)' points outside the site")
        }
        let folder = decoded.hasSuffix("/")
        if let found = file(named: target, folder: folder) {
            return .replace(Route.prefix(route) + Route.percentEncoded(found) + suffix)
        }
        // Written with base_url's own path ("/people/teams/" when base_url is /people/).
        if !basePath.isEmpty, (target + "/").hasPrefix(basePath) {
            target = String((target + "/").dropFirst(basePath.count).dropLast())
            if let found = file(named: target, folder: folder) {
                return .replace(Route.prefix(route) + Route.percentEncoded(found) + suffix)
            }
        }
        if let draft = draftPages[LinkRewriter.pagePath(target, folder: folder)] {
            return .error("link '\(url)' points to a draft ('content/\(draft)' has 'draft: true'); build with --drafts, publish it, or remove the link")
        }
        let last = target.split(separator: "/").last ?? ""
        if !folder, last.contains("."), !last.hasSuffix(".html"), !last.hasSuffix(".htm") {
            return missingStatic(url, target)
        }
        if target.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return missingStatic(url, target) }
        return .error("link '\(url)' points to no page or static file of the site\(nearest(target))")
    }

    /// The output path a root-relative `target` (normalized, without the leading '/') names, if any:
    /// a static or generated file as written, or a page (`teams`, `teams/`, `teams/index.html`).
    func file(named target: String, folder: Bool) -> String? {
        if !folder, !target.isEmpty, staticFiles.contains(target) || generatedFiles.contains(target) { return target }
        let page = LinkRewriter.pagePath(target, folder: folder)
        return pages.contains(page) || staticFiles.contains(page) ? page : nil
    }

    /// "" → "index.html", "teams" → "teams/index.html", "404.html" and "teams/index.html" as they are.
    static func pagePath(_ target: String, folder: Bool) -> String {
        if target.isEmpty { return "index.html" }
        if !folder, target.hasSuffix(".html") { return target }
        return target + "/index.html"
    }

    /// What a link may name, as it is written from the site's root, by its path without a
    /// trailing `/index.html`: "teams/alpha" → "/teams/alpha/", "img/logo.svg" → "/img/logo.svg".
    var linkable: [String: String] {
        var shown: [String: String] = [:]
        for path in staticFiles { shown[path] = "/" + path }
        for path in pages.union(generatedFiles) {
            if path == "index.html" { continue }
            if path.hasSuffix("/index.html") {
                let folder = String(path.dropLast("/index.html".count))
                if shown[folder] == nil { shown[folder] = "/" + folder + "/" }
            } else if shown[path] == nil {
                shown[path] = "/" + path
            }
        }
        return shown
    }

    /// "; did you mean '/teams/alpha/'?" with the page address or static path closest to `target`.
    func nearest(_ target: String) -> String {
        let shown = linkable
        var word = target
        if word.hasSuffix("/index.html") { word = String(word.dropLast("/index.html".count)) }
        return Suggest.hint(for: word, in: shown.keys, shown: { shown[$0] ?? "/" + $0 })
    }
}
