import EngageModel

/// What a page's HTML is computed from, so that a rebuild can tell which pages a changed source
/// file can affect (`isAffected(by:)`).
///
/// Paths are relative to the source folder, as in diagnostics: `content/teams/alpha.md`.
/// - `files`: the content files the page reads by name (its own file, the files of the items it
///   shows a card or a title of). When a page looks up an item that does not exist, it depends on
///   that item's whole folder instead (a new file could supply it).
/// - `folders`: content folders every file of which the page may read: lists and counts of all
///   items (home, indexes), and questions only all files can answer ("which teams are in this
///   department?"). A file added to, removed from or changed in the folder affects the page.
/// - `reports`: the computed reports the page shows; each has its own inputs (`ReportKey.inputs`).
///
/// Not listed, because every page depends on them: `content/site.yml`, `templates/`, `static/`
/// (the favicon and logo) and the header and footer's inputs (`SiteChrome.inputs`).
/// `SiteCatalog.affectedPages(by:)` adds those.
public struct PageInputs: Sendable, Equatable {
    public var files: Set<String> = []
    public var folders: Set<ContentFolder> = []
    public var reports: Set<ReportKey> = []
    /// Whole-site inputs that are not source files (e.g. a fingerprint of git history), by the
    /// name `Engine.siteFingerprints` gives them: the page is rendered again when one changes.
    public var sitewide: Set<String> = []

    public init(files: Set<String> = [], folders: Set<ContentFolder> = [], reports: Set<ReportKey> = [], sitewide: Set<String> = []) {
        self.files = files
        self.folders = folders
        self.reports = reports
        self.sitewide = sitewide
    }

    /// Whether a change to the source file at `path` (added, removed or edited) can change the page.
    public func isAffected(by path: String) -> Bool {
        if files.contains(path) { return true }
        if folders.contains(where: { path.hasPrefix($0.path) }) { return true }
        return reports.contains { $0.isAffected(by: path) }
    }

    mutating func add(_ other: PageInputs) {
        files.formUnion(other.files)
        folders.formUnion(other.folders)
        reports.formUnion(other.reports)
        sitewide.formUnion(other.sitewide)
    }

    /// A group's latest survey: all surveys' reports; with no survey yet, only the folder (a new
    /// survey file is what would change the page).
    mutating func addSurveys(_ site: Site) {
        if site.surveys.isEmpty { folders.insert(.surveys) } else { reports.insert(.surveys) }
    }

    /// The file of an item when it exists, else its whole folder.
    mutating func add(_ source: SourceRef?, orFolder folder: ContentFolder) {
        if let source { files.insert(source.path) } else { folders.insert(folder) }
    }
}

/// A folder of `content/`.
public enum ContentFolder: String, Sendable, CaseIterable, Hashable {
    case values, pathways, teams, programs, guides, pages, kpis, surveys, actions
    public var path: String {
        // Literals: asked for every page of an incremental build.
        switch self {
        case .values: "content/values/"
        case .pathways: "content/pathways/"
        case .teams: "content/teams/"
        case .programs: "content/programs/"
        case .guides: "content/guides/"
        case .pages: "content/pages/"
        case .kpis: "content/kpis/"
        case .surveys: "content/surveys/"
        case .actions: "content/actions/"
        }
    }
}

/// A report of `SiteReports` a page shows.
public enum ReportKey: Sendable, Hashable {
    /// `Relations`: reverse links; computed from every pathway and team.
    case relations
    /// Teams' own KPI values (`KPIReport.series(team:kpi:)`): the KPI catalog and period files.
    case kpiValues
    /// Department and organisation roll-ups: the KPI files and every team (headcount, department).
    case kpiRollUps
    /// Program impacts and ROI: programs, teams (enrolment, headcount) and KPI files.
    case programImpacts
    /// Every survey's report (a group's latest survey and its change since the previous one).
    case surveys
    /// One survey's report, by period: its file and every team (groups, complementary suppression).
    case survey(String)

    /// The folders every file of which the report reads.
    var folders: [ContentFolder] {
        switch self {
        case .relations: [.pathways, .teams]
        case .kpiValues: [.kpis]
        case .kpiRollUps: [.kpis, .teams]
        case .programImpacts: [.programs, .teams, .kpis]
        case .surveys: [.surveys, .teams]
        case .survey: [.teams]
        }
    }

    /// The one file the report reads besides its folders.
    var file: String? {
        if case .survey(let period) = self { return "content/surveys/\(period).yml" }
        return nil
    }

    /// `inputs.isAffected(by:)`, without making the inputs (asked for every page of an
    /// incremental build).
    func isAffected(by path: String) -> Bool {
        path == file || folders.contains { path.hasPrefix($0.path) }
    }

    public var inputs: PageInputs {
        PageInputs(files: file.map { [$0] } ?? [], folders: Set(folders))
    }
}
