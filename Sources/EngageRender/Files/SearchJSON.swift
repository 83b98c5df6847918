import Foundation

/// JSON text for the search index's scripts, written straight into bytes: exactly what
/// `JSONSerialization.data(withJSONObject:options: [.sortedKeys, .withoutEscapingSlashes])`
/// writes for strings, integers, arrays and objects (swift-corelibs-foundation's `JSONWriter`:
/// keys ordered by a numeric, case-insensitive comparison; `"`, `\` and control characters
/// escaped, `\b \f \n \r \t` by name, the others as `\u00XX` in lower-case hex; everything else
/// as it is), several times faster, since no `Any` is boxed, cast and sorted
/// (docs/performance.md, issue 13). `SearchJSONTests` compares the two.
struct SearchJSON {
    var bytes: [UInt8] = []

    /// Keys in the order `JSONSerialization` writes them with `.sortedKeys`.
    static func sortedKeys(_ keys: some Sequence<String>) -> [String] {
        keys.sorted { a, b in
            if let ordered = asciiOrder(a, b) { return ordered }
            return a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex,
                             locale: NSLocale.system as Locale) == .orderedAscending
        }
    }

    /// The same order for the common case, without Foundation: both keys only `a`–`z` and `0`–`9`
    /// (what the index's words are), compared character by character, runs of digits by their
    /// value. Nil when it cannot tell (another character, or two runs of the same value written
    /// with different leading zeros): then `compare` decides. `SearchJSONTests` checks the two agree.
    static func asciiOrder(_ a: String, _ b: String) -> Bool? {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y -> Bool? in
                func plain(_ c: UInt8) -> Bool { (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) }
                guard x.allSatisfy(plain), y.allSatisfy(plain) else { return nil }
                func digit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
                var i = 0, j = 0
                while i < x.count && j < y.count {
                    if digit(x[i]) && digit(y[j]) {
                        var ei = i, ej = j
                        while ei < x.count && digit(x[ei]) { ei += 1 }
                        while ej < y.count && digit(y[ej]) { ej += 1 }
                        var si = i, sj = j
                        while si < ei - 1 && x[si] == 0x30 { si += 1 }
                        while sj < ej - 1 && y[sj] == 0x30 { sj += 1 }
                        if ei - si != ej - sj { return ei - si < ej - sj }
                        for k in 0..<(ei - si) where x[si + k] != y[sj + k] { return x[si + k] < y[sj + k] }
                        if ei - i != ej - j { return nil }
                        i = ei; j = ej
                    } else {
                        if x[i] != y[j] { return x[i] < y[j] }
                        i += 1; j += 1
                    }
                }
                if i == x.count && j == y.count { return nil }
                return i == x.count
            }
        }
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ n: Int) { bytes.append(contentsOf: String(n).utf8) }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        // Most strings have nothing to escape: their bytes go in at once.
        let plain = s.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(contentsOf: (byte < 0x10 ? "0" : "").utf8)
                bytes.append(contentsOf: String(byte, radix: 16).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func array<T>(_ items: [T], _ each: (inout SearchJSON, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            each(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func strings(_ items: [String]) { array(items) { $0.string($1) } }
    mutating func ints(_ items: [Int]) { array(items) { $0.int($1) } }
    mutating func ints(_ items: [Int32]) { array(items) { $0.int(Int($1)) } }

    /// An object whose keys, in the order given (see `sortedKeys`), are written by `value`.
    mutating func object(_ keys: [String], _ value: (inout SearchJSON, String) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        for (i, key) in keys.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(key)
            bytes.append(UInt8(ascii: ":"))
            value(&self, key)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}

extension Array where Element == Int32 {
    /// Appends `id` unless it is already the last element (ids arrive in increasing order).
    mutating func appendOnce(_ id: Int32) { if last != id { append(id) } }
}
