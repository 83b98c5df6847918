/// KPI values by team, department and organisation, computed once per build.
public struct KPIReport: Sendable {
    public let periods: [Period]
    /// team → KPI id → period → value
    let teamValues: [String: [String: [Period: KPIValue]]]
    let site: Site
    /// Version 2: values measured for the organisation and departments, and notes, per period.
    let measuredOrganization: [Period: [String: KPIValue]]
    let measuredDepartments: [Period: [String: [String: KPIValue]]]
    let notes: [Period: [String: [String: String]]]

    public init(site: Site) {
        self.site = site
        periods = site.kpiPeriods.map(\.period)
        var values: [String: [String: [Period: KPIValue]]] = [:]
        var org: [Period: [String: KPIValue]] = [:], departments: [Period: [String: [String: KPIValue]]] = [:]
        var notes: [Period: [String: [String: String]]] = [:]
        for p in site.kpiPeriods {
            org[p.period] = p.organization
            departments[p.period] = p.departments
            notes[p.period] = p.notes
            for (team, row) in p.values {
                for (kpi, m) in row { values[team, default: [:]][kpi, default: [:]][p.period] = m }
            }
        }
        teamValues = values
        measuredOrganization = org
        measuredDepartments = departments
        self.notes = notes
    }

    public var latest: Period? { periods.last }

    public func value(team: String, kpi: String, period: Period) -> KPIValue? {
        teamValues[team]?[kpi]?[period]
    }

    /// The team's values for a KPI, oldest first (periods without a value are skipped).
    public func series(team: String, kpi: String) -> [(period: Period, value: Double)] {
        periods.compactMap { p in value(team: team, kpi: kpi, period: p).map { (p, $0.value) } }
    }

    /// A group's roll-up for one KPI and period: headcount-weighted mean of its teams with a value.
    /// Rounded to two decimals, as published, so statuses match the figures people see.
    public func rollUp(teams: [Team], kpi: String, period: Period) -> KPIMath.RollUp? {
        guard var r = KPIMath.rollUp(teams.compactMap { t in value(team: t.slug, kpi: kpi, period: period).map { ($0.value, t.headcount) } }) else { return nil }
        r.value = Numbers.round(r.value, 2)
        return r
    }

    public func rollUpSeries(teams: [Team], kpi: String) -> [(period: Period, value: Double)] {
        periods.compactMap { p in rollUp(teams: teams, kpi: kpi, period: p).map { (p, $0.value) } }
    }

    public func teams(ofDepartment slug: String) -> [Team] {
        (site.department(slug)?.teams ?? []).compactMap { site.team($0) }
    }
}
