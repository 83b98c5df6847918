import Foundation
import Synchronization
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// An open file that holds bodies' HTML and text (`Body`), read a range at a time. `engage build`
/// keeps its bodies in two: the parse cache it loaded (`.engage-cache/parse-cache`; it stays
/// readable through this descriptor after the build writes the file anew) and a spill file
/// for the bodies it rendered (unlinked once opened, so it goes when the build does).
///
/// A range that cannot be read gives "" and is counted: the build checks `failed` after the
/// pages are rendered and stops with an error then, before anything is written
/// (`ParseCache.bodyReadFailure`), so a page never goes out with a body missing.
public final class BodyFile: BodyStore {
    private let descriptor: Int32
    /// What the file is, for the error message.
    public let name: String
    private let failures = Atomic<Int>(0)

    /// Takes ownership of `descriptor` (closed when the last body that uses it goes).
    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    deinit { close(descriptor) }

    /// Whether some read failed.
    public var failed: Bool { failures.load(ordering: .relaxed) > 0 }

    /// The UTF-8 text at `range`.
    public func string(_ range: Range<Int>) -> String {
        if range.isEmpty { return "" }
        var complete = true
        let text = String(unsafeUninitializedCapacity: range.count) { buffer in
            var done = 0
            while done < range.count {
                let n = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { complete = false; return 0 }
                done += n
            }
            return done
        }
        if !complete { failures.add(1, ordering: .relaxed) }
        return text
    }

    /// Writes `bytes` at `offset`; false when it could not.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
