import EngageModel

/// A survey figure in a table cell: `suppressed`, and either `suppressed_text`, or `empty`, or
/// `value`, `heat`, `diff`, `partial`.
public struct SurveyCell: TemplateContext {
    public var suppressed = false, suppressed_text: String?, empty: Bool?
    public var value: String? = nil, heat: String? = nil, diff: String? = nil, partial: String? = nil
    /// Version 2: the row's group's actions on this factor (or eNPS question), on the survey page's heat map.
    public var figure_actions: [ActionNote] = []
    public static let fields: [String: @Sendable (SurveyCell) -> Any?] = [
        "figure_actions": { $0.figure_actions }, "suppressed": { $0.suppressed }, "suppressed_text": { $0.suppressed_text }, "empty": { $0.empty },
        "value": { $0.value }, "heat": { $0.heat }, "diff": { $0.diff }, "partial": { $0.partial },
    ]
    static let withheld = SurveyCell(suppressed: true, suppressed_text: SurveyText.suppressedQuestion)
    static let blank = SurveyCell(empty: true)
}

/// One question's answers (`question-bars.mustache`): `text`, `factor`, `is_enps`, `suppressed`,
/// and either `suppressed_text` or `favourable`, `neutral`, `unfavourable`, `labels` (`fav`,
/// `neu`, `unf`), `answered`, `bar`, `question_enps`, `change` (since the previous survey, where
/// both publish it), `org` (the organisation's figure, on team and department pages).
public struct QuestionRow: TemplateContext {
    public var text: String, factor: String? = nil, is_enps: Bool, suppressed: Bool, suppressed_text: String? = nil
    public var score: QuestionScore? = nil, labels: BarLabels? = nil, bar: String? = nil, change: String? = nil, org: String? = nil
    /// Version 2: the actions addressing this question (see `ActionNotes`).
    public var figure_actions: [ActionNote] = []
    public static let fields: [String: @Sendable (QuestionRow) -> Any?] = [
        "figure_actions": { $0.figure_actions },
        "text": { $0.text }, "factor": { $0.factor }, "is_enps": { $0.is_enps }, "suppressed": { $0.suppressed },
        "suppressed_text": { $0.suppressed_text }, "favourable": { $0.score?.favourable }, "neutral": { $0.score?.neutral },
        "unfavourable": { $0.score?.unfavourable }, "labels": { $0.labels }, "answered": { $0.score?.answered },
        "bar": { $0.bar }, "question_enps": { $0.score?.enps.map(Format.signed) }, "change": { $0.change }, "org": { $0.org },
    ]
}

/// `fav`, `neu`, `unf`: the names of a question's three answer groups.
public struct BarLabels: TemplateContext {
    public var fav: String, neu: String, unf: String
    public static let fields: [String: @Sendable (BarLabels) -> Any?] = ["fav": { $0.fav }, "neu": { $0.neu }, "unf": { $0.unf }]
}

/// One factor in a survey summary: `name`, `suppressed`, and either `suppressed_text` or
/// `score`, `partial`, `change`, `trend`, `org` (the organisation's cell, where published).
public struct FactorRow: TemplateContext {
    public var name: String, suppressed: Bool, suppressed_text: String? = nil
    public var score: Int? = nil, partial: String? = nil, change: String? = nil, trend: String? = nil, org: String? = nil
    /// Version 2: the group's actions addressing this factor.
    public var figure_actions: [ActionNote] = []
    public static let fields: [String: @Sendable (FactorRow) -> Any?] = [
        "org": { $0.org }, "figure_actions": { $0.figure_actions },
        "name": { $0.name }, "suppressed": { $0.suppressed }, "suppressed_text": { $0.suppressed_text },
        "score": { $0.score }, "partial": { $0.partial }, "change": { $0.change }, "trend": { $0.trend },
    ]
}

/// The latest survey a group appears in (`survey-summary.mustache`): `title`, `period`, `href`,
/// and either `suppressed_text`, or `published`, `responses`, `participation`, `enps`,
/// `enps_suppressed_text`, `factors`, `enps_change`, `org_enps`, `org_name`, and on team pages `questions`.
public struct SurveySummary: TemplateContext {
    public var org_enps: String? = nil, org_name: String? = nil
    public var title: String, period: String, href: String, suppressed_text: String? = nil
    public var published: Bool? = nil, responses: Int? = nil, participation: String? = nil, enps: String? = nil, enps_suppressed_text: String? = nil
    public var factors: [FactorRow]? = nil, enps_change: String? = nil, questions: [QuestionRow]? = nil
    public static let fields: [String: @Sendable (SurveySummary) -> Any?] = [
        "title": { $0.title }, "period": { $0.period }, "href": { $0.href }, "suppressed_text": { $0.suppressed_text },
        "published": { $0.published }, "responses": { $0.responses }, "participation": { $0.participation },
        "enps": { $0.enps }, "enps_suppressed_text": { $0.enps_suppressed_text }, "factors": { $0.factors },
        "enps_change": { $0.enps_change }, "questions": { $0.questions }, "org_enps": { $0.org_enps }, "org_name": { $0.org_name },
    ]
}

enum SurveyText {
    static let suppressed = "Not enough responses to protect anonymity"
    /// For one question (or a factor, or eNPS) suppressed in a published group.
    static let suppressedQuestion = "Not enough answers to protect anonymity"

    static func partial(shown: Int, of total: Int) -> String { "from \(shown) of \(total) questions" }

    /// "+5 pts since 2026-Q1", "no change since 2026-Q1" (eNPS: "+5 since …").
    static func changeText(_ d: Int, since period: String, points: Bool = true) -> String {
        d == 0 ? "no change since \(period)" : "\(Format.signed(d))\(points ? " pts" : "") since \(period)"
    }

    /// The organisation's figure for a question, beside a team's or department's.
    static func orgText(_ score: QuestionScore, enps: Bool) -> String {
        enps ? "organisation eNPS \(score.enps.map(Format.signed) ?? "")" : "organisation \(score.favourable)% favourable"
    }

    static func questionRows(_ s: Survey, _ g: SurveyReport.GroupResult, change: SurveyChange? = nil,
                             org: SurveyReport.GroupResult? = nil,
                             actions: (String) -> [ActionNote] = { _ in [] }) -> [QuestionRow] {
        s.questions.compactMap { q -> QuestionRow? in
            guard let score = g.questions[q.id] else {
                guard g.suppressedQuestions.contains(q.id) else { return nil }
                var row = QuestionRow(text: q.text, factor: q.factor, is_enps: q.kind == .enps, suppressed: true, suppressed_text: suppressedQuestion)
                row.figure_actions = actions(q.id)
                return row
            }
            let names = q.kind == .enps ? ("Promoters", "Passives", "Detractors") : ("Favourable", "Neutral", "Unfavourable")
            let description = "\(names.0) \(score.favourable)%, \(names.1.lowercased()) \(score.neutral)%, \(names.2.lowercased()) \(score.unfavourable)%"
            let bar = Charts.stackedBar([(names.0, score.favourable, "fav"), (names.1, score.neutral, "neu"),
                                         (names.2, score.unfavourable, "unf")], description: description)
            var row = QuestionRow(text: q.text, factor: q.factor, is_enps: q.kind == .enps, suppressed: false, suppressed_text: nil,
                                  score: score, labels: BarLabels(fav: names.0, neu: names.1, unf: names.2), bar: bar)
            if let change, let d = change.question(q.id, for: g.id) {
                row.change = changeText(d, since: change.previous, points: q.kind == .likert)
            }
            if let org, org.published, org.id != g.id, let o = org.questions[q.id] { row.org = orgText(o, enps: q.kind == .enps) }
            row.figure_actions = actions(q.id)
            return row
        }
    }

    /// The latest survey a group appears in, with the change since the previous one where both are published.
    static func summary(_ id: GroupID, _ data: SiteData, _ link: Linker, questions: Bool) -> SurveySummary? {
        let reports = data.reports.surveys
        guard let index = reports.lastIndex(where: { $0.groups[id] != nil }) else { return nil }
        let r = reports[index]
        var out = SurveySummary(title: r.survey.title, period: r.survey.period.text, href: link.href(Route.survey(r.survey.period.text)))
        guard let g = r.result(id), g.published else {
            out.suppressed_text = suppressed
            return out
        }
        out.published = true
        out.responses = g.responses
        out.participation = g.participation.map(Format.percent)
        out.enps = g.enps.map(Format.signed)
        if g.enps == nil, let q = r.survey.questions.first(where: { $0.kind == .enps }), g.suppressedQuestions.contains(q.id) {
            out.enps_suppressed_text = suppressedQuestion
        }
        let change = data.reports.surveyChanges[r.survey.period.text]
        let org = r.result(.organization).flatMap { $0.published && id != .organization ? $0 : nil }
        if let org {
            out.org_name = data.site.config.organization ?? "Organisation"
            out.org_enps = org.enps.map(Format.signed)
        }
        out.factors = r.survey.factors.compactMap { f -> FactorRow? in
            let ids = r.survey.questions.filter { $0.factor == f && $0.kind == .likert }.map(\.id)
            let withheld = ids.filter { g.suppressedQuestions.contains($0) }.count
            let notes = ActionNotes.notes(id, .factor(f), data, link)
            guard let v = g.factors[f] else {
                return withheld > 0 ? FactorRow(name: f, suppressed: true, suppressed_text: suppressedQuestion, figure_actions: notes) : nil
            }
            var row = FactorRow(name: f, suppressed: false, score: v, figure_actions: notes)
            if withheld > 0 { row.partial = partial(shown: ids.count - withheld, of: ids.count) }
            if let change, let d = change.factor(f, for: id) {
                row.change = changeText(d, since: change.previous)
                row.trend = d > 0 ? "better" : d < 0 ? "worse" : "same"
            }
            row.org = org?.factors[f].map(Format.percent)
            return row
        }
        if let change, let d = change.enps[id] {
            out.enps_change = changeText(d, since: change.previous, points: false)
        }
        if questions {
            out.questions = questionRows(r.survey, g, change: change, org: org,
                                         actions: { ActionNotes.notes(id, .question($0), data, link) })
        }
        return out
    }
}
