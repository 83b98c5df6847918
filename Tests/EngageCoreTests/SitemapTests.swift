import Foundation
import Testing
@testable import EngageCore
@testable import EngageRender

/// Issue 12: `sitemap.xml` has absolute `<loc>`s when `base_url` is absolute; with a path it keeps
/// paths and says so in a comment (docs/content-model.md, "sitemap.xml").
@Suite struct SitemapTests {
    static func site(_ baseURL: String?) -> String {
        """
        -- content/site.yml --
        title: T
        \(baseURL.map { "base_url: \($0)" } ?? "")
        -- content/values/care.md --
        ---
        title: Care
        ---
        -- content/pages/about.md --
        ---
        title: About & us
        ---

        """
    }

    static let locs = [
        "", "pages/", "pages/about/", "pathways/", "programs/", "search/", "teams/", "values/", "values/care/",
    ]

    static func expected(_ prefix: String, note: Bool) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + (note ? "<!-- base_url in site.yml is a path, so these addresses are paths; set base_url to an absolute URL (https://…) for a sitemap search engines accept -->\n" : "")
            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            + locs.map { "  <url><loc>\(prefix)\($0)</loc></url>\n" }.joined()
            + "</urlset>\n"
    }

    @Test(arguments: ["https://intranet.example/people/", "https://intranet.example/people", "http://hub.example/"])
    func absoluteBaseURLGivesAbsoluteLocs(base: String) {
        let rendered = InlineSite(Self.site(base)).render()
        let prefix = base.hasSuffix("/") ? base : base + "/"
        #expect(rendered.page("sitemap.xml") == Self.expected(prefix, note: false))
    }

    @Test(arguments: [nil, "/people/"])
    func pathBaseURLKeepsPathsAndSaysWhy(base: String?) {
        let rendered = InlineSite(Self.site(base)).render()
        #expect(rendered.page("sitemap.xml") == Self.expected(base ?? "/", note: true))
    }

    /// Addresses are escaped for XML only where they need it (the check that skips the others).
    @Test func addressesAreEscapedForXML() {
        #expect(Sitemap.escape("teams/a-b/") == "teams/a-b/")
        #expect(Sitemap.escape("https://h.example/?a=1&b=<2>\"") == "https://h.example/?a=1&amp;b=&lt;2&gt;&quot;")
        let xml = Sitemap.xml(["x/"], baseURL: "https://h.example/p&q/")
        #expect(xml.contains("<loc>https://h.example/p&amp;q/x/</loc>"))
    }
}
