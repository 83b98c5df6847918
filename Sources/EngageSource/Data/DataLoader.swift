import Foundation
import Yams
import EngageModel

/// Loads `content/kpis/` and `content/surveys/`: lists and parses their YAML files in parallel,
/// and checks what spans files (one granularity, `period:` matching the file name).
extension SiteLoader {
    struct DataFiles {
        var kpis: [KPI] = []
        var catalogFound = false
        var kpiPeriods: [KPIPeriod] = []
        var surveys: [Survey] = []
        var references: [Reference] = []
        /// Version 2: checks of period files that need the teams (`checkKPIGroups`).
        var kpiGroupChecks: [KPIGroupCheck] = []
    }

    /// YAML files of a data folder (sorted), warning about anything else.
    func yamlFiles(_ folder: String, _ diagnostics: inout Diagnostics) -> [String] {
        let dir = "content/\(folder)"
        guard let names = fileSystem.list(absolute(dir)) else { return [] }
        var files: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            if name.hasSuffix(".yml") && !fileSystem.isDirectory(absolute("\(dir)/\(name)")) {
                files.append(name)
            } else {
                let hint = name.hasSuffix(".yaml") ? "; rename it to end in '.yml'" : ""
                diagnostics.warning("\(dir)/\(name)", .start, "only '.yml' files are read in content/\(folder)/; this is ignored\(hint)")
            }
        }
        return files
    }

    func parseYAMLFile(_ path: String, _ diagnostics: inout Diagnostics) -> (YAMLReader, MapReader)? {
        guard let text = readText(path, &diagnostics) else { return nil }
        let reader = YAMLReader(path: path)
        if text.allSatisfy(\.isWhitespace) {
            diagnostics.error(path, .start, "file is empty")
            return nil
        }
        let root = reader.parse(text)
        // A duplicate key leaves a document (its first occurrence used) and an error: decoding goes on.
        guard let map = reader.rootMap(root, what: "the file") else {
            diagnostics.append(contentsOf: reader.diagnostics.items)
            return nil
        }
        return (reader, map)
    }

    func loadData(_ diagnostics: inout Diagnostics) -> DataFiles {
        var data = DataFiles()
        let kpiFiles = yamlFiles("kpis", &diagnostics)
        if kpiFiles.contains("catalog.yml"), let (reader, map) = parseYAMLFile("content/kpis/catalog.yml", &diagnostics) {
            data.catalogFound = true
            data.kpis = Self.decodeCatalog(map)
            diagnostics.append(contentsOf: reader.diagnostics.items)
        }
        let periodFiles = kpiFiles.filter { $0 != "catalog.yml" }
        if !periodFiles.isEmpty && !data.catalogFound && !kpiFiles.contains("catalog.yml") {
            diagnostics.error("content/kpis/\(periodFiles[0])", .start, "KPI values need definitions: create content/kpis/catalog.yml listing each KPI")
        }
        let catalog = Dictionary(data.kpis.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let parsed = parallelMap(periodFiles) { name -> (KPIPeriod?, Position?, [Diagnostic], [Reference], [KPIGroupCheck]) in
            var local = Diagnostics()
            guard let (reader, map) = self.parseYAMLFile("content/kpis/\(name)", &local) else { return (nil, nil, local.items, [], []) }
            let decoded = Self.decodeKPIPeriod(map, fileName: name, catalog: catalog)
            return (decoded?.0, map.position(of: "period"), local.items + reader.diagnostics.items, reader.references, decoded?.1 ?? [])
        }
        var periods: [(KPIPeriod, Position, String)] = []
        for (period, position, found, refs, checks) in parsed {
            diagnostics.append(contentsOf: found)
            data.references += refs
            data.kpiGroupChecks += checks
            if let period, let position { periods.append((period, position, "content/kpis/\(period.period.text).yml")) }
        }
        checkGranularity(periods.map { ($0.0.period, $0.2, $0.1) }, what: "KPI", &diagnostics)
        data.kpiPeriods = periods.map(\.0).sorted { $0.period < $1.period }

        let surveyFiles = yamlFiles("surveys", &diagnostics)
        let surveys = parallelMap(surveyFiles) { name -> (Survey?, [Diagnostic], [Reference]) in
            var local = Diagnostics()
            guard let (reader, map) = self.parseYAMLFile("content/surveys/\(name)", &local) else { return (nil, local.items, []) }
            let survey = Self.decodeSurvey(map, fileName: name)
            return (survey, local.items + reader.diagnostics.items, reader.references)
        }
        for (survey, found, refs) in surveys {
            diagnostics.append(contentsOf: found)
            data.references += refs
            if let survey { data.surveys.append(survey) }
        }
        data.surveys.sort { $0.period < $1.period }
        return data
    }

    /// All files of a kind must use one granularity (all quarters, or all months, …).
    func checkGranularity(_ periods: [(Period, String, Position)], what: String, _ diagnostics: inout Diagnostics) {
        guard let first = periods.sorted(by: { $0.0 < $1.0 }).first else { return }
        var counts: [Period.Granularity: Int] = [:]
        for p in periods { counts[p.0.granularity, default: 0] += 1 }
        let main = counts.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key ?? first.0.granularity
        for (period, path, position) in periods where period.granularity != main {
            diagnostics.error(path, position, "\(what) period '\(period.text)' is a \(period.granularity.rawValue) but the other \(what) files use \(main.rawValue)s (e.g. '\(main.example)'); use one granularity across all \(what) files")
        }
    }

    /// `period:` must be a valid period equal to the file name.
    static func checkPeriod(_ map: MapReader, fileName: String) -> Period? {
        let stem = String(fileName.dropLast(4))
        let reader = map.reader
        guard let fromName = Period(stem) else {
            reader.error(nil, "file name '\(fileName)' is not a period; name it YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM (e.g. '2026-Q1.yml')")
            return nil
        }
        guard let written = map.string("period", required: true, what: "the file") else { return nil }
        guard let period = Period(written) else {
            reader.error(map["period"], "'period' must be YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM (e.g. 2026-Q1), found '\(written)'")
            return nil
        }
        if period != fromName {
            reader.error(map["period"], "'period' is '\(written)' but the file is named '\(fileName)'; they must match")
            return nil
        }
        return period
    }
}
