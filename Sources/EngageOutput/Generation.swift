import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// Makes the next generation of the site in the work folder beside the output, then swaps it in.
/// Nothing here writes inside the served folder: it is only read, and hard-linked from.
struct Generation {
    let layout: OutputLayout
    let plan: OutputPlan
    let writeFile: OutputWriter.FileWriter
    /// What the work folder held when the build started (nil: it did not exist).
    let workFolder: Tree?
    /// The served generation's fingerprints, from the build cache (checked against its manifest).
    var known: KnownOutput? = nil

    func make(_ files: [OutputFile], reused: [String] = []) throws -> WriteReport {
        try make(paths: files.map(\.path), reused: reused) { emit in try emit(files) }
    }

    /// The generation of the files at `paths` (plus `reused`), whose bytes `produce` hands over
    /// in batches through `emit`, each path once. A writer thread writes each batch while
    /// `produce` makes the next (rendering and writing overlap, and no more than a few batches
    /// are held in memory); `emit` throws once writing failed, so production stops early.
    func make(paths: [String], reused: [String] = [], produce: (_ emit: ([OutputFile]) throws -> Void) throws -> Void) throws -> WriteReport {
        let root = layout.root, next = layout.next
        // Kept files must be Engage's files of the served generation, with known bytes.
        for path in reused where !plan.owned.contains(path) || plan.current.files[path] == nil || known?.hashes[path] == nil {
            throw StaleOutputKnowledge()
        }
        // A new work folder gets its folders as its files are written (`FolderMaker`).
        let folders = workFolder == nil ? FolderMaker(root: next) : nil
        let previous = try prepareWorkFolder(makingFolders: folders == nil)
        var report = WriteReport()
        report.userFiles = plan.userFiles.count + plan.current.links.count
        report.hashes.reserveCapacity(paths.count + reused.count)

        // Files not rendered again: the served file, linked into the new generation (the work
        // folder usually has that link already, from the previous build).
        for path in reused {
            let served = plan.current.files[path]
            report.unchanged += 1
            report.reused += 1
            report.hashes[path] = known?.hashes[path]
            if previous.files[path] == served { continue }
            let target = next + "/" + path
            try folders?.makeFolders(holding: path)
            try FolderOps.remove(target, relative: path)
            if link(root + "/" + path, target) == 0 { continue }
            throw OutputError(path: path, message: "cannot link the unchanged file into the new site: \(String(cString: strerror(errno)))")
        }

        // The build's files, as they come.
        let writer = BatchWriter { file in
            try folders?.makeFolders(holding: file.path)
            return try self.put(file, previous: previous)
        }
        writer.start()
        do {
            try produce { batch in try writer.send(batch) }
        } catch {
            writer.stop()
            throw error
        }
        let streamed = try writer.finish()
        let announced = Set(paths)
        guard streamed.hashes.count == announced.count, announced.allSatisfy({ streamed.hashes[$0] != nil }) else {
            throw OutputError(path: "", message: "internal error: the files made are not the files announced")
        }
        report.written = streamed.written.sorted()
        report.unchanged += streamed.unchanged
        report.hashes.merge(streamed.hashes) { _, new in new }
        let files = paths
        // Folders no file of the build is in (those of the user's files, linked below).
        if let folders { for folder in plan.newDirectories.sorted() { try folders.makeFolder(folder) } }

        // The user's files stay: the same file, linked into the new generation.
        for path in plan.userFiles {
            guard previous.files[path] != plan.current.files[path] else { continue }
            let target = next + "/" + path
            try FolderOps.remove(target, relative: path)
            if link(root + "/" + path, target) == 0 { continue }
            let reason = String(cString: strerror(errno))
            do {
                try FileManager.default.copyItem(atPath: root + "/" + path, toPath: target)
            } catch {
                throw OutputError(path: path, message: "cannot keep this file of yours in the new site (\(reason)); nothing was changed")
            }
        }
        try FolderOps.remove(next + "/" + Manifest.name, relative: Manifest.name)
        do {
            let paths = files + reused
            report.generation = ContentHash.combine(paths.sorted().map { "\($0)\t\(report.hashes[$0].map(\.description) ?? "")" }).description
            try writeFile(next + "/" + Manifest.name, Manifest.text(paths, generation: report.generation))
        } catch {
            throw OutputError(path: Manifest.name, message: "cannot write: \((error as? OutputError)?.message ?? OutputWriter.reason(error))")
        }
        let wanted = Set(files).union(reused)
        report.removed = plan.owned.filter { !wanted.contains($0) }.sorted()

        // The one step that changes what is served.
        var info = stat()
        if layout.exists {
            if stat(root, &info) == 0 { chmod(next, info.st_mode & 0o7777) }
            try FolderOps.exchange(next, root)
        } else if rename(next, root) != 0 {
            throw OutputError(path: "", message: "cannot move the new site into place: \(String(cString: strerror(errno)))")
        }
        if layout.exists { prunePrevious(report) }
        return report
    }

    /// Writes one file of the build into the work folder: unchanged bytes become (or stay) a
    /// hard link to the served file. Returns its fingerprint and whether it was written anew.
    func put(_ file: OutputFile, previous: Tree) throws -> (hash: ContentHash, written: Bool) {
        let root = layout.root, next = layout.next
        let served = plan.owned.contains(file.path) ? plan.current.files[file.path] : nil
        let target = next + "/" + file.path
        let hash = ContentHash(file.data)
        let same: Bool
        if served == nil {
            same = false
        } else if let known {
            same = known.hashes[file.path] == hash
        } else {
            same = OutputWriter.contents(of: root + "/" + file.path, equal: file.data)
        }
        if let served, same {
            if previous.files[file.path] == served { return (hash, false) }
            try FolderOps.remove(target, relative: file.path)
            if link(root + "/" + file.path, target) == 0 { return (hash, false) }
        } else if previous.files[file.path] != nil {
            // Only a file the work folder holds needs removing (a new folder holds none).
            try FolderOps.remove(target, relative: file.path)
        }
        try OutputWriter.write(file, at: target, with: writeFile)
        return (hash, !(served != nil && same))
    }

    /// Makes the work folder hold exactly the folders of the next generation, keeping the files
    /// that can be reused, and returns what it then holds. The work folder is left over from the
    /// previous build (the generation before the served one) or from a build that failed or was
    /// killed; whatever it holds, anything not needed goes, links included (never followed).
    /// Without `makingFolders` (a new work folder) the folders are left to a `FolderMaker`.
    func prepareWorkFolder(makingFolders: Bool = true) throws -> Tree {
        let next = layout.next
        var tree = Tree()
        if let workFolder {
            tree = workFolder
            if !tree.unreadable.isEmpty {
                throw OutputError(path: "", message: "cannot read the work folder '\(next)/\(tree.unreadable.keys.sorted()[0])'; remove '\(next)' and build again")
            }
        } else if mkdir(next, 0o755) != 0 {
            throw OutputError(path: "", message: "cannot create the work folder '\(next)' beside the output: \(String(cString: strerror(errno)))")
        }
        for path in tree.links { try FolderOps.remove(next + "/" + path, relative: path) }
        tree.links = []
        for path in tree.files.keys where !plan.newFiles.contains(path) {
            try FolderOps.remove(next + "/" + path, relative: path)
            tree.files[path] = nil
        }
        for path in tree.directories.sorted(by: >) where !plan.newDirectories.contains(path) {
            if rmdir(next + "/" + path) != 0 {
                throw OutputError(path: "", message: "cannot clear the work folder '\(next)/\(path)': \(String(cString: strerror(errno))); remove '\(next)' and build again")
            }
            tree.directories.remove(path)
        }
        for path in plan.newDirectories.sorted() where makingFolders && !tree.directories.contains(path) {
            if mkdir(next + "/" + path, 0o755) != 0 {
                throw OutputError(path: path, message: "cannot create folder: \(String(cString: strerror(errno)))")
            }
        }
        return tree
    }

    /// After the swap the work folder holds the previous generation. The old copies of changed
    /// and removed files go now (they are the only ones not shared with the served site), so
    /// removed pages do not linger on disk and the next build recycles the rest. Best effort:
    /// whatever is left is dealt with by the next build.
    func prunePrevious(_ report: WriteReport) {
        let next = layout.next
        var parents = Set<String>()
        for path in report.written where plan.current.files[path] != nil { unlink(next + "/" + path) }
        for path in report.removed {
            unlink(next + "/" + path)
            parents.formUnion(FolderOps.ancestors(of: [path]))
        }
        unlink(next + "/" + Manifest.name)
        for folder in parents.sorted(by: >) where !plan.newDirectories.contains(folder) { rmdir(next + "/" + folder) }
    }
}
