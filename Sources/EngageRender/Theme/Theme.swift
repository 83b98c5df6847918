import Foundation
import Mustache
import EngageModel

/// One theme file after override lookup: where it came from and its text.
public struct ThemeFile: Sendable, Equatable {
    public var name: String
    /// Path for diagnostics: `templates/x.mustache` relative to the source folder for a site's own
    /// file, `(built-in) templates/x.mustache` for a default.
    public var path: String
    public var text: String
    public var isOverride: Bool
}

/// The templates and assets a build renders with: the built-in defaults, any of which a site may
/// replace with a file of the same name in its own `templates/` folder.
public struct Theme: Sendable {
    public let files: [String: ThemeFile]
    let library: MustacheLibrary

    /// Template names (without `.mustache`) every build renders.
    public static var pageTemplates: [String] { SiteCatalog.templates }

    /// Merges defaults with a site's files: a site file replaces the default of the same name,
    /// and may add new partials or assets.
    public static func resolve(defaults: [String: String], overrides: [String: String], overridePrefix: String = "templates/") -> [String: ThemeFile] {
        var files: [String: ThemeFile] = [:]
        for (name, text) in defaults {
            files[name] = ThemeFile(name: name, path: "(built-in) templates/\(name)", text: text + "\n", isOverride: false)
        }
        for (name, text) in overrides {
            files[name] = ThemeFile(name: name, path: overridePrefix + name, text: text, isOverride: true)
        }
        return files
    }

    /// Whether a file of `templates/` means something to a theme: a template, a stylesheet, or a
    /// replacement for one of the built-in files.
    public static func isThemeFile(_ name: String) -> Bool {
        name.hasSuffix(".mustache") || name.hasSuffix(".css") || DefaultTheme.files[name] != nil
    }

    /// The theme of a site: the built-in defaults with the site's own `templates/` files (name →
    /// text, as Source read them) put over them. Reports names that look like a misspelt
    /// built-in, then syntax errors and missing partials.
    public static func load(overrides files: [String: String], diagnostics: inout Diagnostics) -> Theme? {
        var overrides: [String: String] = [:]
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let path = "templates/\(name)"
            if !isThemeFile(name) { continue }
            if name.hasSuffix(".mustache") && DefaultTheme.files[name] == nil {
                let known = DefaultTheme.files.keys.filter { $0.hasSuffix(".mustache") }
                if let close = Suggest.closest(to: name, in: known) {
                    diagnostics.warning(path, .start, "'\(name)' does not replace a built-in template (it can still be used as a partial)" + Suggest.didYouMean(close))
                }
            }
            overrides[name] = text
        }
        return build(resolve(defaults: DefaultTheme.files, overrides: overrides), diagnostics: &diagnostics)
    }

    /// Every template starts with this pragma (on its first line, so line numbers stay right):
    /// the same HTML escaping as Mustache's own, done on bytes instead of Characters, which
    /// took a sixth of a large build's time.
    static let contentTypePragma = "{{% CONTENT_TYPE: ENGAGE_HTML }}"
    private static let registerContentType: Void = {
        MustacheContentTypes.register(FastHTMLContentType(), named: "ENGAGE_HTML")
    }()

    /// Parses every template and checks that every partial and parent it names exists.
    public static func build(_ files: [String: ThemeFile], diagnostics: inout Diagnostics) -> Theme? {
        _ = registerContentType
        var library = MustacheLibrary()
        var ok = true
        let templateNames = Set(files.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) })
        for name in files.keys.sorted() where name.hasSuffix(".mustache") {
            guard let file = files[name] else { continue }
            do {
                let template = try MustacheTemplate(string: contentTypePragma + file.text)
                library.register(template, named: String(name.dropLast(9)))
            } catch let error as MustacheTemplate.ParserError {
                ok = false
                let line = error.context.lineNumber
                let column = line == 1 ? max(1, error.context.columnNumber - contentTypePragma.count) : error.context.columnNumber
                diagnostics.error(file.path, Position(line: line, column: column),
                                  "template syntax error: \(describe(error.error))")
            } catch {
                ok = false
                diagnostics.error(file.path, .start, "template syntax error: \(error)")
            }
            for tag in partialTags(in: file.text) where !templateNames.contains(tag.name) {
                ok = false
                let hint = Suggest.hint(for: tag.name, in: templateNames)
                diagnostics.error(file.path, tag.position, "template names the \(tag.parent ? "parent" : "partial") '\(tag.name)', but there is no template '\(tag.name).mustache'\(hint)")
            }
        }
        if ok, let cycle = partialCycle(files) {
            ok = false
            let first = cycle[0]
            let position = files["\(first).mustache"].flatMap { f in partialTags(in: f.text).first { $0.name == cycle[1] }?.position } ?? .start
            diagnostics.error(files["\(first).mustache"]?.path ?? "templates/\(first).mustache", position,
                              "templates include each other in a loop: \(cycle.joined(separator: " → ")); a template may not include itself")
        }
        for name in pageTemplates where !templateNames.contains(name) {
            ok = false
            diagnostics.error("templates/\(name).mustache", .start, "missing template '\(name).mustache'")
        }
        return ok ? Theme(files: files, library: library) : nil
    }

    static func describe(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return "a closing tag '{{/…}}' does not match the section it closes"
        case .unfinishedName: return "a tag is not finished; expected '}}'"
        case .expectedSectionEnd: return "a section is never closed; add its '{{/name}}' tag"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only '{{$block}}' sections may appear inside '{{<parent}}'"
        case .textInsideInheritSection: return "text inside '{{<parent}}' must be inside a '{{$block}}' section"
        case .invalidConfigVariableSyntax: return "invalid '{{% … }}' pragma"
        case .unrecognisedConfigVariable: return "unknown '{{% … }}' pragma"
        @unknown default: return "\(e)"
        }
    }

    /// A loop of partial/parent references (which would never finish rendering), if any: [a, b, …, a].
    static func partialCycle(_ files: [String: ThemeFile]) -> [String]? {
        var edges: [String: [String]] = [:]
        for (name, file) in files where name.hasSuffix(".mustache") {
            edges[String(name.dropLast(9))] = Array(Set(partialTags(in: file.text).map(\.name))).sorted()
        }
        var state: [String: Int] = [:]   // 1 visiting, 2 done
        var stack: [String] = []
        func visit(_ node: String) -> [String]? {
            state[node] = 1
            stack.append(node)
            for next in edges[node] ?? [] {
                if state[next] == 1, let start = stack.firstIndex(of: next) { return Array(stack[start...]) + [next] }
                if state[next] == nil, let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            state[node] = 2
            return nil
        }
        for node in edges.keys.sorted() where state[node] == nil {
            if let cycle = visit(node) { return cycle }
        }
        return nil
    }

    /// `{{> name}}` and `{{< name}}` tags with their positions (default delimiters).
    static func partialTags(in text: String) -> [(name: String, parent: Bool, position: Position)] {
        var result: [(String, Bool, Position)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, line) in lines.enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                let trimmed = afterOpen.drop { $0 == " " }
                guard let marker = trimmed.first, marker == ">" || marker == "<" else {
                    rest = afterOpen
                    continue
                }
                guard let close = trimmed.range(of: "}}") else { break }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if !name.isEmpty && !name.hasPrefix("*") {
                    result.append((name, marker == "<", Position(line: lineIndex + 1, column: column)))
                }
                rest = trimmed[close.upperBound...]
            }
        }
        return result
    }

    /// Renders a page template; an unknown template is an error, never an empty page.
    public func render(_ template: String, _ context: Any) throws -> String {
        guard let html = library.render(context, withTemplate: template) else {
            throw RenderError.unknownTemplate(template)
        }
        return html
    }

    /// Stylesheets and other non-template files, copied to `assets/`.
    /// Where the theme's non-template files go in the output (`assets/style.css`), for a site with
    /// these `templates/` files, known before the theme is parsed.
    public static func assetPaths(overrides: [String: String]) -> [String] {
        Set(DefaultTheme.files.keys).union(overrides.keys.filter(isThemeFile))
            .filter { !$0.hasSuffix(".mustache") }.sorted().map { "assets/" + $0 }
    }

    public var assets: [(name: String, text: String)] {
        files.values.filter { !$0.name.hasSuffix(".mustache") }.sorted { $0.name < $1.name }.map { ($0.name, $0.text) }
    }
}

/// HTML escaping of `< > & " '` as Mustache does it, over UTF-8 bytes.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var needs = false
        for b in text.utf8 where b == 0x3C || b == 0x3E || b == 0x26 || b == 0x22 || b == 0x27 {
            needs = true
            break
        }
        if !needs { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for b in text.utf8 {
            switch b {
            case 0x3C: out.append(contentsOf: Array("&lt;".utf8))
            case 0x3E: out.append(contentsOf: Array("&gt;".utf8))
            case 0x26: out.append(contentsOf: Array("&amp;".utf8))
            case 0x22: out.append(contentsOf: Array("&quot;".utf8))
            case 0x27: out.append(contentsOf: Array("&#39;".utf8))
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

public enum RenderError: Error, CustomStringConvertible {
    case unknownTemplate(String)
    public var description: String {
        switch self {
        case .unknownTemplate(let name): return "no template named '\(name).mustache'"
        }
    }
}
