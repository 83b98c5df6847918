import EngageModel

/// A value in a list: `title`, `href`, `summary`, `behaviours`.
public struct ValueCard: TemplateContext {
    public var title: String, href: String, summary: String? = nil, behaviours: [String]
    public static let fields: [String: @Sendable (ValueCard) -> Any?] = [
        "title": { $0.title }, "href": { $0.href }, "summary": { $0.summary }, "behaviours": { $0.behaviours },
    ]
    init(_ v: Value, _ link: Linker) {
        title = v.title; href = link.href(Route.value(v.slug)); summary = v.summary; behaviours = v.behaviours
    }
}

/// A pathway in a list: `title`, `href`, `summary`, `level_count`, `levels` (`title`, `href`).
public struct PathwayCard: TemplateContext {
    public var title: String, href: String, summary: String? = nil, levels: [TitledLink]
    public static let fields: [String: @Sendable (PathwayCard) -> Any?] = [
        "title": { $0.title }, "href": { $0.href }, "summary": { $0.summary },
        "level_count": { $0.levels.count }, "levels": { $0.levels },
    ]
    init(_ p: Pathway, _ link: Linker) {
        title = p.title; href = link.href(Route.pathway(p.slug)); summary = p.summary
        levels = p.levels.map { TitledLink(title: $0.title, href: link.href(Route.level(p.slug, $0.id))) }
    }
}

/// A team in a list: `name`, `href`, `summary`, `lead`, `region`, `headcount`, `department`
/// (`name`, `href`); on the team's own page also `body`.
public struct TeamCard: TemplateContext {
    public var name: String, href: String, summary: String? = nil, lead: String? = nil, region: String? = nil, headcount: Int? = nil
    public var department: NamedLink? = nil
    public var body: String? = nil
    public static let fields: [String: @Sendable (TeamCard) -> Any?] = [
        "name": { $0.name }, "href": { $0.href }, "summary": { $0.summary }, "lead": { $0.lead }, "region": { $0.region },
        "headcount": { $0.headcount }, "department": { $0.department }, "body": { $0.body },
    ]
    init(_ t: Team, _ link: Linker) {
        name = t.name; href = link.href(Route.team(t.slug)); summary = t.summary; lead = t.lead; region = t.region
        headcount = t.headcount
        if let name = t.department, let slug = t.departmentSlug { department = NamedLink(name: name, href: link.href(Route.department(slug))) }
    }
}

/// A department with its teams: `name`, `href`, `headcount`, `teams`.
public struct DepartmentGroup: TemplateContext {
    public var name: String, href: String, headcount: Int, teams: [TeamCard]
    public static let fields: [String: @Sendable (DepartmentGroup) -> Any?] = [
        "name": { $0.name }, "href": { $0.href }, "headcount": { $0.headcount }, "teams": { $0.teams },
    ]
}

/// Pathways of one family: `name`, `pathways`.
public struct PathwayFamily: TemplateContext {
    public var name: String, pathways: [PathwayCard]
    public static let fields: [String: @Sendable (PathwayFamily) -> Any?] = ["name": { $0.name }, "pathways": { $0.pathways }]
}

/// Card lists shared by several pages.
enum Cards {
    static func families(_ site: Site, _ link: Linker) -> [PathwayFamily] {
        var order: [String] = []
        var groups: [String: [Pathway]] = [:]
        for p in site.pathways {
            let family = p.family ?? "Other pathways"
            if groups[family] == nil { order.append(family) }
            groups[family, default: []].append(p)
        }
        return order.sorted().map { PathwayFamily(name: $0, pathways: (groups[$0] ?? []).map { PathwayCard($0, link) }) }
    }

    static func departmentGroups(_ site: Site, _ link: Linker) -> [DepartmentGroup] {
        site.departments.map { d in
            let teams = d.teams.compactMap { site.team($0) }
            return DepartmentGroup(name: d.name, href: link.href(Route.department(d.slug)),
                                   headcount: teams.compactMap(\.headcount).reduce(0, +), teams: teams.map { TeamCard($0, link) })
        }
    }

    static func unassignedTeams(_ site: Site, _ link: Linker) -> [TeamCard] {
        site.teams.filter { $0.department == nil }.map { TeamCard($0, link) }
    }
}
