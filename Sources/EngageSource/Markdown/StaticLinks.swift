import Foundation
import EngageModel

/// `static/` as seen from content: `logo:`/`favicon:` in site.yml, and Markdown links and images
/// to static files (`/img/org.png` from the static root, or `../../static/img/org.png` from the file).
/// Links from the site root that may also name pages are in RootLinks.swift.
extension SiteLoader {
    /// Files Engage writes besides pages, which Markdown may link to like static files.
    static func generatedFiles(kpis: Bool, surveys: Bool, actions: Bool = false) -> Set<String> {
        var files: Set<String> = ["data/programs.csv", "sitemap.xml", "search-index.json"]
        if kpis { files.insert("data/kpis.csv") }
        if surveys { files.insert("data/surveys.csv") }
        if actions { files.insert("data/actions.csv") }
        return files
    }

    /// The static path a `logo:` or `favicon:` setting names ("/img/logo.svg" → "img/logo.svg"),
    /// or nil with an error at the setting when it names no file of `static/`.
    static func staticSetting(_ key: String, _ map: MapReader, _ staticPaths: Set<String>) -> String? {
        guard let value = map.string(key, what: "site.yml") else { return nil }
        let text = value.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("//") || LinkRewriter.hasScheme(text) {
            map.reader.error(map[key], "'\(key)' must name a file in static/ by its path from there (like '/img/\(key == "logo" ? "logo.svg" : "favicon.ico")'), found '\(value)'; pages never load files from elsewhere")
            return nil
        }
        var path = LinkRewriter.normalize(text, relativeTo: "") ?? text
        if path.hasPrefix("static/") && !staticPaths.contains(path) { path.removeFirst("static/".count) }
        if staticPaths.contains(path) { return path }
        let hint = Suggest.hint(for: path, in: staticPaths, shown: { "/\($0)" })
        map.reader.error(map[key], "'\(key)' names '\(value)', but there is no file 'static/\(path)'\(hint)")
        return nil
    }
}

extension LinkRewriter {
    /// A link to a file that is not a page: `/x.png` from the static root, or a relative path from
    /// the source file into `static/`. Nil for other links (kept as written).
    func resolveStatic(_ url: String, path: String, suffix: String, from: String, route: String) -> LinkResolution? {
        guard !path.isEmpty else { return nil }
        let decoded = path.removingPercentEncoding ?? path
        // From the site root: a static file or a page, whatever its extension (RootLinks.swift).
        if decoded.hasPrefix("/") { return resolveRootRelative(url, decoded: decoded, suffix: suffix, route: route) }
        guard let normalized = LinkRewriter.normalize(decoded, relativeTo: "content/" + from) else { return nil }
        guard normalized.hasPrefix("static/") else { return resolveAsWritten(url, decoded: decoded, route: route) }
        let target = String(normalized.dropFirst("static/".count))
        if staticFiles.contains(target) || generatedFiles.contains(target) {
            return .replace(Route.prefix(route) + Route.percentEncoded(target) + suffix)
        }
        return missingStatic(url, target)
    }

    /// Any other relative link (`img/logo.png`, `../handbook.pdf`) is left as written, and the
    /// browser resolves it against the page's address: there it must name a page or a file of
    /// the site. Nil (kept) when it does, or when it climbs above the site's root (another
    /// application on the same server); else an error, suggesting a static file of that name.
    func resolveAsWritten(_ url: String, decoded: String, route: String) -> LinkResolution? {
        guard let target = LinkRewriter.normalize(decoded, relativeTo: Route.file(route)) else { return nil }
        let folder = decoded.hasSuffix("/")
        if file(named: target, folder: folder) != nil { return nil }
        // The same file or page from the site's root ("img/logo.png" written for "/img/logo.png").
        let shown = linkable.filter { target.hasSuffix("/" + $0.key) }
        let hint = shown.max { ($0.key.count, $1.value) < ($1.key.count, $0.value) }.map { "; did you mean '\($0.value)' (from the site's root)?" } ?? nearest(target)
        return .error("link '\(url)' leads from this page to '/\(target)\(folder ? "/" : "")', which is no page or file of the site\(hint)")
    }

    /// The error for a link to a file of `static/` that is not there.
    func missingStatic(_ url: String, _ target: String) -> LinkResolution {
        if target.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            return .error("link '\(url)' points to 'static/\(target)', but files and folders whose names start with '.' are not copied into the site; rename it without the leading '.'")
        }
        let hint = Suggest.hint(for: target, in: staticFiles, shown: { "/\($0)" })
        return .error("link '\(url)' points to a missing static file 'static/\(target)'\(hint)")
    }
}
