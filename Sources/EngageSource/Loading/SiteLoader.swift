import Foundation
import Yams
import EngageModel

public struct LoadOptions: Sendable {
    public var drafts: Bool
    public init(drafts: Bool = false) { self.drafts = drafts }
}

/// The outcome of loading a source folder: a site when there were no errors, and every diagnostic.
public struct LoadResult: Sendable {
    public var site: Site?
    public var diagnostics: [Diagnostic]
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// One Markdown file after its front matter was decoded, before its body is rendered.
struct Parsed<Item: Sendable>: Sendable {
    var item: Item
    var contentPath: String   // "values/integrity.md"
    var markdown: String
    var bodyFirstLine: Int
    var draft: Bool
    var references: [Reference]
}

/// Source stage: finds files, splits front matter, decodes YAML, renders Markdown, checks references.
public struct SiteLoader: Sendable {
    public let source: String
    public let fileSystem: any SourceFileSystem
    public let options: LoadOptions

    public init(source: String, fileSystem: any SourceFileSystem = LocalFileSystem(), options: LoadOptions = LoadOptions()) {
        self.source = source
        self.fileSystem = fileSystem
        self.options = options
    }

    static let collections = ["values", "pathways", "teams", "programs", "guides", "pages"]

    public func load() -> LoadResult {
        var diagnostics = Diagnostics()
        var configReferences: [Reference] = []
        let folders = SourceFolders(source: source, fileSystem: fileSystem)
        let staticFiles = folders.staticFiles(&diagnostics)
        let staticPaths = Set(staticFiles.map(\.path))
        let config = loadConfig(&diagnostics, &configReferences, staticPaths: staticPaths)
        let unsafe = config?.unsafeHTML ?? false

        let values = loadCollection("values", &diagnostics, decode: Self.decodeValue)
        let pathways = loadCollection("pathways", &diagnostics, decode: Self.decodePathway)
        let teams = loadCollection("teams", &diagnostics, decode: Self.decodeTeam)
        let programs = loadCollection("programs", &diagnostics, decode: Self.decodeProgram)
        let guides = loadCollection("guides", &diagnostics, decode: Self.decodeGuide)
        let pages = loadCollection("pages", &diagnostics, decode: Self.decodePage)
        for folder in ["kpis", "surveys"] { _ = folders.list("content/\(folder)", holding: "'.yml' files", &diagnostics) }
        let data = loadData(&diagnostics)
        checkUnknownContentEntries(&diagnostics)

        var published = Set<String>(), drafts = Set<String>()
        func note<T>(_ items: [Parsed<T>]) {
            for item in items {
                if item.draft && !options.drafts { drafts.insert(item.contentPath) } else { published.insert(item.contentPath) }
            }
        }
        note(values); note(pathways); note(teams); note(programs); note(guides); note(pages)
        // Files that exist but failed to load: links to them are not "missing file" errors.
        let present = Self.collections.flatMap { folder in
            (fileSystem.list(absolute("content/\(folder)")) ?? []).filter { $0.hasSuffix(".md") }.map { "\(folder)/\($0)" }
        }
        let links = LinkRewriter(published: published, drafts: drafts,
                                 unloaded: Set(present).subtracting(published).subtracting(drafts),
                                 staticFiles: staticPaths,
                                 generatedFiles: Self.generatedFiles(kpis: !data.kpis.isEmpty, surveys: !data.surveys.isEmpty))

        var site = Site(
            config: config ?? SiteConfig(title: ""),
            values: renderBodies(values, links, unsafe, &diagnostics),
            pathways: renderBodies(pathways, links, unsafe, &diagnostics),
            teams: renderBodies(teams, links, unsafe, &diagnostics),
            programs: renderBodies(programs, links, unsafe, &diagnostics),
            guides: renderBodies(guides, links, unsafe, &diagnostics),
            pages: renderBodies(pages, links, unsafe, &diagnostics),
            kpis: data.kpis, kpiPeriods: data.kpiPeriods, surveys: data.surveys
        )
        site.staticFiles = staticFiles
        var index = ReferenceIndex()
        func register<T>(_ kind: Reference.Kind, _ items: [Parsed<T>]) {
            for item in items {
                let slug = String(item.contentPath.split(separator: "/")[1].dropLast(3))
                if item.draft && !options.drafts { index.drafts[kind, default: []].insert(slug) } else { index.known[kind, default: []].insert(slug) }
            }
        }
        register(.value, values); register(.pathway, pathways); register(.team, teams); register(.program, programs)
        for pathway in site.pathways { index.known[.level(pathway: pathway.slug)] = Set(pathway.levels.map(\.id)) }
        index.known[.kpi] = Set(data.kpis.map(\.id))
        var references: [Reference] = configReferences + data.references
        func collect<T>(_ items: [Parsed<T>]) { for item in items where options.drafts || !item.draft { references += item.references } }
        collect(values); collect(pathways); collect(teams); collect(programs); collect(guides); collect(pages)
        for ref in references {
            if case .level(let pathway) = ref.kind, index.known[.pathway]?.contains(pathway) != true { index.unchecked.insert(ref.kind) }
        }
        index.check(references, into: &diagnostics)
        DepartmentSpelling.check(references, into: &diagnostics)
        // Before anything is rendered: two pages at one address would fail the build half-way.
        diagnostics.append(contentsOf: AddressCollisions.check(AddressCollisions.addresses(of: site)))
        let all = diagnostics.sorted
        let failed = all.contains { $0.severity == .error } || config == nil
        return LoadResult(site: failed ? nil : site, diagnostics: all)
    }

    // MARK: Files

    func absolute(_ relative: String) -> String { joinPath(source, relative) }

    /// Reads and decodes a file's text, reporting unreadable files and invalid UTF-8.
    func readText(_ relative: String, _ diagnostics: inout Diagnostics) -> String? {
        let folders = SourceFolders(source: source, fileSystem: fileSystem)
        guard folders.checkLink(relative, fileSystem.entry(absolute(relative)), &diagnostics) else { return nil }
        do {
            let data = try fileSystem.read(absolute(relative))
            return SourceText.decode(data, path: relative, diagnostics: &diagnostics)
        } catch {
            diagnostics.error(relative, .start, SourceFolders.fileMessage(relative, error))
            return nil
        }
    }

    func loadConfig(_ diagnostics: inout Diagnostics, _ references: inout [Reference], staticPaths: Set<String> = []) -> SiteConfig? {
        let path = "content/site.yml"
        let entry = fileSystem.entry(absolute("content"))
        guard entry.kind != .missing || entry.isLink else {
            diagnostics.error(path, .start, "no content folder: '\(absolute("content"))' does not exist; is --source right? ('engage init DIR' makes a new site)")
            return nil
        }
        guard let names = SourceFolders(source: source, fileSystem: fileSystem).list("content", holding: "content files", &diagnostics) else { return nil }
        guard names.contains("site.yml") else {
            diagnostics.error(path, .start, "missing the site settings file 'content/site.yml'; create it with at least 'title: Your People Hub'")
            return nil
        }
        guard let text = readText(path, &diagnostics) else { return nil }
        let reader = YAMLReader(path: path)
        defer {
            diagnostics.append(contentsOf: reader.diagnostics.items)
            references += reader.references
        }
        guard let map = reader.rootMap(reader.parse(text), what: "site.yml") else { return nil }
        var config = Self.decodeConfig(map)
        config?.logo = Self.staticSetting("logo", map, staticPaths)
        config?.favicon = Self.staticSetting("favicon", map, staticPaths) ?? (staticPaths.contains("favicon.ico") ? "favicon.ico" : nil)
        return config
    }

    static let configFields = ["title", "organization", "base_url", "currency", "anonymity_threshold", "replacement_cost",
                               "turnover_kpi", "unsafe_html", "edit_url", "logo", "favicon"]

    static func decodeConfig(_ map: MapReader) -> SiteConfig? {
        let what = "site.yml"
        map.checkKeys(configFields, what: what)
        let reader = map.reader
        let title = map.string("title", required: true, what: what)
        var config = SiteConfig(title: title ?? "")
        config.organization = map.string("organization", what: what)
        if let base = map.string("base_url", what: what) {
            let trimmed = base.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("/") || trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") {
                config.baseURL = trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
            } else {
                reader.error(map["base_url"], "'base_url' must be a path starting with '/' or an http(s) URL, found '\(base)'\(Suggest.didYouMean("/\(trimmed)"))")
            }
        }
        if let currency = map.string("currency", what: what) {
            if currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                config.currency = currency
            } else {
                reader.error(map["currency"], "'currency' must be an ISO 4217 code of three capital letters (e.g. GBP, EUR, USD), found '\(currency)'")
            }
        }
        if let threshold = map.int("anonymity_threshold", what: what) {
            if threshold < 3 {
                reader.error(map["anonymity_threshold"], "'anonymity_threshold' must be at least 3 to protect anonymity, found \(threshold)")
            } else {
                config.anonymityThreshold = threshold
            }
        }
        if let cost = map.number("replacement_cost", what: what) {
            if cost < 0 { reader.error(map["replacement_cost"], "'replacement_cost' must not be negative, found \(cost)") } else { config.replacementCost = cost }
        }
        config.turnoverKPI = map.string("turnover_kpi", what: what)
        if let kpi = config.turnoverKPI { reader.refer(.kpi, kpi, at: map["turnover_kpi"], what: "'turnover_kpi' of site.yml") }
        config.unsafeHTML = map.bool("unsafe_html", what: what) ?? false
        if let edit = map.string("edit_url", what: what) {
            if let problem = Self.editURLProblem(edit) { reader.error(map["edit_url"], problem) } else {
                config.editURL = edit.hasSuffix("/") ? edit : edit + "/"
            }
        }
        return title == nil ? nil : config
    }

    /// Warns about folders and files in content/ that Engage does not read.
    func checkUnknownContentEntries(_ diagnostics: inout Diagnostics) {
        let known = Set(Self.collections + ["site.yml", "kpis", "surveys"])
        for entry in (fileSystem.list(absolute("content")) ?? []).sorted() where !entry.hasPrefix(".") && !known.contains(entry) {
            let hint = Suggest.hint(for: entry, in: known)
            diagnostics.warning("content/\(entry)", .start, "'\(entry)' is not part of the content model and is ignored\(hint)")
        }
    }

    /// Lists a collection folder's Markdown files (sorted), warning about anything else there.
    func markdownFiles(_ folder: String, _ diagnostics: inout Diagnostics) -> [String] {
        let dir = "content/\(folder)"
        guard let names = SourceFolders(source: source, fileSystem: fileSystem).list(dir, holding: "'.md' files", &diagnostics) else { return [] }
        var files: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = "\(dir)/\(name)"
            if fileSystem.isDirectory(absolute(path)) {
                diagnostics.warning(path, .start, "folders inside content/\(folder)/ are not read; move its files up to content/\(folder)/")
            } else if name.hasSuffix(".md") {
                files.append(name)
            } else {
                let hint = name.hasSuffix(".markdown") || name.hasSuffix(".txt") ? "; rename it to end in '.md'" : ""
                diagnostics.warning(path, .start, "only '.md' files are read in content/\(folder)/; this file is ignored\(hint)")
            }
        }
        return files
    }

    typealias Decoder<Item> = @Sendable (_ map: MapReader, _ slug: String, _ source: SourceRef) -> Item?

    /// Reads, splits and decodes every Markdown file of a collection, in parallel.
    func loadCollection<Item: Sendable>(_ folder: String, _ diagnostics: inout Diagnostics,
                                        decode: @escaping Decoder<Item>) -> [Parsed<Item>] {
        let files = markdownFiles(folder, &diagnostics)
        let results = parallelMap(files) { name -> (Parsed<Item>?, [Diagnostic]) in
            var local = Diagnostics()
            let parsed = self.parseFile(folder: folder, name: name, &local, decode: decode)
            return (parsed, local.items)
        }
        for (_, found) in results { diagnostics.append(contentsOf: found) }
        // Drafts stay in the list (their paths matter for link messages); renderBodies leaves them out.
        return results.compactMap { $0.0 }
    }

    func parseFile<Item>(folder: String, name: String, _ diagnostics: inout Diagnostics,
                         decode: Decoder<Item>) -> Parsed<Item>? {
        let path = "content/\(folder)/\(name)"
        let slug = String(name.dropLast(3))
        guard Slug.isValid(slug) else {
            let better = Slug.suggestion(for: slug)
            let hint = better.isEmpty ? "" : "; rename the file to '\(better).md'"
            diagnostics.error(path, .start, "invalid slug '\(slug)': a file name must use only lowercase letters, digits and '-' and start with a letter or digit\(hint)")
            return nil
        }
        guard let text = readText(path, &diagnostics) else { return nil }
        let split: FrontMatterSplit
        switch FrontMatter.split(text) {
        case .success(let s): split = s
        case .failure(.empty):
            diagnostics.error(path, .start, "file is empty; a page starts with front matter: a line '---', fields such as 'title: …', and another line '---'")
            return nil
        case .failure(.missingOpening):
            diagnostics.error(path, .start, "missing front matter: the first line must be exactly '---', followed by YAML fields and another '---' line")
            return nil
        case .failure(.missingClosing):
            diagnostics.error(path, .start, "front matter is not closed: add a line that is exactly '---' after the YAML fields")
            return nil
        }
        let reader = YAMLReader(path: path, firstLine: split.yamlFirstLine)
        defer { diagnostics.append(contentsOf: reader.diagnostics.items) }
        let root = reader.parse(split.yaml)
        if reader.diagnostics.hasErrors { return nil }
        guard let map = reader.rootMap(root, what: "front matter") else { return nil }
        let draft = map.bool("draft", what: "front matter") ?? false
        guard let item = decode(map, slug, SourceRef(path: path)) else { return nil }
        return Parsed(item: item, contentPath: "\(folder)/\(name)", markdown: split.body,
                      bodyFirstLine: split.bodyFirstLine, draft: draft, references: reader.references)
    }

    /// Renders the bodies of the published items in parallel and returns the items.
    func renderBodies<Item: BodyHolder>(_ parsed: [Parsed<Item>], _ links: LinkRewriter, _ unsafe: Bool,
                                        _ diagnostics: inout Diagnostics) -> [Item] {
        let visible = parsed.filter { options.drafts || !$0.draft }
        let results = parallelMap(visible) { p -> (Item, [Diagnostic]) in
            var local = Diagnostics()
            let rendered = Markdown.render(p.markdown, path: "content/\(p.contentPath)", firstLine: p.bodyFirstLine,
                                           unsafe: unsafe, diagnostics: &local) { url in
                links.resolve(url, from: p.contentPath)
            }
            var item = p.item
            item.body = Body(html: rendered.html, text: rendered.plainText)
            return (item, local.items)
        }
        for (_, found) in results { diagnostics.append(contentsOf: found) }
        return results.map { $0.0 }
    }
}

protocol BodyHolder: Sendable {
    var body: Body { get set }
}

extension Value: BodyHolder {}
extension Pathway: BodyHolder {}
extension Team: BodyHolder {}
extension Program: BodyHolder {}
extension Guide: BodyHolder {}
extension FreePage: BodyHolder {}
