/// Replacing one item's rendered body, for `engage serve`'s body-only rebuild
/// (EngageCore/ResidentSite.swift): when only the Markdown below a file's front matter changed,
/// the site is the same site with that item's `Body` swapped. Bodies feed no computation (no
/// order, index, roll-up or report reads them), so nothing else in `Site` has to change.
extension Site {
    /// The site with the body of the item loaded from `path` (`content/pages/x.md`) replaced;
    /// nil when no item of the site comes from that file.
    public func replacingBody(ofSource path: String, with body: Body) -> Site? {
        var site = self
        func swap<T>(_ items: inout [T], _ source: KeyPath<T, SourceRef>, _ bodyPath: WritableKeyPath<T, Body>) -> Bool {
            guard let i = items.firstIndex(where: { $0[keyPath: source].path == path }) else { return false }
            items[i][keyPath: bodyPath] = body
            return true
        }
        if swap(&site.values, \.source, \.body) || swap(&site.pathways, \.source, \.body) || swap(&site.teams, \.source, \.body)
            || swap(&site.programs, \.source, \.body) || swap(&site.guides, \.source, \.body) || swap(&site.pages, \.source, \.body)
            || swap(&site.actions, \.source, \.body) {
            return site
        }
        return nil
    }
}
