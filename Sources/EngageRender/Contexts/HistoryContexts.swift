import EngageModel

/// Dates of commits as readers see them: "12 March 2026" (the commit's own calendar day).
enum HistoryDate {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    /// "2026-03-12" → "12 March 2026"; anything else is returned as it is.
    static func text(_ day: String) -> String {
        let parts = day.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month), let d = Int(parts[2]) else { return day }
        return "\(d) \(months[month - 1]) \(parts[0])"
    }
}

/// `last_changed` of every page with source files in a git work tree: `uncommitted` (true when
/// one of its files has changes not yet committed), else `date` ("12 March 2026") and `datetime`
/// ("2026-03-12").
public struct LastChangedContext: TemplateContext, Equatable {
    public var uncommitted: Bool
    public var date: String? = nil
    public var datetime: String? = nil
    public static let fields: [String: @Sendable (LastChangedContext) -> Any?] = [
        "uncommitted": { $0.uncommitted }, "date": { $0.date }, "datetime": { $0.datetime },
    ]

    static func of<Page: SitePage>(_ page: Page, _ data: SiteData) -> LastChangedContext? {
        guard let history = data.site.history else { return nil }
        switch history.lastChange(of: page.sourceFiles(data)) {
        case nil: return nil
        case .uncommitted: return LastChangedContext(uncommitted: true)
        case .commit(let commit): return LastChangedContext(uncommitted: false, date: HistoryDate.text(commit.day), datetime: commit.day)
        }
    }
}

/// One entry of a pathway's `history`: `date`, `datetime`, `subject`, `changes` (sentences).
public struct PathwayHistoryItem: TemplateContext, Equatable {
    public var date: String
    public var datetime: String
    public var subject: String
    public var changes: [String]
    public static let fields: [String: @Sendable (PathwayHistoryItem) -> Any?] = [
        "date": { $0.date }, "datetime": { $0.datetime }, "subject": { $0.subject }, "changes": { $0.changes },
    ]

    /// The history of a pathway's file, newest first; empty outside git.
    static func items(_ pathway: Pathway, _ site: Site) -> [PathwayHistoryItem] {
        guard let versions = site.history?.pathwayVersions[pathway.source.path] else { return [] }
        return PathwayHistory.entries(versions).map { entry in
            PathwayHistoryItem(date: HistoryDate.text(entry.commit.day), datetime: entry.commit.day,
                               subject: entry.commit.subject, changes: sentences(entry.change))
        }
    }

    /// What an entry says, one sentence per kind of change.
    static func sentences(_ change: PathwayHistoryEntry.Change) -> [String] {
        switch change {
        case .created(let levels, let competencies):
            return ["Pathway created with \(count(levels, "level")) and \(count(competencies, "competency", "competencies"))."]
        case .unreadable:
            return ["This version could not be read."]
        case .changed(let diff):
            if diff.isEmpty { return ["No level or competency changed."] }
            var lines: [String] = []
            if let cumulative = diff.cumulative {
                lines.append(cumulative ? "Each level now adds to the levels it grows from." : "Each level now states all it expects (no longer adding to the levels it grows from).")
            }
            func add(_ names: [String], _ one: String, _ many: String, _ verb: String) {
                guard !names.isEmpty else { return }
                lines.append("\(names.count == 1 ? one : many) \(verb): \(names.joined(separator: ", ")).")
            }
            add(diff.levelsAdded, "Level", "Levels", "added")
            add(diff.levelsRemoved, "Level", "Levels", "removed")
            add(diff.levelsReworded, "Level", "Levels", "reworded")
            add(diff.competenciesAdded, "Competency", "Competencies", "added")
            add(diff.competenciesRemoved, "Competency", "Competencies", "removed")
            add(diff.competenciesReworded, "Competency", "Competencies", "reworded")
            return lines
        }
    }

    static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) \(n == 1 ? one : many ?? one + "s")"
    }
}
