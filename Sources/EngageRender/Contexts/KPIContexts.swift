import EngageModel

/// A KPI's latest value for one team or group (`kpi-card.mustache`): `name`, `id`, `href`,
/// `value`, `period`, `status`, `status_label`, `target`, `target_note`, `change`, `trend`,
/// `sparkline`, `measured`, `note`, for a department or the organisation also `basis`, and on a
/// KPI page `group`, `group_href`.
public struct KPICard: TemplateContext {
    public var name: String, id: String, href: String, value: String, period: String
    public var status: KPIStatus
    public var target: String? = nil, target_note: String? = nil, change: String? = nil, trend: String? = nil
    public var sparkline: String
    public var basis: String? = nil, group: String? = nil, group_href: String? = nil
    public var measured: Bool = false, note: String? = nil
    /// Version 2: on team and department pages, the group's actions addressing this KPI.
    public var figure_actions: [ActionNote] = []
    public static let fields: [String: @Sendable (KPICard) -> Any?] = [
        "figure_actions": { $0.figure_actions },
        "name": { $0.name }, "id": { $0.id }, "href": { $0.href }, "value": { $0.value }, "period": { $0.period },
        "status": { $0.status.rawValue }, "status_label": { $0.status.label }, "target": { $0.target },
        "target_note": { $0.target_note },
        "change": { $0.change }, "trend": { $0.trend }, "sparkline": { $0.sparkline },
        "basis": { $0.basis }, "group": { $0.group }, "group_href": { $0.group_href },
        "measured": { $0.measured ? true : nil }, "note": { $0.note },
    ]

    /// Latest value, target, status, change and sparkline of a scope's figures; nil without any.
    init?(_ kpi: KPI, figures: [KPIFigureValue], _ data: SiteData, _ link: Linker, subject: String) {
        guard let last = figures.last else { return nil }
        let c = data.currency
        name = kpi.name; id = kpi.id; href = link.href(Route.kpi(kpi.id))
        value = Format.kpi(last.value, kpi, currency: c); period = last.period.text
        status = KPIMath.status(last.value, kpi)
        target = kpi.target.map { Format.kpi($0, kpi, currency: c) }
        target_note = kpi.targetNote
        measured = last.measured; note = last.note
        basis = last.rollUp.map(Format.basis)
        if figures.count > 1 {
            let previous = figures[figures.count - 2]
            let delta = last.value - previous.value
            // The arrow shows the direction of the change; the word says whether that is good.
            let arrow = delta > 0 ? "↑ " : "↓ "
            let since = "\(arrow)\(Format.change(delta, kpi, currency: c)) since \(previous.period.text)"
            switch KPIMath.improved(from: previous.value, to: last.value, better: kpi.better) {
            case .some(true): change = since + ": better"; trend = "better"
            case .some(false): change = since + ": worse"; trend = "worse"
            case .none: change = "No change since \(previous.period.text)"; trend = "same"
            }
        }
        let numbers = figures.map { "\($0.period.text): \(Format.kpi($0.value, kpi, currency: c))\($0.measured ? " (measured)" : "")" }.joined(separator: ", ")
        sparkline = Charts.sparkline(figures.map { ($0.period.text, $0.value) }, description: "\(kpi.name) for \(subject) by period: \(numbers)")
    }

    /// The card of a team, a department or the organisation.
    init?(_ kpi: KPI, scope: KPIScope, _ data: SiteData, _ link: Linker, subject: String) {
        self.init(kpi, figures: data.reports.kpis.figures(scope, kpi: kpi.id), data, link, subject: subject)
    }
}

/// A cell of a program's team-trend table: a `KPICard`'s keys, or `empty` when the team has no values.
public struct TrendCell: TemplateContext {
    public var card: KPICard? = nil
    public static let fields: [String: @Sendable (TrendCell) -> Any?] = {
        var fields: [String: @Sendable (TrendCell) -> Any?] = ["empty": { $0.card == nil ? true : nil }]
        for (key, get) in KPICard.fields { fields[key] = { cell in cell.card.flatMap(get) } }
        return fields
    }()
}

/// A KPI's definition: `name`, `id`, `unit`, `better`, `definition`, `target`, `target_note`,
/// `tolerance`, `source`, `owner`, `group`, `links` (`label`, `href`, `external`), `parent`
/// (`name`, `href`), `children`; in the KPI index also `href`, `key`, `latest` (a `KPICard`).
public struct KPIInfo: TemplateContext {
    public var name: String, id: String? = nil, href: String? = nil, unit: String, better: String, key: Bool? = nil
    public var definition: String? = nil, target: String? = nil, tolerance: String? = nil, source: String? = nil, owner: String? = nil
    public var target_note: String? = nil, group: String? = nil
    public var links: [KPILinkContext] = [], parent: NamedLink? = nil, children: [NamedLink] = []
    public var latest: KPICard? = nil
    public static let fields: [String: @Sendable (KPIInfo) -> Any?] = [
        "name": { $0.name }, "id": { $0.id }, "href": { $0.href }, "unit": { $0.unit }, "better": { $0.better },
        "key": { $0.key }, "definition": { $0.definition }, "target": { $0.target }, "tolerance": { $0.tolerance },
        "source": { $0.source }, "owner": { $0.owner }, "latest": { $0.latest },
        "target_note": { $0.target_note }, "group": { $0.group },
        "links": { $0.links }, "parent": { $0.parent }, "children": { $0.children },
    ]
    init(_ k: KPI, currency: String, tolerance: String?) {
        name = k.name; unit = k.unit.rawValue; better = k.better == .higher ? "Higher is better" : "Lower is better"
        definition = k.definition; target = k.target.map { Format.kpi($0, k, currency: currency) }
        self.tolerance = tolerance; source = k.source; owner = k.owner
        target_note = k.targetNote; group = k.group
    }

    /// Links, the parent and the children (KPIs naming this one as `parent`, in catalog order).
    mutating func addRelations(_ k: KPI, _ site: Site, _ link: Linker) {
        links = k.links.map { KPILinkContext($0, link) }
        parent = k.parent.flatMap { site.kpi($0) }.map { NamedLink(name: $0.name, href: link.href(Route.kpi($0.id))) }
        children = site.kpis.filter { $0.parent == k.id }.map { NamedLink(name: $0.name, href: link.href(Route.kpi($0.id))) }
    }
}

/// A KPI's link: `label`, `href` (a site path made relative to the page), `external` (an address elsewhere).
public struct KPILinkContext: TemplateContext {
    public var label: String, href: String, external: Bool
    public static let fields: [String: @Sendable (KPILinkContext) -> Any?] = [
        "label": { $0.label }, "href": { $0.href }, "external": { $0.external ? true : nil },
    ]
    init(_ l: KPILink, _ link: Linker) {
        label = l.label; external = !l.isPath
        href = l.isPath ? KPILinkContext.sitePath(l.url, link) : l.url
    }

    /// "/guides/a/#x" → "../../guides/a/index.html#x": relative, so it works under any base_url and from disk.
    static func sitePath(_ url: String, _ link: Linker) -> String {
        var path = String(url.dropFirst())
        var suffix = ""
        if let i = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { suffix = String(path[i...]); path = String(path[..<i]) }
        if path.isEmpty || path.hasSuffix("/") { return link.href(path) + suffix }
        return link.prefix + path + suffix
    }
}

/// One row of a KPI's figures: `period` or `rank`/`name`/`href`/`department`, with `value`,
/// `status`, `status_label`, `measured`, `note`, and for roll-ups `basis`.
public struct KPIFigure: TemplateContext {
    public var period: String? = nil, rank: Int? = nil, name: String? = nil, href: String? = nil, department: String? = nil
    public var value: String, status: KPIStatus, basis: String? = nil
    public var measured: Bool = false, note: String? = nil
    public static let fields: [String: @Sendable (KPIFigure) -> Any?] = [
        "period": { $0.period }, "rank": { $0.rank }, "name": { $0.name }, "href": { $0.href },
        "department": { $0.department }, "value": { $0.value }, "status": { $0.status.rawValue },
        "status_label": { $0.status.label }, "basis": { $0.basis },
        "measured": { $0.measured ? true : nil }, "note": { $0.note },
    ]
}

/// A heading of the KPI index with its KPIs: `name`, `id` (for the heading's anchor), `kpis`.
public struct KPIGroupContext: TemplateContext {
    public var name: String, id: String, kpis: [KPIInfo]
    public static let fields: [String: @Sendable (KPIGroupContext) -> Any?] = [
        "name": { $0.name }, "id": { $0.id }, "kpis": { $0.kpis },
    ]
}

enum KPIFigures {
    static let weightingNote = "Department and organisation figures are means of their teams' values weighted by team headcount; where a team has no headcount, the plain (unweighted) mean is used, as each figure says."

    /// A group's card for a KPI, with how its latest figure was obtained.
    static func groupCard(_ k: KPI, scope: KPIScope, _ data: SiteData, _ link: Linker, subject: String) -> KPICard? {
        KPICard(k, scope: scope, data, link, subject: subject)
    }

    /// The heading a KPI is listed under in the index.
    static let otherGroup = "Other KPIs"
}
