import EngageModel

extension CSV {
    /// Version 2, `data/actions.csv`: `action,group,addresses,status,opened,due,baseline,latest,change`,
    /// one row per action (by slug) and addressed figure. Numbers are empty where suppressed, missing,
    /// or where the latest figure is the baseline itself (`ActionReport`).
    public static func actions(_ site: Site, _ report: ActionReport) -> String {
        var rows: [[String]] = []
        for action in site.actions.sorted(by: { $0.slug < $1.slug }) {
            for figure in report.figures[action.slug] ?? [] {
                func number(_ p: ActionPoint?) -> String {
                    guard let p, case .value(let v, let text) = p.state else { return "" }
                    return PlainNumber.csv(text: text, value: v)
                }
                rows.append([action.slug, action.group.name, figure.target.code, action.status.rawValue, action.opened,
                             action.due ?? "", number(figure.baseline), number(figure.latest),
                             figure.change.map { Numbers.plain($0) } ?? ""])
            }
        }
        return document(["action", "group", "addresses", "status", "opened", "due", "baseline", "latest", "change"], rows)
    }
}
