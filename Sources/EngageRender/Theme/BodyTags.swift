/// Whether the templates use a page's `body` only as `{{{body}}}`: the HTML put in verbatim, and
/// nothing else made from it (no `{{body}}`, which escapes it, no section or transform of it, no
/// changed delimiters that could hide such a tag). Only then is a page's body a byte range of
/// the page that a new body can replace (`BodySlot`); a theme that does more with it has body
/// edits rendered by the ordinary build.
extension Theme {
    public var showsBodiesVerbatim: Bool {
        files.values.allSatisfy { !$0.name.hasSuffix(".mustache") || Self.usesBodyVerbatimOnly($0.text) }
    }

    static func usesBodyVerbatimOnly(_ template: String) -> Bool {
        let bytes = Array(template.utf8)
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            var end = i + 2
            while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) { end += 1 }
            guard end + 1 < bytes.count else { return true }
            // A triple mustache closes with one more brace.
            if bytes[i + 2] == UInt8(ascii: "{"), end + 2 < bytes.count, bytes[end + 2] == UInt8(ascii: "}") { end += 1 }
            let tag = String(decoding: bytes[i...(end + 1)], as: UTF8.self)
            if tag.hasPrefix("{{=") { return false }
            if mentionsBody(tag) && tag != "{{{body}}}" { return false }
            i = end + 2
        }
        return true
    }

    /// Whether `body` appears in a tag as a name of its own (`body`, `page.body`, `body.x`).
    static func mentionsBody(_ tag: String) -> Bool {
        let words = tag.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        return words.contains("body")
    }
}
