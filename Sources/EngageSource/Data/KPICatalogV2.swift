import Foundation
import Yams
import EngageModel

/// Version 2 fields of `content/kpis/catalog.yml`: `group`, `target_note`, `links`, `parent`,
/// `decimals`, each checked with a diagnostic at the line it is written on.
extension SiteLoader {
    static let catalogFieldsV2 = ["group", "target_note", "links", "parent", "decimals"]
    static let largestDecimals = 6

    /// Reads the version 2 fields of one catalog entry into `kpi` (parents are checked once the
    /// whole catalog is read: `checkParents`).
    static func decodeCatalogV2(_ k: MapReader, into kpi: inout KPI, what: String) {
        let reader = k.reader
        kpi.group = k.string("group", what: what).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        kpi.targetNote = k.string("target_note", what: what).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        kpi.parent = k.string("parent", what: what)
        if let node = k["decimals"], let d = reader.number(node, what: "'decimals'") {
            if d == d.rounded(), d >= 0, d <= Double(largestDecimals) { kpi.decimals = Int(d) } else {
                reader.error(node, "'decimals' must be a whole number from 0 to \(largestDecimals), found \(YAMLReader.format(d))")
            }
        }
        for (index, node) in k.list("links", what: what).enumerated() {
            let linkWhat = "link \(index + 1) of KPI '\(kpi.id)'"
            guard let l = reader.map(node, what: linkWhat) else { continue }
            l.checkKeys(["label", "url"], what: linkWhat)
            let label = l.string("label", required: true, what: linkWhat)
            let url = l.string("url", required: true, what: linkWhat)
            guard let label, let url else { continue }
            if let problem = linkProblem(url, what: "'url' of \(linkWhat)") {
                reader.error(l["url"], problem)
                continue
            }
            kpi.links.append(KPILink(label: label, url: url))
        }
    }

    /// Why a KPI link's `url` cannot be used, or nil (see `LinkAddress.problem`).
    static func linkProblem(_ url: String, what: String) -> String? {
        LinkAddress.problem(url, what: what, path: "a path of the site starting with '/'")
    }

    /// `parent:` names a KPI of the catalog, not the KPI itself, and parents never go round in a
    /// circle. **Choice:** a cycle is reported at every `parent:` in it, each message starting
    /// from the KPI on that line, so whichever line the user fixes, the others point at it.
    static func checkParents(_ kpis: inout [KPI], nodes: [String: Node], _ reader: YAMLReader) {
        let ids = Set(kpis.map(\.id))
        for i in kpis.indices {
            guard let parent = kpis[i].parent else { continue }
            let id = kpis[i].id
            if parent == id {
                reader.error(nodes[id], "KPI '\(id)' names itself as its parent; remove 'parent' or name the KPI it feeds")
                kpis[i].parent = nil
            } else if !ids.contains(parent) {
                let known = ids.count <= 8 ? "; known: \(ids.sorted().joined(separator: ", "))" : ""
                let hint = Suggest.hint(for: parent, in: ids.subtracting([id]), otherwise: known)
                reader.error(nodes[id], "unknown parent KPI '\(parent)' of '\(id)'\(hint)")
                kpis[i].parent = nil
            }
        }
        let parentOf = Dictionary(kpis.compactMap { k in k.parent.map { (k.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var inCycle = Set<String>()
        for k in kpis where !inCycle.contains(k.id) {
            var path = [k.id], seen: Set<String> = [k.id]
            var current = k.id
            while let next = parentOf[current] {
                if next == k.id {
                    for member in path { inCycle.insert(member) }
                    break
                }
                if seen.contains(next) { break }   // a cycle further up, found from its own members
                seen.insert(next); path.append(next); current = next
            }
        }
        for i in kpis.indices where inCycle.contains(kpis[i].id) {
            var chain = [kpis[i].id], current = kpis[i].id
            while let next = parentOf[current] {
                chain.append(next)
                if next == kpis[i].id { break }
                current = next
            }
            reader.error(nodes[kpis[i].id], "KPI parents go round in a circle: \(chain.joined(separator: " → ")); a KPI cannot feed itself, so remove one of these 'parent' fields")
        }
        for i in kpis.indices where inCycle.contains(kpis[i].id) { kpis[i].parent = nil }
    }
}
