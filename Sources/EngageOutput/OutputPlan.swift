import Foundation
import EngageModel
#if canImport(Glibc)
import Glibc
#endif

/// What the next generation of an output folder holds, worked out from the served folder before
/// anything is written; every reason to refuse is found here, all of them at once.
struct OutputPlan {
    /// The served folder as it is now.
    let current: Tree
    /// Files in the served folder that Engage wrote (listed in its manifest).
    let owned: Set<String>
    /// Files (and other non-folders) that are not Engage's: carried into the next generation.
    let userFiles: [String]
    /// Every file of the next generation: the build's, the manifest and the user's.
    let newFiles: Set<String>
    /// Every folder of the next generation.
    let newDirectories: Set<String>

    init(layout: OutputLayout, current: Tree, files: [String], force: Bool) throws {
        var problems: [OutputError] = []
        for link in current.links.sorted() {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: layout.root + "/" + link)).map { " (to '\($0)')" } ?? ""
            problems.append(OutputError(path: link, message: "a symbolic link inside the output folder\(target); Engage never writes through links: remove it"))
        }
        for (folder, reason) in current.unreadable.sorted(by: { $0.key < $1.key }) {
            problems.append(OutputError(path: folder, message: "cannot read this folder of the output, so its files cannot be kept: \(reason)"))
        }
        if !problems.isEmpty { throw OutputErrors(errors: problems) }

        let manifest = Manifest.read(layout.root)
        if manifest == nil && !current.isEmpty && !force {
            throw OutputError(path: "", message: "not an Engage output folder: it is not empty and has no \(Manifest.name); choose an empty or new folder, or use --force to build into it and keep its files")
        }
        let listed = Set(manifest ?? [])
        let owned = listed.intersection(current.files.keys)
        let userFiles = current.files.keys.filter { !owned.contains($0) && $0 != Manifest.name }.sorted()
        let engageDirectories = FolderOps.ancestors(of: listed)
        let userDirectories = current.directories.subtracting(engageDirectories)

        let wanted = Set(files)
        var newFiles = wanted.union(userFiles)
        newFiles.insert(Manifest.name)
        var newDirectories = FolderOps.ancestors(of: newFiles)
        newDirectories.formUnion(userDirectories)
        newDirectories.formUnion(FolderOps.ancestors(of: userDirectories))

        for path in userFiles where wanted.contains(path) {
            problems.append(OutputError(path: path, message: "Engage did not write this file (it is not in the output's manifest) but the build writes one here; move or remove it"))
        }
        for path in newFiles.sorted() where newDirectories.contains(path) {
            if wanted.contains(path) || path == Manifest.name {
                problems.append(OutputError(path: path, message: "a folder is in the way of a file the build writes here, and Engage did not make everything in it; move or remove it"))
            } else {
                problems.append(OutputError(path: path, message: "Engage did not write this file (it is not in the output's manifest) but the build needs a folder here; move or remove it"))
            }
        }
        if !problems.isEmpty { throw OutputErrors(errors: problems) }

        self.current = current
        self.owned = owned
        self.userFiles = userFiles
        self.newFiles = newFiles
        self.newDirectories = newDirectories
    }
}
