/// An engagement survey: questions and, per team, counts of answers per option.
public struct Survey: Sendable, Equatable {
    public struct Question: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case likert, enps
            /// Number of answer options: 1..5 or 0..10.
            public var options: Int { self == .likert ? 5 : 11 }
        }
        public var id: String
        public var text: String
        public var factor: String?
        public var kind: Kind

        package init(id: String, text: String, factor: String? = nil, kind: Kind) {
            self.id = id
            self.text = text
            self.factor = factor
            self.kind = kind
        }
    }

    public struct TeamAnswers: Sendable, Equatable {
        public var team: String
        public var invited: Int?
        public var responses: Int
        /// Question id → count per option.
        public var answers: [String: [Int]]

        package init(team: String, invited: Int? = nil, responses: Int, answers: [String: [Int]]) {
            self.team = team
            self.invited = invited
            self.responses = responses
            self.answers = answers
        }
    }

    public var period: Period
    public var title: String
    public var questions: [Question]
    /// Sorted by team slug.
    public var teams: [TeamAnswers]

    package init(period: Period, title: String, questions: [Question], teams: [TeamAnswers]) {
        self.period = period
        self.title = title
        self.questions = questions
        self.teams = teams
    }

    /// Factors in order of first appearance (likert questions only: eNPS has no favourable share).
    public var factors: [String] {
        var seen: [String] = []
        for q in questions where q.kind == .likert {
            if let f = q.factor, !seen.contains(f) { seen.append(f) }
        }
        return seen
    }
}

/// A group survey results are published for.
public enum GroupID: Sendable, Hashable, Comparable, CustomStringConvertible {
    case organization
    case department(String)
    case team(String)

    public var scope: String {
        switch self {
        case .organization: return "organization"
        case .department: return "department"
        case .team: return "team"
        }
    }

    /// The CSV `group` column: the slug, or "organization".
    public var name: String {
        switch self {
        case .organization: return "organization"
        case .department(let s), .team(let s): return s
        }
    }

    public var description: String { "\(scope):\(name)" }

    private var rank: Int {
        switch self {
        case .organization: return 0
        case .department: return 1
        case .team: return 2
        }
    }

    public static func < (a: GroupID, b: GroupID) -> Bool { (a.rank, a.name) < (b.rank, b.name) }
}

/// The summed answers of one group.
public struct GroupAnswers: Sendable, Equatable {
    public var responses: Int
    /// Nil when any team in the group has no `invited` count.
    public var invited: Int?
    public var answers: [String: [Int]]

    public static func sum(_ teams: [Survey.TeamAnswers], questions: [Survey.Question]) -> GroupAnswers {
        var answers: [String: [Int]] = [:]
        for q in questions {
            var total = [Int](repeating: 0, count: q.kind.options)
            for t in teams {
                for (i, c) in (t.answers[q.id] ?? []).enumerated() where i < total.count { total[i] += c }
            }
            answers[q.id] = total
        }
        let invited: Int? = teams.allSatisfy { $0.invited != nil } && !teams.isEmpty ? teams.compactMap(\.invited).reduce(0, +) : nil
        return GroupAnswers(responses: teams.map(\.responses).reduce(0, +), invited: invited, answers: answers)
    }
}

/// Published figures for one question in one group. Percentages are whole numbers.
public struct QuestionScore: Sendable, Equatable {
    /// People who answered the question.
    public var answered: Int
    /// Likert: favourable (4–5), neutral (3), unfavourable (1–2). eNPS: promoters, passives, detractors.
    public var favourable: Int
    public var neutral: Int
    public var unfavourable: Int
    /// eNPS questions only: %promoters − %detractors, from the exact shares, then rounded.
    public var enps: Int?
    /// Exact favourable share (0...100), for factor means.
    public var favourableExact: Double
    /// eNPS questions only: the exact eNPS (exact %promoters − exact %detractors), for changes.
    public var enpsExact: Double? = nil
}

public enum SurveyMath {
    /// Whole-number percentage, half away from zero.
    public static func percent(_ part: Int, of whole: Int) -> Int {
        guard whole > 0 else { return 0 }
        return Int(Numbers.round(Double(part) * 100 / Double(whole), 0))
    }

    /// Scores for one question from its counts; nil when nobody answered it.
    public static func score(_ counts: [Int], kind: Survey.Question.Kind) -> QuestionScore? {
        let total = counts.reduce(0, +)
        guard total > 0, counts.count == kind.options else { return nil }
        let (fav, neu, unf): (Int, Int, Int)
        switch kind {
        case .likert:
            fav = counts[3] + counts[4]; neu = counts[2]; unf = counts[0] + counts[1]
        case .enps:
            fav = counts[9] + counts[10]; neu = counts[7] + counts[8]; unf = counts[0...6].reduce(0, +)
        }
        let exactFav = Double(fav) * 100 / Double(total)
        let exactUnf = Double(unf) * 100 / Double(total)
        return QuestionScore(answered: total, favourable: percent(fav, of: total), neutral: percent(neu, of: total),
                             unfavourable: percent(unf, of: total),
                             enps: kind == .enps ? Int(Numbers.round(exactFav - exactUnf, 0)) : nil,
                             favourableExact: exactFav, enpsExact: kind == .enps ? exactFav - exactUnf : nil)
    }

    /// Mean favourable share of a factor's questions (those answered), rounded.
    public static func factorScore(_ scores: [QuestionScore]) -> Int? {
        factorExact(scores).map { Int(Numbers.round($0, 0)) }
    }

    /// Mean favourable share of a factor's questions (those answered), unrounded.
    public static func factorExact(_ scores: [QuestionScore]) -> Double? {
        guard !scores.isEmpty else { return nil }
        return scores.map(\.favourableExact).reduce(0, +) / Double(scores.count)
    }

    /// responses / invited as a whole-number percentage.
    public static func participation(responses: Int, invited: Int?) -> Int? {
        guard let invited, invited > 0 else { return nil }
        return percent(responses, of: invited)
    }
}
