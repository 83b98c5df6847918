/// One file Engage will write, and what makes it.
public struct OutputAddress: Sendable, Equatable {
    /// Output path relative to the site root, e.g. `values/care/index.html` or `sitemap.xml`.
    public var path: String
    /// What produces it, for messages: "program 'x'", "the comparison of 'x' and 'y'".
    public var origin: String
    /// Source files responsible (relative to the source folder); the error is reported in each.
    public var files: [String]
    /// How to fix a collision involving it ("rename one of the programs"), if there is a better hint than the default.
    public var fix: String?

    public init(path: String, origin: String, files: [String] = [], fix: String? = nil) {
        self.path = path
        self.origin = origin
        self.files = files
        self.fix = fix
    }
}

/// Two things that would be written to one address: found during `check`, before anything is
/// rendered or written. `check` takes any list of addresses, so other producers (static files)
/// can be added to the generated ones.
public enum AddressCollisions {
    /// Reports every address produced more than once, every file that is also needed as a folder
    /// ("x" and "x/index.html"), and addresses that differ only in upper/lower case (one file on
    /// macOS and Windows disks).
    public static func check(_ addresses: [OutputAddress]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func report(_ address: String, _ group: [OutputAddress], _ what: String) {
            let origins = group.map(\.origin)
            let list = origins.count == 2 ? "\(origins[0]) and \(origins[1])"
                : origins.dropLast().joined(separator: ", ") + " and " + (origins.last ?? "")
            let fix = group.lazy.compactMap(\.fix).first ?? "rename one of them"
            let message = "'\(address)' \(what) \(list); \(fix)"
            var files = Array(Set(group.flatMap(\.files))).sorted()
            if files.isEmpty { files = ["content"] }
            for file in files { diagnostics.append(.error(file, .start, message)) }
        }

        // The same path twice.
        let byPath = Dictionary(grouping: addresses, by: \.path)
        for (path, group) in byPath where group.count > 1 {
            report(display(path), group, group.count == 2 ? "is produced by both" : "is produced by")
        }
        // A file where a folder must be.
        for (path, group) in byPath {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if let file = byPath[String(folder)] {
                    report(String(folder), [file[0], group[0]], "is needed both as a file and as a folder, by")
                }
            }
        }
        // Only the case differs.
        let byLowercase = Dictionary(grouping: byPath.keys, by: { $0.lowercased() })
        for (_, paths) in byLowercase where paths.count > 1 {
            let sorted = paths.sorted()
            report(sorted.map(display).joined(separator: "' and '"), sorted.compactMap { byPath[$0]?.first },
                   "differ only in upper and lower case (one file on macOS and Windows disks), produced by")
        }
        return diagnostics
    }

    /// A page's folder ("values/x/") rather than its index.html.
    static func display(_ path: String) -> String {
        if path == "index.html" { return "/" }
        return path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
    }

    /// Every file Engage generates for `site` (pages, data files, sitemap, search index; theme
    /// assets are not included). Mirrors `SiteCatalog.pages(in:)` and `SiteRenderer.render` (a test
    /// checks that the pages agree).
    public static func addresses(of site: Site) -> [OutputAddress] {
        var out: [OutputAddress] = []
        func page(_ route: String, _ origin: String, _ files: [String] = [], fix: String? = nil) {
            out.append(OutputAddress(path: route.hasSuffix(".html") ? route : Route.file(route), origin: origin, files: files, fix: fix))
        }
        page(Route.home, "the home page")
        page(Route.values, "the values index")
        for v in site.values { page(Route.value(v.slug), "value '\(v.slug)'", [v.source.path]) }
        page(Route.pathways, "the pathways index")
        for p in site.pathways {
            page(Route.pathway(p.slug), "pathway '\(p.slug)'", [p.source.path])
            for level in p.levels {
                page(Route.level(p.slug, level.id), "level '\(level.id)' of pathway '\(p.slug)'", [p.source.path])
            }
            for (a, b) in Levels.comparePairs(p) {
                page(Route.levelComparison(p.slug, a.id, b.id), "the comparison of levels '\(a.id)' and '\(b.id)' of pathway '\(p.slug)'", [p.source.path])
            }
        }
        page(Route.teams, "the teams index")
        for t in site.teams { page(Route.team(t.slug), "team '\(t.slug)'", [t.source.path]) }
        for d in site.departments {
            let files = d.teams.compactMap { site.team($0)?.source.path }
            page(Route.department(d.slug), "department '\(d.name)'", files)
        }
        page(Route.programs, "the programs index")
        for p in site.programs { page(Route.program(p.slug), "program '\(p.slug)'", [p.source.path]) }
        for (i, a) in site.programs.enumerated() {
            for b in site.programs[(i + 1)...] {
                let (x, y) = a.slug < b.slug ? (a, b) : (b, a)
                page(Route.comparison(x.slug, y.slug), "the comparison of '\(x.slug)' and '\(y.slug)'",
                     [x.source.path, y.source.path], fix: "rename one of the programs")
            }
        }
        for g in site.guides { page(Route.guide(g.slug), "guide '\(g.slug)'", [g.source.path]) }
        if !site.pages.isEmpty || !site.guides.isEmpty { page(Route.pages, "the index of pages and guides") }
        for p in site.pages { page(Route.page(p.slug), "page '\(p.slug)'", [p.source.path]) }
        if !site.kpis.isEmpty {
            page(Route.kpis, "the KPIs index")
            for k in site.kpis { page(Route.kpi(k.id), "KPI '\(k.id)'", ["content/kpis/catalog.yml"]) }
            out.append(OutputAddress(path: "data/kpis.csv", origin: "the KPI export"))
        }
        if !site.surveys.isEmpty {
            page(Route.surveys, "the surveys index")
            for s in site.surveys {
                page(Route.survey(s.period.text), "survey '\(s.period.text)'", ["content/surveys/\(s.period.text).yml"])
            }
            out.append(OutputAddress(path: "data/surveys.csv", origin: "the survey export"))
        }
        if !site.actions.isEmpty {
            page(Route.actions, "the actions index")
            for a in site.actions { page(Route.action(a.slug), "action '\(a.slug)'", [a.source.path]) }
            out.append(OutputAddress(path: "data/actions.csv", origin: "the action export"))
        }
        page("404.html", "the 'page not found' page")
        page(Route.search, "the search page")
        out.append(OutputAddress(path: "search/pages.js", origin: "the search index"))
        out.append(OutputAddress(path: "data/programs.csv", origin: "the program export"))
        out.append(OutputAddress(path: "sitemap.xml", origin: "the sitemap"))
        out.append(OutputAddress(path: "search-index.json", origin: "the search index"))
        return out
    }
}
