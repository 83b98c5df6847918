#if os(Linux)
import Foundation
import Glibc

/// Watches the source with Linux's inotify: one watch per folder of content/, static/ and
/// templates/ (added as new folders appear) and one on the source folder itself. A thread
/// waits on the descriptor (`poll` with a short timeout, so `stop` is seen) and calls
/// `onChange` once per batch of events, with the paths they name (nil when not known).
final class InotifyWatcher: SourceWatcher, @unchecked Sendable {
    let kind = "inotify"
    private let source: String
    private let onChange: @Sendable (Set<String>?) -> Void
    private let fd: Int32
    private let lock = NSLock()
    private var stopped = false
    /// Watch descriptor → folder (absolute). Touched only by `init` and then the thread.
    private var folders: [Int32: String] = [:]
    private var rootWatch: Int32 = -1

    private static let folderMask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE
                                           | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

    init?(source: String, onChange: @escaping @Sendable (Set<String>?) -> Void) {
        self.source = source
        self.onChange = onChange
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        rootWatch = inotify_add_watch(fd, source, UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR))
        guard rootWatch >= 0 else { close(fd); return nil }
        for name in SourceWatching.folders {
            guard addRecursively(source + "/" + name) else { close(fd); return nil }
        }
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "engage-serve-inotify"
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Watches a folder and every folder below it (not following symbolic links). A missing
    /// folder is fine (static/ and templates/ are optional); false when the kernel refuses a
    /// watch (e.g. the limit of watches reached), so the caller falls back to polling.
    @discardableResult
    private func addRecursively(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return true }
        let wd = inotify_add_watch(fd, path, Self.folderMask | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW))
        guard wd >= 0 else { return false }
        folders[wd] = path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return true }
        for name in names.sorted() where !addRecursively(path + "/" + name) { return false }
        return true
    }

    private func loop() {
        defer { close(fd) }
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while !isStopped {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 200)
            guard ready > 0 else { continue }
            var changed = false
            var paths: Set<String>? = []
            while true {
                let n = read(fd, buffer, size)
                guard n > 0 else { break }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= n {
                    let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size)
                    let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                    if let path = handle(event, name: name) {
                        changed = true
                        if let known = path { paths?.insert(known) } else { paths = nil }
                    }
                    offset += MemoryLayout<inotify_event>.size + Int(event.len)
                }
            }
            if changed && !isStopped { onChange(paths) }
        }
    }

    /// Nil when the event is not a change of the source; else the path it names, relative to
    /// the source (nil inside when not known: an overflow, a watched folder itself, a folder
    /// appearing with files already in it). Adds watches for new folders.
    private func handle(_ event: inotify_event, name: String) -> String?? {
        let mask = event.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return .some(nil) }
        if mask & UInt32(IN_IGNORED) != 0 { folders[event.wd] = nil; return nil }
        let isFolder = mask & UInt32(IN_ISDIR) != 0
        let isNewFolder = isFolder && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
        if event.wd == rootWatch {
            guard SourceWatching.folders.contains(name) else { return nil }
            if isNewFolder { addRecursively(source + "/" + name) }
            return .some(nil)
        }
        guard let folder = folders[event.wd] else { return nil }
        if isNewFolder { addRecursively(folder + "/" + name) }
        if isFolder || name.isEmpty || !folder.hasPrefix(source + "/") { return .some(nil) }
        return .some(String(folder.dropFirst(source.count + 1)) + "/" + name)
    }
}
#endif
