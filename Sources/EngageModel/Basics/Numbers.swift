import Foundation

/// Locale-independent rounding and plain number text: the arithmetic every report shares.
/// (Display formatting with separators, units and currencies is Render's `Format`.)
public enum Numbers {
    /// Plain digits for CSV and machine use: no separators, at most `decimals` places, "-" for minus.
    public static func plain(_ value: Double, decimals: Int = 2) -> String {
        let rounded = round(value, decimals)
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(format: "%.\(decimals)f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Half away from zero, at `decimals` places.
    public static func round(_ value: Double, _ decimals: Int) -> Double {
        let factor = pow(10.0, Double(decimals))
        let scaled = (value * factor * 1e6).rounded() / 1e6   // tame binary noise such as 2.675 → 2.67499…
        let result = scaled.rounded(.toNearestOrAwayFromZero) / factor
        return result == 0 ? 0 : result
    }
}
