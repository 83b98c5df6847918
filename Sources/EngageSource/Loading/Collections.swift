import EngageModel

/// The collections of Markdown pages in `content/`, each described once. Loading, reference
/// checks, link rewriting, the draft rule and the check for unknown folders all read this table;
/// a new collection is one more entry here (plus its decoder in Decoding/ and its field in `Site`).
enum Collections {
    static let values = ContentCollection<Value>(
        folder: "values", kind: .value, decode: SiteLoader.decodeValue, route: Route.value, items: \.values)
    static let pathways = ContentCollection<Pathway>(
        folder: "pathways", kind: .pathway, decode: SiteLoader.decodePathway, route: Route.pathway, items: \.pathways)
    static let teams = ContentCollection<Team>(
        folder: "teams", kind: .team, decode: SiteLoader.decodeTeam, route: Route.team, items: \.teams)
    static let programs = ContentCollection<Program>(
        folder: "programs", kind: .program, decode: SiteLoader.decodeProgram, route: Route.program, items: \.programs)
    static let guides = ContentCollection<Guide>(
        folder: "guides", kind: nil, decode: SiteLoader.decodeGuide, route: Route.guide, items: \.guides)
    static let pages = ContentCollection<FreePage>(
        folder: "pages", kind: nil, decode: SiteLoader.decodePage, route: Route.page, items: \.pages)
    /// Version 2: action plans.
    static let actions = ContentCollection<Action>(
        folder: "actions", kind: nil, decode: SiteLoader.decodeAction, route: Route.action, items: \.actions)

    /// Every collection, in the order they are loaded.
    static let all: [any AnyContentCollection] = [values, pathways, teams, programs, guides, pages, actions]

    /// The folders of `content/` that hold YAML data rather than pages (Data/).
    static let dataFolders = ["kpis", "surveys"]

    /// The page address of a collection file ("values/integrity.md" → "values/integrity/"), or nil
    /// when the path is not a Markdown file directly inside a collection folder.
    static func route(ofContentFile path: String) -> String? {
        collection(ofContentFile: path).map { $0.collection.route(String($0.name.dropLast(3))) }
    }

    /// The collection of a Markdown file directly inside a collection folder ("teams/x.md"), and
    /// the file's name ("x.md").
    static func collection(ofContentFile path: String) -> (collection: any AnyContentCollection, name: String)? {
        let parts = path.split(separator: "/")
        guard parts.count == 2, parts[1].hasSuffix(".md"),
              let collection = all.first(where: { $0.folder == parts[0] }) else { return nil }
        return (collection, String(parts[1]))
    }
}

/// Turns one Markdown file's front matter into its item; problems are reported on the map's reader.
typealias FrontMatterDecoder<Item> = @Sendable (_ map: MapReader, _ slug: String, _ source: SourceRef) -> Item?

/// One collection of Markdown pages: where its files are, how other files name its items, how an
/// item is decoded, where its page goes, and where the loaded items are kept.
struct ContentCollection<Item: BodyHolder>: AnyContentCollection {
    /// Its folder in `content/` ("values").
    let folder: String
    /// How other files name its items (a pathway's `values:`), or nil when nothing does.
    let kind: Reference.Kind?
    let decode: FrontMatterDecoder<Item>
    /// An item's page address from its slug (`Route.value`).
    let route: @Sendable (_ slug: String) -> String
    /// Where the loaded items are kept.
    let items: WritableKeyPath<CollectionItems, [Item]> & Sendable

    /// Puts the loaded items in their place.
    func store(_ all: inout CollectionItems, _ loaded: [Item]) { all[keyPath: items] = loaded }

    func load(_ loader: SiteLoader, _ diagnostics: inout Diagnostics) -> LoadedCollection {
        let parsed = loader.loadCollection(folder, &diagnostics, decode: decode)
        return LoadedCollection(
            collection: self,
            files: parsed.map(\.file),
            decoded: { items in store(&items, parsed.filter { !loader.options.leavesOut(draft: $0.file.draft) }.map(\.item)) },
            finish: { links, unsafe, items, records, diagnostics in
                store(&items, loader.renderBodies(parsed, links, unsafe, &records, &diagnostics))
            })
    }
}

/// A collection as the parts of loading that do not need its item type see it.
protocol AnyContentCollection: Sendable {
    var folder: String { get }
    var kind: Reference.Kind? { get }
    var route: @Sendable (_ slug: String) -> String { get }
    /// Reads and decodes the collection's files (bodies are rendered later, by `finish`).
    func load(_ loader: SiteLoader, _ diagnostics: inout Diagnostics) -> LoadedCollection
    /// One file of the collection decoded again alone, its item put in `site` (FrontMatterReload.swift).
    func reload(_ file: FrontMatterReload, in site: Site) -> Result<LoadedBodies.Reloaded, LoadedBodies.NotBodyOnly>
}

/// A collection whose files were read and decoded. Bodies are rendered once every file of every
/// collection is known, because links between them are checked and rewritten then.
struct LoadedCollection {
    let collection: any AnyContentCollection
    /// Every file that decoded, drafts included (links to a draft get their own message).
    let files: [LoadedFile]
    /// Stores the items of this build as decoded, bodies not rendered yet (to know every page
    /// address before links in bodies are checked).
    let decoded: (_ items: inout CollectionItems) -> Void
    /// Renders the bodies of the files in this build and stores the items.
    let finish: (_ links: LinkRewriter, _ unsafe: Bool, _ items: inout CollectionItems, _ records: inout [String: BodyRecord],
                 _ diagnostics: inout Diagnostics) -> Void
}

/// What loading needs to know of a decoded file besides its item.
struct LoadedFile: Sendable {
    var contentPath: String   // "values/integrity.md"
    var slug: String          // "integrity"
    var draft: Bool
    var references: [Reference]
}

/// The loaded items of every collection, before they become a `Site`.
struct CollectionItems: Sendable {
    var values: [Value] = []
    var pathways: [Pathway] = []
    var teams: [Team] = []
    var programs: [Program] = []
    var guides: [Guide] = []
    var pages: [FreePage] = []
    var actions: [Action] = []
}

extension CollectionItems {
    /// The items of a loaded site.
    init(_ site: Site) {
        self.init(values: site.values, pathways: site.pathways, teams: site.teams, programs: site.programs,
                  guides: site.guides, pages: site.pages, actions: site.actions)
    }
}
