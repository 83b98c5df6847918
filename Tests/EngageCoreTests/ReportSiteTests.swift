import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// The basic fixture's reports. Expected figures are worked out by hand in the comments.
@Suite(.temporaryFolders) struct ReportSiteTests {

    @Test func kpiCSVHasTheContractColumnsAndFigures() throws {
        let out = try Fixture.buildBasic()
        let csv = read(out + "/data/kpis.csv")
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.first == "period,scope,group,kpi,value,target,status")
        #expect(csv.hasSuffix("\r\n"))
        // 2 periods × (3 teams + 1 department + organisation) × 3 KPIs + header + final empty
        #expect(lines.count == 2 * 5 * 3 + 2)
        for row in [
            "2026-Q1,team,alpha,csat,80,85,off-track",        // misses by 5 > tolerance 3
            "2026-Q1,team,beta,aht,6,7,on-track",            // written 6.0: its shortest plain form
            "2026-Q2,team,beta,aht,8.5,7,off-track",         // misses by 1.5 > tolerance 1
            "2026-Q2,team,gamma,csat,85,85,on-track",        // meeting the target is on track
            "2026-Q1,department,customer-care,csat,84,85,at-risk",        // (80×12 + 90×8) / 20
            "2026-Q2,department,customer-care,csat,85.6,85,on-track",     // (84×12 + 88×8) / 20
            "2026-Q2,department,customer-care,aht,7.48,7,at-risk",        // (6.8×12 + 8.5×8) / 20
            "2026-Q1,organization,organization,csat,84.5,85,at-risk",     // (960 + 720 + 86.5×5) / 25
            "2026-Q2,organization,organization,csat,85.48,85,on-track",   // 2137 / 25
            "2026-Q2,organization,organization,aht,7.42,7,at-risk",       // 185.6 / 25 = 7.424
            "2026-Q2,organization,organization,turnover,15.28,15,at-risk",
        ] {
            #expect(lines.contains(row), "missing \(row)")
        }
    }

    @Test func kpiCSVWritesNumbersFromTheDataAsPlainDecimals() throws {
        let files = [
            "src/content/site.yml": "title: T\n",
            "src/content/teams/a.md": "---\nname: A\n---\n",
            "src/content/teams/b.md": "---\nname: B\n---\n",
            "src/content/teams/c.md": "---\nname: C\n---\n",
            "src/content/teams/d.md": "---\nname: D\n---\n",
            "src/content/kpis/catalog.yml": "kpis:\n  - id: x\n    name: X\n    unit: score\n    better: higher\n    target: 8.50e1\n",
            "src/content/kpis/2026-Q1.yml": "period: 2026-Q1\nteams:\n  a: { x: 8.5e1 }\n  b: { x: +85 }\n  c: { x: 085.0 }\n  d: { x: 1.23456 }\n",
        ]
        var timings = Timings()
        let built = Engine(source: "src", fileSystem: MemoryFileSystem(files: files)).render(timings: &timings)
        let out = try #require(built.files, "\(built.diagnostics)")
        let csv = String(decoding: try #require(out.first { $0.path == "data/kpis.csv" }).data, as: UTF8.self)
        #expect(csv.components(separatedBy: "\r\n") == [
            "period,scope,group,kpi,value,target,status",
            "2026-Q1,team,a,x,85,85,on-track",
            "2026-Q1,team,b,x,85,85,on-track",
            "2026-Q1,team,c,x,85,85,on-track",
            "2026-Q1,team,d,x,1.23456,85,off-track",
            "2026-Q1,organization,organization,x,64.06,85,off-track",   // (85 × 3 + 1.23456) / 4, two decimals
            "",
        ])
    }

    @Test func surveyCSVSuppressesEveryNumberOfHiddenGroups() throws {
        let out = try Fixture.buildBasic()
        let csv = read(out + "/data/surveys.csv")
        #expect(csv.components(separatedBy: "\r\n") == [
            "period,scope,group,question,status,responses,participation_pct,favourable_pct,neutral_pct,unfavourable_pct,enps,change_pts",
            // organisation: proud [0,1,4,6,9] of 20; grow [2,2,4,6,6]; rec promoters 7, passives 9, detractors 4
            "2026-Q2,organization,organization,proud,shown,20,0,75,20,5,,",
            "2026-Q2,organization,organization,grow,shown,20,0,60,20,20,,",
            "2026-Q2,organization,organization,rec,shown,20,0,35,45,20,15,",
            // department: alpha + beta = 14 responses, published; invited 12 + 9973 → 0%
            "2026-Q2,department,customer-care,proud,shown,14,0,71,21,7,,",
            "2026-Q2,department,customer-care,grow,shown,14,0,57,21,21,,",
            "2026-Q2,department,customer-care,rec,shown,14,0,36,43,21,14,",
            // beta has 4 < 5 responses; alpha would then be department − beta, so it goes too
            "2026-Q2,team,alpha,proud,suppressed,,,,,,,",
            "2026-Q2,team,alpha,grow,suppressed,,,,,,,",
            "2026-Q2,team,alpha,rec,suppressed,,,,,,,",
            "2026-Q2,team,beta,proud,suppressed,,,,,,,",
            "2026-Q2,team,beta,grow,suppressed,,,,,,,",
            "2026-Q2,team,beta,rec,suppressed,,,,,,,",
            "2026-Q2,team,gamma,proud,shown,6,100,83,17,0,,",
            "2026-Q2,team,gamma,grow,shown,6,100,67,17,17,,",
            "2026-Q2,team,gamma,rec,shown,6,100,33,50,17,17,",
            "",
        ])
    }

    @Test func noSuppressedFigureAppearsAnywhere() throws {
        let out = try Fixture.buildBasic()
        let files = snapshot(out)
        // beta's invited count is a figure nothing else shares.
        for (path, data) in files {
            #expect(!String(decoding: data, as: UTF8.self).contains("9973"), "beta's invited count leaks in \(path)")
        }
        for team in ["alpha", "beta"] {
            let page = read(out + "/teams/\(team)/index.html")
            let survey = page.components(separatedBy: "id=\"team-survey\"").last ?? ""
            let section = survey.components(separatedBy: "</section>").first ?? ""
            #expect(section.contains("Not enough responses to protect anonymity"))
            #expect(!section.contains("Responses</dt>"))
            #expect(!section.contains("%"), "a percentage in \(team)'s survey section")
            let digits = textOnly(section).replacingOccurrences(of: "2026-Q2", with: "").replacingOccurrences(of: "Q2 pulse", with: "").filter(\.isNumber)
            #expect(digits.isEmpty, "numbers in \(team)'s survey section: \(digits)")
        }
        let heatmap = read(out + "/surveys/2026-Q2/index.html")
        for name in ["Alpha Support", "Beta Support"] {
            let row = heatmap.components(separatedBy: ">\(name)</a>").last?.components(separatedBy: "</tr>").first ?? ""
            #expect(row.contains("Not enough responses to protect anonymity"))
            #expect(row.filter(\.isNumber).count <= 2, "only the colspan number: \(row)")
        }
        // Every file of the search index, parsed.
        let paths = ["search-index.json"] + ((try? FileManager.default.contentsOfDirectory(atPath: out + "/search")) ?? []).map { "search/" + $0 }
        let index = SearchFiles.strings(Dictionary(uniqueKeysWithValues: paths.map { ($0, read(out + "/" + $0)) }))
        #expect(index.count > 10 && index["search/pages.js"] != nil)
        for (path, strings) in index {
            #expect(!strings.contains { $0.contains("9973") }, "a suppressed figure in \(path)")
        }
    }

    /// The text of some HTML, tags left out.
    func textOnly(_ html: String) -> String {
        var out = "", inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
    }

    @Test func reportPages() throws {
        let out = try Fixture.buildBasic()
        let heatmap = read(out + "/surveys/2026-Q2/index.html")
        // gamma's Engagement 83 vs organisation 75: +8, coloured and written
        #expect(heatmap.contains("<td class=\"heat-up1\">83% <span class=\"diff\">(+8)</span></td>"))
        #expect(heatmap.contains("<td class=\"heat-same\">75%</td>"), "organisation row has no difference")
        let gamma = read(out + "/teams/gamma/index.html")
        #expect(gamma.contains("<dt>Participation</dt><dd>100%</dd>"))
        #expect(gamma.contains("Favourable 83%"))
        #expect(gamma.contains("eNPS +17"))
        // KPI card: latest 85, target 85, on track, change −1.5 pts since Q1 worded as worse; one decimal (the default)
        #expect(gamma.contains("<span class=\"value\">85.0%</span> <span class=\"period\">2026-Q2</span>"))
        #expect(gamma.contains("↓ −1.5 pts since 2026-Q1: worse"))
        #expect(gamma.contains("aria-label=\"Customer Satisfaction for Gamma Ops by period: 2026-Q1: 86.5%, 2026-Q2: 85.0%\""))
        let alpha = read(out + "/teams/alpha/index.html")
        #expect(alpha.contains("↓ −0.7 min since 2026-Q1: better"), "AHT falling is better")
        let dept = read(out + "/departments/customer-care/index.html")
        #expect(dept.contains("<span class=\"value\">85.6%</span>"))
        #expect(dept.contains("weighted by headcount"))
        let home = read(out + "/index.html")
        #expect(home.contains("Key KPIs"))
        // 85.48 rolled up, shown at the KPI's one decimal (it was "85.48%", false precision)
        #expect(home.contains("<span class=\"value\">85.5%</span>"))
        #expect(!home.contains("Average Handling Time</a>"), "only key KPIs on the home page")
        let kpi = read(out + "/kpis/aht/index.html")
        // lower is better: beta 8.5 is last, gamma 7.2, alpha 6.8 first
        let order = ["Alpha Support", "Gamma Ops", "Beta Support"].map { kpi.range(of: ">\($0)</a></th>")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(kpi.contains("<svg class=\"chart\""))
        #expect(read(out + "/kpis/index.html").contains("Post-contact survey"))
    }
}
