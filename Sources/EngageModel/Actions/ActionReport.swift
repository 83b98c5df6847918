/// One figure of an action's group in one survey or KPI period.
public struct ActionPoint: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// The published figure: `text` as the CSV writes it (a whole number for surveys, the data
        /// as written or the roll-up at two decimals for KPIs).
        case value(Double, text: String)
        /// Hidden by the anonymity rules: no number may appear.
        case suppressed
        /// The group has no such figure in that period (not surveyed, question not asked, no value).
        case missing
    }
    public var period: Period
    public var state: State

    public var value: Double? { if case .value(let v, _) = state { return v } else { return nil } }
    public var text: String? { if case .value(_, let t) = state { return t } else { return nil } }
}

/// An action's figure before and after: the baseline, every later survey or period, the latest and
/// the change (content model, "Actions").
public struct ActionFigure: Sendable, Equatable {
    public var target: Action.Target
    /// The baseline period's point (first) and every later one, oldest first.
    public var points: [ActionPoint]
    /// Nil when there is no baseline period.
    public var baseline: ActionPoint?
    /// The last survey or period; nil when there is none or it is the baseline itself.
    public var latest: ActionPoint?
    /// latest − baseline (survey figures in whole points, KPIs rounded to two decimals); nil unless both are values.
    public var change: Double?
}

public enum ActionMath {
    /// The last day of a period, YYYY-MM-DD.
    public static func lastDay(of period: Period) -> String {
        let y = period.year, m = period.lastMonth
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(days, 2))"
    }

    /// The site's "as of" date: `as_of` in site.yml, else the end of the latest survey or KPI
    /// period (never the clock); nil when there is neither.
    public static func asOf(_ site: Site) -> String? {
        if let day = site.config.asOf { return day }
        let ends = [site.surveys.last?.period, site.kpiPeriods.last?.period].compactMap { $0 }.map(lastDay(of:))
        return ends.max()
    }

    /// Not done or dropped, and due before the as-of date.
    public static func isOverdue(_ action: Action, asOf: String?) -> Bool {
        guard action.status == .planned || action.status == .inProgress,
              let due = action.due, let asOf else { return false }
        return due < asOf
    }

    /// A group's favourable % (eNPS for an eNPS question) for a factor or question in one survey,
    /// as published after anonymity suppression.
    public static func surveyPoint(_ report: SurveyReport, group: GroupID, target: Action.Target) -> ActionPoint {
        let period = report.survey.period
        guard let result = report.result(group) else { return ActionPoint(period: period, state: .missing) }
        guard result.published else { return ActionPoint(period: period, state: .suppressed) }
        switch target {
        case .factor(let factor):
            guard report.survey.factors.contains(factor) else { return ActionPoint(period: period, state: .missing) }
            guard let v = result.factors[factor] else { return ActionPoint(period: period, state: .suppressed) }
            return ActionPoint(period: period, state: .value(Double(v), text: String(v)))
        case .question(let id):
            guard let q = report.survey.questions.first(where: { $0.id == id }) else { return ActionPoint(period: period, state: .missing) }
            guard let score = result.questions[id] else {
                return ActionPoint(period: period, state: result.suppressedQuestions.contains(id) ? .suppressed : .missing)
            }
            let v = q.kind == .enps ? (score.enps ?? 0) : score.favourable
            return ActionPoint(period: period, state: .value(Double(v), text: String(v)))
        case .kpi:
            return ActionPoint(period: period, state: .missing)
        }
    }

    public static func kpiScope(_ group: GroupID) -> KPIScope {
        switch group {
        case .organization: return .organization
        case .department(let s): return .department(s)
        case .team(let s): return .team(s)
        }
    }

    /// The figure of one addressed target (content model: baseline, latest, change).
    public static func figure(_ action: Action, _ target: Action.Target, surveys: [SurveyReport], kpis: KPIReport) -> ActionFigure {
        let periods: [Period]
        let point: (Period) -> ActionPoint
        let baselinePeriod: Period?
        switch target {
        case .factor, .question:
            periods = surveys.map(\.survey.period)
            let byPeriod = Dictionary(surveys.map { ($0.survey.period, $0) }, uniquingKeysWith: { a, _ in a })
            point = { p in byPeriod[p].map { surveyPoint($0, group: action.group, target: target) } ?? ActionPoint(period: p, state: .missing) }
            if let named = action.survey {
                baselinePeriod = periods.first { $0.text == named }
            } else {
                baselinePeriod = periods.last { $0.ends(before: action.opened) }
            }
        case .kpi(let id):
            periods = kpis.periods
            let scope = kpiScope(action.group)
            point = { p in
                kpis.figure(scope, kpi: id, period: p).map { ActionPoint(period: p, state: .value($0.value, text: $0.text)) }
                    ?? ActionPoint(period: p, state: .missing)
            }
            baselinePeriod = periods.last { $0.ends(before: action.opened) }
        }
        let shown = periods.filter { p in
            if let b = baselinePeriod { return p >= b }
            return !p.ends(before: action.opened)
        }
        let points = shown.map(point)
        let baseline = baselinePeriod.map(point)
        let latest = periods.last.flatMap { $0 == baselinePeriod ? nil : point($0) }
        var change: Double?
        if let b = baseline?.value, let l = latest?.value {
            change = Numbers.round(l - b, 2)
        }
        return ActionFigure(target: target, points: points, baseline: baseline, latest: latest, change: change)
    }
}

/// Every action's figures and the as-of date, computed once per build.
public struct ActionReport: Sendable {
    public let asOf: String?
    /// Action slug → one figure per addressed target, in the action's order.
    public let figures: [String: [ActionFigure]]

    public init(site: Site, surveys: [SurveyReport], kpis: KPIReport) {
        asOf = ActionMath.asOf(site)
        var figures: [String: [ActionFigure]] = [:]
        for action in site.actions {
            figures[action.slug] = action.addresses.map { ActionMath.figure(action, $0, surveys: surveys, kpis: kpis) }
        }
        self.figures = figures
    }

    public func isOverdue(_ action: Action) -> Bool { ActionMath.isOverdue(action, asOf: asOf) }

    /// The actions of a group, by status then title.
    public static func actions(of group: GroupID, in site: Site) -> [Action] {
        site.actions.filter { $0.group == group }
    }
}
