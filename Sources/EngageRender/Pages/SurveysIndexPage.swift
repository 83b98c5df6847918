import EngageModel

/// `surveys/`: every survey, newest first, with its organisation figures; only when there are surveys.
public struct SurveysIndexPage: SitePage {
    public static let template = "surveys"
    public static let section = PageSection.surveys
    public let address = Route.surveys
    public let title = "Engagement surveys"
    public let summary: String? = nil

    public static func pages(in data: SiteData) -> [SurveysIndexPage] { data.site.surveys.isEmpty ? [] : [SurveysIndexPage()] }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    public func searchText(_ data: SiteData) -> String { data.site.surveys.map(\.title).joined(separator: " ") }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(reports: [.surveys]) }

    public struct Context: TemplateContext {
        public var surveys: [Row], threshold: Int, csv_href: String? = nil
        public static let fields: [String: @Sendable (Context) -> Any?] = ["surveys": { $0.surveys }, "threshold": { $0.threshold },
                                                                          "csv_href": { $0.csv_href }]
    }

    /// `title`, `period`, `href`, `question_count`, and either `published`, `participation`,
    /// `enps`, `responses` or `suppressed_text`.
    public struct Row: TemplateContext {
        public var title: String, period: String, href: String, question_count: Int
        public var published: Bool? = nil, participation: String? = nil, enps: String? = nil, responses: Int? = nil, suppressed_text: String? = nil
        public static let fields: [String: @Sendable (Row) -> Any?] = [
            "title": { $0.title }, "period": { $0.period }, "href": { $0.href }, "question_count": { $0.question_count },
            "published": { $0.published }, "participation": { $0.participation }, "enps": { $0.enps },
            "responses": { $0.responses }, "suppressed_text": { $0.suppressed_text },
        ]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        Context(
            surveys: data.reports.surveys.reversed().map { r in
                let s = r.survey
                var row = Row(title: s.title, period: s.period.text, href: link.href(Route.survey(s.period.text)), question_count: s.questions.count)
                if let org = r.result(.organization), org.published {
                    row.published = true
                    row.participation = org.participation.map(Format.percent)
                    row.enps = org.enps.map(Format.signed)
                    row.responses = org.responses
                } else {
                    row.suppressed_text = SurveyText.suppressed
                }
                return row
            },
            threshold: data.site.config.anonymityThreshold,
            csv_href: data.site.surveys.isEmpty ? nil : link.staticFile("data/surveys.csv"))
    }
}
