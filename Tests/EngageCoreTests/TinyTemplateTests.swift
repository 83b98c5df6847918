import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Values that matter, each checked through a tiny template that prints only that value (the
/// site's own `templates/<page>.mustache` replaces the default), so the test compares exact text
/// instead of searching a whole page. The keys are those the default templates use.
@Suite struct TinyTemplateTests {
    static let pathway = """
        -- content/pathways/support.md --
        ---
        title: Support
        levels:
          - {id: s1, title: Associate}
          - {id: s2, title: Senior Associate}
          - {id: s3, title: Specialist}
        ---
        """

    @Test func aTeamPageLinksItsDepartmentAndPathways() {
        let site = InlineSite(Self.pathway + """

            -- content/teams/alpha.md --
            ---
            name: Alpha
            department: Customer Care
            pathways: [support]
            ---
            -- content/teams/solo.md --
            ---
            name: Solo
            ---
            -- templates/team.mustache --
            {{#team}}{{name}}|{{#department}}{{name}} → {{href}}{{/department}}{{^department}}no department{{/department}}{{/team}}|{{#pathways}}{{title}} → {{href}},{{/pathways}}
            """)
        let rendered = site.render()
        #expect(rendered.messages == [])
        #expect(rendered.page("teams/alpha/") == "Alpha|Customer Care → ../../departments/customer-care/index.html|Support → ../../pathways/support/index.html,\n")
        #expect(rendered.page("teams/solo/") == "Solo|no department|\n")
        #expect(rendered.has("departments/customer-care/index.html"))
    }

    @Test func aLevelPageLinksThePreviousAndNextLevel() {
        let site = InlineSite(Self.pathway + """

            -- templates/level.mustache --
            {{#previous}}← {{title}} {{href}}{{/previous}}|{{#next}}{{title}} {{href}} →{{/next}}
            """)
        let rendered = site.render()
        #expect(rendered.messages == [])
        #expect(rendered.page("pathways/support/s1/") == "|Senior Associate ../../../pathways/support/s2/index.html →\n")
        #expect(rendered.page("pathways/support/s2/") == "← Associate ../../../pathways/support/s1/index.html|Specialist ../../../pathways/support/s3/index.html →\n")
        #expect(rendered.page("pathways/support/s3/") == "← Senior Associate ../../../pathways/support/s2/index.html|\n")
    }

    static let survey = """
        -- content/teams/alpha.md --
        ---
        name: Alpha
        ---
        -- content/teams/beta.md --
        ---
        name: Beta
        ---
        -- content/teams/gamma.md --
        ---
        name: Gamma
        ---
        -- content/surveys/2026-Q2.yml --
        period: 2026-Q2
        title: Q2 pulse
        questions:
          - id: proud
            text: I am proud to work here.
            factor: Engagement
        teams:
          alpha:
            responses: 10
            answers:
              proud: [0, 1, 2, 3, 4]
          beta:
            responses: 4
            answers:
              proud: [0, 0, 1, 1, 2]
          gamma:
            responses: 6
            answers:
              proud: [0, 0, 1, 2, 3]
        """

    @Test func aSurveyPageNamesSuppressedGroupsWithoutTheirFigures() {
        let site = InlineSite(Self.survey + """

            -- templates/survey.mustache --
            {{#rows}}{{name}}: {{#suppressed}}{{suppressed_text}}{{/suppressed}}{{^suppressed}}{{responses}} responses{{/suppressed}}
            {{/rows}}
            """)
        let rendered = site.render()
        #expect(rendered.messages == [])
        #expect(rendered.page("surveys/2026-Q2/") == """
            Organisation: 20 responses
            Alpha: 10 responses
            Beta: Not enough responses to protect anonymity
            Gamma: Not enough responses to protect anonymity

            """)
    }
}

/// "1 team", never "1 teams", wherever the default theme counts teams.
@Suite struct TeamCountWordingTests {
    @Test func oneTeamIsSingular() {
        let site = InlineSite("""
            -- content/teams/alpha.md --
            ---
            name: Alpha
            department: Care
            headcount: 4
            programs: [mentoring]
            ---
            -- content/teams/beta.md --
            ---
            name: Beta
            department: Care
            headcount: 3
            ---
            -- content/teams/gamma.md --
            ---
            name: Gamma
            department: Ops
            headcount: 5
            ---
            -- content/programs/mentoring.md --
            ---
            title: Mentoring
            started: 2026-01-01
            kpis: [csat]
            ---
            -- content/programs/coaching.md --
            ---
            title: Coaching
            ---
            -- content/kpis/catalog.yml --
            kpis:
              - {id: csat, name: CSAT, unit: percent, better: higher}
            -- content/kpis/2025-Q4.yml --
            period: 2025-Q4
            teams:
              alpha: {csat: 80}
              beta: {csat: 90}
              gamma: {csat: 70}
            -- content/kpis/2026-Q1.yml --
            period: 2026-Q1
            teams:
              alpha: {csat: 80}
              beta: {csat: 90}
              gamma: {csat: 70}
            -- content/kpis/2026-Q2.yml --
            period: 2026-Q2
            teams:
              alpha: {csat: 84}
              beta: {csat: 88}
              gamma: {csat: 71}
            """)
        let rendered = site.render()
        #expect(rendered.messages == [])
        let mentoring = rendered.page("programs/mentoring/")
        #expect(mentoring.contains("<td>+4 pts <span class=\"meta\">(1 team)</span></td>"))
        #expect(mentoring.contains("<td>−0.5 pts <span class=\"meta\">(2 teams)</span></td>"))
        #expect(mentoring.contains("<dt>Enrolled</dt><dd>1 team · 4 people</dd>"))
        #expect(rendered.page("programs/coaching/").contains("<dt>Enrolled</dt><dd>0 teams · 0 people</dd>"))
        let programs = rendered.page("programs/")
        #expect(programs.contains("<li>1 team · 4 people</li>"))
        #expect(programs.contains("<li>0 teams · 0 people</li>"))
        #expect(rendered.page("departments/ops/").contains("<p class=\"lead\">1 team · 5 people"))
        #expect(rendered.page("departments/care/").contains("<p class=\"lead\">2 teams · 7 people"))
        #expect(rendered.page("index.html").contains("<strong>3</strong> teams</span>"))
        for (path, text) in rendered.files where path.hasSuffix(".html") {
            #expect(!text.contains("1 teams"), "\(path)")
        }
    }
}
