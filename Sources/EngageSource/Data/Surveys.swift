import Foundation
import Yams
import EngageModel

/// `content/surveys/<period>.yml`: one engagement survey's questions and answer counts per team.
extension SiteLoader {
    static let surveyFields = ["period", "title", "questions", "teams"]
    static let questionFields = ["id", "text", "factor", "type"]
    static let surveyTeamFields = ["invited", "responses", "answers"]

    static func decodeSurvey(_ map: MapReader, fileName: String) -> Survey? {
        let reader = map.reader
        map.checkKeys(surveyFields, what: "a survey")
        let period = checkPeriod(map, fileName: fileName)
        var questions: [Survey.Question] = []
        var ids = Set<String>()
        var untyped = Set<String>()
        for (index, node) in map.list("questions", required: true, what: "a survey").enumerated() {
            let what = "question \(index + 1)"
            guard let q = reader.map(node, what: what) else { continue }
            q.checkKeys(questionFields, what: what)
            let id = q.string("id", required: true, what: what)
            let text = q.string("text", required: true, what: what)
            var kind = Survey.Question.Kind.likert
            var typeKnown = true
            if let t = q.string("type", what: what) {
                if let k = Survey.Question.Kind(rawValue: t) { kind = k } else {
                    typeKnown = false
                    let hint = Suggest.hint(for: t, in: Survey.Question.Kind.allCases.map(\.rawValue))
                    reader.error(q["type"], "'type' must be 'likert' (answers 1–5) or 'enps' (answers 0–10), found '\(t)'\(hint)")
                }
            } else if q["type"] != nil && !YAMLReader.isNull(q["type"]!) {
                typeKnown = false
            }
            guard let id, let text, checkID(id, q["id"], reader, what: "question id") else { continue }
            guard ids.insert(id).inserted else {
                reader.error(q["id"], "duplicate question id '\(id)'; each question needs its own id")
                continue
            }
            questions.append(Survey.Question(id: id, text: text, factor: q.string("factor", what: what), kind: kind))
            // Answers to a question of unknown type cannot be checked: one error at 'type' is enough.
            if !typeKnown { untyped.insert(id) }
        }
        let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var teams: [Survey.TeamAnswers] = []
        for entry in map.map("teams", required: true, what: "a survey")?.entries ?? [] {
            reader.refer(.team, entry.key, at: entry.keyNode, what: "'teams' of the survey")
            let what = "survey results of team '\(entry.key)'"
            guard let t = reader.map(entry.value, what: what) else { continue }
            t.checkKeys(surveyTeamFields, what: what)
            let invited = t.int("invited", min: 0, what: what)
            guard let responses = t.int("responses", min: 0, required: true, what: what) else { continue }
            if let invited, responses > invited {
                reader.error(t["responses"], "team '\(entry.key)' has \(responses) responses but only \(invited) invited; responses cannot exceed invited")
            }
            var answers: [String: [Int]] = [:]
            for a in t.map("answers", what: what)?.entries ?? [] {
                guard let question = byID[a.key] else {
                    let hint = Suggest.hint(for: a.key, in: byID.keys)
                    reader.error(a.keyNode, "answers to unknown question '\(a.key)' for team '\(entry.key)'\(hint)")
                    continue
                }
                if untyped.contains(a.key) { continue }
                guard let items = reader.list(a.value, what: "answers to '\(a.key)'") else { continue }
                let counts = items.compactMap { reader.int($0, what: "an answer count for '\(a.key)'", min: 0) }
                guard counts.count == items.count else { continue }
                let expected = question.kind.options
                if counts.count != expected {
                    let range = question.kind == .likert ? "options 1 to 5" : "options 0 to 10"
                    reader.error(a.value, "answers to '\(a.key)' for team '\(entry.key)' have \(counts.count) counts; \(question.kind == .enps ? "an eNPS" : "a Likert") question needs \(expected) (\(range))")
                    continue
                }
                let total = counts.reduce(0, +)
                if total > responses {
                    reader.error(a.value, "answers to '\(a.key)' for team '\(entry.key)' add up to \(total), more than the team's \(responses) responses")
                    continue
                }
                answers[a.key] = counts
            }
            teams.append(Survey.TeamAnswers(team: entry.key, invited: invited, responses: responses, answers: answers))
        }
        guard let period else { return nil }
        let title = map.string("title", what: "a survey") ?? "Engagement survey \(period.text)"
        return Survey(period: period, title: title, questions: questions, teams: teams.sorted { $0.team < $1.team })
    }
}
