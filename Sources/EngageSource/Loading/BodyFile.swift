import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// An open file that holds bodies' HTML and text (`Body`'s `BodyStore`), read a range at a time.
/// `engage build` keeps its bodies in two: the parse cache it loaded (`.engage-cache/parse-cache`;
/// it stays readable through this descriptor after the build writes the file anew) and a spill
/// file for the bodies it rendered (`BodySpill`; unlinked once opened, so it goes when the build
/// does).
///
/// A range that cannot be read gives "" and is counted, and a file that changed since it was
/// opened (its size or time) counts as unreadable: the build checks `failed` after the pages are
/// rendered and stops with an error then, before anything is written
/// (`ParseCache.bodyReadFailure`), so a page never goes out with a body missing or mixed up.
public final class BodyFile: BodyStore, @unchecked Sendable {
    private let descriptor: Int32
    /// What the file is, for the error message.
    public let name: String
    /// The cache folder it is in.
    public let folder: String
    /// Size and modification time when opened; nil for a file this build writes itself.
    private let opened: (size: Int64, mtime: Int64)?
    private let lock = NSLock()
    private var failures = 0

    /// Takes ownership of `descriptor` (closed when the last body that uses it goes).
    /// `watched`: the file is only read, and a change to it is an error.
    init(descriptor: Int32, name: String, folder: String, watched: Bool) {
        self.descriptor = descriptor
        self.name = name
        self.folder = folder
        opened = watched ? Self.identity(descriptor) : nil
    }

    deinit { close(descriptor) }

    static func identity(_ descriptor: Int32) -> (size: Int64, mtime: Int64)? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// Whether some read failed, or the file changed since it was opened.
    public var failed: Bool {
        if lock.withLock({ failures }) > 0 { return true }
        guard let opened else { return false }
        guard let now = Self.identity(descriptor) else { return true }
        return now != opened
    }

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
        if !complete { lock.withLock { failures += 1 } }
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
