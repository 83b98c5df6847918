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
    public var title: String { "\(level.title) · \(pathway.title)" }
    public var summary: String? { level.summary }
    public var editSource: String? { pathway.source.path }

    public static func pages(in data: SiteData) -> [LevelPage] {
        data.site.pathways.flatMap { p in p.levels.indices.map { LevelPage(pathway: p, index: $0) } }
    }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] {
        Crumbs.under("Pathways", Route.pathways) + [(pathway.title, Route.pathway(pathway.slug))]
    }
    public func searchText(_ data: SiteData) -> String {
        pathway.competencies.compactMap { $0.expectations[level.id] }.joined(separator: " ")
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
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "pathway": { $0.pathway }, "level": { $0.level }, "previous": { $0.previous }, "next": { $0.next },
            "groups": { $0.groups }, "changes": { $0.changes }, "is_first": { $0.is_first }, "below": { $0.below },
            "moves_out": { $0.moves_out },
        ]
    }

    /// `id`, `title`, `summary`, `number`, `count`.
    public struct LevelDetail: TemplateContext {
        public var id: String, title: String, summary: String? = nil, number: Int, count: Int
        public static let fields: [String: @Sendable (LevelDetail) -> Any?] = [
            "id": { $0.id }, "title": { $0.title }, "summary": { $0.summary }, "number": { $0.number }, "count": { $0.count },
        ]
    }

    /// Competencies of one theme: `name`, `items`.
    public struct CellGroup: TemplateContext {
        public var name: String, items: [CompetencyCell]
        public static let fields: [String: @Sendable (CellGroup) -> Any?] = ["name": { $0.name }, "items": { $0.items }]
    }

    /// What is new or changed at this level: `name`, `is_new`, `text`.
    public struct LevelChangeRow: TemplateContext {
        public var name: String, is_new: Bool, text: String
        public static let fields: [String: @Sendable (LevelChangeRow) -> Any?] = ["name": { $0.name }, "is_new": { $0.is_new }, "text": { $0.text }]
    }

    static let changeLabels = ["new": "New at this level", "changed": "Changed from the level below", "unchanged": "Unchanged from the level below"]

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let p = pathway, id = level.id
        func levelLink(_ l: Level) -> TitledLink { TitledLink(title: l.title, href: link.href(Route.level(p.slug, l.id))) }
        var themeOrder: [String] = []
        var items: [String: [CompetencyCell]] = [:]
        var changes: [LevelChangeRow] = []
        for (competency, cell) in Levels.diff(p, levelIndex: index) where cell.change != .none {
            let theme = competency.theme ?? "General"
            if items[theme] == nil { themeOrder.append(theme) }
            var item = CompetencyCell(cell)
            item.name = competency.name
            item.change_label = index == 0 ? nil : Self.changeLabels[cell.change.rawValue]
            if cell.fromLevel != id, let from = p.levels.first(where: { $0.id == cell.fromLevel }) { item.inherited_from = from.title }
            items[theme, default: []].append(item)
            if index > 0 && (cell.change == .new || cell.change == .changed) {
                changes.append(LevelChangeRow(name: competency.name, is_new: cell.change == .new, text: cell.text ?? ""))
            }
        }
        return Context(
            pathway: TitledLink(title: p.title, href: link.href(Route.pathway(p.slug))),
            level: LevelDetail(id: level.id, title: level.title, summary: level.summary, number: index + 1, count: p.levels.count),
            previous: index > 0 ? levelLink(p.levels[index - 1]) : nil,
            next: index + 1 < p.levels.count ? levelLink(p.levels[index + 1]) : nil,
            groups: themeOrder.map { CellGroup(name: $0, items: items[$0] ?? []) },
            changes: changes, is_first: index == 0, below: index > 0 ? p.levels[index - 1].title : nil,
            moves_out: p.moves.filter { $0.fromLevel == id }.compactMap { move in
                data.site.pathway(move.to).map { MoveContext(from: p, move, target: $0, link, outgoing: true) }
            })
    }
}
