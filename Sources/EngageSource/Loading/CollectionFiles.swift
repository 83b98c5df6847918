import Foundation
import EngageModel

/// One Markdown file after its front matter was decoded, before its body is rendered.
struct Parsed<Item: Sendable>: Sendable {
    var item: Item
    var file: LoadedFile
    var markdown: String
    var bodyFirstLine: Int
    /// Its front matter and where the body starts (`BodyRecord.frontMatter`).
    var frontMatter: BodyRecord.Key
}

/// The files of one collection folder: listed, split into front matter and body, decoded, and
/// (once every link target is known) their Markdown bodies rendered.
extension SiteLoader {
    /// Lists a collection folder's Markdown files (sorted), warning about anything else there.
    func markdownFiles(_ folder: String, _ diagnostics: inout Diagnostics) -> [String] {
        let dir = "content/\(folder)"
        guard let names = SourceFolders(source: source, fileSystem: fileSystem).list(dir, holding: "'.md' files", &diagnostics) else { return [] }
        var files: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = "\(dir)/\(name)"
            if fileSystem.isDirectory(absolute(path)) {
                diagnostics.warning(path, .start, "folders inside content/\(folder)/ are not read; move its files up to content/\(folder)/")
            } else if name.hasSuffix(".md") {
                files.append(name)
            } else {
                let hint = name.hasSuffix(".markdown") || name.hasSuffix(".txt") ? "; rename it to end in '.md'" : ""
                diagnostics.warning(path, .start, "only '.md' files are read in content/\(folder)/; this file is ignored\(hint)")
            }
        }
        return files
    }

    /// Reads, splits and decodes every Markdown file of a collection, in parallel.
    func loadCollection<Item: Sendable>(_ folder: String, _ diagnostics: inout Diagnostics,
                                        decode: @escaping FrontMatterDecoder<Item>) -> [Parsed<Item>] {
        let files = markdownFiles(folder, &diagnostics)
        let results = parallelMap(files) { name -> (Parsed<Item>?, [Diagnostic]) in
            var local = Diagnostics()
            let parsed = self.parseFile(folder: folder, name: name, &local, decode: decode)
            return (parsed, local.items)
        }
        for (_, found) in results { diagnostics.append(contentsOf: found) }
        // Drafts stay in the list (their paths matter for link messages); renderBodies leaves them out.
        return results.compactMap { $0.0 }
    }

    func parseFile<Item>(folder: String, name: String, _ diagnostics: inout Diagnostics,
                         decode: FrontMatterDecoder<Item>) -> Parsed<Item>? {
        let path = "content/\(folder)/\(name)"
        let slug = String(name.dropLast(3))
        guard Slug.isValid(slug) else {
            let better = Slug.suggestion(for: slug)
            var hint = better.isEmpty ? "" : "; rename the file to '\(better).md'"
            // Not to a name that is taken ('Support.md' beside 'support.md').
            func taken(_ name: String) -> Bool { fileSystem.entry(absolute("content/\(folder)/\(name).md")).kind != .missing }
            if !better.isEmpty, taken(better), let free = (2...99).lazy.map({ "\(better)-\($0)" }).first(where: { !taken($0) }) {
                hint = "; '\(better).md' is taken, so rename the file to '\(free).md' (or merge the two)"
            }
            diagnostics.error(path, .start, "invalid slug '\(slug)': a file name must use only lowercase letters, digits and '-' and start with a letter or digit\(hint)")
            return nil
        }
        guard let text = readText(path, &diagnostics) else { return nil }
        guard let cache = options.parseCache else { return parseText(text, path: path, folder: folder, name: name, slug: slug, &diagnostics, decode: decode) }
        return cache.decoded(path: path, text: text, diagnostics: &diagnostics) { local in
            parseText(text, path: path, folder: folder, name: name, slug: slug, &local, decode: decode)
        }
    }

    /// Splits and decodes a file's text (its path and slug already checked).
    func parseText<Item>(_ text: String, path: String, folder: String, name: String, slug: String, _ diagnostics: inout Diagnostics,
                         decode: FrontMatterDecoder<Item>) -> Parsed<Item>? {
        let split: FrontMatterSplit
        switch FrontMatter.split(text) {
        case .success(let s): split = s
        case .failure(.empty):
            diagnostics.error(path, .start, "file is empty; a page starts with front matter: a line '---', fields such as 'title: …', and another line '---'")
            return nil
        case .failure(.missingOpening):
            diagnostics.error(path, .start, "missing front matter: the first line must be exactly '---', followed by YAML fields and another '---' line")
            return nil
        case .failure(.missingClosing):
            diagnostics.error(path, .start, "front matter is not closed: add a line that is exactly '---' after the YAML fields")
            return nil
        }
        let reader = YAMLReader(path: path, firstLine: split.yamlFirstLine)
        defer { diagnostics.append(contentsOf: reader.diagnostics.items) }
        let root = reader.parse(split.yaml)
        // After a duplicate key the document is still there (first occurrence used): decode it too.
        guard let map = reader.rootMap(root, what: "front matter") else { return nil }
        let draft = map.bool("draft", what: "front matter") ?? false
        guard let item = decode(map, slug, SourceRef(path: path)) else { return nil }
        let file = LoadedFile(contentPath: "\(folder)/\(name)", slug: slug, draft: draft, references: reader.references)
        return Parsed(item: item, file: file, markdown: split.body, bodyFirstLine: split.bodyFirstLine, frontMatter: BodyRecord.Key(split))
    }

    /// Renders the bodies of the published items in parallel and returns the items.
    /// Each body's record goes into `records` (serve re-renders a body alone from it).
    func renderBodies<Item: BodyHolder>(_ parsed: [Parsed<Item>], _ links: LinkRewriter, _ unsafe: Bool,
                                        _ records: inout [String: BodyRecord], _ diagnostics: inout Diagnostics) -> [Item] {
        let visible = parsed.filter { !options.leavesOut(draft: $0.file.draft) }
        let results = parallelMap(visible) { p -> (Item, [Diagnostic]) in
            var local = Diagnostics()
            let path = "content/\(p.file.contentPath)"
            let resolve = { (url: String) in links.resolve(url, from: p.file.contentPath) }
            var item = p.item
            if let cache = options.parseCache {
                item.body = cache.body(path: path, markdown: p.markdown, firstLine: p.bodyFirstLine, unsafe: unsafe, resolve: resolve, render: { recording, diagnostics in
                    Markdown.render(p.markdown, path: path, firstLine: p.bodyFirstLine, unsafe: unsafe, diagnostics: &diagnostics, resolve: recording)
                }, diagnostics: &local)
            } else {
                let rendered = Markdown.render(p.markdown, path: path, firstLine: p.bodyFirstLine, unsafe: unsafe, diagnostics: &local, resolve: resolve)
                item.body = Body(html: rendered.html, text: rendered.plainText)
            }
            return (item, local.items)
        }
        for ((_, found), p) in zip(results, visible) {
            diagnostics.append(contentsOf: found)
            records["content/\(p.file.contentPath)"] = BodyRecord(frontMatter: p.frontMatter, diagnostics: found, references: p.file.references)
        }
        return results.map { $0.0 }
    }
}

/// A collection's item: its body is rendered after its front matter is decoded.
protocol BodyHolder: Sendable, Equatable {
    var body: Body { get set }
    var source: SourceRef { get }
}

extension Value: BodyHolder {}
extension Pathway: BodyHolder {}
extension Team: BodyHolder {}
extension Program: BodyHolder {}
extension Guide: BodyHolder {}
extension FreePage: BodyHolder {}
extension Action: BodyHolder {}
