import EngageModel

// The source files a page presents (`SitePage.sourceFiles`), for its "Last changed" date and for
// the links of /changes/. By default a page's own file (`editSource`); the pages made from YAML
// data files name those here. Pages made from many files (home, indexes, department pages) have
// none and show no date: the newest change among everything they read would change with every
// commit and say little about the page itself.

extension SurveyPage {
    public func sourceFiles(_ data: SiteData) -> [String] { ["content/surveys/\(survey.period.text).yml"] }
}

/// A KPI's definition is in the catalog, its values in the period files.
enum KPIFiles {
    static func all(_ site: Site) -> [String] {
        ["content/kpis/catalog.yml"] + site.kpiPeriods.map { "content/kpis/\($0.period.text).yml" }
    }
}

extension KPIsIndexPage {
    public func sourceFiles(_ data: SiteData) -> [String] { KPIFiles.all(data.site) }
}

extension KPIPage {
    public func sourceFiles(_ data: SiteData) -> [String] { KPIFiles.all(data.site) }
}
