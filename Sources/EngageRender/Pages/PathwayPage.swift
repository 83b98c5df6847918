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

    public static func pages(in data: SiteData) -> [PathwayPage] { data.site.pathways.map { PathwayPage(pathway: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Pathways", Route.pathways) }
    public func searchText(_ data: SiteData) -> String {
        let p = pathway
        return ([p.family ?? ""] + p.levels.map(\.title) + p.competencies.map(\.name) + [p.body.text]).joined(separator: " ")
    }

    public func inputs(_ data: SiteData) -> PageInputs {
        var inputs = PageInputs(files: [pathway.source.path], reports: [.relations])
        for slug in pathway.values { inputs.add(data.site.value(slug)?.source, orFolder: .values) }
        // Moves out name their targets; moves in can come from any pathway (relations).
        inputs.folders.insert(.pathways)
        return inputs
    }

    public struct Context: TemplateContext {
        public var pathway: PathwayDetail, levels: [LevelRow], themes: [MatrixTheme], values: [ValueCard]
        public var moves_out: [MoveContext], moves_in: [MoveContext], teams: [TeamCard]
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "pathway": { $0.pathway }, "levels": { $0.levels }, "level_count": { $0.levels.count }, "themes": { $0.themes },
            "values": { $0.values }, "moves_out": { $0.moves_out }, "moves_in": { $0.moves_in }, "teams": { $0.teams },
        ]
    }

    /// `title`, `family`, `summary`, `body`.
    public struct PathwayDetail: TemplateContext {
        public var title: String, family: String? = nil, summary: String? = nil, body: String
        public static let fields: [String: @Sendable (PathwayDetail) -> Any?] = [
            "title": { $0.title }, "family": { $0.family }, "summary": { $0.summary }, "body": { $0.body },
        ]
    }

    /// `id`, `title`, `number`, `summary`, `href`.
    public struct LevelRow: TemplateContext {
        public var id: String, title: String, number: Int, summary: String? = nil, href: String
        public static let fields: [String: @Sendable (LevelRow) -> Any?] = [
            "id": { $0.id }, "title": { $0.title }, "number": { $0.number }, "summary": { $0.summary }, "href": { $0.href },
        ]
    }

    /// Competencies of one theme: `name`, `rows` (`name`, `cells`), `span`.
    public struct MatrixTheme: TemplateContext {
        public var name: String, rows: [MatrixRow], span: Int
        public static let fields: [String: @Sendable (MatrixTheme) -> Any?] = ["name": { $0.name }, "rows": { $0.rows }, "span": { $0.span }]
    }

    public struct MatrixRow: TemplateContext {
        public var name: String, cells: [CompetencyCell]
        public static let fields: [String: @Sendable (MatrixRow) -> Any?] = ["name": { $0.name }, "cells": { $0.cells }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, p = pathway, relations = data.reports.relations
        var themeOrder: [String] = []
        var rows: [String: [MatrixRow]] = [:]
        for (competency, cells) in zip(p.competencies, Levels.matrix(p)) {
            let theme = competency.theme ?? "General"
            if rows[theme] == nil { themeOrder.append(theme) }
            rows[theme, default: []].append(MatrixRow(name: competency.name, cells: cells.enumerated().map { i, cell in
                var c = CompetencyCell(cell)
                c.badge_new = i > 0 && cell.change == .new
                return c
            }))
        }
        return Context(
            pathway: PathwayDetail(title: p.title, family: p.family, summary: p.summary, body: p.body.html),
            levels: p.levels.enumerated().map { i, l in
                LevelRow(id: l.id, title: l.title, number: i + 1, summary: l.summary, href: link.href(Route.level(p.slug, l.id)))
            },
            themes: themeOrder.map { MatrixTheme(name: $0, rows: rows[$0] ?? [], span: p.levels.count + 1) },
            values: p.values.compactMap { site.value($0) }.map { ValueCard($0, link) },
            moves_out: p.moves.compactMap { move in site.pathway(move.to).map { MoveContext(from: p, move, target: $0, link, outgoing: true) } },
            moves_in: (relations.movesInto[p.slug] ?? []).compactMap { entry in
                site.pathway(entry.from).map { MoveContext(from: $0, entry.move, target: p, link, outgoing: false) }
            },
            teams: (relations.teamsByPathway[p.slug] ?? []).compactMap { site.team($0) }.map { TeamCard($0, link) })
    }
}
