import EngageModel

/// `programs/`: every program with its impacts, ROI and comparison links.
public struct ProgramsIndexPage: SitePage {
    public static let template = "programs"
    public static let section = PageSection.programs
    public let address = Route.programs
    public let title = "Staff-care programs"
    public let summary: String? = nil

    public static func pages(in data: SiteData) -> [ProgramsIndexPage] { [ProgramsIndexPage()] }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    public func inputs(_ data: SiteData) -> PageInputs {
        PageInputs(folders: [.programs, .kpis], reports: [.relations, .programImpacts])
    }

    public struct Context: TemplateContext {
        public var programs: [ProgramCard], pairs: [ProgramPair], observational_note: String
        public var by_roi: [Ranked] = [], by_cost: [Ranked] = [], shows_roi: Bool = false, csv_href: String = ""
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "programs": { $0.programs }, "pairs": { $0.pairs }, "observational_note": { $0.observational_note },
            "by_roi": { $0.by_roi }, "by_cost": { $0.by_cost }, "shows_roi": { $0.shows_roi ? true : nil },
            "roi_scope": { $0.shows_roi ? ROIContext.scope : nil }, "csv_href": { $0.csv_href },
        ]
    }

    /// A program in a ranking: `rank` (absent when it can't be ranked), `title`, `href`, `cost`,
    /// `annual_cost`, `team_count`, `headcount`, `roi` (with `roi_scope`) or `roi_missing`.
    public struct Ranked: TemplateContext {
        public var rank: Int? = nil, title: String, href: String, cost: String? = nil, annual_cost: String? = nil
        public var team_count: Int, headcount: Int, roi: String? = nil, roi_missing: String? = nil
        public static let fields: [String: @Sendable (Ranked) -> Any?] = [
            "rank": { $0.rank }, "title": { $0.title }, "href": { $0.href }, "cost": { $0.cost },
            "annual_cost": { $0.annual_cost }, "team_count": { $0.team_count }, "headcount": { $0.headcount },
            "roi": { $0.roi }, "roi_scope": { $0.roi == nil ? nil : ROIContext.scope }, "roi_missing": { $0.roi_missing },
        ]
    }

    /// The programs ranked by ROI (highest first, then too early, then without an estimate) and by
    /// cost per employee (cheapest first, then without a cost); ties by title.
    static func rankings(_ programs: [Program], _ data: SiteData, _ link: Linker) -> (roi: [Ranked], cost: [Ranked]) {
        let rows = programs.map { p -> (Program, Ranked, Double?, Int) in
            let card = ProgramCard(p, data, link)
            let roi = ROIContext(p, data)
            var r = Ranked(title: p.title, href: card.href, cost: card.cost,
                           annual_cost: ProgramFigures.annualCost(p, data).map { ProgramFigures.money($0, data.currency) },
                           team_count: card.team_count, headcount: card.headcount, roi: roi?.percent)
            if let roi, roi.roi == nil { r.roi_missing = roi.tooEarly ? "Too early to estimate" : "Not enough data" }
            let group = roi?.roi != nil ? 0 : roi?.tooEarly == true ? 1 : 2
            return (p, r, roi?.roi?.roiPercent, group)
        }
        func numbered(_ list: [Ranked], ranked: (Int) -> Bool) -> [Ranked] {
            list.enumerated().map { i, r in var r = r; if ranked(i) { r.rank = i + 1 }; return r }
        }
        let byROI = rows.sorted { x, y in
            if x.3 != y.3 { return x.3 < y.3 }
            if let a = x.2, let b = y.2, a != b { return a > b }
            return x.0.title < y.0.title
        }
        let byCost = rows.sorted { x, y in
            switch (x.0.costPerEmployee, y.0.costPerEmployee) {
            case let (a?, b?) where a != b: return a < b
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x.0.title < y.0.title
            }
        }
        return (numbered(byROI.map(\.1)) { byROI[$0].2 != nil },
                numbered(byCost.map(\.1)) { byCost[$0].0.costPerEmployee != nil })
    }

    /// A comparison link: `a`, `b` (program titles), `href`.
    public struct ProgramPair: TemplateContext {
        public var a: String, b: String, href: String
        public static let fields: [String: @Sendable (ProgramPair) -> Any?] = ["a": { $0.a }, "b": { $0.b }, "href": { $0.href }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let programs = data.site.programs
        var pairs: [ProgramPair] = []
        for (i, a) in programs.enumerated() {
            for b in programs[(i + 1)...] {
                pairs.append(ProgramPair(a: a.title, b: b.title, href: link.href(Route.comparison(a.slug, b.slug))))
            }
        }
        let ranks = Self.rankings(programs, data, link)
        return Context(
            programs: programs.map { p in
                var row = ProgramCard(p, data, link)
                row.annual_cost = ProgramFigures.annualCost(p, data).map { ProgramFigures.money($0, data.currency) }
                row.strengths = p.strengths
                row.weaknesses = p.weaknesses
                row.started = p.started
                row.impacts = ProgramFigures.impacts(p, data, link)
                row.compare = ProgramFigures.compareLinks(p, data, link)
                row.roi = ROIContext(p, data)
                return row
            },
            pairs: pairs, observational_note: ProgramFigures.observationalNote,
            by_roi: ranks.roi, by_cost: ranks.cost, shows_roi: ROIContext.applies(data), csv_href: link.staticFile("data/programs.csv"))
    }
}
