import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Level inheritance, changes, next levels and comparison pairs (`Levels`), worked out by hand.
@Suite struct LevelTests {
    let pathway = Pathway(
        slug: "support", title: "Support", family: nil, summary: nil, values: [],
        levels: [Level(id: "s1", title: "One"), Level(id: "s2", title: "Two", after: ["s1"]),
                 Level(id: "s3", title: "Three", after: ["s2"]), Level(id: "s4", title: "Four", after: ["s3"])],
        competencies: [
            Competency(id: "k", name: "Knowledge", theme: "Craft", expectations: [
                "s1": [Criterion("Knows.")], "s3": [Criterion("Teaches.", examples: ["Guide"])], "s4": [Criterion("Teaches.")]]),
            Competency(id: "c", name: "Coaching", theme: "People", expectations: ["s2": [Criterion("Buddies.")]]),
        ],
        moves: [], body: .empty, source: SourceRef(path: "content/pathways/support.md"))

    @Test func inheritsTheLevelItGrowsFrom() {
        let k = pathway.competencies[0]
        #expect(Levels.inForce(k, pathway, at: "s2").map(\.text) == ["Knows."])
        #expect(Levels.cell(k, pathway, at: "s2").fromLevel == "s1")
        #expect(Levels.cell(k, pathway, at: "s3").fromLevel == "s3")
        #expect(Levels.inForce(pathway.competencies[1], pathway, at: "s1").isEmpty)
    }

    @Test func matrixMarksChanges() {
        let m = Levels.matrix(pathway)
        #expect(m[0].map(\.change) == [.new, .unchanged, .changed, .unchanged])
        #expect(m[1].map(\.change) == [.none, .new, .unchanged, .unchanged])
        #expect(m[1][3].text == "Buddies.")
        #expect(m[0][2].criteria[0].examples == ["Guide"])
        // Written again at s4 without the example: still unchanged (examples do not count).
        #expect(m[0][3].fromLevel == "s4")
    }

    @Test func levelDiff() {
        let diff = Levels.diff(pathway, levelIndex: 1)
        #expect(diff.map { "\($0.competency.id):\($0.cell.change)" } == ["k:unchanged", "c:new"])
    }

    @Test func aProficiencyChangeIsAChange() {
        var p = pathway
        p.competencies[0].expectations["s2"] = [Criterion("Knows.", proficiency: "Expert")]
        #expect(Levels.matrix(p)[0].map(\.change) == [.new, .changed, .changed, .unchanged])
    }

    @Test func defaultAfterIsTheNearestEarlierLevelOfTheSameTrackOrNone() {
        let tracks: [String?] = [nil, nil, "IC", "PM", "IC", nil]
        #expect((0..<6).map { Levels.defaultAfter(tracks: tracks, at: $0) } == [nil, 0, 1, 1, 2, 1])
        #expect(Levels.defaultAfter(tracks: ["IC", "PM"], at: 1) == nil)
    }

    /// a → b → {ic → ic2, pm} → top (after [ic2, pm]).
    let tracks = Pathway(
        slug: "eng", title: "Eng", values: [],
        levels: [Level(id: "a", title: "A"), Level(id: "b", title: "B", grade: "L2", after: ["a"]),
                 Level(id: "ic", title: "IC", track: "IC", after: ["b"]), Level(id: "pm", title: "PM", track: "PM", after: ["b"]),
                 Level(id: "ic2", title: "IC2", track: "IC", after: ["ic"]), Level(id: "top", title: "Top", after: ["ic2", "pm"])],
        competencies: [Competency(id: "k", name: "K", expectations: [
            "a": [Criterion("Knows.")], "ic": [Criterion("Leads.", proficiency: "Expert")], "pm": [Criterion("Manages.")]])],
        moves: [], body: .empty, source: SourceRef(path: "content/pathways/eng.md"))

    @Test func tracksCompareWithTheLevelTheyGrowFrom() {
        let k = tracks.competencies[0]
        #expect(Levels.matrix(tracks)[0].map(\.change) == [.new, .unchanged, .changed, .changed, .unchanged, .unchanged])
        #expect(Levels.cell(k, tracks, at: "top").text == "Leads.")
        #expect(Levels.change(k, tracks, at: "top", against: "pm") == .changed)
        #expect(Levels.change(k, tracks, at: "pm", against: "ic") == .changed)
        #expect(Levels.cell(k, tracks, at: "ic2").fromLevel == "ic")
    }

    @Test func nextLevelsAndComparisonPairs() {
        #expect(Levels.next(tracks, after: "b").map(\.id) == ["ic", "pm"])
        #expect(Levels.next(tracks, after: "pm").map(\.id) == ["top"])
        #expect(Levels.next(tracks, after: "top").isEmpty)
        #expect(Levels.comparePairs(tracks).map { "\($0.a.id)-\($0.b.id)" } == [
            "a-b", "a-ic", "a-pm", "a-ic2", "a-top", "b-ic", "b-pm", "b-ic2", "b-top", "ic-ic2", "ic-top", "pm-top", "ic2-top",
        ])
        #expect(!Levels.grows(tracks, "pm", from: "ic"))
    }

    @Test func columnsGroupATracksLevels() {
        #expect(Levels.columns(tracks).map { "\($0.track ?? "-"):\($0.levels.map(\.id).joined(separator: ","))" }
                == ["-:a", "-:b", "IC:ic,ic2", "PM:pm", "-:top"])
        #expect(Levels.step(tracks, "top") == (5, 5))
        #expect(Levels.step(tracks, "pm") == (3, 5))
    }

    @Test func cumulativeLevelsAddToTheLevelBelow() {
        let p = Pathway(slug: "q", title: "Q", values: [],
                        levels: [Level(id: "a", title: "A"), Level(id: "b", title: "B", after: ["a"]), Level(id: "c", title: "C", after: ["b"])],
                        competencies: [Competency(id: "k", name: "K", expectations: ["a": [Criterion("A1")], "b": [Criterion("B1")]])],
                        moves: [], cumulative: true, body: .empty, source: SourceRef(path: "content/pathways/q.md"))
        let k = p.competencies[0]
        let b = Levels.cell(k, p, at: "b"), c = Levels.cell(k, p, at: "c")
        #expect(Levels.matrix(p)[0].map(\.change) == [.new, .changed, .unchanged])
        #expect(b.criteria.map(\.text) == ["A1", "B1"])
        #expect(b.added.map(\.text) == ["B1"])
        #expect(b.inherited.map(\.text) == ["A1"])
        #expect(c.added.isEmpty)
        #expect(c.criteria.map(\.text) == ["A1", "B1"])
        #expect(c.fromLevel == "b")
    }
}
