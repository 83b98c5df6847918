import Foundation

/// The file-reading seam of the loader (tests can swap in an in-memory tree).
public protocol SourceFileSystem: Sendable {
    /// Entries (files and folders) directly in `directory`, by name; nil when it does not exist.
    func list(_ directory: String) -> [String]?
    func isDirectory(_ path: String) -> Bool
    func read(_ path: String) throws -> Data
}

public struct LocalFileSystem: SourceFileSystem {
    public init() {}

    public func list(_ directory: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: directory)
    }

    public func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    public func read(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }
}

/// Runs `transform` over `items` on all cores and returns the results in order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 2 { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    let box = ResultsBox(results)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        box.buffer[index] = transform(items[index])
    }
    return results.compactMap { $0 }
}

private final class ResultsBox<R>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<R?>
    init(_ buffer: UnsafeMutableBufferPointer<R?>) { self.buffer = buffer }
}

func joinPath(_ a: String, _ b: String) -> String {
    if a.isEmpty || a == "." { return b }
    return a.hasSuffix("/") ? a + b : a + "/" + b
}
