import Foundation
import Yams
import EngageModel

/// `content/kpis/catalog.yml`: the KPI definitions.
extension SiteLoader {
    static let catalogFields = ["id", "name", "definition", "unit", "better", "target", "tolerance", "min", "max", "source", "owner", "key"] + catalogFieldsV2

    static func decodeCatalog(_ map: MapReader) -> [KPI] {
        let reader = map.reader
        map.checkKeys(["kpis"], what: "the KPI catalog")
        var kpis: [KPI] = []
        var seen = Set<String>()
        var parentNodes: [String: Node] = [:]
        for (index, node) in map.list("kpis", required: true, what: "the KPI catalog").enumerated() {
            let what = "KPI \(index + 1) of the catalog"
            guard let k = reader.map(node, what: what) else { continue }
            k.checkKeys(catalogFields, what: what)
            let id = k.string("id", required: true, what: what)
            let name = k.string("name", required: true, what: what)
            var unit = KPI.Unit.score
            if let text = k.string("unit", what: what) {
                if let u = KPI.Unit(rawValue: text) { unit = u } else {
                    let hint = Suggest.hint(for: text, in: KPI.Unit.allCases.map(\.rawValue))
                    reader.error(k["unit"], "unknown unit '\(text)'; use one of \(KPI.Unit.allCases.map(\.rawValue).joined(separator: ", "))\(hint)")
                }
            }
            var better: KPI.Better?
            if let text = k.string("better", required: true, what: what) {
                better = KPI.Better(rawValue: text)
                if better == nil { reader.error(k["better"], "'better' must be 'higher' or 'lower', found '\(text)'") }
            }
            let target = k.number("target", what: what)
            var tolerance = k.number("tolerance", what: what)
            if let t = tolerance, t < 0 {
                reader.error(k["tolerance"], "'tolerance' must not be negative, found \(YAMLReader.format(t))")
                tolerance = nil
            }
            let minimum = k.number("min", what: what), maximum = k.number("max", what: what)
            if let lo = minimum, let hi = maximum, lo > hi {
                reader.error(k["min"], "'min' (\(YAMLReader.format(lo))) is above 'max' (\(YAMLReader.format(hi)))")
            }
            guard let id, let name, let better else { continue }
            guard checkID(id, k["id"], reader, what: "KPI id") else { continue }
            guard seen.insert(id).inserted else {
                reader.error(k["id"], "duplicate KPI id '\(id)'; each KPI needs its own id")
                continue
            }
            var kpi = KPI(id: id, name: name, definition: k.string("definition", what: what), unit: unit, better: better,
                          target: target, targetText: k["target"].flatMap { $0.scalar?.string }, tolerance: tolerance,
                          min: minimum, max: maximum, source: k.string("source", what: what), owner: k.string("owner", what: what),
                          key: k.bool("key", what: what) ?? false)
            if let t = target { checkBounds(t, kpi, k["target"], reader, what: "target") }
            decodeCatalogV2(k, into: &kpi, what: what)
            if let node = k["parent"] { parentNodes[id] = node }
            kpis.append(kpi)
        }
        checkParents(&kpis, nodes: parentNodes, reader)
        return kpis
    }

    static func checkBounds(_ value: Double, _ kpi: KPI, _ node: Node?, _ reader: YAMLReader, what: String) {
        let (lo, hi) = kpi.bounds
        if let lo, value < lo - KPIMath.epsilon {
            reader.error(node, "\(what) \(YAMLReader.format(value)) for '\(kpi.id)' is below its minimum \(YAMLReader.format(lo))")
        } else if let hi, value > hi + KPIMath.epsilon {
            reader.error(node, "\(what) \(YAMLReader.format(value)) for '\(kpi.id)' is above its maximum \(YAMLReader.format(hi))\(kpi.unit == .percent && hi == 100 ? " (a percentage)" : "")")
        }
    }
}
