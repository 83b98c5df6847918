/// The change of one survey's published figures since the previous survey (the latest earlier
/// one), per group × factor and per group × question.
///
/// A change exists only where both figures are published: the group is published in both
/// surveys, and the question is shown for it in both (for a factor: the factor's cell is shown in
/// both). A change is never computed from a suppressed figure, so it can't reveal one: with one
/// side published, a change would give away the other. Changes are computed from the exact
/// shares and rounded at the end (half away from zero): favourable points for likert questions
/// and factors, eNPS points for eNPS questions.
public struct SurveyChange: Sendable, Equatable {
    /// The periods compared: `current` against `previous`.
    public var current: String, previous: String
    /// Group → factor → change in favourable points.
    public var factors: [GroupID: [String: Int]]
    /// Group → question id → change in favourable points (likert) or eNPS points (eNPS).
    public var questions: [GroupID: [String: Int]]
    /// Group → change in the group's eNPS (the survey's first eNPS question; the same question id
    /// must be the first eNPS question of both surveys).
    public var enps: [GroupID: Int]

    public init(current: SurveyReport, previous: SurveyReport) {
        self.current = current.survey.period.text
        self.previous = previous.survey.period.text
        var factors: [GroupID: [String: Int]] = [:], questions: [GroupID: [String: Int]] = [:], enps: [GroupID: Int] = [:]
        let firstENPS = current.survey.questions.first { $0.kind == .enps }?.id
        let previousFirstENPS = previous.survey.questions.first { $0.kind == .enps }?.id
        for (id, now) in current.groups where now.published {
            guard let before = previous.groups[id], before.published else { continue }
            for q in current.survey.questions {
                guard let p = previous.survey.questions.first(where: { $0.id == q.id }), p.kind == q.kind,
                      let a = now.questions[q.id], let b = before.questions[q.id],
                      let d = SurveyChange.questionChange(a, b, kind: q.kind) else { continue }
                questions[id, default: [:]][q.id] = d
                if q.id == firstENPS, q.id == previousFirstENPS { enps[id] = d }
            }
            let previousFactors = Set(previous.survey.factors)
            for f in current.survey.factors where previousFactors.contains(f) {
                guard now.factors[f] != nil, before.factors[f] != nil,
                      let a = SurveyChange.factorExact(f, current.survey, now),
                      let b = SurveyChange.factorExact(f, previous.survey, before) else { continue }
                factors[id, default: [:]][f] = SurveyChange.points(a - b)
            }
        }
        self.factors = factors
        self.questions = questions
        self.enps = enps
    }

    /// The change of a question between two published scores: favourable points (likert) or eNPS
    /// points (eNPS), from the exact shares, rounded.
    public static func questionChange(_ now: QuestionScore, _ before: QuestionScore, kind: Survey.Question.Kind) -> Int? {
        switch kind {
        case .likert: return points(now.favourableExact - before.favourableExact)
        case .enps:
            guard let a = now.enpsExact, let b = before.enpsExact else { return nil }
            return points(a - b)
        }
    }

    /// A factor cell's exact value for a published group: the mean of the exact favourable shares
    /// of the factor's questions shown for it (nil when none is).
    public static func factorExact(_ factor: String, _ survey: Survey, _ group: SurveyReport.GroupResult) -> Double? {
        SurveyMath.factorExact(survey.questions.filter { $0.factor == factor && $0.kind == .likert }.compactMap { group.questions[$0.id] })
    }

    /// Whole points, half away from zero.
    public static func points(_ exact: Double) -> Int { Int(Numbers.round(exact, 0)) }

    public func factor(_ factor: String, for id: GroupID) -> Int? { factors[id]?[factor] }
    public func question(_ question: String, for id: GroupID) -> Int? { questions[id]?[question] }
}

extension SurveyChange {
    /// Period → its change since the previous survey, for reports sorted oldest first.
    public static func all(_ reports: [SurveyReport]) -> [String: SurveyChange] {
        var out: [String: SurveyChange] = [:]
        for (i, r) in reports.enumerated() where i > 0 {
            out[r.survey.period.text] = SurveyChange(current: r, previous: reports[i - 1])
        }
        return out
    }
}
