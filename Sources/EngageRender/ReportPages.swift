import Foundation
import EngageModel

/// Contexts for KPI and survey reports.
extension PageContexts {
    static let suppressedText = "Not enough responses to protect anonymity"
    /// For one question (or a factor, or eNPS) suppressed in a published group.
    static let suppressedQuestionText = "Not enough answers to protect anonymity"

    // MARK: Formatting

    func format(_ value: Double, _ kpi: KPI) -> String {
        let number = Format.number(value, decimals: 2)
        switch kpi.unit {
        case .percent: return number + "%"
        case .minutes: return number + " min"
        case .hours: return number + " h"
        case .days: return number + (value == 1 ? " day" : " days")
        case .currency: return Format.money(value, currency: site.config.currency)
        case .score, .count: return number
        }
    }

    /// Axis ticks: one decimal at most.
    func axisLabel(_ value: Double, _ kpi: KPI) -> String {
        var k = kpi
        k.unit = kpi.unit == .currency ? .score : kpi.unit
        let text = format(Numbers.round(value, 1), k)
        return kpi.unit == .currency ? Format.money(Numbers.round(value, 0), currency: site.config.currency) : text
    }

    /// "+1.2 pts", "−0.8 min"
    func formatDelta(_ delta: Double, _ kpi: KPI) -> String {
        let sign = delta > 0 ? "+" : delta < 0 ? "−" : "±"
        let magnitude = Format.number(abs(delta), decimals: 2)
        switch kpi.unit {
        case .percent: return sign + magnitude + " pts"
        case .minutes: return sign + magnitude + " min"
        case .hours: return sign + magnitude + " h"
        case .days: return sign + magnitude + " days"
        case .currency: return sign + Format.money(abs(delta), currency: site.config.currency)
        case .score, .count: return sign + magnitude
        }
    }

    func statusContext(_ status: KPIStatus) -> [String: Any] {
        ["status": status.rawValue, "status_label": status.label]
    }

    /// Latest value, target, status, change and sparkline for a series.
    func kpiCard(_ kpi: KPI, series: [(period: Period, value: Double)], link: Linker, subject: String) -> [String: Any]? {
        guard let last = series.last else { return nil }
        var card: [String: Any] = ["name": kpi.name, "id": kpi.id, "href": link.href(Route.kpi(kpi.id)),
                                   "value": format(last.value, kpi), "period": last.period.text]
        card.merge(statusContext(KPIMath.status(last.value, kpi))) { $1 }
        if let t = kpi.target { card["target"] = format(t, kpi) }
        if series.count > 1 {
            let previous = series[series.count - 2]
            let delta = last.value - previous.value
            // The arrow shows the direction of the change; the word says whether that is good.
            let arrow = delta > 0 ? "↑ " : "↓ "
            switch KPIMath.improved(from: previous.value, to: last.value, better: kpi.better) {
            case .some(true): card["change"] = "\(arrow)\(formatDelta(delta, kpi)) since \(previous.period.text): better"; card["trend"] = "better"
            case .some(false): card["change"] = "\(arrow)\(formatDelta(delta, kpi)) since \(previous.period.text): worse"; card["trend"] = "worse"
            case .none: card["change"] = "No change since \(previous.period.text)"; card["trend"] = "same"
            }
        }
        let numbers = series.map { "\($0.period.text): \(format($0.value, kpi))" }.joined(separator: ", ")
        card["sparkline"] = Charts.sparkline(series.map { ($0.period.text, $0.value) },
                                             description: "\(kpi.name) for \(subject) by period: \(numbers)")
        card["series_text"] = numbers
        return card
    }

    // MARK: KPI pages

    func kpisIndex(_ c: inout [String: Any], _ link: Linker) {
        let org = site.teams
        c["kpis"] = site.kpis.map { k -> [String: Any] in
            var row: [String: Any] = ["name": k.name, "href": link.href(Route.kpi(k.id)), "unit": k.unit.rawValue,
                                      "better": k.better == .higher ? "Higher is better" : "Lower is better", "key": k.key]
            row["definition"] = k.definition
            row["target"] = k.target.map { format($0, k) }
            row["tolerance"] = k.tolerance.map { "± " + Format.number($0) }
            row["source"] = k.source
            row["owner"] = k.owner
            if let card = kpiCard(k, series: kpiReport.rollUpSeries(teams: org, kpi: k.id), link: link, subject: "the organisation") {
                row["latest"] = card
            }
            return row
        }
        c["latest_period"] = kpiReport.latest?.text
    }

    func kpi(_ c: inout [String: Any], _ k: KPI, _ link: Linker) {
        var info: [String: Any] = ["name": k.name, "id": k.id, "unit": k.unit.rawValue,
                                   "better": k.better == .higher ? "Higher is better" : "Lower is better"]
        info["definition"] = k.definition
        info["target"] = k.target.map { format($0, k) }
        info["tolerance"] = k.tolerance.map { format($0, k) }
        info["source"] = k.source
        info["owner"] = k.owner
        c["kpi"] = info
        let orgSeries = kpiReport.rollUpSeries(teams: site.teams, kpi: k.id)
        c["org"] = kpiCard(k, series: orgSeries, link: link, subject: "the organisation") ?? [:]
        let numbers = orgSeries.map { "\($0.period.text): \(format($0.value, k))" }.joined(separator: ", ")
        c["chart"] = Charts.lineChart(orgSeries.map { ($0.period.text, $0.value) }, target: k.target,
                                      description: "\(k.name) for the organisation by period: \(numbers)") { axisLabel($0, k) }
        c["org_points"] = orgSeries.map { p -> [String: Any] in
            var row: [String: Any] = ["period": p.period.text, "value": format(p.value, k)]
            row.merge(statusContext(KPIMath.status(p.value, k))) { $1 }
            if let r = kpiReport.rollUp(teams: site.teams, kpi: k.id, period: p.period) { row["basis"] = r.weighted ? "weighted by headcount" : "unweighted mean" }
            return row
        }
        if let latest = kpiReport.latest {
            c["latest_period"] = latest.text
            c["departments"] = site.departments.compactMap { d -> [String: Any]? in
                let teams = kpiReport.teams(ofDepartment: d.slug)
                guard var card = kpiCard(k, series: kpiReport.rollUpSeries(teams: teams, kpi: k.id), link: link, subject: d.name) else { return nil }
                card["group"] = d.name
                card["group_href"] = link.href(Route.department(d.slug))
                if let r = kpiReport.rollUp(teams: teams, kpi: k.id, period: latest) { card["basis"] = r.weighted ? "weighted by headcount" : "unweighted mean" }
                return card
            }
            let ranked = site.teams.compactMap { t -> (Team, Double)? in
                kpiReport.value(team: t.slug, kpi: k.id, period: latest).map { (t, $0.value) }
            }.sorted { a, b in
                a.1 != b.1 ? (k.better == .higher ? a.1 > b.1 : a.1 < b.1) : a.0.name < b.0.name
            }
            c["teams"] = ranked.enumerated().map { i, entry -> [String: Any] in
                var row: [String: Any] = ["rank": i + 1, "name": entry.0.name, "href": link.href(Route.team(entry.0.slug)),
                                          "value": format(entry.1, k)]
                row.merge(statusContext(KPIMath.status(entry.1, k))) { $1 }
                row["department"] = entry.0.department
                return row
            }
        }
        c["weighting_note"] = weightingNote()
    }

    func weightingNote() -> String {
        "Department and organisation figures are means of their teams' values weighted by team headcount; where a team has no headcount, the plain (unweighted) mean is used, as each figure says."
    }

    // MARK: Survey pages

    func surveysIndex(_ c: inout [String: Any], _ link: Linker) {
        c["surveys"] = surveyReports.reversed().map { r -> [String: Any] in
            var row: [String: Any] = ["title": r.survey.title, "period": r.survey.period.text, "href": link.href(Route.survey(r.survey.period.text)),
                                      "question_count": r.survey.questions.count]
            if let org = r.result(.organization), org.published {
                row["published"] = true
                row["participation"] = org.participation.map { "\($0)%" }
                row["enps"] = org.enps.map(signed)
                row["responses"] = org.responses
            } else {
                row["suppressed_text"] = Self.suppressedText
            }
            return row.compacted
        }
        c["threshold"] = site.config.anonymityThreshold
    }

    func signed(_ v: Int) -> String { v > 0 ? "+\(v)" : v < 0 ? "−\(-v)" : "0" }

    func groupName(_ id: GroupID) -> String {
        switch id {
        case .organization: return site.config.organization ?? "Organisation"
        case .department(let s): return site.department(s)?.name ?? s
        case .team(let s): return site.team(s)?.name ?? s
        }
    }

    func groupHref(_ id: GroupID, _ link: Linker) -> String? {
        switch id {
        case .organization: return nil
        case .department(let s): return link.href(Route.department(s))
        case .team(let s): return link.href(Route.team(s))
        }
    }

    /// Heat class from the difference to the organisation: the number and its signed difference are always printed too.
    func heat(_ value: Int, _ org: Int?) -> (cssClass: String, diff: String?) {
        guard let org else { return ("heat-none", nil) }
        let d = value - org
        let cls = d >= 10 ? "heat-up2" : d >= 3 ? "heat-up1" : d <= -10 ? "heat-down2" : d <= -3 ? "heat-down1" : "heat-same"
        return (cls, d == 0 ? "±0" : signed(d))
    }

    func survey(_ c: inout [String: Any], _ r: SurveyReport, _ link: Linker) {
        let s = r.survey
        c["survey"] = ["title": s.title, "period": s.period.text]
        c["threshold"] = r.threshold
        let factors = s.factors
        let hasENPS = s.questions.contains { $0.kind == .enps }
        c["factors"] = factors
        c["has_enps"] = hasENPS
        c["column_count"] = factors.count + (hasENPS ? 1 : 0) + 2
        let org = r.result(.organization)
        let orgPublished = org?.published == true
        c["rows"] = r.order.map { id -> [String: Any] in
            var row: [String: Any] = ["name": groupName(id), "scope": id.scope, "is_team": id.scope == "team",
                                      "is_department": id.scope == "department", "is_org": id == .organization]
            row["href"] = groupHref(id, link)
            guard let g = r.result(id), g.published else {
                row["suppressed"] = true
                row["suppressed_text"] = Self.suppressedText
                return row.compacted
            }
            row["responses"] = g.responses
            row["participation"] = g.participation.map { "\($0)%" }
            row["cells"] = factors.map { f -> [String: Any] in
                let ids = s.questions.filter { $0.factor == f && $0.kind == .likert }.map(\.id)
                let withheld = ids.filter { g.suppressedQuestions.contains($0) }
                guard let v = g.factors[f] else {
                    return withheld.isEmpty ? ["empty": true, "suppressed": false] : ["suppressed": true, "suppressed_text": Self.suppressedQuestionText]
                }
                let h = heat(v, orgPublished ? org?.factors[f] : nil)
                var cell: [String: Any] = ["suppressed": false, "value": "\(v)%", "heat": h.cssClass, "diff": (id == .organization ? nil : h.diff) as Any]
                if !withheld.isEmpty { cell["partial"] = "from \(ids.count - withheld.count) of \(ids.count) questions" }
                return cell.compacted
            }
            if hasENPS {
                if let e = g.enps {
                    let h = heat(e, orgPublished ? org?.enps : nil)
                    row["enps"] = ["suppressed": false, "value": signed(e), "heat": h.cssClass, "diff": (id == .organization ? nil : h.diff) as Any].compacted
                } else if let q = s.questions.first(where: { $0.kind == .enps }), g.suppressedQuestions.contains(q.id) {
                    row["enps"] = ["suppressed": true, "suppressed_text": Self.suppressedQuestionText]
                } else {
                    row["enps"] = ["empty": true, "suppressed": false]
                }
            }
            return row.compacted
        }
        if let org, org.published {
            c["org_questions"] = ["questions": questionRows(s, org)]
        }
        c["legend"] = "Each cell shows the share of favourable answers (4 or 5 out of 5), averaged over the factor's questions, and in brackets its difference in points from the organisation. Colour repeats that difference: blue above, orange below."
        c["question_note"] = "A question answered by fewer than \(r.threshold) people in a group, or whose answers there could be worked out by subtraction, is not shown for that group and leaves that group's factor figures; a cell marked * is the mean of the questions that are shown."
    }

    func questionRows(_ s: Survey, _ g: SurveyReport.GroupResult) -> [[String: Any]] {
        s.questions.compactMap { q -> [String: Any]? in
            guard let score = g.questions[q.id] else {
                guard g.suppressedQuestions.contains(q.id) else { return nil }
                return ["text": q.text, "factor": q.factor as Any, "is_enps": q.kind == .enps, "suppressed": true,
                        "suppressed_text": Self.suppressedQuestionText].compacted
            }
            let names = q.kind == .enps ? ("Promoters", "Passives", "Detractors") : ("Favourable", "Neutral", "Unfavourable")
            let description = "\(names.0) \(score.favourable)%, \(names.1.lowercased()) \(score.neutral)%, \(names.2.lowercased()) \(score.unfavourable)%"
            var row: [String: Any] = ["text": q.text, "factor": q.factor as Any, "is_enps": q.kind == .enps, "suppressed": false,
                                      "favourable": score.favourable, "neutral": score.neutral, "unfavourable": score.unfavourable,
                                      "labels": ["fav": names.0, "neu": names.1, "unf": names.2],
                                      "answered": score.answered,
                                      "bar": Charts.stackedBar([(names.0, score.favourable, "fav"), (names.1, score.neutral, "neu"),
                                                                (names.2, score.unfavourable, "unf")], description: description)]
            row["question_enps"] = score.enps.map(signed)
            return row.compacted
        }
    }

    /// The latest survey a group appears in, with the change since the previous one where both are published.
    func surveySummary(_ id: GroupID, _ link: Linker, questions: Bool) -> [String: Any]? {
        guard let index = surveyReports.lastIndex(where: { $0.groups[id] != nil }) else { return nil }
        let r = surveyReports[index]
        var out: [String: Any] = ["title": r.survey.title, "period": r.survey.period.text, "href": link.href(Route.survey(r.survey.period.text))]
        guard let g = r.result(id), g.published else {
            out["suppressed_text"] = Self.suppressedText
            return out
        }
        out["published"] = true
        out["responses"] = g.responses
        out["participation"] = g.participation.map { "\($0)%" }
        out["enps"] = g.enps.map(signed)
        if g.enps == nil, let q = r.survey.questions.first(where: { $0.kind == .enps }), g.suppressedQuestions.contains(q.id) {
            out["enps_suppressed_text"] = Self.suppressedQuestionText
        }
        let previousReport = surveyReports[..<index].last { $0.result(id)?.published == true }
        let previous = previousReport?.result(id)
        let previousPeriod = previousReport?.survey.period.text
        out["factors"] = r.survey.factors.compactMap { f -> [String: Any]? in
            guard let v = g.factors[f] else {
                let withheld = r.survey.questions.contains { $0.factor == f && $0.kind == .likert && g.suppressedQuestions.contains($0.id) }
                return withheld ? ["name": f, "suppressed": true, "suppressed_text": Self.suppressedQuestionText] : nil
            }
            var row: [String: Any] = ["name": f, "score": v, "suppressed": false]
            let ids = r.survey.questions.filter { $0.factor == f && $0.kind == .likert }.map(\.id)
            let withheld = ids.filter { g.suppressedQuestions.contains($0) }.count
            if withheld > 0 { row["partial"] = "from \(ids.count - withheld) of \(ids.count) questions" }
            if let p = previous?.factors[f], let period = previousPeriod {
                let d = v - p
                row["change"] = d == 0 ? "no change since \(period)" : "\(signed(d)) pts since \(period)"
                row["trend"] = d > 0 ? "better" : d < 0 ? "worse" : "same"
            }
            return row
        }
        if let e = g.enps, let p = previous?.enps, let period = previousPeriod {
            out["enps_change"] = e == p ? "no change since \(period)" : "\(signed(e - p)) since \(period)"
        }
        if questions { out["questions"] = questionRows(r.survey, g) }
        return out.compacted
    }

    // MARK: Hooks on team, department and home pages

    func teamReports(_ c: inout [String: Any], _ t: Team, _ link: Linker) {
        c["kpis"] = site.kpis.compactMap { k in kpiCard(k, series: kpiReport.series(team: t.slug, kpi: k.id), link: link, subject: t.name) }
        if let s = surveySummary(.team(t.slug), link, questions: true) { c["survey"] = s }
    }

    func departmentReports(_ c: inout [String: Any], _ d: Department, _ teams: [Team], _ link: Linker) {
        c["kpis"] = site.kpis.compactMap { k -> [String: Any]? in
            guard var card = kpiCard(k, series: kpiReport.rollUpSeries(teams: teams, kpi: k.id), link: link, subject: d.name) else { return nil }
            if let latest = kpiReport.latest, let r = kpiReport.rollUp(teams: teams, kpi: k.id, period: latest) {
                card["basis"] = r.weighted ? "weighted by headcount" : "unweighted mean"
            }
            return card
        }
        c["weighting_note"] = weightingNote()
        if let s = surveySummary(.department(d.slug), link, questions: false) { c["survey"] = s }
    }

    func homeReports(_ c: inout [String: Any], _ link: Linker) {
        c["key_kpis"] = site.kpis.filter(\.key).compactMap { k in
            kpiCard(k, series: kpiReport.rollUpSeries(teams: site.teams, kpi: k.id), link: link, subject: "the organisation")
        }
        c["kpis_href"] = link.href(Route.kpis)
        if let s = surveySummary(.organization, link, questions: false) { c["latest_survey"] = s }
    }
}
