import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Exact diagnostics for KPI and survey files.
@Suite struct DataValidationTests {
    let team = "---\nname: Support\ndepartment: Care\nheadcount: 5\n---\n"
    let catalog = "kpis:\n  - id: csat\n    name: CSAT\n    unit: percent\n    better: higher\n  - id: aht\n    name: AHT\n    unit: minutes\n    better: lower\n    min: 0\n"

    func errors(_ files: [String: String]) -> [String] {
        var all = ["src/content/teams/support.md": team, "src/content/kpis/catalog.yml": catalog]
        for (k, v) in files { all["src/content/" + k] = v }
        return load(all).messages
    }

    @Test func periodMustMatchTheFileName() {
        #expect(errors(["kpis/2026-Q1.yml": "period: 2026-Q2\nteams: {}\n"]) == [
            "content/kpis/2026-Q1.yml:1:9: error: 'period' is '2026-Q2' but the file is named '2026-Q1.yml'; they must match",
        ])
        #expect(errors(["kpis/q1.yml": "period: 2026-Q1\nteams: {}\n"]) == [
            "content/kpis/q1.yml:1:1: error: file name 'q1.yml' is not a period; name it YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM (e.g. '2026-Q1.yml')",
        ])
    }

    @Test func oneGranularityAcrossKPIFiles() {
        #expect(errors([
            "kpis/2026-Q1.yml": "period: 2026-Q1\nteams: {}\n",
            "kpis/2026-Q2.yml": "period: 2026-Q2\nteams: {}\n",
            "kpis/2026-07.yml": "period: 2026-07\nteams: {}\n",
        ]) == [
            "content/kpis/2026-07.yml:1:9: error: KPI period '2026-07' is a month but the other KPI files use quarters (e.g. '2026-Q1'); use one granularity across all KPI files",
        ])
    }

    @Test func valuesAreCheckedAgainstBoundsTeamsAndKPIs() {
        #expect(errors(["kpis/2026-Q1.yml": "period: 2026-Q1\nteams:\n  support: { csat: 104, aht: -1, csta: 3, fcr: x }\n  suport: { csat: 80 }\n"]) == [
            "content/kpis/2026-Q1.yml:3:20: error: value 104 for 'csat' is above its maximum 100 (a percentage)",
            "content/kpis/2026-Q1.yml:3:30: error: value -1 for 'aht' is below its minimum 0",
            "content/kpis/2026-Q1.yml:3:34: error: unknown KPI 'csta' for team 'support'; did you mean 'csat'?",
            "content/kpis/2026-Q1.yml:3:43: error: unknown KPI 'fcr' for team 'support'",
            "content/kpis/2026-Q1.yml:4:3: error: unknown team 'suport' in 'teams' of the KPI file; did you mean 'support'?",
        ])
    }

    @Test func surveyCountsAreChecked() {
        let survey = """
        period: 2026-Q1
        questions:
          - id: proud
            text: Proud?
          - id: rec
            text: Recommend?
            type: enps
        teams:
          support:
            invited: 4
            responses: 6
            answers:
              proud: [1, 2, 3]
              rec: [0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 2]
              prod: [1, 1, 1, 1, 1]
          nobody:
            responses: 5

        """
        #expect(errors(["surveys/2026-Q1.yml": survey]) == [
            "content/surveys/2026-Q1.yml:11:16: error: team 'support' has 6 responses but only 4 invited; responses cannot exceed invited",
            "content/surveys/2026-Q1.yml:13:14: error: answers to 'proud' for team 'support' have 3 counts; a Likert question needs 5 (options 1 to 5)",
            "content/surveys/2026-Q1.yml:14:12: error: answers to 'rec' for team 'support' add up to 7, more than the team's 6 responses",
            "content/surveys/2026-Q1.yml:15:7: error: answers to unknown question 'prod' for team 'support'; did you mean 'proud'?",
            "content/surveys/2026-Q1.yml:16:3: error: unknown team 'nobody' in 'teams' of the survey; known: support",
        ])
    }

    @Test func kpiValuesNeedACatalog() {
        let messages = InlineSite("""
            -- content/teams/support.md --
            ---
            name: Support
            ---
            -- content/kpis/2026-Q1.yml --
            period: 2026-Q1
            teams:
              support: { csat: 80 }
            """).load().messages
        #expect(messages == ["content/kpis/2026-Q1.yml:1:1: error: KPI values need definitions: create content/kpis/catalog.yml listing each KPI"])
    }

    @Test func programKPIsAndTurnoverKPIMustExist() {
        let messages = InlineSite("""
            -- content/site.yml --
            title: T
            turnover_kpi: turnvoer
            -- content/kpis/catalog.yml --
            kpis:
              - id: turnover
                name: Turnover
                better: lower
            -- content/programs/p.md --
            ---
            title: P
            kpis: [turnover, csat]
            ---
            """).load().messages
        #expect(messages == [
            "content/programs/p.md:3:18: error: unknown KPI 'csat' in 'kpis' of program 'p'; known: turnover",
            "content/site.yml:2:15: error: unknown KPI 'turnvoer' in 'turnover_kpi' of site.yml; did you mean 'turnover'?",
        ])
    }
}
