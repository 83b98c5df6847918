import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// Where `engage build` puts the bodies it renders while loading, so that they are not all held
/// in memory until their pages are rendered (`Body`, `BodyFile`): a temporary file in the cache
/// folder, unlinked as soon as it is open. Safe to use from the loader's parallel tasks.
public final class BodySpill: @unchecked Sendable {
    let file: BodyFile
    private let lock = NSLock()
    private var end = 0

    /// A new spill file in `folder` (a name of its own, `bodies.tmp-XXXXXX`); nil when none can be
    /// made (the bodies then stay in memory, as they always do for `engage serve`).
    public init?(folder: String) {
        var template = Array("\(folder)/bodies.tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        file = BodyFile(descriptor: descriptor, name: "the bodies rendered by this build (a temporary file in \(folder))",
                        folder: folder, watched: false)
    }

    /// `html` and `text` as a body kept in the file (in memory when the file cannot be written).
    func body(html: String, text: String) -> Body {
        var html = html, text = text
        let h = html.utf8.count, t = text.utf8.count
        let start = lock.withLock { defer { end += h + t }; return end }
        let written = html.withUTF8 { file.write(UnsafeRawBufferPointer($0), at: start) }
            && text.withUTF8 { file.write(UnsafeRawBufferPointer($0), at: start + h) }
        guard written else { return Body(html: html, text: text) }
        return Body(store: file, html: start..<start + h, text: start + h..<start + h + t)
    }
}
