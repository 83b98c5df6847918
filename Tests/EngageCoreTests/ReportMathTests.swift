import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

@Suite struct PeriodTests {
    @Test func parsesEveryGranularity() {
        #expect(Period("2026")?.granularity == .year)
        #expect(Period("2026-H2")?.firstMonth == 7)
        #expect(Period("2026-Q3")?.lastMonth == 9)
        #expect(Period("2026-03")?.granularity == .month)
        for bad in ["26-Q1", "2026-Q5", "2026-H3", "2026-13", "2026-1", "2026-q1", "Q1-2026", "2026-Q1-x", ""] {
            #expect(Period(bad) == nil, "\(bad)")
        }
    }

    @Test func sortsChronologically() {
        let sorted = ["2026-Q1", "2025-Q4", "2026-Q3", "2025-Q1", "2026-Q2"].compactMap(Period.init).sorted().map(\.text)
        #expect(sorted == ["2025-Q1", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"])
        #expect(["2026-10", "2026-02", "2025-12"].compactMap(Period.init).sorted().map(\.text) == ["2025-12", "2026-02", "2026-10"])
        #expect(["2026-H2", "2026-H1", "2025-H2"].compactMap(Period.init).sorted().map(\.text) == ["2025-H2", "2026-H1", "2026-H2"])
    }

    @Test func endsBefore() {
        #expect(Period("2025-Q3")?.ends(before: "2025-10-01") == true)
        #expect(Period("2025-Q3")?.ends(before: "2025-09-30") == false)
        #expect(Period("2025-Q4")?.ends(before: "2025-10-01") == false)
        #expect(Period("2025")?.ends(before: "2026-01-01") == true)
        #expect(Period("2026-01")?.ends(before: "2026-02-15") == true)
    }
}

@Suite struct KPIMathTests {
    @Test func statusFollowsBetterAndTolerance() {
        #expect(KPIMath.status(85, target: 85, tolerance: 3, better: .higher) == .onTrack)
        #expect(KPIMath.status(84.9, target: 85, tolerance: 3, better: .higher) == .atRisk)
        #expect(KPIMath.status(82, target: 85, tolerance: 3, better: .higher) == .atRisk)
        #expect(KPIMath.status(81.9, target: 85, tolerance: 3, better: .higher) == .offTrack)
        #expect(KPIMath.status(6.5, target: 7, tolerance: 1, better: .lower) == .onTrack)
        #expect(KPIMath.status(8, target: 7, tolerance: 1, better: .lower) == .atRisk)
        #expect(KPIMath.status(8.01, target: 7, tolerance: 1, better: .lower) == .offTrack)
        #expect(KPIMath.status(90, target: nil, tolerance: 3, better: .higher) == .noTarget)
        #expect(KPIMath.status(84, target: 85, tolerance: nil, better: .higher) == .offTrack)
        #expect(KPIMath.status(0.1 + 0.2, target: 0.3, tolerance: nil, better: .lower) == .onTrack, "binary noise is not a miss")
    }

    @Test func changeIsWordedByDirection() {
        #expect(KPIMath.improved(from: 7.5, to: 6.8, better: .lower) == true)
        #expect(KPIMath.improved(from: 80, to: 84, better: .higher) == true)
        #expect(KPIMath.improved(from: 80, to: 79, better: .higher) == false)
        #expect(KPIMath.improved(from: 80, to: 80, better: .higher) == nil)
    }

    @Test func rollUpsAreHeadcountWeighted() {
        let r = KPIMath.rollUp([(80, 12), (90, 8)])
        #expect(r == KPIMath.RollUp(value: 84, weighted: true, teams: 2))
        let unweighted = KPIMath.rollUp([(80, 12), (90, nil)])
        #expect(unweighted == KPIMath.RollUp(value: 85, weighted: false, teams: 2))
        #expect(KPIMath.rollUp([(80, 0), (90, 0)])?.weighted == false)
        #expect(KPIMath.rollUp([]) == nil)
    }

    @Test func rounding() {
        #expect(Numbers.round(2.675, 2) == 2.68)
        #expect(Numbers.round(12.5, 0) == 13)
        #expect(Numbers.round(-12.5, 0) == -13)
        #expect(Numbers.plain(85.48) == "85.48")
        #expect(Numbers.plain(15.0) == "15")
        #expect(Format.number(1234567.891) == "1,234,567.89")
        #expect(Format.money(6500, currency: "GBP") == "£6,500")
        #expect(Format.money(-1250.5, currency: "CHF") == "−1,250.50 CHF")
    }
}

@Suite struct SurveyMathTests {
    @Test func likertShares() throws {
        let s = try #require(SurveyMath.score([1, 1, 3, 8, 6], kind: .likert))
        #expect(s.answered == 19)
        #expect((s.favourable, s.neutral, s.unfavourable) == (74, 16, 11))   // 73.68, 15.79, 10.53
        #expect(s.enps == nil)
    }

    @Test func halvesRoundAwayFromZero() throws {
        let s = try #require(SurveyMath.score([1, 0, 3, 1, 3], kind: .likert))   // 4/8 fav, 3/8 neutral, 1/8 unfav
        #expect((s.favourable, s.neutral, s.unfavourable) == (50, 38, 13))
    }

    @Test func enps() throws {
        // promoters 7/20 = 35%, passives 9/20 = 45%, detractors 4/20 = 20%
        let s = try #require(SurveyMath.score([0, 0, 0, 1, 0, 1, 2, 4, 5, 4, 3], kind: .enps))
        #expect((s.favourable, s.neutral, s.unfavourable, s.enps) == (35, 45, 20, 15))
        // 5/14 − 3/14 = 14.29 → 14 (from exact shares; the rounded shares 36 − 21 would say 15)
        let t = try #require(SurveyMath.score([0, 0, 0, 1, 0, 0, 2, 3, 3, 3, 2], kind: .enps))
        #expect((t.favourable, t.unfavourable, t.enps) == (36, 21, 14))
        let negative = try #require(SurveyMath.score([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], kind: .enps))
        #expect(negative.enps == -50)
    }

    @Test func sharesAreOfThoseWhoAnswered() throws {
        #expect(SurveyMath.score([0, 0, 0, 0, 0], kind: .likert) == nil)
        #expect(SurveyMath.score([1, 2, 3], kind: .likert) == nil)
        let s = try #require(SurveyMath.score([0, 0, 1, 0, 1], kind: .likert))
        #expect(s.favourable == 50)
    }

    @Test func factorScoreIsTheMeanFavourable() throws {
        let a = try #require(SurveyMath.score([0, 0, 1, 1, 1], kind: .likert))   // 66.67
        let b = try #require(SurveyMath.score([1, 1, 0, 1, 0], kind: .likert))   // 33.33
        #expect(SurveyMath.factorScore([a, b]) == 50)
        #expect(SurveyMath.factorScore([a]) == 67)
        #expect(SurveyMath.factorScore([]) == nil)
    }

    @Test func participation() {
        #expect(SurveyMath.participation(responses: 19, invited: 24) == 79)
        #expect(SurveyMath.participation(responses: 3, invited: nil) == nil)
        #expect(SurveyMath.participation(responses: 0, invited: 0) == nil)
    }
}

@Suite struct PlainNumberTests {
    @Test func valuesFromTheDataInTheirShortestPlainForm() {
        for (written, plain) in [("8.5e1", "85"), ("+85", "85"), ("085", "85"), ("85.0", "85"), ("1.23456", "1.23456"),
                                 ("1e-7", "0.0000001"), ("-0.0", "0"), (".5", "0.5"), ("5.", "5"), ("-007.250", "-7.25"),
                                 ("1.5E+3", "1500"), ("12e-1", "1.2"), ("0", "0"), (" 6.0 ", "6")] {
            #expect(PlainNumber.decimal(written) == plain, "\(written)")
        }
        for notDecimal in ["0x55", "1_000", ".inf", "", "1e", "1.2.3", "e5", "--1"] {
            #expect(PlainNumber.decimal(notDecimal) == nil, "\(notDecimal)")
        }
    }

    @Test func otherNumeralsFallBackToTheValue() {
        #expect(PlainNumber.csv(text: "0x55", value: 85) == "85")
        #expect(PlainNumber.csv(text: nil, value: 1e-7) == "0.0000001")
        #expect(PlainNumber.csv(text: nil, value: 1e21) == "1000000000000000000000")
        #expect(PlainNumber.csv(text: nil, value: 0.1 + 0.2) == "0.30000000000000004", "the value's own shortest digits")
        #expect(PlainNumber.csv(text: "85", value: 86) == "86", "text that is not the value is not trusted")
    }
}
