import EngageModel

/// `guides/<slug>/`: a conversation guide: sections of questions.
public struct GuidePage: SitePage {
    public static let template = "guide"
    public static let section = PageSection.guides
    public let guide: Guide
    public var address: String { Route.guide(guide.slug) }
    public var title: String { guide.title }
    public var summary: String? { guide.summary }
    public var editSource: String? { guide.source.path }
    public var shownBody: Body? { guide.body }

    public static func pages(in data: SiteData) -> [GuidePage] { data.site.guides.map { GuidePage(guide: $0) } }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { Crumbs.under("Pages and guides", Route.pages) }
    public func searchText(_ data: SiteData) -> String {
        (guide.sections.flatMap { [$0.title] + $0.questions } + [guide.body.text]).joined(separator: " ")
    }
    public func searchHeadings(_ data: SiteData) -> [String] {
        guide.sections.map(\.title) + SearchIndex.headings(inHTML: guide.body.html)
    }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(files: [guide.source.path]) }

    public struct Context: TemplateContext {
        public var guide: DocumentContext, sections: [Section]
        public static let fields: [String: @Sendable (Context) -> Any?] = ["guide": { $0.guide }, "sections": { $0.sections }]
    }

    /// `title`, `intro`, `number`, `questions` (`text`, `id`).
    public struct Section: TemplateContext {
        public var title: String, intro: String? = nil, number: Int, questions: [Question]
        public static let fields: [String: @Sendable (Section) -> Any?] = [
            "title": { $0.title }, "intro": { $0.intro }, "number": { $0.number }, "questions": { $0.questions },
        ]
    }

    public struct Question: TemplateContext {
        public var text: String, id: String
        public static let fields: [String: @Sendable (Question) -> Any?] = ["text": { $0.text }, "id": { $0.id }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        let g = guide
        return Context(
            guide: DocumentContext(title: g.title, summary: g.summary, body: g.body.html),
            sections: g.sections.enumerated().map { i, s in
                Section(title: s.title, intro: s.intro, number: i + 1,
                        questions: s.questions.enumerated().map { j, q in Question(text: q, id: "q\(i + 1)-\(j + 1)") })
            })
    }
}
