import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageCore

/// The anonymity promise across two surveys: a published change beside a published figure gives
/// the other period's figure away (previous ≈ current − change), so a change may only be
/// published where both periods publish the figure. Random two-survey organisations, attacked
/// through what a build writes.
@Suite struct AnonymityAttackChangeTests {

    /// The same organisation surveyed twice: the second survey re-draws every team's responses and
    /// answers (and may drop the last question), so groups and questions cross the threshold
    /// between the periods in both directions.
    static func twoSurveys(threshold: Int, using rng: inout SplitMix64) -> (files: [String: String], first: RandomSurveySite, second: RandomSurveySite) {
        let first = RandomSurveySite.random(threshold: threshold, using: &rng)
        var second = first
        if second.questions.count > 1 && Bool.random(using: &rng) { second.questions.removeLast() }
        for i in second.teams.indices {
            let responses = Int.random(in: 0...2, using: &rng) == 0
                ? Int.random(in: 0...(threshold + 2), using: &rng) : Int.random(in: 0...(3 * threshold), using: &rng)
            var answers: [String: [Int]] = [:]
            for q in second.questions {
                let answered: Int
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: continue
                case 1: answered = responses
                case 2: answered = Int.random(in: 0...min(responses, threshold), using: &rng)
                default: answered = Int.random(in: 0...responses, using: &rng)
                }
                var counts = [Int](repeating: 0, count: q.kind.options)
                for _ in 0..<answered { counts[Int.random(in: 0..<counts.count, using: &rng)] += 1 }
                answers[q.id] = counts
            }
            second.teams[i].responses = responses
            second.teams[i].answers = answers
        }
        var files = first.files
        let text = second.files["src/content/surveys/2026-Q1.yml"] ?? ""
        files["src/content/surveys/2026-Q2.yml"] = text.replacingOccurrences(of: "period: 2026-Q1\n", with: "period: 2026-Q2\n")
        return (files, first, second)
    }

    @Test(arguments: [3, 5])
    func noChangeIsPublishedWhereEitherPeriodSuppressesTheFigure(threshold: Int) throws {
        var rng = SplitMix64(state: 7_919 &* UInt64(threshold))
        var oneSideSuppressed = 0, changes = 0
        for _ in 0..<40 {
            let (files, _, _) = Self.twoSurveys(threshold: threshold, using: &rng)
            let loaded = load(files)
            #expect(loaded.diagnostics.isEmpty, "\(loaded.messages)")
            let reports = SiteReports(site: try #require(loaded.site))
            let before = try #require(reports.survey(period: "2026-Q1")), now = try #require(reports.survey(period: "2026-Q2"))
            let change = try #require(reports.surveyChanges["2026-Q2"])

            // The model: a change only where both periods show the figure.
            for (id, qs) in change.questions {
                for q in qs.keys {
                    #expect(before.isShown(q, for: id) && now.isShown(q, for: id), "change of \(q) for \(id) with a side suppressed")
                }
            }
            for (id, fs) in change.factors {
                for f in fs.keys {
                    #expect(before.result(id)?.factors[f] != nil && now.result(id)?.factors[f] != nil, "change of \(f) for \(id)")
                }
            }
            for id in change.enps.keys {
                #expect(before.result(id)?.enps != nil && now.result(id)?.enps != nil, "eNPS change for \(id)")
            }

            // The build: the attacker reads surveys.csv; wherever one period's row is suppressed and
            // the other's shown, a change would turn the shown figure into the suppressed one.
            var timings = Timings()
            let built = Engine(source: "src", fileSystem: MemoryFileSystem(files: files)).render(timings: &timings)
            let out = try #require(built.files, "\(built.diagnostics)")
            let csv = String(decoding: try #require(out.first { $0.path == "data/surveys.csv" }).data, as: UTF8.self)
            var rows: [String: [String]] = [:]
            for line in csv.components(separatedBy: "\r\n").dropFirst() where !line.isEmpty {
                let f = line.components(separatedBy: ",")
                rows["\(f[0])|\(f[1])|\(f[2])|\(f[3])"] = f
            }
            for (key, f) in rows where f[0] == "2026-Q2" {
                let previous = rows[key.replacingOccurrences(of: "2026-Q2|", with: "2026-Q1|")]
                let bothShown = f[4] == "shown" && previous?[4] == "shown"
                if f[11].isEmpty == false {
                    changes += 1
                    #expect(bothShown, "a change published beside a suppressed figure: \(f) / \(previous ?? [])")
                    // And it is the one the figures give: never a figure of its own.
                    if let p = previous, let a = Int(f[f[10].isEmpty ? 7 : 10]), let b = Int(p[p[10].isEmpty ? 7 : 10]), let d = Int(f[11]) {
                        #expect(abs(d - (a - b)) <= 1, "\(f) / \(p)")
                    }
                } else if (f[4] == "shown") != (previous?[4] == "shown") {
                    oneSideSuppressed += 1
                }
            }
            // Pages: the change heatmap shows a number only where the model has a change.
            let page = String(decoding: try #require(out.first { $0.path == "surveys/2026-Q2/index.html" }).data, as: UTF8.self)
            let table = page.components(separatedBy: "id=\"heatmap-change\"").dropFirst().first ?? ""
            for id in now.order {
                guard case .team(let slug) = id else { continue }
                let row = table.components(separatedBy: ">Team \(slug)</a>").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
                let numbers = row.components(separatedBy: "<td class=\"heat-").count - 1
                let expected = (change.factors[id]?.count ?? 0) + (change.enps[id] == nil ? 0 : 1)
                #expect(numbers == expected, "\(id): \(row)")
            }
        }
        #expect(changes > 20, "the random organisations publish changes")
        #expect(oneSideSuppressed > 20, "and have figures suppressed in one period only")
    }
}
