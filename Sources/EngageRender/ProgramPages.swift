import EngageModel
/// Contexts for the program comparison, program pages and pairwise comparisons.
extension PageContexts {
    static let observationalNote = "This is observational evidence: it compares how each KPI moved for enrolled teams and for the other teams, from the last period before the program started to the latest period. Teams were not chosen at random and other things changed at the same time, so a difference suggests an effect but does not prove one."

    func enrolledTeams(_ p: Program) -> [Team] {
        (relations.teamsByProgram[p.slug] ?? []).compactMap { site.team($0) }
    }

    func annualCost(_ p: Program) -> Double? {
        p.costPerEmployee.map { $0 * Double(relations.enrolledHeadcount(p.slug, in: site)) }
    }

    /// One KPI impact, worded; `better` follows the KPI's direction.
    func impactContext(_ impact: ProgramImpact, _ link: Linker) -> [String: Any] {
        let kpi = site.kpi(impact.kpi)
        var c: [String: Any] = ["kpi": kpi?.name ?? impact.kpi, "kpi_id": impact.kpi]
        if let kpi { c["kpi_href"] = link.href(Route.kpi(kpi.id)) }
        c["baseline"] = impact.baseline?.text
        c["latest"] = impact.latest?.text
        c["enrolled_teams"] = impact.enrolledTeams
        c["other_teams"] = impact.otherTeams
        guard let kpi, let e = impact.enrolledChange, let o = impact.otherChange, let d = impact.difference else {
            c["no_data"] = "Not enough data: \(impact.missingReason ?? "no values")"
            return c.compacted
        }
        c["has_data"] = true
        c["enrolled_change"] = formatDelta(e, kpi)
        c["other_change"] = formatDelta(o, kpi)
        c["difference"] = formatDelta(d, kpi)
        switch KPIMath.improved(from: 0, to: d, better: kpi.better) {
        case .some(true): c["verdict"] = "better than the other teams"; c["trend"] = "better"
        case .some(false): c["verdict"] = "worse than the other teams"; c["trend"] = "worse"
        case .none: c["verdict"] = "the same as the other teams"; c["trend"] = "same"
        }
        c["summary"] = "\(formatDelta(d, kpi)) vs other teams"
        return c.compacted
    }

    func impacts(_ p: Program) -> [ProgramImpact] {
        p.kpis.filter { site.kpi($0) != nil }.map { ProgramMath.impact(program: p, kpi: $0, site: site, report: kpiReport) }
    }

    func roiContext(_ p: Program) -> [String: Any]? {
        guard site.config.replacementCost != nil, site.config.turnoverKPI != nil else { return nil }
        let currency = site.config.currency
        guard let roi = ProgramMath.roi(program: p, site: site, report: kpiReport, enrolledHeadcount: relations.enrolledHeadcount(p.slug, in: site)) else {
            return ["no_data": "Not enough data for an ROI estimate: it needs a cost per employee, enrolled teams with a headcount, and a turnover difference (see above)."]
        }
        let sign = roi.roiPercent < 0 ? "−" : ""
        return [
            "has_data": true,
            "roi": sign + Format.number(abs(roi.roiPercent), decimals: 0) + "%",
            "positive": roi.roiPercent >= 0,
            "turnover_difference": Format.number(roi.turnoverDifference, decimals: 2),
            "headcount": roi.enrolledHeadcount,
            "avoided": Format.number(roi.avoidedLeavers, decimals: 2),
            "replacement_cost": Format.money(roi.replacementCost, currency: currency),
            "cost_per_employee": Format.money(roi.costPerEmployee, currency: currency),
            "savings": Format.money(roi.savings, currency: currency),
            "cost": Format.money(roi.cost, currency: currency),
            "turnover_kpi": site.kpi(site.config.turnoverKPI ?? "")?.name ?? "turnover",
        ]
    }

    func compareLinks(_ p: Program, _ link: Linker) -> [[String: Any]] {
        site.programs.filter { $0.slug != p.slug }.map {
            ["title": $0.title, "href": link.href(Route.comparison(p.slug, $0.slug))]
        }
    }

    func programRow(_ p: Program, _ link: Linker) -> [String: Any] {
        var row = programCard(p, link)
        row["annual_cost"] = annualCost(p).map { Format.money($0, currency: site.config.currency) }
        row["strengths"] = p.strengths
        row["weaknesses"] = p.weaknesses
        row["started"] = p.started
        row["impacts"] = impacts(p).map { impactContext($0, link) }
        row["compare"] = compareLinks(p, link)
        if let roi = roiContext(p) { row["roi"] = roi }
        return row.compacted
    }

    func programsIndex(_ c: inout [String: Any], _ link: Linker) {
        c["programs"] = site.programs.map { programRow($0, link) }
        var pairs: [[String: Any]] = []
        for (i, a) in site.programs.enumerated() {
            for b in site.programs[(i + 1)...] {
                pairs.append(["a": a.title, "b": b.title, "href": link.href(Route.comparison(a.slug, b.slug))])
            }
        }
        c["pairs"] = pairs
        c["observational_note"] = Self.observationalNote
        c["currency"] = site.config.currency
    }

    func programDetail(_ c: inout [String: Any], _ p: Program, _ link: Linker) {
        c["impacts"] = impacts(p).map { impactContext($0, link) }
        c["observational_note"] = Self.observationalNote
        if let roi = roiContext(p) { c["roi"] = roi }
        c["compare"] = compareLinks(p, link)
        c["annual_cost"] = annualCost(p).map { Format.money($0, currency: site.config.currency) }
        let kpis = p.kpis.compactMap { site.kpi($0) }
        c["trend_kpis"] = kpis.map { ["name": $0.name, "href": link.href(Route.kpi($0.id))] }
        c["team_trends"] = enrolledTeams(p).map { t -> [String: Any] in
            ["name": t.name, "href": link.href(Route.team(t.slug)),
             "cells": kpis.map { k -> [String: Any] in
                guard let card = kpiCard(k, series: kpiReport.series(team: t.slug, kpi: k.id), link: link, subject: t.name) else { return ["empty": true] }
                return card
             }]
        }
    }

    /// Side by side: every row says whether the two programs differ, in words.
    func comparison(_ c: inout [String: Any], _ a: Program, _ b: Program, _ link: Linker) {
        let currency = site.config.currency
        c["a"] = ["title": a.title, "href": link.href(Route.program(a.slug))]
        c["b"] = ["title": b.title, "href": link.href(Route.program(b.slug))]
        var rows: [[String: Any]] = []
        func text(_ label: String, _ x: String?, _ y: String?, note: String? = nil) {
            let differs = (x ?? "") != (y ?? "")
            rows.append(["label": label, "a": x ?? "—", "b": y ?? "—", "differs": differs, "note": note as Any].compacted)
        }
        func list(_ label: String, _ x: [String], _ y: [String]) {
            rows.append(["label": label, "a_list": x, "b_list": y, "is_list": true, "differs": x != y])
        }
        func money(_ label: String, _ x: Double?, _ y: Double?, unit: String) {
            var note: String?
            if let x, let y, x != y {
                let cheaper = x < y ? a.title : b.title
                note = "\(cheaper) costs \(Format.money(abs(x - y), currency: currency)) less\(unit)"
            }
            text(label, x.map { Format.money($0, currency: currency) + unit }, y.map { Format.money($0, currency: currency) + unit }, note: note)
        }
        text("Kind", a.kind, b.kind)
        text("Frequency", a.frequency, b.frequency)
        money("Cost per employee", a.costPerEmployee, b.costPerEmployee, unit: " a year")
        money("Annual cost at current enrolment", annualCost(a), annualCost(b), unit: "")
        text("Enrolled teams", String(enrolledTeams(a).count), String(enrolledTeams(b).count))
        text("Enrolled headcount", String(relations.enrolledHeadcount(a.slug, in: site)), String(relations.enrolledHeadcount(b.slug, in: site)))
        text("Started", a.started, b.started)
        list("Strengths", a.strengths, b.strengths)
        list("Weaknesses", a.weaknesses, b.weaknesses)
        var kpiIDs: [String] = []
        for id in a.kpis + b.kpis where !kpiIDs.contains(id) && site.kpi(id) != nil { kpiIDs.append(id) }
        for id in kpiIDs {
            let name = site.kpi(id)?.name ?? id
            func cell(_ p: Program) -> String {
                guard p.kpis.contains(id) else { return "Not targeted" }
                let i = impactContext(ProgramMath.impact(program: p, kpi: id, site: site, report: kpiReport), link)
                if let s = i["summary"] as? String, let v = i["verdict"] as? String { return "\(s) (\(v))" }
                return (i["no_data"] as? String) ?? "Not enough data"
            }
            text("Impact on \(name)", cell(a), cell(b))
        }
        if site.config.replacementCost != nil && site.config.turnoverKPI != nil {
            func roi(_ p: Program) -> String? { (roiContext(p)?["roi"] as? String).map { "\($0) estimated annual ROI" } }
            text("Estimated ROI", roi(a) ?? "Not enough data", roi(b) ?? "Not enough data")
        }
        c["rows"] = rows
        c["difference_count"] = rows.filter { ($0["differs"] as? Bool) == true }.count
        c["observational_note"] = Self.observationalNote
    }
}
