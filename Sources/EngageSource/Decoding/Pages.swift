import Foundation
import Yams
import EngageModel

/// `content/pages/<slug>.md` → `FreePage` (a free page).
extension SiteLoader {
    static let pageFields = ["title", "summary", "draft"]

    static func decodePage(_ map: MapReader, _ slug: String, _ source: SourceRef) -> FreePage? {
        let what = "page '\(slug)'"
        map.checkKeys(pageFields, what: what)
        guard let title = map.string("title", required: true, what: what) else { return nil }
        return FreePage(slug: slug, title: title, summary: map.string("summary", what: what), body: .empty, source: source)
    }
}
