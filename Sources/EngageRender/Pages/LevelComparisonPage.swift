import EngageModel

/// `pathways/<slug>/compare/<a>-vs-<b>/`: two levels of a pathway, `b` growing from `a` directly or
/// through others: per competency what each expects and whether it changed.
public struct LevelComparisonPage: SitePage {
    public static let template = "level-compare"
    public static let section = PageSection.pathways
    public let pathway: Pathway
    public let a: Level, b: Level
    public var address: String { Route.levelComparison(pathway.slug, a.id, b.id) }
    public var title: String { "\(a.title) vs \(b.title) · \(pathway.title)" }
    public var summary: String? { "What \(b.title) expects beyond \(a.title)." }
    public var editSource: String? { pathway.source.path }

    public static func pages(in data: SiteData) -> [LevelComparisonPage] {
        data.site.pathways.flatMap { p in Levels.comparePairs(p).map { LevelComparisonPage(pathway: p, a: $0.a, b: $0.b) } }
    }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] {
        Crumbs.under("Pathways", Route.pathways) + [(pathway.title, Route.pathway(pathway.slug))]
    }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(files: [pathway.source.path]) }

    public struct Context: TemplateContext {
        public var pathway: TitledLink, a: Side, b: Side, groups: [RowGroup], same_groups: [RowGroup]
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "pathway": { $0.pathway }, "a": { $0.a }, "b": { $0.b }, "groups": { $0.groups }, "same_groups": { $0.same_groups },
            "a_label": { $0.a.title }, "b_label": { $0.b.title }, "has_groups": { !$0.groups.isEmpty }, "has_same": { !$0.same_groups.isEmpty },
            "changed_label": { Count.expectations($0.groups.reduce(0) { $0 + $1.rows.count }) + " change" },
            "same_label": { Count.expectations($0.same_groups.reduce(0) { $0 + $1.rows.count }) + " the same at both levels" },
        ]
    }

    /// One of the two levels: `title`, `href`, `position`, `track`.
    public struct Side: TemplateContext {
        public var title: String, href: String, position: String, track: String? = nil
        public static let fields: [String: @Sendable (Side) -> Any?] = [
            "title": { $0.title }, "href": { $0.href }, "position": { $0.position }, "track": { $0.track },
        ]
    }

    /// Competencies of one theme: `name`, `rows`.
    public struct RowGroup: TemplateContext {
        public var name: String, rows: [Row]
        public static let fields: [String: @Sendable (RowGroup) -> Any?] = ["name": { $0.name }, "rows": { $0.rows }]
    }

    /// One competency: `name`, `competency_description`, `a` and `b` (criteria: `text`, `text_html`,
    /// `proficiency`), `a_none`, `is_new`.
    public struct Row: TemplateContext {
        public var name: String, description: String? = nil, a: [CriterionContext], b: [CriterionContext], changed: Bool
        public static let fields: [String: @Sendable (Row) -> Any?] = [
            "name": { $0.name }, "competency_description": { $0.description }, "a": { $0.a }, "b": { $0.b },
            "a_none": { $0.a.isEmpty },
            "is_new": { $0.a.isEmpty && !$0.b.isEmpty },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let p = pathway
        func side(_ l: Level) -> Side {
            Side(title: l.title, href: link.href(Route.level(p.slug, l.id)), position: LevelLabel.position(p, l), track: l.track)
        }
        var order: [String] = []
        var changed: [String: [Row]] = [:], same: [String: [Row]] = [:]
        for competency in p.competencies {
            let x = Levels.inForce(competency, p, at: a.id), y = Levels.inForce(competency, p, at: b.id)
            if x.isEmpty && y.isEmpty { continue }
            let theme = competency.theme ?? "General"
            if changed[theme] == nil && same[theme] == nil { order.append(theme) }
            let differs = Levels.differ(x, y)
            let row = Row(name: competency.name, description: competency.description,
                          a: x.map { CriterionContext($0, examples: false) }, b: y.map { CriterionContext($0, examples: false) }, changed: differs)
            if differs { changed[theme, default: []].append(row) } else { same[theme, default: []].append(row) }
        }
        return Context(pathway: TitledLink(title: p.title, href: link.href(Route.pathway(p.slug))), a: side(a), b: side(b),
                       groups: order.compactMap { t in changed[t].map { RowGroup(name: t, rows: $0) } },
                       same_groups: order.compactMap { t in same[t].map { RowGroup(name: t, rows: $0) } })
    }
}
