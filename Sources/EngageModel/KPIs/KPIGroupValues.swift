/// Version 2: one figure of a team, department or the organisation, whether it was measured
/// directly (in the period file) or rolled up from the teams, with the owner's note.
public enum KPIScope: Sendable, Hashable {
    case team(String)
    case department(String)
    case organization

    /// The key of `notes:` in a period file.
    public var noteKey: String {
        switch self {
        case .team(let slug), .department(let slug): return slug
        case .organization: return KPIPeriod.organizationKey
        }
    }
}

public struct KPIFigureValue: Sendable, Equatable {
    public var period: Period
    /// The value: as written for team and measured values, the roll-up (two decimals) otherwise.
    public var value: Double
    /// Plain text for the CSV: the data as written, or the roll-up at two decimals.
    public var text: String
    /// Measured directly for a department or the organisation (not rolled up from teams).
    public var measured: Bool
    /// How a rolled-up value was computed (nil for team and measured values).
    public var rollUp: KPIMath.RollUp?
    /// The owner's note on this value, if any.
    public var note: String?
}

extension KPIReport {
    /// The figure of a scope for one KPI and period: a team's value; a department's or the
    /// organisation's measured value where the period file gives one, else the roll-up of its teams.
    public func figure(_ scope: KPIScope, kpi: String, period: Period) -> KPIFigureValue? {
        let note = notes[period]?[scope.noteKey]?[kpi]
        switch scope {
        case .team(let slug):
            guard let v = value(team: slug, kpi: kpi, period: period) else { return nil }
            return KPIFigureValue(period: period, value: v.value, text: v.text, measured: false, rollUp: nil, note: note)
        case .department(let slug):
            if let m = measuredDepartments[period]?[slug]?[kpi] {
                return KPIFigureValue(period: period, value: m.value, text: m.text, measured: true, rollUp: nil, note: note)
            }
            guard let r = rollUp(teams: teams(ofDepartment: slug), kpi: kpi, period: period) else { return nil }
            return KPIFigureValue(period: period, value: r.value, text: Numbers.plain(r.value), measured: false, rollUp: r, note: note)
        case .organization:
            if let m = measuredOrganization[period]?[kpi] {
                return KPIFigureValue(period: period, value: m.value, text: m.text, measured: true, rollUp: nil, note: note)
            }
            guard let r = rollUp(teams: site.teams, kpi: kpi, period: period) else { return nil }
            return KPIFigureValue(period: period, value: r.value, text: Numbers.plain(r.value), measured: false, rollUp: r, note: note)
        }
    }

    /// A scope's figures for a KPI, oldest first (periods without one are skipped).
    public func figures(_ scope: KPIScope, kpi: String) -> [KPIFigureValue] {
        periods.compactMap { figure(scope, kpi: kpi, period: $0) }
    }
}
