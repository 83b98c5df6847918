import Foundation
import EngageModel

/// Safe discovery of the source folder's files: folders that cannot be listed are errors (never
/// "no pages"), and symbolic links are followed only while they stay inside the source folder.
struct SourceFolders: Sendable {
    let source: String
    let fileSystem: any SourceFileSystem
    /// The output folder, when building: links that lead to it (or around it) are refused.
    var output: String? = nil

    func absolute(_ relative: String) -> String { joinPath(source, relative) }

    /// The source folder with its links resolved (computed only when a link must be checked).
    var realSource: String {
        var root = fileSystem.realPath(source) ?? source
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        return root
    }

    /// False, with an error naming `relative`, when it is a symbolic link that leads outside the
    /// source folder or nowhere.
    func checkLink(_ relative: String, _ entry: SourceEntry, _ diagnostics: inout Diagnostics) -> Bool {
        guard entry.isLink else { return true }
        guard let target = fileSystem.realPath(absolute(relative)) else {
            diagnostics.error(relative, .start, "'\(relative)' is a symbolic link to something that does not exist; remove it or make it point to a file inside the source folder")
            return false
        }
        let root = realSource
        guard target == root || target.hasPrefix(root == "/" ? "/" : root + "/") else {
            diagnostics.error(relative, .start, "'\(relative)' is a symbolic link to '\(target)', outside the source folder; Engage follows links only within the source folder, so copy the file or folder in instead")
            return false
        }
        return true
    }

    /// Names in the folder `relative` (unsorted); nil when it does not exist or cannot be used,
    /// with an error in the second case. `holding` says what belongs there ("'.md' files").
    func list(_ relative: String, holding: String, _ diagnostics: inout Diagnostics) -> [String]? {
        let entry = fileSystem.entry(absolute(relative))
        if entry.kind == .missing && !entry.isLink { return nil }
        guard checkLink(relative, entry, &diagnostics) else { return nil }
        do {
            return try fileSystem.listFolder(absolute(relative))
        } catch {
            diagnostics.error(relative, .start, Self.folderMessage(relative, holding: holding, error))
            return nil
        }
    }

    static func folderMessage(_ relative: String, holding: String, _ error: Error) -> String {
        switch error as? SourceFileError {
        case .notAFolder?:
            return "'\(relative)' is a file, but it must be a folder of \(holding); rename the file or make it a folder"
        case .notARegularFile(let what)?:
            return "'\(relative)' is \(what), but it must be a folder of \(holding)"
        case .permissionDenied?:
            return "cannot read the folder '\(relative)': permission denied, so its files would be left out; give read access (e.g. 'chmod u+rx \(relative)')"
        default:
            return "cannot read the folder '\(relative)': \(SourceFileError.describe(error))"
        }
    }

    /// The message for a file that could not be read, with the fix where there is one.
    static func fileMessage(_ relative: String, _ error: Error) -> String {
        switch error as? SourceFileError {
        case .permissionDenied?: return "cannot read file: permission denied; give read access (e.g. 'chmod u+r \(relative)')"
        case .isAFolder?: return "cannot read file: it is a folder, not a file"
        case .notARegularFile?: return "cannot read file: \(SourceFileError.describe(error)); replace it with a regular file"
        default: return "cannot read file: \(SourceFileError.describe(error))"
        }
    }

    /// The output folder with its links resolved; nil when it does not exist yet (then no link can lead there).
    func realOutput(_ output: String) -> String? {
        guard var path = fileSystem.realPath(output) else { return nil }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// Every file below `static/` (relative to it, sorted), read; names starting with '.' are skipped.
    func staticFiles(_ diagnostics: inout Diagnostics) -> [StaticFile] {
        var paths: [String] = []
        var visiting: Set<String> = []
        func walk(_ folder: String) {
            let relative = folder.isEmpty ? "static" : "static/\(folder)"
            guard let names = list(relative, holding: "files to copy into the site", &diagnostics) else { return }
            let real = fileSystem.realPath(absolute(relative)) ?? relative
            visiting.insert(real)
            defer { visiting.remove(real) }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = folder.isEmpty ? name : "\(folder)/\(name)"
                let entry = fileSystem.entry(absolute("static/\(path)"))
                guard checkLink("static/\(path)", entry, &diagnostics) else { continue }
                if entry.isLink, case .directory = entry.kind, let target = fileSystem.realPath(absolute("static/\(path)")) {
                    // Named at the link itself, not at the folder met again inside it.
                    if visiting.contains(where: { $0 == target || $0.hasPrefix(target == "/" ? "/" : target + "/") }) {
                        diagnostics.error("static/\(path)", .start, "'static/\(path)' is a symbolic link to a folder that contains it (a loop); remove the link")
                        continue
                    }
                    if let output, let out = realOutput(output), out == target || out.hasPrefix(target == "/" ? "/" : target + "/") {
                        diagnostics.error("static/\(path)", .start, "'static/\(path)' is a symbolic link that leads to the output folder '\(output)'; every build would copy the site into itself; remove the link")
                        continue
                    }
                }
                switch entry.kind {
                case .directory: walk(path)
                case .file: paths.append(path)
                case .other(let what): diagnostics.error("static/\(path)", .start, "cannot copy 'static/\(path)': it is \(what), not a regular file; remove it")
                case .missing: diagnostics.error("static/\(path)", .start, "cannot copy 'static/\(path)': it disappeared while the site was read")
                }
            }
        }
        walk("")
        let reader = self.fileSystem, root = self.source
        let results = parallelMap(paths) { path -> Result<StaticFile, Diagnostic> in
            do {
                return .success(StaticFile(path: path, data: try reader.read(joinPath(root, "static/\(path)"))))
            } catch {
                return .failure(.error("static/\(path)", .start, Self.fileMessage("static/\(path)", error)))
            }
        }
        var files: [StaticFile] = []
        for result in results {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let d): diagnostics.append(d)
            }
        }
        return files
    }
}
