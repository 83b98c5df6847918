import Foundation
import EngageModel

/// One page of the site to render: where it goes, with which template, about what.
public struct PageJob: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case home, valuesIndex, value(String), pathwaysIndex, pathway(String), level(String, String)
        case teamsIndex, team(String), department(String), programsIndex, program(String)
        case guide(String), page(String), notFound
        case kpisIndex, kpi(String), surveysIndex, survey(String), comparison(String, String), pagesIndex
    }
    public var route: String
    public var template: String
    public var kind: Kind
    public var title: String
    public var summary: String?
    /// Plain text for the search index.
    public var text: String
    /// Listed in sitemap.xml and the search index.
    public var listed: Bool = true
}

/// Page contexts: plain `[String: Any]` dictionaries for Mustache.
public struct PageContexts: Sendable {
    public let site: Site
    public let relations: Relations
    public let kpiReport: KPIReport
    /// One per survey, oldest first.
    public let surveyReports: [SurveyReport]

    public init(site: Site) {
        self.site = site
        self.relations = Relations(site)
        self.kpiReport = KPIReport(site: site)
        self.surveyReports = site.surveys.map { SurveyReport(survey: $0, site: site) }
    }

    /// Every page of the site, in a stable order.
    /// Free pages and guides linked from every footer before "All pages and guides".
    static let footerLimit = 8

    public func jobs() -> [PageJob] {
        var jobs: [PageJob] = []
        let org = site.config.organization ?? site.config.title
        jobs.append(PageJob(route: Route.home, template: "home", kind: .home, title: site.config.title,
                            summary: "Values, career pathways and teams at \(org).", text: ""))
        jobs.append(PageJob(route: Route.values, template: "values", kind: .valuesIndex, title: "Our values", summary: nil, text: site.values.map(\.title).joined(separator: " ")))
        for v in site.values {
            jobs.append(PageJob(route: Route.value(v.slug), template: "value", kind: .value(v.slug), title: v.title, summary: v.summary,
                                text: (v.behaviours + [v.body.text]).joined(separator: " ")))
        }
        jobs.append(PageJob(route: Route.pathways, template: "pathways", kind: .pathwaysIndex, title: "Career pathways", summary: nil, text: ""))
        for p in site.pathways {
            jobs.append(PageJob(route: Route.pathway(p.slug), template: "pathway", kind: .pathway(p.slug), title: p.title, summary: p.summary,
                                text: ([p.family ?? ""] + p.levels.map(\.title) + p.competencies.map(\.name) + [p.body.text]).joined(separator: " ")))
            for level in p.levels {
                jobs.append(PageJob(route: Route.level(p.slug, level.id), template: "level", kind: .level(p.slug, level.id),
                                    title: "\(level.title) · \(p.title)", summary: level.summary,
                                    text: p.competencies.compactMap { $0.expectations[level.id] }.joined(separator: " ")))
            }
        }
        jobs.append(PageJob(route: Route.teams, template: "teams", kind: .teamsIndex, title: "Teams", summary: nil, text: ""))
        for t in site.teams {
            jobs.append(PageJob(route: Route.team(t.slug), template: "team", kind: .team(t.slug), title: t.name, summary: t.summary,
                                text: [t.lead ?? "", t.department ?? "", t.region ?? "", t.body.text].joined(separator: " ")))
        }
        for d in site.departments {
            jobs.append(PageJob(route: Route.department(d.slug), template: "department", kind: .department(d.slug), title: d.name,
                                summary: "\(d.teams.count) team\(d.teams.count == 1 ? "" : "s")", text: ""))
        }
        jobs.append(PageJob(route: Route.programs, template: "programs", kind: .programsIndex, title: "Staff-care programs", summary: nil, text: ""))
        for p in site.programs {
            jobs.append(PageJob(route: Route.program(p.slug), template: "program", kind: .program(p.slug), title: p.title, summary: p.summary,
                                text: ([p.kind ?? "", p.frequency ?? ""] + p.strengths + p.weaknesses + [p.body.text]).joined(separator: " ")))
        }
        for (i, a) in site.programs.enumerated() {
            for b in site.programs[(i + 1)...] {
                let (x, y) = a.slug < b.slug ? (a, b) : (b, a)
                jobs.append(PageJob(route: Route.comparison(x.slug, y.slug), template: "compare", kind: .comparison(x.slug, y.slug),
                                    title: "\(x.title) vs \(y.title)", summary: "The two programs side by side.", text: ""))
            }
        }
        for g in site.guides {
            jobs.append(PageJob(route: Route.guide(g.slug), template: "guide", kind: .guide(g.slug), title: g.title, summary: g.summary,
                                text: (g.sections.flatMap { [$0.title] + $0.questions } + [g.body.text]).joined(separator: " ")))
        }
        if !site.pages.isEmpty || !site.guides.isEmpty {
            jobs.append(PageJob(route: Route.pages, template: "pages", kind: .pagesIndex, title: "Pages and guides", summary: nil, text: ""))
        }
        for p in site.pages {
            jobs.append(PageJob(route: Route.page(p.slug), template: "page", kind: .page(p.slug), title: p.title, summary: p.summary, text: p.body.text))
        }
        if !site.kpis.isEmpty {
            jobs.append(PageJob(route: Route.kpis, template: "kpis", kind: .kpisIndex, title: "KPIs", summary: "How we measure service and people health.",
                                text: site.kpis.map(\.name).joined(separator: " ")))
            for k in site.kpis {
                jobs.append(PageJob(route: Route.kpi(k.id), template: "kpi", kind: .kpi(k.id), title: k.name, summary: k.definition,
                                    text: [k.source ?? "", k.owner ?? ""].joined(separator: " ")))
            }
        }
        if !site.surveys.isEmpty {
            jobs.append(PageJob(route: Route.surveys, template: "surveys", kind: .surveysIndex, title: "Engagement surveys", summary: nil,
                                text: site.surveys.map(\.title).joined(separator: " ")))
            for s in site.surveys {
                jobs.append(PageJob(route: Route.survey(s.period.text), template: "survey", kind: .survey(s.period.text), title: s.title,
                                    summary: "Results by team, department and organisation, \(s.period.text).",
                                    text: s.questions.map(\.text).joined(separator: " ")))
            }
        }
        jobs.append(PageJob(route: "404.html", template: "404", kind: .notFound, title: "Page not found", summary: nil, text: "", listed: false))
        return jobs
    }

    // MARK: Links

    /// Builds hrefs from one page: relative for normal pages, rooted at base_url for 404.html
    /// (which a server shows at any address).
    struct Linker {
        let prefix: String
        init(route: String, baseURL: String) {
            prefix = route == "404.html" ? baseURL : Route.prefix(route)
        }
        func href(_ route: String) -> String { prefix + Route.file(route) }
        func asset(_ name: String) -> String { prefix + "assets/" + name }
        /// A file of `static/` by its path from the static root.
        func staticFile(_ path: String) -> String {
            prefix + Route.percentEncoded(path)
        }
    }

    // MARK: Contexts

    public func context(for job: PageJob) -> [String: Any] {
        let link = Linker(route: job.route, baseURL: site.config.baseURL)
        var c = common(job, link)
        switch job.kind {
        case .home: home(&c, link)
        case .valuesIndex: c["values"] = site.values.map { valueCard($0, link) }
        case .value(let slug): if let v = site.value(slug) { value(&c, v, link) }
        case .pathwaysIndex: c["families"] = families(link)
        case .pathway(let slug): if let p = site.pathway(slug) { pathway(&c, p, link) }
        case .level(let slug, let id): if let p = site.pathway(slug) { level(&c, p, id, link) }
        case .teamsIndex: teamsIndex(&c, link)
        case .team(let slug): if let t = site.team(slug) { team(&c, t, link) }
        case .department(let slug): if let d = site.department(slug) { department(&c, d, link) }
        case .programsIndex: programsIndex(&c, link)
        case .program(let slug): if let p = site.program(slug) { program(&c, p, link) }
        case .guide(let slug): if let g = site.guide(slug) { guide(&c, g) }
        case .page(let slug): if let p = site.page(slug) { c["page"] = ["title": p.title, "summary": p.summary as Any, "body": p.body.html].compacted }
        case .notFound: c["home_href"] = link.href(Route.home)
        case .pagesIndex:
            c["pages"] = site.pages.map { ["title": $0.title, "href": link.href(Route.page($0.slug)), "summary": $0.summary as Any].compacted }
            c["guides"] = site.guides.map { ["title": $0.title, "href": link.href(Route.guide($0.slug)), "summary": $0.summary as Any].compacted }
        case .kpisIndex: kpisIndex(&c, link)
        case .kpi(let id): if let k = site.kpi(id) { kpi(&c, k, link) }
        case .surveysIndex: surveysIndex(&c, link)
        case .comparison(let a, let b): if let x = site.program(a), let y = site.program(b) { comparison(&c, x, y, link) }
        case .survey(let period): if let r = surveyReports.first(where: { $0.survey.period.text == period }) { survey(&c, r, link) }
        }
        return c
    }

    func common(_ job: PageJob, _ link: Linker) -> [String: Any] {
        var c: [String: Any] = [
            "site": siteContext,
            "title": job.title,
            "is_home": job.kind == .home,
            "home_href": link.href(Route.home),
            "css_href": link.asset("style.css"),
            "lang": "en",
        ]
        // Always an icon, so no browser asks the server for a missing /favicon.ico.
        c["favicon_href"] = site.config.favicon.map(link.staticFile) ?? link.asset("favicon.svg")
        if let summary = job.summary { c["description"] = summary }
        let crumbs = breadcrumbs(job, link)
        c["breadcrumbs"] = crumbs
        c["has_breadcrumbs"] = !crumbs.isEmpty
        if let edit = site.config.editURL, let path = sourcePath(job.kind) {
            c["edit_href"] = edit + path
        }
        return c
    }

    /// `site.title` and `site.organization` for every template.
    var siteContext: [String: Any] {
        ["title": site.config.title, "organization": site.config.organization as Any].compacted
    }

    /// Which header and footer a page gets: they depend only on the page's folder depth and
    /// section, so each combination is rendered once per build, not once per page.
    public func chromeKey(for job: PageJob) -> String {
        Linker(route: job.route, baseURL: site.config.baseURL).prefix + "|" + sectionOf(job.kind)
    }

    /// The context of `header.mustache` and `footer.mustache` for a page like `job`.
    public func chromeContext(for job: PageJob) -> [String: Any] {
        let link = Linker(route: job.route, baseURL: site.config.baseURL)
        let section = sectionOf(job.kind)
        var nav: [[String: Any]] = [
            navItem("Home", Route.home, section == "home", link),
            navItem("Values", Route.values, section == "values", link),
            navItem("Pathways", Route.pathways, section == "pathways", link),
            navItem("Teams", Route.teams, section == "teams", link),
            navItem("Programs", Route.programs, section == "programs", link),
        ]
        if !site.kpis.isEmpty { nav.append(navItem("KPIs", Route.kpis, section == "kpis", link)) }
        if !site.surveys.isEmpty { nav.append(navItem("Surveys", Route.surveys, section == "surveys", link)) }
        if let first = site.guides.first {
            nav.append(navItem(site.guides.count == 1 ? "Check-ins" : "Guides", Route.guide(first.slug), section == "guides", link))
        }
        // A handful of links, whatever the size of the site (every page listing every page
        // would make the build quadratic); the rest are on /pages/.
        let footerTotal = site.pages.count + site.guides.count
        var footer = (site.pages.prefix(Self.footerLimit).map { ["label": $0.title, "href": link.href(Route.page($0.slug))] }
            + site.guides.prefix(Self.footerLimit).map { ["label": $0.title, "href": link.href(Route.guide($0.slug))] })
        footer = Array(footer.prefix(Self.footerLimit))
        if footerTotal > Self.footerLimit { footer.append(["label": "All pages and guides", "href": link.href(Route.pages)]) }
        var chrome: [String: Any] = [
            "site": siteContext,
            "home_href": link.href(Route.home),
            "nav": nav,
            "footer_links": footer,
        ]
        if let logo = site.config.logo { chrome["logo_href"] = link.staticFile(logo) }
        return chrome
    }

    func navItem(_ label: String, _ route: String, _ current: Bool, _ link: Linker) -> [String: Any] {
        ["label": label, "href": link.href(route), "current": current]
    }

    func sectionOf(_ kind: PageJob.Kind) -> String {
        switch kind {
        case .home: return "home"
        case .valuesIndex, .value: return "values"
        case .pathwaysIndex, .pathway, .level: return "pathways"
        case .teamsIndex, .team, .department: return "teams"
        case .programsIndex, .program, .comparison: return "programs"
        case .guide: return "guides"
        case .kpisIndex, .kpi: return "kpis"
        case .surveysIndex, .survey: return "surveys"
        case .page, .notFound, .pagesIndex: return ""
        }
    }

    func sourcePath(_ kind: PageJob.Kind) -> String? {
        switch kind {
        case .value(let s): return site.value(s)?.source.path
        case .pathway(let s), .level(let s, _): return site.pathway(s)?.source.path
        case .team(let s): return site.team(s)?.source.path
        case .program(let s): return site.program(s)?.source.path
        case .guide(let s): return site.guide(s)?.source.path
        case .page(let s): return site.page(s)?.source.path
        default: return nil
        }
    }

    func breadcrumbs(_ job: PageJob, _ link: Linker) -> [[String: Any]] {
        var crumbs: [(String, String)] = []
        let home = ("Home", Route.home)
        switch job.kind {
        case .home, .notFound: return []
        case .valuesIndex, .pathwaysIndex, .teamsIndex, .programsIndex, .kpisIndex, .surveysIndex, .pagesIndex: crumbs = [home]
        case .guide, .page: crumbs = [home, ("Pages and guides", Route.pages)]
        case .kpi: crumbs = [home, ("KPIs", Route.kpis)]
        case .survey: crumbs = [home, ("Surveys", Route.surveys)]
        case .value: crumbs = [home, ("Values", Route.values)]
        case .pathway: crumbs = [home, ("Pathways", Route.pathways)]
        case .level(let slug, _):
            crumbs = [home, ("Pathways", Route.pathways), (site.pathway(slug)?.title ?? slug, Route.pathway(slug))]
        case .team(let slug):
            crumbs = [home, ("Teams", Route.teams)]
            if let t = site.team(slug), let name = t.department, let d = t.departmentSlug { crumbs.append((name, Route.department(d))) }
        case .department: crumbs = [home, ("Teams", Route.teams)]
        case .program: crumbs = [home, ("Programs", Route.programs)]
        case .comparison: crumbs = [home, ("Programs", Route.programs)]
        }
        return crumbs.map { ["label": $0.0, "href": link.href($0.1)] }
    }

    // MARK: Cards

    func valueCard(_ v: Value, _ link: Linker) -> [String: Any] {
        ["title": v.title, "href": link.href(Route.value(v.slug)), "summary": v.summary as Any, "behaviours": v.behaviours].compacted
    }

    func pathwayCard(_ p: Pathway, _ link: Linker) -> [String: Any] {
        ["title": p.title, "href": link.href(Route.pathway(p.slug)), "summary": p.summary as Any,
         "level_count": p.levels.count,
         "levels": p.levels.map { ["title": $0.title, "href": link.href(Route.level(p.slug, $0.id))] }].compacted
    }

    func teamCard(_ t: Team, _ link: Linker) -> [String: Any] {
        var card: [String: Any] = ["name": t.name, "href": link.href(Route.team(t.slug))]
        card["summary"] = t.summary
        card["lead"] = t.lead
        card["region"] = t.region
        card["headcount"] = t.headcount
        if let name = t.department, let slug = t.departmentSlug {
            card["department"] = ["name": name, "href": link.href(Route.department(slug))]
        }
        return card.compacted
    }

    func programCard(_ p: Program, _ link: Linker) -> [String: Any] {
        var card: [String: Any] = ["title": p.title, "href": link.href(Route.program(p.slug))]
        card["summary"] = p.summary
        card["kind"] = p.kind
        card["frequency"] = p.frequency
        card["cost"] = p.costPerEmployee.map { Format.money($0, currency: site.config.currency) }
        let teams = relations.teamsByProgram[p.slug] ?? []
        card["team_count"] = teams.count
        card["headcount"] = relations.enrolledHeadcount(p.slug, in: site)
        return card.compacted
    }

    func families(_ link: Linker) -> [[String: Any]] {
        var order: [String] = []
        var groups: [String: [Pathway]] = [:]
        for p in site.pathways {
            let family = p.family ?? "Other pathways"
            if groups[family] == nil { order.append(family) }
            groups[family, default: []].append(p)
        }
        return order.sorted().map { ["name": $0, "pathways": (groups[$0] ?? []).map { pathwayCard($0, link) }] }
    }

    func departmentGroups(_ link: Linker) -> [[String: Any]] {
        site.departments.map { d in
            let teams = d.teams.compactMap { site.team($0) }
            return ["name": d.name, "href": link.href(Route.department(d.slug)),
                    "headcount": teams.compactMap(\.headcount).reduce(0, +),
                    "teams": teams.map { teamCard($0, link) }]
        }
    }

    // MARK: Pages

    func home(_ c: inout [String: Any], _ link: Linker) {
        c["values"] = site.values.map { valueCard($0, link) }
        c["families"] = families(link)
        c["departments"] = departmentGroups(link)
        c["unassigned_teams"] = site.teams.filter { $0.department == nil }.map { teamCard($0, link) }
        c["programs"] = site.programs.map { programCard($0, link) }
        c["guides"] = site.guides.map { ["title": $0.title, "href": link.href(Route.guide($0.slug)), "summary": $0.summary as Any].compacted }
        c["team_count"] = site.teams.count
        c["headcount"] = site.teams.compactMap(\.headcount).reduce(0, +)
        c["values_href"] = link.href(Route.values)
        c["pathways_href"] = link.href(Route.pathways)
        c["teams_href"] = link.href(Route.teams)
        c["programs_href"] = link.href(Route.programs)
        homeReports(&c, link)
    }

    func value(_ c: inout [String: Any], _ v: Value, _ link: Linker) {
        c["value"] = ["title": v.title, "summary": v.summary as Any, "behaviours": v.behaviours, "body": v.body.html].compacted
        c["pathways"] = (relations.pathwaysByValue[v.slug] ?? []).compactMap { site.pathway($0) }.map { pathwayCard($0, link) }
        if let i = site.values.firstIndex(where: { $0.slug == v.slug }) {
            if i > 0 { c["previous"] = ["title": site.values[i - 1].title, "href": link.href(Route.value(site.values[i - 1].slug))] }
            if i + 1 < site.values.count { c["next"] = ["title": site.values[i + 1].title, "href": link.href(Route.value(site.values[i + 1].slug))] }
        }
    }

    func moveContext(from: Pathway, _ move: Move, target: Pathway, _ link: Linker, outgoing: Bool) -> [String: Any] {
        var m: [String: Any] = [:]
        let other = outgoing ? target : from
        m["pathway"] = ["title": other.title, "href": link.href(Route.pathway(other.slug))]
        if let id = move.fromLevel, let level = from.levels.first(where: { $0.id == id }) {
            m["from_level"] = ["title": level.title, "href": link.href(Route.level(from.slug, id))]
        }
        if let id = move.toLevel, let level = target.levels.first(where: { $0.id == id }) {
            m["to_level"] = ["title": level.title, "href": link.href(Route.level(target.slug, id))]
        }
        m["note"] = move.note
        return m.compacted
    }

    func pathway(_ c: inout [String: Any], _ p: Pathway, _ link: Linker) {
        c["pathway"] = ["title": p.title, "family": p.family as Any, "summary": p.summary as Any, "body": p.body.html].compacted
        c["levels"] = p.levels.enumerated().map { i, l in
            ["id": l.id, "title": l.title, "number": i + 1, "summary": l.summary as Any, "href": link.href(Route.level(p.slug, l.id))].compacted
        }
        c["level_count"] = p.levels.count
        let matrix = Levels.matrix(p)
        var themeOrder: [String] = []
        var rows: [String: [[String: Any]]] = [:]
        for (competency, cells) in zip(p.competencies, matrix) {
            let theme = competency.theme ?? "General"
            if rows[theme] == nil { themeOrder.append(theme) }
            rows[theme, default: []].append([
                "name": competency.name,
                "cells": cells.enumerated().map { i, cell in
                    var c = cellContext(cell)
                    c["badge_new"] = i > 0 && cell.change == .new
                    return c
                },
            ])
        }
        c["themes"] = themeOrder.map { ["name": $0, "rows": rows[$0] ?? [], "span": p.levels.count + 1] }
        c["values"] = p.values.compactMap { site.value($0) }.map { valueCard($0, link) }
        c["moves_out"] = p.moves.compactMap { move in site.pathway(move.to).map { moveContext(from: p, move, target: $0, link, outgoing: true) } }
        c["moves_in"] = (relations.movesInto[p.slug] ?? []).compactMap { entry in
            site.pathway(entry.from).map { moveContext(from: $0, entry.move, target: p, link, outgoing: false) }
        }
        c["teams"] = (relations.teamsByPathway[p.slug] ?? []).compactMap { site.team($0) }.map { teamCard($0, link) }
    }

    func cellContext(_ cell: MatrixCell) -> [String: Any] {
        var c: [String: Any] = ["change": cell.change.rawValue]
        c["text"] = cell.text
        c["is_none"] = cell.change == .none
        c["is_new"] = cell.change == .new
        c["is_changed"] = cell.change == .changed
        c["is_unchanged"] = cell.change == .unchanged
        c["examples"] = cell.examples
        c["has_examples"] = !cell.examples.isEmpty
        return c.compacted
    }

    func level(_ c: inout [String: Any], _ p: Pathway, _ id: String, _ link: Linker) {
        guard let index = p.levels.firstIndex(where: { $0.id == id }) else { return }
        let level = p.levels[index]
        c["pathway"] = ["title": p.title, "href": link.href(Route.pathway(p.slug))]
        c["level"] = ["id": level.id, "title": level.title, "summary": level.summary as Any, "number": index + 1, "count": p.levels.count].compacted
        if index > 0 {
            let prev = p.levels[index - 1]
            c["previous"] = ["title": prev.title, "href": link.href(Route.level(p.slug, prev.id))]
        }
        if index + 1 < p.levels.count {
            let next = p.levels[index + 1]
            c["next"] = ["title": next.title, "href": link.href(Route.level(p.slug, next.id))]
        }
        var themeOrder: [String] = []
        var items: [String: [[String: Any]]] = [:]
        var changes: [[String: Any]] = []
        for (competency, cell) in Levels.diff(p, levelIndex: index) where cell.change != .none {
            let theme = competency.theme ?? "General"
            if items[theme] == nil { themeOrder.append(theme) }
            var item = cellContext(cell)
            item["name"] = competency.name
            item["change_label"] = index == 0 ? nil : ["new": "New at this level", "changed": "Changed from the level below", "unchanged": "Unchanged from the level below"][cell.change.rawValue]
            if cell.fromLevel != id, let from = p.levels.first(where: { $0.id == cell.fromLevel }) { item["inherited_from"] = from.title }
            items[theme, default: []].append(item.compacted)
            if index > 0 && (cell.change == .new || cell.change == .changed) {
                changes.append(["name": competency.name, "is_new": cell.change == .new, "text": cell.text ?? ""])
            }
        }
        c["groups"] = themeOrder.map { ["name": $0, "items": items[$0] ?? []] }
        c["changes"] = changes
        c["is_first"] = index == 0
        if index > 0 { c["below"] = p.levels[index - 1].title }
        c["moves_out"] = p.moves.filter { $0.fromLevel == id }.compactMap { move in
            site.pathway(move.to).map { moveContext(from: p, move, target: $0, link, outgoing: true) }
        }
    }

    func teamsIndex(_ c: inout [String: Any], _ link: Linker) {
        c["departments"] = departmentGroups(link)
        c["unassigned_teams"] = site.teams.filter { $0.department == nil }.map { teamCard($0, link) }
    }

    func team(_ c: inout [String: Any], _ t: Team, _ link: Linker) {
        var team = teamCard(t, link)
        team["body"] = t.body.html
        c["team"] = team
        c["pathways"] = t.pathways.compactMap { site.pathway($0) }.map { pathwayCard($0, link) }
        c["programs"] = t.programs.compactMap { site.program($0) }.map { programCard($0, link) }
        teamReports(&c, t, link)
    }

    func department(_ c: inout [String: Any], _ d: Department, _ link: Linker) {
        let teams = d.teams.compactMap { site.team($0) }
        c["department"] = ["name": d.name]
        c["teams"] = teams.map { teamCard($0, link) }
        c["team_count"] = teams.count
        c["headcount"] = teams.compactMap(\.headcount).reduce(0, +)
        c["regions"] = Array(Set(teams.compactMap(\.region))).sorted().joined(separator: ", ")
        departmentReports(&c, d, teams, link)
    }

    func program(_ c: inout [String: Any], _ p: Program, _ link: Linker) {
        var program = programCard(p, link)
        program["started"] = p.started
        program["strengths"] = p.strengths
        program["weaknesses"] = p.weaknesses
        program["body"] = p.body.html
        c["program"] = program
        c["teams"] = (relations.teamsByProgram[p.slug] ?? []).compactMap { site.team($0) }.map { teamCard($0, link) }
        programDetail(&c, p, link)
    }

    func guide(_ c: inout [String: Any], _ g: Guide) {
        c["guide"] = ["title": g.title, "summary": g.summary as Any, "body": g.body.html].compacted
        c["sections"] = g.sections.enumerated().map { i, s in
            ["title": s.title, "intro": s.intro as Any, "number": i + 1,
             "questions": s.questions.enumerated().map { j, q in ["text": q, "id": "q\(i + 1)-\(j + 1)"] }].compacted
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Drops nil optionals so Mustache treats absent values as false.
    var compacted: [String: Any] {
        var out: [String: Any] = [:]
        out.reserveCapacity(count)
        for (k, v) in self {
            if let optional = v as? any OptionalValue {
                if let wrapped = optional.wrapped { out[k] = wrapped }
            } else {
                out[k] = v
            }
        }
        return out
    }
}

protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? {
        switch self {
        case .some(let value): return (value as? any OptionalValue)?.wrapped ?? value
        case .none: return nil
        }
    }
}
