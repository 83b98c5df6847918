import Foundation
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// A random organisation with a survey, written as a site in memory, for the anonymity attacks.
struct RandomSurveySite {
    struct TeamSpec {
        var slug: String
        var department: String?
        var responses: Int
        /// Question id → counts per option (absent: the team skipped the question).
        var answers: [String: [Int]]
    }

    var threshold: Int
    var questions: [(id: String, kind: Survey.Question.Kind, factor: String?)]
    var teams: [TeamSpec]

    /// Departments d0…d3 (some with one team), teams without a department, responses often near
    /// the threshold, and per question anything from nobody to everyone answering.
    static func random(threshold: Int, using rng: inout SplitMix64) -> RandomSurveySite {
        let departments = Int.random(in: 0...3, using: &rng)
        var questions: [(id: String, kind: Survey.Question.Kind, factor: String?)] = []
        for i in 0..<Int.random(in: 1...3, using: &rng) {
            questions.append(("q\(i)", .likert, i % 2 == 0 ? "Engagement" : "Growth"))
        }
        if Bool.random(using: &rng) { questions.append(("rec", .enps, nil)) }
        var teams: [TeamSpec] = []
        for i in 0..<Int.random(in: 1...7, using: &rng) {
            let department: String? = departments == 0 || Int.random(in: 0..<4, using: &rng) == 0
                ? nil : "d\(Int.random(in: 0..<departments, using: &rng))"
            let responses = Int.random(in: 0...2, using: &rng) == 0
                ? Int.random(in: 0...(threshold + 2), using: &rng) : Int.random(in: 0...(3 * threshold), using: &rng)
            var answers: [String: [Int]] = [:]
            for q in questions {
                let answered: Int
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: continue                                            // skipped
                case 1: answered = responses                                 // everyone
                case 2: answered = Int.random(in: 0...min(responses, threshold), using: &rng)   // a few
                default: answered = Int.random(in: 0...responses, using: &rng)
                }
                var counts = [Int](repeating: 0, count: q.kind.options)
                for _ in 0..<answered { counts[Int.random(in: 0..<counts.count, using: &rng)] += 1 }
                answers[q.id] = counts
            }
            teams.append(TeamSpec(slug: "t\(i)", department: department, responses: responses, answers: answers))
        }
        return RandomSurveySite(threshold: threshold, questions: questions, teams: teams)
    }

    /// The site's files (`src/content/...`).
    var files: [String: String] {
        var files: [String: String] = ["src/content/site.yml": "title: Attack\norganization: Org\nanonymity_threshold: \(threshold)\n"]
        for t in teams {
            files["src/content/teams/\(t.slug).md"] = "---\nname: Team \(t.slug)\n" + (t.department.map { "department: \($0)\n" } ?? "") + "---\n"
        }
        var survey = "period: 2026-Q1\ntitle: Pulse\nquestions:\n"
        for q in questions {
            survey += "  - id: \(q.id)\n    text: Question \(q.id) text\n"
            if let f = q.factor { survey += "    factor: \(f)\n" }
            if q.kind == .enps { survey += "    type: enps\n" }
        }
        survey += "teams:\n"
        for t in teams {
            survey += "  \(t.slug):\n    responses: \(t.responses)\n"
            if !t.answers.isEmpty {
                survey += "    answers:\n"
                for (q, counts) in t.answers.sorted(by: { $0.key < $1.key }) {
                    survey += "      \(q): [\(counts.map(String.init).joined(separator: ", "))]\n"
                }
            }
        }
        files["src/content/surveys/2026-Q1.yml"] = survey
        return files
    }

    /// The measures the anonymity rule protects: responses, and each question's answer count.
    var measures: [String] { ["responses"] + questions.map(\.id) }

    /// A team's true count for a measure.
    func count(_ team: TeamSpec, _ measure: String) -> Int {
        measure == "responses" ? team.responses : (team.answers[measure] ?? []).reduce(0, +)
    }

    /// The teams in a group (the group structure is public: pages list teams by department).
    func members(_ id: GroupID, departmentSlug: (String) -> String) -> [String] {
        switch id {
        case .organization: return teams.map(\.slug)
        case .department(let d): return teams.filter { $0.department.map(departmentSlug) == d }.map(\.slug)
        case .team(let t): return [t]
        }
    }
}

/// An attacker who knows the structure of the organisation and every published count, and works
/// out what it can about the rest: by any linear combination of published counts (subtraction
/// over the tree and every combination of it), and by the bounds that counts are never negative
/// and that no more people answer a question than responded.
struct SubtractionAttacker {
    /// Team slugs: the unknowns are the teams' counts.
    var teams: [String]
    /// Group → its teams.
    var members: [GroupID: [String]]

    struct Leak: CustomStringConvertible {
        var measure: String
        var group: GroupID
        var value: Int
        var how: String
        var description: String { "\(measure) of \(group) = \(value) (\(how))" }
    }

    /// `published[measure][group]` is a count the attacker has read; `truth` the real counts of
    /// every group. Returns every suppressed count it can pin down to a value other than 0
    /// (a remainder of 0 is allowed by the contract: it shows only that nobody is left over).
    func attack(published: [String: [GroupID: Int]], truth: [String: [GroupID: Int]]) -> [Leak] {
        var leaks: [Leak] = []
        // Upper bounds per team from the responses measure (a team's answers ≤ its responses).
        let responseBounds = bounds(published["responses"] ?? [:], upper: [:])
        for (measure, cells) in published.sorted(by: { $0.key < $1.key }) {
            let system = LinearSystem(rows: cells.sorted { $0.key < $1.key }.map { (indicator(members[$0.key] ?? []), Rational($0.value)) })
            for (group, value) in (truth[measure] ?? [:]).sorted(by: { $0.key < $1.key }) where cells[group] == nil {
                if let v = system.solve(indicator(members[group] ?? [])), v != Rational(0) {
                    leaks.append(Leak(measure: measure, group: group, value: value, how: "linear combination gives \(v)"))
                }
            }
            let upper = measure == "responses" ? [:] : responseBounds.mapValues(\.hi)
            let b = bounds(cells, upper: upper)
            for team in teams where cells[.team(team)] == nil && truth[measure]?[.team(team)] != nil {
                if let r = b[team], r.lo == r.hi, r.lo != 0 {
                    leaks.append(Leak(measure: measure, group: .team(team), value: truth[measure]?[.team(team)] ?? -1,
                                      how: "bounds pin it to \(r.lo)"))
                }
            }
        }
        return leaks
    }

    /// Every difference "a published group minus published groups inside it that do not
    /// overlap", in every combination, that leaves a crowd smaller than the threshold (but not
    /// nobody): the answers of those few people would be given away.
    func smallDifferences(published: [String: [GroupID: Int]], threshold: Int) -> [String] {
        var found: [String] = []
        for (measure, cells) in published.sorted(by: { $0.key < $1.key }) {
            for (group, total) in cells.sorted(by: { $0.key < $1.key }) {
                let outer = Set(members[group] ?? [])
                let inside = cells.keys.filter { $0 != group && Set(members[$0] ?? []).isSubset(of: outer) && members[$0] != members[group] }.sorted()
                func walk(_ from: Int, _ used: Set<String>, _ rest: Int, _ names: [GroupID]) {
                    if !names.isEmpty && rest > 0 && rest < threshold {
                        found.append("\(measure): \(group) − \(names.map(\.description).joined(separator: " − ")) = \(rest)")
                    }
                    for i in from..<inside.count {
                        let m = Set(members[inside[i]] ?? [])
                        guard m.isDisjoint(with: used) else { continue }
                        walk(i + 1, used.union(m), rest - (cells[inside[i]] ?? 0), names + [inside[i]])
                    }
                }
                walk(0, [], total, [])
            }
        }
        return found
    }

    func indicator(_ slugs: [String]) -> [Rational] { teams.map { slugs.contains($0) ? Rational(1) : Rational(0) } }

    /// Interval of each team's count from published group totals that split into teams: for each
    /// published group, its published teams are known and the others share the rest.
    func bounds(_ cells: [GroupID: Int], upper: [String: Int]) -> [String: (lo: Int, hi: Int)] {
        var out: [String: (lo: Int, hi: Int)] = [:]
        for t in teams {
            if let v = cells[.team(t)] { out[t] = (v, v) } else { out[t] = (0, upper[t] ?? 1_000_000) }
        }
        // Tighten a few times: a group's total minus the others' upper (lower) bounds.
        for _ in 0..<3 {
            for (group, total) in cells {
                let ts = members[group] ?? []
                for t in ts {
                    let others = ts.filter { $0 != t }
                    let otherHi = others.map { out[$0]!.hi }.reduce(0, +)
                    let otherLo = others.map { out[$0]!.lo }.reduce(0, +)
                    let cur = out[t]!
                    out[t] = (max(cur.lo, total - otherHi), min(cur.hi, total - otherLo))
                }
            }
        }
        return out
    }
}

/// Exact fractions for the attacker's elimination.
struct Rational: Equatable, CustomStringConvertible {
    var n: Int, d: Int
    init(_ n: Int, _ d: Int = 1) {
        let g = Rational.gcd(abs(n), abs(d))
        let s = d < 0 ? -1 : 1
        self.n = g == 0 ? 0 : s * n / g
        self.d = g == 0 ? 1 : s * d / g
    }
    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    static func + (a: Rational, b: Rational) -> Rational { Rational(a.n * b.d + b.n * a.d, a.d * b.d) }
    static func - (a: Rational, b: Rational) -> Rational { Rational(a.n * b.d - b.n * a.d, a.d * b.d) }
    static func * (a: Rational, b: Rational) -> Rational { Rational(a.n * b.n, a.d * b.d) }
    static func / (a: Rational, b: Rational) -> Rational { Rational(a.n * b.d, a.d * b.n) }
    var isZero: Bool { n == 0 }
    var description: String { d == 1 ? "\(n)" : "\(n)/\(d)" }
}

/// Rows `coefficients · x = value`, reduced once; `solve` says whether a target combination of
/// the unknowns is determined by them, and its value.
struct LinearSystem {
    var rows: [(coefficients: [Rational], value: Rational, pivot: Int)] = []

    init(rows input: [([Rational], Rational)]) {
        for (c, v) in input {
            var c = c, v = v
            for r in rows where !c[r.pivot].isZero {
                let f = c[r.pivot]
                for i in c.indices { c[i] = c[i] - f * r.coefficients[i] }
                v = v - f * r.value
            }
            guard let p = c.firstIndex(where: { !$0.isZero }) else { continue }
            let f = c[p]
            for i in c.indices { c[i] = c[i] / f }
            v = v / f
            // Keep the rows reduced: clear the new pivot from the others.
            for k in rows.indices where !rows[k].coefficients[p].isZero {
                let g = rows[k].coefficients[p]
                for i in c.indices { rows[k].coefficients[i] = rows[k].coefficients[i] - g * c[i] }
                rows[k].value = rows[k].value - g * v
            }
            rows.append((c, v, p))
        }
    }

    func solve(_ target: [Rational]) -> Rational? {
        var t = target, value = Rational(0)
        for r in rows where !t[r.pivot].isZero {
            let f = t[r.pivot]
            for i in t.indices { t[i] = t[i] - f * r.coefficients[i] }
            value = value + f * r.value
        }
        return t.allSatisfy(\.isZero) ? value : nil
    }
}
