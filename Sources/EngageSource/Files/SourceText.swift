import Foundation
import EngageModel

/// Turns file bytes into text, reporting invalid UTF-8 with its position.
public enum SourceText {
    /// Decodes UTF-8 (a leading byte-order mark is dropped, CRLF becomes LF).
    /// Returns nil and a diagnostic when the bytes are not valid UTF-8.
    public static func decode(_ data: Data, path: String, diagnostics: inout Diagnostics) -> String? {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let position = firstInvalidUTF8Position(bytes)
            diagnostics.error(path, position, "file is not valid UTF-8 (byte \(String(format: "0x%02X", invalidByte(bytes)))); save it with UTF-8 encoding")
            return nil
        }
        if bytes.contains(0x0D) {
            return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }

    private static func invalidOffset(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            if i + length > bytes.count { return i }
            if length > 1, String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { return i }
            i += length
        }
        return bytes.count
    }

    private static func invalidByte(_ bytes: [UInt8]) -> UInt8 {
        let offset = invalidOffset(bytes)
        return offset < bytes.count ? bytes[offset] : 0
    }

    static func firstInvalidUTF8Position(_ bytes: [UInt8]) -> Position {
        let offset = invalidOffset(bytes)
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let prefix = bytes[lineStart..<min(offset, bytes.count)]
        let column = (String(validating: prefix, as: UTF8.self)?.unicodeScalars.count ?? prefix.count) + 1
        return Position(line: line, column: column)
    }
}

/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterSplit: Sendable, Equatable {
    /// The YAML between the two `---` lines.
    public var yaml: String
    /// The Markdown after the closing `---` line.
    public var body: String
    /// 1-based line number of the first line of `yaml` in the file.
    public var yamlFirstLine: Int
    /// 1-based line number of the first line of `body` in the file.
    public var bodyFirstLine: Int
}

public enum FrontMatter {
    public enum Failure: Error, Equatable, Sendable {
        /// The file is empty or only white space.
        case empty
        /// The first line is not exactly `---`.
        case missingOpening
        /// No closing `---` line after the opening one.
        case missingClosing
    }

    /// Splits on lines that are exactly `---` (trailing spaces allowed, nothing else):
    /// the first line of the file must be one, the next such line closes the front matter.
    /// A `---` inside the YAML or the body (e.g. `----`, `--- x`, ` ---`) is not a delimiter.
    public static func split(_ text: String) -> Result<FrontMatterSplit, Failure> {
        // Works on UTF-8 bytes: '\n' and '-' never occur inside a multi-byte character.
        let bytes = Array(text.utf8)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D || $0 == 0x0C }) { return .failure(.empty) }
        var lineStart = 0
        var lineNumber = 1
        var yamlStart: Int?
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let isDelimiterLine = isDelimiter(bytes[lineStart..<lineEnd])
            let next = min(lineEnd + 1, bytes.count)
            if yamlStart == nil {
                guard isDelimiterLine else { return .failure(.missingOpening) }
                yamlStart = next
            } else if isDelimiterLine, let start = yamlStart {
                let yamlEnd = max(start, lineStart - 1)
                let yaml = String(decoding: bytes[start..<yamlEnd], as: UTF8.self)
                var body = String(decoding: bytes[next...], as: UTF8.self)
                if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
                return .success(FrontMatterSplit(yaml: yaml, body: body, yamlFirstLine: 2, bodyFirstLine: lineNumber + 1))
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        return .failure(.missingClosing)
    }

    static func isDelimiter(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.count >= 3, line.prefix(3).allSatisfy({ $0 == 0x2D }) else { return false }
        return line.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
