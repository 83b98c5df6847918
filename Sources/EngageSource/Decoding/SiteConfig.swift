import Foundation
import Yams
import EngageModel

/// `content/site.yml`: the site's settings.
extension SiteLoader {
    func loadConfig(_ diagnostics: inout Diagnostics, _ references: inout [Reference], staticPaths: Set<String> = []) -> SiteConfig? {
        let path = "content/site.yml"
        let entry = fileSystem.entry(absolute("content"))
        guard entry.kind != .missing || entry.isLink else {
            // Run from inside a site's content/ folder, or from a folder that holds one site.
            let hint: String
            if fileSystem.entry(absolute("site.yml")).kind == .file {
                let above = source == "." || source == "./" ? ".." : (source as NSString).deletingLastPathComponent
                hint = "this looks like a site's content/ folder itself; use the folder above it (--source \(above.isEmpty ? "." : above))"
            } else if let site = (fileSystem.list(source) ?? []).sorted().first(where: { fileSystem.entry(absolute("\($0)/content/site.yml")).kind == .file }) {
                hint = "did you mean --source \(joinPath(source, site))?"
            } else {
                hint = "is --source right? ('engage init DIR' makes a new site)"
            }
            diagnostics.error("content", .start, "no content folder: '\(absolute("content"))' does not exist; \(hint)")
            return nil
        }
        guard let names = SourceFolders(source: source, fileSystem: fileSystem).list("content", holding: "content files", &diagnostics) else { return nil }
        guard names.contains("site.yml") else {
            diagnostics.error(path, .start, "missing the site settings file 'content/site.yml'; create it with at least 'title: Your People Hub'")
            return nil
        }
        guard let text = readText(path, &diagnostics) else { return nil }
        let reader = YAMLReader(path: path)
        defer {
            diagnostics.append(contentsOf: reader.diagnostics.items)
            references += reader.references
        }
        guard let map = reader.rootMap(reader.parse(text), what: "site.yml") else { return nil }
        var config = Self.decodeConfig(map)
        config?.logo = Self.staticSetting("logo", map, staticPaths)
        config?.favicon = Self.staticSetting("favicon", map, staticPaths) ?? (staticPaths.contains("favicon.ico") ? "favicon.ico" : nil)
        return config
    }

    static let configFields = ["title", "organization", "base_url", "currency", "anonymity_threshold", "replacement_cost",
                               "turnover_kpi", "unsafe_html", "edit_url", "logo", "favicon", "as_of"]

    static func decodeConfig(_ map: MapReader) -> SiteConfig? {
        let what = "site.yml"
        map.checkKeys(configFields, what: what)
        let reader = map.reader
        let title = map.string("title", required: true, what: what)
        var config = SiteConfig(title: title ?? "")
        config.organization = map.string("organization", what: what)
        if let base = map.string("base_url", what: what) {
            let trimmed = base.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("/") || trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") {
                config.baseURL = trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
            } else {
                reader.error(map["base_url"], "'base_url' must be a path starting with '/' or an http(s) URL, found '\(base)'\(Suggest.didYouMean("/\(trimmed)"))")
            }
        }
        if let currency = map.string("currency", what: what) {
            if currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                config.currency = currency
            } else {
                reader.error(map["currency"], "'currency' must be an ISO 4217 code of three capital letters (e.g. GBP, EUR, USD), found '\(currency)'")
            }
        }
        if let threshold = map.int("anonymity_threshold", what: what) {
            if threshold < 3 {
                reader.error(map["anonymity_threshold"], "'anonymity_threshold' must be at least 3 to protect anonymity, found \(threshold)")
            } else {
                config.anonymityThreshold = threshold
            }
        }
        if let cost = map.number("replacement_cost", what: what) {
            if cost < 0 { reader.error(map["replacement_cost"], "'replacement_cost' must not be negative, found \(cost)") } else { config.replacementCost = cost }
        }
        config.turnoverKPI = map.string("turnover_kpi", what: what)
        if let kpi = config.turnoverKPI { reader.refer(.kpi, kpi, at: map["turnover_kpi"], what: "'turnover_kpi' of site.yml") }
        config.unsafeHTML = map.bool("unsafe_html", what: what) ?? false
        if let edit = map.string("edit_url", what: what) {
            if let problem = Self.editURLProblem(edit) { reader.error(map["edit_url"], problem) } else {
                config.editURL = edit.hasSuffix("/") ? edit : edit + "/"
            }
        }
        if let day = map.string("as_of", what: what) {
            if Dates.isValidDay(day) { config.asOf = day } else {
                reader.error(map["as_of"], "'as_of' must be a date written YYYY-MM-DD (e.g. 2026-06-30), found '\(day)'")
            }
        }
        return title == nil ? nil : config
    }

    /// Why `edit_url` cannot be used in links, or nil (see `LinkAddress.problem`).
    static func editURLProblem(_ url: String) -> String? {
        LinkAddress.problem(url, what: "'edit_url'", path: "a path starting with '/'")
    }
}
