/// The anonymity promise: which survey groups may be published.
///
/// Groups form a tree (organisation → departments → teams; a team without a department hangs off
/// the organisation). A group with fewer responses than the threshold is suppressed (primary
/// suppression). Then, for every published group, its responses minus those of the largest
/// published, non-overlapping groups below it (the remainder) must be 0 or at least the
/// threshold, or a suppressed group could be worked out by subtraction; while some remainder
/// fails, the smallest of that group's published groups below is suppressed too
/// (complementary suppression), and the check runs again. A suppressed group whose responses
/// all lie in published groups below it would be their sum, so the smallest of those is
/// suppressed too.
///
/// The same rule runs per question: a node's count is then the number of people in the group who
/// answered that question, the groups already suppressed as a whole start out hidden, and
/// "smallest" means the fewest answers to that question (`SurveyReport` does this).
public enum Anonymity {
    public struct Node: Sendable {
        public var id: GroupID
        /// Responses, or (in a question's tree) answers to that question.
        public var responses: Int
        public var children: [GroupID]
        public init(id: GroupID, responses: Int, children: [GroupID]) {
            self.id = id
            self.responses = responses
            self.children = children
        }
    }

    /// The tree for a survey: responses are summed from the teams.
    public static func tree(teams: [(slug: String, department: String?, responses: Int)]) -> [GroupID: Node] {
        var nodes: [GroupID: Node] = [:]
        var org = Node(id: .organization, responses: 0, children: [])
        var departments: [String: Node] = [:]
        for t in teams.sorted(by: { $0.slug < $1.slug }) {
            let id = GroupID.team(t.slug)
            nodes[id] = Node(id: id, responses: t.responses, children: [])
            org.responses += t.responses
            if let d = t.department {
                departments[d, default: Node(id: .department(d), responses: 0, children: [])].responses += t.responses
                departments[d]?.children.append(id)
            } else {
                org.children.append(id)
            }
        }
        for (slug, node) in departments {
            nodes[.department(slug)] = node
            org.children.append(.department(slug))
        }
        org.children.sort()
        nodes[.organization] = org
        return nodes
    }

    /// The suppressed groups. `alreadyHidden` are suppressed from the start whatever their count
    /// (for a question: the groups suppressed as a whole).
    public static func suppressed(_ nodes: [GroupID: Node], threshold: Int, alreadyHidden: Set<GroupID> = []) -> Set<GroupID> {
        var hidden = Set(nodes.values.filter { $0.responses < threshold }.map(\.id)).union(alreadyHidden.filter { nodes[$0] != nil })
        var changed = true
        while changed {
            changed = false
            for id in nodes.keys.sorted() where !hidden.contains(id) {
                guard let node = nodes[id] else { continue }
                let below = publishedBelow(node, nodes, hidden)
                let remainder = node.responses - below.map { nodes[$0]?.responses ?? 0 }.reduce(0, +)
                if remainder > 0 && remainder < threshold,
                   let smallest = below.min(by: { ((nodes[$0]?.responses ?? 0), $0) < ((nodes[$1]?.responses ?? 0), $1) }) {
                    hidden.insert(smallest)
                    changed = true
                }
            }
            // A suppressed group whose every response lies in published groups below it would be
            // their sum: suppress the smallest of those too.
            for id in hidden.sorted() {
                guard let node = nodes[id], node.responses > 0 else { continue }
                let below = publishedBelow(node, nodes, hidden)
                let remainder = node.responses - below.map { nodes[$0]?.responses ?? 0 }.reduce(0, +)
                if remainder == 0, let smallest = below.min(by: { ((nodes[$0]?.responses ?? 0), $0) < ((nodes[$1]?.responses ?? 0), $1) }) {
                    hidden.insert(smallest)
                    changed = true
                }
            }
        }
        return hidden
    }

    /// The largest published groups below `node` that do not overlap: published children, and
    /// in place of a suppressed child, its own largest published groups.
    public static func publishedBelow(_ node: Node, _ nodes: [GroupID: Node], _ hidden: Set<GroupID>) -> [GroupID] {
        var result: [GroupID] = []
        for child in node.children {
            if !hidden.contains(child) {
                result.append(child)
            } else if let c = nodes[child] {
                result += publishedBelow(c, nodes, hidden)
            }
        }
        return result
    }

    /// Every published group's remainder (for `engage check` and the tests).
    public static func remainders(_ nodes: [GroupID: Node], hidden: Set<GroupID>) -> [GroupID: Int] {
        var out: [GroupID: Int] = [:]
        for (id, node) in nodes where !hidden.contains(id) {
            out[id] = node.responses - publishedBelow(node, nodes, hidden).map { nodes[$0]?.responses ?? 0 }.reduce(0, +)
        }
        return out
    }
}
