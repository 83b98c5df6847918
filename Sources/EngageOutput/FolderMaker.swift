import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes the folders of a new work folder as its files arrive: the writer thread makes a file's
/// folders just before the file. Making all 11,000 folders of a 10,000-page site before the
/// first page was rendered kept one core waiting (1.9–3.7 s right after large deletions, when
/// the kernel's inode allocation is slow); made this way, it overlaps rendering.
final class FolderMaker: @unchecked Sendable {   // `made` is only touched under `lock`
    private let root: String
    private let lock = NSLock()
    private var made: Set<String> = []
    /// The last folder made or found made (files arrive a folder at a time).
    private var last = ""

    /// `root` exists; everything below it is made here.
    init(root: String) { self.root = root }

    /// Makes the folders that hold `path` (relative to the root), those not made yet.
    func makeFolders(holding path: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        try makeFolder(String(path[..<slash]))
    }

    /// Makes `folder` (relative to the root) and its ancestors, those not made yet.
    func makeFolder(_ folder: String) throws {
        lock.lock()
        defer { lock.unlock() }
        if folder == last || folder.isEmpty || made.contains(folder) { return }
        var at = folder.startIndex
        while at < folder.endIndex {
            let end = folder[at...].firstIndex(of: "/") ?? folder.endIndex
            let prefix = String(folder[..<end])
            if !made.contains(prefix) {
                guard mkdir(root + "/" + prefix, 0o755) == 0 else {
                    throw OutputError(path: prefix, message: "cannot create folder: \(String(cString: strerror(errno)))")
                }
                made.insert(prefix)
            }
            at = end < folder.endIndex ? folder.index(after: end) : end
        }
        last = folder
    }
}
