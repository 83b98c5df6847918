import EngageModel

/// A KPI's latest value for one team or group (`kpi-card.mustache`): `name`, `id`, `href`,
/// `value`, `period`, `status`, `status_label`, `target`, `change`, `trend`, `sparkline`,
/// for a department or the organisation also `basis`, and on a KPI page
/// `group`, `group_href`.
public struct KPICard: TemplateContext {
    public var name: String, id: String, href: String, value: String, period: String
    public var status: KPIStatus
    public var target: String? = nil, change: String? = nil, trend: String? = nil
    public var sparkline: String
    public var basis: String? = nil, group: String? = nil, group_href: String? = nil
    public static let fields: [String: @Sendable (KPICard) -> Any?] = [
        "name": { $0.name }, "id": { $0.id }, "href": { $0.href }, "value": { $0.value }, "period": { $0.period },
        "status": { $0.status.rawValue }, "status_label": { $0.status.label }, "target": { $0.target },
        "change": { $0.change }, "trend": { $0.trend }, "sparkline": { $0.sparkline },
        "basis": { $0.basis }, "group": { $0.group }, "group_href": { $0.group_href },
    ]

    /// Latest value, target, status, change and sparkline of a series; nil for an empty series.
    init?(_ kpi: KPI, series: [(period: Period, value: Double)], _ data: SiteData, _ link: Linker, subject: String) {
        guard let last = series.last else { return nil }
        let c = data.currency
        name = kpi.name; id = kpi.id; href = link.href(Route.kpi(kpi.id))
        value = Format.kpi(last.value, kpi, currency: c); period = last.period.text
        status = KPIMath.status(last.value, kpi)
        target = kpi.target.map { Format.kpi($0, kpi, currency: c) }
        if series.count > 1 {
            let previous = series[series.count - 2]
            let delta = last.value - previous.value
            // The arrow shows the direction of the change; the word says whether that is good.
            let arrow = delta > 0 ? "↑ " : "↓ "
            let since = "\(arrow)\(Format.delta(delta, kpi, currency: c)) since \(previous.period.text)"
            switch KPIMath.improved(from: previous.value, to: last.value, better: kpi.better) {
            case .some(true): change = since + ": better"; trend = "better"
            case .some(false): change = since + ": worse"; trend = "worse"
            case .none: change = "No change since \(previous.period.text)"; trend = "same"
            }
        }
        let numbers = series.map { "\($0.period.text): \(Format.kpi($0.value, kpi, currency: c))" }.joined(separator: ", ")
        sparkline = Charts.sparkline(series.map { ($0.period.text, $0.value) }, description: "\(kpi.name) for \(subject) by period: \(numbers)")
    }
}

/// A cell of a program's team-trend table: a `KPICard`'s keys, or `empty` when the team has no values.
public struct TrendCell: TemplateContext {
    public var card: KPICard? = nil
    public static let fields: [String: @Sendable (TrendCell) -> Any?] = {
        var fields: [String: @Sendable (TrendCell) -> Any?] = ["empty": { $0.card == nil ? true : nil }]
        for (key, get) in KPICard.fields { fields[key] = { cell in cell.card.flatMap(get) } }
        return fields
    }()
}

/// A KPI's definition: `name`, `id`, `unit`, `better`, `definition`, `target`, `tolerance`,
/// `source`, `owner`; in the KPI index also `href`, `key`, `latest` (a `KPICard`).
public struct KPIInfo: TemplateContext {
    public var name: String, id: String? = nil, href: String? = nil, unit: String, better: String, key: Bool? = nil
    public var definition: String? = nil, target: String? = nil, tolerance: String? = nil, source: String? = nil, owner: String? = nil
    public var latest: KPICard? = nil
    public static let fields: [String: @Sendable (KPIInfo) -> Any?] = [
        "name": { $0.name }, "id": { $0.id }, "href": { $0.href }, "unit": { $0.unit }, "better": { $0.better },
        "key": { $0.key }, "definition": { $0.definition }, "target": { $0.target }, "tolerance": { $0.tolerance },
        "source": { $0.source }, "owner": { $0.owner }, "latest": { $0.latest },
    ]
    init(_ k: KPI, currency: String, tolerance: String?) {
        name = k.name; unit = k.unit.rawValue; better = k.better == .higher ? "Higher is better" : "Lower is better"
        definition = k.definition; target = k.target.map { Format.kpi($0, k, currency: currency) }
        self.tolerance = tolerance; source = k.source; owner = k.owner
    }
}

/// One row of a KPI's figures: `period` or `rank`/`name`/`href`/`department`, with `value`,
/// `status`, `status_label`, and for roll-ups `basis`.
public struct KPIFigure: TemplateContext {
    public var period: String? = nil, rank: Int? = nil, name: String? = nil, href: String? = nil, department: String? = nil
    public var value: String, status: KPIStatus, basis: String? = nil
    public static let fields: [String: @Sendable (KPIFigure) -> Any?] = [
        "period": { $0.period }, "rank": { $0.rank }, "name": { $0.name }, "href": { $0.href },
        "department": { $0.department }, "value": { $0.value }, "status": { $0.status.rawValue },
        "status_label": { $0.status.label }, "basis": { $0.basis },
    ]
}

enum KPIFigures {
    static let weightingNote = "Department and organisation figures are means of their teams' values weighted by team headcount; where a team has no headcount, the plain (unweighted) mean is used, as each figure says."

    /// A group's card for a KPI, with how its latest figure was computed.
    static func groupCard(_ k: KPI, teams: [Team], _ data: SiteData, _ link: Linker, subject: String) -> KPICard? {
        let report = data.reports.kpis
        guard var card = KPICard(k, series: report.rollUpSeries(teams: teams, kpi: k.id), data, link, subject: subject) else { return nil }
        if let latest = report.latest, let r = report.rollUp(teams: teams, kpi: k.id, period: latest) { card.basis = Format.basis(r) }
        return card
    }
}
