import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Fixture sites live in Tests/Fixtures; tests work on a copy in a temporary folder.
/// Temporary folders are removed when the test ends: a suite that makes them carries
/// `@Suite(.temporaryFolders)` (see TemporaryFolders.swift).
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A fresh copy of the named fixture; the caller may change it.
    static func copy(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let dir = temporaryDirectory(sourceLocation: sourceLocation)
        try FileManager.default.copyItem(atPath: root + "/" + name, toPath: dir + "/" + name)
        return dir + "/" + name
    }

    /// Builds a fresh copy of the basic fixture (expecting no diagnostics) and returns its output folder.
    static func buildBasic(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let source = try copy("basic", sourceLocation: sourceLocation)
        let result = Engine(source: source).build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)", sourceLocation: sourceLocation)
        return source + "/site"
    }

    /// A new empty folder, removed when the test ends (the suite must carry `.temporaryFolders`).
    static func temporaryDirectory(sourceLocation: SourceLocation = #_sourceLocation) -> String {
        TemporaryFoldersTrait.make(sourceLocation: sourceLocation)
    }
}

func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// The text of a file the test expects to exist. A missing or unreadable file fails the test
/// (and gives ""), so a check such as `!read(page).contains("secret")` cannot pass just because
/// the page was never written. Use `readIfPresent` or `exists` where absence is what is tested.
func read(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    guard let text = readIfPresent(path) else {
        Issue.record("expected a file at \(path), but there is none (or it cannot be read)", sourceLocation: sourceLocation)
        return ""
    }
    return text
}

/// The text of a file, or nil when there is none.
func readIfPresent(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(decoding: data, as: UTF8.self)
}

/// Whether anything (file or folder) is at `path`.
func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path)
}

/// Every regular file below `root`, relative path → bytes. A missing `root` fails the test (two
/// snapshots of folders that were never written would otherwise compare equal).
func snapshot(_ root: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Data] {
    var result: [String: Data] = [:]
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue,
          let e = FileManager.default.enumerator(atPath: root) else {
        Issue.record("expected a folder at \(root), but there is none", sourceLocation: sourceLocation)
        return result
    }
    while let path = e.nextObject() as? String {
        if let type = e.fileAttributes?[.type] as? FileAttributeType, type == .typeRegular {
            result[path] = FileManager.default.contents(atPath: root + "/" + path)
        }
    }
    return result
}

/// An in-memory source folder: path → bytes.
struct MemoryFileSystem: SourceFileSystem {
    var files: [String: Data]

    init(files: [String: String]) { self.files = files.mapValues { Data($0.utf8) } }
    init(bytes: [String: Data]) { self.files = bytes }

    func list(_ directory: String) -> [String]? {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var names = Set<String>()
        for path in files.keys where path.hasPrefix(prefix) {
            if let first = path.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(first)) }
        }
        return names.isEmpty ? nil : names.sorted()
    }

    func isDirectory(_ path: String) -> Bool {
        files[path] == nil && list(path) != nil
    }

    func read(_ path: String) throws -> Data {
        guard let data = files[path] else { throw CocoaError(.fileNoSuchFile) }
        return data
    }
}

func load(_ files: [String: String], drafts: Bool = false) -> LoadResult {
    var all = files
    if all["src/content/site.yml"] == nil && all.keys.allSatisfy({ !$0.hasSuffix("site.yml") }) {
        all["src/content/site.yml"] = "title: Test\n"
    }
    return SiteLoader(source: "src", fileSystem: MemoryFileSystem(files: all), options: LoadOptions(drafts: drafts)).load()
}

extension LoadResult {
    var messages: [String] { diagnostics.map(\.description) }
}
