import EngageModel

/// `values/<slug>/`: a value, the pathways that lean on it, and the previous and next value.
public struct ValuePage: SitePage {
    public static let template = "value"
    public static let section = PageSection.values
    public let value: Value
    public var address: String { Route.value(value.slug) }
    public var title: String { value.title }
    public var summary: String? { value.summary }
    public var editSource: String? { value.source.path }
    public var shownBody: Body? { value.body }

    public static func pages(in data: SiteData) -> [ValuePage] { data.site.values.map { ValuePage(value: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Values", Route.values) }
    public func searchText(_ data: SiteData) -> String { (value.behaviours + [value.body.text]).joined(separator: " ") }
    public func searchHeadings(_ data: SiteData) -> [String] { SearchIndex.headings(inHTML: value.body.html) }

    public func inputs(_ data: SiteData) -> PageInputs {
        // Previous and next follow the order of all values; the pathways that name this value
        // (`Relations.pathwaysByValue`, which reads pathways only) can be any pathway.
        PageInputs(folders: [.values, .pathways])
    }

    public struct Context: TemplateContext {
        public var value: ValueDetail, pathways: [PathwayCard], previous: TitledLink? = nil, next: TitledLink? = nil
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "value": { $0.value }, "pathways": { $0.pathways }, "previous": { $0.previous }, "next": { $0.next },
        ]
    }

    /// `title`, `summary`, `behaviours`, `body`.
    public struct ValueDetail: TemplateContext {
        public var title: String, summary: String? = nil, behaviours: [String], body: String
        public static let fields: [String: @Sendable (ValueDetail) -> Any?] = [
            "title": { $0.title }, "summary": { $0.summary }, "behaviours": { $0.behaviours }, "body": { $0.body },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, v = value
        var c = Context(value: ValueDetail(title: v.title, summary: v.summary, behaviours: v.behaviours, body: v.body.html),
                        pathways: (data.reports.relations.pathwaysByValue[v.slug] ?? []).compactMap { site.pathway($0) }.map { PathwayCard($0, link) })
        if let i = site.values.firstIndex(where: { $0.slug == v.slug }) {
            func item(_ x: Value) -> TitledLink { TitledLink(title: x.title, href: link.href(Route.value(x.slug))) }
            if i > 0 { c.previous = item(site.values[i - 1]) }
            if i + 1 < site.values.count { c.next = item(site.values[i + 1]) }
        }
        return c
    }
}
