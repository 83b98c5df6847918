import Foundation
import Yams
import EngageModel

/// Helpers every decoder uses. Every problem becomes a diagnostic on the reader.
extension SiteLoader {
    /// Reads a list of names and records each as a reference to check once everything is loaded.
    static func references(_ map: MapReader, _ key: String, _ kind: Reference.Kind, what: String) -> [String] {
        map.stringListWithNodes(key).map { name, node in
            map.reader.refer(kind, name, at: node, what: what)
            return name
        }
    }

    /// Ids inside a pathway must be usable in URLs.
    static func checkID(_ id: String, _ node: Node?, _ reader: YAMLReader, what: String) -> Bool {
        if Slug.isValid(id) { return true }
        let better = Slug.suggestion(for: id)
        reader.error(node, "invalid \(what) '\(id)': use lowercase letters, digits and '-'\(better.isEmpty ? "" : Suggest.didYouMean(better))")
        return false
    }
}

extension YAMLReader {
    /// A number as a person writes it (no trailing ".0").
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
