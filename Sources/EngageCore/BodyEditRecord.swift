import Foundation
import EngageModel
import EngageRender
import EngageOutput
#if canImport(Glibc)
import Glibc
#endif

extension BodyEditCache {
    /// What an ordinary build leaves for the next build's body-edit path (BodyEditBuild.swift).
    /// The slots are recorded by every build, so that the next ordinary build keeps those of the
    /// pages it does not render; the work folder only when that path can use it (there is one
    /// beside the output, and the old copy of no written or removed file is left in it).
    ///
    /// - `pages`: every page that shows a body (`SiteRenderer.bodyPages`);
    /// - `rendered`: the slots of the pages this build rendered; a page it kept keeps its slot
    ///   from `previous` (the records of the generation that was served when the build began).
    ///
    /// The pages' search entries go to `BodySearchFile` in `folder`; nil when it cannot be written.
    static func after(_ report: WriteReport, key: String, output: String, config: SiteConfig, pages: [String: BodyPage],
                      rendered: [String: BodySlot], previous: BodyEditCache?, parseFile: String, folder: String) -> BodyEditCache? {
        let written = Set(report.written)
        var cache = BodyEditCache(key: key, generation: report.generation)
        cache.unsafe = config.unsafeHTML
        cache.baseURL = config.baseURL
        cache.parseCache = FileIdentity.of(parseFile) ?? FileIdentity(inode: 0, size: 0, mtime: 0)
        cache.userFiles = report.userFiles > 0
        if let stamps = workFolderStamps(report, output: output) {
            cache.missing = report.written
            cache.workFolders = stamps
        }
        var search: [String: BodySearchPart?] = [:]
        for (path, page) in pages {
            let kept = previous?.slots[path].flatMap { $0.source == page.source && !written.contains(path) ? $0 : nil }
            cache.slots[path] = rendered[path] ?? kept ?? BodySlot(source: page.source, offset: -1, length: 0)
            if page.searchable { search[path] = .some(page.search) }
        }
        guard let searchFile = BodySearchFile.write(search, key: key, to: folder) else { return nil }
        cache.searchFile = searchFile
        return cache
    }

    /// The stamps of the work folder's folders after `report`'s build: nil when there is no
    /// work folder, or the old copy of a written or removed file is still in it.
    static func workFolderStamps(_ report: WriteReport, output: String) -> [String: OutputFolderStamp]? {
        // No work folder (a build into a new folder renamed it into place): nothing to stamp,
        // and no need to look for each file in it.
        guard let work = OutputWriter.workFolder(of: output), OutputFolderStamp.read(work) != nil else { return nil }
        var info = stat()
        for path in report.written + report.removed where lstat(work + "/" + path, &info) == 0 || errno != ENOENT { return nil }
        let folders = OutputFolderStamp.folders(holding: report.hashes.keys)
        for folder in OutputFolderStamp.folders(holding: report.removed) where !folders.contains(folder) {
            if lstat(work + "/" + folder, &info) == 0 || errno != ENOENT { return nil }
        }
        var stamps: [String: OutputFolderStamp] = [:]
        for folder in folders {
            let path = folder.isEmpty ? work : work + "/" + folder
            if let stamp = OutputFolderStamp.read(path) { stamps[folder] = stamp; continue }
            if stat(path, &info) == 0 || errno != ENOENT { return nil }
        }
        return stamps[""] == nil ? nil : stamps
    }
}
