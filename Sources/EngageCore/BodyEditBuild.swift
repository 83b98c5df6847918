import Foundation
import EngageModel
import EngageSource
import EngageRender
import EngageOutput
#if canImport(Glibc)
import Glibc
#endif

/// `engage build` after edits below the front matter of published Markdown files (the text of a
/// page, the common edit), without loading the site: each changed body is rendered alone, put in
/// place of the old one in the served pages that show it (`BodySlot`), the search index files
/// are patched (`SearchPatch`), and the next generation is made from what the build cache knows
/// of the served and work folders (`OutputWriter.writeChanges`). The output is byte for byte what
/// the ordinary build gives (BodyEditBuildTests compare them after random edits).
///
/// It applies only when the last build's records all agree with what is on disk now (the build
/// cache, `BodyEditCache` for the served generation, the parse cache file it left) and every
/// changed file is a published page whose front matter is as it was. Any other change, a body
/// that links somewhere the last build did not check, a new error, a page that shows the body
/// more than once, headings that change, a word that needs a new search shard, a folder that
/// changed: nil, and the ordinary build runs (docs/performance.md, "Body edits").
extension Engine {
    /// Why the body-edit path was not taken (the ordinary build then runs).
    struct BodyEditRefusal: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    func bodyEditBuild(cacheFolder folder: String, key: String, snapshot: SourceSnapshot, cache: BuildCache,
                       changed: Set<String>, clock: inout ContinuousClock.Instant) -> Result<BuildResult, BodyEditRefusal> {
        typealias Refusal = BodyEditRefusal
        guard putsBodiesInPlace else { return .failure(Refusal("turned off")) }
        guard !keepResident, options.parseCache == nil else { return .failure(Refusal("serve keeps its own site")) }
        guard !changed.isEmpty, changed.allSatisfy({ $0.hasSuffix(".md") && cache.frontMatter[$0] != nil && snapshot.files[$0] != nil }) else {
            return .failure(Refusal("a file changed that is not a published page of the last build"))
        }
        // No work folder recorded: there must be none (a build into a new folder leaves none,
        // and this build makes one).
        guard let edits = BodyEditCache.read(from: folder, key: key), edits.generation == cache.generation,
              let workFolder = OutputWriter.workFolder(of: output) else { return .failure(Refusal("no record of the last build's pages")) }
        guard !edits.userFiles else { return .failure(Refusal("the output folder has files of yours")) }
        var info = stat()
        if edits.workFolders.isEmpty && (lstat(workFolder, &info) == 0 || errno != ENOENT) {
            return .failure(Refusal("a work folder beside the output that the last build did not leave"))
        }
        let parseFile = folder + "/" + Self.parseCacheName
        guard BodyEditCache.FileIdentity.of(parseFile) == edits.parseCache,
              BodyEditCache.FileIdentity.of(folder + "/" + BodySearchFile.fileName) == edits.searchFile,
              var records = ParseCacheRecords.read(path: parseFile, key: key, wanting: changed) else {
            return .failure(Refusal("the parsed bodies are not the last build's"))
        }
        guard cache.fingerprints[Self.stampName] == ContentHash(externalStamp()) else { return .failure(Refusal("git's record of the content changed")) }

        var timings = Timings()
        var bodies: [BodyAlone] = []
        for path in changed.sorted() {
            guard let data = try? fileSystem.read(joinPath(source, path)), ContentHash(data) == snapshot.files[path]?.hash else {
                return .failure(Refusal("\(path) changed while it was read"))
            }
            let expected = cache.frontMatter[path]
            switch BodyAlone.render(path: path, data: data, frontMatter: { ContentHash($0) == expected }, unsafe: edits.unsafe, records: &records) {
            case .failure(let why): return .failure(Refusal(why.description))
            case .success(let body):
                if body.diagnostics.contains(where: { $0.severity == .error }) { return .failure(Refusal("\(path) has an error")) }
                if SearchIndex.headings(inHTML: body.html) != SearchIndex.headings(inHTML: body.oldHTML) { return .failure(Refusal("\(path): its headings changed")) }
                // An empty body can change what a template puts after it (a partial's indentation).
                if !body.html.hasSuffix("\n") || !body.oldHTML.hasSuffix("\n") { return .failure(Refusal("\(path): an empty text")) }
                bodies.append(body)
            }
        }
        timings.load = clock.lap()

        let files: [OutputFile], slots: [String: BodySlot], pageCount: Int
        switch putInPlace(bodies, edits: edits, cache: cache, folder: folder, key: key) {
        case .failure(let why): return .failure(why)
        case .success(let done): (files, slots, pageCount) = done
        }
        timings.render = clock.lap()

        // The new generation, from what the two folders are known to hold.
        let known = KnownFolders(served: KnownOutput(generation: cache.generation, hashes: cache.outputs),
                                 missing: edits.workFolders.isEmpty ? nil : edits.missing)
        let report: WriteReport
        do {
            guard let written = try OutputWriter(root: output, force: force, writeFile: writeFile)
                .writeChanges(files, known: known, verify: {
                    // Again under the build lock: nothing was added, removed or renamed since the check before.
                    OutputFolderStamp.match(cache.folders, root: output)
                        && (edits.workFolders.isEmpty || OutputFolderStamp.match(edits.workFolders, root: workFolder))
                }) else {
                return .failure(Refusal("the output folders are not as the last build left them"))
            }
            report = written
        } catch {
            return .success(Self.failure(error, diagnostics: cache.warnings, output: output, timings: timings))
        }

        // The caches, for the generation now served. The served folder is the old work folder
        // with the missing files linked and the written ones replaced; the work folder is the
        // old served one without the written files: only those files' folders changed.
        var next = cache
        next.generation = report.generation
        next.sources = snapshot.files
        next.outputs = report.hashes
        let servedFolders = Self.restamp(cache.folders, known: edits.workFolders, root: output,
                                         touched: OutputFolderStamp.folders(holding: report.written + (known.missing ?? [])))
        let workFolders = Self.restamp(cache.folders, known: cache.folders, root: workFolder, touched: OutputFolderStamp.folders(holding: report.written))
        next.folders = servedFolders ?? [:]
        var warnings = Set(cache.warnings).subtracting(bodies.flatMap(\.oldDiagnostics))
        warnings.formUnion(bodies.flatMap(\.diagnostics))
        next.warnings = warnings.sorted()
        next.write(to: folder)
        var nextEdits = edits
        nextEdits.generation = report.generation
        nextEdits.slots = slots
        nextEdits.missing = report.written
        nextEdits.workFolders = workFolders ?? [:]
        if servedFolders != nil, workFolders != nil, records.append(), let identity = BodyEditCache.FileIdentity.of(parseFile) {
            nextEdits.parseCache = identity
            nextEdits.write(to: folder)
        } else {
            BodyEditCache.remove(from: folder)
        }
        timings.write = clock.lap()

        var result = BuildResult(diagnostics: next.warnings, report: report, pages: report.hashes.count, timings: timings)
        result.rendered = pageCount
        result.reused = cache.pageCount - pageCount
        result.cache = .bodies
        return .success(result)
    }

    /// The served pages of the changed files with their new bodies in place, and the search
    /// index files that change; the slots after; the number of pages.
    private func putInPlace(_ bodies: [BodyAlone], edits: BodyEditCache, cache: BuildCache, folder: String, key: String)
        -> Result<([OutputFile], [String: BodySlot], Int), BodyEditRefusal> {
        typealias Refusal = BodyEditRefusal
        let changed = Set(bodies.map(\.path))
        let bySource = Dictionary(grouping: edits.slots.filter { changed.contains($0.value.source) }, by: { $0.value.source })
        guard let searchParts = BodySearchFile.lookup(bySource.values.joined().map(\.key), key: key, in: folder) else {
            return .failure(Refusal("the search entries are not the last build's"))
        }
        var files: [OutputFile] = []
        var slots = edits.slots
        var searchChanges: [SearchPatch.Change] = []
        for body in bodies {
            let pages = (bySource[body.path] ?? []).sorted { $0.key < $1.key }
            guard !pages.isEmpty else { return .failure(Refusal("\(body.path): no page of it shows its text in one place")) }
            let old = Array(body.oldHTML.utf8), new = Array(body.html.utf8)
            for (path, slot) in pages {
                guard slot.inPlace, slot.length == old.count, cache.outputs[path] != nil,
                      let served = try? Data(contentsOf: URL(fileURLWithPath: output + "/" + path)),
                      slot.offset + slot.length <= served.count,
                      served[slot.offset..<(slot.offset + slot.length)].elementsEqual(old) else {
                    return .failure(Refusal("\(path) does not show the text of \(body.path) in one place, as the last build left it"))
                }
                var page = Data(served[..<slot.offset])
                page.append(contentsOf: new)
                page.append(served[(slot.offset + slot.length)...])
                files.append(OutputFile(path: path, data: page))
                slots[path]?.length = new.count
                switch searchParts[path] {
                case .none: break
                case .some(.none): return .failure(Refusal("\(path): its search entry is not its text after the rest"))
                case .some(.some(let part)):
                    searchChanges.append(SearchPatch.Change(id: part.id, old: part.entry(withBodyText: body.oldText),
                                                            new: part.entry(withBodyText: body.text)))
                }
            }
        }
        let pageCount = files.count
        let patched = SearchPatch.files(searchChanges, baseURL: edits.baseURL, served: { cache.outputs[$0] != nil }) { path in
            try? Data(contentsOf: URL(fileURLWithPath: output + "/" + path))
        }
        switch patched {
        case .failure(let why): return .failure(Refusal(why.description))
        case .success(let indexFiles):
            // A new shard goes into a folder the site has (`search/`).
            guard indexFiles.allSatisfy({ cache.outputs[$0.path] != nil || cache.folders[Self.parent(of: $0.path)] != nil }) else {
                return .failure(Refusal("a search file in a new folder"))
            }
            files.append(contentsOf: indexFiles)
        }
        return .success((files, slots, pageCount))
    }

    /// The stamps of the folders of `reference` (its keys) in `root`: those in `touched`, and
    /// those `known` lacks, read again; the others as `known` has them. Nil when one cannot be read.
    static func restamp(_ reference: [String: OutputFolderStamp], known: [String: OutputFolderStamp], root: String,
                        touched: Set<String>) -> [String: OutputFolderStamp]? {
        var out = known
        func read(_ folder: String) -> Bool {
            guard let stamp = OutputFolderStamp.read(folder.isEmpty ? root : root + "/" + folder) else { return false }
            out[folder] = stamp
            return true
        }
        for folder in known.keys where reference[folder] == nil { out[folder] = nil }
        for folder in reference.keys where known[folder] == nil { guard read(folder) else { return nil } }
        for folder in touched where reference[folder] != nil { guard read(folder) else { return nil } }
        return out
    }

    static func parent(of path: String) -> String { path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "" }
}
