import EngageModel

/// `changes/`: the latest commits that changed `content/`, newest first, each with its date, its
/// subject and links to the pages made from the files it changed. Only in a git work tree
/// (`Site.history`); otherwise there is no page, no footer link and no sitemap entry.
public struct ChangesPage: SitePage {
    public static let template = "changes"
    public static let section = PageSection.none
    public static let route = Route.changes
    /// How many commits the page lists.
    public static let limit = 100
    public let address = ChangesPage.route
    public let title = "Recent changes"
    public var summary: String? { "The latest changes to the site's content, newest first." }

    public static func pages(in data: SiteData) -> [ChangesPage] {
        data.site.history == nil ? [] : [ChangesPage()]
    }

    public func breadcrumbs(_ data: SiteData) -> [(label: String, route: String)] { [Crumbs.home] }
    /// Git's history (its fingerprint) and the titles of every page it may link to.
    public func inputs(_ data: SiteData) -> PageInputs { PageInputs(folders: Set(ContentFolder.allCases), sitewide: [GitFingerprints.log]) }

    public struct Context: TemplateContext {
        public var commits: [Entry]
        public var total: Int
        public static let fields: [String: @Sendable (Context) -> Any?] = [
            "commits": { $0.commits }, "total": { $0.total },
            "truncated": { $0.total > $0.commits.count }, "limit": { _ in ChangesPage.limit },
        ]
    }

    /// One commit: `date`, `datetime`, `subject`, `pages` (`title`, `href`),
    /// `files` (changed files no page shows, such as site.yml) and `removed` (deleted files).
    public struct Entry: TemplateContext, Equatable {
        public var date: String, datetime: String, subject: String
        public var pages: [TitledLink], files: [String], removed: [String]
        public static let fields: [String: @Sendable (Entry) -> Any?] = [
            "date": { $0.date }, "datetime": { $0.datetime }, "subject": { $0.subject },
            "pages": { $0.pages }, "files": { $0.files }, "removed": { $0.removed },
            "has_pages": { !$0.pages.isEmpty }, "has_files": { !$0.files.isEmpty }, "has_removed": { !$0.removed.isEmpty },
        ]
    }

    /// Source file → the page that presents it (the first in catalog order: a pathway's file
    /// leads to the pathway page, not to its levels; the KPI files to the KPI index).
    static func pageOfFile(_ data: SiteData) -> [String: (title: String, address: String)] {
        var map: [String: (title: String, address: String)] = [:]
        for page in SiteCatalog.pages(in: data) {
            for file in page.sourceFiles(data) where map[file] == nil { map[file] = (page.title, page.address) }
        }
        return map
    }

    public func context(_ data: SiteData, _ link: Linker) -> Context {
        guard let history = data.site.history else { return Context(commits: [], total: 0) }
        let pages = Self.pageOfFile(data)
        let entries = history.commits.prefix(Self.limit).map { commit -> Entry in
            var links: [TitledLink] = [], files: [String] = [], removed: [String] = []
            var seen: Set<String> = []
            for change in commit.changes {
                if change.kind == .deleted { removed.append(change.path); continue }
                if let page = pages[change.path] {
                    if seen.insert(page.address).inserted { links.append(TitledLink(title: page.title, href: link.href(page.address))) }
                } else {
                    files.append(change.path)
                }
            }
            return Entry(date: HistoryDate.text(commit.day), datetime: commit.day, subject: commit.subject,
                         pages: links, files: files, removed: removed)
        }
        return Context(commits: Array(entries), total: history.commits.count)
    }
}
