import CCmark
import Foundation

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
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) {
                text.append(String(cString: literal))
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text.append(" ")
            }
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            switch resolve(url) {
            case .keep:
                break
            case .replace(let newURL):
                cmark_node_set_url(node, newURL)
            case .error(let message):
                diagnostics.error(path, position(of: node, firstLine: firstLine), message)
            }
        }
        let options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let rendered = cmark_render_html(document, options) else {
            return RenderedMarkdown(html: "", plainText: "")
        }
        defer { free(rendered) }
        let plain = text.joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return RenderedMarkdown(html: String(cString: rendered), plainText: plain)
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
