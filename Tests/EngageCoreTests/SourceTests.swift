import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

@Suite struct FrontMatterTests {
    @Test func splitsOnExactDelimiterLines() throws {
        let text = "---\ntitle: A\nnote: \"--- not a delimiter\"\n---\nBody line\n---- still body\n"
        let split = try FrontMatter.split(text).get()
        #expect(split.yaml == "title: A\nnote: \"--- not a delimiter\"")
        #expect(split.body == "Body line\n---- still body\n")
        #expect(split.yamlFirstLine == 2)
        #expect(split.bodyFirstLine == 5)
    }

    @Test func aDashedLineWithTextIsNotADelimiter() throws {
        let split = try FrontMatter.split("---\na: 1\n--- x\nb: 2\n---\n").get()
        #expect(split.yaml == "a: 1\n--- x\nb: 2")
        #expect(split.body == "")
    }

    @Test func failures() {
        #expect(FrontMatter.split("") == .failure(.empty))
        #expect(FrontMatter.split("  \n\n") == .failure(.empty))
        #expect(FrontMatter.split("title: x\n---\n") == .failure(.missingOpening))
        #expect(FrontMatter.split(" ---\ntitle: x\n---\n") == .failure(.missingOpening))
        #expect(FrontMatter.split("---\ntitle: x\n") == .failure(.missingClosing))
    }

    @Test func windowsLineEndingsAndByteOrderMark() throws {
        var d = Diagnostics()
        let text = SourceText.decode(Data([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\nHi\r\n".utf8)), path: "x.md", diagnostics: &d)
        let split = try FrontMatter.split(text ?? "").get()
        #expect(split.yaml == "title: A")
        #expect(split.body == "Hi\n")
    }

    @Test func invalidUTF8IsReportedWithItsPosition() {
        var d = Diagnostics()
        let bytes = Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n".utf8)
        #expect(SourceText.decode(Data(bytes), path: "content/values/x.md", diagnostics: &d) == nil)
        #expect(d.items.map(\.description) == ["content/values/x.md:2:11: error: file is not valid UTF-8 (byte 0xE9); save it with UTF-8 encoding"])
    }
}

@Suite struct YAMLReaderTests {
    @Test func positionsAreFilePositions() {
        let reader = YAMLReader(path: "content/teams/a.md", firstLine: 2)
        let root = reader.parse("name: A\nheadcount: lots\npathways: {a: 1}\n")
        let map = reader.rootMap(root, what: "front matter")
        #expect(map?.int("headcount", what: "team") == nil)
        #expect(map?.stringList("pathways") == [])
        #expect(reader.diagnostics.items.map(\.description) == [
            "content/teams/a.md:3:12: error: 'headcount' must be a whole number, found 'lots'",
            "content/teams/a.md:4:11: error: 'pathways' must be a list of text items, found a mapping",
        ])
    }

    @Test func syntaxErrorsCarryTheFileLine() {
        let reader = YAMLReader(path: "content/values/a.md", firstLine: 2)
        #expect(reader.parse("title: A\nsummary: [unclosed\n") == nil)
        let d = reader.diagnostics.items
        #expect(d.count == 1)
        #expect(d.first?.line ?? 0 >= 3)
        #expect(d.first?.message.hasPrefix("YAML syntax error:") == true)
    }

    @Test func unknownKeysWarnWithASuggestion() {
        let reader = YAMLReader(path: "v.md", firstLine: 2)
        let map = reader.rootMap(reader.parse("title: A\nbehaviors: [x]\n"), what: "front matter")
        map?.checkKeys(SiteLoader.valueFields, what: "value 'a'")
        #expect(reader.diagnostics.items.map(\.description) == [
            "v.md:3:1: warning: unknown field 'behaviors' in value 'a'; did you mean 'behaviours'?",
        ])
    }

    @Test func typedValues() {
        let reader = YAMLReader(path: "x")
        let map = reader.rootMap(reader.parse("a: 12\nb: 1_250.5\nc: yes\nd: ~\ne: single\n"), what: "x")
        #expect(map?.int("a", what: "x") == 12)
        #expect(map?.number("b", what: "x") == 1250.5)
        #expect(map?.bool("c", what: "x") == true)
        #expect(map?.string("d", what: "x") == nil)
        #expect(map?.stringList("e") == ["single"])
        #expect(reader.diagnostics.items.isEmpty)
    }
}

@Suite struct SlugTests {
    @Test func validSlugs() {
        #expect(Slug.isValid("customer-support"))
        #expect(Slug.isValid("2026-plan"))
        #expect(!Slug.isValid("Customer"))
        #expect(!Slug.isValid("-x"))
        #expect(!Slug.isValid("a b"))
        #expect(!Slug.isValid(""))
    }

    @Test func departmentSlugs() {
        #expect(Slug.department("Patient Access") == "patient-access")
        #expect(Slug.department("Quality & Training") == "quality-training")
        #expect(Slug.department("  R&D -- Labs!  ") == "r-d-labs")
        #expect(Slug.department("Ünïcode Team") == "unicode-team")  // accents fold to base letters (issue 8 review)
    }

    @Test func suggestions() {
        #expect(Suggest.closest(to: "custmer-support", in: ["customer-support", "team-lead"]) == "customer-support")
        #expect(Suggest.closest(to: "zzz", in: ["customer-support"]) == nil)
    }
}
