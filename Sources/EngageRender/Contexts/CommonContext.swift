import EngageModel
import Mustache

/// The keys every page template sees (docs/templates.md, "Every page").
public struct CommonContext: TemplateContext {
    public var site: SiteInfo
    public var title: String
    public var description: String? = nil
    public var is_home: Bool
    public var home_href: String
    public var css_href: String
    public var favicon_href: String
    public var lang: String
    public var breadcrumbs: [LabeledLink]
    public var edit_href: String? = nil
    /// When the page's source files last changed (git; HistoryContexts.swift).
    public var last_changed: LastChangedContext? = nil
    /// The header's navigation and the footer's links, also given to the page.
    public var nav: [NavItem]
    public var footer_links: [LabeledLink]
    /// The rendered header and footer (`{{{header_html}}}`, `{{{footer_html}}}`).
    public var header_html: String
    public var footer_html: String

    public static let fields: [String: @Sendable (CommonContext) -> Any?] = [
        "site": { $0.site }, "title": { $0.title }, "description": { $0.description }, "is_home": { $0.is_home },
        "home_href": { $0.home_href }, "css_href": { $0.css_href }, "favicon_href": { $0.favicon_href },
        "lang": { $0.lang }, "breadcrumbs": { $0.breadcrumbs }, "has_breadcrumbs": { !$0.breadcrumbs.isEmpty },
        "edit_href": { $0.edit_href }, "last_changed": { $0.last_changed }, "nav": { $0.nav }, "footer_links": { $0.footer_links },
        "header_html": { $0.header_html }, "footer_html": { $0.footer_html },
    ]
}

/// What a page template renders: the page's own keys first, then the common ones.
final class PageContext<Own: TemplateContext>: MustacheParent {
    let own: Own
    let common: CommonContext
    init(own: Own, common: CommonContext) {
        self.own = own
        self.common = common
    }
    func child(named name: String) -> Any? {
        own.child(named: name) ?? common.child(named: name)
    }
}
