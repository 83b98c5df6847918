import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// The anonymity promise per question, attacked: random organisations with random per-question
/// answer counts, and an attacker who reads everything published and subtracts.
@Suite struct AnonymityAttackTests {

    /// What the model publishes: responses of published groups, and the answer count of every
    /// question shown for a group (pages print "N answered"). The strongest reading of the site.
    func published(_ report: SurveyReport) -> [String: [GroupID: Int]] {
        var out: [String: [GroupID: Int]] = ["responses": [:]]
        for (id, g) in report.groups where g.published {
            out["responses"]?[id] = g.responses
            for q in report.survey.questions {
                if let s = g.questions[q.id] { out[q.id, default: [:]][id] = s.answered } else { out[q.id, default: [:]] = out[q.id] ?? [:] }
            }
        }
        for q in report.survey.questions where out[q.id] == nil { out[q.id] = [:] }
        return out
    }

    func truth(_ org: RandomSurveySite, _ groups: [GroupID: [String]]) -> [String: [GroupID: Int]] {
        var out: [String: [GroupID: Int]] = [:]
        for m in org.measures {
            for (id, slugs) in groups {
                out[m, default: [:]][id] = org.teams.filter { slugs.contains($0.slug) }.map { org.count($0, m) }.reduce(0, +)
            }
        }
        return out
    }

    func groups(_ org: RandomSurveySite) -> [GroupID: [String]] {
        var ids: [GroupID] = [.organization] + org.teams.map { .team($0.slug) }
        ids += Set(org.teams.compactMap(\.department)).sorted().map { .department($0) }
        return Dictionary(uniqueKeysWithValues: ids.map { ($0, org.members($0, departmentSlug: { $0 })) })
    }

    func report(_ org: RandomSurveySite) throws -> SurveyReport {
        let loaded = load(org.files)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.messages)\n\(org.files["src/content/surveys/2026-Q1.yml"] ?? "")")
        let site = try #require(loaded.site)
        return SurveyReport(survey: try #require(site.surveys.first), site: site)
    }

    /// The rule itself, checked per measure: nothing shown below the threshold, every remainder
    /// 0 or at least the threshold, a factor cell the mean of its shown questions only.
    func checkRule(_ org: RandomSurveySite, _ r: SurveyReport, sourceLocation: SourceLocation = #_sourceLocation) {
        let t = org.threshold
        for m in org.measures {
            let hidden = m == "responses" ? r.suppressed : (r.questionSuppressed[m] ?? [])
            #expect(r.suppressed.isSubset(of: hidden), sourceLocation: sourceLocation)
            let tree = Anonymity.tree(teams: org.teams.map { ($0.slug, $0.department, org.count($0, m)) })
            for (id, node) in tree where !hidden.contains(id) {
                #expect(node.responses >= t, "\(m) of \(id) shown with \(node.responses)", sourceLocation: sourceLocation)
            }
            for (id, rest) in Anonymity.remainders(tree, hidden: hidden) {
                #expect(rest == 0 || rest >= t, "\(m): \(id) leaves \(rest) by subtraction", sourceLocation: sourceLocation)
            }
        }
        for (id, g) in r.groups where g.published {
            for f in r.survey.factors {
                let shown = r.survey.questions.filter { $0.factor == f && $0.kind == .likert }.compactMap { g.questions[$0.id] }
                let expected = shown.isEmpty ? nil : Int(Numbers.round(shown.map(\.favourableExact).reduce(0, +) / Double(shown.count), 0))
                #expect(g.factors[f] == expected, "\(id) factor \(f)", sourceLocation: sourceLocation)
            }
            for q in r.survey.questions where g.suppressedQuestions.contains(q.id) {
                #expect(g.questions[q.id] == nil, sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [3, 5, 7])
    func noSuppressedCountIsRecoverableInRandomOrganisations(threshold: Int) throws {
        var rng = SplitMix64(state: UInt64(threshold) &* 104_729)
        var questionSuppressions = 0
        for _ in 0..<250 {
            let org = RandomSurveySite.random(threshold: threshold, using: &rng)
            let r = try report(org)
            checkRule(org, r)
            let groups = groups(org)
            let attacker = SubtractionAttacker(teams: org.teams.map(\.slug), members: groups)
            let leaks = attacker.attack(published: published(r), truth: truth(org, groups))
            #expect(leaks.isEmpty, "\(leaks)\n\(org.files["src/content/surveys/2026-Q1.yml"] ?? "")")
            let small = attacker.smallDifferences(published: published(r), threshold: threshold)
            #expect(small.isEmpty, "\(small)\n\(org.files["src/content/surveys/2026-Q1.yml"] ?? "")")
            questionSuppressions += r.groups.values.map(\.suppressedQuestions.count).reduce(0, +)
        }
        #expect(questionSuppressions > 50, "the random organisations exercise per-question suppression")
    }

    /// The same attack on what an actual build writes: responses from `surveys.csv`, answer
    /// counts from every page's "N answered"; every published figure must be one the rule shows.
    @Test func aBuildPublishesNothingTheRuleHides() throws {
        var rng = SplitMix64(state: 2026)
        for _ in 0..<25 {
            let org = RandomSurveySite.random(threshold: 5, using: &rng)
            let r = try report(org)
            var timings = Timings()
            let built = Engine(source: "src", fileSystem: MemoryFileSystem(files: org.files)).render(timings: &timings)
            let files = try #require(built.files, "\(built.diagnostics)")
            let text = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
            var read: [String: [GroupID: Int]] = Dictionary(uniqueKeysWithValues: org.measures.map { ($0, [:]) })

            // surveys.csv: a shown row only where the rule shows that question for that group.
            let csv = try #require(text["data/surveys.csv"])
            for line in csv.components(separatedBy: "\r\n").dropFirst() where !line.isEmpty {
                let f = line.components(separatedBy: ",")
                let id: GroupID = f[1] == "organization" ? .organization : f[1] == "department" ? .department(f[2]) : .team(f[2])
                #expect(f[4] == (r.isShown(f[3], for: id) ? "shown" : "suppressed"), "\(line)")
                if f[4] == "suppressed" {
                    let numbers = f[5...].joined(); #expect(numbers.isEmpty, "a suppressed row with a number: \(line)")
                } else {
                    read["responses"]?[id] = Int(f[5])
                }
            }
            // Pages: "(N answered)" under a question's text, on team pages and the survey page.
            let pages: [(GroupID, String)] = [(.organization, "surveys/2026-Q1/index.html")] + org.teams.map { (.team($0.slug), "teams/\($0.slug)/index.html") }
            for (id, path) in pages {
                let page = try #require(text[path])
                for q in org.questions {
                    guard let item = page.components(separatedBy: "Question \(q.id) text").dropFirst().first?.components(separatedBy: "</li>").first else {
                        #expect(!r.isShown(q.id, for: id) || id != .organization, "\(q.id) missing on \(path)")
                        continue
                    }
                    if r.isShown(q.id, for: id) {
                        let n = item.components(separatedBy: "(").last?.components(separatedBy: " answered)").first.flatMap { Int($0) }
                        #expect(n == r.result(id)?.questions[q.id]?.answered, "\(path) \(q.id)")
                        read[q.id]?[id] = n
                    } else {
                        #expect(item.contains("Not enough answers to protect anonymity"), "\(path) \(q.id): \(item)")
                        #expect(!item.contains("answered") && !item.contains("%"), "\(path) shows a suppressed question: \(item)")
                    }
                }
            }
            // Nothing published that the model does not show, with the same value.
            let shown = published(r)
            for (m, cells) in read {
                for (id, v) in cells { #expect(shown[m]?[id] == v, "\(m) of \(id) read as \(v)") }
            }
            let sitemap = try #require(text["sitemap.xml"])
            #expect(!sitemap.contains("answered") && !sitemap.contains("%"), "figures in sitemap.xml")
            // The search index, every file of it parsed: no figure, and no number but those the
            // content's own words hold (the survey file's counts are the secrets).
            let index = SearchFiles.strings(text)
            #expect(index.keys.contains("search/pages.js") && index.keys.contains { $0.hasPrefix("search/t-") } && index.count > 3)
            // Allowed: numbers in the content's words, the shard names made of them ("20" for
            // "2026"), and a department's number of teams (its summary, "2 teams").
            var written = org.files.filter { !$0.key.contains("/surveys/") }.values.reduce(into: SearchFiles.numbers("2026-Q1")) { $0.formUnion(SearchFiles.numbers($1)) }
            written.formUnion(written.map(SearchIndex.shardKey))
            written.formUnion(Dictionary(grouping: org.teams.compactMap(\.department), by: { $0 }).values.map { String($0.count) })
            for (path, strings) in index {
                for s in strings {
                    #expect(!s.contains("answered") && !s.contains("%"), "a figure in \(path): \(s)")
                    #expect(SearchFiles.numbers(s).isSubset(of: written), "a number no content file writes, in \(path): \(s.prefix(300))")
                }
            }
            // The attacker goes after what the rule hides (a figure the rule shows but no page
            // prints, such as a department's answer count, is no secret).
            let groups = groups(org)
            let attacker = SubtractionAttacker(teams: org.teams.map(\.slug), members: groups)
            var secrets = truth(org, groups)
            for (m, cells) in shown { secrets[m] = secrets[m]?.filter { cells[$0.key] == nil } }
            #expect(attacker.attack(published: read, truth: secrets).isEmpty)
            #expect(attacker.smallDifferences(published: read, threshold: 5).isEmpty)
        }
    }

    // MARK: The issue's cases, exactly

    func site(_ teams: String, questions: String = "  - id: q1\n    text: Question q1 text\n    factor: Engagement\n") -> [String: String] {
        var files: [String: String] = ["src/content/site.yml": "title: T\norganization: Org\n"]
        for slug in ["a", "b", "c"] { files["src/content/teams/\(slug).md"] = "---\nname: Team \(slug)\n---\n" }
        files["src/content/surveys/2026-Q1.yml"] = "period: 2026-Q1\ntitle: Pulse\nquestions:\n\(questions)teams:\n\(teams)"
        return files
    }

    func render(_ files: [String: String]) throws -> [String: String] {
        var timings = Timings()
        let built = Engine(source: "src", fileSystem: MemoryFileSystem(files: files)).render(timings: &timings)
        let out = try #require(built.files, "\(built.diagnostics)")
        return Dictionary(uniqueKeysWithValues: out.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
    }

    @Test func aQuestionOneOrTwoAnsweredIsSuppressedInAPublishedGroup() throws {
        let files = site("""
              a:
                responses: 10
                answers:
                  q1: [0, 0, 0, 0, 1]
                  q2: [0, 0, 2, 4, 4]
              b:
                responses: 6
                answers:
                  q1: [0, 1, 2, 2, 1]
                  q2: [1, 1, 1, 1, 2]

            """, questions: "  - id: q1\n    text: Question q1 text\n    factor: Engagement\n  - id: q2\n    text: Question q2 text\n    factor: Engagement\n")
        let out = try render(files)
        let csv = try #require(out["data/surveys.csv"])
        #expect(csv.contains("2026-Q1,team,a,q1,suppressed,,,,,,,\r\n"))
        #expect(csv.contains("2026-Q1,team,a,q2,shown,10,,80,20,0,,\r\n"))
        // The organisation's q1 is answered by 7: minus b's 6 it would give a's single answer
        // away, so b's q1 goes too and the organisation's [0, 1, 2, 2, 2] stays.
        #expect(csv.contains("2026-Q1,team,b,q1,suppressed,,,,,,,\r\n"))
        #expect(csv.contains("2026-Q1,team,b,q2,shown,6,,50,17,33,,\r\n"))
        #expect(csv.contains("2026-Q1,organization,organization,q1,shown,16,,57,29,14,,\r\n"))
        let page = try #require(out["teams/a/index.html"])
        let item = page.components(separatedBy: "Question q1 text").dropFirst().first?.components(separatedBy: "</li>").first ?? ""
        #expect(item.contains("Not enough answers to protect anonymity"))
        #expect(!page.contains("(1 answered)"))
        #expect(!page.contains("100%"))
        // a's Engagement factor is q2 alone (80%), marked as partial; nothing of q1 in it.
        #expect(page.contains("<tr><th scope=\"row\">Engagement</th><td>80% <span class=\"meta\">(from 1 of 2 questions)</span></td>"))
        let heatmap = try #require(out["surveys/2026-Q1/index.html"])
        #expect(heatmap.contains("80%<abbr title=\"from 1 of 2 questions\">*</abbr>"))
    }

    @Test func subtractionPerQuestionIsPrevented() throws {
        // a: 10, all answered q1; b and c: 3 each (suppressed), only b answered q1. Responses:
        // organisation 16 − a 10 = 6, fine. q1: organisation 13 − a 10 = 3 would give b's
        // answers away exactly, so a's q1 is suppressed.
        let files = site("""
              a:
                responses: 10
                answers:
                  q1: [1, 1, 2, 3, 3]
              b:
                responses: 3
                answers:
                  q1: [3, 0, 0, 0, 0]
              c:
                responses: 3

            """)
        let out = try render(files)
        let csv = try #require(out["data/surveys.csv"])
        #expect(csv.components(separatedBy: "\r\n") == [
            "period,scope,group,question,status,responses,participation_pct,favourable_pct,neutral_pct,unfavourable_pct,enps,change_pts",
            "2026-Q1,organization,organization,q1,shown,16,,46,15,38,,",
            "2026-Q1,team,a,q1,suppressed,,,,,,,",
            "2026-Q1,team,b,q1,suppressed,,,,,,,",
            "2026-Q1,team,c,q1,suppressed,,,,,,,",
            "",
        ])
        let heatmap = try #require(out["surveys/2026-Q1/index.html"])
        let row = heatmap.components(separatedBy: ">Team a</a>").last?.components(separatedBy: "</tr>").first ?? ""
        #expect(row.contains("<td class=\"suppressed-cell\">Not enough answers to protect anonymity</td>"))
        #expect(row.contains("<td>10</td>"), "a's responses are still published")
        let page = try #require(out["teams/a/index.html"])
        #expect(!page.contains("(10 answered)"))

        let loaded = load(files)
        let site = try #require(loaded.site)
        #expect(Engine.anonymityNotes(site) == [
            "content/surveys/2026-Q1.yml: anonymity: 2 groups published, 2 suppressed: team 'b' (fewer than 5 responses), team 'c' (fewer than 5 responses)",
            "content/surveys/2026-Q1.yml: anonymity: question 'q1' not shown for 1 published group: team 'a' (would let another group's answers be worked out by subtraction)",
        ])
    }

    @Test func notesNameQuestionsWithTooFewAnswers() throws {
        let files = site("""
              a:
                responses: 10
                answers:
                  q1: [0, 0, 0, 0, 2]
              b:
                responses: 6
                answers:
                  q1: [0, 0, 2, 2, 2]
              c:
                responses: 5
                answers:
                  q1: [0, 0, 1, 1, 1]

            """)
        // q1: the organisation's 11 minus b's 6 leaves 5 (a's 2 and c's 3): safe.
        let site = try #require(load(files).site)
        #expect(Engine.anonymityNotes(site) == [
            "content/surveys/2026-Q1.yml: anonymity: all 4 groups published (threshold 5)",
            "content/surveys/2026-Q1.yml: anonymity: question 'q1' not shown for 2 published groups: team 'a' (fewer than 5 answers), team 'c' (fewer than 5 answers)",
        ])
    }
}
