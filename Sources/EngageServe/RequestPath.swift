/// Turns the raw (still percent-encoded) path of a request into a place in the built site,
/// refusing anything that could name a file outside it. Pure: no file system access (see
/// `SiteFiles` for the second half, which resolves symbolic links).
public enum RequestPath: Equatable, Sendable {
    /// Path segments inside the site (decoded, none of them "", "." or ".."), and whether the
    /// request ended with "/".
    case site(segments: [String], trailingSlash: Bool)
    /// Send the browser to this address instead (e.g. "/" → the base path, "/docs" → "/docs/").
    case redirect(String)
    /// Outside the base path: the site's 404 page.
    case notFound
    /// A traversal attempt or a malformed path (`..`, encoded separators, NUL, not absolute).
    case forbidden

    /// `rawPath` is the request target's path as sent (percent-encoded, no query);
    /// `basePath` is the path of `base_url`, starting and ending with "/".
    public static func resolve(_ rawPath: String, basePath: String) -> RequestPath {
        guard rawPath.hasPrefix("/") else { return .forbidden }
        let rawSegments = rawPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var segments: [String] = []
        for raw in rawSegments {
            guard let decoded = percentDecoded(raw) else { return .forbidden }
            if decoded.contains("/") || decoded.contains("\\") || decoded.contains("\0") { return .forbidden }
            if decoded == ".." || decoded == "." { return .forbidden }
            if decoded.isEmpty { continue }
            segments.append(decoded)
        }
        let trailingSlash = rawPath.hasSuffix("/")
        let base = basePath.split(separator: "/").map(String.init)
        if base.isEmpty { return .site(segments: segments, trailingSlash: trailingSlash || segments.isEmpty) }
        if segments.isEmpty { return .redirect(basePath) }
        guard segments.count >= base.count, Array(segments.prefix(base.count)) == base else { return .notFound }
        let inside = Array(segments.dropFirst(base.count))
        if inside.isEmpty && !trailingSlash { return .redirect(basePath) }
        return .site(segments: inside, trailingSlash: trailingSlash || inside.isEmpty)
    }

    /// The output path of the file a `.site` request asks for: a folder's `index.html`
    /// ("index.html" for the site's root), else the file itself.
    public static func outputPath(_ segments: [String], trailingSlash: Bool) -> String {
        let relative = segments.joined(separator: "/")
        guard trailingSlash else { return relative }
        return relative.isEmpty ? "index.html" : relative + "/index.html"
    }

    /// The value of `name` in a query (`a=1&page=%2Fteams%2F`), percent-decoded; nil when it is
    /// missing or malformed.
    public static func queryValue(_ query: String, _ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { continue }
            return percentDecoded(parts[1])
        }
        return nil
    }

    /// Strict percent-decoding: a "%" must be followed by two hex digits and the bytes must be
    /// UTF-8; otherwise nil.
    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard utf8.count >= 2, let high = hex(utf8.popFirst()!), let low = hex(utf8.popFirst()!) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The path of a `base_url` ("/", "/hr/" or the path of "https://x.example/hr/"), always
    /// starting and ending with "/".
    public static func basePath(of baseURL: String) -> String {
        var path = baseURL
        if let scheme = path.range(of: "://") {
            let afterHost = path[scheme.upperBound...]
            path = afterHost.firstIndex(of: "/").map { String(afterHost[$0...]) } ?? "/"
        }
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }
}
