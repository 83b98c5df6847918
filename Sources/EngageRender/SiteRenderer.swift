import Foundation
import EngageModel

/// Render stage: every page through its template, plus assets, sitemap and search index.
public struct SiteRenderer: Sendable {
    public let site: Site
    public let theme: Theme

    public init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
    }

    /// All output files, sorted by path; template failures become diagnostics.
    public func render(diagnostics: inout Diagnostics) -> [OutputFile] {
        let contexts = PageContexts(site: site)
        let jobs = contexts.jobs()
        let theme = self.theme
        // Header and footer once per (depth, section), not once per page.
        var chrome: [String: (header: String, footer: String)] = [:]
        let keys = jobs.map(contexts.chromeKey(for:))
        for (job, key) in zip(jobs, keys) {
            if chrome[key] != nil { continue }
            let context = contexts.chromeContext(for: job)
            do {
                chrome[key] = (try theme.render("header", context), try theme.render("footer", context))
            } catch {
                diagnostics.append(.error("templates/header.mustache", .start, "cannot render the header or footer: \(error)"))
                return []
            }
        }
        let pieces = chrome
        let results = parallelMap(Array(zip(jobs, keys))) { job, key -> Result<OutputFile, Diagnostic> in
            do {
                var context = contexts.context(for: job)
                let piece = pieces[key]
                context["header_html"] = piece?.header ?? ""
                context["footer_html"] = piece?.footer ?? ""
                let html = try theme.render(job.template, context)
                let path = job.route.hasSuffix(".html") ? job.route : Route.file(job.route)
                return .success(OutputFile(path: path, text: html))
            } catch {
                let file = theme.files["\(job.template).mustache"]?.path ?? "templates/\(job.template).mustache"
                return .failure(.error(file, .start, "cannot render page '\(job.route)': \(error)"))
            }
        }
        var files: [OutputFile] = []
        for result in results {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let d): diagnostics.append(d)
            }
        }
        for asset in theme.assets { files.append(OutputFile(path: "assets/\(asset.name)", text: asset.text)) }
        if !site.kpis.isEmpty { files.append(OutputFile(path: "data/kpis.csv", text: CSV.kpis(site, contexts.kpiReport))) }
        files.append(OutputFile(path: "data/programs.csv", text: CSV.programs(site, contexts.kpiReport)))
        if !site.surveys.isEmpty { files.append(OutputFile(path: "data/surveys.csv", text: CSV.surveys(contexts.surveyReports))) }
        files.append(OutputFile(path: "sitemap.xml", text: Sitemap.xml(jobs.filter(\.listed).map(\.route), baseURL: site.config.baseURL)))
        files.append(OutputFile(path: "search-index.json", data: SearchIndex.json(jobs.filter(\.listed), baseURL: site.config.baseURL)))
        StaticOutput.add(site.staticFiles, to: &files, diagnostics: &diagnostics)
        return files.sorted { $0.path < $1.path }
    }
}

public enum Sitemap {
    public static func xml(_ routes: [String], baseURL: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for route in routes.sorted() {
            out += "  <url><loc>\(escape(baseURL + route))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// `search-index.json`: one entry per page, for a client-side search a theme may add.
public enum SearchIndex {
    struct Entry: Encodable {
        var url: String
        var title: String
        var section: String
        var summary: String?
        var text: String
    }

    public static func json(_ jobs: [PageJob], baseURL: String) -> Data {
        let entries = jobs.map { job in
            Entry(url: baseURL + job.route, title: job.title, section: String(job.route.split(separator: "/").first ?? "home"),
                  summary: job.summary, text: String(job.text.prefix(600)))
        }.sorted { $0.url < $1.url }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(entries)) ?? Data("[]".utf8)
    }
}
