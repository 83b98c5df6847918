import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageCore

/// KPIs version 2 on pages and in kpis.csv: measured values, decimals, notes, groups, links,
/// parents, ratio, nice axis ticks, a KPI without values.
@Suite struct KPIV2RenderTests {
    static let site = """
        -- content/site.yml --
        title: T
        -- content/teams/alpha.md --
        ---
        name: Alpha
        department: Care
        headcount: 10
        ---
        -- content/teams/beta.md --
        ---
        name: Beta
        department: Care
        headcount: 30
        ---
        -- content/kpis/catalog.yml --
        kpis:
          - id: csat
            name: CSAT
            group: Customer
            unit: percent
            better: higher
            target: 85
            target_note: At least 85% rate us 4 or 5.
            key: true
          - id: nps
            name: NPS
            group: Customer
            better: higher
            decimals: 0
            parent: csat
            links:
              - label: Survey method
                url: https://intranet.example/nps-method
              - label: Check-ins
                url: /pages/check-ins/#how
          - id: turnover
            name: Turnover
            unit: percent
            better: lower
            target_note: No numeric target.
            key: true
          - id: span
            name: Span
            group: People
            unit: ratio
            better: lower
            decimals: 0
          - id: empty
            name: Empty
            better: higher
            target: 5
        -- content/kpis/2026-Q1.yml --
        period: 2026-Q1
        teams:
          alpha: { csat: 80, nps: 30.4, turnover: 10, span: 8.4 }
          beta: { csat: 90, nps: 40.6, turnover: 20, span: 11.6 }
        -- content/kpis/2026-Q2.yml --
        period: 2026-Q2
        organization: { turnover: 1.28e1 }
        departments:
          care: { nps: 37 }
        teams:
          alpha: { csat: 84.33, nps: 31, turnover: 12, span: 9 }
          beta: { csat: 85.01, nps: 41, turnover: 22, span: 12 }
        notes:
          organization: { turnover: "Two retirements." }
          care: { csat: "Phone outage." }
          alpha: { csat: "New starters." }

        """

    @Test func measuredValuesReplaceTheRollUpAndTheCSVWritesThemAsWritten() {
        let rendered = InlineSite(Self.site).render()
        #expect(rendered.messages == [])
        let csv = rendered.page("data/kpis.csv")
        // Q2 csat roll-up: (84.33×10 + 85.01×30) / 40 = 84.84; turnover measured 1.28e1 → 12.8 (not (12×10+22×30)/40 = 19.5)
        #expect(csv.contains("2026-Q2,department,care,csat,84.84,85,off-track\r\n"))
        #expect(csv.contains("2026-Q2,department,care,nps,37,,no-target\r\n"), "measured, as written")
        #expect(csv.contains("2026-Q2,department,care,turnover,19.5,,no-target\r\n"), "rolled up: not measured for the department")
        #expect(csv.contains("2026-Q2,organization,organization,turnover,12.8,,no-target\r\n"))
        // Q1 nps roll-up keeps two decimals in the CSV: (30.4×10 + 40.6×30)/40 = 38.05
        #expect(csv.contains("2026-Q1,organization,organization,nps,38.05,,no-target\r\n"))
        #expect(csv.contains("2026-Q2,team,alpha,csat,84.33,85,off-track\r\n"))
    }

    @Test func decimalsApplyOnEveryPageKind() {
        let rendered = InlineSite(Self.site).render()
        // team: 84.33 at one decimal; NPS at 0 decimals; ratio 9:1
        let alpha = rendered.page("teams/alpha/")
        #expect(alpha.contains("<span class=\"value\">84.3%</span>"))
        #expect(alpha.contains("<span class=\"value\">31</span>"))
        #expect(alpha.contains("<span class=\"value\">9:1</span>"))
        #expect(alpha.contains("target 85.0%"))
        #expect(alpha.contains("↑ +4.3 pts since 2026-Q1: better"))
        // department: roll-up 84.84 shown 84.8 (not "84.84%"); measured NPS 37 marked
        let care = rendered.page("departments/care/")
        #expect(care.contains("<span class=\"value\">84.8%</span> <span class=\"period\">2026-Q2</span>"))
        #expect(care.contains("<span class=\"value\">37</span> <span class=\"measured\">measured</span>"))
        // home: organisation turnover measured 12.8 with its note
        let home = rendered.page("")
        #expect(home.contains("<span class=\"value\">12.8%</span> <span class=\"measured\">measured</span>"))
        #expect(home.contains("<p class=\"kpi-note\"><strong>Note:</strong> Two retirements.</p>"))
        // KPI page: Q1 nps 38.05 at 0 decimals → 38; span 11.6·30+8.4·10 → 10.8 → 11:1
        let nps = rendered.page("kpis/nps/")
        #expect(nps.contains("<tr><th scope=\"row\">2026-Q1</th><td>38</td>"))
        let span = rendered.page("kpis/span/")
        #expect(span.contains("<tr><th scope=\"row\">2026-Q1</th><td>11:1</td>"))
        // index: CSAT organisation 84.84 → 84.8%
        let index = rendered.page("kpis/")
        #expect(index.contains("<strong>84.8%</strong>"))
    }

    @Test func notesStandNextToTheValueTheyExplain() {
        let rendered = InlineSite(Self.site).render()
        let alpha = rendered.page("teams/alpha/")
        #expect(alpha.contains("<span class=\"value\">84.3%</span> <span class=\"period\">2026-Q2</span></p>\n      <p class=\"kpi-note\"><strong>Note:</strong> New starters.</p>"))
        #expect(!rendered.page("teams/beta/").contains("New starters."))
        let csat = rendered.page("kpis/csat/")
        #expect(csat.contains("<p class=\"kpi-note\"><strong>Note on Alpha:</strong> New starters.</p>"), "in the ranking, under Alpha's row")
        #expect(csat.contains("<p class=\"kpi-note\"><strong>Note:</strong> Phone outage.</p>"), "on the department card")
        let turnover = rendered.page("kpis/turnover/")
        #expect(turnover.contains("<p class=\"kpi-note\"><strong>Note on 2026-Q2:</strong> Two retirements.</p>"))
        #expect(turnover.contains("<td class=\"meta\">measured</td>"))
    }

    @Test func theIndexIsGroupedAndLinksParentsAndChildrenShowOnKPIPages() {
        let rendered = InlineSite(Self.site).render()
        let index = rendered.page("kpis/")
        let headings = ["<h2 id=\"group-customer\"><span id=\"group-customer-title\">Customer</span>", "<h2 id=\"group-people\"><span id=\"group-people-title\">People</span>", "<h2 id=\"group-other-kpis\"><span id=\"group-other-kpis-title\">Other KPIs</span>"]
        let positions = headings.map { index.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(!index.contains("intranet.example"), "links are on the KPI page, not in the index")
        #expect(index.contains("<span class=\"meta\">No values yet</span>"))
        #expect(index.contains("<br><span class=\"meta\">No numeric target.</span>"))
        let nps = rendered.page("kpis/nps/")
        #expect(nps.contains("<dt>Feeds into</dt><dd><a href=\"../../kpis/csat/index.html\">CSAT</a></dd>"))
        #expect(nps.contains("<a href=\"https://intranet.example/nps-method\">Survey method</a>"))
        #expect(nps.contains("<a href=\"../../pages/check-ins/index.html#how\">Check-ins</a>"), "a path works under base_url and from disk")
        let csat = rendered.page("kpis/csat/")
        #expect(csat.contains("<li><a href=\"../../kpis/nps/index.html\">NPS</a></li>"))
        #expect(csat.contains("<dd>85.0%<br><span class=\"meta\">At least 85% rate us 4 or 5.</span></dd>"))
        #expect(rendered.page("kpis/turnover/").contains("<dd class=\"target-note\">No numeric target.</dd>"))
    }

    @Test func aKPIWithoutValuesSaysSoWithoutEmptyPartsOrAStrayIn() {
        let page = InlineSite(Self.site).render().page("kpis/empty/")
        #expect(page.contains("<p class=\"muted\">No values yet.</p>"))
        #expect(!page.contains(" in  "))
        #expect(!page.contains("<strong class=\"big\">"))
        #expect(!page.contains("status-"), "no empty status pill")
        #expect(!page.contains("<table"), "no empty tables")
        #expect(!page.contains("<svg class=\"chart\""))
    }

    @Test func niceTicksAreRoundSteps() {
        #expect(Charts.niceTicks(82.3, 85.1).values == [82, 83, 84, 85, 86])
        #expect(Charts.niceTicks(82.3, 85.1).step == 1)
        #expect(Charts.niceTicks(0, 100).values == [0, 25, 50, 75, 100] || Charts.niceTicks(0, 100).values == [0, 50, 100])
        #expect(Charts.niceTicks(2.31, 2.58).values == [2.3, 2.4, 2.5, 2.6])
        #expect(Charts.niceTicks(12, 22).values == [10, 15, 20, 25], "a step of 2.5 rounds up to 5")
        #expect(Charts.niceTicks(40, 40).values == [38, 39, 40, 41, 42])
        #expect(Charts.decimals(forStep: 0.05) == 2)
        #expect(Charts.decimals(forStep: 20) == 0)
        // on the page: ticks 84%, 85%, 86%, 87% … with no decimals for a step of 1
        let csat = InlineSite(Self.site).render().page("kpis/csat/")
        #expect(csat.contains(">85%</text>"))
        #expect(csat.contains(">target 85.0%</text>"))
    }

    @Test func formats() {
        let ratio = KPI(id: "r", name: "R", unit: .ratio, better: .lower, key: false)
        #expect(Format.kpi(8.3, ratio, currency: "GBP") == "8.3:1")
        var whole = ratio; whole.decimals = 0
        #expect(Format.kpi(8.5, whole, currency: "GBP") == "9:1")
        let money = KPI(id: "m", name: "M", unit: .currency, better: .lower, key: false)
        #expect(Format.kpi(1200.4, money, currency: "GBP") == "£1,200", "currency: whole amounts unless decimals is set")
        var pence = money; pence.decimals = 2
        #expect(Format.kpi(1200.4, pence, currency: "GBP") == "£1,200.40")
        let number = KPI(id: "n", name: "N", unit: .number, better: .higher, key: false)
        #expect(Format.kpi(1234.56, number, currency: "GBP") == "1,234.6")
        #expect(Format.fixed(84.99, decimals: 1) == "85.0")
        #expect(Format.fixed(-0.04, decimals: 1) == "0.0")
    }

    @Test func statusUsesTheValueNotTheRoundedText() {
        // 84.96 shows as 85.0% but misses a target of 85
        let k = KPI(id: "c", name: "C", unit: .percent, better: .higher, target: 85, key: false)
        #expect(Format.kpi(84.96, k, currency: "GBP") == "85.0%")
        #expect(KPIMath.status(84.96, k) == .offTrack)
    }
}
