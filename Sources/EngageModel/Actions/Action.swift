/// Version 2: what a team or leader decided to do after a survey or a KPI review
/// (`content/actions/<slug>.md`).
public struct Action: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case planned
        case inProgress = "in-progress"
        case done, dropped

        /// Words shown on pages ("In progress").
        public var label: String {
            switch self {
            case .planned: return "Planned"
            case .inProgress: return "In progress"
            case .done: return "Done"
            case .dropped: return "Dropped"
            }
        }
    }

    /// One figure an action addresses.
    public enum Target: Sendable, Hashable {
        case factor(String), question(String), kpi(String)

        public var kind: String {
            switch self {
            case .factor: return "factor"
            case .question: return "question"
            case .kpi: return "kpi"
            }
        }
        public var name: String {
            switch self {
            case .factor(let n), .question(let n), .kpi(let n): return n
            }
        }
        /// As `data/actions.csv` writes it: `factor:Wellbeing`, `question:workload`, `kpi:absenteeism`.
        public var code: String { "\(kind):\(name)" }
    }

    public var slug: String
    public var title: String
    public var summary: String?
    public var group: GroupID
    public var addresses: [Target]
    /// The survey period that prompted it, as written.
    public var survey: String?
    public var owner: String?
    public var status: Status
    /// YYYY-MM-DD.
    public var opened: String
    public var due: String?
    public var body: Body
    public var source: SourceRef
    /// Where fields were written ("group", "survey", "factor:Wellbeing", …), for the checks that
    /// need the whole site (EngageSource's `checkActions`).
    public var positions: [String: Position]

    package init(slug: String, title: String, summary: String? = nil, group: GroupID, addresses: [Target],
                 survey: String? = nil, owner: String? = nil, status: Status = .planned, opened: String,
                 due: String? = nil, body: Body = .empty, source: SourceRef, positions: [String: Position] = [:]) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.group = group
        self.addresses = addresses
        self.survey = survey
        self.owner = owner
        self.status = status
        self.opened = opened
        self.due = due
        self.body = body
        self.source = source
        self.positions = positions
    }
}

extension Site {
    /// The site with its actions, sorted by title then slug.
    public func with(actions: [Action]) -> Site {
        var site = self
        site.actions = actions.sorted { ($0.title, $0.slug) < ($1.title, $1.slug) }
        return site
    }
}
