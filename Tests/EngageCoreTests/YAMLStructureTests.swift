import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageCore

/// Issue 8 review: YAML that is large, repeats keys, nests deeply, holds several documents or a
/// control character — linear time, every problem in one run, messages in Engage's words.
@Suite struct YAMLStructureTests {
    func messages(_ files: [String: String]) -> [String] {
        var all: [String: String] = [:]
        for (k, v) in files { all["src/" + k] = v }
        return load(all).messages
    }

    /// The quadratic version took over 60 s for 50,000 keys; linear takes about 2 s in a debug
    /// build. The bound is loose so that a busy machine does not fail it.
    @Test func largeMappingIsLinear() {
        var keys = "title: T\nx:\n"
        for i in 0..<50_000 { keys += "  k\(i): 1\n" }
        var aliases = "title: T\nbase: &b {a: 1}\nx:\n"
        for i in 0..<25_000 { aliases += "  k\(i): *b\n" }
        for text in [keys, aliases] {
            let start = ContinuousClock.now
            let result = messages(["content/site.yml": text])
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < .seconds(20), "took \(elapsed)")
            #expect(result.filter { $0.contains("error") } == [])
        }
    }

    @Test func duplicateKeyDoesNotHideOtherErrors() {
        #expect(messages(["content/site.yml": """
            title: T
            organization: A
            organization: B
            edit_url: "javascript:x"
            anonymity_threshold: 2

            """]) == [
            "content/site.yml:3:1: error: duplicate key 'organization' (first at line 2); each key may appear once in a mapping, and the first one is used",
            "content/site.yml:4:11: error: 'edit_url' must be an address starting with 'https://' or 'http://', or a path starting with '/', found 'javascript:x'",
            "content/site.yml:5:22: error: 'anonymity_threshold' must be at least 3 to protect anonymity, found 2",
        ])
        #expect(messages(["content/teams/v.md": "---\ntitle: A\ntitle: B\n---\n"]) == [
            "content/teams/v.md:2:1: error: team 'v' is missing the required field 'name'",
            "content/teams/v.md:2:1: warning: unknown field 'title' in team 'v'; known fields: name, summary, lead, department, region, headcount, pathways, programs, draft",
            "content/teams/v.md:3:1: error: duplicate key 'title' (first at line 2); each key may appear once in a mapping, and the first one is used",
        ])
    }

    @Test func firstOccurrenceIsUsed() {
        #expect(messages(["content/site.yml": "title: T\nanonymity_threshold: 2\nanonymity_threshold: 5\n"]) == [
            "content/site.yml:2:22: error: 'anonymity_threshold' must be at least 3 to protect anonymity, found 2",
            "content/site.yml:3:1: error: duplicate key 'anonymity_threshold' (first at line 2); each key may appear once in a mapping, and the first one is used",
        ])
    }

    @Test func deepNestingIsReportedWhereItGoesTooDeep() {
        let deep = "title: T\nx:\n  a: " + String(repeating: "[", count: 10_000) + "\n"
        #expect(messages(["content/site.yml": deep]) == [
            "content/site.yml:3:104: error: YAML nested more than 100 levels deep; lists and mappings here nest only a few levels",
        ])
        var block = "title: T\n"
        for level in 0..<150 { block += String(repeating: " ", count: level) + "k:\n" }
        #expect(messages(["content/site.yml": block]) == [
            "content/site.yml:102:101: error: YAML nested more than 100 levels deep; lists and mappings here nest only a few levels",
        ])
    }

    @Test func secondDocumentIsNamed() {
        #expect(messages(["content/site.yml": "title: T\n---\ntitle: U\n"]) == [
            "content/site.yml:2:1: error: a file holds one YAML document; found a second '---' document at line 2; remove that '---' line or move what follows it to another file",
        ])
    }

    @Test func controlCharacterIsPlacedWhereItIs() {
        #expect(messages(["content/site.yml": "organization: O\ntitle: A\u{0}B\n"]) == [
            "content/site.yml:2:9: error: YAML text may not contain the control character U+0000; remove it",
        ])
        #expect(messages(["content/teams/a.md": "---\nname: Équipe \u{7}\n---\n"]) == [
            "content/teams/a.md:2:14: error: YAML text may not contain the control character U+0007; remove it",
        ])
    }
}
