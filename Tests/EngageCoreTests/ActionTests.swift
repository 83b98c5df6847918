import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageCore

/// Version 2 actions: the as-of date, overdue, baseline/latest/change (hand-computed) and the
/// diagnostics of `content/actions/`.
@Suite struct ActionTests {
    /// Team 's' is suppressed in the survey that prompted action 'a' (2 responses) and shown in
    /// the next one (4): the baseline must stay empty.
    static let suppressedFirst = """
        -- content/site.yml --
        title: Test
        anonymity_threshold: 3
        -- content/teams/s.md --
        ---
        name: S
        ---
        -- content/surveys/2026-Q1.yml --
        period: 2026-Q1
        title: Q1
        questions:
          - { id: workload, text: Workload is fine., factor: Wellbeing }
        teams:
          s: { responses: 2, answers: { workload: [0, 0, 0, 1, 1] } }
        -- content/surveys/2026-Q2.yml --
        period: 2026-Q2
        title: Q2
        questions:
          - { id: workload, text: Workload is fine., factor: Wellbeing }
        teams:
          s: { responses: 4, answers: { workload: [0, 0, 0, 2, 2] } }
        -- content/actions/a.md --
        ---
        title: A
        group: s
        addresses: { factor: Wellbeing }
        survey: 2026-Q1
        opened: 2026-04-01
        ---

        """

    /// Teams a and b (department Ops); surveys 2026-Q1 and 2026-Q3; KPI absenteeism in Q1–Q3.
    static let base = """
        -- content/site.yml --
        title: Test
        anonymity_threshold: 3
        -- content/teams/a.md --
        ---
        name: A
        department: Ops
        headcount: 10
        ---
        -- content/teams/b.md --
        ---
        name: B
        department: Ops
        headcount: 10
        ---
        -- content/kpis/catalog.yml --
        kpis:
          - id: absenteeism
            name: Absenteeism
            unit: percent
            better: lower
        -- content/kpis/2026-Q1.yml --
        period: 2026-Q1
        teams:
          a: { absenteeism: 4.25 }
          b: { absenteeism: 3 }
        -- content/kpis/2026-Q2.yml --
        period: 2026-Q2
        teams:
          a: { absenteeism: 3.5 }
        -- content/kpis/2026-Q3.yml --
        period: 2026-Q3
        teams:
          a: { absenteeism: 3.1 }
        -- content/surveys/2026-Q1.yml --
        period: 2026-Q1
        title: Q1
        questions:
          - { id: workload, text: Workload is fine., factor: Wellbeing }
          - { id: balance, text: Balance is fine., factor: Wellbeing }
          - { id: proud, text: Proud., factor: Engagement }
        teams:
          a: { responses: 4, answers: { workload: [0, 1, 1, 1, 1], balance: [0, 0, 1, 2, 1], proud: [0, 0, 0, 2, 2] } }
          b: { responses: 5, answers: { workload: [1, 1, 1, 1, 1], balance: [0, 0, 0, 5, 0], proud: [0, 0, 0, 2, 3] } }
        -- content/surveys/2026-Q3.yml --
        period: 2026-Q3
        title: Q3
        questions:
          - { id: workload, text: Workload is fine., factor: Wellbeing }
          - { id: balance, text: Balance is fine., factor: Wellbeing }
        teams:
          a: { responses: 4, answers: { workload: [0, 0, 1, 1, 2], balance: [0, 0, 0, 2, 2] } }
          b: { responses: 5, answers: { workload: [0, 0, 0, 2, 3], balance: [0, 0, 1, 2, 2] } }

        """

    static func site(_ extra: String) -> InlineSite { InlineSite(base + extra) }

    static func loaded(_ extra: String) throws -> (Site, SiteReports) {
        let result = site(extra).load()
        #expect(result.messages == [])
        let site = try #require(result.site)
        return (site, SiteReports(site: site))
    }

    @Test func figuresBaselineLatestChange() throws {
        let (site, reports) = try Self.loaded("""
            -- content/actions/x.md --
            ---
            title: X
            group: a
            addresses: { factor: Wellbeing, question: workload, kpi: absenteeism }
            survey: 2026-Q1
            status: in-progress
            opened: 2026-04-10
            due: 2026-06-30
            ---
            -- content/actions/y.md --
            ---
            title: Y
            group: b
            addresses: { factor: Wellbeing }
            opened: 2026-05-01
            due: 2026-08-01
            ---
            -- content/actions/w.md --
            ---
            title: W
            group: ops
            addresses: { question: workload }
            status: done
            opened: 2026-10-05
            due: 2026-12-01
            ---
            """)
        #expect(site.actions.map(\.slug) == ["w", "x", "y"])
        #expect(site.actions.map(\.group) == [.department("ops"), .team("a"), .team("b")])
        let x = try #require(reports.actions.figures["x"])
        // Wellbeing of a: Q1 mean(50, 75) = 62.5 → 63; Q3 mean(75, 100) = 87.5 → 88.
        #expect(x[0].target == .factor("Wellbeing"))
        #expect(x[0].baseline?.value == 63 && x[0].latest?.value == 88 && x[0].change == 25)
        #expect(x[0].points.map(\.period.text) == ["2026-Q1", "2026-Q3"])
        // workload of a: 2/4 = 50 → 3/4 = 75.
        #expect(x[1].baseline?.value == 50 && x[1].latest?.value == 75 && x[1].change == 25)
        // absenteeism of a: the latest period ending before 2026-04-10 is Q1 (4.25); latest Q3 (3.1).
        #expect(x[2].baseline?.period.text == "2026-Q1" && x[2].baseline?.value == 4.25)
        #expect(x[2].latest?.value == 3.1 && x[2].change == -1.15)
        #expect(x[2].points.map(\.period.text) == ["2026-Q1", "2026-Q2", "2026-Q3"])
        // Without `survey`: the latest survey before `opened` (Q1): b's Wellbeing mean(20, 100)… workload 1/5+1/5 fav = 40, balance 100 → 70; Q3 mean(100, 80) = 90.
        let y = try #require(reports.actions.figures["y"]?.first)
        #expect(y.baseline?.value == 70 && y.latest?.value == 90 && y.change == 20)
        // Ops in Q3: workload [0,0,1,3,5] → 8/9 = 89; the latest survey is the baseline itself.
        let w = try #require(reports.actions.figures["w"]?.first)
        #expect(w.baseline?.value == 89 && w.latest == nil && w.change == nil)
        // As of the end of the latest survey or KPI period: 2026-09-30.
        #expect(reports.actions.asOf == "2026-09-30")
        #expect(site.actions.map { reports.actions.isOverdue($0) } == [false, true, true])
    }

    @Test func asOfFromSiteYmlAndOverdueRule() {
        let action = Action(slug: "a", title: "A", group: .organization, addresses: [.kpi("k")], status: .planned,
                            opened: "2026-01-01", due: "2026-03-31", source: SourceRef(path: "x"))
        #expect(ActionMath.isOverdue(action, asOf: "2026-04-01"))
        #expect(!ActionMath.isOverdue(action, asOf: "2026-03-31"))
        for status in [Action.Status.done, .dropped] {
            var a = action; a.status = status
            #expect(!ActionMath.isOverdue(a, asOf: "2027-01-01"))
        }
        var noDue = action; noDue.due = nil
        #expect(!ActionMath.isOverdue(noDue, asOf: "2027-01-01"))
        #expect(ActionMath.lastDay(of: Period("2024-02")!) == "2024-02-29")
        #expect(ActionMath.lastDay(of: Period("2026-H1")!) == "2026-06-30")
        var site = Site(config: SiteConfig(title: "T"))
        #expect(ActionMath.asOf(site) == nil)
        site.config.asOf = "2026-05-05"
        #expect(ActionMath.asOf(site) == "2026-05-05")
    }

    @Test func suppressedFiguresStayEmpty() throws {
        let result = InlineSite(Self.suppressedFirst).load()
        #expect(result.messages == [])
        let site = try #require(result.site)
        let figure = try #require(SiteReports(site: site).actions.figures["a"]?.first)
        #expect(figure.baseline?.state == .suppressed)
        #expect(figure.latest?.value == 100)
        #expect(figure.change == nil)
    }

    @Test func diagnostics() {
        let result = Self.site("""
            -- content/actions/a.md --
            ---
            title: A
            group: opps
            addresses: { factor: Wellbeeing, question: workloud, kpi: absentism }
            survey: 2026-Q2
            status: in progress
            opened: 2026-13-01
            due: 2026-02-30
            ---
            -- content/actions/b.md --
            ---
            title: B
            group: a
            addresses: {}
            opened: 2026-05-01
            due: 2026-04-30
            ---
            -- content/actions/c.md --
            ---
            title: C
            group: organization
            addresses:
            ---
            """).load()
        #expect(result.messages == [
            "content/actions/a.md:3:8: error: unknown group 'opps' in action 'a'; did you mean 'ops'?",
            "content/actions/a.md:4:22: error: unknown survey factor 'Wellbeeing' in 'addresses' of action 'a'; did you mean 'Wellbeing'?",
            "content/actions/a.md:4:44: error: unknown survey question 'workloud' in 'addresses' of action 'a'; did you mean 'workload'?",
            "content/actions/a.md:4:59: error: unknown KPI 'absentism' in 'addresses' of action 'a'; did you mean 'absenteeism'?",
            "content/actions/a.md:5:9: error: unknown survey period '2026-Q2' in action 'a'; did you mean '2026-Q1'?",
            "content/actions/a.md:6:9: error: unknown status 'in progress' in action 'a'; did you mean 'in-progress'?",
            "content/actions/a.md:7:9: error: 'opened' must be a date written YYYY-MM-DD (e.g. 2026-04-02), found '2026-13-01'",
            "content/actions/a.md:8:6: error: 'due' must be a date written YYYY-MM-DD (e.g. 2026-04-02), found '2026-02-30'",
            "content/actions/b.md:4:12: error: 'addresses' of action 'b' must name at least one figure: a 'factor', a 'question' or a 'kpi'",
            "content/actions/b.md:6:6: error: 'due' (2026-04-30) is before 'opened' (2026-05-01) in action 'b'",
            "content/actions/c.md:2:1: error: action 'c' is missing the required field 'opened'",
            "content/actions/c.md:4:1: error: action 'c' has the required field 'addresses' with nothing in it",
        ])
    }

    @Test func namesCheckedAgainstTheSite() {
        let result = Self.site("""
            -- content/actions/a.md --
            ---
            title: A
            group: opps
            addresses: { factor: Wellbeeing, question: workloud }
            survey: 2026-Q2
            opened: 2026-04-01
            ---
            """).load()
        #expect(result.messages == [
            "content/actions/a.md:3:8: error: unknown group 'opps' in action 'a'; did you mean 'ops'?",
            "content/actions/a.md:4:22: error: unknown survey factor 'Wellbeeing' in 'addresses' of action 'a'; did you mean 'Wellbeing'?",
            "content/actions/a.md:4:44: error: unknown survey question 'workloud' in 'addresses' of action 'a'; did you mean 'workload'?",
            "content/actions/a.md:5:9: error: unknown survey period '2026-Q2' in action 'a'; did you mean '2026-Q1'?",
        ])
    }

    @Test func asOfMustBeADate() {
        let result = InlineSite("""
            -- content/site.yml --
            title: Test
            as_of: 30/06/2026
            """).load()
        #expect(result.messages == ["content/site.yml:2:8: error: 'as_of' must be a date written YYYY-MM-DD (e.g. 2026-06-30), found '30/06/2026'"])
    }
}
