import EngageModel

/// KPI values, changes and survey figures worded for pages (Format does the numbers).
extension Format {
    /// A KPI value in its unit: "92%", "3.5 min", "1 day", "£1,200".
    static func kpi(_ value: Double, _ kpi: KPI, currency: String) -> String {
        let number = Format.number(value, decimals: 2)
        switch kpi.unit {
        case .percent: return number + "%"
        case .minutes: return number + " min"
        case .hours: return number + " h"
        case .days: return number + (value == 1 ? " day" : " days")
        case .currency: return Format.money(value, currency: currency)
        case .score, .count: return number
        }
    }

    /// Chart axis ticks: one decimal at most (whole amounts of money).
    static func axisLabel(_ value: Double, _ kpi: KPI, currency: String) -> String {
        if kpi.unit == .currency { return Format.money(Numbers.round(value, 0), currency: currency) }
        return Format.kpi(Numbers.round(value, 1), kpi, currency: currency)
    }

    /// A change in a KPI's unit: "+1.2 pts", "−0.8 min".
    static func delta(_ delta: Double, _ kpi: KPI, currency: String) -> String {
        let sign = delta > 0 ? "+" : delta < 0 ? "−" : "±"
        let magnitude = Format.number(abs(delta), decimals: 2)
        switch kpi.unit {
        case .percent: return sign + magnitude + " pts"
        case .minutes: return sign + magnitude + " min"
        case .hours: return sign + magnitude + " h"
        case .days: return sign + magnitude + " days"
        case .currency: return sign + Format.money(abs(delta), currency: currency)
        case .score, .count: return sign + magnitude
        }
    }

    /// "+3", "−2", "0" (eNPS and differences in points).
    static func signed(_ v: Int) -> String { v > 0 ? "+\(v)" : v < 0 ? "−\(-v)" : "0" }

    /// "42%"
    static func percent(_ v: Int) -> String { "\(v)%" }

    /// How a roll-up was computed, for the figure's note.
    static func basis(_ r: KPIMath.RollUp) -> String { r.weighted ? "weighted by headcount" : "unweighted mean" }
}
