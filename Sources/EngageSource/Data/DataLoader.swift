import Foundation
import Yams
import EngageModel

/// Loads `content/kpis/` and `content/surveys/`.
extension SiteLoader {
    static let catalogFields = ["id", "name", "definition", "unit", "better", "target", "tolerance", "min", "max", "source", "owner", "key"]
    static let surveyFields = ["period", "title", "questions", "teams"]
    static let questionFields = ["id", "text", "factor", "type"]
    static let surveyTeamFields = ["invited", "responses", "answers"]

    struct DataFiles {
        var kpis: [KPI] = []
        var catalogFound = false
        var kpiPeriods: [KPIPeriod] = []
        var surveys: [Survey] = []
        var references: [Reference] = []
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
        guard !reader.diagnostics.hasErrors, let map = reader.rootMap(root, what: "the file") else {
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
        let parsed = parallelMap(periodFiles) { name -> (KPIPeriod?, Position?, [Diagnostic], [Reference]) in
            var local = Diagnostics()
            guard let (reader, map) = self.parseYAMLFile("content/kpis/\(name)", &local) else { return (nil, nil, local.items, []) }
            let period = Self.decodeKPIPeriod(map, fileName: name, catalog: catalog)
            return (period, map.position(of: "period"), local.items + reader.diagnostics.items, reader.references)
        }
        var periods: [(KPIPeriod, Position, String)] = []
        for (period, position, found, refs) in parsed {
            diagnostics.append(contentsOf: found)
            data.references += refs
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

    static func decodeCatalog(_ map: MapReader) -> [KPI] {
        let reader = map.reader
        map.checkKeys(["kpis"], what: "the KPI catalog")
        var kpis: [KPI] = []
        var seen = Set<String>()
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
            let kpi = KPI(id: id, name: name, definition: k.string("definition", what: what), unit: unit, better: better,
                          target: target, targetText: k["target"].flatMap { $0.scalar?.string }, tolerance: tolerance,
                          min: minimum, max: maximum, source: k.string("source", what: what), owner: k.string("owner", what: what),
                          key: k.bool("key", what: what) ?? false)
            if let t = target { checkBounds(t, kpi, k["target"], reader, what: "target") }
            kpis.append(kpi)
        }
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

    static func decodeKPIPeriod(_ map: MapReader, fileName: String, catalog: [String: KPI]) -> KPIPeriod? {
        let reader = map.reader
        map.checkKeys(["period", "teams"], what: "a KPI file")
        let period = checkPeriod(map, fileName: fileName)
        var values: [String: [String: KPIValue]] = [:]
        for entry in map.map("teams", required: true, what: "a KPI file")?.entries ?? [] {
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
        guard let period else { return nil }
        return KPIPeriod(period: period, values: values)
    }

    static func decodeSurvey(_ map: MapReader, fileName: String) -> Survey? {
        let reader = map.reader
        map.checkKeys(surveyFields, what: "a survey")
        let period = checkPeriod(map, fileName: fileName)
        var questions: [Survey.Question] = []
        var ids = Set<String>()
        var untyped = Set<String>()
        for (index, node) in map.list("questions", required: true, what: "a survey").enumerated() {
            let what = "question \(index + 1)"
            guard let q = reader.map(node, what: what) else { continue }
            q.checkKeys(questionFields, what: what)
            let id = q.string("id", required: true, what: what)
            let text = q.string("text", required: true, what: what)
            var kind = Survey.Question.Kind.likert
            var typeKnown = true
            if let t = q.string("type", what: what) {
                if let k = Survey.Question.Kind(rawValue: t) { kind = k } else {
                    typeKnown = false
                    let hint = Suggest.hint(for: t, in: Survey.Question.Kind.allCases.map(\.rawValue))
                    reader.error(q["type"], "'type' must be 'likert' (answers 1–5) or 'enps' (answers 0–10), found '\(t)'\(hint)")
                }
            } else if q["type"] != nil && !YAMLReader.isNull(q["type"]!) {
                typeKnown = false
            }
            guard let id, let text, checkID(id, q["id"], reader, what: "question id") else { continue }
            guard ids.insert(id).inserted else {
                reader.error(q["id"], "duplicate question id '\(id)'; each question needs its own id")
                continue
            }
            questions.append(Survey.Question(id: id, text: text, factor: q.string("factor", what: what), kind: kind))
            // Answers to a question of unknown type cannot be checked: one error at 'type' is enough.
            if !typeKnown { untyped.insert(id) }
        }
        let byID = Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var teams: [Survey.TeamAnswers] = []
        for entry in map.map("teams", required: true, what: "a survey")?.entries ?? [] {
            reader.refer(.team, entry.key, at: entry.keyNode, what: "'teams' of the survey")
            let what = "survey results of team '\(entry.key)'"
            guard let t = reader.map(entry.value, what: what) else { continue }
            t.checkKeys(surveyTeamFields, what: what)
            let invited = t.int("invited", min: 0, what: what)
            guard let responses = t.int("responses", min: 0, required: true, what: what) else { continue }
            if let invited, responses > invited {
                reader.error(t["responses"], "team '\(entry.key)' has \(responses) responses but only \(invited) invited; responses cannot exceed invited")
            }
            var answers: [String: [Int]] = [:]
            for a in t.map("answers", what: what)?.entries ?? [] {
                guard let question = byID[a.key] else {
                    let hint = Suggest.hint(for: a.key, in: byID.keys)
                    reader.error(a.keyNode, "answers to unknown question '\(a.key)' for team '\(entry.key)'\(hint)")
                    continue
                }
                if untyped.contains(a.key) { continue }
                guard let items = reader.list(a.value, what: "answers to '\(a.key)'") else { continue }
                let counts = items.compactMap { reader.int($0, what: "an answer count for '\(a.key)'", min: 0) }
                guard counts.count == items.count else { continue }
                let expected = question.kind.options
                if counts.count != expected {
                    let range = question.kind == .likert ? "options 1 to 5" : "options 0 to 10"
                    reader.error(a.value, "answers to '\(a.key)' for team '\(entry.key)' have \(counts.count) counts; a \(question.kind.rawValue) question needs \(expected) (\(range))")
                    continue
                }
                let total = counts.reduce(0, +)
                if total > responses {
                    reader.error(a.value, "answers to '\(a.key)' for team '\(entry.key)' add up to \(total), more than the team's \(responses) responses")
                    continue
                }
                answers[a.key] = counts
            }
            teams.append(Survey.TeamAnswers(team: entry.key, invited: invited, responses: responses, answers: answers))
        }
        guard let period else { return nil }
        let title = map.string("title", what: "a survey") ?? "Engagement survey \(period.text)"
        return Survey(period: period, title: title, questions: questions, teams: teams.sorted { $0.team < $1.team })
    }
}
