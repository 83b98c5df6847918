import Foundation
import Testing
@testable import EngageCore

/// Issue 11: each action is shown beside the figure it addresses (default theme): in its group's
/// heat-map cell, factor row, question row and KPI card, and in no other row.
@Suite struct ActionPlacementTests {
    /// The parts of `html` between `open` and the next `close`, e.g. every `<tr` … `</tr>`.
    static func parts(_ html: String, from open: String, to close: String) -> [String] {
        var out: [String] = [], rest = html[...]
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// The one part that contains `marker`; records an issue unless there is exactly one.
    static func part(_ parts: [String], containing marker: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let found = parts.filter { $0.contains(marker) }
        #expect(found.count == 1, "\(found.count) parts contain \(marker)", sourceLocation: sourceLocation)
        return found.first ?? ""
    }

    static let x = "<a href=\"../../actions/x/index.html\">Action: X plan</a> <span class=\"action-detail\">"

    @Test func teamPageShowsTheActionInItsFactorQuestionAndKPIRowsOnly() {
        let site = InlineSite(ActionTests.base + ActionRenderTests.actions).render()
        let team = site.page("teams/a/")
        let rows = Self.parts(team, from: "<tr>", to: "</tr>")
        let wellbeing = Self.part(rows, containing: "<th scope=\"row\">Wellbeing")
        #expect(wellbeing.contains(Self.x + "(In progress, due 2026-06-30, overdue)</span>"), "\(wellbeing)")
        let questions = Self.parts(team, from: "<p class=\"question-text\">", to: "</li>\n")
        #expect(questions.count == 2)
        #expect(Self.part(questions, containing: "Workload is fine.").contains(Self.x + "(In progress, due 2026-06-30, overdue)</span>"))
        #expect(!Self.part(questions, containing: "Balance is fine.").contains("Action:"))
        let cards = Self.parts(team, from: "<li class=\"kpi-card", to: "</li>")
        #expect(Self.part(cards, containing: ">Absenteeism</a>").contains(Self.x))
        // Y plan belongs to the department: never on the team's rows.
        #expect(!team.contains("Action: Y plan"))
        // The department page shows neither (X is the team's; Y addresses a question, which the department page has no row for).
        let department = site.page("departments/ops/")
        #expect(!department.contains("Action: X plan") && !department.contains("Action: Y plan"))
    }

    @Test func departmentKPICardAndFactorRowShowTheDepartmentsAction() {
        let site = InlineSite(ActionTests.base + """
            -- content/actions/d.md --
            ---
            title: D plan
            group: ops
            addresses: { factor: Wellbeing, kpi: absenteeism }
            status: planned
            opened: 2026-10-01
            ---
            """).render()
        let department = site.page("departments/ops/")
        let d = "<a href=\"../../actions/d/index.html\">Action: D plan</a> <span class=\"action-detail\">(Planned)</span>"
        let rows = Self.parts(department, from: "<tr>", to: "</tr>")
        #expect(Self.part(rows, containing: "<th scope=\"row\">Wellbeing").contains(d))
        let cards = Self.parts(department, from: "<li class=\"kpi-card", to: "</li>")
        #expect(Self.part(cards, containing: ">Absenteeism</a>").contains(d))
        #expect(!site.page("teams/a/").contains("Action: D plan"))
    }

    @Test func surveyHeatmapCellAndQuestionRowsShowTheAction() {
        let site = InlineSite(ActionTests.base + ActionRenderTests.actions).render()
        let survey = site.page("surveys/2026-Q1/")
        // The heat map against the organisation (the first table): team A's row, Wellbeing cell.
        let heatmap = Self.parts(survey, from: "<table class=\"heatmap\">", to: "</table>")
        #expect(heatmap.count == 1, "Q1 has no previous survey, so one heat map")
        let rows = Self.parts(heatmap.first ?? "", from: "<tr class=\"row-", to: "</tr>")
        let a = Self.part(rows, containing: ">A</a> <span class=\"meta\">team</span>")
        let cells = Self.parts(a, from: "<td", to: "</td>")
        // Factors in order: Wellbeing, Engagement.
        #expect(cells.count == 4)
        #expect(cells.first?.contains(Self.x + "(In progress, due 2026-06-30, overdue)</span>") == true, "\(cells)")
        #expect(cells.dropFirst().allSatisfy { !$0.contains("Action:") })
        #expect(rows.filter { $0.contains("Action: X plan") }.count == 1)
        // The organisation's questions: every group's action on that question, its group named.
        let questions = Self.parts(survey, from: "<p class=\"question-text\">", to: "</li>\n")
        let workload = Self.part(questions, containing: "Workload is fine.")
        #expect(workload.contains(Self.x + "(A · In progress, due 2026-06-30, overdue)</span>"))
        #expect(workload.contains("<a href=\"../../actions/y/index.html\">Action: Y plan</a> <span class=\"action-detail\">(Ops · Done)</span>"))
        #expect(!Self.part(questions, containing: "Balance is fine.").contains("Action:"))
        #expect(!Self.part(questions, containing: "Proud.").contains("Action:"))
    }

    /// The group is suppressed in Q1: its row shows the action and the suppression text, no figure.
    @Test func suppressedRowShowsTheActionButNoFigure() {
        let site = InlineSite(ActionTests.suppressedFirst).render()
        let survey = site.page("surveys/2026-Q1/")
        let rows = Self.parts(survey, from: "<tr class=\"row-team\">", to: "</tr>")
        let s = Self.part(rows, containing: ">S</a>")
        #expect(s.contains("<td class=\"suppressed-cell\" colspan=\"3\">Not enough responses to protect anonymity<ul class=\"action-notes\">"))
        #expect(s.contains("Action: A</a> <span class=\"action-detail\">(Planned)</span>"))
        #expect(!s.contains("%"))
    }
}
