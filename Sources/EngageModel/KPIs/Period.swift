/// A reporting period: YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM. Periods sort chronologically.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Granularity: String, Sendable, Hashable {
        case year, half, quarter, month
        public var example: String {
            switch self {
            case .year: return "2026"
            case .half: return "2026-H1"
            case .quarter: return "2026-Q1"
            case .month: return "2026-03"
            }
        }
    }

    public let text: String
    public let year: Int
    public let granularity: Granularity
    /// First and last month (1...12) the period covers.
    public let firstMonth: Int
    public let lastMonth: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let yearText = parts.first, yearText.count == 4, yearText.allSatisfy(\.isASCII), let year = Int(yearText), year > 0 else { return nil }
        self.text = text
        self.year = year
        switch parts.count {
        case 1:
            granularity = .year; firstMonth = 1; lastMonth = 12
        case 2:
            let p = parts[1]
            if p.count == 2, p.first == "H", let n = Int(p.dropFirst()), (1...2).contains(n) {
                granularity = .half; firstMonth = n == 1 ? 1 : 7; lastMonth = n == 1 ? 6 : 12
            } else if p.count == 2, p.first == "Q", let n = Int(p.dropFirst()), (1...4).contains(n) {
                granularity = .quarter; firstMonth = (n - 1) * 3 + 1; lastMonth = n * 3
            } else if p.count == 2, p.allSatisfy(\.isNumber), let m = Int(p), (1...12).contains(m) {
                granularity = .month; firstMonth = m; lastMonth = m
            } else {
                return nil
            }
        default:
            return nil
        }
    }

    public var description: String { text }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.firstMonth, a.lastMonth) < (b.year, b.firstMonth, b.lastMonth)
    }

    /// True when the period's last day is before the given YYYY-MM-DD day.
    public func ends(before day: String) -> Bool {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return false }
        // The period ends on the last day of lastMonth: it is before `day` iff that month is before day's month.
        return (year, lastMonth) < (parts[0], parts[1])
    }

    /// True when the period's last day is after the given YYYY-MM-DD day (a period that ends on that day does not).
    public func ends(after day: String) -> Bool {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lastDay = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][lastMonth - 1]
        return (year, lastMonth, lastDay) > (parts[0], parts[1], parts[2])
    }
}
