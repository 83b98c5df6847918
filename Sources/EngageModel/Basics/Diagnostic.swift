import Foundation

/// A problem found in the user's content, printed as `path:LINE:COL: error: message`.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// Path relative to the source folder, e.g. `content/teams/support.md`.
    public var path: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(path: String, line: Int = 1, column: Int = 1, severity: Severity = .error, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    public static func error(_ path: String, _ position: Position, _ message: String) -> Diagnostic {
        Diagnostic(path: path, line: position.line, column: position.column, severity: .error, message: message)
    }

    public static func warning(_ path: String, _ position: Position, _ message: String) -> Diagnostic {
        Diagnostic(path: path, line: position.line, column: position.column, severity: .warning, message: message)
    }

    public var description: String {
        "\(Self.oneLine(path)):\(line):\(column): \(severity.rawValue): \(Self.oneLine(message))"
    }

    /// Control characters (a newline in a file name…) escaped, so every diagnostic stays one line.
    static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.severity != b.severity { return a.severity == .error }
        return a.message < b.message
    }
}

/// A 1-based line and column in a source file.
public struct Position: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static let start = Position(line: 1, column: 1)
}

/// Collects diagnostics for one file (or one phase); cheap to merge.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []
    public init() {}

    public mutating func error(_ path: String, _ position: Position, _ message: String) {
        items.append(.error(path, position, message))
    }
    public mutating func warning(_ path: String, _ position: Position, _ message: String) {
        items.append(.warning(path, position, message))
    }
    public mutating func append(_ d: Diagnostic) { items.append(d) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errorCount: Int { items.filter { $0.severity == .error }.count }
    public var warningCount: Int { items.filter { $0.severity == .warning }.count }
    public var sorted: [Diagnostic] { Array(Set(items)).sorted() }
}

/// "did you mean …?" suggestions by edit distance.
public enum Suggest {
    /// The closest candidate, if it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lower = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lower, candidate.lowercased())
            if let current = best, d > current.1 || (d == current.1 && candidate >= current.0) { continue }
            best = (candidate, d)
        }
        guard let (name, d) = best else { return nil }
        let limit = max(1, min(word.count, name.count) / 3)
        if d <= limit { return name }
        let shorter = min(word.count, name.count)
        if shorter >= 4 && abs(word.count - name.count) <= 3,
           name.lowercased().hasPrefix(lower) || lower.hasPrefix(name.lowercased()) { return name }
        return nil
    }

    /// "; did you mean 'x'?": the one way a diagnostic offers a correction. Use it directly when
    /// the correction is not found by `closest` (a fixed spelling, a slug made from the name).
    public static func didYouMean(_ correction: String) -> String {
        "; did you mean '\(correction)'?"
    }

    /// `didYouMean` with the candidate closest to `word` (written as `shown` makes it, e.g. as a
    /// path from the file), or `otherwise` (often empty, or a list of what is known) when none is close.
    public static func hint(for word: String, in candidates: some Sequence<String>,
                            shown: (String) -> String = { $0 }, otherwise: @autoclosure () -> String = "") -> String {
        guard let name = closest(to: word, in: candidates) else { return otherwise() }
        return didYouMean(shown(name))
    }

    /// Edit distance over Unicode scalars, counting a swap of two neighbours as one edit
    /// (optimal string alignment), so "csta" is one edit from "csat".
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
