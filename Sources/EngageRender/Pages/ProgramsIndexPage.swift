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
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "programs": { $0.programs }, "pairs": { $0.pairs }, "observational_note": { $0.observational_note },
        ]
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
        return Context(
            programs: programs.map { p in
                var row = ProgramCard(p, data, link)
                row.annual_cost = ProgramFigures.annualCost(p, data).map { Format.money($0, currency: data.currency) }
                row.strengths = p.strengths
                row.weaknesses = p.weaknesses
                row.started = p.started
                row.impacts = ProgramFigures.impacts(p, data, link)
                row.compare = ProgramFigures.compareLinks(p, data, link)
                row.roi = ROIContext(p, data)
                return row
            },
            pairs: pairs, observational_note: ProgramFigures.observationalNote)
    }
}
