import Foundation
import Yams
import EngageModel

/// `content/kpis/<period>.yml`: KPI values per team for one period.
extension SiteLoader {
    static func decodeKPIPeriod(_ map: MapReader, fileName: String, catalog: [String: KPI]) -> (KPIPeriod, [KPIGroupCheck])? {
        let reader = map.reader
        map.checkKeys(["period", "teams", "organization", "departments", "notes"], what: "a KPI file")
        let period = checkPeriod(map, fileName: fileName)
        var values: [String: [String: KPIValue]] = [:]
        for entry in map.map("teams", required: map["organization"] == nil && map["departments"] == nil, what: "a KPI file")?.entries ?? [] {
            reader.refer(.team, entry.key, at: entry.keyNode, what: "'teams' of the KPI file")
            guard let teamMap = reader.map(entry.value, what: "KPI values of team '\(entry.key)'") else { continue }
            var row: [String: KPIValue] = [:]
            for kv in teamMap.entries {
                guard let kpi = catalog[kv.key] else {
                    if !catalog.isEmpty {
                        let hint = Suggest.hint(for: kv.key, in: catalog.keys)
                        reader.error(kv.keyNode, "unknown KPI '\(kv.key)' for team '\(entry.key)'\(hint)")
                    }
                    continue
                }
                guard let value = reader.number(kv.value, what: "'\(kv.key)' of team '\(entry.key)'") else { continue }
                checkBounds(value, kpi, kv.value, reader, what: "value")
                row[kv.key] = KPIValue(value, text: kv.value.scalar?.string.trimmingCharacters(in: .whitespaces))
            }
            values[entry.key] = row
        }
        var result = KPIPeriod(period: period ?? Period("2000")!, values: values)
        let checks = decodePeriodV2(map, period: &result, periodText: period?.text ?? String(fileName.dropLast(4)), catalog: catalog)
        guard period != nil else { return nil }
        return (result, checks)
    }
}
