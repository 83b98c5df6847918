/// Level inheritance and level-to-level changes in a pathway's competency matrix.
public enum LevelChange: String, Sendable, Equatable {
    /// No expectation at this level (nor below).
    case none
    /// The first expectation for this competency.
    case new
    /// Differs from the level below.
    case changed
    /// Same as the level below (written again or inherited).
    case unchanged
}

public struct MatrixCell: Sendable, Equatable {
    public var levelID: String
    /// The expectation in force at this level, inherited from below where not written.
    public var text: String?
    /// The level the text was written for (differs from `levelID` when inherited).
    public var fromLevel: String?
    public var change: LevelChange
    public var examples: [String]
}

public enum Levels {
    /// The expectation in force at `levelIndex`: the one written there or at the nearest lower level.
    public static func effective(_ competency: Competency, levels: [Level], at levelIndex: Int) -> (text: String, level: String)? {
        guard levelIndex >= 0, levelIndex < levels.count else { return nil }
        for index in stride(from: levelIndex, through: 0, by: -1) {
            let id = levels[index].id
            if let text = competency.expectations[id], !text.isEmpty { return (text, id) }
        }
        return nil
    }

    public static func cell(_ competency: Competency, levels: [Level], at index: Int) -> MatrixCell {
        let id = levels[index].id
        let here = effective(competency, levels: levels, at: index)
        let below = index > 0 ? effective(competency, levels: levels, at: index - 1) : nil
        let change: LevelChange
        switch (here, below) {
        case (nil, _): change = .none
        case (.some, nil): change = .new
        case let (.some(h), .some(b)): change = h.text == b.text ? .unchanged : .changed
        }
        return MatrixCell(levelID: id, text: here?.text, fromLevel: here?.level, change: change,
                          examples: competency.examples[id] ?? [])
    }

    /// One row per competency, one cell per level.
    public static func matrix(_ pathway: Pathway) -> [[MatrixCell]] {
        pathway.competencies.map { competency in
            pathway.levels.indices.map { cell(competency, levels: pathway.levels, at: $0) }
        }
    }

    /// What a level expects, competency by competency, with its change from the level below.
    public static func diff(_ pathway: Pathway, levelIndex: Int) -> [(competency: Competency, cell: MatrixCell)] {
        pathway.competencies.map { ($0, cell($0, levels: pathway.levels, at: levelIndex)) }
    }
}
