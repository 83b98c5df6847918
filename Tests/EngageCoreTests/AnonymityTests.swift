import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// A small deterministic random number generator, so property tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct AnonymityTests {
    typealias TeamSpec = (slug: String, department: String?, responses: Int)

    @Test func smallGroupsAreSuppressed() {
        let tree = Anonymity.tree(teams: [("a", "d", 10), ("b", "d", 12), ("c", nil, 2)])
        let hidden = Anonymity.suppressed(tree, threshold: 5)
        // c is under the threshold; the organisation's remainder is then 2, so the smallest
        // published group below it (the department, 22) goes too; then its teams count instead,
        // the remainder is still 2 and team a goes; remainder 12 is fine.
        #expect(hidden.contains(.team("c")))
        #expect(!hidden.contains(.organization))
        assertPromise(tree, hidden, threshold: 5)
    }

    @Test func complementarySuppressionTakesTheSmallestSibling() {
        // The sample organisation's shape: 8 + 4 + 5 in one department.
        let tree = Anonymity.tree(teams: [("qa", "q", 8), ("clinical", "q", 4), ("training", "q", 5), ("x", "p", 30)])
        let hidden = Anonymity.suppressed(tree, threshold: 5)
        #expect(hidden == [.team("clinical"), .team("training")])
        #expect(Anonymity.remainders(tree, hidden: hidden)[.department("q")] == 9)
    }

    @Test func aRemainderOfZeroIsFine() {
        let tree = Anonymity.tree(teams: [("a", "d", 6), ("b", "d", 7)])
        #expect(Anonymity.suppressed(tree, threshold: 5).isEmpty)
        let r = Anonymity.remainders(tree, hidden: [])
        #expect(r[.organization] == 0)
        #expect(r[.department("d")] == 0)
        #expect(r[.team("a")] == 6, "a team's remainder is its own responses")
    }

    @Test func aSuppressedGroupIsNeverTheSumOfPublishedOnes() {
        // t2 (3) and its department d0 go, leaving 3 at the organisation; the smallest group
        // below it is department d1 (8, a tie with t0 that departments win). d1 would then be
        // exactly its published team t1, so t1 goes too (before, t0 went next and d1 stayed
        // recoverable as t1's 8). The organisation minus t0 leaves 11.
        let tree = Anonymity.tree(teams: [("t0", nil, 8), ("t1", "d1", 8), ("t2", "d0", 3)])
        let hidden = Anonymity.suppressed(tree, threshold: 5)
        #expect(hidden == [.team("t1"), .team("t2"), .department("d0"), .department("d1")])
        #expect(Anonymity.remainders(tree, hidden: hidden) == [.organization: 11, .team("t0"): 8])
        assertPromise(tree, hidden, threshold: 5)
    }

    @Test func groupsSuppressedAsAWholeStayHiddenForEveryQuestion() {
        // Per question the tree counts answers; b is hidden as a whole, so its 6 answers do not
        // make it shown, and the organisation's 16 − a's 10 = 6 is safe.
        let tree = Anonymity.tree(teams: [("a", nil, 10), ("b", nil, 6)])
        #expect(Anonymity.suppressed(tree, threshold: 5, alreadyHidden: [.team("b")]) == [.team("b")])
        // With only 3 answers from b, a's answers would give b's away: a's go too.
        let fewer = Anonymity.tree(teams: [("a", nil, 10), ("b", nil, 3)])
        #expect(Anonymity.suppressed(fewer, threshold: 5, alreadyHidden: [.team("b")]) == [.team("a"), .team("b")])
    }

    @Test func aTinyOrganisationPublishesNothing() {
        let tree = Anonymity.tree(teams: [("a", "d", 2), ("b", nil, 1)])
        #expect(Anonymity.suppressed(tree, threshold: 5) == Set(tree.keys))
    }

    /// The promise, checked on a result.
    func assertPromise(_ tree: [GroupID: Anonymity.Node], _ hidden: Set<GroupID>, threshold: Int,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        for (id, node) in tree where !hidden.contains(id) {
            #expect(node.responses >= threshold, "\(id) published with \(node.responses)", sourceLocation: sourceLocation)
        }
        for (id, remainder) in Anonymity.remainders(tree, hidden: hidden) {
            #expect(remainder == 0 || remainder >= threshold, "\(id) remainder \(remainder)", sourceLocation: sourceLocation)
        }
        for (id, node) in tree where node.responses < threshold {
            #expect(hidden.contains(id), sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [3, 5, 7, 10])
    func promiseHoldsForRandomOrganisations(threshold: Int) {
        var rng = SplitMix64(state: UInt64(threshold) * 7919)
        for _ in 0..<1500 {
            let departments = Int.random(in: 0...5, using: &rng)
            let teamCount = Int.random(in: 1...14, using: &rng)
            var teams: [TeamSpec] = []
            for i in 0..<teamCount {
                let department: String? = departments == 0 || Int.random(in: 0..<6, using: &rng) == 0
                    ? nil : "d\(Int.random(in: 0..<departments, using: &rng))"
                let responses = Int.random(in: 0...3, using: &rng) == 0
                    ? Int.random(in: 0..<(threshold + 2), using: &rng) : Int.random(in: 0...40, using: &rng)
                teams.append(("t\(i)", department, responses))
            }
            let tree = Anonymity.tree(teams: teams)
            let hidden = Anonymity.suppressed(tree, threshold: threshold)
            assertPromise(tree, hidden, threshold: threshold)
            // Deterministic: the same organisation always gives the same answer.
            #expect(Anonymity.suppressed(tree, threshold: threshold) == hidden)
        }
    }

    /// Brute force on small organisations: no suppressed team's responses can be worked out
    /// from published totals by subtracting published groups that partition them.
    @Test func noSuppressedTeamIsRecoverableBySubtraction() {
        var rng = SplitMix64(state: 42)
        for _ in 0..<1000 {
            let teams: [TeamSpec] = (0..<Int.random(in: 2...6, using: &rng)).map { i in
                ("t\(i)", Int.random(in: 0...1, using: &rng) == 0 ? "d\(Int.random(in: 0...1, using: &rng))" : nil,
                 Int.random(in: 0...12, using: &rng))
            }
            let tree = Anonymity.tree(teams: teams)
            let hidden = Anonymity.suppressed(tree, threshold: 5)
            for (id, node) in tree where !hidden.contains(id) {
                let below = Anonymity.publishedBelow(node, tree, hidden)
                let unknown = node.responses - below.compactMap { tree[$0]?.responses }.reduce(0, +)
                // What is left unexplained is either nothing or a safe crowd.
                #expect(unknown == 0 || unknown >= 5)
            }
        }
    }
}
