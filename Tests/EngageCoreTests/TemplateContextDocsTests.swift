import Foundation
import Testing
@testable import EngageRender

/// docs/templates.md documents exactly the keys the typed contexts offer, and the default theme
/// reads every key a context offers except those kept for theme authors.
@Suite struct TemplateContextDocsTests {
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// `### Name` headings of the context reference, each with the backticked keys of the table
    /// rows under it (`| `key` | … |`).
    static func documented() throws -> [String: [String]] {
        let text = try String(contentsOfFile: repository + "/docs/templates.md", encoding: .utf8)
        var out: [String: [String]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                // "### `HomePage.Context`: home" → HomePage.Context
                current = line.split(separator: "`").dropFirst().first.map(String.init)
                if let current { out[current] = [] }
            } else if line.hasPrefix("## ") {
                current = nil
            } else if let current, line.hasPrefix("| `") {
                let key = line.dropFirst(3).prefix { $0 != "`" }
                out[current, default: []].append(String(key))
            }
        }
        return out
    }

    @Test func docsListEveryContextTypeWithItsKeys() throws {
        let documented = try Self.documented()
        let offered = Dictionary(uniqueKeysWithValues: ContextCatalog.types.map { ($0.name, $0.keys) })
        for (name, keys) in offered {
            let docs = Set(documented[name] ?? [])
            #expect(documented[name] != nil, "docs/templates.md has no section for \(name)")
            #expect(Set(keys).subtracting(docs).sorted() == [], "\(name): offered but undocumented")
            #expect(docs.subtracting(keys).sorted() == [], "\(name): documented but not offered")
        }
        #expect(Set(documented.keys).subtracting(offered.keys).sorted() == [], "documented types that do not exist")
    }

    @Test func pageKeysDoNotShadowCommonKeys() {
        let common = Set(CommonContext.keys)
        for (name, keys) in ContextCatalog.types where name.hasSuffix("Page.Context") {
            #expect(common.intersection(keys).isEmpty, "\(name)")
        }
    }

    /// Names the default templates look up (`{{a.b}}` gives a and b; `{{^empty(x)}}` gives x).
    static func templateNames() throws -> Set<String> {
        let folder = repository + "/templates"
        var names: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            var rest = text[...]
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "{}#^/&! "))
                if let paren = tag.firstIndex(of: "(") { tag = String(tag[tag.index(after: paren)...].prefix { $0 != ")" }) }
                for part in tag.split(separator: ".") { names.insert(String(part)) }
                rest = rest[close.upperBound...]
            }
        }
        return names
    }

    /// Keys no default template reads, kept on purpose for theme authors (docs/templates.md says so).
    static let forThemeAuthors: Set<String> = []

    @Test func everyOfferedKeyIsReadByADefaultTemplate() throws {
        let read = try Self.templateNames()
        var unread: [String] = []
        for (name, keys) in ContextCatalog.types {
            for key in keys where !read.contains(key) && !Self.forThemeAuthors.contains(key) { unread.append("\(name).\(key)") }
        }
        #expect(unread.sorted() == [])
    }
}
