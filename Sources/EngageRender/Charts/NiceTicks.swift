import Foundation
import EngageModel

/// Axis ticks at round values: a step of 1, 2 or 5 × 10ⁿ, from a multiple of the step at or
/// below the lowest value to one at or above the highest (82.3…85.1 → 82, 83, 84, 85, 86).
extension Charts {
    public struct Ticks: Sendable, Equatable {
        public var values: [Double]
        public var step: Double
        public var lo: Double { values.first ?? 0 }
        public var hi: Double { values.last ?? 1 }
    }

    /// About `count` intervals (never more than `count + 2`) covering `lo…hi`.
    public static func niceTicks(_ lo: Double, _ hi: Double, count: Int = 4) -> Ticks {
        var (lo, hi) = (Swift.min(lo, hi), Swift.max(lo, hi))
        if hi - lo < 1e-9 {
            let pad = Swift.max(abs(lo) * 0.05, 1)
            lo -= pad; hi += pad
        }
        let rough = (hi - lo) / Double(Swift.max(count, 1))
        let power = pow(10, floor(log10(rough)))
        let fraction = rough / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        let step = nice * power
        let first = floor(lo / step + 1e-9) * step
        let last = ceil(hi / step - 1e-9) * step
        let n = Int(((last - first) / step).rounded())
        let decimals = self.decimals(forStep: step)
        let values = (0...n).map { Numbers.round(first + Double($0) * step, decimals) }
        return Ticks(values: values, step: step)
    }

    /// Decimals a tick step needs: 5 → 0, 0.5 → 1, 0.25 → 2 (never negative).
    public static func decimals(forStep step: Double) -> Int {
        var d = 0
        while d < 6 && abs(Numbers.round(step, d) - step) > 1e-9 { d += 1 }
        return d
    }
}
