import EngageModel

/// `engage serve` after a published page's front matter changed (its title, a team's headcount):
/// the file is decoded again alone and its item put in the site in place of the old one, when
/// that gives the site a whole load would give. EngageCore's `ResidentSite` then renders the
/// pages whose inputs name the file (docs/performance.md, "Round 7").
///
/// A whole load also checks what a file names against every other file, works out the
/// departments and every page address, and resolves action groups. The reload leaves all of
/// that as it was, so it refuses (`NotBodyOnly.needsWholeLoad`) every change that could alter
/// it: a file that now names other items or departments, a draft, a new problem in the front
/// matter, a changed set of departments, an action (whose fields are checked against the whole
/// site). `ResidentSite` refuses the rest: pages added or removed, a header or footer that changes.
public struct FrontMatterReload: Sendable {
    let path: String
    let name: String
    let text: String
    let bodies: LoadedBodies
}

extension LoadedBodies {
    /// A file loaded again alone.
    public struct Reloaded: Sendable {
        /// The site with the file's new item, its collection sorted as a load sorts it.
        public var site: Site
        /// Its new body, with the new front matter's record.
        public var body: Rerendered
        /// Whether its item is the same as before but for the body (a comment or the order of
        /// lines changed): then only the pages showing its body can change.
        public var sameItem: Bool
    }

    /// `path` (`content/teams/x.md`) loaded again from what is on disk now, and put in `site`
    /// (the site this load made, or one `reload` or `rerender` made from it).
    public func reload(_ path: String, in site: Site) -> Result<Reloaded, NotBodyOnly> {
        guard records[path] != nil, path.hasPrefix("content/") else { return .failure(.notAPublishedPage) }
        guard let (collection, name) = Collections.collection(ofContentFile: String(path.dropFirst("content/".count))) else {
            return .failure(.notAPublishedPage)
        }
        switch read(path) {
        case .failure(let why): return .failure(why)
        case .success(let (text, _)):
            return collection.reload(FrontMatterReload(path: path, name: name, text: text, bodies: self), in: site)
        }
    }
}

extension ContentCollection {
    func reload(_ file: FrontMatterReload, in site: Site) -> Result<LoadedBodies.Reloaded, LoadedBodies.NotBodyOnly> {
        typealias Refusal = LoadedBodies.NotBodyOnly
        let bodies = file.bodies, path = file.path
        guard folder != "actions" else { return .failure(.needsWholeLoad("an action's fields are checked against the whole site")) }
        guard let old = bodies.records[path] else { return .failure(.notAPublishedPage) }
        let loader = SiteLoader(source: bodies.source, options: LoadOptions(drafts: bodies.drafts))
        var diagnostics = Diagnostics()
        guard let parsed = loader.parseText(file.text, path: path, folder: folder, name: file.name, slug: String(file.name.dropLast(3)),
                                            &diagnostics, decode: decode), diagnostics.items.isEmpty else {
            return .failure(.needsWholeLoad("its front matter has problems to report"))
        }
        guard !loader.options.leavesOut(draft: parsed.file.draft) else { return .failure(.needsWholeLoad("it is a draft now")) }
        // What the file names was checked against every other file; the same names (wherever they
        // now stand in the file) pass the same checks.
        func names(_ refs: [Reference]) -> [String] { refs.map { "\($0.kind)\u{0}\($0.name)\u{0}\($0.what)" } }
        guard names(parsed.file.references) == names(old.references) else { return .failure(.needsWholeLoad("it names other items than before")) }

        let contentPath = String(path.dropFirst("content/".count))
        var bodyDiagnostics = Diagnostics()
        let rendered = Markdown.render(parsed.markdown, path: path, firstLine: parsed.bodyFirstLine, unsafe: bodies.unsafe,
                                       diagnostics: &bodyDiagnostics, resolve: { bodies.links.resolve($0, from: contentPath) })
        var item = parsed.item
        item.body = Body(html: rendered.html, text: rendered.plainText)

        var all = CollectionItems(site)
        guard let index = all[keyPath: items].firstIndex(where: { $0.source.path == path }) else { return .failure(.notAPublishedPage) }
        var probe = item
        probe.body = all[keyPath: items][index].body
        let sameItem = probe == all[keyPath: items][index]
        all[keyPath: items][index] = item
        let next = site.replacing(values: all.values, pathways: all.pathways, teams: all.teams, programs: all.programs,
                                  guides: all.guides, pages: all.pages)
        // Action groups and KPI files name departments; a load checks them against these.
        guard next.departments.map({ "\($0.slug)\u{0}\($0.name)" }) == site.departments.map({ "\($0.slug)\u{0}\($0.name)" }) else {
            return .failure(.needsWholeLoad("the departments changed"))
        }
        // A shared name is a warning of the whole load, about both files.
        if NameClashes.involves(path, in: site) || NameClashes.involves(path, in: next) {
            return .failure(.needsWholeLoad("it shares its name with another file"))
        }
        var body = LoadedBodies.Rerendered(path: path, body: item.body, diagnostics: bodyDiagnostics.items)
        body.frontMatter = BodyRecord(frontMatter: parsed.frontMatter, diagnostics: bodyDiagnostics.items, references: parsed.file.references)
        return .success(LoadedBodies.Reloaded(site: next, body: body, sameItem: sameItem))
    }
}
