/// Heading permalinks in Markdown bodies (issue 12): the "#" link each heading ends with, and
/// the ids a page's template already uses, which a body heading must not take.
enum HeadingIDs {
    /// Every literal `id="…"` in the default theme's templates (a test keeps this list equal to
    /// them), and the ids other generated markup on a page uses.
    static let reserved: Set<String> = [
        "actions-list", "actions-list-title", "all-guides", "all-guides-title", "all-pages",
        "all-pages-title", "behaviours", "behaviours-title", "by-cost", "by-cost-title", "by-department",
        "by-department-title", "by-roi", "by-roi-title", "compare-levels", "compare-levels-title",
        "compare-with", "compare-with-title", "comparison", "comparison-caption", "comparison-title",
        "dept-kpis", "dept-kpis-title", "dept-survey", "dept-survey-title", "dept-teams", "dept-teams-title",
        "differs", "differs-title", "enrolled", "enrolled-title", "expectations", "expectations-title",
        "facts", "facts-title", "figures", "figures-title", "heatmap", "heatmap-change",
        "heatmap-change-title", "heatmap-title", "home-guides", "home-guides-title", "home-kpis",
        "home-kpis-title", "home-pathways", "home-pathways-title", "home-programs", "home-programs-title",
        "home-survey", "home-survey-title", "home-teams", "home-teams-title", "home-values",
        "home-values-title", "impact", "impact-title", "kpi-children", "kpi-children-title", "kpi-links",
        "kpi-links-title", "kpis", "kpis-title", "leans-on", "leans-on-title", "level-moves",
        "level-moves-title", "levels", "levels-title", "main", "matrix", "matrix-title", "moves-in",
        "moves-in-title", "moves-out", "moves-out-title", "next-levels", "next-levels-title", "org-trend",
        "org-trend-title", "pairs", "pairs-title", "pathway-history", "pathway-history-title",
        "pathway-teams", "pathway-teams-title", "questions", "questions-title", "roi", "roi-title", "same",
        "same-title", "search-page-q", "search-page-status", "site-search-q", "site-search-status",
        "strengths", "strengths-title", "team-kpis", "team-kpis-title", "team-pathways",
        "team-pathways-title", "team-programs", "team-programs-title", "team-ranking", "team-ranking-title",
        "team-survey", "team-survey-title", "team-trends", "team-trends-title", "value-pathways",
        "value-pathways-title", "weaknesses", "weaknesses-title", "what-changed", "what-changed-title",
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
