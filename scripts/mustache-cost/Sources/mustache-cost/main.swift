// Renders the default theme's free page (layout, page, page-meta) and an 8,124-link list with
// contexts shaped like Engage's (`MustacheParent` structs whose keys are in a dictionary), and
// prints the time per render. Single-threaded, release build.
import Foundation
import Mustache

protocol Context: MustacheParent { static var fields: [String: (Self) -> Any?] { get } }
extension Context { func child(named name: String) -> Any? { Self.fields[name]?(self) } }

struct SiteInfo: Context {
    var title: String, organization: String?
    static let fields: [String: (SiteInfo) -> Any?] = ["title": { $0.title }, "organization": { $0.organization }]
}
struct Link: Context {
    var label: String, href: String
    static let fields: [String: (Link) -> Any?] = ["label": { $0.label }, "href": { $0.href }]
}
struct Document: Context {
    var title: String, summary: String?, body: String
    static let fields: [String: (Document) -> Any?] = ["title": { $0.title }, "summary": { $0.summary }, "body": { $0.body }]
}
struct Page: MustacheParent {
    var page: Document, site: SiteInfo, title: String, description: String?, breadcrumbs: [Link]
    var header: String, footer: String
    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "site": site
        case "title": title
        case "description": description
        case "breadcrumbs": breadcrumbs
        case "has_breadcrumbs": !breadcrumbs.isEmpty
        case "is_home": false
        case "lang": "en"
        case "css_href": "../../assets/style.css"
        case "favicon_href": "../../assets/favicon.svg"
        case "header_html": header
        case "footer_html": footer
        default: nil
        }
    }
}
struct Card: Context {
    var title: String, href: String, summary: String?
    static let fields: [String: (Card) -> Any?] = ["title": { $0.title }, "href": { $0.href }, "summary": { $0.summary }]
}
struct List: Context {
    var pages: [Card]
    static let fields: [String: (List) -> Any?] = ["pages": { $0.pages }]
}

/// Engage's escaping (EngageRender/Theme/Theme.swift, `FastHTMLContentType`), on bytes.
struct ByteEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out: [UInt8] = []
        for b in text.utf8 {
            switch b {
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x26: out += Array("&amp;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
MustacheContentTypes.register(ByteEscaping(), named: "ENGAGE_HTML")
let pragma = "{{% CONTENT_TYPE: ENGAGE_HTML }}"

let themeFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../templates").standardized.path
var library = MustacheLibrary()
for name in ["layout", "page", "page-meta"] {
    let text = try String(contentsOfFile: themeFolder + "/" + name + ".mustache", encoding: .utf8)
    library.register(try MustacheTemplate(string: pragma + text), named: name)
}
library.register(try MustacheTemplate(string: pragma + "{{title}}"), named: "one-variable")
library.register(try MustacheTemplate(string: pragma + "<ul>{{#pages}}\n<li><a href=\"{{href}}\">{{title}}</a>{{#summary}}<br><span class=\"meta\">{{.}}</span>{{/summary}}</li>\n{{/pages}}</ul>"), named: "list")

let body = String(repeating: "<p>A paragraph with <em>emphasis</em> and a <a href=\"../x/\">link</a>.</p>\n", count: 40)
let page = Page(page: Document(title: "Page 42", summary: "A summary", body: body), site: SiteInfo(title: "People Hub", organization: "Org"),
                title: "Page 42", description: "A summary", breadcrumbs: [Link(label: "Pages and guides", href: "../")],
                header: String(repeating: "<li>x</li>", count: 100), footer: String(repeating: "<li>y</li>", count: 40))
let list = List(pages: (0..<8124).map { Card(title: "Page \($0)", href: "page-\($0)/", summary: "Summary of page \($0)") })

func time(_ label: String, _ template: String, _ context: Any, runs: Int) {
    var bytes = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<runs { bytes &+= library.render(context, withTemplate: template)?.utf8.count ?? 0 }
    let perRun = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(runs) / 1000
    print(label.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%10.1f µs per render (%d bytes)", perRun, bytes / runs))
}
time("one variable, {{title}}", "one-variable", page, runs: 50_000)
time("a free page with its layout", "page", page, runs: 20_000)
time("a list of 8,124 links (/pages/)", "list", list, runs: 10)
