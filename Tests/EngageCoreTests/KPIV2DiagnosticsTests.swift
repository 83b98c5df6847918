import Testing
@testable import EngageModel
@testable import EngageSource

/// Exact diagnostics for the KPI version 2 fields: catalog `parent`, `decimals`, `links`, units;
/// period files' `organization`, `departments` and `notes`.
@Suite struct KPIV2DiagnosticsTests {
    let teams = [
        "src/content/teams/support.md": "---\nname: Support\ndepartment: Customer Care\nheadcount: 5\n---\n",
        "src/content/teams/billing.md": "---\nname: Billing\ndepartment: Customer Care\nheadcount: 15\n---\n",
        "src/content/teams/solo.md": "---\nname: Solo\n---\n",
    ]
    let catalog = "kpis:\n  - id: csat\n    name: CSAT\n    unit: percent\n    better: higher\n  - id: nps\n    name: NPS\n    better: higher\n"

    func errors(catalog: String? = nil, _ files: [String: String] = [:]) -> [String] {
        var all = teams
        all["src/content/kpis/catalog.yml"] = catalog ?? self.catalog
        for (k, v) in files { all["src/content/" + k] = v }
        return load(all).messages
    }

    static func kpi(_ id: String, _ extra: String = "") -> String {
        "  - id: \(id)\n    name: \(id.uppercased())\n    better: higher\n" + extra
    }

    @Test func unknownParentAndAParentThatIsItself() {
        let catalog = "kpis:\n" + Self.kpi("csat", "    parent: npss\n") + Self.kpi("nps", "    parent: nps\n") + Self.kpi("fcr", "    parent: zzz\n")
        #expect(errors(catalog: catalog) == [
            "content/kpis/catalog.yml:5:13: error: unknown parent KPI 'npss' of 'csat'; did you mean 'nps'?",
            "content/kpis/catalog.yml:9:13: error: KPI 'nps' names itself as its parent; remove 'parent' or name the KPI it feeds",
            "content/kpis/catalog.yml:13:13: error: unknown parent KPI 'zzz' of 'fcr'; known: csat, fcr, nps",
        ])
    }

    @Test func aParentCycleIsReportedAtEveryParentInIt() {
        // a → b → c → a is a cycle; d → a only leads into it and is not reported.
        let catalog = "kpis:\n" + Self.kpi("a", "    parent: b\n") + Self.kpi("b", "    parent: c\n") + Self.kpi("c", "    parent: a\n") + Self.kpi("d", "    parent: a\n")
        #expect(errors(catalog: catalog) == [
            "content/kpis/catalog.yml:5:13: error: KPI parents go round in a circle: a → b → c → a; a KPI cannot feed itself, so remove one of these 'parent' fields",
            "content/kpis/catalog.yml:9:13: error: KPI parents go round in a circle: b → c → a → b; a KPI cannot feed itself, so remove one of these 'parent' fields",
            "content/kpis/catalog.yml:13:13: error: KPI parents go round in a circle: c → a → b → c; a KPI cannot feed itself, so remove one of these 'parent' fields",
        ])
    }

    @Test func decimalsAreAWholeNumberFromZeroToSix() {
        let catalog = "kpis:\n" + Self.kpi("a", "    decimals: 1.5\n") + Self.kpi("b", "    decimals: 7\n") + Self.kpi("c", "    decimals: -1\n")
            + Self.kpi("d", "    decimals: two\n") + Self.kpi("e", "    decimals: 0\n")
        #expect(errors(catalog: catalog) == [
            "content/kpis/catalog.yml:5:15: error: 'decimals' must be a whole number from 0 to 6, found 1.5",
            "content/kpis/catalog.yml:9:15: error: 'decimals' must be a whole number from 0 to 6, found 7",
            "content/kpis/catalog.yml:13:15: error: 'decimals' must be a whole number from 0 to 6, found -1",
            "content/kpis/catalog.yml:17:15: error: 'decimals' must be a number, found 'two'",
        ])
    }

    @Test func linksNeedALabelAndASafeURL() {
        let links = """
                links:
                  - label: Survey guide
                    url: https://intranet.example/survey
                  - label: Check-in guide
                    url: /guides/check-in/
                  - url: https://intranet.example/x
                  - label: Script
                    url: javascript:alert(1)
                  - label: Relative
                    url: guides/x/
                  - label: No host
                    url: https://
                  - just text

            """
        let catalog = "kpis:\n" + Self.kpi("a", links)
        #expect(errors(catalog: catalog) == [
            "content/kpis/catalog.yml:10:9: error: link 3 of KPI 'a' is missing the required field 'label'",
            "content/kpis/catalog.yml:12:14: error: 'url' of link 4 of KPI 'a' must be an address starting with 'https://' or 'http://', or a path of the site starting with '/', found 'javascript:alert(1)'",
            "content/kpis/catalog.yml:14:14: error: 'url' of link 5 of KPI 'a' must be an address starting with 'https://' or 'http://', or a path of the site starting with '/', found 'guides/x/'; did you mean '/guides/x/'?",
            "content/kpis/catalog.yml:16:14: error: 'url' of link 6 of KPI 'a' must be an address starting with 'https://' or 'http://', or a path of the site starting with '/', found 'https://'; the address needs a host name after 'https://'",
            "content/kpis/catalog.yml:17:9: error: link 7 of KPI 'a' must be a mapping (key: value lines), found 'just text'",
        ])
        let kpi = load(teams.merging(["src/content/kpis/catalog.yml": "kpis:\n" + Self.kpi("a", """
                links:
                  - label: Survey guide
                    url: https://intranet.example/survey
                  - label: Check-in guide
                    url: /guides/check-in/

            """)]) { a, _ in a }).site?.kpi("a")
        #expect(kpi?.links == [KPILink(label: "Survey guide", url: "https://intranet.example/survey"), KPILink(label: "Check-in guide", url: "/guides/check-in/")])
    }

    @Test func ratioAndNumberAreUnitsNow() {
        let catalog = "kpis:\n" + Self.kpi("a", "    unit: ratio\n") + Self.kpi("b", "    unit: number\n") + Self.kpi("c", "    unit: ratios\n")
        #expect(errors(catalog: catalog) == [
            "content/kpis/catalog.yml:13:11: error: unknown unit 'ratios'; use one of percent, score, minutes, hours, days, count, currency, ratio, number; did you mean 'ratio'?",
        ])
    }

    @Test func departmentsMustBeDepartmentsOfTheTeams() {
        let period = """
            period: 2026-Q1
            organization: { csat: 80, nsp: 3 }
            departments:
              customer-care: { csat: 81 }
              customer-cares: { csat: 81 }
              support: { csat: 70 }
            teams:
              support: { csat: 80 }

            """
        #expect(errors(["kpis/2026-Q1.yml": period]) == [
            "content/kpis/2026-Q1.yml:2:27: error: unknown KPI 'nsp' for the organization; did you mean 'nps'?",
            "content/kpis/2026-Q1.yml:5:3: error: unknown department 'customer-cares' in 'departments' of the KPI file; did you mean 'customer-care'?",
            "content/kpis/2026-Q1.yml:6:3: error: 'support' in 'departments' is a team, not a department; put its values under 'teams'",
        ])
    }

    @Test func notesNeedAKnownGroupAndAValueToExplain() {
        let period = """
            period: 2026-Q1
            departments:
              customer-care: { csat: 81 }
            teams:
              support: { csat: 80 }
            notes:
              organization: { csat: "Rolled up from the teams: fine.", nps: "No value anywhere." }
              customer-care: { csat: "Measured: fine." }
              support: { csat: "Fine.", nps: "No NPS for support." }
              billing: { csat: "Billing has no value this period." }
              suport: { csat: "Typo." }
              solo: { cast: "Unknown KPI." }

            """
        #expect(errors(["kpis/2026-Q1.yml": period]) == [
            "content/kpis/2026-Q1.yml:7:60: error: note for 'nps' of the organization in 2026-Q1, but there is no such value",
            "content/kpis/2026-Q1.yml:9:29: error: note for 'nps' of team 'support' in 2026-Q1, but there is no such value",
            "content/kpis/2026-Q1.yml:10:14: error: note for 'csat' of team 'billing' in 2026-Q1, but there is no such value",
            "content/kpis/2026-Q1.yml:11:3: error: unknown group 'suport' in 'notes'; use 'organization', a department or a team; did you mean 'support'?",
            "content/kpis/2026-Q1.yml:12:11: error: unknown KPI 'cast' in the notes of 'solo'; did you mean 'csat'?",
        ])
    }

    @Test func aDepartmentNoteNeedsAMeasuredValueOrATeamValue() {
        let period = "period: 2026-Q1\nteams:\n  solo: { csat: 80 }\nnotes:\n  customer-care: { csat: \"No team of the department has a value.\" }\n"
        #expect(errors(["kpis/2026-Q1.yml": period]) == [
            "content/kpis/2026-Q1.yml:5:20: error: note for 'csat' of department 'customer-care' in 2026-Q1, but there is no such value",
        ])
    }

    @Test func aFileWithOnlyMeasuredValuesNeedsNoTeams() {
        #expect(errors(["kpis/2026-Q1.yml": "period: 2026-Q1\norganization: { csat: 80 }\n"]) == [])
        #expect(errors(["kpis/2026-Q1.yml": "period: 2026-Q1\n"]) == [
            "content/kpis/2026-Q1.yml:1:1: error: a KPI file is missing the required field 'teams'",
        ])
    }
}
