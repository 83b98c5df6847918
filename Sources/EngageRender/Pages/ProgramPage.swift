import EngageModel

/// `programs/<slug>/`: a program, its enrolled teams, impacts, ROI and team trends.
public struct ProgramPage: SitePage {
    public static let template = "program"
    public static let section = PageSection.programs
    public let program: Program
    public var address: String { Route.program(program.slug) }
    public var title: String { program.title }
    public var summary: String? { program.summary }
    public var editSource: String? { program.source.path }
    public var shownBody: Body? { program.body }

    public static func pages(in data: SiteData) -> [ProgramPage] { data.site.programs.map { ProgramPage(program: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Programs", Route.programs) }
    public func searchText(_ data: SiteData) -> String {
        let p = program
        return ([p.kind ?? "", p.frequency ?? ""] + p.strengths + p.weaknesses + [p.body.text]).joined(separator: " ")
    }

    public func inputs(_ data: SiteData) -> PageInputs {
        var inputs = ProgramFigures.inputs([program], data)
        inputs.folders.insert(.programs)   // the comparison links name every other program
        inputs.reports.insert(.kpiValues)
        return inputs
    }

    public struct Context: TemplateContext {
        public var program: ProgramCard, teams: [TeamCard], impacts: [ImpactContext], observational_note: String
        public var roi: ROIContext? = nil, compare: [TitledLink], annual_cost: String? = nil, trend_kpis: [NamedLink], team_trends: [TeamTrend]
        public var csv_href: String = ""
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "program": { $0.program }, "teams": { $0.teams }, "impacts": { $0.impacts },
            "observational_note": { $0.observational_note }, "roi": { $0.roi }, "compare": { $0.compare },
            "annual_cost": { $0.annual_cost }, "trend_kpis": { $0.trend_kpis }, "team_trends": { $0.team_trends },
            "csv_href": { $0.csv_href },
        ]
    }

    /// An enrolled team's KPI cards: `name`, `href`, `cells`.
    public struct TeamTrend: TemplateContext {
        public var name: String, href: String, cells: [TrendCell]
        public static let fields: [String: @Sendable (TeamTrend) -> Any?] = ["name": { $0.name }, "href": { $0.href }, "cells": { $0.cells }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let site = data.site, p = program
        var card = ProgramCard(p, data, link)
        card.started = p.started
        card.strengths = p.strengths
        card.weaknesses = p.weaknesses
        card.body = p.body.html
        let kpis = p.kpis.compactMap { site.kpi($0) }
        let enrolled = ProgramFigures.enrolledTeams(p, data)
        return Context(
            program: card, teams: enrolled.map { TeamCard($0, link) },
            impacts: ProgramFigures.impacts(p, data, link), observational_note: ProgramFigures.observationalNote,
            roi: ROIContext(p, data), compare: ProgramFigures.compareLinks(p, data, link),
            annual_cost: ProgramFigures.annualCost(p, data).map { ProgramFigures.money($0, data.currency) },
            trend_kpis: kpis.map { NamedLink(name: $0.name, href: link.href(Route.kpi($0.id))) },
            // No KPIs to show: no table of trends (the enrolled teams are listed below it anyway).
            team_trends: kpis.isEmpty ? [] : enrolled.map { t in
                TeamTrend(name: t.name, href: link.href(Route.team(t.slug)), cells: kpis.map { k in
                    TrendCell(card: KPICard(k, scope: .team(t.slug), data, link, subject: t.name))
                })
            }, csv_href: link.staticFile("data/programs.csv"))
    }
}
