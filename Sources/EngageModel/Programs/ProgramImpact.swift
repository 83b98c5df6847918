/// Observational evidence of a program's effect on one KPI (see the contract's "Program impact").
public struct ProgramImpact: Sendable, Equatable {
    public var program: String
    public var kpi: String
    /// The latest period that ends before the program started.
    public var baseline: Period?
    /// The last period with KPI data.
    public var latest: Period?
    /// Enrolled teams with a value in both periods.
    public var enrolledTeams: Int
    /// Other teams with a value in both periods.
    public var otherTeams: Int
    public var enrolledChange: Double?
    public var otherChange: Double?
    /// enrolled − others
    public var difference: Double?
    /// How many KPI periods end after the program started; with fewer than
    /// `ProgramMath.periodsNeeded` it is too early to estimate (no latest period, no numbers).
    public var periodsSinceStart: Int = 0

    /// Fewer than two KPI periods end after `started` (contract: "Programs, version 2").
    public var tooEarly: Bool { baseline != nil && periodsSinceStart < ProgramMath.periodsNeeded }

    /// Why there are no numbers, for the page.
    public var missingReason: String? {
        if difference != nil { return nil }
        if tooEarly {
            let n = periodsSinceStart == 0 ? "no KPI period has" : periodsSinceStart == 1 ? "only one KPI period has" : "only \(periodsSinceStart) KPI periods have"
            return "too early to estimate: \(n) ended since the program started, and two are needed"
        }
        if baseline == nil { return "no KPI period ends before the program started" }
        if baseline == latest { return "no KPI period after the program started yet" }
        if enrolledTeams == 0 { return "no enrolled team has values in both periods" }
        return "no team outside the program has values in both periods"
    }
}

public struct ProgramROI: Sendable, Equatable {
    public var turnoverDifference: Double
    public var enrolledHeadcount: Int
    public var replacementCost: Double
    public var costPerEmployee: Double
    public var avoidedLeavers: Double
    public var savings: Double
    public var cost: Double
    /// (savings − cost) / cost, as a percentage.
    public var roiPercent: Double
}

public enum ProgramMath {
    /// KPI periods that must end after `started` before impact and ROI are estimated.
    public static let periodsNeeded = 2

    /// The latest period that ends before `started` (YYYY-MM-DD).
    public static func baseline(_ periods: [Period], started: String?) -> Period? {
        guard let started else { return nil }
        return periods.filter { $0.ends(before: started) }.max()
    }

    /// Mean change latest − baseline over the teams with a value in both periods.
    static func meanChange(_ teams: [String], _ report: KPIReport, kpi: String, from: Period, to: Period) -> (Double?, Int) {
        let changes = teams.compactMap { t -> Double? in
            guard let a = report.value(team: t, kpi: kpi, period: from), let b = report.value(team: t, kpi: kpi, period: to) else { return nil }
            return b.value - a.value
        }
        return (changes.isEmpty ? nil : changes.reduce(0, +) / Double(changes.count), changes.count)
    }

    public static func impact(program: Program, kpi: String, site: Site, report: KPIReport) -> ProgramImpact {
        let enrolled = Set(site.teams.filter { $0.programs.contains(program.slug) }.map(\.slug))
        let others = site.teams.map(\.slug).filter { !enrolled.contains($0) }
        let base = baseline(report.periods, started: program.started)
        var result = ProgramImpact(program: program.slug, kpi: kpi, baseline: base, latest: report.latest,
                                   enrolledTeams: 0, otherTeams: 0, enrolledChange: nil, otherChange: nil, difference: nil)
        if let base, let started = program.started {
            result.periodsSinceStart = report.periods.filter { $0.ends(after: started) }.count
            if result.tooEarly {
                // Too early: keep the baseline and how many enrolled teams have a value in it; no latest, no numbers.
                result.latest = nil
                result.enrolledTeams = enrolled.filter { report.value(team: $0, kpi: kpi, period: base) != nil }.count
                return result
            }
        }
        guard let base, let latest = report.latest, base < latest else { return result }
        let (e, en) = meanChange(enrolled.sorted(), report, kpi: kpi, from: base, to: latest)
        let (o, on) = meanChange(others, report, kpi: kpi, from: base, to: latest)
        result.enrolledTeams = en
        result.otherTeams = on
        result.enrolledChange = e
        result.otherChange = o
        if let e, let o { result.difference = e - o }
        return result
    }

    /// Estimated annual ROI from the turnover difference, where the site sets replacement_cost and turnover_kpi.
    public static func roi(program: Program, site: Site, report: KPIReport, enrolledHeadcount: Int) -> ProgramROI? {
        let turnover = site.config.turnoverKPI.map { impact(program: program, kpi: $0, site: site, report: report) }
        return roi(program: program, site: site, turnover: turnover, enrolledHeadcount: enrolledHeadcount)
    }

    /// The same, from the program's already computed impact on the turnover KPI.
    public static func roi(program: Program, site: Site, turnover: ProgramImpact?, enrolledHeadcount: Int) -> ProgramROI? {
        guard let replacement = site.config.replacementCost, site.config.turnoverKPI != nil,
              let cost = program.costPerEmployee, cost > 0, enrolledHeadcount > 0,
              let difference = turnover?.difference else { return nil }
        let avoided = -difference / 100 * Double(enrolledHeadcount)
        let savings = avoided * replacement
        let total = cost * Double(enrolledHeadcount)
        return ProgramROI(turnoverDifference: difference, enrolledHeadcount: enrolledHeadcount, replacementCost: replacement,
                          costPerEmployee: cost, avoidedLeavers: avoided, savings: savings, cost: total,
                          roiPercent: (savings - total) / total * 100)
    }
}
