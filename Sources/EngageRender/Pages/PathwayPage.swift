import EngageModel

/// `pathways/<slug>/`: levels, the competency matrix, values, moves and the teams on the pathway.
public struct PathwayPage: SitePage {
    public static let template = "pathway"
    public static let section = PageSection.pathways
    public let pathway: Pathway
    public var address: String { Route.pathway(pathway.slug) }
    public var title: String { pathway.title }
    public var summary: String? { pathway.summary }
    public var editSource: String? { pathway.source.path }
    public var shownBody: Body? { pathway.body }

    public static func pages(in data: SiteData) -> [PathwayPage] { data.site.pathways.map { PathwayPage(pathway: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Pathways", Route.pathways) }
    public func searchText(_ data: SiteData) -> String {
        let p = pathway
        return ([p.family ?? ""] + p.levels.map(\.title) + p.competencies.map(\.name) + [p.body.text]).joined(separator: " ")
    }
    public func searchHeadings(_ data: SiteData) -> [String] { pathway.levels.map(\.title) + SearchIndex.headings(inHTML: pathway.body.html) }

    public func inputs(_ data: SiteData) -> PageInputs {
        var inputs = PageInputs(files: [pathway.source.path])
        for slug in pathway.values { inputs.add(data.site.value(slug)?.source, orFolder: .values) }
        // Moves out name their targets; moves in can come from any pathway (relations).
        inputs.folders.insert(.pathways)
        // The teams on the pathway, by their files rather than every team: a team names its
        // pathways in its own file, so one that starts or stops naming this one is in the
        // inputs before or after that change, which an incremental build both reads.
        for slug in data.reports.relations.teamsByPathway[pathway.slug] ?? [] { inputs.add(data.site.team(slug)?.source, orFolder: .teams) }
        return inputs
    }

    public struct Context: TemplateContext {
        public var pathway: PathwayDetail, levels: [LevelRow], groups: [ColumnGroup], themes: [MatrixTheme], values: [ValueCard]
        public var moves_out: [MoveContext], moves_in: [MoveContext], teams: [TeamCard], comparisons: [ComparisonGroup]
        public var cumulative: Bool
        /// The pathway file's commits, newest first (git only; HistoryContexts.swift).
        public var history: [PathwayHistoryItem] = []
        /// How many level comparisons the page links to.
        var comparisonCount: Int { comparisons.reduce(0) { $0 + $1.targets.count } }
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "pathway": { $0.pathway }, "levels": { $0.levels }, "level_count": { $0.levels.count }, "themes": { $0.themes },
            "groups": { $0.groups }, "has_tracks": { $0.groups.contains { $0.track != nil } }, "cumulative": { $0.cumulative },
            "values": { $0.values }, "moves_out": { $0.moves_out }, "moves_in": { $0.moves_in }, "teams": { $0.teams },
            "history": { $0.history }, "has_history": { !$0.history.isEmpty },
            "comparisons": { $0.comparisons }, "has_comparisons": { !$0.comparisons.isEmpty }, "comparison_count": { $0.comparisonCount },
            "comparison_noun": { $0.comparisonCount == 1 ? "comparison" : "comparisons" },
        ]
    }

    /// `title`, `family`, `summary`, `body`.
    public struct PathwayDetail: TemplateContext {
        public var title: String, family: String? = nil, summary: String? = nil, body: String
        public static let fields: [String: @Sendable (PathwayDetail) -> Any?] = [
            "title": { $0.title }, "family": { $0.family }, "summary": { $0.summary }, "body": { $0.body },
        ]
    }

    /// `id`, `title`, `number`, `grade`, `step` (the grade, else the number), `track`, `summary`, `href`.
    public struct LevelRow: TemplateContext {
        public var id: String, title: String, number: Int, grade: String? = nil, track: String? = nil, summary: String? = nil, href: String
        public static let fields: [String: @Sendable (LevelRow) -> Any?] = [
            "id": { $0.id }, "title": { $0.title }, "number": { $0.number }, "grade": { $0.grade },
            "step": { $0.grade ?? String($0.number) }, "track": { $0.track }, "summary": { $0.summary }, "href": { $0.href },
        ]
    }

    /// A column group of the matrix: `track` (absent for levels without one), `span`.
    public struct ColumnGroup: TemplateContext {
        public var track: String? = nil
        public var span: Int
        public static let fields: [String: @Sendable (ColumnGroup) -> Any?] = ["track": { $0.track }, "span": { $0.span }]
    }

    /// Competencies of one theme: `name`, `summary`, `rows` (`name`, `competency_description`, `cells`), `span`.
    public struct MatrixTheme: TemplateContext {
        public var name: String, summary: String? = nil, rows: [MatrixRow], span: Int
        public static let fields: [String: @Sendable (MatrixTheme) -> Any?] = [
            "name": { $0.name }, "summary": { $0.summary }, "rows": { $0.rows }, "span": { $0.span },
        ]
    }

    public struct MatrixRow: TemplateContext {
        public var name: String, description: String? = nil, cells: [CompetencyCell]
        public static let fields: [String: @Sendable (MatrixRow) -> Any?] = [
            "name": { $0.name }, "competency_description": { $0.description }, "cells": { $0.cells },
        ]
    }

    /// Comparisons from one level: `title`, `href`, `targets` (`title`, `href`: the comparison page).
    public struct ComparisonGroup: TemplateContext {
        public var title: String, href: String, targets: [TitledLink]
        public static let fields: [String: @Sendable (ComparisonGroup) -> Any?] = [
            "title": { $0.title }, "href": { $0.href }, "targets": { $0.targets },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, p = pathway, relations = data.reports.relations
        let columns = Levels.columns(p)
        let ordered = columns.flatMap(\.levels)
        let position = Dictionary(uniqueKeysWithValues: p.levels.enumerated().map { ($1.id, $0) })
        var themeOrder: [String] = []
        var rows: [String: [MatrixRow]] = [:]
        for (competency, cells) in zip(p.competencies, Levels.matrix(p)) {
            let theme = competency.theme ?? "General"
            if rows[theme] == nil { themeOrder.append(theme) }
            let cells = ordered.compactMap { position[$0.id].map { (p.levels[$0], cells[$0]) } }
            rows[theme, default: []].append(MatrixRow(name: competency.name, description: competency.description, cells: cells.map { level, cell in
                var c = CompetencyCell(cell, cumulative: p.cumulative)
                c.badge_new = !level.after.isEmpty && cell.change == .new
                if let parent = level.after.first, let from = p.levels.first(where: { $0.id == parent }) { c.same_as = LevelLabel.short(from) }
                return c
            }))
        }
        let pairs = Levels.comparePairs(p)
        var comparisons: [ComparisonGroup] = []
        for (a, b) in pairs {
            let target = TitledLink(title: b.title, href: link.href(Route.levelComparison(p.slug, a.id, b.id)))
            if comparisons.last?.title == a.title, comparisons.last?.href == link.href(Route.level(p.slug, a.id)) {
                comparisons[comparisons.count - 1].targets.append(target)
            } else {
                comparisons.append(ComparisonGroup(title: a.title, href: link.href(Route.level(p.slug, a.id)), targets: [target]))
            }
        }
        let summaries = Dictionary(p.themes.map { ($0.name, $0.summary) }, uniquingKeysWith: { a, _ in a })
        return Context(
            pathway: PathwayDetail(title: p.title, family: p.family, summary: p.summary, body: p.body.html),
            levels: ordered.map { l in
                LevelRow(id: l.id, title: l.title, number: (position[l.id] ?? 0) + 1, grade: l.grade, track: l.track, summary: l.summary,
                         href: link.href(Route.level(p.slug, l.id)))
            },
            groups: columns.map { ColumnGroup(track: $0.track, span: $0.levels.count) },
            themes: themeOrder.map { MatrixTheme(name: $0, summary: summaries[$0] ?? nil, rows: rows[$0] ?? [], span: p.levels.count + 1) },
            values: p.values.compactMap { site.value($0) }.map { ValueCard($0, link) },
            moves_out: p.moves.compactMap { move in site.pathway(move.to).map { MoveContext(from: p, move, target: $0, link, outgoing: true) } },
            moves_in: (relations.movesInto[p.slug] ?? []).compactMap { entry in
                site.pathway(entry.from).map { MoveContext(from: $0, entry.move, target: p, link, outgoing: false) }
            },
            teams: (relations.teamsByPathway[p.slug] ?? []).compactMap { site.team($0) }.map { TeamCard($0, link) },
            comparisons: comparisons, cumulative: p.cumulative, history: PathwayHistoryItem.items(p, site))
    }
}
