import EngageModel

/// The URL policy of a page: hrefs relative to the page (so a site works under any sub-path
/// and from `file://`), except on 404.html, which a server shows at any address, so its links
/// are rooted at `base_url`.
public struct Linker: Sendable {
    public let prefix: String

    public init(route: String, baseURL: String) {
        prefix = route == NotFoundPage.address ? baseURL : Route.prefix(route)
    }

    public func href(_ route: String) -> String { prefix + Route.file(route) }
    public func asset(_ name: String) -> String { prefix + "assets/" + name }
    /// A file of `static/` by its path from the static root.
    public func staticFile(_ path: String) -> String { prefix + Route.percentEncoded(path) }
}
