import EngageModel

/// A competency's expectation at one level: `change` (`none`, `new`, `changed`, `unchanged`),
/// `text`, `is_none`, `is_new`, `is_changed`, `is_unchanged`, `examples`, `has_examples`; in the
/// pathway matrix also `badge_new`; on a level page also `name`, `change_label`, `inherited_from`.
public struct CompetencyCell: TemplateContext {
    public var cell: MatrixCell
    public var badge_new: Bool? = nil
    public var name: String? = nil, change_label: String? = nil, inherited_from: String? = nil
    public static let fields: [String: @Sendable (CompetencyCell) -> Any?] = [
        "change": { $0.cell.change.rawValue }, "text": { $0.cell.text }, "is_none": { $0.cell.change == .none },
        "is_new": { $0.cell.change == .new }, "is_changed": { $0.cell.change == .changed },
        "is_unchanged": { $0.cell.change == .unchanged }, "examples": { $0.cell.examples },
        "has_examples": { !$0.cell.examples.isEmpty }, "badge_new": { $0.badge_new }, "name": { $0.name },
        "change_label": { $0.change_label }, "inherited_from": { $0.inherited_from },
    ]
    init(_ cell: MatrixCell) { self.cell = cell }
}

/// A move between pathways: `pathway` (the other pathway: `title`, `href`), `from_level`,
/// `to_level` (`title`, `href`), `note`.
public struct MoveContext: TemplateContext {
    public var pathway: TitledLink, from_level: TitledLink? = nil, to_level: TitledLink? = nil, note: String? = nil
    public static let fields: [String: @Sendable (MoveContext) -> Any?] = [
        "pathway": { $0.pathway }, "from_level": { $0.from_level }, "to_level": { $0.to_level }, "note": { $0.note },
    ]

    init(from: Pathway, _ move: Move, target: Pathway, _ link: Linker, outgoing: Bool) {
        let other = outgoing ? target : from
        pathway = TitledLink(title: other.title, href: link.href(Route.pathway(other.slug)))
        if let id = move.fromLevel, let level = from.levels.first(where: { $0.id == id }) {
            from_level = TitledLink(title: level.title, href: link.href(Route.level(from.slug, id)))
        }
        if let id = move.toLevel, let level = target.levels.first(where: { $0.id == id }) {
            to_level = TitledLink(title: level.title, href: link.href(Route.level(target.slug, id)))
        }
        note = move.note
    }
}
