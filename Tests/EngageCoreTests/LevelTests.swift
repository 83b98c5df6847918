import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

@Suite struct LevelTests {
    let pathway = Pathway(
        slug: "support", title: "Support", family: nil, summary: nil, values: [],
        levels: [Level(id: "s1", title: "One"), Level(id: "s2", title: "Two"), Level(id: "s3", title: "Three"), Level(id: "s4", title: "Four")],
        competencies: [
            Competency(id: "k", name: "Knowledge", theme: "Craft", expectations: ["s1": "Knows.", "s3": "Teaches.", "s4": "Teaches."], examples: ["s3": ["Guide"]]),
            Competency(id: "c", name: "Coaching", theme: "People", expectations: ["s2": "Buddies."], examples: [:]),
        ],
        moves: [], body: .empty, source: SourceRef(path: "content/pathways/support.md"))

    @Test func inheritsTheNearestLowerLevel() {
        let k = pathway.competencies[0]
        #expect(Levels.effective(k, levels: pathway.levels, at: 1)?.text == "Knows.")
        #expect(Levels.effective(k, levels: pathway.levels, at: 1)?.level == "s1")
        #expect(Levels.effective(k, levels: pathway.levels, at: 2)?.level == "s3")
        #expect(Levels.effective(pathway.competencies[1], levels: pathway.levels, at: 0) == nil)
    }

    @Test func matrixMarksChanges() {
        let m = Levels.matrix(pathway)
        #expect(m[0].map(\.change) == [.new, .unchanged, .changed, .unchanged])
        #expect(m[1].map(\.change) == [.none, .new, .unchanged, .unchanged])
        #expect(m[1][3].text == "Buddies.")
        #expect(m[0][2].examples == ["Guide"])
    }

    @Test func levelDiff() {
        let diff = Levels.diff(pathway, levelIndex: 1)
        #expect(diff.map { "\($0.competency.id):\($0.cell.change)" } == ["k:unchanged", "c:new"])
    }
}
