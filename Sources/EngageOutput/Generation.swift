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

    func make(_ files: [OutputFile]) throws -> WriteReport {
        let root = layout.root, next = layout.next
        let previous = try prepareWorkFolder()
        var report = WriteReport()

        // The build's files: unchanged bytes become (or stay) a hard link to the served file.
        for file in files {
            let served = plan.owned.contains(file.path) ? plan.current.files[file.path] : nil
            let target = next + "/" + file.path
            if let served, OutputWriter.contents(of: root + "/" + file.path, equal: file.data) {
                report.unchanged += 1
                if previous.files[file.path] == served { continue }
                try FolderOps.remove(target, relative: file.path)
                if link(root + "/" + file.path, target) == 0 { continue }
            } else {
                report.written.append(file.path)
                try FolderOps.remove(target, relative: file.path)
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
            try writeFile(next + "/" + Manifest.name, Manifest.text(files.map(\.path)))
        } catch {
            throw OutputError(path: Manifest.name, message: "cannot write: \((error as? OutputError)?.message ?? OutputWriter.reason(error))")
        }
        let wanted = Set(files.map(\.path))
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
