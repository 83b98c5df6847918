import Foundation
import Testing
@testable import EngageModel
@testable import EngageRender

/// The search index (`search-index.json` and the `search/*.js` files `search.js` loads), the
/// per-page entries it is made of, the search box and the search page.
@Suite struct SearchIndexTests {
    static let two = [
        SearchEntry(path: "b/index.html", title: "Team lead", summary: "Leads people.", headings: ["Coaching"], text: "Leads a team."),
        SearchEntry(path: "a/index.html", title: "Coaching guide", text: "Teams talk"),
    ]

    func files(_ entries: [SearchEntry]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: SearchIndex.files(entries, baseURL: "/hub/").map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
    }

    @Test func filesAreShardedByTheFirstTwoLettersOfEachWord() {
        let out = files(Self.two)
        #expect(out.keys.sorted() == ["search-index.json", "search/p-0.js", "search/pages.js", "search/t-co.js", "search/t-gu.js",
                                      "search/t-le.js", "search/t-pe.js", "search/t-ta.js", "search/t-te.js"])
        #expect(out["search/pages.js"] == #"EngageSearch.add("pages", {"chunk":50,"pages":[["a/","Coaching guide"],["b/","Team lead"]],"shards":["co","gu","le","pe","ta","te"]});"# + "\n")
        // Postings: [pages with the word in the title, in a heading, in the summary or text].
        #expect(out["search/t-co.js"] == #"EngageSearch.add("t-co", {"coaching":[[0],[1],[]]});"# + "\n")
        #expect(out["search/t-te.js"] == #"EngageSearch.add("t-te", {"team":[[1],[],[1]],"teams":[[],[],[0]]});"# + "\n")
        #expect(out["search/t-le.js"] == #"EngageSearch.add("t-le", {"lead":[[1],[],[]],"leads":[[],[],[1]]});"# + "\n")
        #expect(out["search/p-0.js"] == #"EngageSearch.add("p-0", [["",[]],["Leads people.",["Coaching"]]]);"# + "\n")
        #expect(out["search-index.json"] == #"[{"headings":[],"section":"a","text":"Teams talk","title":"Coaching guide","url":"/hub/a/"},"#
                + #"{"headings":["Coaching"],"section":"b","summary":"Leads people.","text":"Leads a team.","title":"Team lead","url":"/hub/b/"}]"#)
    }

    @Test func summariesAndHeadingsComeInFilesOfFiftyPages() {
        let entries = (0..<101).map { SearchEntry(path: String(format: "p%03d/index.html", $0), title: "Page \($0)", summary: String(repeating: "x", count: 200)) }
        let out = files(entries)
        #expect(out.keys.filter { $0.hasPrefix("search/p-") }.sorted() == ["search/p-0.js", "search/p-1.js", "search/p-2.js"])
        #expect(out["search/p-2.js"] == #"EngageSearch.add("p-2", [[""# + String(repeating: "x", count: 160) + #"",[]]]);"# + "\n")
        // "page" is in every title; the numbers 0–9 are single characters and left out.
        #expect(out["search/t-pa.js"] == #"EngageSearch.add("t-pa", {"page":[["# + (0..<101).map(String.init).joined(separator: ",") + #"],[],[]]});"# + "\n")
        #expect(out["search/t-10.js"] == #"EngageSearch.add("t-10", {"10":[[10],[],[]],"100":[[100],[],[]]});"# + "\n")
        #expect(out["search/t-xx.js"] == #"EngageSearch.add("t-xx", {""# + String(repeating: "x", count: 200) + #"":[[],[],["# + (0..<101).map(String.init).joined(separator: ",") + "]]});\n")
    }

    @Test func wordsAreFoldedLikeTheScriptFoldsAQuery() {
        #expect(SearchIndex.words("Équipe d'Été, KPI-2026 (Q1)") == ["equipe", "d", "ete", "kpi", "2026", "q1"])
        #expect(SearchIndex.shardKey("x1") == "x1")
        #expect(SearchIndex.shardKey("日本語") == "__")
        #expect(SearchIndex.shardKey("añb") == "a_")
    }

    @Test func headingsOfRenderedMarkdown() {
        #expect(SearchIndex.headings(inHTML: "<h2 id=\"pay\">Pay &amp; <em>benefits</em></h2>\n<p>Text <hr> h</p><h3>Leave</h3><header>x</header>") == ["Pay & benefits", "Leave"])
    }

    static let site = """
        -- content/pages/leave.md --
        ---
        title: Leave policy
        summary: How to book time off.
        ---
        Ask your lead.

        ## Parental leave

        Up to a year.
        -- content/guides/check-in.md --
        ---
        title: Check-in
        sections:
          - title: Wellbeing
            questions: [How are you?]
        ---
        ## Before the meeting

        Book a room.
        -- content/teams/a.md --
        ---
        name: Alpha
        ---
        """

    /// Each page's entry is computed from that page alone: the page → entry function a build can cache.
    @Test func entriesArePerPage() throws {
        let loaded = InlineSite(Self.site).load()
        let data = SiteData(site: try #require(loaded.site))
        let pages = SiteCatalog.pages(in: data)
        let entries = Dictionary(uniqueKeysWithValues: pages.map { ($0.address, (search: SearchEntry($0, data), listed: $0.listed, searchable: $0.searchable)) })
        #expect(entries["pages/leave/"]?.search == SearchEntry(path: "pages/leave/index.html", title: "Leave policy", summary: "How to book time off.",
                                                               headings: ["Parental leave"], text: "Ask your lead. Parental leave Up to a year."))
        #expect(entries["guides/check-in/"]?.search.headings == ["Wellbeing", "Before the meeting"])
        #expect(entries["search/"]?.listed == true && entries["search/"]?.searchable == false)
        #expect(entries["404.html"]?.listed == false)
    }

    @Test func aBuildWritesTheIndexAndTheSearchPage() {
        let site = InlineSite(Self.site).render()
        let pages = site.page("search/pages.js")
        #expect(pages.contains(#"["pages/leave/","Leave policy"]"#))
        #expect(!pages.contains(#""search/""#) && !pages.contains("404.html"))
        #expect(site.page("search/t-pa.js").contains(#""parental":[[],["#))
        #expect(site.page("sitemap.xml").contains("<loc>/search/</loc>"))
        // The box: hidden until search.js shows it, told where the site root is.
        #expect(site.page("teams/a/").contains(#"<form class="site-search" role="search" aria-label="Site" action="../../search/index.html" method="get" data-engage-search="../../" hidden>"#))
        #expect(site.page("teams/a/").contains(#"<script src="../../assets/search.js" defer></script>"#))
        #expect(site.page("").contains(#"data-engage-search="" hidden>"#))
        #expect(site.page("404.html").contains(#"action="/search/index.html" method="get" data-engage-search="/" hidden>"#))
        let search = site.page("search/")
        #expect(search.contains(#"<form class="search-page" role="search" aria-label="Search this site" action="../search/index.html" method="get" data-engage-search="../" hidden>"#))
        #expect(search.contains("<li><a href=\"../teams/index.html\">Teams</a></li>"), "sections listed for readers without JavaScript")
        #expect(site.has("assets/search.js"))
    }

    @Test func aStaticFileAtAnIndexAddressIsAnError() {
        // pages.js is known when the site loads; a shard only once the index is made (at render).
        let loading = InlineSite(Self.site + "\n-- static/search/pages.js --\nx\n-- static/search/mine.js --\nx").render()
        #expect(loading.messages == [
            "static/search/pages.js:1:1: error: 'static/search/pages.js' would be written to '/search/pages.js', where Engage writes a file of its own; rename or move the static file",
        ])
        let rendering = InlineSite(Self.site + "\n-- static/search/t-le.js --\nx\n-- static/search/mine.js --\nx").render()
        #expect(rendering.messages == [
            "static/search/t-le.js:1:1: error: 'static/search/t-le.js' would be written to '/search/t-le.js', where Engage writes a file of its own; rename or move the static file",
        ])
    }
}
