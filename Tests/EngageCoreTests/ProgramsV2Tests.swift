import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Contract, "Programs, version 2": too early to estimate, ROI says "turnover savings only", rankings
/// by ROI and cost without JavaScript, whole money, leavers to one decimal, the pairwise page, CSV links.
@Suite struct ProgramsV2Tests {
    /// Four teams of 10, 10, 10 and 5 people; 2025-Q4, 2026-Q1, 2026-Q2.
    /// Mentoring (alpha; started 2026-01-05, £100.40): 2026-Q1 and 2026-Q2 end after the start.
    ///   turnover: alpha 20 → 16 (−4); others beta 0, gamma −2, delta 0 → −2/3; difference −10/3.
    ///   avoided = 10/3 ÷ 100 × 10 = 0.333 → "0.3"; savings 1/3 × £6,000 = £2,000; cost £1,004;
    ///   ROI = (2,000 − 1,004) ÷ 1,004 = 99.2% → "99%".
    ///   csat: alpha 80 → 86 (+6); others (2 + 1 + 0) / 3 = 1; difference +5.
    /// Buddy (gamma; started 2026-01-05, £40): turnover gamma −2; others (−4 + 0 + 0) / 3; difference
    ///   −2/3; avoided 0.0667; savings £400; cost £400; ROI 0%. csat: +1 − (6 + 2 + 0) / 3 = −5/3.
    /// Coaching (beta; started 2026-04-01, £50): baseline 2026-Q1; only 2026-Q2 ends after the start → too early.
    static let text = """
        -- content/site.yml --
        title: Test
        currency: GBP
        replacement_cost: 6000
        turnover_kpi: turnover
        -- content/teams/alpha.md --
        ---
        name: Alpha
        headcount: 10
        programs: [mentoring]
        ---
        -- content/teams/beta.md --
        ---
        name: Beta
        headcount: 10
        programs: [coaching]
        ---
        -- content/teams/gamma.md --
        ---
        name: Gamma
        headcount: 10
        programs: [buddy]
        ---
        -- content/teams/delta.md --
        ---
        name: Delta
        headcount: 5
        ---
        -- content/programs/mentoring.md --
        ---
        title: Mentoring
        kind: Mentoring
        frequency: Ongoing
        cost_per_employee: 100.40
        started: 2026-01-05
        strengths: [Personal, Cheap to run]
        weaknesses: [Needs mentors]
        kpis: [csat, turnover]
        ---
        -- content/programs/buddy.md --
        ---
        title: Buddy
        kind: Mentoring
        frequency: Ongoing
        cost_per_employee: 40
        started: 2026-01-05
        strengths: [Personal, Quick]
        weaknesses: [Needs mentors]
        kpis: [csat]
        ---
        -- content/programs/coaching.md --
        ---
        title: Coaching
        cost_per_employee: 50
        started: 2026-04-01
        kpis: [csat]
        ---
        -- content/kpis/catalog.yml --
        kpis:
          - {id: csat, name: CSAT, unit: percent, better: higher}
          - {id: turnover, name: Turnover, unit: percent, better: lower}
        -- content/kpis/2025-Q4.yml --
        period: 2025-Q4
        teams:
          alpha: {csat: 80, turnover: 20}
          beta: {csat: 80, turnover: 20}
          gamma: {csat: 80, turnover: 20}
          delta: {csat: 80, turnover: 20}
        -- content/kpis/2026-Q1.yml --
        period: 2026-Q1
        teams:
          alpha: {csat: 82, turnover: 18}
        -- content/kpis/2026-Q2.yml --
        period: 2026-Q2
        teams:
          alpha: {csat: 86, turnover: 16}
          beta: {csat: 82, turnover: 20}
          gamma: {csat: 81, turnover: 18}
          delta: {csat: 80, turnover: 20}
        """

    @Test func programsCSVLeavesTooEarlyRowsEmpty() {
        let rendered = InlineSite(Self.text).render()
        #expect(rendered.messages == [])
        #expect(rendered.page("data/programs.csv").components(separatedBy: "\r\n") == [
            "program,kpi,enrolled_teams,baseline_period,latest_period,enrolled_change,other_change,difference",
            "buddy,csat,1,2025-Q4,2026-Q2,1,2.67,-1.67",
            // Started 2026-04-01: baseline 2026-Q1, where beta has no value (0 enrolled teams counted);
            // only 2026-Q2 ends after the start: no latest period, no changes.
            "coaching,csat,0,2026-Q1,,,,",
            "mentoring,csat,1,2025-Q4,2026-Q2,6,1,5",
            "mentoring,turnover,1,2025-Q4,2026-Q2,-4,-0.67,-3.33",
            "",
        ])
    }

    @Test func programPageROIWholeMoneyAndOneDecimalLeavers() {
        let page = InlineSite(Self.text).render().page("programs/mentoring/")
        #expect(page.contains("<p><strong class=\"big\">99%</strong> <span class=\"meta\">estimated annual ROI (turnover savings only)</span></p>"))
        #expect(page.contains("<p class=\"meta\">It counts turnover savings only: what the program may change in other KPIs is not in it.</p>"))
        #expect(page.contains("<div><dt>Avoided leavers a year = −difference ÷ 100 × headcount</dt><dd>0.3</dd></div>"))
        #expect(page.contains("<div><dt>Savings = avoided leavers × replacement cost (£6,000)</dt><dd>£2,000</dd></div>"))
        #expect(page.contains("<div><dt>Cost = cost per employee (£100) × headcount</dt><dd>£1,004</dd></div>"))
        #expect(page.contains("<dt>Cost per employee</dt><dd>£100 a year</dd>"), "£100.40 in whole pounds")
        #expect(page.contains("<a href=\"../../data/programs.csv\" download>Download the figures (CSV)</a>"))
    }

    /// A program that names no KPIs has no table of trends (it had a "Team" column alone), and
    /// its teams are listed once, under "Enrolled teams".
    @Test func aProgramWithoutKPIsHasNoTrendTable() {
        var site = InlineSite(Self.text)
        site.files["content/programs/mentoring.md"] = site.files["content/programs/mentoring.md"]?.replacingOccurrences(of: "kpis: [csat, turnover]\n", with: "")
        let page = site.render().page("programs/mentoring/")
        #expect(!page.contains("id=\"team-trends\""))
        // Nor a note on evidence or figures to download: only that no KPIs are listed.
        #expect(page.contains("This program lists no KPIs to move."))
        #expect(!page.contains("Download the figures (CSV)") && !page.contains("observational evidence"))
        #expect(page.contains("id=\"enrolled\""))
        #expect(page.components(separatedBy: ">Alpha</a>").count == 2, "Alpha linked once")
        #expect(InlineSite(Self.text).render().page("programs/mentoring/").contains("id=\"team-trends\""))
    }

    @Test func programPageTooEarly() {
        let page = InlineSite(Self.text).render().page("programs/coaching/")
        #expect(page.contains("<td colspan=\"4\" class=\"meta\">Too early to estimate: only one KPI period has ended since the program started, and two are needed</td>"))
        #expect(page.contains("<p class=\"meta\">Too early to estimate: fewer than two KPI periods have ended since the program started.</p>"))
        #expect(!page.contains("class=\"big\""))
    }

    /// The rankings are plain tables in the page (no script), each row in ranked order.
    @Test func indexRanksByROIAndByCost() throws {
        let page = InlineSite(Self.text).render().page("programs/")
        func order(_ section: String) throws -> [String] {
            let start = try #require(page.range(of: "<h2 id=\"\(section)\">"))
            let end = try #require(page.range(of: "</table>", range: start.upperBound..<page.endIndex))
            return page[start.upperBound..<end.lowerBound].components(separatedBy: "<tr>").dropFirst(2)
                .map { $0.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "  ", with: "") }
        }
        #expect(try order("by-roi") == [
            "<td>1</td><th scope=\"row\"><a href=\"../programs/mentoring/index.html\">Mentoring</a></th><td><strong>99%</strong> <span class=\"meta\">(turnover savings only)</span></td><td>£100</td></tr>",
            "<td>2</td><th scope=\"row\"><a href=\"../programs/buddy/index.html\">Buddy</a></th><td><strong>0%</strong> <span class=\"meta\">(turnover savings only)</span></td><td>£40</td></tr>",
            "<td><span class=\"meta\">—</span></td><th scope=\"row\"><a href=\"../programs/coaching/index.html\">Coaching</a></th><td><span class=\"meta\">Too early to estimate</span></td><td>£50</td></tr>",
        ].enumerated().map { i, r in i == 2 ? r + "</tbody>" : r })
        let byCost = try order("by-cost").map { $0.components(separatedBy: "</th>")[0] }
        #expect(byCost == ["<td>1</td><th scope=\"row\"><a href=\"../programs/buddy/index.html\">Buddy</a>",
                           "<td>2</td><th scope=\"row\"><a href=\"../programs/coaching/index.html\">Coaching</a>",
                           "<td>3</td><th scope=\"row\"><a href=\"../programs/mentoring/index.html\">Mentoring</a>"])
        #expect(page.contains("The ROI counts turnover savings only"))
        #expect(page.contains("<strong>Estimated ROI</strong>: 99% <span class=\"meta\">(turnover savings only)</span>"))
        #expect(page.contains("<strong>Estimated ROI</strong>: <span class=\"meta\">too early to estimate</span>"))
        #expect(page.contains("<a href=\"../data/programs.csv\" download>Download the figures (CSV)</a>"))
    }

    @Test func withoutReplacementCostNoROIRanking() {
        var site = InlineSite(Self.text)
        site.files["content/site.yml"] = "title: Test\ncurrency: GBP\n"
        let page = site.render().page("programs/")
        #expect(!page.contains("id=\"by-roi\""))
        #expect(page.contains("<h2 id=\"by-cost\">"))
        #expect(!page.contains("turnover savings only"))
    }

    @Test func comparisonShowsWhichMovedEachKPIMoreAndOnlyRealDifferences() {
        let rendered = InlineSite(Self.text).render()
        let page = rendered.page("programs/compare/buddy-vs-mentoring/")
        // csat: mentoring +5, buddy −1.67 → Mentoring; turnover: mentoring −3.33, buddy −0.67 (lower is better) → Mentoring.
        #expect(page.contains("<td class=\"winner-b\">−1.67 pts vs other teams</td>"))
        #expect(page.contains("<td class=\"winner-b\">+5 pts vs other teams</td>"))
        #expect(page.contains("<td class=\"winner-b\">−0.67 pts vs other teams (not targeted)</td>"))
        #expect(page.contains("<td><strong>Mentoring moved it more</strong></td>"))
        // Facts: kind and frequency are the same; strengths show only what the other does not list.
        #expect(!page.contains("<th scope=\"row\">Kind</th>"))
        #expect(page.contains("The same for both: Kind, Frequency, Enrolled teams, Enrolled headcount, Started, Weaknesses."))
        #expect(page.contains("<ul class=\"tight\"><li>Quick</li></ul>"))
        #expect(page.contains("<ul class=\"tight\"><li>Cheap to run</li></ul>"))
        #expect(!page.contains("<li>Personal</li>"), "listed by both")
        #expect(page.contains("<td>0% (turnover savings only)</td>"))
        #expect(page.contains("<td>99% (turnover savings only)</td>"))
        #expect(!page.contains("badge-changed") && !page.contains("badge-unchanged"), "no row is marked \"differs\" or \"same\"")
        let early = rendered.page("programs/compare/coaching-vs-mentoring/")
        #expect(early.contains("<td>Too early to estimate</td>"))
        #expect(early.contains("<span class=\"meta\">Too early to tell for Coaching</span>"))
        #expect(early.contains("<td>Too early to estimate (not targeted)</td>"), "coaching on turnover")
    }

    @Test func didLessHarmWhenBothDidWorse() throws {
        // Buddy vs Coaching on csat would be too early; compare buddy with a program whose csat fell more.
        var site = InlineSite(Self.text)
        site.files["content/teams/delta.md"] = "---\nname: Delta\nheadcount: 5\nprograms: [coaching]\n---\n"
        site.files["content/programs/coaching.md"] = "---\ntitle: Coaching\ncost_per_employee: 50\nstarted: 2026-01-05\nkpis: [csat]\n---\n"
        // coaching: beta +2, delta 0 → +1; others alpha +6, gamma +1 → 3.5; difference −2.5.
        // buddy: gamma +1; others alpha +6, beta +2, delta 0 → 8/3; difference −5/3: less harm than coaching.
        let page = site.render().page("programs/compare/buddy-vs-coaching/")
        #expect(page.contains("<td><strong>Buddy did less harm</strong></td>"))
    }
}
