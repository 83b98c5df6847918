import CCmark
import Foundation
import EngageModel

/// What to do with one link or image destination found in Markdown.
public enum LinkResolution: Sendable, Equatable {
    case keep
    case replace(String)
    case error(String)
}

/// The result of rendering a Markdown body.
public struct RenderedMarkdown: Sendable, Equatable {
    public var html: String
    /// Text content without markup, for the search index.
    public var plainText: String
}

/// Markdown through libcmark's node API: parse, walk links, render HTML.
public enum Markdown {
    /// Renders `markdown`, asking `resolve` about every link and image destination.
    /// - Parameters:
    ///   - firstLine: line of the file where the Markdown starts (after front matter).
    ///   - unsafe: keep raw HTML and `javascript:` links (the site's `unsafe_html`).
    public static func render(
        _ markdown: String,
        path: String,
        firstLine: Int = 1,
        unsafe: Bool = false,
        diagnostics: inout Diagnostics,
        resolve: (String) -> LinkResolution
    ) -> RenderedMarkdown {
        let bytes = Array(markdown.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT) }
        }) ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT) else {
            diagnostics.error(path, Position(line: firstLine, column: 1), "cannot parse Markdown")
            return RenderedMarkdown(html: "", plainText: "")
        }
        defer { cmark_node_free(document) }

        var text: [String] = []
        var rawHTML: (count: Int, first: OpaquePointer)? = nil
        var headings: [OpaquePointer] = []
        var unlink: [OpaquePointer] = []
        let pipeTables = PipeTables(markdown)
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) {
                text.append(String(cString: literal))
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_PARAGRAPH
                        || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM || type == CMARK_NODE_CODE_BLOCK {
                text.append(" ")
                if type == CMARK_NODE_CODE_BLOCK, let literal = cmark_node_get_literal(node) { text.append(String(cString: literal)) }
            }
            if type == CMARK_NODE_HEADING { headings.append(node) }
            if !unsafe, type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE, !isComment(node) {
                rawHTML = ((rawHTML?.count ?? 0) + 1, rawHTML?.first ?? node)
            }
            if type == CMARK_NODE_PARAGRAPH, let at = pipeTables?.tableStart(in: node) {
                diagnostics.warning(path, Position(line: at.line + firstLine - 1, column: at.column), PipeTables.message)
            }
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            if !unsafe && type == CMARK_NODE_LINK && isDangerous(url) {
                unlink.append(node)
                continue
            }
            switch resolve(url) {
            case .keep:
                break
            case .replace(let newURL):
                cmark_node_set_url(node, newURL)
            case .error(let message):
                diagnostics.error(path, position(of: node, firstLine: firstLine), message)
            }
        }
        if let rawHTML {
            // Once a file: each tag of a paragraph is a node of its own.
            let places = rawHTML.count == 1 ? "" : " (\(rawHTML.count) places in this file; the first is here)"
            diagnostics.warning(path, position(of: rawHTML.first, firstLine: firstLine),
                                "raw HTML is left out of the page\(places): write it in Markdown, or set 'unsafe_html: true' in content/site.yml to keep HTML")
        }
        for link in unlink { replaceWithChildren(link) }
        addHeadingIDs(headings)
        let options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let rendered = cmark_render_html(document, options) else {
            return RenderedMarkdown(html: "", plainText: "")
        }
        defer { free(rendered) }
        let plain = collapseWhitespace(text.joined())
        return RenderedMarkdown(html: String(cString: rendered), plainText: plain)
    }

    /// Runs of ASCII white space become one space, trimmed at both ends (working on bytes:
    /// Character-level splitting was a fifth of a large build's time).
    static func collapseWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0, pendingSpace = false
                for byte in bytes {
                    if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                        pendingSpace = count > 0
                    } else {
                        if pendingSpace { out[count] = 0x20; count += 1 }
                        pendingSpace = false
                        out[count] = byte
                        count += 1
                    }
                }
                return count
            }
        }
    }

    /// Links a browser would run as code (`javascript:` and the like) are not made clickable in safe mode.
    static func isDangerous(_ url: String) -> Bool {
        // Most links start (after spaces and tabs) with an ASCII character none of the schemes
        // starts with: answered from that byte. Anything else takes the full test.
        if let first = url.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }), first < 0x80,
           !"jvfdJVFD".utf8.contains(first) {
            return false
        }
        let lower = url.trimmingCharacters(in: .whitespaces).lowercased()
        return ["javascript:", "vbscript:", "file:", "data:"].contains { lower.hasPrefix($0) }
    }

    /// An HTML comment (`<!-- a note for editors -->`): left out in either mode, so no warning.
    /// Only comments and white space: `<!-- c --> <span>x</span>` is not one.
    static func isComment(_ node: OpaquePointer) -> Bool {
        guard let literal = cmark_node_get_literal(node) else { return false }
        var rest = Substring(String(cString: literal))
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.isEmpty { return true }
            guard rest.hasPrefix("<!--"), let end = rest.range(of: "-->") else { return false }
            rest = rest[end.upperBound...]
        }
    }

    /// Puts a node's children in its place and frees it (a link becomes its plain text).
    static func replaceWithChildren(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Gives every heading an `id` from its text ("In practice" → "in-practice", repeats get "-2", "-3"),
    /// so links with `#anchor` land, and a "#" permalink to itself (shown on hover or focus; its
    /// accessible name "Link to section: In practice"). An id the default theme's templates use
    /// (`HeadingIDs.reserved`) gets a suffix too, so ids stay unique on the page. cmark's HTML has
    /// no ids, so each heading becomes a custom block that prints the same tag with an id around
    /// the same inline children.
    static func addHeadingIDs(_ headings: [OpaquePointer]) {
        // Each ID used so far, and how many times; the theme's own IDs count as used once
        // (looked up apart: copying them into `used` for every document cost more than the rest).
        var used: [String: Int] = [:]
        let uses = { (id: String) -> Int? in used[id] ?? (HeadingIDs.reserved.contains(id) ? 1 : nil) }
        for heading in headings {
            let level = max(1, min(6, Int(cmark_node_get_heading_level(heading))))
            let text = collapseWhitespace(inlineText(heading))
            var id = Slug.headingID(text)
            if id.isEmpty { id = "section" }
            if var count = uses(id) {
                let base = id
                repeat {
                    count += 1
                    id = base + "-\(count)"
                } while uses(id) != nil
                used[base] = count
            }
            used[id] = 1
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(block, "<h\(level) id=\"\(id)\">")
            cmark_node_set_on_exit(block, HeadingIDs.permalink(id: id, text: text) + "</h\(level)>")
            while let child = cmark_node_first_child(heading) {
                cmark_node_unlink(child)
                if cmark_node_append_child(block, child) == 0 { cmark_node_free(child) }
            }
            cmark_node_insert_before(heading, block)
            cmark_node_unlink(heading)
            cmark_node_free(heading)
        }
    }

    static func inlineText(_ node: OpaquePointer) -> String {
        var out = ""
        guard let iterator = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(n)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(n) {
                out += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                out += " "
            }
        }
        return out
    }

    /// The node's position, or that of its nearest ancestor that has one (cmark gives
    /// positions to blocks and to some inlines only).
    static func position(of node: OpaquePointer, firstLine: Int) -> Position {
        var current: OpaquePointer? = node
        while let n = current {
            let line = cmark_node_get_start_line(n)
            if line > 0 {
                return Position(line: Int(line) + firstLine - 1, column: max(1, Int(cmark_node_get_start_column(n))))
            }
            current = cmark_node_parent(n)
        }
        return Position(line: firstLine, column: 1)
    }
}
