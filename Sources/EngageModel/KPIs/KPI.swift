/// How a KPI is measured and which direction is good.
public struct KPI: Sendable, Equatable {
    public enum Unit: String, Sendable, CaseIterable {
        case percent, score, minutes, hours, days, count, currency, ratio, number
    }
    public enum Better: String, Sendable, CaseIterable {
        case higher, lower
    }

    public var id: String
    public var name: String
    public var definition: String?
    public var unit: Unit
    public var better: Better
    public var target: Double?
    /// The target as written, for the CSV.
    public var targetText: String?
    public var tolerance: Double?
    public var min: Double?
    public var max: Double?
    public var source: String?
    public var owner: String?
    public var key: Bool
    /// Version 2: the heading the KPI index lists it under (nil: "Other KPIs").
    public var group: String? = nil
    /// Version 2: words shown with (or instead of) the target.
    public var targetNote: String? = nil
    /// Version 2: further reading, each an `http(s)://` address or a path of the site.
    public var links: [KPILink] = []
    /// Version 2: the KPI this one feeds (a catalog id; no cycles).
    public var parent: String? = nil
    /// Version 2: decimals pages show for values and the target, as written (the CSV keeps two).
    public var decimals: Int? = nil
    public static let defaultDecimals = 1

    package init(id: String, name: String, definition: String? = nil, unit: Unit, better: Better, target: Double? = nil, targetText: String? = nil, tolerance: Double? = nil, min: Double? = nil, max: Double? = nil, source: String? = nil, owner: String? = nil, key: Bool) {
        self.id = id
        self.name = name
        self.definition = definition
        self.unit = unit
        self.better = better
        self.target = target
        self.targetText = targetText
        self.tolerance = tolerance
        self.min = min
        self.max = max
        self.source = source
        self.owner = owner
        self.key = key
    }

    /// The bounds in force: the KPI's own, or 0...100 for percentages.
    public var bounds: (min: Double?, max: Double?) {
        (min ?? (unit == .percent ? 0 : nil), max ?? (unit == .percent ? 100 : nil))
    }
}

/// A link of a KPI (`links:` in the catalog): `url` is `http(s)://…` or a path from the site root.
public struct KPILink: Sendable, Equatable {
    public var label: String
    public var url: String
    public init(label: String, url: String) { self.label = label; self.url = url }
    /// True for a path of the site (rewritten relative to each page), false for an address elsewhere.
    public var isPath: Bool { url.hasPrefix("/") }
}

/// One value as measured, with its text as written (the CSV repeats it exactly).
public struct KPIValue: Sendable, Equatable {
    public var value: Double
    public var text: String
    public init(_ value: Double, text: String? = nil) {
        self.value = value
        self.text = text ?? Numbers.plain(value)
    }
}

/// The KPI values of one period: team → KPI id → value; version 2 adds values measured for the
/// organisation and for departments (by slug), and notes (group key → KPI id → text, where the
/// key is `organization`, a department slug or a team slug).
public struct KPIPeriod: Sendable, Equatable {
    public var period: Period
    public var values: [String: [String: KPIValue]]
    public var organization: [String: KPIValue] = [:]
    public var departments: [String: [String: KPIValue]] = [:]
    public var notes: [String: [String: String]] = [:]

    package init(period: Period, values: [String: [String: KPIValue]], organization: [String: KPIValue] = [:],
                 departments: [String: [String: KPIValue]] = [:], notes: [String: [String: String]] = [:]) {
        self.period = period
        self.values = values
        self.organization = organization
        self.departments = departments
        self.notes = notes
    }

    /// The key notes use for the organisation.
    public static let organizationKey = "organization"
}

public enum KPIStatus: String, Sendable, Equatable {
    case onTrack = "on-track"
    case atRisk = "at-risk"
    case offTrack = "off-track"
    case noTarget = "no-target"

    public var label: String {
        switch self {
        case .onTrack: return "On track"
        case .atRisk: return "At risk"
        case .offTrack: return "Off track"
        case .noTarget: return "No target"
        }
    }
}

public enum KPIMath {
    package static let epsilon = 1e-9

    /// The status of a value against the KPI's target, following `better` and `tolerance`.
    public static func status(_ value: Double, target: Double?, tolerance: Double?, better: KPI.Better) -> KPIStatus {
        guard let target else { return .noTarget }
        let meets = better == .higher ? value >= target - epsilon : value <= target + epsilon
        if meets { return .onTrack }
        if let tolerance, abs(value - target) <= tolerance + epsilon { return .atRisk }
        return .offTrack
    }

    public static func status(_ value: Double, _ kpi: KPI) -> KPIStatus {
        status(value, target: kpi.target, tolerance: kpi.tolerance, better: kpi.better)
    }

    /// Whether a change from `old` to `new` is an improvement (nil: no change).
    public static func improved(from old: Double, to new: Double, better: KPI.Better) -> Bool? {
        if abs(new - old) < epsilon { return nil }
        return better == .higher ? new > old : new < old
    }

    /// A roll-up: the headcount-weighted mean of the teams' values, or the plain mean when any
    /// contributing team has no headcount (or all have zero).
    public struct RollUp: Sendable, Equatable {
        public var value: Double
        public var weighted: Bool
        public var teams: Int
    }

    public static func rollUp(_ values: [(value: Double, headcount: Int?)]) -> RollUp? {
        guard !values.isEmpty else { return nil }
        let weights = values.compactMap(\.headcount)
        let total = weights.reduce(0, +)
        if weights.count == values.count && total > 0 {
            let sum = values.reduce(0.0) { $0 + $1.value * Double($1.headcount ?? 0) }
            return RollUp(value: sum / Double(total), weighted: true, teams: values.count)
        }
        return RollUp(value: values.map(\.value).reduce(0, +) / Double(values.count), weighted: false, teams: values.count)
    }
}
