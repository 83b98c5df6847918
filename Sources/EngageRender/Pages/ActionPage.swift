import EngageModel

/// `actions/<slug>/`: one action plan, and the figures it addresses before and after, under the
/// anonymity rules (a suppressed figure shows the suppression text, never a number).
public struct ActionPage: SitePage {
    public static let template = "action"
    public static let section = PageSection.actions
    public let action: Action
    public var address: String { Route.action(action.slug) }
    public var title: String { action.title }
    public var summary: String? { action.summary }
    public var editSource: String? { action.source.path }
    public var shownBody: Body? { action.body }

    public static func pages(in data: SiteData) -> [ActionPage] { data.site.actions.map { ActionPage(action: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Actions", Route.actions) }
    public func searchText(_ data: SiteData) -> String { [action.summary ?? "", action.owner ?? "", action.body.text].joined(separator: " ") }
    public func searchHeadings(_ data: SiteData) -> [String] { SearchIndex.headings(inHTML: action.body.html) }
    public func inputs(_ data: SiteData) -> PageInputs {
        PageInputs(files: [action.source.path], folders: [.teams, .surveys, .kpis])
    }

    public struct Context: TemplateContext {
        public var action: ActionItem
        public var body: String
        public var as_of: String? = nil
        public var survey: NamedLink? = nil
        public var figures: [Figure]
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "action": { $0.action }, "body": { $0.body }, "as_of": { $0.as_of }, "survey": { $0.survey }, "figures": { $0.figures },
        ]
    }

    /// One addressed figure: `label`, `href`, `measure` ("% favourable", "eNPS", the KPI's name),
    /// `points`, `baseline`, `latest`, `change` (absent where it cannot be computed).
    public struct Figure: TemplateContext {
        public var label: String, href: String, measure: String, points: [Point]
        public var baseline: String? = nil
        public var latest: String? = nil
        public var change: String? = nil
        public static let fields: [String: @Sendable (Figure) -> Any?] = [
            "label": { $0.label }, "href": { $0.href }, "measure": { $0.measure }, "points": { $0.points },
            "baseline": { $0.baseline }, "latest": { $0.latest }, "change": { $0.change },
        ]
    }

    /// One survey or KPI period: `period`, `href`, `is_baseline`, and either `value`,
    /// `suppressed` with `suppressed_text`, or `missing`.
    public struct Point: TemplateContext {
        public var period: String
        public var href: String? = nil
        public var is_baseline: Bool
        public var value: String? = nil
        public var suppressed: Bool
        public var suppressed_text: String? = nil
        public var missing: Bool
        public static let fields: [String: @Sendable (Point) -> Any?] = [
            "period": { $0.period }, "href": { $0.href }, "is_baseline": { $0.is_baseline }, "value": { $0.value },
            "suppressed": { $0.suppressed }, "suppressed_text": { $0.suppressed_text }, "missing": { $0.missing },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site
        let figures = (data.reports.actions.figures[action.slug] ?? []).map { f -> Figure in
            let kpi: KPI? = if case .kpi(let id) = f.target { site.kpi(id) } else { nil }
            let enps: Bool = if case .question(let id) = f.target {
                site.surveys.contains { $0.questions.contains { $0.id == id && $0.kind == .enps } }
            } else { false }
            func shown(_ p: ActionPoint?) -> String? {
                guard let v = p?.value else { return nil }
                if let kpi { return Format.kpi(v, kpi, currency: data.currency) }
                return enps ? Format.signed(Int(v)) : Format.percent(Int(v))
            }
            let points = f.points.map { p -> Point in
                let route: String? = kpi == nil ? Route.survey(p.period.text) : nil
                let suppressed = p.state == .suppressed
                return Point(period: p.period.text, href: route.map(link.href), is_baseline: p.period == f.baseline?.period,
                             value: shown(p), suppressed: suppressed,
                             suppressed_text: suppressed ? SurveyText.suppressed : nil, missing: p.state == .missing)
            }
            var change: String?
            if let c = f.change {
                if let kpi { change = Format.change(c, kpi, currency: data.currency) } else {
                    change = Format.signed(Int(c)) + " pts"
                }
            }
            return Figure(label: ActionText.label(f.target, site), href: link.href(ActionText.route(f.target, site) ?? Route.actions),
                          measure: kpi?.name ?? (enps ? "eNPS" : "% favourable"), points: points,
                          baseline: shown(f.baseline), latest: shown(f.latest), change: change)
        }
        return Context(action: ActionText.item(action, data, link), body: action.body.html, as_of: data.reports.actions.asOf,
                       survey: action.survey.map { NamedLink(name: $0, href: link.href(Route.survey($0))) }, figures: figures)
    }
}
