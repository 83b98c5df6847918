import EngageModel

/// `values/`: every value.
public struct ValuesIndexPage: SitePage {
    public static let template = "values"
    public static let section = PageSection.values
    public let address = Route.values
    public let title = "Our values"
    public let summary: String? = nil

    public static func pages(in data: SiteData) -> [ValuesIndexPage] { [ValuesIndexPage()] }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    public func searchText(_ data: SiteData) -> String { data.site.values.map(\.title).joined(separator: " ") }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(folders: [.values]) }

    public struct Context: TemplateContext {
        public var values: [ValueCard]
        public static let fields: [String: @Sendable (Context) -> Any?] = ["values": { $0.values }]
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        Context(values: data.site.values.map { ValueCard($0, link) })
    }
}
