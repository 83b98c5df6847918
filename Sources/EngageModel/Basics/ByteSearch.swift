import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finding bytes in bytes (`memchr` for the first byte, `memcmp` for the rest).
public enum ByteSearch {
    /// The offset of the first `needle` in `haystack` at or after `start`; nil for an empty needle.
    public static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let head = needle.first, let base = haystack.baseAddress else { return nil }
        var at = start
        return needle.withUnsafeBytes { n -> Int? in
            while at + needle.count <= haystack.count {
                guard let hit = memchr(base + at, Int32(head), haystack.count - needle.count + 1 - at) else { return nil }
                let i = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + i, n.baseAddress!, needle.count) == 0 { return i }
                at = i + 1
            }
            return nil
        }
    }
}
