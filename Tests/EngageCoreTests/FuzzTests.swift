import Foundation
import Testing
@testable import EngageModel
@testable import EngageSource
@testable import EngageRender
@testable import EngageOutput
@testable import EngageCore

/// Feeds mutated versions of the sample content through loading, checking and rendering.
/// A trap (crash) fails the run; every failure must come back as diagnostics with sane
/// positions. ENGAGE_FUZZ_ITERATIONS raises the bounded default for longer runs.
@Suite struct FuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["ENGAGE_FUZZ_ITERATIONS"] ?? "") ?? 2500

    /// The sample site's files, path → text.
    static let sample: [String: String] = {
        var files: [String: String] = [:]
        let root = Fixture.repository
        guard let e = FileManager.default.enumerator(atPath: root + "/content") else { return files }
        while let path = e.nextObject() as? String {
            if let text = try? String(contentsOfFile: root + "/content/" + path, encoding: .utf8) {
                files["content/" + path] = text
            }
        }
        return files
    }()

    enum Mutation: CaseIterable { case flipBytes, truncate, shuffleLines, dropLine, duplicateLine, randomYAML, swapIndent, insertJunk }

    static func mutate(_ text: String, _ m: Mutation, _ rng: inout SplitMix64) -> Data {
        var bytes = Array(text.utf8)
        var lines = text.components(separatedBy: "\n")
        switch m {
        case .flipBytes:
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
            return Data(bytes)
        case .truncate:
            return Data(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
        case .shuffleLines:
            lines.shuffle(using: &rng)
        case .dropLine:
            if !lines.isEmpty { lines.remove(at: Int.random(in: 0..<lines.count, using: &rng)) }
        case .duplicateLine:
            if !lines.isEmpty { let i = Int.random(in: 0..<lines.count, using: &rng); lines.insert(lines[i], at: i) }
        case .randomYAML:
            let pieces = ["- ", ": ", "[", "]", "{", "}", "---", "\t", "  ", "&a ", "*a", "!!str ", "? ", "|", ">", "\"", "'", "#", "9", "-1", "1e999",
                          "99999999999999999999", "null", "~", "true", "é", "\u{0}", "title", "levels", "teams", "answers", "id", "\n"]
            let junk = (0..<Int.random(in: 1...40, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
            let i = Int.random(in: 0...lines.count, using: &rng)
            lines.insert(junk, at: i)
        case .swapIndent:
            for i in lines.indices where Int.random(in: 0..<5, using: &rng) == 0 {
                lines[i] = lines[i].hasPrefix("  ") ? String(lines[i].dropFirst(2)) : "  " + lines[i]
            }
        case .insertJunk:
            bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) },
                         at: Int.random(in: 0...bytes.count, using: &rng))
            return Data(bytes)
        }
        return Data(lines.joined(separator: "\n").utf8)
    }

    func checkSane(_ diagnostics: [Diagnostic], _ files: [String: Data]) {
        for d in diagnostics {
            #expect(!d.message.isEmpty)
            #expect(d.line >= 0 && d.column >= 0)
            if let data = files["src/" + d.path], d.line > 0 {
                let lineCount = data.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
                #expect(d.line <= lineCount + 1, "\(d) beyond the end of a \(lineCount)-line file")
            }
        }
    }

    @Test func mutatedFilesNeverCrashTheLoader() {
        var rng = SplitMix64(state: 20261122)
        let paths = Self.sample.keys.sorted()
        #expect(paths.count > 20)
        let base = Dictionary(uniqueKeysWithValues: ["content/site.yml", "content/kpis/catalog.yml"].compactMap { p in
            Self.sample[p].map { ("src/" + p, Data($0.utf8)) } })
        var failures = 0
        for _ in 0..<Self.iterations {
            guard let path = paths.randomElement(using: &rng), let text = Self.sample[path],
                  let mutation = Mutation.allCases.randomElement(using: &rng) else { continue }
            var files = base
            files["src/" + path] = Self.mutate(text, mutation, &rng)
            let result = SiteLoader(source: "src", fileSystem: MemoryFileSystem(bytes: files)).load()
            checkSane(result.diagnostics, files)
            if result.hasErrors {
                failures += 1
                #expect(result.site == nil, "an error never yields a site")
            }
        }
        #expect(failures > Self.iterations / 10, "the mutations do produce errors")
    }

    @Test func mutatedSitesNeverCrashTheWholeCheck() {
        var rng = SplitMix64(state: 7)
        let paths = Self.sample.keys.sorted()
        let whole = Dictionary(uniqueKeysWithValues: Self.sample.map { ("src/" + $0.key, Data($0.value.utf8)) })
        for _ in 0..<max(10, Self.iterations / 100) {
            var files = whole
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                guard let path = paths.randomElement(using: &rng), let text = Self.sample[path],
                      let mutation = Mutation.allCases.randomElement(using: &rng) else { continue }
                files["src/" + path] = Self.mutate(text, mutation, &rng)
            }
            let result = Engine(source: "src", fileSystem: MemoryFileSystem(bytes: files)).check()
            checkSane(result.diagnostics, files)
            #expect(result.succeeded || result.diagnostics.contains { $0.severity == .error })
        }
    }
}
