import EngageModel

/// The one rule for addresses a site's settings put into links (`edit_url`, a KPI's `links`):
/// only `http(s)://` with a host, or a path from the server root. Anything else (`javascript:`,
/// `data:`, `mailto:`, `//host`, a relative path) would put an unsafe or broken link on pages.
enum LinkAddress {
    /// Why `url` cannot be used, or nil. `what` names the setting; `path` says what paths are allowed.
    static func problem(_ url: String, what: String, path: String) -> String? {
        let shown = url.count > 60 ? String(url.prefix(60)) + "…" : url
        let base = "\(what) must be an address starting with 'https://' or 'http://', or \(path), found '\(shown)'"
        if url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || "\\\"'<>`".unicodeScalars.contains($0) }) {
            return base + "; it may not contain spaces, quotes, '<', '>' or '\\'"
        }
        let lower = url.lowercased()
        for scheme in ["https://", "http://"] where lower.hasPrefix(scheme) {
            return url.count > scheme.count && !lower.dropFirst(scheme.count).hasPrefix("/") ? nil : base + "; the address needs a host name after '\(scheme)'"
        }
        if url.hasPrefix("/") && !url.hasPrefix("//") { return nil }
        if url.hasPrefix("//") { return base + "; write the scheme: 'https:\(shown)'" }
        if LinkRewriter.hasScheme(url) { return base }
        return base + Suggest.didYouMean("/\(shown)")
    }
}
