import EngageModel

/// Two published files of one kind with the same name or title (a team file copied and its
/// name left as it was): lists show the name twice and both pages get the same `<title>`. A
/// warning where the later file (by slug: `support-2` after `support`) gives the name, naming
/// the first one. Files of different kinds may share a name (a team and a pathway called
/// "Support").
public enum NameClashes {
    /// One named item: its kind's noun, its slug, the field that names it, the name, its file.
    struct Named {
        var noun: String, slug: String, field: String, name: String, path: String
    }

    /// `text`: a file's text by its path (the name's line is looked up only for a clash).
    public static func check(_ site: Site, text: (String) -> String?, into diagnostics: inout Diagnostics) {
        for group in groups(site) {
            var first: [String: Named] = [:]
            for item in group.sorted(by: { ($0.slug, $0.path) < ($1.slug, $1.path) }) {
                guard let earlier = first[item.name] else { first[item.name] = item; continue }
                let position = fieldPosition(item.field, in: text(item.path))
                diagnostics.warning(item.path, position, "\(item.noun) '\(item.slug)' has the same \(item.field) as \(earlier.noun) '\(earlier.slug)' (\(earlier.path)): '\(item.name)'; lists and page titles cannot tell them apart, so give one of them another \(item.field)")
            }
        }
    }

    /// Whether the file at `path` shares its name with another file of its kind (serve's reload
    /// from memory leaves such a file to a whole load, which reports it).
    /// Looks at the file's own kind only (a reload runs it for every edit).
    public static func involves(_ path: String, in site: Site) -> Bool {
        func shared(_ names: [(name: String, path: String)]) -> Bool {
            guard let own = names.first(where: { $0.path == path }) else { return false }
            return names.contains { $0.path != path && $0.name == own.name }
        }
        if path.hasPrefix("content/values/") { return shared(site.values.map { ($0.title, $0.source.path) }) }
        if path.hasPrefix("content/pathways/") { return shared(site.pathways.map { ($0.title, $0.source.path) }) }
        if path.hasPrefix("content/teams/") { return shared(site.teams.map { ($0.name, $0.source.path) }) }
        if path.hasPrefix("content/programs/") { return shared(site.programs.map { ($0.title, $0.source.path) }) }
        return shared(site.guides.map { ($0.title, $0.source.path) } + site.pages.map { ($0.title, $0.source.path) })
    }

    static func groups(_ site: Site) -> [[Named]] {
        [
            site.values.map { Named(noun: "value", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) },
            site.pathways.map { Named(noun: "pathway", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) },
            site.teams.map { Named(noun: "team", slug: $0.slug, field: "name", name: $0.name, path: $0.source.path) },
            site.programs.map { Named(noun: "program", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) },
            // One list, `/pages/`, shows guides and pages together.
            site.guides.map { Named(noun: "guide", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) }
                + site.pages.map { Named(noun: "page", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) },
        ]
    }

    /// Where the value of `field` starts in a file's front matter (the line `field: …`); the
    /// first line of the front matter when it is not found there (a flow mapping, say).
    static func fieldPosition(_ field: String, in text: String?) -> Position {
        guard let text else { return Position(line: 1, column: 1) }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst() {
            if line.hasPrefix("---") { break }
            guard line.hasPrefix(field + ":") else { continue }
            let value = line.dropFirst(field.count + 1).prefix { $0 == " " }.count
            return Position(line: index + 1, column: field.count + 2 + value)
        }
        return Position(line: 2, column: 1)
    }
}
