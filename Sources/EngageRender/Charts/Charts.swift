import Foundation
import EngageModel

/// Inline SVG charts. Each carries its numbers as a text alternative (`<title>` and
/// `aria-label`), so nothing is conveyed by shape or colour alone.
public enum Charts {
    static func n(_ v: Double) -> String { Numbers.plain(v, decimals: 1) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A small trend line with a dot on the latest value.
    public static func sparkline(_ points: [(label: String, value: Double)], description: String, width: Double = 120, height: Double = 32) -> String {
        let label = escape(description)
        guard !points.isEmpty else { return "" }
        let values = points.map(\.value)
        let lo = values.min() ?? 0, hi = values.max() ?? 0
        let span = hi - lo == 0 ? 1 : hi - lo
        let pad = 3.0
        let step = points.count > 1 ? (width - 2 * pad) / Double(points.count - 1) : 0
        let coords = points.enumerated().map { i, p -> (Double, Double) in
            let x = points.count > 1 ? pad + Double(i) * step : width / 2
            let y = hi - lo == 0 ? height / 2 : pad + (hi - p.value) / span * (height - 2 * pad)
            return (x, y)
        }
        let line = coords.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        let last = coords[coords.count - 1]
        return "<svg class=\"spark\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(label)\">"
            + "<title>\(label)</title>"
            + "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"\(line)\"/>"
            + "<circle cx=\"\(n(last.0))\" cy=\"\(n(last.1))\" r=\"3\" fill=\"currentColor\"/></svg>"
    }

    /// A line chart with labelled axes and an optional dashed target line.
    /// Horizontal grid lines and their labels sit at round values (`niceTicks`); `format` writes a
    /// tick with the decimals its step needs, `formatTarget` the target at the KPI's own decimals.
    public static func lineChart(_ points: [(label: String, value: Double)], target: Double?, description: String,
                                 format: (_ value: Double, _ step: Double) -> String,
                                 formatTarget: (Double) -> String) -> String {
        guard !points.isEmpty else { return "" }
        let width = 640.0, height = 240.0, left = 64.0, right = 36.0, top = 16.0, bottom = 36.0
        var values = points.map(\.value)
        if let target { values.append(target) }
        let ticks = niceTicks(values.min() ?? 0, values.max() ?? 1)
        let lo = ticks.lo, hi = ticks.hi
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Double { points.count > 1 ? left + Double(i) * plotW / Double(points.count - 1) : left + plotW / 2 }
        func y(_ v: Double) -> Double { top + (hi - v) / (hi - lo) * plotH }
        let label = escape(description)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(label)\"><title>\(label)</title>"
        for v in ticks.values {
            svg += "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(v)))\" y2=\"\(n(y(v)))\"/>"
            svg += "<text class=\"axis\" x=\"\(n(left - 6))\" y=\"\(n(y(v) + 4))\" text-anchor=\"end\">\(escape(format(v, ticks.step)))</text>"
        }
        for (i, p) in points.enumerated() {
            svg += "<text class=\"axis\" x=\"\(n(x(i)))\" y=\"\(n(height - 12))\" text-anchor=\"middle\">\(escape(p.label))</text>"
        }
        if let target {
            svg += "<line class=\"target\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(target)))\" y2=\"\(n(y(target)))\"/>"
            svg += "<text class=\"axis target-label\" x=\"\(n(width - right))\" y=\"\(n(y(target) - 5))\" text-anchor=\"end\">target \(escape(formatTarget(target)))</text>"
        }
        let line = points.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element.value)))" }.joined(separator: " ")
        svg += "<polyline class=\"series\" fill=\"none\" points=\"\(line)\"/>"
        for (i, p) in points.enumerated() {
            svg += "<circle class=\"series-dot\" cx=\"\(n(x(i)))\" cy=\"\(n(y(p.value)))\" r=\"4\"/>"
        }
        return svg + "</svg>"
    }

    /// A 100% stacked bar: favourable, neutral, unfavourable (or promoters, passives, detractors).
    public static func stackedBar(_ parts: [(name: String, percent: Int, cssClass: String)], description: String) -> String {
        let label = escape(description)
        var svg = "<svg class=\"stack\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(label)\"><title>\(label)</title>"
        var x = 0.0
        let total = max(1, parts.map(\.percent).reduce(0, +))
        for p in parts where p.percent > 0 {
            let w = Double(p.percent) * 100 / Double(total)
            svg += "<rect class=\"\(p.cssClass)\" x=\"\(n(x))\" y=\"0\" width=\"\(n(w))\" height=\"10\"/>"
            x += w
        }
        return svg + "</svg>"
    }
}
