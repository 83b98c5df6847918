import EngageModel

/// `404.html`: shown by a server at any address, so its links are rooted at `base_url`.
public struct NotFoundPage: SitePage {
    public static let template = "404"
    public static let section = PageSection.none
    public static let address = "404.html"
    public var address: String { Self.address }
    public let title = "Page not found"
    public let summary: String? = nil
    public var listed: Bool { false }

    public static func pages(in data: SiteData) -> [NotFoundPage] { [NotFoundPage()] }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [] }
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs() }

    /// Only the common keys (`home_href` among them).
    public typealias Context = EmptyContext

    public func context(_ data: SiteData, _ link: Linker) -> EmptyContext { EmptyContext() }
}
