import EngageModel
/// The CSV exports the contract promises: UTF-8, a header row, RFC 4180 quoting, CRLF line ends,
/// plain numbers (no units or separators).
public enum CSV {
    /// The folders the CSV files read (through the reports): a change elsewhere leaves them as
    /// they were.
    public static let inputs = PageInputs(folders: [.kpis, .surveys, .teams, .programs, .actions])

    /// The CSV files of a site: `data/kpis.csv` and `data/surveys.csv` when there are KPIs and
    /// surveys, `data/programs.csv` always; from the build's reports, never recomputed.
    public static func files(_ data: SiteData) -> [OutputFile] {
        let site = data.site
        var files: [OutputFile] = []
        if !site.kpis.isEmpty { files.append(OutputFile(path: "data/kpis.csv", text: kpis(site, data.reports.kpis))) }
        files.append(OutputFile(path: "data/programs.csv", text: programs(site, data.reports)))
        if !site.surveys.isEmpty { files.append(OutputFile(path: "data/surveys.csv", text: surveys(data.reports.surveys, changes: data.reports.surveyChanges))) }
        if !site.actions.isEmpty { files.append(OutputFile(path: "data/actions.csv", text: actions(site, data.reports.actions))) }
        return files
    }

    public static func field(_ text: String) -> String {
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    public static func document(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// `period,scope,group,kpi,value,target,status`: team values and targets from the data in their
    /// shortest plain form (`PlainNumber`), measured department and organisation values too; roll-ups rounded to two decimals.
    public static func kpis(_ site: Site, _ report: KPIReport) -> String {
        var rows: [[String]] = []
        for period in report.periods {
            func row(_ scope: String, _ group: String, _ kpi: KPI, _ value: Double, _ text: String) -> [String] {
                [period.text, scope, group, kpi.id, text, kpi.target.map { PlainNumber.csv(text: kpi.targetText, value: $0) } ?? "",
                 KPIMath.status(value, kpi).rawValue]
            }
            for team in site.teams.sorted(by: { $0.slug < $1.slug }) {
                for kpi in site.kpis {
                    if let m = report.value(team: team.slug, kpi: kpi.id, period: period) { rows.append(row("team", team.slug, kpi, m.value, PlainNumber.csv(text: m.text, value: m.value))) }
                }
            }
            // Version 2: a measured value is written as in the data; a roll-up at two decimals.
            func groupText(_ f: KPIFigureValue) -> String { f.measured ? PlainNumber.csv(text: f.text, value: f.value) : Numbers.plain(f.value) }
            for d in site.departments.sorted(by: { $0.slug < $1.slug }) {
                for kpi in site.kpis {
                    if let f = report.figure(.department(d.slug), kpi: kpi.id, period: period) {
                        rows.append(row("department", d.slug, kpi, f.value, groupText(f)))
                    }
                }
            }
            for kpi in site.kpis {
                if let f = report.figure(.organization, kpi: kpi.id, period: period) {
                    rows.append(row("organization", "organization", kpi, f.value, groupText(f)))
                }
            }
        }
        return document(["period", "scope", "group", "kpi", "value", "target", "status"], rows)
    }

    /// `period,scope,group,question,status,responses,participation_pct,favourable_pct,neutral_pct,unfavourable_pct,enps,change_pts`.
    /// A suppressed group's rows, and the row of a question suppressed for a published group, say
    /// `suppressed` and leave every number empty (the group's responses and participation too).
    /// `change_pts` is the change since the previous survey (favourable points, or eNPS points for
    /// eNPS questions), empty where the figure is not published in both surveys.
    public static func surveys(_ reports: [SurveyReport], changes: [String: SurveyChange] = [:]) -> String {
        var rows: [[String]] = []
        for r in reports {
            for id in r.order {
                let g = r.result(id)
                for q in r.survey.questions {
                    guard let g, g.published, r.isShown(q.id, for: id) else {
                        rows.append([r.survey.period.text, id.scope, id.name, q.id, "suppressed", "", "", "", "", "", "", ""])
                        continue
                    }
                    let s = g.questions[q.id]
                    rows.append([r.survey.period.text, id.scope, id.name, q.id, "shown", g.responses.map(String.init) ?? "",
                                 g.participation.map(String.init) ?? "", s.map { String($0.favourable) } ?? "",
                                 s.map { String($0.neutral) } ?? "", s.map { String($0.unfavourable) } ?? "",
                                 s?.enps.map(String.init) ?? "",
                                 changes[r.survey.period.text]?.question(q.id, for: id).map(String.init) ?? ""])
                }
            }
        }
        return document(["period", "scope", "group", "question", "status", "responses", "participation_pct", "favourable_pct",
                         "neutral_pct", "unfavourable_pct", "enps", "change_pts"], rows)
    }

    /// `program,kpi,enrolled_teams,baseline_period,latest_period,enrolled_change,other_change,difference`.
    public static func programs(_ site: Site, _ reports: SiteReports) -> String {
        var rows: [[String]] = []
        for p in site.programs.sorted(by: { $0.slug < $1.slug }) {
            for kpi in p.kpis where site.kpi(kpi) != nil {
                let i = reports.impact(program: p, kpi: kpi, site: site)
                let has = i.difference != nil
                func n(_ v: Double?) -> String { has ? v.map { Numbers.plain($0) } ?? "" : "" }
                rows.append([p.slug, kpi, has || i.tooEarly ? String(i.enrolledTeams) : "", i.baseline?.text ?? "", i.latest?.text ?? "",
                             n(i.enrolledChange), n(i.otherChange), n(i.difference)])
            }
        }
        return document(["program", "kpi", "enrolled_teams", "baseline_period", "latest_period", "enrolled_change", "other_change", "difference"], rows)
    }
}
