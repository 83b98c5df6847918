import EngageModel

/// `surveys/<period>/`: a survey's heat map by group and the organisation's answers by question.
public struct SurveyPage: SitePage {
    public static let template = "survey"
    public static let section = PageSection.surveys
    public let survey: Survey
    public var address: String { Route.survey(survey.period.text) }
    public var title: String { survey.title }
    public var summary: String? { "Results by team, department and organisation, \(survey.period.text)." }

    public static func pages(in data: SiteData) -> [SurveyPage] { data.site.surveys.map { SurveyPage(survey: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Surveys", Route.surveys) }
    public func searchText(_ data: SiteData) -> String { survey.questions.map(\.text).joined(separator: " ") }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(folders: [.actions], reports: [.survey(survey.period.text)]) }

    static let legend = "Each cell shows the share of favourable answers (4 or 5 out of 5), averaged over the factor's questions, and in brackets its difference in points from the organisation. Colour repeats that difference: blue above, orange below."

    static let changeLegend = "Each cell shows the change since the previous survey in favourable points (eNPS: in eNPS points), computed from the exact shares. A dash: the figure is not published in both surveys. Colour repeats the change: blue up, orange down."

    public struct Context: TemplateContext {
        public var survey: SurveyInfo, threshold: Int, factors: [String], has_enps: Bool, rows: [Row]
        public var org_questions: OrgQuestions? = nil, question_note: String
        public var previous: SurveyInfo? = nil, next: SurveyInfo? = nil, change: ChangeView? = nil
        public var csv_href: String? = nil
        /// Version 2: actions that address a factor or question of this survey.
        public var actions: [ActionItem] = []
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "previous": { $0.previous }, "next": { $0.next }, "change_view": { $0.change },
            "survey": { $0.survey }, "threshold": { $0.threshold }, "factors": { $0.factors }, "has_enps": { $0.has_enps },
            "column_count": { $0.factors.count + ($0.has_enps ? 1 : 0) + 2 }, "rows": { $0.rows },
            "org_questions": { $0.org_questions }, "legend": { _ in SurveyPage.legend }, "question_note": { $0.question_note },
            "csv_href": { $0.csv_href },
            "actions": { $0.actions },
        ]
    }

    /// The heatmap against the previous survey: `period` (the previous survey's), `legend`,
    /// `column_count`, `rows` (`Row`s whose `cells` and `enps` hold the change).
    public struct ChangeView: TemplateContext {
        public var period: String, column_count: Int, rows: [Row]
        public static let fields: [String: @Sendable (ChangeView) -> Any?] = [
            "period": { $0.period }, "legend": { _ in SurveyPage.changeLegend }, "column_count": { $0.column_count }, "rows": { $0.rows },
        ]
    }

    /// `title`, `period`, and for the previous and next survey `href`.
    public struct SurveyInfo: TemplateContext {
        public var title: String, period: String, href: String? = nil
        public static let fields: [String: @Sendable (SurveyInfo) -> Any?] = ["title": { $0.title }, "period": { $0.period }, "href": { $0.href }]
    }

    /// `questions`: the organisation's answers by question.
    public struct OrgQuestions: TemplateContext {
        public var questions: [QuestionRow]
        public static let fields: [String: @Sendable (OrgQuestions) -> Any?] = ["questions": { $0.questions }]
    }

    /// A group's row of the heat map: `name`, `scope` (CSS), `scope_label` (shown), `href`,
    /// and either `suppressed`, `suppressed_text` or `responses`, `participation`, `cells`, `enps`.
    public struct Row: TemplateContext {
        public var id: GroupID, name: String, href: String? = nil
        public var suppressed: Bool? = nil, suppressed_text: String? = nil
        public var responses: Int? = nil, participation: String? = nil, cells: [SurveyCell]? = nil, enps: SurveyCell? = nil
        /// Version 2: in a suppressed row, the group's actions on this survey's factors and eNPS (no figure is shown).
        public var figure_actions: [ActionNote] = []
        public static let fields: [String: @Sendable (Row) -> Any?] = [
            "figure_actions": { $0.figure_actions },
            "name": { $0.name }, "scope": { $0.id.scope }, "href": { $0.href },
            "scope_label": { $0.id == .organization ? "organisation" : $0.id.scope },
            "suppressed": { $0.suppressed }, "suppressed_text": { $0.suppressed_text }, "responses": { $0.responses },
            "participation": { $0.participation }, "cells": { $0.cells }, "enps": { $0.enps },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, s = survey
        guard let r = data.reports.survey(period: s.period.text) else {
            return Context(survey: SurveyInfo(title: s.title, period: s.period.text), threshold: site.config.anonymityThreshold,
                           factors: [], has_enps: false, rows: [], question_note: "", csv_href: link.staticFile("data/surveys.csv"))
        }
        let factors = s.factors
        let hasENPS = s.questions.contains { $0.kind == .enps }
        let org = r.result(.organization)
        let orgPublished = org?.published == true
        func heatCell(_ value: Int, _ orgValue: Int?, _ id: GroupID, text: String) -> SurveyCell {
            let h = Self.heat(value, orgPublished ? orgValue : nil)
            return SurveyCell(value: text, heat: h.cssClass, diff: id == .organization ? nil : h.diff)
        }
        let rows = r.order.map { id -> Row in
            var row = Row(id: id, name: groupName(id, site), href: groupHref(id, link))
            let enpsTargets = s.questions.filter { $0.kind == .enps }.map { Action.Target.question($0.id) }
            func notes(_ targets: [Action.Target]) -> [ActionNote] {
                site.actions.filter { a in a.group == id && targets.contains { a.addresses.contains($0) } }
                    .map { ActionNotes.note($0, data, link) }
            }
            guard let g = r.result(id), g.published else {
                row.suppressed = true
                row.suppressed_text = SurveyText.suppressed
                row.figure_actions = notes(factors.map { .factor($0) } + enpsTargets)
                return row
            }
            row.responses = g.responses
            row.participation = g.participation.map(Format.percent)
            row.cells = factors.map { f in
                let ids = s.questions.filter { $0.factor == f && $0.kind == .likert }.map(\.id)
                let withheld = ids.filter { g.suppressedQuestions.contains($0) }
                var cell: SurveyCell
                if let v = g.factors[f] {
                    cell = heatCell(v, org?.factors[f], id, text: Format.percent(v))
                    if !withheld.isEmpty { cell.partial = SurveyText.partial(shown: ids.count - withheld.count, of: ids.count) }
                } else {
                    cell = withheld.isEmpty ? .blank : .withheld
                }
                cell.figure_actions = notes([.factor(f)])
                return cell
            }
            if hasENPS {
                if let e = g.enps {
                    row.enps = heatCell(e, org?.enps, id, text: Format.signed(e))
                } else if let q = s.questions.first(where: { $0.kind == .enps }), g.suppressedQuestions.contains(q.id) {
                    row.enps = .withheld
                } else {
                    row.enps = .blank
                }
                row.enps?.figure_actions = notes(enpsTargets)
            }
            return row
        }
        let change = data.reports.surveyChanges[s.period.text]
        let neighbours = data.reports.neighbours(ofSurvey: s.period.text)
        func info(_ r: SurveyReport?) -> SurveyInfo? {
            r.map { SurveyInfo(title: $0.survey.title, period: $0.survey.period.text, href: link.href(Route.survey($0.survey.period.text))) }
        }
        let changeView = change.map { c in ChangeView(period: c.previous, column_count: factors.count + (hasENPS ? 1 : 0), rows: rows.map { row -> Row in
            guard row.suppressed != true else { return row }
            var out = Row(id: row.id, name: row.name, href: row.href)
            func cell(_ d: Int?) -> SurveyCell {
                guard let d else { return .blank }
                return SurveyCell(value: d == 0 ? "±0" : Format.signed(d), heat: Self.heat(d, 0).cssClass)
            }
            out.cells = factors.map { cell(c.factor($0, for: row.id)) }
            if hasENPS { out.enps = cell(c.enps[row.id]) }
            return out
        }) }
        return Context(
            survey: SurveyInfo(title: s.title, period: s.period.text), threshold: r.threshold, factors: factors, has_enps: hasENPS,
            rows: rows, org_questions: org.flatMap { o in
                o.published ? OrgQuestions(questions: SurveyText.questionRows(s, o, change: change, actions: {
                    ActionNotes.notes(anyGroupAddressing: $0, own: .organization, data, link)
                })) : nil
            },
            question_note: "A question answered by fewer than \(r.threshold) people in a group, or whose answers there could be worked out by subtraction, is not shown for that group and leaves that group's factor figures; a cell marked * is the mean of the questions that are shown.",
            previous: info(neighbours.previous), next: info(neighbours.next), change: changeView, csv_href: link.staticFile("data/surveys.csv"),
            actions: ActionText.items(addressing: s, data, link))
    }

    func groupName(_ id: GroupID, _ site: Site) -> String {
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
    static func heat(_ value: Int, _ org: Int?) -> (cssClass: String, diff: String?) {
        guard let org else { return ("heat-none", nil) }
        let d = value - org
        let cls = d >= 10 ? "heat-up2" : d >= 3 ? "heat-up1" : d <= -10 ? "heat-down2" : d <= -3 ? "heat-down1" : "heat-same"
        return (cls, d == 0 ? "±0" : Format.signed(d))
    }
}
