import Foundation
import Yams
import EngageModel

/// Reads one YAML document with positions, recording a diagnostic for every problem.
/// Positions are file positions: `firstLine` is the line of the file where the YAML starts.
public final class YAMLReader {
    public let path: String
    let lineOffset: Int
    public var diagnostics = Diagnostics()
    /// References to other content found while decoding, checked once everything is loaded.
    public var references: [Reference] = []

    public init(path: String, firstLine: Int = 1) {
        self.path = path
        self.lineOffset = firstLine - 1
    }

    /// Parses the YAML; on a syntax error reports it and returns nil.
    public func parse(_ yaml: String) -> Node? {
        // Complex keys, alias bombs and duplicate keys first: Yams would hash them (exponentially).
        let preflight = YAMLPreflight.check(yaml, lineOffset: lineOffset)
        for f in preflight.findings + (preflight.syntaxError.map { [$0] } ?? []) {
            diagnostics.error(path, Position(line: f.line + lineOffset, column: f.column), f.message)
        }
        // A duplicate key does not stop reading: the first one is used and the rest is decoded,
        // so every other problem of the file is reported too.
        if preflight.syntaxError != nil || preflight.findings.contains(where: \.stops) { return nil }
        // Nil for a file without a document (only comments): `rootMap` says it is empty.
        return YAMLComposer.compose(yaml)
    }

    private func report(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            message += YAMLSyntaxHint.hint(problem: problem, at: mark.line, mark.column, lines: [])
            diagnostics.error(path, position(mark), message)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.error(path, position(context.mark), "duplicate key \(keys) in a mapping; each key may appear once")
        case let .reader(problem, _, _, _):
            diagnostics.error(path, Position(line: lineOffset + 1, column: 1), "cannot read YAML: \(problem)")
        default:
            diagnostics.error(path, Position(line: lineOffset + 1, column: 1), "cannot read YAML: \(error)")
        }
    }

    func position(_ mark: Mark?) -> Position {
        guard let mark else { return Position(line: lineOffset + 1, column: 1) }
        return Position(line: mark.line + lineOffset, column: mark.column)
    }

    public func position(of node: Node) -> Position { position(node.mark) }

    /// Records a reference to check later (e.g. a pathway slug in a team's front matter).
    public func refer(_ kind: Reference.Kind, _ name: String, at node: Node?, what: String) {
        references.append(Reference(kind: kind, name: name, path: path,
                                    position: node.map { position(of: $0) } ?? position(nil), what: what))
    }

    public func error(_ node: Node?, _ message: String) {
        diagnostics.error(path, node.map { position(of: $0) } ?? position(nil), message)
    }

    public func warning(_ node: Node?, _ message: String) {
        diagnostics.warning(path, node.map { position(of: $0) } ?? position(nil), message)
    }

    /// The root as a mapping, or an error saying what was expected.
    public func rootMap(_ node: Node?, what: String) -> MapReader? {
        guard let node else {
            // After a syntax error the document is absent, not empty: the error says why.
            if !diagnostics.hasErrors {
                let example = what == "front matter" ? " such as 'title: …' (a team's is 'name: …')" : ""
                diagnostics.error(path, position(nil), "\(what) is empty; expected a mapping of fields\(example)")
            }
            return nil
        }
        return map(node, what: what)
    }

    public func map(_ node: Node, what: String) -> MapReader? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping (key: value lines), found \(YAMLReader.describe(node))")
            return nil
        }
        return MapReader(reader: self, node: node, mapping: mapping)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            if s.string.isEmpty { return "an empty value" }
            return "'\(s.string.count > 40 ? String(s.string.prefix(40)) + "…" : s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node else { return false }
        guard s.style == .plain || s.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    // MARK: Scalars

    public func string(_ node: Node, what: String) -> String? {
        if YAMLReader.isNull(node) { return nil }
        guard case .scalar(let s) = node else {
            error(node, "\(what) must be text, found \(YAMLReader.describe(node))")
            return nil
        }
        return s.string
    }

    /// Whole numbers above this are refused: no count in an HR site is that large, and sums stay far from overflow.
    public static let largestWholeNumber = 1_000_000_000

    public func int(_ node: Node, what: String, min: Int? = nil) -> Int? {
        if YAMLReader.isNull(node) { return nil }
        guard case .scalar(let s) = node else {
            error(node, "\(what) must be a whole number, found \(YAMLReader.describe(node))")
            return nil
        }
        let text = s.string.trimmingCharacters(in: .whitespaces)
        let number: Double
        switch YAMLReader.readNumber(text) {
        case .number(let v): number = v
        case .problem(let hint):
            error(node, "\(what) must be a whole number, found \(YAMLReader.describe(node))\(hint)")
            return nil
        }
        if abs(number) > Double(YAMLReader.largestWholeNumber) {
            error(node, "\(what) is too large (\(text)); whole numbers here go up to \(YAMLReader.largestWholeNumber)")
            return nil
        }
        guard number == number.rounded() else {
            error(node, "\(what) must be a whole number, found \(text)")
            return nil
        }
        let value = Int(number)
        if let min, value < min {
            error(node, "\(what) must be at least \(min), found \(value)")
            return nil
        }
        return value
    }

    /// Numbers (not whole ones) above this are refused: nothing in an HR site is that large.
    public static let largestNumber = 1e12

    public func number(_ node: Node, what: String) -> Double? {
        if YAMLReader.isNull(node) { return nil }
        guard case .scalar(let s) = node else {
            error(node, "\(what) must be a number, found \(YAMLReader.describe(node))")
            return nil
        }
        let text = s.string.trimmingCharacters(in: .whitespaces)
        switch YAMLReader.readNumber(text) {
        case .number(let v):
            if abs(v) > YAMLReader.largestNumber {
                error(node, "\(what) is too large (\(text)); numbers here go up to 1000000000000 (10^12)")
                return nil
            }
            return v
        case .problem(let hint):
            error(node, "\(what) must be a number, found \(YAMLReader.describe(node))\(hint)")
            return nil
        }
    }

    enum NumberText: Equatable {
        case number(Double)
        /// Not a usable number; the hint (possibly empty) says how to write it.
        case problem(String)
    }

    /// A decimal number as a person writes it: `12`, `-3.5`, `.5`, `1e3`, `1_000`. Everything
    /// else gets a hint: `0x10`, `inf`/`.nan`, `1,000`, `50%`.
    static func readNumber(_ text: String) -> NumberText {
        let t = text.replacingOccurrences(of: "_", with: "")
        if !t.isEmpty, t.allSatisfy({ "0123456789+-.eE".contains($0) }), t.contains(where: \.isNumber), let v = Double(t) {
            return v.isFinite ? .number(v) : .number(v.sign == .minus ? -.greatestFiniteMagnitude : .greatestFiniteMagnitude)
        }
        let lower = t.lowercased()
        let unsigned = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
        if ["inf", ".inf", "infinity", "nan", ".nan"].contains(unsigned) { return .problem("; write a finite number") }
        if unsigned.hasPrefix("0x") || unsigned.hasPrefix("0o") || unsigned.hasPrefix("0b") {
            let radix = unsigned.hasPrefix("0x") ? 16 : unsigned.hasPrefix("0o") ? 8 : 2
            let decimal = Int(unsigned.dropFirst(2), radix: radix).map { " (\(lower.hasPrefix("-") ? "-" : "")\($0))" } ?? ""
            return .problem("; write numbers in decimal\(decimal)")
        }
        if t.hasSuffix("%"), case .number(let v) = readNumber(String(t.dropLast()).trimmingCharacters(in: .whitespaces)) {
            return .problem("; write it without '%' (\(format(v)))")
        }
        if t.contains(","), case .number(let v) = readNumber(t.replacingOccurrences(of: ",", with: "")) {
            return .problem("; write numbers without thousands separators or decimal commas (e.g. \(format(v)))")
        }
        // A currency sign or code before or after the amount ("$150", "150 EUR", "£1,200"): the
        // site's `currency` says which money it is.
        let signs = CharacterSet(charactersIn: "$€£¥₹₩₽₪₺₫฿").union(.whitespaces)
        var amount = t.trimmingCharacters(in: signs)
        for code in ["USD", "EUR", "GBP", "CHF", "JPY", "AUD", "CAD", "NZD", "SEK", "NOK", "DKK", "INR"] {
            if amount.uppercased().hasPrefix(code) { amount = String(amount.dropFirst(code.count)) }
            if amount.uppercased().hasSuffix(code) { amount = String(amount.dropLast(code.count)) }
        }
        amount = amount.trimmingCharacters(in: signs)
        if amount != t, !amount.isEmpty, !amount.hasSuffix("%") {
            // "1.200" and "1,2" may be a thousand two hundred or one point two: no number offered.
            let points: [Substring] = amount.split(separator: ".", omittingEmptySubsequences: false)
            let commas: [Substring] = amount.split(separator: ",", omittingEmptySubsequences: false)
            let thousandsPoints = points.count > 1 && commas.count == 1 && points.dropFirst().allSatisfy { $0.count == 3 }
            let decimalComma = commas.dropFirst().contains { $0.count != 3 }
            let ambiguous = thousandsPoints || decimalComma
            if ambiguous {
                return .problem("; write the amount as a plain number without its currency, with '.' for decimals and no thousands separators; 'currency' in content/site.yml says which it is")
            }
            switch readNumber(amount) {
            case .number(let v): return .problem("; write the amount without its currency (\(format(v))); 'currency' in content/site.yml says which it is")
            case .problem(let hint) where hint.contains("thousands"):
                if case .number(let v) = readNumber(amount.replacingOccurrences(of: ",", with: "")) {
                    return .problem("; write the amount without its currency or thousands separators (\(format(v))); 'currency' in content/site.yml says which it is")
                }
            default: break
            }
        }
        return .problem("")
    }

    /// Only unquoted `true`/`false` (and the YAML 1.1 words `yes`/`no`/`on`/`off`, any case) are
    /// booleans: a quoted `"yes"` is text, and taking it as true would publish a draft by mistake.
    public func bool(_ node: Node, what: String) -> Bool? {
        if YAMLReader.isNull(node) { return nil }
        if case .scalar(let s) = node {
            let word = s.string.lowercased()
            let plain = s.style == .plain || s.style == .any
            switch word {
            case "true", "yes", "on": if plain { return true }
            case "false", "no", "off": if plain { return false }
            default: break
            }
            if !plain, ["true", "yes", "on", "false", "no", "off"].contains(word.trimmingCharacters(in: .whitespaces)) {
                let bare = ["true", "yes", "on"].contains(word.trimmingCharacters(in: .whitespaces)) ? "true" : "false"
                error(node, "\(what) must be true or false, found the text \(YAMLReader.describe(node)); write \(bare) without quotes")
                return nil
            }
        }
        error(node, "\(what) must be true or false, found \(YAMLReader.describe(node))")
        return nil
    }

    /// A list of text items; a single text value is accepted as a one-item list.
    public func stringList(_ node: Node, what: String) -> [String] {
        if YAMLReader.isNull(node) { return [] }
        switch node {
        case .sequence(let seq):
            return seq.compactMap { item in string(item, what: "each item of \(what)") }
        case .scalar(let s):
            return [s.string]
        default:
            error(node, "\(what) must be a list of text items, found \(YAMLReader.describe(node))")
            return []
        }
    }

    public func list(_ node: Node, what: String) -> [Node]? {
        if YAMLReader.isNull(node) { return [] }
        guard case .sequence(let seq) = node else {
            error(node, "\(what) must be a list, found \(YAMLReader.describe(node))")
            return nil
        }
        return Array(seq)
    }
}

/// A YAML mapping with typed, position-aware accessors.
public struct MapReader {
    public let reader: YAMLReader
    public let node: Node
    let mapping: Node.Mapping

    /// Key/value pairs in file order (non-text keys are reported and skipped).
    public var entries: [(key: String, keyNode: Node, value: Node)] {
        mapping.compactMap { pair in
            guard case .scalar(let s) = pair.key else {
                reader.error(pair.key, "a key must be text, found \(YAMLReader.describe(pair.key))")
                return nil
            }
            return (s.string, pair.key, pair.value)
        }
    }

    public subscript(key: String) -> Node? {
        for pair in mapping {
            if case .scalar(let s) = pair.key, s.string == key { return pair.value }
        }
        return nil
    }

    public func keyNode(_ key: String) -> Node? {
        for pair in mapping {
            if case .scalar(let s) = pair.key, s.string == key { return pair.key }
        }
        return nil
    }

    public var position: Position { reader.position(of: node) }

    /// Warns about keys that are not in `known`, suggesting the closest known key.
    public func checkKeys(_ known: [String], what: String) {
        for pair in mapping {
            guard case .scalar(let s) = pair.key else { continue }
            if !known.contains(s.string) {
                let hint = Suggest.hint(for: s.string, in: known, otherwise: "; known fields: \(known.joined(separator: ", "))")
                reader.warning(pair.key, "unknown field '\(s.string)' in \(what)\(hint)")
            }
        }
    }

    private func missing(_ key: String, _ what: String) {
        // Written with nothing after it (`levels:`): said where it is written.
        if let pair = mapping.first(where: { if case .scalar(let s) = $0.key { return s.string == key } else { return false } }),
           YAMLReader.isNull(pair.value) {
            reader.error(pair.key, "\(what) has the required field '\(key)' with nothing in it")
            return
        }
        reader.error(node, "\(what) is missing the required field '\(key)'")
    }

    public func string(_ key: String, required: Bool = false, what: String) -> String? {
        guard let value = self[key], let s = reader.string(value, what: "'\(key)'") else {
            if required { missing(key, what) }
            return nil
        }
        if required && s.trimmingCharacters(in: .whitespaces).isEmpty {
            reader.error(value, "'\(key)' in \(what) must not be empty")
            return nil
        }
        return s
    }

    public func int(_ key: String, min: Int? = nil, required: Bool = false, what: String) -> Int? {
        guard let value = self[key], !YAMLReader.isNull(value) else {
            if required { missing(key, what) }
            return nil
        }
        return reader.int(value, what: "'\(key)'", min: min)
    }

    public func number(_ key: String, required: Bool = false, what: String) -> Double? {
        guard let value = self[key], !YAMLReader.isNull(value) else {
            if required { missing(key, what) }
            return nil
        }
        return reader.number(value, what: "'\(key)'")
    }

    public func bool(_ key: String, what: String) -> Bool? {
        guard let value = self[key] else { return nil }
        return reader.bool(value, what: "'\(key)'")
    }

    public func stringList(_ key: String) -> [String] {
        guard let value = self[key] else { return [] }
        return reader.stringList(value, what: "'\(key)'")
    }

    /// Items of a list with their nodes, for positions.
    public func stringListWithNodes(_ key: String) -> [(String, Node)] {
        guard let value = self[key] else { return [] }
        if case .scalar(let scalar) = value, !YAMLReader.isNull(value) { return [(scalar.string, value)] }
        guard case .sequence(let seq) = value else {
            reader.error(value, "'\(key)' must be a list of text items, found \(YAMLReader.describe(value))")
            return []
        }
        let items = Array(seq)
        return items.compactMap { item in reader.string(item, what: "each item of '\(key)'").map { ($0, item) } }
    }

    public func list(_ key: String, required: Bool = false, what: String) -> [Node] {
        guard let value = self[key], !YAMLReader.isNull(value) else {
            if required { missing(key, what) }
            return []
        }
        return reader.list(value, what: "'\(key)'") ?? []
    }

    public func map(_ key: String, required: Bool = false, what: String) -> MapReader? {
        guard let value = self[key], !YAMLReader.isNull(value) else {
            if required { missing(key, what) }
            return nil
        }
        return reader.map(value, what: "'\(key)'")
    }

    /// Position of a key's value (or of the mapping when absent).
    public func position(of key: String) -> Position {
        self[key].map { reader.position(of: $0) } ?? position
    }
}
