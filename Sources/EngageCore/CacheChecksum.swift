import EngageOutput

/// The check line of the build cache (`BuildCache`): a `ContentHash` of each `chunk` bytes of the
/// file in turn, folded into one, so that the file can be checksummed as it is written out, a
/// chunk at a time, and checked in one pass when read.
struct CacheChecksum {
    static let chunk = 1 << 20
    private(set) var value = ContentHash(high: 0x6361_6368_6520_7631, low: 0)

    /// Adds the next chunk (the last one may be shorter).
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let part = ContentHash(bytes: bytes)
        let words = [value.high, value.low, part.high, part.low]
        value = words.withUnsafeBytes { ContentHash(bytes: $0) }
    }

    /// The checksum of `bytes`, taken a chunk at a time.
    static func of(_ bytes: UnsafeRawBufferPointer) -> ContentHash {
        var sum = CacheChecksum()
        var start = 0
        repeat {
            let end = min(start + chunk, bytes.count)
            sum.add(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = end
        } while start < bytes.count
        return sum.value
    }
}
