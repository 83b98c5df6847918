import EngageOutput

/// Entity tags of served files and `If-None-Match` matching.
public enum ETag {
    /// A strong tag from the file's identity and version: inode, size and modification time in
    /// nanoseconds. Unchanged files keep their inode across rebuilds (the output writer hard-links
    /// them into the next generation), so browsers keep their copies; `variant` tells apart two
    /// bodies made from the same file (the HTML with the live-reload script).
    public static func make(inode: UInt64, size: Int64, modifiedNanoseconds: Int64, variant: String = "") -> String {
        let parts = [String(inode, radix: 16), String(size, radix: 16), String(modifiedNanoseconds, radix: 16)]
        return "\"" + parts.joined(separator: "-") + (variant.isEmpty ? "" : "-" + variant) + "\""
    }

    /// A strong tag from a file's bytes (a file a body-only rebuild keeps in memory, `SiteState`).
    public static func make(content: ContentHash) -> String {
        "\"c-" + content.description + "\""
    }

    /// Whether an `If-None-Match` header value names `tag` (weak comparison, as RFC 9110 asks
    /// for If-None-Match; `*` matches any).
    public static func matches(ifNoneMatch header: String?, tag: String) -> Bool {
        guard let header else { return false }
        let opaque = { (t: Substring) -> Substring in
            let trimmed = t.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
            let s = Substring(trimmed)
            return s.hasPrefix("W/") ? s.dropFirst(2) : s
        }
        let wanted = opaque(Substring(tag))
        for candidate in header.split(separator: ",") {
            let c = opaque(candidate)
            if c == "*" || c == wanted { return true }
        }
        return false
    }
}
