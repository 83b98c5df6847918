import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageCore

/// Version 2 actions rendered: `/actions/`, `/actions/<slug>/`, `data/actions.csv`, the nav item.
@Suite struct ActionRenderTests {
    static let actions = """
        -- content/actions/x.md --
        ---
        title: X plan
        group: a
        addresses: { factor: Wellbeing, question: workload, kpi: absenteeism }
        survey: 2026-Q1
        owner: Team lead
        status: in-progress
        opened: 2026-04-10
        due: 2026-06-30
        ---
        Doing **x**.
        -- content/actions/y.md --
        ---
        title: Y plan
        group: ops
        addresses: { question: workload }
        status: done
        opened: 2026-10-05
        ---
        """

    @Test func csvHasOneRowPerActionAndFigure() {
        let site = InlineSite(ActionTests.base + Self.actions).render()
        #expect(site.page("data/actions.csv") == [
            "action,group,addresses,status,opened,due,baseline,latest,change",
            "x,a,factor:Wellbeing,in-progress,2026-04-10,2026-06-30,63,88,25",
            "x,a,question:workload,in-progress,2026-04-10,2026-06-30,50,75,25",
            "x,a,kpi:absenteeism,in-progress,2026-04-10,2026-06-30,4.25,3.1,-1.15",
            "y,ops,question:workload,done,2026-10-05,,89,,",
        ].joined(separator: "\r\n") + "\r\n")
    }

    @Test func indexMarksOverdueInWordsAndNavHasActions() {
        let site = InlineSite(ActionTests.base + Self.actions + "\n" + """
            -- templates/actions.mustache --
            {{as_of}}|{{overdue_count}}|{{#statuses}}[{{label}}:{{#actions}}{{title}}/{{#group}}{{name}}{{/group}}/{{#overdue}}Overdue{{/overdue}}/{{#addresses}}{{label}};{{/addresses}}{{/actions}}]{{/statuses}}
            """).render()
        #expect(site.page("actions/") == "2026-09-30|1|[In progress:X plan/A/Overdue/Factor: Wellbeing;Question “Workload is fine.”;KPI: Absenteeism;][Done:Y plan/Ops//Question “Workload is fine.”;]\n")
        #expect(site.page("teams/a/").contains("<a href=\"../../actions/index.html\""))
    }

    @Test func actionPageShowsFiguresAndSuppressionText() {
        let site = InlineSite(ActionTests.suppressedFirst + """
            -- templates/action.mustache --
            {{#figures}}{{label}}|{{measure}}|{{#points}}{{period}}{{#is_baseline}}*{{/is_baseline}}={{value}}{{suppressed_text}};{{/points}}|{{baseline}}|{{latest}}|{{change}}{{/figures}}
            """).render()
        #expect(site.page("actions/a/") == "Factor: Wellbeing|% favourable|2026-Q1*=Not enough responses to protect anonymity;2026-Q2=100%;||100%|\n")
        #expect(site.page("data/actions.csv").hasSuffix("a,s,factor:Wellbeing,planned,2026-04-01,,,100,\r\n"))
    }

    @Test func defaultThemeRendersBothPages() {
        let site = InlineSite(ActionTests.base + Self.actions).render()
        let index = site.page("actions/")
        #expect(index.contains("<span class=\"status status-overdue\">Overdue</span>"))
        let page = site.page("actions/x/")
        #expect(page.contains("<strong>+25 pts</strong> (from 63% to 88%)"))
        #expect(page.contains("<strong>−1.2 pts</strong> (from 4.3% to 3.1%)"), "\(page)")
        #expect(page.contains("Doing <strong>x</strong>."))
    }

    @Test func teamDepartmentAndSurveyPagesListTheirActions() {
        let site = InlineSite(ActionTests.base + Self.actions).render()
        let team = site.page("teams/a/")
        #expect(team.contains("<a href=\"../../actions/x/index.html\">X plan</a> <span class=\"status status-action-in-progress\">In progress</span> <span class=\"status status-overdue\">Overdue</span>"))
        #expect(!team.contains("Y plan"))
        let department = site.page("departments/ops/")
        #expect(department.contains("<a href=\"../../actions/y/index.html\">Y plan</a>"))
        #expect(!department.contains("X plan"))
        let survey = site.page("surveys/2026-Q1/")
        #expect(survey.contains("X plan") && survey.contains("Y plan"))
        #expect(!site.page("teams/b/").contains("id=\"actions-list\""))
    }
}
