import EngageModel

/// `site.title`, `site.organization`.
public struct SiteInfo: TemplateContext {
    public var title: String
    public var organization: String? = nil
    public static let fields: [String: @Sendable (SiteInfo) -> Any?] = [
        "title": { $0.title }, "organization": { $0.organization },
    ]
    init(_ config: SiteConfig) {
        title = config.title
        organization = config.organization
    }
}

/// One item of the main navigation: `label`, `href`, `current`.
public struct NavItem: TemplateContext {
    public var label: String
    public var href: String
    public var current: Bool
    public static let fields: [String: @Sendable (NavItem) -> Any?] = [
        "label": { $0.label }, "href": { $0.href }, "current": { $0.current },
    ]
}

/// The context of `header.mustache` and `footer.mustache`. They depend only on a page's folder
/// depth and section, so each combination (`SiteChrome.key`) is built and rendered once per build.
public struct ChromeContext: TemplateContext {
    public var site: SiteInfo
    public var home_href: String
    public var nav: [NavItem]
    public var footer_links: [LabeledLink]
    public var logo_href: String? = nil
    /// The header's search box (`search-box.mustache`).
    public var search: SearchBox
    public static let fields: [String: @Sendable (ChromeContext) -> Any?] = [
        "site": { $0.site }, "home_href": { $0.home_href }, "nav": { $0.nav },
        "footer_links": { $0.footer_links }, "logo_href": { $0.logo_href }, "search": { $0.search },
    ]
}

/// The header and footer: navigation and footer links.
public enum SiteChrome {
    /// Free pages and guides linked from every footer before "All pages and guides".
    static let footerLimit = 8

    /// What the header and footer are built from (besides site.yml, which every page reads): the
    /// titles of free pages and guides, and whether there are KPIs and surveys.
    public static let inputs = PageInputs(folders: [.pages, .guides, .kpis, .surveys, .actions])

    /// Pages with the same key share one header and footer.
    static func key(_ link: Linker, _ section: PageSection) -> String {
        link.prefix + "|" + section.rawValue
    }

    static func context(_ site: Site, _ link: Linker, _ section: PageSection) -> ChromeContext {
        func item(_ label: String, _ route: String, _ s: PageSection) -> NavItem {
            NavItem(label: label, href: link.href(route), current: section == s)
        }
        var nav = [
            item("Home", Route.home, .home), item("Values", Route.values, .values), item("Pathways", Route.pathways, .pathways),
            item("Teams", Route.teams, .teams), item("Programs", Route.programs, .programs),
        ]
        if !site.kpis.isEmpty { nav.append(item("KPIs", Route.kpis, .kpis)) }
        if !site.surveys.isEmpty { nav.append(item("Surveys", Route.surveys, .surveys)) }
        if !site.actions.isEmpty { nav.append(item("Actions", Route.actions, .actions)) }
        if let first = site.guides.first {
            nav.append(item(site.guides.count == 1 ? "Check-ins" : "Guides", Route.guide(first.slug), .guides))
        }
        // A handful of links, whatever the size of the site (every page listing every page
        // would make the build quadratic); the rest are on /pages/.
        let footerTotal = site.pages.count + site.guides.count
        var footer = (site.pages.prefix(footerLimit).map { LabeledLink(label: $0.title, href: link.href(Route.page($0.slug))) }
            + site.guides.prefix(footerLimit).map { LabeledLink(label: $0.title, href: link.href(Route.guide($0.slug))) })
        footer = Array(footer.prefix(footerLimit))
        if footerTotal > footerLimit { footer.append(LabeledLink(label: "All pages and guides", href: link.href(Route.pages))) }
        if site.history != nil { footer.append(LabeledLink(label: "Recent changes", href: link.href(ChangesPage.route))) }
        return ChromeContext(site: SiteInfo(site.config), home_href: link.href(Route.home), nav: nav, footer_links: footer,
                             logo_href: site.config.logo.map(link.staticFile), search: SearchBox(link))
    }
}
