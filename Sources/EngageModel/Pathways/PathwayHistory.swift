import Foundation

/// What one version of a pathway changed in its levels and competencies, compared with an earlier
/// version. Items are matched by id; names are the newer version's (the older one's for removed).
///
/// - `cumulative` is set when the pathway starts or stops reading each level as adding to the one
///   it grows from (which changes what every level expects).
/// - A level is reworded when its title, summary, grade or track changed.
/// - A competency is reworded when its name, description or theme changed, or what it expects at
///   some level (a criterion's text or proficiency; examples do not count), or the levels it has
///   expectations for.
public struct PathwayDiff: Sendable, Equatable {
    public var levelsAdded: [String] = []
    public var levelsRemoved: [String] = []
    public var levelsReworded: [String] = []
    public var competenciesAdded: [String] = []
    public var competenciesRemoved: [String] = []
    public var competenciesReworded: [String] = []
    /// The new value of `cumulative` when it changed (each level adding to the one it grows from).
    public var cumulative: Bool? = nil

    public init(levelsAdded: [String] = [], levelsRemoved: [String] = [], levelsReworded: [String] = [],
                competenciesAdded: [String] = [], competenciesRemoved: [String] = [], competenciesReworded: [String] = [], cumulative: Bool? = nil) {
        self.cumulative = cumulative
        self.levelsAdded = levelsAdded
        self.levelsRemoved = levelsRemoved
        self.levelsReworded = levelsReworded
        self.competenciesAdded = competenciesAdded
        self.competenciesRemoved = competenciesRemoved
        self.competenciesReworded = competenciesReworded
    }

    /// Nothing changed in the levels or competencies (the body or other fields may have).
    public var isEmpty: Bool {
        levelsAdded.isEmpty && levelsRemoved.isEmpty && levelsReworded.isEmpty
            && competenciesAdded.isEmpty && competenciesRemoved.isEmpty && competenciesReworded.isEmpty && cumulative == nil
    }

    /// Compares two versions of a pathway. Lists keep the order of the version they name.
    public static func compare(_ old: Pathway, _ new: Pathway) -> PathwayDiff {
        var diff = PathwayDiff()
        if old.cumulative != new.cumulative { diff.cumulative = new.cumulative }
        let oldLevels = Dictionary(old.levels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newLevelIDs = Set(new.levels.map(\.id))
        for level in new.levels {
            guard let before = oldLevels[level.id] else { diff.levelsAdded.append(level.title); continue }
            if [before.title, before.summary, before.grade, before.track] != [level.title, level.summary, level.grade, level.track] {
                diff.levelsReworded.append(level.title)
            }
        }
        diff.levelsRemoved = old.levels.filter { !newLevelIDs.contains($0.id) }.map(\.title)

        let oldCompetencies = Dictionary(old.competencies.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newCompetencyIDs = Set(new.competencies.map(\.id))
        for competency in new.competencies {
            guard let before = oldCompetencies[competency.id] else { diff.competenciesAdded.append(competency.name); continue }
            if reworded(before, competency) { diff.competenciesReworded.append(competency.name) }
        }
        diff.competenciesRemoved = old.competencies.filter { !newCompetencyIDs.contains($0.id) }.map(\.name)
        return diff
    }

    static func reworded(_ a: Competency, _ b: Competency) -> Bool {
        if [a.name, a.description, a.theme] != [b.name, b.description, b.theme] { return true }
        if a.expectations.count != b.expectations.count { return true }
        for (level, criteria) in a.expectations {
            guard let other = b.expectations[level] else { return true }
            if criteria.map(\.essence) != other.map(\.essence) { return true }
        }
        return false
    }
}

/// One entry of a pathway's "History": a commit that changed the pathway's file, and what it did.
public struct PathwayHistoryEntry: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        /// The first version: how many levels and competencies it had.
        case created(levels: Int, competencies: Int)
        /// This version could not be read (a YAML or front matter error at that commit).
        case unreadable
        /// Compared with the last earlier version that could be read.
        case changed(PathwayDiff)
    }

    public var commit: ContentHistory.Commit
    public var change: Change

    public init(commit: ContentHistory.Commit, change: Change) {
        self.commit = commit
        self.change = change
    }
}

public enum PathwayHistory {
    /// The entries of a pathway's history, newest first, from its versions (newest first).
    /// Each version is compared with the newest earlier version that could be read; the first
    /// readable version is "created".
    public static func entries(_ versions: [PathwayVersion]) -> [PathwayHistoryEntry] {
        var entries: [PathwayHistoryEntry] = []
        var previous: Pathway? = nil
        for version in versions.reversed() {
            guard let pathway = version.pathway else {
                entries.append(PathwayHistoryEntry(commit: version.commit, change: .unreadable))
                continue
            }
            if let previous {
                entries.append(PathwayHistoryEntry(commit: version.commit, change: .changed(PathwayDiff.compare(previous, pathway))))
            } else {
                entries.append(PathwayHistoryEntry(commit: version.commit,
                                                   change: .created(levels: pathway.levels.count, competencies: pathway.competencies.count)))
            }
            previous = pathway
        }
        return entries.reversed()
    }
}
