import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

@Suite struct ProgramMathTests {
    func team(_ slug: String, headcount: Int? = 10, programs: [String] = []) -> Team {
        Team(slug: slug, name: slug, summary: nil, lead: nil, department: nil, region: nil, headcount: headcount,
             pathways: [], programs: programs, body: .empty, source: SourceRef(path: "x"))
    }

    func program(started: String?, cost: Double? = 100) -> Program {
        Program(slug: "p", title: "P", summary: nil, kind: nil, frequency: nil, costPerEmployee: cost, started: started,
                strengths: [], weaknesses: [], kpis: ["t"], body: .empty, source: SourceRef(path: "x"))
    }

    func site(_ teams: [Team], _ values: [String: [String: Double]], started: String? = "2026-01-10", cost: Double? = 100,
              replacement: Double? = 5000, alsoPeriods: [String] = ["2026-Q1"]) -> (Site, KPIReport) {
        // 2026-Q1 (no values) makes 2026-Q1 and 2026-Q2 two periods ending after the default start: not too early.
        var periods: [String: [String: [String: KPIValue]]] = [:]
        for p in alsoPeriods { periods[p] = [:] }
        for (key, v) in values {
            let parts = key.split(separator: "/")
            periods[String(parts[0]), default: [:]][String(parts[1]), default: [:]]["t"] = KPIValue(v["t"] ?? 0)
        }
        var config = SiteConfig(title: "T")
        config.replacementCost = replacement
        config.turnoverKPI = "t"
        let s = Site(config: config, teams: teams, programs: [program(started: started, cost: cost)],
                     kpis: [KPI(id: "t", name: "Turnover", unit: .percent, better: .lower, key: false)],
                     kpiPeriods: periods.map { KPIPeriod(period: Period($0.key)!, values: $0.value) })
        return (s, KPIReport(site: s))
    }

    @Test func baselineIsTheLastPeriodEndingBeforeTheStart() {
        let periods = ["2025-Q3", "2025-Q4", "2026-Q1"].compactMap(Period.init)
        #expect(ProgramMath.baseline(periods, started: "2026-01-10")?.text == "2025-Q4")
        #expect(ProgramMath.baseline(periods, started: "2026-01-01")?.text == "2025-Q4")
        #expect(ProgramMath.baseline(periods, started: "2025-12-31")?.text == "2025-Q3")
        #expect(ProgramMath.baseline(periods, started: "2025-07-01") == nil, "started before the first period ended")
        #expect(ProgramMath.baseline(periods, started: nil) == nil)
    }

    @Test func impactAveragesTeamsWithValuesInBothPeriods() throws {
        let teams = [team("a", programs: ["p"]), team("b", programs: ["p"]), team("c"), team("d"), team("e", programs: ["p"])]
        let (s, r) = site(teams, [
            "2025-Q4/a": ["t": 20], "2026-Q2/a": ["t": 16],
            "2025-Q4/b": ["t": 18], "2026-Q2/b": ["t": 15],
            "2025-Q4/c": ["t": 10], "2026-Q2/c": ["t": 11],
            "2025-Q4/d": ["t": 12], "2026-Q2/d": ["t": 12],
            "2026-Q2/e": ["t": 30],                      // no baseline value: not counted
            "2026-Q1/a": ["t": 17],
        ])
        let p = try #require(s.program("p"))
        let i = ProgramMath.impact(program: p, kpi: "t", site: s, report: r)
        #expect(i.baseline?.text == "2025-Q4")
        #expect(i.latest?.text == "2026-Q2")
        #expect(i.enrolledTeams == 2)
        #expect(i.enrolledChange == -3.5)    // (−4 − 3) / 2
        #expect(i.otherChange == 0.5)        // (+1 + 0) / 2
        #expect(i.difference == -4)
        // ROI: avoided = 4 / 100 × 30 people = 1.2; savings 6,000; cost 3,000 → 100%
        let roi = try #require(ProgramMath.roi(program: p, site: s, report: r, enrolledHeadcount: 30))
        #expect(abs(roi.avoidedLeavers - 1.2) < 1e-9)
        #expect(abs(roi.roiPercent - 100) < 1e-9)
    }

    @Test func noTeamsOutsideTheProgram() throws {
        let (s, r) = site([team("a", programs: ["p"])], ["2025-Q4/a": ["t": 20], "2026-Q2/a": ["t": 16]])
        let p = try #require(s.program("p"))
        let i = ProgramMath.impact(program: p, kpi: "t", site: s, report: r)
        #expect(i.enrolledChange == -4)
        #expect(i.difference == nil)
        #expect(i.missingReason == "no team outside the program has values in both periods")
        #expect(ProgramMath.roi(program: p, site: s, report: r, enrolledHeadcount: 10) == nil)
    }

    @Test func startedBeforeTheFirstPeriod() throws {
        let (s, r) = site([team("a", programs: ["p"]), team("b")], ["2025-Q4/a": ["t": 20], "2026-Q2/a": ["t": 16],
                                                                    "2025-Q4/b": ["t": 20], "2026-Q2/b": ["t": 16]], started: "2024-05-01")
        let p = try #require(s.program("p"))
        let i = ProgramMath.impact(program: p, kpi: "t", site: s, report: r)
        #expect(i.baseline == nil)
        #expect(i.difference == nil)
        #expect(i.missingReason == "no KPI period ends before the program started")
    }

    @Test func startedAfterTheLastPeriod() throws {
        let (s, r) = site([team("a", programs: ["p"]), team("b")], ["2025-Q4/a": ["t": 20], "2025-Q4/b": ["t": 21]], started: "2026-02-01",
                           alsoPeriods: [])
        let p = try #require(s.program("p"))
        let i = ProgramMath.impact(program: p, kpi: "t", site: s, report: r)
        #expect(i.baseline?.text == "2025-Q4")
        #expect(i.difference == nil)
        #expect(i.tooEarly)
        #expect(i.latest == nil)
        #expect(i.missingReason == "too early to estimate: no KPI period has ended since the program started, and two are needed")
    }

    @Test func periodEndsAfterADay() throws {
        let q1 = try #require(Period("2026-Q1")), feb = try #require(Period("2024-02")), y = try #require(Period("2025"))
        #expect(q1.ends(after: "2026-03-30"))
        #expect(!q1.ends(after: "2026-03-31"), "ends on that day, not after it")
        #expect(!q1.ends(after: "2026-04-01"))
        #expect(q1.ends(after: "2025-12-31"))
        #expect(feb.ends(after: "2024-02-28"), "2024 is a leap year: February ends on the 29th")
        #expect(!feb.ends(after: "2024-02-29"))
        #expect(y.ends(after: "2025-12-30") && !y.ends(after: "2025-12-31"))
        #expect(!q1.ends(after: "not a day"))
    }

    /// Contract, "Programs, version 2": fewer than two KPI periods ending after `started` → no numbers, no ROI.
    @Test func tooEarlyWithOnePeriodSinceTheStart() throws {
        // Started 2026-01-10: baseline 2025-Q4; only 2026-Q1 ends after the start.
        let teams = [team("a", programs: ["p"]), team("b", programs: ["p"]), team("c")]
        let (s, r) = site(teams, ["2025-Q4/a": ["t": 20], "2026-Q1/a": ["t": 10],
                                  "2025-Q4/c": ["t": 20], "2026-Q1/c": ["t": 20]])
        let p = try #require(s.program("p"))
        let i = ProgramMath.impact(program: p, kpi: "t", site: s, report: r)
        #expect(i.baseline?.text == "2025-Q4")
        #expect(i.periodsSinceStart == 1)
        #expect(i.tooEarly)
        #expect(i.latest == nil)
        #expect(i.enrolledTeams == 1, "a has a baseline value, b has none")
        #expect(i.enrolledChange == nil && i.otherChange == nil && i.difference == nil)
        #expect(i.missingReason == "too early to estimate: only one KPI period has ended since the program started, and two are needed")
        #expect(ProgramMath.roi(program: p, site: s, report: r, enrolledHeadcount: 20) == nil, "a −10 point difference would be a big ROI")
    }

    @Test func twoPeriodsSinceTheStartAreEnough() throws {
        // Started 2026-01-10: 2026-Q1 and 2026-Q2 end after it. a: 20 → 14 (−6); c: 20 → 21 (+1); difference −7.
        let teams = [team("a", programs: ["p"]), team("c")]
        let (s, r) = site(teams, ["2025-Q4/a": ["t": 20], "2026-Q1/a": ["t": 10], "2026-Q2/a": ["t": 14],
                                  "2025-Q4/c": ["t": 20], "2026-Q1/c": ["t": 20], "2026-Q2/c": ["t": 21]])
        let p = try #require(s.program("p"))
        let i = ProgramMath.impact(program: p, kpi: "t", site: s, report: r)
        #expect(i.periodsSinceStart == 2)
        #expect(!i.tooEarly)
        #expect(i.latest?.text == "2026-Q2")
        #expect(i.difference == -7)
        // avoided = 7 / 100 × 10 = 0.7; savings 0.7 × 5,000 = 3,500; cost 100 × 10 = 1,000 → ROI 250%
        let roi = try #require(ProgramMath.roi(program: p, site: s, report: r, enrolledHeadcount: 10))
        #expect(abs(roi.roiPercent - 250) < 1e-9)
    }

    @Test func startedOnThePeriodsLastDayDoesNotCountThatPeriod() throws {
        // Started 2026-03-31: baseline 2025-Q4 (ends before), 2026-Q1 ends on the start day, only 2026-Q2 ends after.
        let (s, r) = site([team("a", programs: ["p"]), team("c")], [
            "2025-Q4/a": ["t": 20], "2026-Q1/a": ["t": 18], "2026-Q2/a": ["t": 14],
            "2025-Q4/c": ["t": 20], "2026-Q1/c": ["t": 20], "2026-Q2/c": ["t": 21]], started: "2026-03-31")
        let i = ProgramMath.impact(program: try #require(s.program("p")), kpi: "t", site: s, report: r)
        #expect(i.baseline?.text == "2025-Q4")
        #expect(i.periodsSinceStart == 1)
        #expect(i.tooEarly)
    }

    @Test func missingValuesOnOneSide() throws {
        let (s, r) = site([team("a", programs: ["p"]), team("b")], ["2025-Q4/a": ["t": 20], "2026-Q2/b": ["t": 16], "2025-Q4/b": ["t": 15]])
        let p = try #require(s.program("p"))
        let i = ProgramMath.impact(program: p, kpi: "t", site: s, report: r)
        #expect(i.enrolledTeams == 0)
        #expect(i.difference == nil)
        #expect(i.missingReason == "no enrolled team has values in both periods")
    }

    @Test func roiNeedsCostAndSettings() throws {
        let values: [String: [String: Double]] = ["2025-Q4/a": ["t": 20], "2026-Q2/a": ["t": 16], "2025-Q4/b": ["t": 20], "2026-Q2/b": ["t": 20]]
        let (s1, r1) = site([team("a", programs: ["p"]), team("b")], values, cost: nil)
        let p1 = try #require(s1.program("p"))
        #expect(ProgramMath.roi(program: p1, site: s1, report: r1, enrolledHeadcount: 10) == nil)
        let (s2, r2) = site([team("a", programs: ["p"]), team("b")], values, replacement: nil)
        let p2 = try #require(s2.program("p"))
        #expect(ProgramMath.roi(program: p2, site: s2, report: r2, enrolledHeadcount: 10) == nil)
        let (s3, r3) = site([team("a", programs: ["p"]), team("b")], values)
        let p3 = try #require(s3.program("p"))
        #expect(ProgramMath.roi(program: p3, site: s3, report: r3, enrolledHeadcount: 0) == nil)
        #expect(ProgramMath.roi(program: p3, site: s3, report: r3, enrolledHeadcount: 10) != nil, "with all of them there is one")
    }
}

@Suite(.temporaryFolders) struct ProgramSiteTests {

    @Test func programsCSV() throws {
        let out = try Fixture.buildBasic()
        #expect(read(out + "/data/programs.csv").components(separatedBy: "\r\n") == [
            "program,kpi,enrolled_teams,baseline_period,latest_period,enrolled_change,other_change,difference",
            "coaching,csat,,,2026-Q2,,,",
            // Started 2026-04-01: only 2026-Q2 ends after it, too early (version 2): the baseline and
            // the enrolled team with a baseline value stay, latest and the changes are empty.
            // (Before version 2: "mentoring,csat,1,2026-Q1,2026-Q2,4,-1.75,5.75".)
            "mentoring,csat,1,2026-Q1,,,,",
            "mentoring,turnover,1,2026-Q1,,,,",
            "",
        ])
    }

    @Test func comparisonTableAndPairs() throws {
        let out = try Fixture.buildBasic()
        let index = read(out + "/programs/index.html")
        #expect(index.contains("£15,006"), "annual cost: £1,250.50 × 12 people")
        #expect(index.contains("£0"), "coaching has nobody enrolled")
        #expect(index.contains("<strong>Customer Satisfaction</strong>: <span class=\"meta\">Too early to estimate: only one KPI period has ended since the program started, and two are needed</span>"))
        #expect(index.contains("<strong>Estimated ROI</strong>: <span class=\"meta\">too early to estimate</span>"))
        #expect(index.contains("Not enough data: no KPI period ends before the program started"))
        #expect(index.contains("href=\"../programs/compare/coaching-vs-mentoring/index.html\">Coaching vs Mentoring</a>"))
        #expect(index.contains("<div class=\"table-scroll\""))
        #expect(index.contains("Compare with <span class=\"compare-item\"><a href=\"../programs/compare/coaching-vs-mentoring/index.html\">Mentoring</a></span>"), "linked from the table; a comma between links comes from the style sheet")
        let compare = read(out + "/programs/compare/coaching-vs-mentoring/index.html")
        #expect(compare.contains("Coaching costs £951 less a year"), "£300 vs £1,250.50, in whole pounds")
        #expect(compare.contains("<th scope=\"row\">Frequency</th>"))
        #expect(!compare.contains("<th scope=\"row\">Strengths"), "both list the same strengths")
        #expect(compare.contains("The same for both: Strengths"))
        #expect(read(out + "/programs/coaching/index.html").contains("href=\"../../programs/compare/coaching-vs-mentoring/index.html\""))
        #expect(read(out + "/programs/mentoring/index.html").contains("href=\"../../programs/compare/coaching-vs-mentoring/index.html\""))
    }

    /// Version 2: every page whose figures a CSV export holds links it, relative, resolving to the file on disk.
    @Test func csvLinksFromThePagesWithTheirFigures() throws {
        let out = try Fixture.buildBasic()
        let pages: [(String, String)] = [
            ("programs/index.html", "../data/programs.csv"),
            ("programs/mentoring/index.html", "../../data/programs.csv"),
            ("programs/compare/coaching-vs-mentoring/index.html", "../../../data/programs.csv"),
            ("kpis/index.html", "../data/kpis.csv"),
            ("kpis/csat/index.html", "../../data/kpis.csv"),
            ("surveys/index.html", "../data/surveys.csv"),
            ("surveys/2026-Q2/index.html", "../../data/surveys.csv"),
        ]
        for (page, href) in pages {
            #expect(read(out + "/" + page).contains("<a href=\"\(href)\" download>Download the figures (CSV)</a>"), "\(page)")
            let target = URL(fileURLWithPath: out + "/" + page).deletingLastPathComponent().appendingPathComponent(href).standardized.path
            #expect(FileManager.default.fileExists(atPath: target), "\(page) → \(href)")
        }
    }

    @Test func programPageTooEarly() throws {
        let out = try Fixture.buildBasic()
        let page = read(out + "/programs/mentoring/index.html")
        #expect(page.contains("observational evidence"))
        #expect(page.contains("<td colspan=\"4\" class=\"meta\">Too early to estimate: only one KPI period has ended since the program started, and two are needed</td>"))
        #expect(page.contains("<p class=\"meta\">Too early to estimate: fewer than two KPI periods have ended since the program started.</p>"))
        #expect(!page.contains("class=\"big\""), "no ROI figure")
        #expect(page.contains("aria-label=\"Customer Satisfaction for Alpha Support by period: 2026-Q1: 80.0%, 2026-Q2: 84.0%\""))
        let coaching = read(out + "/programs/coaching/index.html")
        #expect(coaching.contains("Not enough data for an ROI estimate"))
    }
}
