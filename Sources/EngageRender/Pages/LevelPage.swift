import EngageModel

/// `pathways/<slug>/<level>/`: one level of a pathway: what is expected, what changed from the
/// level below, and the moves from it.
public struct LevelPage: SitePage {
    public static let template = "level"
    public static let section = PageSection.pathways
    public let pathway: Pathway
    public let index: Int
    var level: Level { pathway.levels[index] }
    public var address: String { Route.level(pathway.slug, level.id) }
    /// "Senior Team Lead · Team Lead"; a level named like its pathway gets its position, so no
    /// title repeats itself ("Team Lead (Step 1 of 3) · Team Lead", issue 12).
    public var title: String {
        level.title == pathway.title
            ? "\(level.title) (\(LevelLabel.position(pathway, level))) · \(pathway.title)"
            : "\(level.title) · \(pathway.title)"
    }
    public var summary: String? { level.summary }
    public var editSource: String? { pathway.source.path }

    public static func pages(in data: SiteData) -> [LevelPage] {
        data.site.pathways.flatMap { p in p.levels.indices.map { LevelPage(pathway: p, index: $0) } }
    }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] {
        Crumbs.under("Pathways", Route.pathways) + [(pathway.title, Route.pathway(pathway.slug))]
    }
    public func searchText(_ data: SiteData) -> String {
        pathway.competencies.flatMap { ($0.expectations[level.id] ?? []).map(\.text) }.joined(separator: " ")
    }

    public func inputs(_ data: SiteData) -> PageInputs {
        var inputs = PageInputs(files: [pathway.source.path])
        for move in pathway.moves where move.fromLevel == level.id {
            inputs.add(data.site.pathway(move.to)?.source, orFolder: .pathways)
        }
        return inputs
    }

    public struct Context: TemplateContext {
        public var pathway: TitledLink, level: LevelDetail, previous: TitledLink? = nil, next: TitledLink? = nil
        public var groups: [CellGroup], changes: [LevelChangeRow], is_first: Bool, below: String? = nil, moves_out: [MoveContext]
        public var also_since: [ChangeSet], next_levels: [ChangeSet], unchanged_groups: [CellGroup], cumulative: Bool
        public var compare_below: String? = nil
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "pathway": { $0.pathway }, "level": { $0.level }, "previous": { $0.previous }, "next": { $0.next },
            "groups": { $0.groups }, "changes": { $0.changes }, "is_first": { $0.is_first }, "below": { $0.below },
            "moves_out": { $0.moves_out }, "also_since": { $0.also_since }, "next_levels": { $0.next_levels },
            "unchanged_groups": { $0.unchanged_groups }, "cumulative": { $0.cumulative },
            "has_unchanged": { !$0.unchanged_groups.isEmpty }, "has_next_levels": { !$0.next_levels.isEmpty },
            "unchanged_label": { c in "Unchanged from \(c.below ?? ""): " + Count.expectations(c.unchanged_groups.reduce(0) { $0 + $1.items.count }) },
            "compare_below": { $0.compare_below },
        ]
    }

    /// `id`, `title`, `summary`, `number`, `grade`, `track`, `position` (the grade, else "Step N of M").
    public struct LevelDetail: TemplateContext {
        public var id: String, title: String, summary: String? = nil, number: Int
        public var grade: String? = nil, track: String? = nil, position: String
        public static let fields: [String: @Sendable (LevelDetail) -> Any?] = [
            "id": { $0.id }, "title": { $0.title }, "summary": { $0.summary }, "number": { $0.number },
            "grade": { $0.grade }, "track": { $0.track }, "position": { $0.position },
        ]
    }

    /// Competencies of one theme: `name`, `items`.
    public struct CellGroup: TemplateContext {
        public var name: String, items: [CompetencyCell]
        public static let fields: [String: @Sendable (CellGroup) -> Any?] = ["name": { $0.name }, "items": { $0.items }]
    }

    /// What is new or changed: `name`, `anchor` (the id of its entry on the level page), `is_new`,
    /// `adds` (a cumulative pathway's level adds criteria),
    /// `text`, `criteria`, `is_list`.
    public struct LevelChangeRow: TemplateContext {
        public var name: String, anchor: String, is_new: Bool, adds: Bool = false, text: String, criteria: [CriterionContext]
        public static let fields: [String: @Sendable (LevelChangeRow) -> Any?] = [
            "name": { $0.name }, "anchor": { $0.anchor }, "is_new": { $0.is_new }, "adds": { $0.adds }, "text": { $0.text }, "criteria": { $0.criteria },
            "is_list": { $0.criteria.count > 1 },
        ]
    }

    /// The changes between this level and another: `title`, `href`, `position`, `compare_href`,
    /// `changes`, `has_changes`, `change_label`.
    public struct ChangeSet: TemplateContext {
        public var title: String, href: String, position: String, compare_href: String, changes: [LevelChangeRow]
        public static let fields: [String: @Sendable (ChangeSet) -> Any?] = [
            "title": { $0.title }, "href": { $0.href }, "position": { $0.position }, "compare_href": { $0.compare_href },
            "changes": { $0.changes }, "has_changes": { !$0.changes.isEmpty },
            "change_label": { Count.expectations($0.changes.count) + ($0.changes.count == 1 ? " changes" : " change") },
        ]
    }

    static let changeLabels = ["new": "New at this level", "changed": "Changed from the level below", "unchanged": "Unchanged from the level below"]

    /// What `to` changes against `from`: in a cumulative pathway what it adds (when it grows from
    /// `from` first), else the criteria in force.
    static func changes(_ p: Pathway, from: String, to: String) -> [LevelChangeRow] {
        p.competencies.compactMap { competency in
            let change = Levels.change(competency, p, at: to, against: from)
            guard change == .new || change == .changed else { return nil }
            let cell = Levels.cell(competency, p, at: to)
            let adds = p.cumulative && p.levels.first(where: { $0.id == to })?.after.first == from
            let list = adds ? cell.added : cell.criteria
            return LevelChangeRow(name: competency.name, anchor: "c-" + competency.id, is_new: change == .new, adds: adds && change == .changed, text: list.map(\.text).joined(separator: "\n"),
                                  criteria: list.map { CriterionContext($0, examples: false) })
        }
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let p = pathway, id = level.id
        func levelLink(_ l: Level) -> TitledLink { TitledLink(title: l.title, href: link.href(Route.level(p.slug, l.id))) }
        func byID(_ x: String) -> Level? { p.levels.first { $0.id == x } }
        func changeSet(_ other: Level, from: String, to: String) -> ChangeSet {
            ChangeSet(title: other.title, href: link.href(Route.level(p.slug, other.id)), position: LevelLabel.position(p, other),
                      compare_href: link.href(Route.levelComparison(p.slug, from, to)), changes: Self.changes(p, from: from, to: to))
        }
        let parent = level.after.first.flatMap(byID)
        var themeOrder: [String] = []
        var items: [String: [CompetencyCell]] = [:], unchanged: [String: [CompetencyCell]] = [:]
        for (competency, cell) in Levels.diff(p, levelIndex: index) where cell.change != .none {
            let theme = competency.theme ?? "General"
            if items[theme] == nil && unchanged[theme] == nil { themeOrder.append(theme) }
            var item = CompetencyCell(cell, cumulative: p.cumulative)
            item.name = competency.name
            item.anchor = "c-" + competency.id
            item.description = competency.description
            item.change_label = parent == nil ? nil
                : p.cumulative && cell.change == .changed ? "Adds to the level below" : Self.changeLabels[cell.change.rawValue]
            if cell.fromLevel != id, let from = cell.fromLevel.flatMap(byID) { item.inherited_from = from.title }
            if parent != nil && cell.change == .unchanged { unchanged[theme, default: []].append(item) } else { items[theme, default: []].append(item) }
        }
        let next = Levels.next(p, after: id)
        return Context(
            pathway: TitledLink(title: p.title, href: link.href(Route.pathway(p.slug))),
            level: LevelDetail(id: level.id, title: level.title, summary: level.summary, number: index + 1,
                               grade: level.grade, track: level.track, position: LevelLabel.position(p, level)),
            previous: parent.map(levelLink),
            next: next.count == 1 ? levelLink(next[0]) : nil,
            groups: themeOrder.compactMap { t in items[t].map { CellGroup(name: t, items: $0) } },
            changes: parent.map { Self.changes(p, from: $0.id, to: id) } ?? [], is_first: parent == nil, below: parent?.title,
            moves_out: p.moves.filter { $0.fromLevel == id }.compactMap { move in
                data.site.pathway(move.to).map { MoveContext(from: p, move, target: $0, link, outgoing: true) }
            },
            also_since: level.after.dropFirst().compactMap(byID).map { changeSet($0, from: $0.id, to: id) },
            next_levels: next.map { changeSet($0, from: id, to: $0.id) },
            unchanged_groups: themeOrder.compactMap { t in unchanged[t].map { CellGroup(name: t, items: $0) } },
            cumulative: p.cumulative,
            compare_below: parent.map { link.href(Route.levelComparison(p.slug, $0.id, id)) })
    }
}
