import EngageModel

/// An action shown beside the figure it addresses (`action-note.mustache`): in a survey
/// heat-map cell, a factor row, a question row or a KPI card. `title`, `href` (the action's
/// page), `status_key`, `detail` (status and due date in words, and the group where the row's
/// figure is not the group's own: "Billing Enquiries · In progress, due 2026-05-31, overdue"),
/// `overdue` (true or false). Every key is always present, so a lookup never reaches an
/// enclosing context.
public struct ActionNote: TemplateContext {
    public var title: String, href: String, status_key: String, detail: String, overdue: Bool
    public static let fields: [String: @Sendable (ActionNote) -> Any?] = [
        "title": { $0.title }, "href": { $0.href }, "status_key": { $0.status_key },
        "detail": { $0.detail }, "overdue": { $0.overdue },
    ]
}

/// Which actions sit beside which figure. An action is shown beside a figure of its own group
/// only (a team's action beside the team's factor row, not the department's), except on a
/// survey page's organisation-wide question rows, where every group's action on that question
/// is shown with its group named. A note holds no figure, so it never reveals a suppressed one.
enum ActionNotes {
    static func note(_ a: Action, _ data: SiteData, _ link: Linker, naming group: Bool = false) -> ActionNote {
        let overdue = data.reports.actions.isOverdue(a)
        var words = a.status.label
        if let due = a.due { words += ", due \(due)" }
        if overdue { words += ", overdue" }
        if group { words = ActionText.group(a.group, data.site, link).name + " · " + words }
        return ActionNote(title: a.title, href: link.href(Route.action(a.slug)), status_key: a.status.rawValue,
                          detail: words, overdue: overdue)
    }

    /// The actions of `group` addressing `target`, in the site's order (title, then slug).
    static func notes(_ group: GroupID, _ target: Action.Target, _ data: SiteData, _ link: Linker) -> [ActionNote] {
        data.site.actions.filter { $0.group == group && $0.addresses.contains(target) }.map { note($0, data, link) }
    }

    /// Every group's actions addressing a question, each naming its group unless it is `own`.
    static func notes(anyGroupAddressing question: String, own: GroupID, _ data: SiteData, _ link: Linker) -> [ActionNote] {
        data.site.actions.filter { $0.addresses.contains(.question(question)) }
            .map { note($0, data, link, naming: $0.group != own) }
    }
}
