import Foundation
import EngageModel

public struct LoadOptions: Sendable {
    public var drafts: Bool
    /// The folder the site is built into: a link inside the source that leads there is refused
    /// (the build would copy its own output into itself on every run).
    public var output: String?
    /// Files the theme writes (`assets/style.css`, …): a static file may not take their addresses.
    public var themeFiles: Set<String> = []
    /// How git is run to read the content's history (Git/GitHistory.swift); nil reads none. Only
    /// a source folder on disk (`LocalFileSystem`) is asked.
    public var git: (any GitRunner)? = ProcessGitRunner()
    /// Parsed forms of files kept between builds (Loading/ParseCache.swift); nil parses every file.
    public var parseCache: ParseCache? = nil
    /// Called with each source file's path (from the source folder) and bytes as it is read, on
    /// the loader's threads: a build cache checks that the files loaded are the ones it
    /// fingerprinted before the load (a file saved during a build is not).
    public var onRead: (@Sendable (_ path: String, _ bytes: Data) -> Void)? = nil
    public init(drafts: Bool = false, output: String? = nil) { self.drafts = drafts; self.output = output }

    /// The draft rule, the one place it is decided: a file with `draft: true` is left out of the
    /// build (no page, not linkable, not nameable) unless drafts are built (`--drafts`).
    public func leavesOut(draft: Bool) -> Bool { draft && !drafts }
}

/// The outcome of loading a source folder: a site when there were no errors, and every diagnostic.
public struct LoadResult: Sendable {
    public var site: Site?
    public var diagnostics: [Diagnostic]
    /// What re-rendering one body alone needs (`LoadedBodies`); nil when loading failed.
    public var bodies: LoadedBodies? = nil
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Source stage: finds files, splits front matter, decodes YAML, renders Markdown, checks references.
/// The collections it loads are the table in `Collections`; `content/kpis` and `content/surveys`
/// are Data/; `site.yml` is Decoding/SiteConfig.swift.
public struct SiteLoader: Sendable {
    public let source: String
    public let fileSystem: any SourceFileSystem
    public let options: LoadOptions

    public init(source: String, fileSystem: any SourceFileSystem = LocalFileSystem(), options: LoadOptions = LoadOptions()) {
        self.source = source
        self.fileSystem = fileSystem
        self.options = options
    }

    public func load() -> LoadResult {
        options.parseCache?.startLoad()
        defer { options.parseCache?.prune() }
        var diagnostics = Diagnostics()
        var configReferences: [Reference] = []
        let folders = SourceFolders(source: source, fileSystem: fileSystem, output: options.output)
        let staticFiles = folders.staticFiles(&diagnostics)
        let staticPaths = Set(staticFiles.map(\.path))
        let config = loadConfig(&diagnostics, &configReferences, staticPaths: staticPaths)
        let unsafe = config?.unsafeHTML ?? false

        let collections = Collections.all.map { $0.load(self, &diagnostics) }
        for folder in Collections.dataFolders { _ = folders.list("content/\(folder)", holding: "'.yml' files", &diagnostics) }
        let data = loadData(&diagnostics)
        checkUnknownContentEntries(&diagnostics)

        let files = collections.flatMap(\.files)
        let published = Set(files.filter { !options.leavesOut(draft: $0.draft) }.map(\.contentPath))
        let drafts = Set(files.filter { options.leavesOut(draft: $0.draft) }.map(\.contentPath))
        // Files that exist but failed to load: links to them are not "missing file" errors.
        let present = Collections.all.flatMap { collection in
            (fileSystem.list(absolute("content/\(collection.folder)")) ?? [])
                .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.map { "\(collection.folder)/\($0)" }
                // Files only: a folder named `x.md` is not read (a warning), and names nothing.
                .filter { fileSystem.entry(absolute("content/\($0)")).kind == .file }
        }
        let unloaded = Set(present).subtracting(published).subtracting(drafts)
        // Every address the build will write, known before bodies are rendered (items are decoded,
        // bodies aside), so links from the site root to pages are checked (Markdown/RootLinks.swift).
        var decoded = CollectionItems()
        for collection in collections { collection.decoded(&decoded) }
        let addresses = AddressCollisions.addresses(of: makeSite(decoded, config, data))
        var links = LinkRewriter(published: published, drafts: drafts, unloaded: unloaded,
                                 staticFiles: staticPaths,
                                 generatedFiles: Self.generatedFiles(kpis: !data.kpis.isEmpty, surveys: !data.surveys.isEmpty, actions: !decoded.actions.isEmpty)
                                    .union(options.themeFiles))
        // In a git work tree, the page of changes too (the history is read once the load is clean).
        let mayHaveHistory = options.git != nil && fileSystem is LocalFileSystem && GitHistory.mayBeInWorkTree(source)
        links.addPages(addresses.map(\.path) + (mayHaveHistory ? [Route.file(Route.changes)] : []), drafts: drafts, unloaded: unloaded,
                       baseURL: config?.baseURL ?? "/")

        var items = CollectionItems()
        var records: [String: BodyRecord] = [:]
        for collection in collections { collection.finish(links, unsafe, &items, &records, &diagnostics) }
        var site = makeSite(items, config, data)
        site.staticFiles = staticFiles

        var index = ReferenceIndex()
        for collection in collections {
            guard let kind = collection.collection.kind else { continue }
            for file in collection.files {
                if options.leavesOut(draft: file.draft) { index.drafts[kind, default: []].insert(file.slug) } else { index.known[kind, default: []].insert(file.slug) }
            }
        }
        for path in unloaded {
            guard let (collection, name) = Collections.collection(ofContentFile: path), let kind = collection.kind else { continue }
            index.unloaded[kind, default: []].insert(String(name.dropLast(3)))
        }
        for pathway in site.pathways { index.known[.level(pathway: pathway.slug)] = Set(pathway.levels.map(\.id)) }
        index.known[.kpi] = Set(data.kpis.map(\.id))
        let references = configReferences + data.references
            + files.filter { !options.leavesOut(draft: $0.draft) }.flatMap(\.references)
        for ref in references {
            if case .level(let pathway) = ref.kind, index.known[.pathway]?.contains(pathway) != true { index.unchecked.insert(ref.kind) }
        }
        index.check(references, into: &diagnostics)
        DepartmentSpelling.check(references, into: &diagnostics)
        NameClashes.check(site, text: { path in (try? fileSystem.read(absolute(path))).map { String(decoding: $0, as: UTF8.self) } }, into: &diagnostics)
        Self.checkKPIGroups(data.kpiGroupChecks, site: site, &diagnostics)
        site.actions = Self.checkActions(site, &diagnostics)
        // Before anything is rendered: two pages at one address would fail the build half-way.
        // (The addresses above: rendering bodies changes no address.)
        diagnostics.append(contentsOf: AddressCollisions.check(addresses))
        let statics = StaticCollisions.check(staticFiles.map(\.path), generated: Set(addresses.map(\.path)).union(options.themeFiles))
        diagnostics.append(contentsOf: statics.map(\.diagnostic))
        let all = diagnostics.sorted
        let failed = all.contains { $0.severity == .error } || config == nil
        if !failed, let git = options.git, fileSystem is LocalFileSystem {
            site.history = GitHistory(source: source, runner: git).read(pathways: site.pathways)
        }
        let bodies = LoadedBodies(source: source, records: records, links: links, unsafe: unsafe, drafts: options.drafts)
        return LoadResult(site: failed ? nil : site, diagnostics: all, bodies: failed ? nil : bodies)
    }

    func makeSite(_ items: CollectionItems, _ config: SiteConfig?, _ data: DataFiles) -> Site {
        Site(config: config ?? SiteConfig(title: ""),
             values: items.values, pathways: items.pathways, teams: items.teams,
             programs: items.programs, guides: items.guides, pages: items.pages,
             kpis: data.kpis, kpiPeriods: data.kpiPeriods, surveys: data.surveys)
            .with(actions: items.actions)
    }

    // MARK: Files

    func absolute(_ relative: String) -> String { joinPath(source, relative) }

    /// Reads and decodes a file's text, reporting unreadable files and invalid UTF-8.
    func readText(_ relative: String, _ diagnostics: inout Diagnostics) -> String? {
        let folders = SourceFolders(source: source, fileSystem: fileSystem)
        guard folders.checkLink(relative, fileSystem.entry(absolute(relative)), &diagnostics) else { return nil }
        do {
            let data = try fileSystem.read(absolute(relative))
            options.onRead?(relative, data)
            return SourceText.decode(data, path: relative, diagnostics: &diagnostics)
        } catch {
            diagnostics.error(relative, .start, SourceFolders.fileMessage(relative, error))
            return nil
        }
    }

    /// Warns about folders and files in content/ that Engage does not read.
    func checkUnknownContentEntries(_ diagnostics: inout Diagnostics) {
        let known = Set(Collections.all.map(\.folder) + Collections.dataFolders + ["site.yml"])
        for entry in (fileSystem.list(absolute("content")) ?? []).sorted() where !entry.hasPrefix(".") && !known.contains(entry) {
            // No close name: a folder of Markdown pages belongs in pages/ (or guides/), a single
            // page file there too.
            let folder = fileSystem.isDirectory(absolute("content/\(entry)"))
            let pages = folder ? "; a folder of Markdown pages goes in content/pages/ (or content/guides/ for how-to guides)"
                : entry.hasSuffix(".md") ? "; a page goes in content/pages/" : ""
            let hint = Suggest.hint(for: entry, in: known, otherwise: pages)
            diagnostics.warning("content/\(entry)", .start, "'\(entry)' is not part of the content model and is ignored\(hint)")
        }
    }
}
