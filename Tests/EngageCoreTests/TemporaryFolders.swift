import Foundation
import Testing

// Temporary folders of the tests.
//
// Every folder a test makes with `Fixture.copy`, `Fixture.temporaryDirectory()` or
// `InlineSite.build()` is named `engage-tests-<UUID>` under NSTemporaryDirectory() and is removed
// when the test (each case of a parameterized test) ends, pass or fail. The removal is done by the
// `.temporaryFolders` trait, which every suite that makes folders carries:
//
//     @Suite(.temporaryFolders) struct MyTests { … }
//
// A folder asked for outside such a suite is still made, but the test fails with a message
// saying which trait to add, so a forgotten clean-up cannot go unnoticed. A full `swift test` run
// must leave no `engage-tests-*` folder behind; to check, run it with its own temporary folder:
//
//     mkdir -p /tmp/engage-run && TMPDIR=/tmp/engage-run swift test && ls /tmp/engage-run

/// The folders one test made; removed when the test ends.
final class TemporaryFolderRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []

    func add(_ path: String) {
        lock.withLock { paths.append(path) }
    }

    func removeAll() {
        let all = lock.withLock { () -> [String] in
            defer { paths = [] }
            return paths
        }
        for path in all.reversed() { TemporaryFolderRegistry.remove(path) }
    }

    /// Removes a folder, first giving back any permission a test took away (chmod 0).
    static func remove(_ path: String) {
        let fm = FileManager.default
        if (try? fm.removeItem(atPath: path)) != nil || !fm.fileExists(atPath: path) { return }
        chmod(path, 0o700)
        if let walker = fm.enumerator(atPath: path) {
            while let sub = walker.nextObject() as? String {
                var isFolder: ObjCBool = false
                if fm.fileExists(atPath: path + "/" + sub, isDirectory: &isFolder), isFolder.boolValue {
                    chmod(path + "/" + sub, 0o700)
                }
            }
        }
        try? fm.removeItem(atPath: path)
    }
}

/// Removes, when each test of the suite ends, every temporary folder the test made.
struct TemporaryFoldersTrait: SuiteTrait, TestTrait, TestScoping {
    @TaskLocal static var registry: TemporaryFolderRegistry?

    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let registry = TemporaryFolderRegistry()
        defer { registry.removeAll() }
        try await Self.$registry.withValue(registry) { try await function() }
    }

    /// A new, empty folder `engage-tests-<UUID>` that is removed when the current test ends.
    static func make(sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let dir = NSTemporaryDirectory() + "engage-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let registry { registry.add(dir) } else {
            Issue.record("a temporary folder was made outside a suite marked '@Suite(.temporaryFolders)', so nothing removes \(dir); add the trait to the suite", sourceLocation: sourceLocation)
        }
        return dir
    }
}

extension SuiteTrait where Self == TemporaryFoldersTrait {
    /// Every temporary folder a test of the suite makes is removed when the test ends.
    static var temporaryFolders: Self { Self() }
}

extension TestTrait where Self == TemporaryFoldersTrait {
    /// Every temporary folder the test makes is removed when it ends.
    static var temporaryFolders: Self { Self() }
}
