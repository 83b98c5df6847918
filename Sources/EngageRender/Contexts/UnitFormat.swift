import EngageModel

/// KPI values, changes and survey figures worded for pages (Format does the numbers).
///
/// One precision rule per KPI: every page shows its values, target, tolerance and changes with
/// exactly `decimals` places (`KPI.shownDecimals`); the CSV keeps two. Statuses are worked out
/// from the value itself, never from the rounded text.
extension Format {
    /// A number with exactly `decimals` places and thousands separators: 84.99 at 1 → "85.0".
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = number(value, decimals: decimals)
        guard decimals > 0 else { return text }
        let places = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? -1
        if places < 0 { return text + "." + String(repeating: "0", count: decimals) }
        return text + String(repeating: "0", count: decimals - places)
    }

    /// A KPI value in its unit at the KPI's decimals: "92.0%", "3.5 min", "1.0 day", "£1,200", "11:1".
    static func kpi(_ value: Double, _ kpi: KPI, currency: String) -> String {
        Format.kpi(value, kpi, currency: currency, decimals: kpi.shownDecimals)
    }

    static func kpi(_ value: Double, _ kpi: KPI, currency: String, decimals: Int) -> String {
        let number = Format.fixed(value, decimals: decimals)
        switch kpi.unit {
        case .percent: return number + "%"
        case .minutes: return number + " min"
        case .hours: return number + " h"
        case .days: return number + (Numbers.round(value, decimals) == 1 ? " day" : " days")
        case .currency: return Format.money(value, currency: currency, decimals: decimals)
        case .ratio: return number + ":1"
        case .score, .count, .number: return number
        }
    }

    /// Chart axis ticks: nice round values (`Charts.niceTicks`) with as many decimals as the step needs.
    static func axisLabel(_ value: Double, step: Double, _ kpi: KPI, currency: String) -> String {
        Format.kpi(value, kpi, currency: currency, decimals: Charts.decimals(forStep: step))
    }

    /// A change between two of a KPI's values on a card, at the KPI's decimals: "+1.2 pts", "−0.8 min".
    static func change(_ delta: Double, _ kpi: KPI, currency: String) -> String {
        deltaText(delta, kpi, currency: currency, decimals: kpi.shownDecimals, fixed: true)
    }

    /// A computed difference (program impact): at most two decimals, as `programs.csv` has it.
    /// **Choice:** program impact is a difference of means, not a KPI value, so `decimals` does not apply.
    static func delta(_ delta: Double, _ kpi: KPI, currency: String) -> String {
        deltaText(delta, kpi, currency: currency, decimals: 2, fixed: false)
    }

    private static func deltaText(_ delta: Double, _ kpi: KPI, currency: String, decimals d: Int, fixed: Bool) -> String {
        let sign = delta > 0 ? "+" : delta < 0 ? "−" : "±"
        let magnitude = fixed ? Format.fixed(abs(delta), decimals: d) : Format.number(abs(delta), decimals: d)
        switch kpi.unit {
        case .percent: return sign + magnitude + " pts"
        case .minutes: return sign + magnitude + " min"
        case .hours: return sign + magnitude + " h"
        case .days: return sign + magnitude + " days"
        case .currency: return sign + (fixed ? Format.money(abs(delta), currency: currency, decimals: d) : Format.money(abs(delta), currency: currency))
        case .score, .count, .number, .ratio: return sign + magnitude
        }
    }

    /// "+3", "−2", "0" (eNPS and differences in points).
    static func signed(_ v: Int) -> String { v > 0 ? "+\(v)" : v < 0 ? "−\(-v)" : "0" }

    /// "42%"
    static func percent(_ v: Int) -> String { "\(v)%" }

    /// How a roll-up was computed, for the figure's note.
    static func basis(_ r: KPIMath.RollUp) -> String { r.weighted ? "weighted by headcount" : "unweighted mean" }

    /// How a department's or the organisation's figure was obtained: measured, or rolled up.
    static func basis(_ f: KPIFigureValue) -> String? {
        if f.measured { return "measured" }
        return f.rollUp.map(basis)
    }

    /// An amount of money at a fixed number of decimals: "£6,500", "£6,500.50".
    static func money(_ value: Double, currency: String, decimals: Int) -> String {
        let amount = fixed(abs(value), decimals: decimals)
        let sign = Numbers.round(value, decimals) < 0 ? "−" : ""
        if let symbol = currencySymbols[currency] { return sign + symbol + amount }
        return sign + amount + " " + currency
    }
}

extension KPI {
    /// Decimals pages show: `decimals` as written; unset, 1 (**Choice:** 0 for currency, whole amounts).
    var shownDecimals: Int { decimals ?? (unit == .currency ? 0 : KPI.defaultDecimals) }
}
