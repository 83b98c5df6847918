import Foundation
import Testing
@testable import EngageRender

/// Reading a build's search index back, for the leak tests: `search-index.json` and every
/// `search/*.js` file (`EngageSearch.add("name", JSON);`), parsed, every string in them (the
/// words of the shards, titles, summaries, headings, text) collected per file.
enum SearchFiles {
    static func isIndex(_ path: String) -> Bool {
        path == "search-index.json" || (path.hasPrefix("search/") && path.hasSuffix(".js"))
    }

    /// Path → every string in that index file; an issue for a file that does not parse.
    static func strings(_ files: [String: String], sourceLocation: SourceLocation = #_sourceLocation) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (path, text) in files where isIndex(path) {
            var json = Substring(text)
            if path.hasSuffix(".js") {
                let name = String(path.dropFirst("search/".count).dropLast(3))
                let head = "EngageSearch.add(\"\(name)\", ", tail = ");\n"
                guard json.hasPrefix(head), json.hasSuffix(tail) else {
                    Issue.record("\(path) is not one EngageSearch.add call", sourceLocation: sourceLocation)
                    continue
                }
                json = json.dropFirst(head.count).dropLast(tail.count)
            }
            guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
                Issue.record("\(path) is not JSON", sourceLocation: sourceLocation)
                continue
            }
            var strings: [String] = []
            collect(value, into: &strings)
            out[path] = strings
        }
        return out
    }

    static func collect(_ value: Any, into strings: inout [String]) {
        if let s = value as? String { strings.append(s) }
        else if let a = value as? [Any] { for v in a { collect(v, into: &strings) } }
        else if let d = value as? [String: Any] { for (k, v) in d { strings.append(k); collect(v, into: &strings) } }
    }

    /// The words made only of digits in some text (how a figure would show up in the index).
    static func numbers(_ text: String) -> Set<String> {
        Set(SearchIndex.words(text).filter { $0.allSatisfy(\.isNumber) })
    }
}
