import Foundation
import Yams
import EngageModel

/// `content/values/<slug>.md` → `Value`.
extension SiteLoader {
    static let valueFields = ["title", "summary", "order", "behaviours", "draft"]

    static func decodeValue(_ map: MapReader, _ slug: String, _ source: SourceRef) -> Value? {
        let what = "value '\(slug)'"
        map.checkKeys(valueFields, what: what)
        let title = map.string("title", required: true, what: what)
        let value = Value(slug: slug, title: title ?? slug, summary: map.string("summary", what: what),
                          order: map.int("order", what: what), behaviours: map.stringList("behaviours"),
                          body: .empty, source: source)
        return title == nil ? nil : value
    }
}
