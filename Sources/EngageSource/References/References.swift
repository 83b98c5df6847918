import EngageModel
/// A name in one file that must match something defined elsewhere.
public struct Reference: Sendable, Equatable {
    public enum Kind: Sendable, Equatable, Hashable {
        case value, pathway, team, program, kpi
        /// A team's department name: not checked against definitions, but all spellings of one
        /// department page must agree (`DepartmentSpelling`).
        case department
        /// A level id of the given pathway.
        case level(pathway: String)

        var noun: String {
            switch self {
            case .value: return "value"
            case .pathway: return "pathway"
            case .team: return "team"
            case .program: return "program"
            case .kpi: return "KPI"
            case .department: return "department"
            case .level(let p): return "level of pathway '\(p)'"
            }
        }
    }

    public var kind: Kind
    public var name: String
    public var path: String
    public var position: Position
    /// Where it was written, for the message ("'pathways' of team 'x'").
    public var what: String
}

/// Checks references against what was loaded.
public struct ReferenceIndex: Sendable {
    /// Published names per kind.
    public var known: [Reference.Kind: Set<String>] = [:]
    /// Names of drafts left out of this build, per kind.
    public var drafts: [Reference.Kind: Set<String>] = [:]
    /// Kinds whose definitions are absent altogether (e.g. no KPI catalog): not checked.
    public var unchecked: Set<Reference.Kind> = []
    /// Names of files that are there but failed to load, per kind: their own errors are
    /// reported, and a name of one is not also "unknown" where it is used.
    public var unloaded: [Reference.Kind: Set<String>] = [:]

    public init() {}

    public func check(_ references: [Reference], into diagnostics: inout Diagnostics) {
        for ref in references {
            if ref.kind == .department || unchecked.contains(ref.kind) { continue }
            let names = known[ref.kind] ?? []
            if names.contains(ref.name) || unloaded[ref.kind]?.contains(ref.name) == true { continue }
            if drafts[ref.kind]?.contains(ref.name) == true {
                diagnostics.warning(ref.path, ref.position, "\(ref.what) names the draft \(ref.kind.noun) '\(ref.name)', which is left out of this build (use --drafts to include drafts)")
                continue
            }
            // A file with errors of its own is still a name the user may have meant.
            let candidates = names.union(unloaded[ref.kind] ?? [])
            let known = candidates.isEmpty ? "; there are none defined"
                : candidates.count <= 8 ? "; known: \(candidates.sorted().joined(separator: ", "))" : ""
            let hint = Suggest.hint(for: ref.name, in: candidates, otherwise: known)
            diagnostics.error(ref.path, ref.position, "unknown \(ref.kind.noun) '\(ref.name)' in \(ref.what)\(hint)")
        }
    }
}
