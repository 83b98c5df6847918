import Foundation

/// One survey's published figures for every group, after anonymity suppression.
public struct SurveyReport: Sendable {
    public struct GroupResult: Sendable, Equatable {
        public var id: GroupID
        public var published: Bool
        /// Nil whenever the group is suppressed: suppressed figures are never computed for output.
        public var responses: Int?
        public var participation: Int?
        /// Only the questions shown for this group: a question suppressed for it has no entry.
        public var questions: [String: QuestionScore]
        /// Means of the shown questions' exact favourable shares; a factor with none shown has no entry.
        public var factors: [String: Int]
        /// eNPS of the survey's first eNPS question, when that question is shown for the group.
        public var enps: Int?
        /// Ids of the questions suppressed for this published group (fewer answers than the
        /// threshold, or recoverable by subtraction); empty for a suppressed group.
        public var suppressedQuestions: Set<String> = []
    }

    public let survey: Survey
    public let threshold: Int
    public let groups: [GroupID: GroupResult]
    /// Organisation, then each department followed by its teams, then teams without a department.
    public let order: [GroupID]
    public let suppressed: Set<GroupID>
    /// Groups suppressed because they have fewer responses than the threshold (the rest of
    /// `suppressed` is complementary suppression).
    public let belowThreshold: Set<GroupID>
    /// Question id → the groups it is not shown for (every suppressed group included).
    public let questionSuppressed: [String: Set<GroupID>]
    /// Question id → the published groups where fewer than the threshold answered it (the rest of
    /// a question's suppressions in published groups is complementary).
    public let questionBelowThreshold: [String: Set<GroupID>]

    public init(survey: Survey, site: Site) {
        self.survey = survey
        threshold = site.config.anonymityThreshold
        let departmentOf: [String: String] = Dictionary(site.teams.compactMap { t in t.departmentSlug.map { (t.slug, $0) } },
                                                        uniquingKeysWith: { a, _ in a })
        let tree = Anonymity.tree(teams: survey.teams.map { ($0.team, departmentOf[$0.team], $0.responses) })
        let hidden = Anonymity.suppressed(tree, threshold: threshold)
        suppressed = hidden
        let limit = threshold
        belowThreshold = Set(tree.values.filter { $0.responses < limit }.map(\.id))

        // Per question: the same rule over the same tree, counting the people who answered it,
        // starting from the groups suppressed as a whole.
        var questionHidden: [String: Set<GroupID>] = [:]
        var questionBelow: [String: Set<GroupID>] = [:]
        for q in survey.questions {
            let qTree = Anonymity.tree(teams: survey.teams.map { t in (t.team, departmentOf[t.team], SurveyReport.answered(t, q)) })
            questionHidden[q.id] = Anonymity.suppressed(qTree, threshold: limit, alreadyHidden: hidden)
            questionBelow[q.id] = Set(qTree.values.filter { $0.responses < limit && !hidden.contains($0.id) }.map(\.id))
        }
        questionSuppressed = questionHidden
        questionBelowThreshold = questionBelow

        var members: [GroupID: [Survey.TeamAnswers]] = [.organization: survey.teams]
        for t in survey.teams {
            members[.team(t.team)] = [t]
            if let d = departmentOf[t.team] { members[.department(d), default: []].append(t) }
        }
        var results: [GroupID: GroupResult] = [:]
        let firstENPS = survey.questions.first { $0.kind == .enps }
        for (id, teams) in members {
            guard !hidden.contains(id) else {
                results[id] = GroupResult(id: id, published: false, responses: nil, participation: nil, questions: [:], factors: [:], enps: nil)
                continue
            }
            let sum = GroupAnswers.sum(teams, questions: survey.questions)
            var scores: [String: QuestionScore] = [:]
            var withheld: Set<String> = []
            for q in survey.questions {
                if questionHidden[q.id]?.contains(id) == true {
                    withheld.insert(q.id)
                } else if let s = SurveyMath.score(sum.answers[q.id] ?? [], kind: q.kind) {
                    scores[q.id] = s
                }
            }
            var factors: [String: Int] = [:]
            for f in survey.factors {
                let qs = survey.questions.filter { $0.factor == f && $0.kind == .likert }.compactMap { scores[$0.id] }
                factors[f] = SurveyMath.factorScore(qs)
            }
            results[id] = GroupResult(id: id, published: true, responses: sum.responses,
                                      participation: SurveyMath.participation(responses: sum.responses, invited: sum.invited),
                                      questions: scores, factors: factors, enps: firstENPS.flatMap { scores[$0.id]?.enps },
                                      suppressedQuestions: withheld)
        }
        groups = results

        var order: [GroupID] = [.organization]
        let surveyed = Set(survey.teams.map(\.team))
        for d in site.departments {
            let teams = d.teams.filter { surveyed.contains($0) }
            guard !teams.isEmpty else { continue }
            order.append(.department(d.slug))
            order += teams.map { .team($0) }
        }
        order += site.teams.filter { $0.department == nil && surveyed.contains($0.slug) }.map { .team($0.slug) }
        self.order = order
    }

    /// How many of a team's people answered a question (its counts as `GroupAnswers.sum` reads them).
    static func answered(_ team: Survey.TeamAnswers, _ q: Survey.Question) -> Int {
        (team.answers[q.id] ?? []).prefix(q.kind.options).reduce(0, +)
    }

    public func result(_ id: GroupID) -> GroupResult? { groups[id] }

    /// Whether a question is shown for a group (false for a suppressed group).
    public func isShown(_ question: String, for id: GroupID) -> Bool {
        groups[id]?.published == true && questionSuppressed[question]?.contains(id) != true
    }
}
