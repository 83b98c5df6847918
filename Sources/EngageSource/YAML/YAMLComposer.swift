import CYaml
import Yams

/// Builds the node tree of one YAML document from libyaml's events, for text that
/// `YAMLPreflight` has already checked (no syntax error, only plain keys, aliases bounded).
///
/// Yams' own composer refuses a whole document when a mapping repeats a key, which would hide
/// every other problem of the file. Here a repeated key is kept at its first occurrence and the
/// later ones are dropped (YAMLPreflight reports them), so decoding goes on and reports the rest.
/// Keys are compared by their text, as YAMLPreflight compares them.
enum YAMLComposer {
    /// Yams' `Mark` (two `Int`s: 1-based line and column) has no public initializer; it is built
    /// from a pair of the same layout (checked, and by the position tests of every diagnostic).
    static func mark(line: Int, column: Int) -> Mark? {
        guard MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size,
              MemoryLayout<Mark>.alignment == MemoryLayout<(Int, Int)>.alignment else { return nil }
        return unsafeBitCast((line, column), to: Mark.self)
    }

    static func compose(_ yaml: String) -> Node? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var text = yaml
        return text.withUTF8 { buffer -> Node? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

            enum Open {
                case list([Node], Node.Sequence.Style, Mark?, String?)
                case mapping([(Node, Node)], pendingKey: Node?, keys: Set<String>, Node.Mapping.Style, Mark?, String?)
            }
            var stack: [Open] = []
            var anchors: [String: Node] = [:]
            var root: Node?

            func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: $0) }
            }
            /// Adds a finished node to the open collection (or makes it the document).
            func add(_ node: Node) {
                guard let last = stack.indices.last else {
                    if root == nil { root = node }
                    return
                }
                switch stack[last] {
                case .list(var items, let style, let mark, let anchor):
                    stack[last] = .list([], style, mark, anchor)  // releases the array: appended in place
                    items.append(node)
                    stack[last] = .list(items, style, mark, anchor)
                case .mapping(var pairs, let pending, var keys, let style, let mark, let anchor):
                    stack[last] = .mapping([], pendingKey: nil, keys: [], style, mark, anchor)
                    if let key = pending {
                        // A key that is not plain text (refused by YAMLPreflight) never matches.
                        let keyText = key.scalar?.string
                        if let keyText, keys.contains(keyText) {
                            // A repeated key: the first occurrence stays.
                        } else {
                            if let keyText { keys.insert(keyText) }
                            pairs.append((key, node))
                        }
                        stack[last] = .mapping(pairs, pendingKey: nil, keys: keys, style, mark, anchor)
                    } else {
                        stack[last] = .mapping(pairs, pendingKey: node, keys: keys, style, mark, anchor)
                    }
                }
            }
            func mark(_ m: yaml_mark_t) -> Mark? { YAMLComposer.mark(line: Int(m.line) + 1, column: Int(m.column) + 1) }

            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                    return root
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                    let tag: Tag = s.quoted_implicit == 1 ? Tag(.str) : (string(s.tag).map { Tag(Tag.Name(rawValue: $0)) } ?? .implicit)
                    let style = Node.Scalar.Style(rawValue: numericCast(s.style.rawValue)) ?? .any
                    let node = Node.scalar(.init(value, tag, style, mark(event.start_mark)))
                    if let anchor = string(s.anchor) { anchors[anchor] = node }
                    add(node)
                case YAML_ALIAS_EVENT:
                    add(anchors[string(event.data.alias.anchor) ?? ""] ?? Node.scalar(.init("", .implicit, .plain, mark(event.start_mark))))
                case YAML_SEQUENCE_START_EVENT:
                    let s = event.data.sequence_start
                    stack.append(.list([], Node.Sequence.Style(rawValue: numericCast(s.style.rawValue)) ?? .any, mark(event.start_mark), string(s.anchor)))
                case YAML_MAPPING_START_EVENT:
                    let s = event.data.mapping_start
                    stack.append(.mapping([], pendingKey: nil, keys: [], Node.Mapping.Style(rawValue: numericCast(s.style.rawValue)) ?? .any, mark(event.start_mark), string(s.anchor)))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let open = stack.popLast() else { return nil }
                    let node: Node
                    let anchor: String?
                    switch open {
                    case .list(let items, let style, let m, let a):
                        node = .sequence(.init(items, .implicit, style, m)); anchor = a
                    case .mapping(let pairs, _, _, let style, let m, let a):
                        node = .mapping(.init(pairs, .implicit, style, m)); anchor = a
                    }
                    if let anchor { anchors[anchor] = node }
                    add(node)
                default:
                    break
                }
            }
        }
    }
}
