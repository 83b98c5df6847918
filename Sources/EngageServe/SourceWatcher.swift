import Foundation

/// Tells `engage serve` that something in the source changed. Watched: `content/` (which holds
/// `site.yml`), `static/` and `templates/`, whole, and the source folder itself for those three
/// appearing or going. Never the build output.
public protocol SourceWatcher: AnyObject, Sendable {
    /// "inotify" or "polling" (printed when serve starts).
    var kind: String { get }
    func stop()
}

public enum SourceWatching {
    /// The folders of the source that are watched whole.
    public static let folders = ["content", "static", "templates"]

    /// inotify on Linux; polling when inotify is missing or fails (no more watches, a file
    /// system without it), or when `polling` asks for it.
    public static func start(source: String, polling: Bool = false, interval: Duration = .milliseconds(500),
                             onChange: @escaping @Sendable () -> Void) -> any SourceWatcher {
        start(source: source, polling: polling, interval: interval, onPaths: { _ in onChange() })
    }

    /// The same, telling which paths changed (relative to the source, `content/pages/x.md`), or
    /// nil when that is not known (the kernel's event queue overflowed, a watched folder itself
    /// appeared or went).
    public static func start(source: String, polling: Bool = false, interval: Duration = .milliseconds(500),
                             onPaths onChange: @escaping @Sendable (Set<String>?) -> Void) -> any SourceWatcher {
        #if os(Linux)
        if !polling, let watcher = InotifyWatcher(source: source, onChange: onChange) {
            watcher.start()
            return watcher
        }
        #endif
        let watcher = PollingWatcher(source: source, interval: interval, onChange: onChange)
        watcher.start()
        return watcher
    }
}
