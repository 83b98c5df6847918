import Foundation

/// Settings from `content/site.yml`.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var organization: String?
    /// Always ends with "/"; a path ("/people/") or an absolute URL ("https://intranet/people/").
    public var baseURL: String
    public var currency: String
    public var anonymityThreshold: Int
    public var replacementCost: Double?
    public var turnoverKPI: String?
    public var unsafeHTML: Bool
    public var editURL: String?
    /// A file of `static/` shown in the header, relative to the static root ("img/logo.svg").
    public var logo: String? = nil
    /// A file of `static/` used as the browser icon, relative to the static root.
    public var favicon: String? = nil
    /// Version 2: `as_of` (YYYY-MM-DD), the date actions are judged overdue against.
    public var asOf: String? = nil

    public init(title: String, organization: String? = nil, baseURL: String = "/", currency: String = "USD",
                anonymityThreshold: Int = 5, replacementCost: Double? = nil, turnoverKPI: String? = nil,
                unsafeHTML: Bool = false, editURL: String? = nil) {
        self.title = title
        self.organization = organization
        self.baseURL = baseURL
        self.currency = currency
        self.anonymityThreshold = anonymityThreshold
        self.replacementCost = replacementCost
        self.turnoverKPI = turnoverKPI
        self.unsafeHTML = unsafeHTML
        self.editURL = editURL
    }
}

/// A file of `static/`, copied into the output as it is. `path` is relative to the static root
/// ("img/logo.svg" → `/img/logo.svg`).
public struct StaticFile: Sendable, Equatable {
    public var path: String
    public var data: Data
    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// Markdown body rendered to HTML, with its plain text for search.
///
/// Held in memory, or, for `engage build`, in a `BodyStore` (a file: EngageSource's `BodyFile`)
/// and read when a page asks for it: a site's bodies were most of a build's memory
/// (docs/performance.md, "Round 6"). Either way `html` and `text` give the same strings.
public struct Body: Sendable, Equatable {
    enum Storage: Sendable {
        case inline(html: String, text: String)
        case filed(any BodyStore, html: Range<Int>, text: Range<Int>)
    }
    let storage: Storage

    public static let empty = Body(html: "", text: "")
    public init(html: String, text: String) { storage = .inline(html: html, text: text) }
    /// A body whose HTML and text are the UTF-8 bytes at these places of `store`.
    package init(store: any BodyStore, html: Range<Int>, text: Range<Int>) { storage = .filed(store, html: html, text: text) }

    public var html: String {
        switch storage {
        case .inline(let html, _): html
        case .filed(let file, let range, _): file.string(range)
        }
    }

    public var text: String {
        switch storage {
        case .inline(_, let text): text
        case .filed(let file, _, let range): file.string(range)
        }
    }

    /// Whether the body is held in a file rather than in memory.
    package var isFiled: Bool { if case .filed = storage { true } else { false } }

    public static func == (a: Body, b: Body) -> Bool { a.html == b.html && a.text == b.text }
}

/// Where bodies are kept outside memory; `string` gives the UTF-8 text at a range of it. The
/// store answers for reads that fail (EngageSource's `BodyFile` counts them and the build stops).
public protocol BodyStore: AnyObject, Sendable {
    func string(_ range: Range<Int>) -> String
}

/// Where a page came from, for "Edit this page" links and diagnostics.
public struct SourceRef: Sendable, Equatable {
    /// Relative to the source folder, e.g. `content/values/integrity.md`.
    public var path: String
    public init(path: String) { self.path = path }
}

public struct Value: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var summary: String?
    public var order: Int?
    public var behaviours: [String]
    public var body: Body
    public var source: SourceRef

    package init(slug: String, title: String, summary: String? = nil, order: Int? = nil, behaviours: [String], body: Body, source: SourceRef) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.order = order
        self.behaviours = behaviours
        self.body = body
        self.source = source
    }
}

public struct Level: Sendable, Equatable {
    public var id: String
    public var title: String
    public var summary: String?
    /// A grade label ("L4") shown instead of the level's position.
    public var grade: String?
    /// The track (column group) of the level, if any.
    public var track: String?
    /// The levels this one grows from, resolved (the default is filled in when the file is read):
    /// the first is inherited from; empty for a level that grows from nothing.
    public var after: [String]

    package init(id: String, title: String, summary: String? = nil, grade: String? = nil, track: String? = nil, after: [String] = []) {
        self.id = id
        self.title = title
        self.summary = summary
        self.grade = grade
        self.track = track
        self.after = after
    }
}

/// One thing a level expects of a competency: plain text (line breaks kept), an optional
/// proficiency word of the competency's scale, and examples of it.
public struct Criterion: Sendable, Equatable {
    public var text: String
    public var proficiency: String?
    public var examples: [String]

    package init(_ text: String, proficiency: String? = nil, examples: [String] = []) {
        self.text = text
        self.proficiency = proficiency
        self.examples = examples
    }

    /// What "changed" compares: the text and the proficiency, never the examples.
    public var essence: [String?] { [text, proficiency] }
}

/// A theme of competencies with its summary.
public struct CompetencyTheme: Sendable, Equatable {
    public var name: String
    public var summary: String?

    package init(name: String, summary: String? = nil) {
        self.name = name
        self.summary = summary
    }
}

public struct Competency: Sendable, Equatable {
    public var id: String
    public var name: String
    public var theme: String?
    public var description: String?
    /// Its own proficiency words, replacing the pathway's.
    public var scale: [String]?
    /// Level id → the criteria written for that level (no inheritance); never an empty list.
    public var expectations: [String: [Criterion]]

    package init(id: String, name: String, theme: String? = nil, description: String? = nil, scale: [String]? = nil,
                 expectations: [String: [Criterion]]) {
        self.id = id
        self.name = name
        self.theme = theme
        self.description = description
        self.scale = scale
        self.expectations = expectations
    }
}

public struct Move: Sendable, Equatable {
    public var to: String
    public var fromLevel: String?
    public var toLevel: String?
    public var note: String?

    package init(to: String, fromLevel: String? = nil, toLevel: String? = nil, note: String? = nil) {
        self.to = to
        self.fromLevel = fromLevel
        self.toLevel = toLevel
        self.note = note
    }
}

public struct Pathway: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var family: String?
    public var summary: String?
    public var values: [String]
    public var levels: [Level]
    public var competencies: [Competency]
    public var moves: [Move]
    /// Proficiency words, in order.
    public var scale: [String]
    public var themes: [CompetencyTheme]
    /// Each level's criteria add to those of the level it grows from.
    public var cumulative: Bool
    public var body: Body
    public var source: SourceRef

    package init(slug: String, title: String, family: String? = nil, summary: String? = nil, values: [String], levels: [Level],
                 competencies: [Competency], moves: [Move], scale: [String] = [], themes: [CompetencyTheme] = [],
                 cumulative: Bool = false, body: Body, source: SourceRef) {
        self.scale = scale
        self.themes = themes
        self.cumulative = cumulative
        self.slug = slug
        self.title = title
        self.family = family
        self.summary = summary
        self.values = values
        self.levels = levels
        self.competencies = competencies
        self.moves = moves
        self.body = body
        self.source = source
    }
}

public struct Team: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var summary: String?
    public var lead: String?
    public var department: String?
    public var region: String?
    public var headcount: Int?
    public var pathways: [String]
    public var programs: [String]
    public var body: Body
    public var source: SourceRef

    package init(slug: String, name: String, summary: String? = nil, lead: String? = nil, department: String? = nil, region: String? = nil, headcount: Int? = nil, pathways: [String], programs: [String], body: Body, source: SourceRef) {
        self.slug = slug
        self.name = name
        self.summary = summary
        self.lead = lead
        self.department = department
        self.region = region
        self.headcount = headcount
        self.pathways = pathways
        self.programs = programs
        self.body = body
        self.source = source
    }

    /// Slug of the department page, if the team has a department.
    public var departmentSlug: String? { department.map(Slug.department) }
}

public struct Department: Sendable, Equatable {
    public var slug: String
    public var name: String
    /// Team slugs, sorted by team name.
    public var teams: [String]
}

public struct Program: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var summary: String?
    public var kind: String?
    public var frequency: String?
    public var costPerEmployee: Double?
    /// YYYY-MM-DD as written.
    public var started: String?
    public var strengths: [String]
    public var weaknesses: [String]
    public var kpis: [String]
    public var body: Body
    public var source: SourceRef

    package init(slug: String, title: String, summary: String? = nil, kind: String? = nil, frequency: String? = nil, costPerEmployee: Double? = nil, started: String? = nil, strengths: [String], weaknesses: [String], kpis: [String], body: Body, source: SourceRef) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.kind = kind
        self.frequency = frequency
        self.costPerEmployee = costPerEmployee
        self.started = started
        self.strengths = strengths
        self.weaknesses = weaknesses
        self.kpis = kpis
        self.body = body
        self.source = source
    }
}

public struct GuideSection: Sendable, Equatable {
    public var title: String
    public var intro: String?
    public var questions: [String]

    package init(title: String, intro: String? = nil, questions: [String]) {
        self.title = title
        self.intro = intro
        self.questions = questions
    }
}

public struct Guide: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var summary: String?
    public var sections: [GuideSection]
    public var body: Body
    public var source: SourceRef

    package init(slug: String, title: String, summary: String? = nil, sections: [GuideSection], body: Body, source: SourceRef) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.sections = sections
        self.body = body
        self.source = source
    }
}

public struct FreePage: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var summary: String?
    public var body: Body
    public var source: SourceRef

    package init(slug: String, title: String, summary: String? = nil, body: Body, source: SourceRef) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.body = body
        self.source = source
    }
}

/// The whole site, typed and immutable once loaded.
public struct Site: Sendable {
    public var config: SiteConfig
    public var values: [Value]
    public var pathways: [Pathway]
    public var teams: [Team]
    public var programs: [Program]
    public var guides: [Guide]
    public var pages: [FreePage]
    /// KPI definitions in catalog order.
    public var kpis: [KPI]
    /// KPI values per period, oldest first.
    public var kpiPeriods: [KPIPeriod]
    /// Surveys, oldest first.
    public var surveys: [Survey]
    /// The files of `static/`, sorted by path.
    public var staticFiles: [StaticFile] = []
    /// Version 2: action plans (`content/actions/`), sorted by title then slug.
    public var actions: [Action] = []
    /// Version 2: what git says about `content/` (ContentHistory.swift); nil outside a git work tree.
    public var history: ContentHistory? = nil

    public init(config: SiteConfig, values: [Value] = [], pathways: [Pathway] = [], teams: [Team] = [],
                programs: [Program] = [], guides: [Guide] = [], pages: [FreePage] = [],
                kpis: [KPI] = [], kpiPeriods: [KPIPeriod] = [], surveys: [Survey] = []) {
        self.config = config
        self.kpis = kpis
        self.kpiPeriods = kpiPeriods.sorted { $0.period < $1.period }
        self.surveys = surveys.sorted { $0.period < $1.period }
        self.values = values.sorted { ($0.order ?? Int.max, $0.title, $0.slug) < ($1.order ?? Int.max, $1.title, $1.slug) }
        self.pathways = pathways.sorted { ($0.title, $0.slug) < ($1.title, $1.slug) }
        self.teams = teams.sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }
        self.programs = programs.sorted { ($0.title, $0.slug) < ($1.title, $1.slug) }
        self.guides = guides.sorted { ($0.title, $0.slug) < ($1.title, $1.slug) }
        self.pages = pages.sorted { ($0.title, $0.slug) < ($1.title, $1.slug) }
        var byDepartment: [String: Department] = [:]
        for team in self.teams {
            guard let name = team.department, let slug = team.departmentSlug else { continue }
            byDepartment[slug, default: Department(slug: slug, name: name, teams: [])].teams.append(team.slug)
        }
        self.departments = byDepartment.values.sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }
        func index<T>(_ items: [T], _ key: (T) -> String) -> [String: Int] {
            Dictionary(items.enumerated().map { (key($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
        }
        valueIndex = index(self.values, \.slug)
        pathwayIndex = index(self.pathways, \.slug)
        teamIndex = index(self.teams, \.slug)
        programIndex = index(self.programs, \.slug)
        departmentIndex = index(self.departments, \.slug)
        guideIndex = index(self.guides, \.slug)
        pageIndex = index(self.pages, \.slug)
        kpiIndex = index(self.kpis, \.id)
    }

    /// This site with these collections in place of its own, sorted and indexed as `init` does
    /// them; every other field (KPIs, surveys, static files, actions, history) kept as it is.
    public func replacing(values: [Value], pathways: [Pathway], teams: [Team], programs: [Program],
                          guides: [Guide], pages: [FreePage]) -> Site {
        var next = Site(config: config, values: values, pathways: pathways, teams: teams, programs: programs,
                        guides: guides, pages: pages, kpis: kpis, kpiPeriods: kpiPeriods, surveys: surveys)
        next.staticFiles = staticFiles
        next.actions = actions
        next.history = history
        return next
    }

    public private(set) var departments: [Department]
    private var valueIndex: [String: Int] = [:]
    private var pathwayIndex: [String: Int] = [:]
    private var teamIndex: [String: Int] = [:]
    private var programIndex: [String: Int] = [:]
    private var departmentIndex: [String: Int] = [:]
    private var guideIndex: [String: Int] = [:]
    private var pageIndex: [String: Int] = [:]
    private var kpiIndex: [String: Int] = [:]

    public func value(_ slug: String) -> Value? { valueIndex[slug].map { values[$0] } }
    public func pathway(_ slug: String) -> Pathway? { pathwayIndex[slug].map { pathways[$0] } }
    public func team(_ slug: String) -> Team? { teamIndex[slug].map { teams[$0] } }
    public func program(_ slug: String) -> Program? { programIndex[slug].map { programs[$0] } }
    public func department(_ slug: String) -> Department? { departmentIndex[slug].map { departments[$0] } }
    public func kpi(_ id: String) -> KPI? { kpiIndex[id].map { kpis[$0] } }
    public func guide(_ slug: String) -> Guide? { guideIndex[slug].map { guides[$0] } }
    public func page(_ slug: String) -> FreePage? { pageIndex[slug].map { pages[$0] } }
}

public enum Slug {
    /// `[a-z0-9][a-z0-9-]*`
    public static func isValid(_ slug: String) -> Bool {
        guard let first = slug.unicodeScalars.first, isLowerAlnum(first) else { return false }
        return slug.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "-" }
    }

    /// What a bad slug would have to be renamed to, for the suggestion.
    /// Letters with accents keep their base letter ("équipe" → "equipe"), never disappear.
    public static func suggestion(for name: String) -> String {
        var plain = ""
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let folded = foldedLetters[scalar] { plain += folded } else { plain.unicodeScalars.append(scalar) }
        }
        return dashed(plain)
    }

    private static let foldedLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
        "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]

    /// A department's slug: lowercased, runs of other characters folded to one "-", trimmed.
    /// "Patient Access" → "patient-access", "Quality & Training" → "quality-training".
    /// Accents fold to their base letters first (like `suggestion(for:)`): "Équipe Santé" →
    /// "equipe-sante", the same department as "Equipe Sante" (the spelling check then names the odd one).
    public static func department(_ name: String) -> String { suggestion(for: name) }

    /// The `id` of a heading in a Markdown body, from its text ("In practice" → "in-practice"),
    /// so `#anchor` links land. The same folding as `department` today, but its own function:
    /// page addresses and anchors can change separately.
    public static func headingID(_ text: String) -> String { dashed(text) }

    /// Lowercased; ASCII letters and digits kept, every run of anything else one "-"; no "-" at either end.
    private static func dashed(_ name: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in name.lowercased().unicodeScalars {
            if isLowerAlnum(scalar) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    private static func isLowerAlnum(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("0"..."9").contains(s)
    }
}
