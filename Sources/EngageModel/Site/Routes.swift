import Foundation

/// The site's URL scheme: every page is a folder with an `index.html`.
/// Routes are relative to the site root, without a leading slash ("" is home, "values/x/" a value).
public enum Route {
    public static let home = ""
    public static let values = "values/"
    public static let pathways = "pathways/"
    public static let teams = "teams/"
    public static let programs = "programs/"
    public static let kpis = "kpis/"
    public static let surveys = "surveys/"
    public static let guides = "guides/"
    /// Version 2: the index of action plans.
    public static let actions = "actions/"
    /// The index of free pages and guides (an addition to the contract's addresses).
    public static let pages = "pages/"
    /// The search page; the search index's scripts are in the same folder (`search/pages.js`, …).
    public static let search = "search/"
    /// The latest changes to `content/` (only in a git work tree: `ChangesPage`).
    public static let changes = "changes/"

    public static func value(_ slug: String) -> String { "values/\(slug)/" }
    public static func pathway(_ slug: String) -> String { "pathways/\(slug)/" }
    public static func level(_ pathway: String, _ level: String) -> String { "pathways/\(pathway)/\(level)/" }
    /// Two levels of a pathway, `b` growing from `a`.
    public static func levelComparison(_ pathway: String, _ a: String, _ b: String) -> String { "pathways/\(pathway)/compare/\(a)-vs-\(b)/" }
    public static func team(_ slug: String) -> String { "teams/\(slug)/" }
    public static func department(_ slug: String) -> String { "departments/\(slug)/" }
    public static func program(_ slug: String) -> String { "programs/\(slug)/" }
    public static func comparison(_ a: String, _ b: String) -> String {
        let (x, y) = a < b ? (a, b) : (b, a)
        return "programs/compare/\(x)-vs-\(y)/"
    }
    /// A file path made safe for an href: characters outside a URL path percent-encoded.
    public static func percentEncoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? path
    }

    static let pathAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#;")
        return set
    }()

    public static func kpi(_ id: String) -> String { "kpis/\(id)/" }
    public static func survey(_ period: String) -> String { "surveys/\(period)/" }
    public static func guide(_ slug: String) -> String { "guides/\(slug)/" }
    public static func page(_ slug: String) -> String { "pages/\(slug)/" }
    public static func action(_ slug: String) -> String { "actions/\(slug)/" }

    /// The output file of a route.
    public static func file(_ route: String) -> String { route + "index.html" }

    /// A link from the page at `from` to the page at `to`, relative, so the site works under
    /// any sub-path and straight from disk. Links name `index.html` so they also work over `file://`.
    public static func relative(from: String, to: String) -> String {
        prefix(from) + file(to)
    }

    /// "../" once per folder level of `route`.
    public static func prefix(_ route: String) -> String {
        // The folders counted on bytes: every page's links and header start here.
        var levels = 0, inName = false
        for byte in route.utf8 {
            if byte == UInt8(ascii: "/") { inName = false } else if !inName { inName = true; levels += 1 }
        }
        return String(repeating: "../", count: levels)
    }
}
