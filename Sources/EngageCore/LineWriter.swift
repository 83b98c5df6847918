import EngageOutput

/// Lines of tab-separated fields as UTF-8 bytes, for the build cache files (tens of thousands of
/// lines, written after every build: appending bytes is several times faster than building a
/// `String` by interpolation).
struct LineWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func tab() { bytes.append(9) }
    mutating func newline() { bytes.append(10) }

    /// `kind`, then each field after a tab, then a newline.
    mutating func line(_ kind: StaticString, _ fields: String...) {
        kind.withUTF8Buffer { bytes.append(contentsOf: $0) }
        for f in fields { tab(); text(f) }
        newline()
    }

    mutating func number<T: BinaryInteger>(_ v: T) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = v.magnitude
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes.append(contentsOf: digits.reversed())
    }

    /// 32 lower-case hexadecimal digits (`ContentHash.description`).
    mutating func hash(_ h: ContentHash) {
        for word in [h.high, h.low] {
            for shift in stride(from: 60, through: 0, by: -4) {
                let v = UInt8((word >> UInt64(shift)) & 0xF)
                bytes.append(v < 10 ? 48 + v : 87 + v)
            }
        }
    }

    /// Whether `s` can be a field (no tab, newline or carriage return).
    static func isField(_ s: String) -> Bool { !s.utf8.contains { $0 == 9 || $0 == 10 || $0 == 13 } }
}
