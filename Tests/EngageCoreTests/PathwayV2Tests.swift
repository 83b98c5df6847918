import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Pathways, version 2: criteria, scales, tracks and `after`, with their diagnostics and pages.
@Suite struct PathwayV2Tests {
    @Test func afterLevelIDsAndCriteriaMistakes() {
        let messages = InlineSite("""
            -- content/pathways/p.md --
            ---
            title: P
            scale: [Awareness, Working, Expert]
            levels:
              - id: a
                title: A
              - id: b
                title: B
                after: c
              - id: c
                title: C
                after: [b]
              - id: d
                title: D
                after: [d, x, aa]
              - id: compare
                title: Compare
              - id: a-vs-b
                title: Bad
            competencies:
              - id: k
                name: K
                expectations:
                  a:
                    - text: One
                      proficiency: Wroking
                      exmaples: [x]
                  b: []
            ---
            """).load().messages
        #expect(messages == [
            "content/pathways/p.md:9:12: error: 'after' of level 'b' makes a cycle: b → c → b; a level can only grow from levels listed above it",
            "content/pathways/p.md:15:13: error: level 'd' cannot grow from itself; 'after' names the levels it grows from",
            "content/pathways/p.md:15:16: error: unknown level 'x' in 'after' of level 'd'; did you mean 'a'?",
            "content/pathways/p.md:15:19: error: unknown level 'aa' in 'after' of level 'd'; did you mean 'a'?",
            "content/pathways/p.md:16:9: error: level id 'compare' is reserved for the pages that compare two levels (pathways/<slug>/compare/); choose another id",
            "content/pathways/p.md:18:9: error: level id 'a-vs-b' may not contain '-vs-', which separates the two levels in a comparison page's address; choose another id",
            "content/pathways/p.md:26:24: error: unknown proficiency 'Wroking' in criterion 1 for level 'a' of competency 'k'; did you mean 'Working'?",
            "content/pathways/p.md:27:11: warning: unknown field 'exmaples' in criterion 1 for level 'a' of competency 'k'; did you mean 'examples'?",
            "content/pathways/p.md:28:10: error: the criteria list for level 'b' of competency 'k' is empty; write at least one criterion, or leave the level out to keep the level below's",
        ])
    }

    @Test func afterALaterLevelScalesTracksAndExamples() {
        let messages = InlineSite("""
            -- content/pathways/p.md --
            ---
            title: P
            levels:
              - id: a
                title: A
                after: b
              - id: b
                title: B
                after: []
              - id: c
                title: C
                track: People manager
              - id: d
                title: D
                track: People Manager
            competencies:
              - id: k
                name: K
                scale: [Basic, Deep]
                expectations:
                  a: { text: One, proficiency: Deep }
                  b: [One, Two]
                examples:
                  b: [An example]
                  c: [Another]
              - id: m
                name: M
                expectations:
                  a: { text: One, proficiency: Deep, examples: [Fine] }
            ---
            """).load().messages
        #expect(messages == [
            "content/pathways/p.md:6:12: error: 'after' of level 'a' names 'b', which is listed below it; a level can only grow from levels listed above it (move 'b' up)",
            "content/pathways/p.md:15:12: warning: track 'People Manager' of level 'd' is spelled differently from the track 'People manager' of an earlier level, so it makes a column group of its own; did you mean 'People manager'?",
            "content/pathways/p.md:24:7: error: examples for level 'b' of competency 'k' cannot tell which of its 2 criteria they belong to; write them as 'examples' of that criterion in 'expectations'",
            "content/pathways/p.md:25:7: error: examples for level 'c' of competency 'k' have no expectation at that level to belong to; write the expectation for 'c' in 'expectations'",
            "content/pathways/p.md:29:36: error: proficiency 'Deep' in the criterion for level 'a' of competency 'm', but no 'scale' is set; list the proficiency words in 'scale' of the pathway or of the competency",
        ])
    }

    @Test func scaleThemeAndCriterionMistakes() {
        let messages = InlineSite("""
            -- content/pathways/p.md --
            ---
            title: P
            scale: [Working, Expert, Expert]
            themes:
              - name: Craft
              - name: Craft
            levels:
              - id: a
                title: A
            competencies:
              - id: k
                name: K
                expectations:
                  a:
                    - proficiency: Expert
                    - text: Two
                      proficiency: Guru
            ---
            """).load().messages
        #expect(messages == [
            "content/pathways/p.md:3:26: error: 'Expert' is listed twice in 'scale' of pathway 'p'; each proficiency word once",
            "content/pathways/p.md:6:11: error: theme 'Craft' is listed twice in 'themes' of pathway 'p'",
            "content/pathways/p.md:15:11: error: criterion 1 for level 'a' of competency 'k' is missing the required field 'text'",
            "content/pathways/p.md:17:24: error: unknown proficiency 'Guru' in criterion 2 for level 'a' of competency 'k'; the pathway's scale: Working, Expert",
        ])
    }

    @Test func decodesCriteriaTracksAndDefaults() throws {
        let result = InlineSite("""
            -- content/pathways/p.md --
            ---
            title: P
            scale: [Working, Expert]
            cumulative: true
            themes:
              - name: Craft
                summary: How well you work.
            levels:
              - id: a
                title: A
                grade: L1
              - id: ic
                title: IC
                track: IC
              - id: pm
                title: PM
                track: PM
                after:
              - id: ic2
                title: IC2
                track: IC
              - id: root
                title: Root
                after: []
            competencies:
              - id: k
                name: K
                theme: Craft
                description: Knowing things.
                expectations:
                  a: |
                    Line one
                    Line two
                  ic:
                    - Plain
                    - text: Rich
                      proficiency: Expert
                      examples: [Did it]
                examples:
                  a: [Old style]
            ---
            """).load()
        #expect(result.messages == [])
        let p = try #require(result.site?.pathways.first)
        // `after:` left empty is the default; `after: []` grows from nothing.
        #expect(p.levels.map(\.after) == [[], ["a"], ["a"], ["ic"], []])
        #expect(p.levels[0].grade == "L1")
        #expect(p.cumulative)
        #expect(p.themes == [CompetencyTheme(name: "Craft", summary: "How well you work.")])
        #expect(p.competencies[0].description == "Knowing things.")
        #expect(p.competencies[0].expectations["a"] == [Criterion("Line one\nLine two", examples: ["Old style"])])
        #expect(p.competencies[0].expectations["ic"] == [Criterion("Plain"), Criterion("Rich", proficiency: "Expert", examples: ["Did it"])])
    }

    static let tracked = InlineSite("""
        -- content/pathways/p.md --
        ---
        title: P
        scale: [Working, Expert]
        themes:
          - name: Craft
            summary: How well you work.
        levels:
          - id: a
            title: Alpha
            grade: G1
          - id: ic
            title: Specialist
            grade: G2
            track: IC
          - id: pm
            title: Manager
            grade: G2
            track: PM
        competencies:
          - id: k
            name: Knowledge
            theme: Craft
            description: Knowing things.
            expectations:
              a: |
                Line one
                Line <two>
              ic:
                - Plain
                - text: Rich
                  proficiency: Expert
                  examples: [Did it]
          - id: m
            name: Manners
            theme: Craft
            expectations:
              a: Polite.
        ---
        """)

    @Test func matrixShowsTracksGradesListsAndShortUnchangedMarkers() {
        let page = Self.tracked.render().page("pathways/p/index.html")
        #expect(page.contains("<th scope=\"colgroup\" colspan=\"1\">IC</th>"))
        #expect(page.contains("<th scope=\"colgroup\" colspan=\"1\">PM</th>"))
        #expect(page.contains("<a href=\"../../pathways/p/a/index.html\">Alpha</a> <span class=\"grade\">G1</span>"))
        #expect(page.contains("Craft <span class=\"theme-summary\">How well you work.</span>"))
        #expect(page.contains("<th scope=\"row\">Knowledge <span class=\"description\">Knowing things.</span></th>"))
        #expect(page.contains("Line one<br>\nLine &lt;two&gt;"))
        #expect(page.contains("<ul class=\"criteria\"><li>Plain</li><li>Rich <span class=\"proficiency\"><span class=\"visually-hidden\">Proficiency: </span>Expert</span></li></ul>"))
        #expect(page.contains("<summary><span class=\"badge badge-unchanged\">= as G1</span></summary> <div class=\"inherited\">Polite.</div>"))
        // The manager level is compared with the level it grows from, not with the specialist.
        #expect(page.components(separatedBy: "cell-changed").count - 1 == 1)
        #expect(page.contains("<a href=\"../../pathways/p/compare/a-vs-ic/index.html\">Specialist</a>"))
        #expect(!page.contains("compare/ic-vs-pm"))
    }

    @Test func levelPagesShowNextLevelsAndCollapseUnchanged() {
        let site = Self.tracked.render()
        let a = site.page("pathways/p/a/index.html")
        #expect(a.contains("<p class=\"kicker\"><a href=\"../../../pathways/p/index.html\">P</a> · G1</p>"))
        #expect(a.contains("<h3 class=\"next-level\"><a href=\"../../../pathways/p/ic/index.html\">Specialist</a> <span class=\"meta\">G2</span></h3>"))
        #expect(a.contains("<summary>1 expectation changes</summary>"))
        #expect(a.contains("<a href=\"../../../pathways/p/compare/a-vs-pm/index.html\">See this level and Manager side by side</a>"))
        let ic = site.page("pathways/p/ic/index.html")
        #expect(ic.contains("<summary>Unchanged from Alpha: 1 expectation</summary>"))
        #expect(ic.contains("<li><span class=\"example-label\">Example:</span> Did it</li>"))
        #expect(ic.contains("· G2 · IC</p>"))
        let compare = site.page("pathways/p/compare/a-vs-ic/index.html")
        #expect(compare.contains("<h1>Alpha and Specialist</h1>"))
        #expect(compare.contains("1 expectation change"))
        #expect(compare.contains("<summary>1 expectation the same at both levels</summary>"))
        #expect(!site.has("pathways/p/compare/ic-vs-pm/index.html"))
    }

    @Test func comparisonPagesAreCheckedForCollisions() {
        let site = Self.tracked.load().site
        let addresses = site.map { AddressCollisions.addresses(of: $0).map(\.path) } ?? []
        #expect(addresses.contains("pathways/p/compare/a-vs-ic/index.html"))
        #expect(addresses.contains("pathways/p/compare/a-vs-pm/index.html"))
        #expect(!addresses.contains("pathways/p/compare/ic-vs-pm/index.html"))
    }
}
