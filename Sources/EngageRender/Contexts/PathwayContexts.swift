import EngageModel

/// A competency's expectation at one level: `change` (`none`, `new`, `changed`, `unchanged`),
/// `text` (the criteria texts, one a line), `is_none`, `is_new`, `is_changed`, `is_unchanged`,
/// `criteria` (the criteria shown: in force, or in a cumulative pathway what the level adds),
/// `is_list` (more than one criterion shown), `inherited` and `has_inherited` (cumulative: the
/// criteria still expected from the levels below), `examples` and `has_examples` (the examples of
/// a one-criterion cell); in the pathway matrix also `badge_new` and `same_as` (the label of the
/// level it grows from); on a level page also `anchor` (its element id), `name`, `competency_description`, `change_label`, `inherited_from`.
public struct CompetencyCell: TemplateContext {
    public var cell: MatrixCell
    public var shown: [CriterionContext]
    public var inherited: [CriterionContext] = []
    public var badge_new: Bool? = nil, same_as: String? = nil
    public var anchor: String? = nil
    public var name: String? = nil, description: String? = nil, change_label: String? = nil, inherited_from: String? = nil
    public static let fields: [String: @Sendable (CompetencyCell) -> Any?] = [
        "change": { $0.cell.change.rawValue }, "text": { $0.cell.text }, "is_none": { $0.cell.change == .none },
        "is_new": { $0.cell.change == .new }, "is_changed": { $0.cell.change == .changed },
        "is_unchanged": { $0.cell.change == .unchanged }, "criteria": { $0.shown }, "is_list": { $0.shown.count > 1 },
        "inherited": { $0.inherited }, "has_inherited": { !$0.inherited.isEmpty },
        "examples": { $0.shown.count == 1 ? $0.shown[0].examples : [] },
        "has_examples": { $0.shown.count == 1 && !$0.shown[0].examples.isEmpty }, "badge_new": { $0.badge_new },
        "same_as": { $0.same_as }, "anchor": { $0.anchor }, "name": { $0.name }, "competency_description": { $0.description },
        "change_label": { $0.change_label }, "inherited_from": { $0.inherited_from },
    ]
    /// `examples`: whether the criteria keep their examples (only where they are written).
    init(_ cell: MatrixCell, cumulative: Bool, examples: Bool = true) {
        self.cell = cell
        let list = cumulative && cell.change != .unchanged && cell.change != .none ? cell.added : cell.criteria
        shown = list.map { CriterionContext($0, examples: examples && cell.fromLevel == cell.levelID) }
        if cumulative && cell.change != .unchanged { inherited = cell.inherited.map { CriterionContext($0, examples: false) } }
    }
}

/// One criterion: `text`, `text_html` (escaped, line breaks kept as `<br>`), `proficiency`,
/// `examples`, `has_examples`.
public struct CriterionContext: TemplateContext {
    public var text: String, proficiency: String? = nil, examples: [String]
    public static let fields: [String: @Sendable (CriterionContext) -> Any?] = [
        "text": { $0.text }, "text_html": { CriterionContext.html($0.text) }, "proficiency": { $0.proficiency },
        "examples": { $0.examples }, "has_examples": { !$0.examples.isEmpty },
    ]
    init(_ c: Criterion, examples: Bool = true) {
        text = c.text; proficiency = c.proficiency; self.examples = examples ? c.examples : []
    }
    static func html(_ text: String) -> String {
        FastHTMLContentType().escapeText(text).replacingOccurrences(of: "\n", with: "<br>\n")
    }
}

/// How a level is placed: its grade, or "Step N of M" along the levels it grows from.
enum LevelLabel {
    static func position(_ p: Pathway, _ level: Level) -> String {
        if let grade = level.grade { return grade }
        let step = Levels.step(p, level.id)
        return "Step \(step.number) of \(step.count)"
    }
    /// Short: the grade, else the title.
    static func short(_ level: Level) -> String { level.grade ?? level.title }
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

/// "1 expectation", "84 expectations".
enum Count {
    static func expectations(_ n: Int) -> String { n == 1 ? "1 expectation" : "\(n) expectations" }
}
