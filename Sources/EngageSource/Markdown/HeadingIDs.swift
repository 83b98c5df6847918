/// Heading permalinks in Markdown bodies (issue 12): the "#" link each heading ends with, and
/// the ids a page's template already uses, which a body heading must not take.
enum HeadingIDs {
    /// Every literal `id="…"` in the default theme's templates (a test keeps this list equal to
    /// them), and the ids other generated markup on a page uses.
    static let reserved: Set<String> = [
        "actions-list", "all-guides", "all-pages", "behaviours", "by-cost", "by-department", "by-roi",
        "compare-levels", "compare-with", "comparison", "comparison-caption", "dept-kpis", "dept-survey",
        "dept-teams", "differs", "enrolled", "expectations", "facts", "figures", "heatmap", "heatmap-change",
        "home-guides", "home-kpis", "home-pathways", "home-programs", "home-survey", "home-teams",
        "home-values", "impact", "kpi-children", "kpi-links", "kpis", "leans-on", "level-moves", "levels",
        "main", "matrix", "moves-in", "moves-out", "next-levels", "org-trend", "pairs", "pathway-history", "pathway-teams",
        "questions", "roi", "same", "search-page-q", "search-page-status", "site-search-q", "site-search-status", "strengths", "team-kpis", "team-pathways", "team-programs",
        "team-ranking", "team-survey", "team-trends", "value-pathways", "weaknesses", "what-changed",
    ]

    /// `<a class="heading-link" href="#in-practice" aria-label="Link to section: In practice">#</a>`.
    static func permalink(id: String, text: String) -> String {
        "<a class=\"heading-link\" href=\"#\(id)\" aria-label=\"Link to section: \(escape(text))\">#</a>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
