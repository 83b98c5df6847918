import Foundation
import EngageModel
import EngageSource
import EngageRender
import EngageOutput

/// Times of each phase of a build, in seconds.
public struct Timings: Sendable {
    public var load = 0.0, render = 0.0, write = 0.0
    public var total: Double { load + render + write }
}

public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var report: WriteReport?
    public var pages: Int = 0
    public var timings = Timings()
    /// Informational lines (`engage check` prints them after the diagnostics).
    public var notes: [String] = []
    /// Pages rendered by this build (all of them unless the build cache let some be kept).
    public var rendered: Int = 0
    /// Pages not rendered again: their served files were kept as they were.
    public var reused: Int = 0
    /// How the build cache was used.
    public var cache: CacheUse = .off
    /// Why an incremental build did not just put changed text in place (`CacheUse.bodies`).
    public var bodyEditRefusal: String? = nil
    /// The site as built, for body-only rebuilds (`Engine.keepResident`).
    public var resident: ResidentSite? = nil
    /// Whether every stage the command runs finished: loading and rendering for `check`, and
    /// writing too for `build`.
    public var completed: Bool
    public var succeeded: Bool { completed && !diagnostics.contains { $0.severity == .error } }

    init(diagnostics: [Diagnostic], report: WriteReport? = nil, pages: Int = 0, timings: Timings = Timings(),
                notes: [String] = [], completed: Bool? = nil) {
        self.diagnostics = diagnostics
        self.report = report
        self.pages = pages
        self.timings = timings
        self.notes = notes
        self.completed = completed ?? (report != nil)
    }
}

/// The whole pipeline: Source → Model → Render → Output.
public struct Engine: Sendable {
    public var source: String
    public var output: String
    public var options: LoadOptions
    public var fileSystem: any SourceFileSystem
    /// How output files are written (tests inject write failures here).
    public var writeFile: OutputWriter.FileWriter
    /// `engage build --force`: build into a non-empty folder that is not an Engage output,
    /// keeping the files that are there.
    public var force = false
    /// Where the build cache is kept (`<source>/.engage-cache`); nil: no cache, every build a
    /// full one. Used only for sources on the local disk.
    public var cacheFolder: String?
    /// Return the built site in `BuildResult.resident` (`engage serve`). A build with the cache
    /// then always loads the site, even when nothing changed.
    public var keepResident = false
    /// Whether a rebuild after edits of page text alone puts the new text in place without
    /// loading the site (BodyEditBuild.swift); off in tests of the ordinary incremental build.
    var putsBodiesInPlace = true
    /// Called once the site is loaded, before anything is rendered (tests damage files here).
    var afterLoad: (@Sendable () -> Void)? = nil

    public init(source: String, output: String? = nil, options: LoadOptions = LoadOptions(),
                fileSystem: any SourceFileSystem = LocalFileSystem(), writeFile: @escaping OutputWriter.FileWriter = OutputWriter.defaultWriter) {
        self.source = source
        self.output = output ?? joinPath(source, "site")
        self.options = options; self.options.output = self.options.output ?? self.output
        self.fileSystem = fileSystem
        self.writeFile = writeFile
        self.cacheFolder = joinPath(source, BuildCache.folderName)
    }

    /// Loads and renders everything without writing. Returns the files when there was no error.
    public func render(timings: inout Timings) -> (files: [OutputFile]?, diagnostics: [Diagnostic]) {
        let r = renderSite(timings: &timings)
        return (r.files, r.diagnostics)
    }

    /// Also returns the loaded site and, when it was rendered, the reports computed for it.
    func renderSite(timings: inout Timings) -> (files: [OutputFile]?, diagnostics: [Diagnostic], site: Site?, reports: SiteReports?) {
        var clock = ContinuousClock.now
        var diagnostics = Diagnostics()
        let templates = TemplateFolder.read(source: source, fileSystem: fileSystem, accepts: Theme.isThemeFile, diagnostics: &diagnostics)
        let theme = Theme.load(overrides: templates, diagnostics: &diagnostics)
        var options = self.options
        options.themeFiles = Set(Theme.assetPaths(overrides: templates))
        let loaded = SiteLoader(source: source, fileSystem: fileSystem, options: options).load()
        diagnostics.append(contentsOf: loaded.diagnostics)
        timings.load = clock.lap()
        guard let site = loaded.site, let theme, !diagnostics.hasErrors else { return (nil, diagnostics.sorted, loaded.site, nil) }
        let data = SiteData(site: site)
        let files = SiteRenderer(data: data, theme: theme).render(diagnostics: &diagnostics)
        timings.render = clock.lap()
        return (diagnostics.hasErrors ? nil : files, diagnostics.sorted, site, data.reports)
    }

    /// `engage check`: everything a build does except writing.
    public func check() -> BuildResult {
        var timings = Timings()
        let (files, diagnostics, site, reports) = renderSite(timings: &timings)
        var result = BuildResult(diagnostics: diagnostics, pages: files?.count ?? 0, timings: timings, completed: files != nil)
        // The rendered site's survey reports; a site that did not get as far as rendering has its
        // surveys' reports computed here, for the notes alone.
        if let site { result.notes = Engine.anonymityNotes(reports?.surveys ?? site.surveys.map { SurveyReport(survey: $0, site: site) }) }
        return result
    }

    /// One line per survey period: which groups the anonymity rule keeps out, and why; then one
    /// line per question suppressed in some published group, naming those groups.
    /// (Names only: the notes never print a suppressed group's figures.)
    public static func anonymityNotes(_ site: Site) -> [String] {
        anonymityNotes(site.surveys.map { SurveyReport(survey: $0, site: site) })
    }

    /// The same, from reports already computed.
    public static func anonymityNotes(_ reports: [SurveyReport]) -> [String] {
        reports.flatMap { report -> [String] in
            let survey = report.survey
            let path = "content/surveys/\(survey.period.text).yml"
            let hidden = report.order.filter { report.suppressed.contains($0) }
            let published = report.order.count - hidden.count
            var lines: [String]
            if hidden.isEmpty {
                lines = ["\(path): anonymity: all \(report.order.count) groups published (threshold \(report.threshold))"]
            } else {
                let reasons = hidden.map { id -> String in
                    let why = report.belowThreshold.contains(id) ? "fewer than \(report.threshold) responses" : "would let another group be worked out by subtraction"
                    return "\(id.scope) '\(id.name)' (\(why))"
                }
                lines = ["\(path): anonymity: \(published) groups published, \(hidden.count) suppressed: \(reasons.joined(separator: ", "))"]
            }
            for q in survey.questions {
                let withheld = report.order.filter { !report.suppressed.contains($0) && !report.isShown(q.id, for: $0) }
                guard !withheld.isEmpty else { continue }
                let reasons = withheld.map { id -> String in
                    let why = report.questionBelowThreshold[q.id]?.contains(id) == true
                        ? "fewer than \(report.threshold) answers" : "would let another group's answers be worked out by subtraction"
                    return "\(id.scope) '\(id.name)' (\(why))"
                }
                let groups = withheld.count == 1 ? "1 published group" : "\(withheld.count) published groups"
                lines.append("\(path): anonymity: question '\(q.id)' not shown for \(groups): \(reasons.joined(separator: ", "))")
            }
            return lines
        }
    }


    /// `engage build`: nothing is written unless every page rendered.
    public func build() -> BuildResult {
        var timings = Timings()
        if let problem = OutputGuard.problem(output: output, source: source) {
            return BuildResult(diagnostics: [Diagnostic(path: output, line: 1, column: 1, message: problem)], report: nil, timings: timings)
        }
        if let cacheFolder, fileSystem is LocalFileSystem { return cachedBuild(cacheFolder: cacheFolder) }
        let (files, diagnostics) = render(timings: &timings)
        guard let files else { return BuildResult(diagnostics: diagnostics, report: nil, timings: timings) }
        var clock = ContinuousClock.now
        do {
            let report = try OutputWriter(root: output, force: force, writeFile: writeFile).write(files)
            timings.write = clock.lap()
            var result = BuildResult(diagnostics: diagnostics, report: report, pages: files.count, timings: timings)
            result.rendered = files.count
            return result
        } catch {
            return Self.failure(error, diagnostics: diagnostics, output: output, timings: timings)
        }
    }

    /// A write that failed, as diagnostics on the output folder.
    static func failure(_ error: Error, diagnostics: [Diagnostic], output: String, timings: Timings) -> BuildResult {
        let problems = (error as? OutputErrors)?.errors ?? [(error as? OutputError) ?? OutputError(path: "", message: OutputWriter.reason(error))]
        var all = diagnostics
        for problem in problems {
            let path = problem.path.isEmpty ? output : joinPath(output, problem.path)
            all.append(Diagnostic(path: path, line: 1, column: 1, message: "\(problem.message) (the previous output was left as it was)"))
        }
        return BuildResult(diagnostics: all, report: nil, timings: timings)
    }
}

/// Refuses output folders whose clean-up would destroy something that is not build output.
public enum OutputGuard {
    public static func problem(output: String, source: String) -> String? {
        let out = canonical(output), src = canonical(source)
        let home = canonical(NSHomeDirectory())
        if out == "/" { return "the output folder may not be '/'" }
        if out == home { return "the output folder may not be your home folder" }
        if out == src { return "the output folder may not be the source folder itself; use e.g. '\(joinPath(source, "site"))'" }
        if src.hasPrefix(out + "/") { return "the output folder may not contain the source folder" }
        for protected in ["content", "static", "templates", ".git"] {
            let p = canonical(joinPath(source, protected))
            if out == p || out.hasPrefix(p + "/") { return "the output folder may not be inside '\(protected)/' of the source" }
        }
        return nil
    }

    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var resolved = URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
        while resolved.count > 1 && resolved.hasSuffix("/") { resolved.removeLast() }
        return resolved
    }
}

extension ContinuousClock.Instant {
    /// Seconds since this instant, restarting it.
    mutating func lap() -> Double {
        let now = ContinuousClock.now
        let d = self.duration(to: now)
        self = now
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
