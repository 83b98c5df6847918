import Foundation
import EngageModel

/// Locale-independent number formatting, so output never depends on the machine.
public enum Format {
    /// 1234.5 → "1,234.5"; whole numbers without decimals; at most `decimals` places.
    public static func number(_ value: Double, decimals: Int = 2) -> String {
        let rounded = Numbers.round(value, decimals)
        let negative = rounded < 0
        var text = Numbers.plain(abs(rounded), decimals: decimals)
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(whole, at: 0)
        text = groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
        return negative ? "−" + text : text
    }

    static let currencySymbols = ["GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥", "INR": "₹", "AUD": "A$", "CAD": "C$", "NZD": "NZ$"]

    /// 6500 GBP → "£6,500"; codes without a symbol: "6,500 CHF".
    public static func money(_ value: Double, currency: String) -> String {
        var amount = number(abs(value), decimals: 2)
        if let dot = amount.firstIndex(of: "."), amount.distance(from: dot, to: amount.endIndex) == 2 { amount += "0" }
        let sign = value < 0 ? "−" : ""
        if let symbol = currencySymbols[currency] { return sign + symbol + amount }
        return sign + amount + " " + currency
    }
}
