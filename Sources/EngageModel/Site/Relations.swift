/// Reverse links between content, computed once per build.
public struct Relations: Sendable {
    /// value slug → pathway slugs that lean on it
    public var pathwaysByValue: [String: [String]] = [:]
    /// pathway slug → moves into it, as (from pathway slug, move)
    public var movesInto: [String: [(from: String, move: Move)]] = [:]
    /// pathway slug → team slugs that use it
    public var teamsByPathway: [String: [String]] = [:]
    /// program slug → enrolled team slugs
    public var teamsByProgram: [String: [String]] = [:]

    public init(_ site: Site) {
        for pathway in site.pathways {
            for value in Set(pathway.values) { pathwaysByValue[value, default: []].append(pathway.slug) }
            for move in pathway.moves where site.pathway(move.to) != nil {
                movesInto[move.to, default: []].append((pathway.slug, move))
            }
        }
        for team in site.teams {
            for pathway in Set(team.pathways) { teamsByPathway[pathway, default: []].append(team.slug) }
            for program in Set(team.programs) { teamsByProgram[program, default: []].append(team.slug) }
        }
    }

    /// Headcount of the teams enrolled in a program (teams without a headcount count 0).
    public func enrolledHeadcount(_ program: String, in site: Site) -> Int {
        (teamsByProgram[program] ?? []).compactMap { site.team($0)?.headcount }.reduce(0, +)
    }
}
