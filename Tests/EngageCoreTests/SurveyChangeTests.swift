import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageCore

/// Two surveys of three teams (threshold 3), figures worked out by hand.
///
/// 2026-Q1: a 4 responses, b 10, c 2. c is below the threshold; the organisation (16) minus b
/// leaves a and c (6) but minus a and b would leave c's 2, so a is suppressed too.
/// 2026-Q2: a 5, b 10, c 5, all published.
enum TwoSurveys {
    static let q1 = """
    period: 2026-Q1
    title: First pulse
    questions:
      - id: proud
        text: I am proud to work here.
        factor: Engagement
      - id: grow
        text: I can grow here.
        factor: Growth
      - id: rec
        text: Recommend?
        type: enps
    teams:
      a:
        responses: 4
        answers:
          proud: [0, 1, 1, 1, 1]
          rec: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0]
      b:
        responses: 10
        answers:
          proud: [0, 0, 2, 4, 4]
          grow: [0, 0, 0, 1, 1]
          rec: [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2]
      c:
        responses: 2
        answers:
          proud: [0, 0, 0, 1, 1]
          rec: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]

    """
    static let q2 = """
    period: 2026-Q2
    title: Second pulse
    questions:
      - id: proud
        text: I am proud to work here.
        factor: Engagement
      - id: grow
        text: I can grow here.
        factor: Growth
      - id: rec
        text: Recommend?
        type: enps
    teams:
      a:
        responses: 5
        answers:
          proud: [0, 0, 1, 2, 2]
          rec: [0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2]
      b:
        responses: 10
        answers:
          proud: [1, 1, 1, 3, 4]
          grow: [0, 0, 1, 1, 1]
          rec: [0, 0, 0, 0, 0, 0, 3, 0, 0, 3, 4]
      c:
        responses: 5
        answers:
          proud: [0, 0, 0, 0, 5]
          rec: [0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 2]

    """
    static var files: [String: String] {
        [
            "src/content/site.yml": "title: T\norganization: Org\nanonymity_threshold: 3\n",
            "src/content/teams/a.md": "---\nname: Team A\n---\n",
            "src/content/teams/b.md": "---\nname: Team B\n---\n",
            "src/content/teams/c.md": "---\nname: Team C\n---\n",
            "src/content/surveys/2026-Q1.yml": q1,
            "src/content/surveys/2026-Q2.yml": q2,
        ]
    }
}

@Suite struct SurveyChangeTests {
    func reports() throws -> SiteReports {
        let loaded = load(TwoSurveys.files)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.messages)")
        return SiteReports(site: try #require(loaded.site))
    }

    @Test func thePreviousSurveyIsTheLatestEarlierOne() throws {
        let r = try reports()
        #expect(r.surveyChanges["2026-Q1"] == nil)
        #expect(r.surveyChanges["2026-Q2"]?.previous == "2026-Q1")
        #expect(r.neighbours(ofSurvey: "2026-Q1").previous == nil)
        #expect(r.neighbours(ofSurvey: "2026-Q1").next?.survey.period.text == "2026-Q2")
        #expect(r.neighbours(ofSurvey: "2026-Q2").previous?.survey.period.text == "2026-Q1")
        #expect(r.neighbours(ofSurvey: "2026-Q2").next == nil)
    }

    @Test func changesOnlyWhereTheGroupIsPublishedInBoth() throws {
        let r = try reports()
        let q1 = try #require(r.survey(period: "2026-Q1"))
        #expect(q1.suppressed == [.team("a"), .team("c")])
        let c = try #require(r.surveyChanges["2026-Q2"])
        // Organisation: proud 12/16 = 75% → 16/20 = 80%: +5; eNPS (7 − 3)/16 = 25 → (16 − 4)/20 = 60: +35.
        #expect(c.questions[.organization] == ["proud": 5, "rec": 35])
        #expect(c.factors[.organization] == ["Engagement": 5])
        #expect(c.enps[.organization] == 35)
        // Team b: proud 8/10 = 80% → 7/10 = 70%: −10; eNPS (4 − 2)/10 = 20 → (7 − 3)/10 = 40: +20.
        #expect(c.questions[.team("b")] == ["proud": -10, "rec": 20])
        #expect(c.factors[.team("b")] == ["Engagement": -10])
        #expect(c.enps[.team("b")] == 20)
        // a and c were suppressed in Q1: no change for them at all.
        #expect(c.questions[.team("a")] == nil && c.questions[.team("c")] == nil)
        #expect(c.factors[.team("a")] == nil && c.enps[.team("c")] == nil)
    }

    @Test func noChangeWhereTheQuestionWasSuppressedInEitherSurvey() throws {
        let r = try reports()
        // grow: answered by 2 in Q1 (b and the organisation both suppressed for it), by 3 in Q2.
        #expect(r.survey(period: "2026-Q1")?.isShown("grow", for: .team("b")) == false)
        #expect(r.survey(period: "2026-Q2")?.isShown("grow", for: .team("b")) == true)
        let c = try #require(r.surveyChanges["2026-Q2"])
        #expect(c.question("grow", for: .team("b")) == nil)
        #expect(c.question("grow", for: .organization) == nil)
        #expect(c.factor("Growth", for: .team("b")) == nil)
    }

    @Test func aChangeIsRoundedFromTheExactShares() throws {
        // Now 1 of 8 favourable (12.5%, published 13); before 1 of 9 (11.1%, published 11):
        // 1.39 points, so +1, not 13 − 11 = 2.
        let now = try #require(SurveyMath.score([7, 0, 0, 1, 0], kind: .likert))
        let before = try #require(SurveyMath.score([8, 0, 0, 1, 0], kind: .likert))
        #expect(now.favourable - before.favourable == 2)
        #expect(SurveyChange.questionChange(now, before, kind: .likert) == 1)
        // eNPS: (1 − 0)/8 = 12.5 (published 13) against (1 − 0)/9 = 11.1 (11): +1.
        var a = [Int](repeating: 0, count: 11); a[7] = 7; a[9] = 1
        var b = [Int](repeating: 0, count: 11); b[7] = 8; b[10] = 1
        let e1 = try #require(SurveyMath.score(a, kind: .enps)), e0 = try #require(SurveyMath.score(b, kind: .enps))
        #expect(SurveyChange.questionChange(e1, e0, kind: .enps) == 1)
        // Half a point rounds away from zero: 5/8 = 62.5% against 60%.
        let h1 = try #require(SurveyMath.score([3, 0, 0, 5, 0], kind: .likert)), h0 = try #require(SurveyMath.score([2, 0, 0, 3, 0], kind: .likert))
        #expect(SurveyChange.questionChange(h1, h0, kind: .likert) == 3)
        #expect(SurveyChange.questionChange(h0, h1, kind: .likert) == -3)
    }
}

/// The change as the build writes it: `surveys.csv` and the pages.
@Suite struct SurveyChangeOutputTests {
    static func render(_ files: [String: String]) throws -> [String: String] {
        var timings = Timings()
        let built = Engine(source: "src", fileSystem: MemoryFileSystem(files: files)).render(timings: &timings)
        let out = try #require(built.files, "\(built.diagnostics)")
        return Dictionary(uniqueKeysWithValues: out.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
    }

    @Test func surveysCSVEndsWithTheChangeWhereBothSurveysPublishTheFigure() throws {
        let out = try Self.render(TwoSurveys.files)
        let lines = try #require(out["data/surveys.csv"]).components(separatedBy: "\r\n")
        #expect(lines.first == "period,scope,group,question,status,responses,participation_pct,favourable_pct,neutral_pct,unfavourable_pct,enps,change_pts")
        // The first survey has nothing to compare with.
        #expect(lines.filter { $0.hasPrefix("2026-Q1,") }.allSatisfy { $0.hasSuffix(",") })
        #expect(lines.contains("2026-Q1,team,a,proud,suppressed,,,,,,,"))
        let q2 = lines.filter { $0.hasPrefix("2026-Q2,") }
        #expect(q2 == [
            "2026-Q2,organization,organization,proud,shown,20,,80,10,10,,5",
            "2026-Q2,organization,organization,grow,shown,20,,67,33,0,,",     // suppressed in Q1
            "2026-Q2,organization,organization,rec,shown,20,,80,0,20,60,35",  // eNPS points
            "2026-Q2,team,a,proud,shown,5,,80,20,0,,",                         // a suppressed in Q1
            "2026-Q2,team,a,grow,suppressed,,,,,,,",
            "2026-Q2,team,a,rec,shown,5,,100,0,0,100,",
            "2026-Q2,team,b,proud,shown,10,,70,10,20,,-10",
            "2026-Q2,team,b,grow,shown,10,,67,33,0,,",
            "2026-Q2,team,b,rec,shown,10,,70,0,30,40,20",
            "2026-Q2,team,c,proud,shown,5,,100,0,0,,",
            "2026-Q2,team,c,grow,suppressed,,,,,,,",
            "2026-Q2,team,c,rec,shown,5,,80,0,20,60,",
        ])
    }
}

extension SurveyChangeOutputTests {
    @Test func pagesLinkSurveysAndShowChangesAndTheOrganisationsFigure() throws {
        let out = try Self.render(TwoSurveys.files)
        let q1 = try #require(out["surveys/2026-Q1/index.html"]), q2 = try #require(out["surveys/2026-Q2/index.html"])
        #expect(q1.contains("rel=\"next\">Next survey: Second pulse (2026-Q2) →</a>"))
        #expect(!q1.contains("rel=\"prev\"") && !q1.contains("id=\"heatmap-change\""))
        #expect(q2.contains("rel=\"prev\">← Previous survey: First pulse (2026-Q1)</a>"))
        #expect(q2.contains("<h2 id=\"heatmap-change\"><span id=\"heatmap-change-title\">Heatmap: change since 2026-Q1</span>"))
        // Team b's row of the change table: Engagement −10, Growth none, eNPS +20.
        let change = q2.components(separatedBy: "id=\"heatmap-change\"").last ?? ""
        let rowB = change.components(separatedBy: ">Team B</a>").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
        #expect(rowB.contains("<td class=\"heat-down2\">−10</td>"), "\(rowB)")
        #expect(rowB.contains("<td class=\"heat-up2\">+20</td>"), "\(rowB)")
        #expect(q2.contains("<span class=\"meta\">organisation</span>") && !q2.contains("<span class=\"meta\">organization</span>"))
        // The organisation's question rows carry their change.
        #expect(q2.contains("<span class=\"change\">+5 pts since 2026-Q1</span>"))
        #expect(q2.contains("<span class=\"change\">+35 since 2026-Q1</span>"), "eNPS points")
        // grow was suppressed in Q1: its row has no change (and nothing from the page's context leaks in).
        let grow = q2.components(separatedBy: "I can grow here.").dropFirst().first?.components(separatedBy: "</li>").first ?? ""
        #expect(grow.contains("67%") && !grow.contains("class=\"change\""), "\(grow)")
        // The organisation's row of the change table is not a link (to the previous survey or anywhere).
        #expect(change.contains("<th scope=\"row\">Org <span class=\"meta\">organisation</span></th>"))
        #expect(q2.components(separatedBy: "Also: <a href=\"#heatmap-change\">").count == 2, "said once")
        // Team b's page: the organisation's figures beside its own, changes since Q1.
        let b = try #require(out["teams/b/index.html"])
        #expect(b.contains("<th scope=\"col\">Organisation</th>"))
        #expect(b.contains("<td>70%</td><td>80%</td><td><span class=\"trend trend-worse\">−10 pts since 2026-Q1</span></td>"), "\(b)")
        #expect(b.contains("40 <span class=\"meta\">(+20 since 2026-Q1)</span> <span class=\"meta\">· organisation +60</span>"))
        #expect(b.contains("<span class=\"org-figure\">organisation 80% favourable</span>"))
        // Team a was suppressed in Q1: no change on its page.
        let a = try #require(out["teams/a/index.html"])
        #expect(!a.contains("since 2026-Q1"))
    }
}
