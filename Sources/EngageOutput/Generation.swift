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
        let root = layout.root, next = layout.next
        // Kept files must be Engage's files of the served generation, with known bytes.
        for path in reused where !plan.owned.contains(path) || plan.current.files[path] == nil || known?.hashes[path] == nil {
            throw StaleOutputKnowledge()
        }
        let previous = try prepareWorkFolder()
        var report = WriteReport()
        report.hashes.reserveCapacity(files.count + reused.count)

        // Files not rendered again: the served file, linked into the new generation (the work
        // folder usually has that link already, from the previous build).
        for path in reused {
            let served = plan.current.files[path]
            report.unchanged += 1
            report.reused += 1
            report.hashes[path] = known?.hashes[path]
            if previous.files[path] == served { continue }
            let target = next + "/" + path
            try FolderOps.remove(target, relative: path)
            if link(root + "/" + path, target) == 0 { continue }
            throw OutputError(path: path, message: "cannot link the unchanged file into the new site: \(String(cString: strerror(errno)))")
        }

        // The build's files: unchanged bytes become (or stay) a hard link to the served file.
        for file in files {
            let served = plan.owned.contains(file.path) ? plan.current.files[file.path] : nil
            let target = next + "/" + file.path
            let hash = ContentHash(file.data)
            report.hashes[file.path] = hash
            let same: Bool
            if served == nil {
                same = false
            } else if let known {
                same = known.hashes[file.path] == hash
            } else {
                same = OutputWriter.contents(of: root + "/" + file.path, equal: file.data)
            }
            if let served, same {
                report.unchanged += 1
                if previous.files[file.path] == served { continue }
                try FolderOps.remove(target, relative: file.path)
                if link(root + "/" + file.path, target) == 0 { continue }
            } else {
                report.written.append(file.path)
                // Only a file the work folder holds needs removing (a new folder holds none).
                if previous.files[file.path] != nil { try FolderOps.remove(target, relative: file.path) }
            }
            do {
                try writeFile(target, file.data)
            } catch let error as OutputError {
                throw OutputError(path: file.path, message: "cannot write: \(error.message)")
            } catch {
                throw OutputError(path: file.path, message: "cannot write: \(OutputWriter.reason(error))")
            }
        }
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
            let paths = files.map(\.path) + reused
            report.generation = ContentHash.combine(paths.sorted().map { "\($0)\t\(report.hashes[$0].map(\.description) ?? "")" }).description
            try writeFile(next + "/" + Manifest.name, Manifest.text(paths, generation: report.generation))
        } catch {
            throw OutputError(path: Manifest.name, message: "cannot write: \((error as? OutputError)?.message ?? OutputWriter.reason(error))")
        }
        let wanted = Set(files.map(\.path)).union(reused)
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

    /// Makes the work folder hold exactly the folders of the next generation, keeping the files
    /// that can be reused, and returns what it then holds. The work folder is left over from the
    /// previous build (the generation before the served one) or from a build that failed or was
    /// killed; whatever it holds, anything not needed goes, links included (never followed).
    func prepareWorkFolder() throws -> Tree {
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
        for path in plan.newDirectories.sorted() where !tree.directories.contains(path) {
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
