/// What libyaml's syntax errors most likely mean, from the text where they were found: libyaml
/// names what it expected, not the mistake ("mapping values are not allowed in this context" for
/// a line indented too far, "found character that cannot start any token" for a tab).
enum YAMLSyntaxHint {
    /// Where to report an error and what to say: a quote that is never closed is reported where
    /// it opens (libyaml reports the end of the text).
    struct Placed: Equatable {
        var line: Int, column: Int
        var message: String
    }

    /// `problem` and `context` are libyaml's words; lines and columns count from 1.
    static func place(problem: String, context: String?, at line: Int, _ column: Int, contextAt contextLine: Int, _ contextColumn: Int,
                      lines: [Substring], lineOffset: Int) -> Placed {
        if let context, context.contains("quoted scalar"), problem.contains("end of stream") || problem.contains("document") {
            return Placed(line: contextLine, column: contextColumn,
                          message: "YAML syntax error: the quote that opens here is never closed; end the value with the same quote mark")
        }
        var message = "YAML syntax error: \(problem)"
        if let context { message += " (\(context) at line \(contextLine + lineOffset))" }
        message += hint(problem: problem, at: line, column, lines: lines)
        return Placed(line: line, column: column, message: message)
    }

    static func hint(problem: String, at line: Int, _ column: Int, lines: [Substring]) -> String {
        let text = line >= 1 && line <= lines.count ? lines[line - 1] : ""
        let character = text.dropFirst(max(0, column - 1)).first
        if problem.contains("tab") || character == "\t" || (problem.contains("cannot start any token") && text.prefix { $0 == " " || $0 == "\t" }.contains("\t")) {
            return "; indent with spaces, not tabs"
        }
        if problem.contains("mapping values are not allowed") {
            if let above = lines[..<min(max(0, line - 1), lines.count)].last(where: { !isBlankOrComment($0) }),
               indentation(text) > indentation(above), !above.trimmingTrailingSpaces.hasSuffix(":") {
                return "; this line is indented more than the one above it: give the fields of one mapping the same indentation"
            }
            return "; put quotes around a value that contains ': '"
        }
        if problem.contains("cannot start any token"), let character, "@`".contains(character) {
            return "; put quotes around a value that starts with '\(character)'"
        }
        return ""
    }

    /// Where a line's first field starts: its spaces, and a list item's `- ` with them
    /// (`  - id: a` and `    title: A` give their fields the same indentation, 4).
    static func indentation(_ line: Substring) -> Int {
        var count = 0
        var rest = line[...]
        while let first = rest.first {
            if first == " " { count += 1; rest = rest.dropFirst(); continue }
            if first == "-", rest.dropFirst().first == " " { count += 2; rest = rest.dropFirst(2); continue }
            break
        }
        return count
    }

    static func isBlankOrComment(_ line: Substring) -> Bool {
        let rest = line.drop { $0 == " " || $0 == "\t" }
        return rest.isEmpty || rest.first == "#" || rest == "\r"
    }
}

private extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return s
    }
}
