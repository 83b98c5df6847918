import EngageModel
/// Numbers from the data, written for CSV as plain decimals: no exponent, no plus sign, no
/// leading or trailing zeros (`8.5e1`, `+85`, `085`, `85.0` → `85`; `1.23456` stays `1.23456`;
/// `1e-7` → `0.0000001`).
///
/// The text as written is read digit by digit, so nothing is lost to binary floating point; when
/// it is not a decimal numeral (YAML also reads `0x55` or `1_000` as numbers), the value's own
/// shortest round-trip digits are used instead.
public enum PlainNumber {
    /// The CSV form of a value from the data.
    public static func csv(text: String?, value: Double) -> String {
        if let text, let plain = decimal(text), Double(plain) == value { return plain }
        if value.isFinite, let plain = decimal(String(value)) { return plain }
        return Numbers.plain(value)
    }

    /// The shortest plain decimal of a numeral such as `-0012.50e+1`; nil when `text` is not one
    /// (or its exponent is beyond any sensible KPI value).
    public static func decimal(_ text: String) -> String? {
        var chars = Substring(text.trimmingWhitespace)
        var negative = false
        if let first = chars.first, first == "+" || first == "-" {
            negative = first == "-"
            chars = chars.dropFirst()
        }
        var digits: [Character] = []
        var pointAt: Int?
        var exponent = 0
        var index = chars.startIndex
        while index < chars.endIndex {
            let c = chars[index]
            if c.isASCII && c.isNumber {
                digits.append(c)
            } else if c == "." && pointAt == nil {
                pointAt = digits.count
            } else if c == "e" || c == "E" {
                let rest = chars[chars.index(after: index)...]
                guard let e = Int(rest.hasPrefix("+") ? rest.dropFirst() : rest), rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }),
                      abs(e) <= 400 else { return nil }
                exponent = e
                break
            } else {
                return nil
            }
            index = chars.index(after: index)
        }
        guard !digits.isEmpty else { return nil }
        // The value is 0.d1d2… × 10^point.
        let point = (pointAt ?? digits.count) + exponent
        var whole: [Character], fraction: [Character]
        if point <= 0 {
            whole = []
            fraction = Array(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            whole = digits + Array(repeating: "0", count: point - digits.count)
            fraction = []
        } else {
            whole = Array(digits[..<point])
            fraction = Array(digits[point...])
        }
        while whole.first == "0" { whole.removeFirst() }
        while fraction.last == "0" { fraction.removeLast() }
        if whole.isEmpty && fraction.isEmpty { return "0" }
        let number = (whole.isEmpty ? "0" : String(whole)) + (fraction.isEmpty ? "" : "." + String(fraction))
        return negative ? "-" + number : number
    }
}

private extension String {
    var trimmingWhitespace: Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
