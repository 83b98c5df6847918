import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// What a build cache knows of the served folder and of the work folder beside it, enough to make
/// the next generation without reading either (`OutputWriter.writeChanges`).
///
/// After a build's swap the work folder holds the previous generation minus the files that build
/// wrote (their old copies are dropped) and minus the manifest: every other file in it is the
/// served file itself (the same inode, a hard link). So the work folder lacks exactly the
/// build's written files, `missing`, as long as nothing was added, removed or renamed in either
/// folder since, which the caller checks (`verify`) with the folders' stamps.
public struct KnownFolders: Sendable {
    /// The served generation: its id and every file Engage wrote there, with its fingerprint.
    public var served: KnownOutput
    /// Files of the served generation the work folder does not hold; nil when there is no work
    /// folder (after a build into a new folder): one is made, of links to the served files.
    public var missing: [String]?

    public init(served: KnownOutput, missing: [String]?) {
        self.served = served
        self.missing = missing
    }
}

extension OutputWriter {
    /// Writes one file of the site at `target` through `writeFile`; a failure names the file.
    static func write(_ file: OutputFile, at target: String, with writeFile: FileWriter) throws {
        do {
            try writeFile(target, file.data)
        } catch let error as OutputError {
            throw OutputError(path: file.path, message: "cannot write: \(error.message)")
        } catch {
            throw OutputError(path: file.path, message: "cannot write: \(OutputWriter.reason(error))")
        }
    }

    /// The work folder beside an output folder (`.NAME.engage-next`).
    public static func workFolder(of root: String) -> String? { try? OutputLayout(root: root).next }

    /// A new generation that is the served one with `files` given new bytes (or added: a new
    /// search shard), made from what `known` says the two folders hold: the work folder gets links to
    /// the files it misses and the new files, then the usual manifest and swap
    /// (`Generation.make`). Nil, with nothing served changed, when the folders are not as known
    /// (`verify`, run under the build lock, says no; the manifest has another id; a work folder
    /// where none is known, or none where one is; a link cannot be made): the caller makes the
    /// generation the ordinary way, which copes with whatever the work folder holds.
    public func writeChanges(_ files: [OutputFile], known: KnownFolders, verify: () -> Bool) throws -> WriteReport? {
        let layout = try OutputLayout(root: root)
        let lock = try OutputLock(path: layout.lock)
        defer { lock.release() }
        let root = layout.root, next = layout.next
        var info = stat()
        let workExists = lstat(next, &info) == 0
        guard layout.exists, workExists == (known.missing != nil), !workExists || (info.st_mode & S_IFMT) == S_IFDIR,
              Manifest.generation(root) == known.served.generation, verify(),
              files.allSatisfy({ OutputWriter.isSafeRelativePath($0.path) && $0.path != Manifest.name })
        else { return nil }
        let changing = Set(files.map(\.path))
        if let missing = known.missing {
            guard linkMissing(missing, except: changing, layout: layout, known: known) else { return nil }
        } else {
            // A new work folder: every folder, and a link to every served file not written now.
            guard mkdir(next, 0o755) == 0 else { return nil }
            for folder in FolderOps.ancestors(of: known.served.hashes.keys).sorted() where mkdir(next + "/" + folder, 0o755) != 0 { return nil }
            for path in known.served.hashes.keys where !changing.contains(path) {
                guard OutputWriter.isSafeRelativePath(path), link(root + "/" + path, next + "/" + path) == 0 else { return nil }
            }
        }
        // A new file (a search shard) must not take the place of a file of the user's.
        for file in files where known.served.hashes[file.path] == nil {
            if lstat(root + "/" + file.path, &info) == 0 || errno != ENOENT { return nil }
            for folder in FolderOps.ancestors(of: [file.path]).sorted() { mkdir(next + "/" + folder, 0o755) }
        }
        var report = WriteReport()
        report.hashes = known.served.hashes
        for file in files {
            let target = next + "/" + file.path
            try FolderOps.remove(target, relative: file.path)
            try OutputWriter.write(file, at: target, with: writeFile)
            report.hashes[file.path] = ContentHash(file.data)
        }
        report.written = changing.sorted()
        report.unchanged = report.hashes.count - changing.count
        report.reused = report.unchanged
        let paths = report.hashes.keys.sorted()
        report.generation = ContentHash.combine(paths.map { "\($0)\t\(report.hashes[$0].map(\.description) ?? "")" }).description
        try FolderOps.remove(next + "/" + Manifest.name, relative: Manifest.name)
        do {
            try writeFile(next + "/" + Manifest.name, Manifest.text(paths, generation: report.generation))
        } catch {
            throw OutputError(path: Manifest.name, message: "cannot write: \((error as? OutputError)?.message ?? OutputWriter.reason(error))")
        }
        // The one step that changes what is served.
        if stat(root, &info) == 0 { chmod(next, info.st_mode & 0o7777) }
        try FolderOps.exchange(next, root)
        // The old copies of the files written go; the rest of the old generation stays shared.
        for path in report.written { unlink(next + "/" + path) }
        unlink(next + "/" + Manifest.name)
        return report
    }

    /// Links into the work folder the served files it lacks (`missing`), but those about to be
    /// written. False when one cannot be linked.
    private func linkMissing(_ missing: [String], except changing: Set<String>, layout: OutputLayout, known: KnownFolders) -> Bool {
        let root = layout.root, next = layout.next
        for path in missing where !changing.contains(path) {
            guard known.served.hashes[path] != nil, OutputWriter.isSafeRelativePath(path) else { return false }
            let target = next + "/" + path
            unlink(target)
            if link(root + "/" + path, target) == 0 { continue }
            guard errno == ENOENT else { return false }
            for folder in FolderOps.ancestors(of: [path]).sorted() { mkdir(next + "/" + folder, 0o755) }
            guard link(root + "/" + path, target) == 0 else { return false }
        }
        return true
    }
}
