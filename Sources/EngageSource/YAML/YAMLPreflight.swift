import CYaml
import EngageModel

/// A pass over the YAML's parse events before Yams composes the nodes.
///
/// Yams checks each mapping for duplicate keys by hashing the keys, and hashing a key that is an
/// alias to a collection expands every alias inside it: a nine-level "billion laughs" document
/// used as a key (`? *a9 : x`) takes minutes. This pass refuses non-scalar keys and bounds alias
/// expansion before that can happen, and reports duplicate keys where the duplicate is.
/// Its work is linear in the size of the text.
enum YAMLPreflight {
    /// Aliases may add at most this many values to a document once expanded.
    static let expansionLimit = 100_000
    /// Lists and mappings may nest at most this deep (libyaml's own limit is 1000, and its message
    /// names a C function); content in an HR site nests a few levels.
    static let nestingLimit = 100

    struct Finding: Equatable {
        /// 1-based, within the YAML text.
        var line: Int
        var column: Int
        var message: String
        /// A duplicate key does not stop reading (the first occurrence is used); other findings do.
        var stops = true
    }

    struct Result {
        var findings: [Finding] = []
        /// A syntax error met on the way (its problem, context and position), if any.
        var syntaxError: Finding?
    }

    private enum Kind { case list, mapping }

    private struct Frame {
        var kind: Kind
        var anchor: String?
        /// Values in this collection once aliases are expanded (itself included), capped.
        var size = 1
        /// In a mapping: the next node is a key.
        var expectKey = true
        /// In a mapping: scalar keys seen, with their lines.
        var keys: [String: Int] = [:]
    }

    /// Walks `yaml` (lines reported in messages are offset by `lineOffset`).
    static func check(_ yaml: String, lineOffset: Int = 0) -> Result {
        var result = Result()
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return result }
        defer { yaml_parser_delete(&parser) }
        var text = yaml
        return text.withUTF8 { buffer -> Result in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var stack: [Frame] = []
            var scalarAnchors: [String: String] = [:]
            var collectionAnchors: [String: (kind: Kind, size: Int)] = [:]
            var expanded = 0
            var documents = 0

            func add(_ size: Int) {
                guard !stack.isEmpty else { return }
                stack[stack.count - 1].size = min(expansionLimit + 1, stack[stack.count - 1].size + size)
            }
            func finding(_ mark: yaml_mark_t, _ message: String) {
                result.findings.append(Finding(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message))
            }
            /// A node (of `kind`, or a scalar with `key` text) begins at `mark` in the current frame.
            func enterNode(_ mark: yaml_mark_t, keyText: String?, complex: String?) {
                // The frame is mutated in place: a copy (`var top = stack.last`) would copy its
                // `keys` dictionary for every key, making a mapping of n keys cost n².
                let last = stack.count - 1
                guard last >= 0, stack[last].kind == .mapping, stack[last].expectKey else { return }
                if let complex {
                    finding(mark, "a mapping key must be a plain value (text or a number), found \(complex); write 'key: value' lines")
                } else if let keyText {
                    let line = Int(mark.line) + 1
                    if let first = stack[last].keys[keyText] {
                        finding(mark, "duplicate key '\(keyText)' (first at line \(first + lineOffset)); each key may appear once in a mapping, and the first one is used")
                        result.findings[result.findings.count - 1].stops = false
                    } else {
                        stack[last].keys[keyText] = line
                    }
                }
            }
            /// A node has ended: in a mapping, keys and values alternate.
            func leaveNode() {
                guard !stack.isEmpty, stack[stack.count - 1].kind == .mapping else { return }
                stack[stack.count - 1].expectKey.toggle()
            }
            func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: $0) }
            }

            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    result.syntaxError = syntaxError(parser, buffer, depth: stack.count, lineOffset: lineOffset)
                    return result
                }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return result
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        finding(mark, "a file holds one YAML document; found a second '---' document at line \(Int(mark.line) + 1 + lineOffset); remove that '---' line or move what follows it to another file")
                        return result
                    }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let anchor = string(scalar.anchor)
                    let inKey = stack.last.map { $0.kind == .mapping && $0.expectKey } ?? false
                    if inKey || anchor != nil {
                        let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                        if let anchor { scalarAnchors[anchor] = text; collectionAnchors[anchor] = nil }
                        enterNode(mark, keyText: text, complex: nil)
                    }
                    add(1)
                    leaveNode()
                case YAML_ALIAS_EVENT:
                    let name = string(event.data.alias.anchor) ?? ""
                    if let text = scalarAnchors[name] {
                        enterNode(mark, keyText: text, complex: nil)
                        add(1)
                    } else if let target = collectionAnchors[name] {
                        enterNode(mark, keyText: nil, complex: "an alias to a \(target.kind == .list ? "list" : "mapping") ('*\(name)')")
                        expanded = min(expansionLimit + 1, expanded + target.size)
                        if expanded > expansionLimit {
                            finding(mark, "YAML aliases expand to more than \(expansionLimit) values here ('*\(name)'); an alias may not be used to make a document this large")
                            return result
                        }
                        add(target.size)
                    } else {
                        finding(mark, "unknown alias '*\(name)': no anchor '&\(name)' comes before it")
                        add(1)
                    }
                    leaveNode()
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isList = event.type == YAML_SEQUENCE_START_EVENT
                    enterNode(mark, keyText: nil, complex: isList ? "a list" : "a mapping")
                    let anchor = string(isList ? event.data.sequence_start.anchor : event.data.mapping_start.anchor)
                    if stack.count >= nestingLimit {
                        finding(mark, "YAML nested more than \(nestingLimit) levels deep; lists and mappings here nest only a few levels")
                        return result
                    }
                    stack.append(Frame(kind: isList ? .list : .mapping, anchor: anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else { break }
                    if let anchor = frame.anchor {
                        collectionAnchors[anchor] = (frame.kind, frame.size)
                        scalarAnchors[anchor] = nil
                    }
                    add(frame.size)
                    leaveNode()
                default:
                    break
                }
            }
        }
    }

    /// The 1-based line and column of the '[' or '{' after `mark` that takes the nesting (already
    /// `depth` deep) past `nestingLimit`; `mark` itself when none does. Quoted text is skipped.
    private static func deepestBracket(_ buffer: UnsafeBufferPointer<UInt8>, from mark: yaml_mark_t, depth: Int) -> (Int, Int) {
        var line = Int(mark.line) + 1, column = Int(mark.column) + 1
        var depth = depth, quote: UInt8? = nil
        var i = min(Int(mark.index), buffer.count)
        while i < buffer.count {
            let byte = buffer[i]
            if let q = quote {
                if byte == q { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                depth += 1
                if depth > nestingLimit { return (line, column) }
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                depth -= 1
            }
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (Int(mark.line) + 1, Int(mark.column) + 1)
    }

    /// The finding for libyaml's error: its problem and context, at the position of the problem.
    private static func syntaxError(_ parser: yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>, depth: Int, lineOffset: Int) -> Finding {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot parse"
        if parser.error == YAML_READER_ERROR {
            // A reader error has a byte offset, not a mark.
            let offset = min(max(0, Int(parser.problem_offset)), buffer.count)
            var line = 1, lineStart = 0
            for i in 0..<offset where buffer[i] == 0x0A { line += 1; lineStart = i + 1 }
            let column = String(decoding: UnsafeBufferPointer(rebasing: buffer[lineStart..<offset]), as: UTF8.self).unicodeScalars.count + 1
            let message: String
            if problem.contains("control characters") {
                let hex = String(Int(parser.problem_value), radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                message = "YAML text may not contain the control character \(code); remove it"
            } else {
                message = "cannot read YAML: \(problem)"
            }
            return Finding(line: line, column: column, message: message)
        }
        if problem.hasPrefix("Maximum nesting level") {
            // libyaml counts the brackets its scanner has read ahead, so it stops at the first
            // '[' of a deep run; the position given is the bracket that goes past the limit.
            let (line, column) = deepestBracket(buffer, from: parser.problem_mark, depth: depth)
            return Finding(line: line, column: column,
                           message: "YAML nested more than \(nestingLimit) levels deep; lists and mappings here nest only a few levels")
        }
        let lines = String(decoding: buffer, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let placed = YAMLSyntaxHint.place(problem: problem, context: parser.context.map { String(cString: $0) },
                                          at: Int(parser.problem_mark.line) + 1, Int(parser.problem_mark.column) + 1,
                                          contextAt: Int(parser.context_mark.line) + 1, Int(parser.context_mark.column) + 1,
                                          lines: lines, lineOffset: lineOffset)
        return Finding(line: placed.line, column: placed.column, message: placed.message)
    }
}
