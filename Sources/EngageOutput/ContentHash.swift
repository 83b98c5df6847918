import Foundation

/// A 128-bit fingerprint of some bytes, for telling whether a file changed (not for security:
/// nobody gains by making two of a site's own files collide). Eight bytes at a time on two lanes,
/// so hashing a whole 10,000-page site's output costs a few tens of milliseconds.
public struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public init(_ data: Data) {
        self = data.withUnsafeBytes { ContentHash(bytes: $0) }
    }

    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { ContentHash(bytes: UnsafeRawBufferPointer($0)) }
    }

    public init(bytes: UnsafeRawBufferPointer) {
        var a: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var b: UInt64 = 0x1319_8A2E_0370_7344 &+ UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        let count = bytes.count
        var offset = 0
        if let base = bytes.baseAddress {
            while offset + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                a = Self.rotate((a ^ word) &* 0x9E37_79B9_7F4A_7C15, 31)
                b = Self.rotate((b &+ word) &* 0xC2B2_AE3D_27D4_EB4F, 29) ^ a
                offset += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift += 8
                offset += 1
            }
            a = Self.rotate((a ^ tail) &* 0x9E37_79B9_7F4A_7C15, 31)
            b = Self.rotate((b &+ tail) &* 0xC2B2_AE3D_27D4_EB4F, 29) ^ a
        }
        high = Self.finish(a ^ Self.rotate(b, 17))
        low = Self.finish(b &+ high)
    }

    @inline(__always) static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    /// MurmurHash3's 64-bit finalizer.
    @inline(__always) static func finish(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33; x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33; x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// 32 hexadecimal digits.
    public var description: String { Self.hex(high) + Self.hex(low) }

    public init?(hex text: Substring) {
        guard text.utf8.count == 32, let h = UInt64(text.prefix(16), radix: 16), let l = UInt64(text.suffix(16), radix: 16) else { return nil }
        self.init(high: h, low: l)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.utf8.count) + s
    }

    /// One fingerprint of many (order matters).
    public static func combine(_ parts: [String]) -> ContentHash {
        ContentHash(parts.joined(separator: "\u{1F}"))
    }
}
