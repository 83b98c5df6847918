import Foundation

/// The fallback watcher: every `interval`, lists content/, static/ and templates/ (without
/// following symbolic links) and compares each entry's size, modification time and inode
/// with the previous scan.
final class PollingWatcher: SourceWatcher, @unchecked Sendable {
    let kind = "polling"
    private let source: String
    private let interval: Duration
    private let onChange: @Sendable (Set<String>?) -> Void
    private let lock = NSLock()
    private var stopped = false

    init(source: String, interval: Duration, onChange: @escaping @Sendable (Set<String>?) -> Void) {
        self.source = source
        self.interval = interval
        self.onChange = onChange
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "engage-serve-polling"
        thread.start()
    }

    func stop() { lock.withLock { stopped = true } }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func loop() {
        var previous = Self.scan(source)
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        while !isStopped {
            Thread.sleep(forTimeInterval: seconds)
            let now = Self.scan(source)
            if now != previous && !isStopped {
                onChange(Set(Set(now.keys).union(previous.keys).filter { now[$0] != previous[$0] }))
            }
            previous = now
        }
    }

    /// Relative path → "size mtime inode kind" of every entry of the watched folders.
    static func scan(_ source: String) -> [String: String] {
        var entries: [String: String] = [:]
        func visit(_ relative: String) {
            var info = stat()
            guard lstat(source + "/" + relative, &info) == 0 else { return }
            entries[relative] = "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino) \(info.st_mode)"
            guard (info.st_mode & S_IFMT) == S_IFDIR,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: source + "/" + relative) else { return }
            for name in names { visit(relative + "/" + name) }
        }
        for folder in SourceWatching.folders { visit(folder) }
        return entries
    }
}
