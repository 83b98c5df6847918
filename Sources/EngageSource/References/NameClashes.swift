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
        for group in groups {
            var first: [String: Named] = [:]
            for item in group.items(site).sorted(by: { ($0.slug, $0.path) < ($1.slug, $1.path) }) {
                guard let earlier = first[item.name] else { first[item.name] = item; continue }
                let position = fieldPosition(item.field, in: text(item.path))
                diagnostics.warning(item.path, position, "\(item.noun) '\(item.slug)' has the same \(item.field) as \(earlier.noun) '\(earlier.slug)' (\(earlier.path)): '\(item.name)'; lists and page titles cannot tell them apart, so give one of them another \(item.field)")
            }
        }
    }

    /// Whether the file at `path` shares its name with another file of its kind (serve's reload
    /// from memory leaves such a file to a whole load, which reports it). Looks at the file's
    /// own group only (a reload runs it for every edit).
    public static func involves(_ path: String, in site: Site) -> Bool {
        guard let group = groups.first(where: { group in group.folders.contains { path.hasPrefix("content/\($0)/") } }) else { return false }
        let items = group.items(site)
        guard let own = items.first(where: { $0.path == path }) else { return false }
        return items.contains { $0.path != path && $0.name == own.name }
    }

    /// Items whose names must differ: one kind each, and guides with pages (one list,
    /// `/pages/`, shows them together).
    struct Group: Sendable {
        var folders: [String]
        var items: @Sendable (Site) -> [Named]
    }

    static let groups: [Group] = [
        Group(folders: ["values"]) { $0.values.map { Named(noun: "value", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) } },
        Group(folders: ["pathways"]) { $0.pathways.map { Named(noun: "pathway", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) } },
        Group(folders: ["teams"]) { $0.teams.map { Named(noun: "team", slug: $0.slug, field: "name", name: $0.name, path: $0.source.path) } },
        Group(folders: ["programs"]) { $0.programs.map { Named(noun: "program", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) } },
        Group(folders: ["guides", "pages"]) { site in
            site.guides.map { Named(noun: "guide", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) }
                + site.pages.map { Named(noun: "page", slug: $0.slug, field: "title", name: $0.title, path: $0.source.path) }
        },
    ]

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
