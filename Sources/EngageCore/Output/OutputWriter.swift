import Foundation

/// One file of the built site, path relative to the output folder.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var data: Data
    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
    public init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }
}

public struct WriteReport: Sendable, Equatable {
    /// Files created or changed.
    public var written: [String] = []
    /// Files whose bytes were already right (not touched).
    public var unchanged: Int = 0
    /// Stale files removed.
    public var removed: [String] = []
}

public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Updates an output folder in place: unchanged files are not rewritten, changed and new files
/// are first written beside their targets and then renamed over them, and stale files are
/// removed last. If any write fails, everything staged is removed and the folder is as it was.
/// Nothing outside the output folder is ever touched. One thread writes: on this kind of
/// machine parallel writes were measured slower than a single writer.
public struct OutputWriter: Sendable {
    public let root: String
    static let stagingSuffix = ".engage-staging"

    /// Writes one file's bytes (the I/O seam: tests inject failures such as a full disk).
    public typealias FileWriter = @Sendable (_ path: String, _ data: Data) throws -> Void
    let writeFile: FileWriter

    public static let defaultWriter: FileWriter = { path, data in
        try data.write(to: URL(fileURLWithPath: path))
    }

    public init(root: String, writeFile: @escaping FileWriter = OutputWriter.defaultWriter) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.writeFile = writeFile
    }

    public func write(_ files: [OutputFile]) throws -> WriteReport {
        let fm = FileManager.default
        for file in files where !OutputWriter.isSafeRelativePath(file.path) {
            throw OutputError(path: file.path, message: "refusing to write outside the output folder")
        }
        var report = WriteReport()
        var createdDirectories: [String] = []
        if !fm.fileExists(atPath: root) {
            do {
                try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
                createdDirectories.append(root)
            } catch {
                throw OutputError(path: root, message: "cannot create the output folder: \(OutputWriter.reason(error))")
            }
        }
        let existing = existingFiles()
        var staged: [(temp: String, final: String, relative: String)] = []

        func rollback() {
            for s in staged { try? fm.removeItem(atPath: s.temp) }
            for dir in createdDirectories.reversed() { try? fm.removeItem(atPath: dir) }
        }

        for file in files {
            let target = root + "/" + file.path
            if existing.contains(file.path), let current = fm.contents(atPath: target), current == file.data {
                report.unchanged += 1
                continue
            }
            let dir = (target as NSString).deletingLastPathComponent
            do {
                if !fm.fileExists(atPath: dir) {
                    var missing: [String] = []
                    var d = dir
                    while !fm.fileExists(atPath: d) && d.count > root.count {
                        missing.append(d)
                        d = (d as NSString).deletingLastPathComponent
                    }
                    try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    createdDirectories.append(contentsOf: missing.reversed())
                }
                let temp = target + OutputWriter.stagingSuffix
                staged.append((temp, target, file.path))
                try writeFile(temp, file.data)
            } catch let error as OutputError {
                rollback()
                throw error
            } catch {
                rollback()
                throw OutputError(path: file.path, message: "cannot write: \(OutputWriter.reason(error))")
            }
        }
        for (index, s) in staged.enumerated() {
            if rename(s.temp, s.final) != 0 {
                let message = String(cString: strerror(errno))
                for rest in staged[index...] { try? fm.removeItem(atPath: rest.temp) }
                throw OutputError(path: s.relative, message: "cannot replace file: \(message)")
            }
            report.written.append(s.relative)
        }
        let wanted = Set(files.map(\.path))
        for path in existing.sorted() where !wanted.contains(path) {
            if (try? fm.removeItem(atPath: root + "/" + path)) != nil { report.removed.append(path) }
        }
        removeEmptyDirectories()
        return report
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }

    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    /// Every regular file below the root, relative; leftover staging files count as stale.
    func existingFiles() -> Set<String> {
        var result = Set<String>()
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return result }
        while let path = enumerator.nextObject() as? String {
            if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type != .typeDirectory {
                result.insert(path)
            }
        }
        return result
    }

    func removeEmptyDirectories() {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: root) else { return }
        var dirs: [String] = []
        while let path = enumerator.nextObject() as? String {
            if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type == .typeDirectory { dirs.append(path) }
        }
        for dir in dirs.sorted(by: { $0.count > $1.count }) {
            let full = root + "/" + dir
            if (try? fm.contentsOfDirectory(atPath: full))?.isEmpty == true { try? fm.removeItem(atPath: full) }
        }
    }
}
