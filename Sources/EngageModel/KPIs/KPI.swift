/// How a KPI is measured and which direction is good.
public struct KPI: Sendable, Equatable {
    public enum Unit: String, Sendable, CaseIterable {
        case percent, score, minutes, hours, days, count, currency
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

/// One value as measured, with its text as written (the CSV repeats it exactly).
public struct KPIValue: Sendable, Equatable {
    public var value: Double
    public var text: String
    public init(_ value: Double, text: String? = nil) {
        self.value = value
        self.text = text ?? Numbers.plain(value)
    }
}

/// The KPI values of one period: team → KPI id → value.
public struct KPIPeriod: Sendable, Equatable {
    public var period: Period
    public var values: [String: [String: KPIValue]]

    package init(period: Period, values: [String: [String: KPIValue]]) {
        self.period = period
        self.values = values
    }
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
