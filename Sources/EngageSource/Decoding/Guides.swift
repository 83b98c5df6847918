import Foundation
import Yams
import EngageModel

/// `content/guides/<slug>.md` → `Guide`.
extension SiteLoader {
    static let guideFields = ["title", "summary", "sections", "draft"]
    static let sectionFields = ["title", "intro", "questions"]

    static func decodeGuide(_ map: MapReader, _ slug: String, _ source: SourceRef) -> Guide? {
        let what = "guide '\(slug)'"
        map.checkKeys(guideFields, what: what)
        let title = map.string("title", required: true, what: what)
        var sections: [GuideSection] = []
        for (index, node) in map.list("sections", what: what).enumerated() {
            let sectionWhat = "section \(index + 1) of \(what)"
            guard let section = map.reader.map(node, what: sectionWhat) else { continue }
            section.checkKeys(sectionFields, what: sectionWhat)
            guard let sectionTitle = section.string("title", required: true, what: sectionWhat) else { continue }
            sections.append(GuideSection(title: sectionTitle, intro: section.string("intro", what: sectionWhat),
                                         questions: section.stringList("questions")))
        }
        let guide = Guide(slug: slug, title: title ?? slug, summary: map.string("summary", what: what),
                          sections: sections, body: .empty, source: source)
        return title == nil ? nil : guide
    }
}
