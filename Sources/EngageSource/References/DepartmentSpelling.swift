import EngageModel

/// Two spellings of a department that make the same page address ("Patient Access" and
/// "Patient access" → departments/patient-access/) are reported where the less used spelling is
/// written, suggesting the most used one (ties: the one in the first file by path).
public enum DepartmentSpelling {
    public static func check(_ references: [Reference], into diagnostics: inout Diagnostics) {
        let named = references.filter { $0.kind == .department && !Slug.department($0.name).isEmpty }
        let bySlug = Dictionary(grouping: named) { Slug.department($0.name) }
        for (slug, refs) in bySlug {
            let spellings = Dictionary(grouping: refs, by: \.name)
            guard spellings.count > 1 else { continue }
            let ranked = spellings.sorted { a, b in
                if a.value.count != b.value.count { return a.value.count > b.value.count }
                return (a.value.map(\.path).min() ?? "", a.key) < (b.value.map(\.path).min() ?? "", b.key)
            }
            let (main, uses) = (ranked[0].key, ranked[0].value)
            let first = uses.map(\.path).min() ?? ""
            let others = uses.count == 1 ? "in \(first)" : "in \(uses.count) teams (first in \(first))"
            for (name, refs) in ranked.dropFirst() {
                for ref in refs {
                    diagnostics.error(ref.path, ref.position, "department '\(name)' is written '\(main)' \(others); both would make the page departments/\(slug)/\(Suggest.didYouMean(main))")
                }
            }
        }
    }
}
