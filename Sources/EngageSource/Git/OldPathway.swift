import Foundation
import EngageModel

extension SiteLoader {
    /// A pathway file's text at some earlier commit, read with the build's own decoder. Its
    /// diagnostics are dropped (an old version's mistakes are not the build's); nil when the
    /// version has no front matter, its YAML cannot be read, or it lacks what a pathway needs.
    static func decodeOldPathway(_ text: String, slug: String, path: String) -> Pathway? {
        guard case .success(let split) = FrontMatter.split(text) else { return nil }
        let reader = YAMLReader(path: path, firstLine: split.yamlFirstLine)
        guard let map = reader.rootMap(reader.parse(split.yaml), what: "front matter") else { return nil }
        return decodePathway(map, slug, SourceRef(path: path))
    }
}
