/// Level inheritance and level-to-level changes in a pathway's competency matrix.
///
/// A level grows from the levels in its `after` (resolved when the file is read; `defaultAfter`):
/// it inherits from the first, and "what changed" is judged against each. Nothing here loops on
/// a cycle (the decoder rejects them; every walk keeps a visited set anyway).
public enum LevelChange: String, Sendable, Equatable {
    /// No expectation at this level (nor at the levels it grows from).
    case none
    /// The first expectation for this competency.
    case new
    /// Differs from the level it grows from (criteria texts or proficiencies).
    case changed
    /// Same as the level it grows from (written again or inherited).
    case unchanged
}

public struct MatrixCell: Sendable, Equatable {
    public var levelID: String
    /// The criteria in force at this level: written here or inherited; in a cumulative pathway,
    /// the inherited criteria followed by those this level adds.
    public var criteria: [Criterion]
    /// What this level itself writes (in a cumulative pathway: adds); empty when inherited.
    public var added: [Criterion]
    /// Cumulative pathways: the criteria of the levels below that are still expected.
    public var inherited: [Criterion]
    /// The level whose written cell is in force (differs from `levelID` when inherited).
    public var fromLevel: String?
    /// Compared with the first level of `after`.
    public var change: LevelChange

    /// The criteria texts, one a line (search text, tests).
    public var text: String? { criteria.isEmpty ? nil : criteria.map(\.text).joined(separator: "\n") }
}

/// A column group of the matrix: the levels of one track (or one level without a track).
public struct TrackGroup: Sendable, Equatable {
    public var track: String?
    public var levels: [Level]
}

public enum Levels {
    /// `after` when a level does not say: the nearest earlier level whose track is the same as
    /// this one's or absent; the first level (or one with no such level before it) grows from nothing.
    public static func defaultAfter(tracks: [String?], at index: Int) -> Int? {
        guard index > 0, index < tracks.count else { return nil }
        for j in stride(from: index - 1, through: 0, by: -1) where tracks[j] == nil || tracks[j] == tracks[index] {
            return j
        }
        return nil
    }

    static func level(_ pathway: Pathway, _ id: String) -> Level? { pathway.levels.first { $0.id == id } }

    /// The chain a level inherits through: itself, the first of its `after`, that one's first, ….
    public static func chain(_ pathway: Pathway, from id: String) -> [String] {
        var out: [String] = [], seen = Set<String>(), current: String? = id
        while let c = current, seen.insert(c).inserted, let l = level(pathway, c) {
            out.append(c)
            current = l.after.first
        }
        return out
    }

    /// The criteria in force at a level and the level that wrote them (non-cumulative), or the
    /// inherited and added criteria (cumulative).
    public static func inForce(_ competency: Competency, _ pathway: Pathway, at id: String) -> [Criterion] {
        let chain = chain(pathway, from: id)
        if pathway.cumulative {
            return chain.reversed().flatMap { competency.expectations[$0] ?? [] }
        }
        for l in chain { if let c = competency.expectations[l], !c.isEmpty { return c } }
        return []
    }

    /// Whether two lists of criteria differ in texts or proficiencies (examples do not count).
    public static func differ(_ a: [Criterion], _ b: [Criterion]) -> Bool { a.map(\.essence) != b.map(\.essence) }

    /// The change at `id` against another level (normally one it grows from).
    public static func change(_ competency: Competency, _ pathway: Pathway, at id: String, against other: String?) -> LevelChange {
        let here = inForce(competency, pathway, at: id)
        let below = other.map { inForce(competency, pathway, at: $0) } ?? []
        if here.isEmpty { return .none }
        if below.isEmpty { return .new }
        return differ(here, below) ? .changed : .unchanged
    }

    public static func cell(_ competency: Competency, _ pathway: Pathway, at id: String) -> MatrixCell {
        let written = competency.expectations[id] ?? []
        let chain = chain(pathway, from: id)
        let criteria = inForce(competency, pathway, at: id)
        let from = chain.first { !(competency.expectations[$0] ?? []).isEmpty }
        let parent = level(pathway, id)?.after.first
        let inherited = pathway.cumulative ? parent.map { inForce(competency, pathway, at: $0) } ?? [] : []
        return MatrixCell(levelID: id, criteria: criteria, added: written, inherited: inherited, fromLevel: from,
                          change: change(competency, pathway, at: id, against: parent))
    }

    /// One row per competency, one cell per level (in the order of `pathway.levels`).
    public static func matrix(_ pathway: Pathway) -> [[MatrixCell]] {
        pathway.competencies.map { competency in pathway.levels.map { cell(competency, pathway, at: $0.id) } }
    }

    /// What a level expects, competency by competency, with its change from the level it grows from.
    public static func diff(_ pathway: Pathway, levelIndex: Int) -> [(competency: Competency, cell: MatrixCell)] {
        let id = pathway.levels[levelIndex].id
        return pathway.competencies.map { ($0, cell($0, pathway, at: id)) }
    }

    /// The levels that grow from `id` (name it in their `after`), in the pathway's order.
    public static func next(_ pathway: Pathway, after id: String) -> [Level] {
        pathway.levels.filter { $0.after.contains(id) }
    }

    /// Whether `b` grows from `a`, directly or through other levels (any level of each `after`).
    public static func grows(_ pathway: Pathway, _ b: String, from a: String) -> Bool {
        var stack = level(pathway, b)?.after ?? [], seen = Set<String>()
        while let x = stack.popLast() {
            if x == a { return true }
            if seen.insert(x).inserted { stack += level(pathway, x)?.after ?? [] }
        }
        return false
    }

    /// Every pair (a, b) where b grows from a, ordered by a's place, then b's.
    public static func comparePairs(_ pathway: Pathway) -> [(a: Level, b: Level)] {
        pathway.levels.flatMap { a in pathway.levels.filter { grows(pathway, $0.id, from: a.id) }.map { (a, $0) } }
    }

    /// The step of a level along the chain it inherits through (1 for a level that grows from
    /// nothing), and the longest such chain in the pathway.
    public static func step(_ pathway: Pathway, _ id: String) -> (number: Int, count: Int) {
        (chain(pathway, from: id).count, pathway.levels.map { chain(pathway, from: $0.id).count }.max() ?? 0)
    }

    /// The matrix columns: the levels of a track together, at the place of the track's first
    /// level; a level without a track stays in its place, as a group of its own.
    public static func columns(_ pathway: Pathway) -> [TrackGroup] {
        var groups: [TrackGroup] = []
        var trackIndex: [String: Int] = [:]
        for l in pathway.levels {
            if let t = l.track {
                if let i = trackIndex[t] { groups[i].levels.append(l); continue }
                trackIndex[t] = groups.count
            }
            groups.append(TrackGroup(track: l.track, levels: [l]))
        }
        return groups
    }
}
