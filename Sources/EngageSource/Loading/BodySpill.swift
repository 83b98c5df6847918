import Foundation
import Synchronization
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// Where `engage build` puts the bodies it renders while loading, so that they are not all held
/// in memory until their pages are rendered (`Body`, `BodyFile`): a temporary file in the cache
/// folder, unlinked as soon as it is open. Safe to use from the loader's parallel tasks.
public final class BodySpill: Sendable {
    let file: BodyFile
    private let end = Atomic<Int>(0)

    /// A new spill file in `folder`; nil when none can be made (the bodies then stay in memory).
    public init?(folder: String) {
        let path = "\(folder)/bodies.tmp-\(getpid())"
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        unlink(path)
        file = BodyFile(descriptor: descriptor, name: "the bodies rendered by this build (a temporary file in \(folder))")
    }

    /// `html` and `text` as a body kept in the file (in memory when the file cannot be written).
    func body(html: String, text: String) -> Body {
        var html = html, text = text
        let h = html.utf8.count, t = text.utf8.count
        let start = end.add(h + t, ordering: .relaxed).oldValue
        let written = html.withUTF8 { file.write(UnsafeRawBufferPointer($0), at: start) }
            && text.withUTF8 { file.write(UnsafeRawBufferPointer($0), at: start + h) }
        guard written else { return Body(html: html, text: text) }
        return Body(store: file, html: start..<start + h, text: start + h..<start + h + t)
    }
}
