import Foundation
import FlyingFox
import EngageModel
import EngageOutput

/// What the handler needs to know about the current site; updated after each good build.
public actor SiteState {
    public private(set) var basePath: String
    /// Files a body-only rebuild changed since the last build wrote the folder (by output
    /// path; nil: removed). They are served instead of what is on disk.
    private var overlay: [String: OverlayFile?] = [:]
    /// Output paths that a rebuild is still rendering (pages a front matter edit reaches that
    /// no browser showed, and the search index): requests for them wait until it is done.
    private var pending: (@Sendable (String) -> Bool)? = nil
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public struct OverlayFile: Sendable {
        public var data: Data
        public var etag: String
    }

    public init(basePath: String = "/") { self.basePath = basePath }
    /// A build wrote the whole site: nothing is laid over it any more.
    public func update(basePath: String) {
        self.basePath = basePath
        overlay = [:]
        release()
    }
    /// What `overlay` replaced, to put back with `restore`: each path with its entry before
    /// (nil: nothing was laid over the folder's file there).
    public typealias Replaced = [(path: String, entry: OverlayFile??)]

    /// A body-only rebuild's changes. `pending`: the files it is still making, until the next
    /// call of `overlay`, `update` or `release`. Returns what it replaced.
    @discardableResult
    public func overlay(_ files: [OutputFile], removed: [String], pending: (@Sendable (String) -> Bool)? = nil) -> Replaced {
        var replaced: Replaced = []
        var seen = Set<String>()
        for path in files.map(\.path) + removed where seen.insert(path).inserted { replaced.append((path, overlay[path])) }
        for file in files { overlay[file.path] = OverlayFile(data: file.data, etag: ETag.make(content: ContentHash(file.data))) }
        for path in removed { overlay[path] = .some(nil) }
        if let pending { self.pending = pending } else { release() }
        return replaced
    }
    /// Puts back what an `overlay` replaced (an update that turned out not to be whole).
    public func restore(_ replaced: Replaced) {
        for (path, entry) in replaced {
            if let entry { overlay[path] = .some(entry) } else { overlay.removeValue(forKey: path) }
        }
    }
    /// No file is pending any more: the requests waiting for one go on.
    public func release() {
        pending = nil
        let resumed = waiting
        waiting = []
        for continuation in resumed { continuation.resume() }
    }
    /// How many requests wait for a pending file.
    var waitingRequests: Int { waiting.count }
    /// Whether the file at `path` is pending.
    public func isPending(_ path: String) -> Bool { pending?(path) ?? false }
    /// Returns once the file at `path` is not pending.
    public func settled(_ path: String) async {
        while let pending, pending(path) {
            await withCheckedContinuation { waiting.append($0) }
        }
    }
    /// The overlaid file at `path`: nil when the folder's file stands; `.some(nil)` when removed.
    public func overlaid(_ path: String) -> OverlayFile?? { overlay[path] }
}

/// Answers every request of `engage serve`: the event stream, then files of the built site
/// under the base path, with content types, ETags and the site's 404 page. HTML gets the
/// live-reload script as it is sent; the files on disk are never changed.
public struct SiteHandler: HTTPHandler {
    let files: SiteFiles
    let state: SiteState
    let hub: EventHub
    /// Whether HTML responses get the live-reload script.
    let liveReload: Bool

    public init(root: String, state: SiteState, hub: EventHub, liveReload: Bool = true) {
        self.files = SiteFiles(root: root)
        self.state = state
        self.hub = hub
        self.liveReload = liveReload
    }

    public func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD are served.\n", extra: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        let raw = request.target.path()
        if raw == LiveReload.eventsPath { return request.method == .GET ? await events(showing: request.target.query()) : Self.text(.ok, "") }
        let response: HTTPResponse
        switch RequestPath.resolve(raw, basePath: await state.basePath) {
        case .forbidden: response = Self.text(.forbidden, "Forbidden.\n")
        case .notFound: response = await notFound(request)
        case .redirect(let location): response = Self.redirect(location, query: request.target.query())
        case .site(let segments, let trailingSlash):
            let relative = segments.joined(separator: "/")
            let page = RequestPath.outputPath(segments, trailingSlash: trailingSlash)
            await state.settled(page)
            if !trailingSlash, !segments.isEmpty, !relative.hasPrefix(".engage"), let overlaid = await state.overlaid(relative) {
                if let found = overlaid { response = serve(overlaid: found, path: relative, status: .ok, request: request) } else { response = await notFound(request) }
                break
            }
            switch files.locate(segments, trailingSlash: trailingSlash) {
            case .forbidden: response = Self.text(.forbidden, "Forbidden.\n")
            case .notFound: response = await notFound(request)
            case .folderWithoutSlash: response = Self.redirect(raw + "/", query: request.target.query())
            case .file(let file):
                if let overlaid = await state.overlaid(page), let found = overlaid {
                    response = serve(overlaid: found, path: page, status: .ok, request: request)
                } else {
                    response = serve(file, status: .ok, request: request)
                }
            }
        }
        return request.method == .HEAD ? Self.headOnly(response) : response
    }

    /// The event stream; `query` names the page the browser shows (`LiveReload.pageParameter`).
    private func events(showing query: String) async -> HTTPResponse {
        var page: String? = nil
        if let path = RequestPath.queryValue(query, LiveReload.pageParameter),
           case .site(let segments, let trailingSlash) = RequestPath.resolve(path, basePath: await state.basePath) {
            page = RequestPath.outputPath(segments, trailingSlash: trailingSlash)
        }
        let stream = await hub.subscribe(page: page)
        return HTTPResponse(statusCode: .ok,
                            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                            body: HTTPBodySequence(from: EventStreamBody(events: stream)))
    }

    private func serve(_ file: SiteFiles.File, status: HTTPStatusCode, request: HTTPRequest) -> HTTPResponse {
        serve(path: file.path, etag: file.etag, status: status, request: request) { FileManager.default.contents(atPath: file.path) }
    }

    private func serve(overlaid file: SiteState.OverlayFile, path: String, status: HTTPStatusCode, request: HTTPRequest) -> HTTPResponse {
        serve(path: path, etag: file.etag, status: status, request: request) { file.data }
    }

    private func serve(path: String, etag fileTag: String, status: HTTPStatusCode, request: HTTPRequest, read: () -> Data?) -> HTTPResponse {
        let type = ContentTypes.forPath(path)
        let inject = liveReload && ContentTypes.isHTML(type)
        let etag = inject ? String(fileTag.dropLast()) + "-live\"" : fileTag
        var headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-cache", .eTag: etag]
        if status == .ok && ETag.matches(ifNoneMatch: request.headers[.ifNoneMatch], tag: etag) {
            headers[.contentType] = nil
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        guard var body = read() else {
            return Self.text(.notFound, "Not found.\n")
        }
        if inject { body = LiveReload.inject(into: body) }
        if status != .ok { headers[.eTag] = nil }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    /// The site's own 404.html with status 404; a small page of our own (with the live-reload
    /// script, so it shows a failed first build) when there is none yet.
    private func notFound(_ request: HTTPRequest) async -> HTTPResponse {
        if case .file(let page) = files.locate(["404.html"], trailingSlash: false) {
            return serve(page, status: .notFound, request: request)
        }
        var page = Data("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p>Nothing is built at this address (yet).</p></body></html>\n".utf8)
        if liveReload { page = LiveReload.inject(into: page) }
        return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"], body: page)
    }

    static func redirect(_ location: String, query: String) -> HTTPResponse {
        let target = query.isEmpty ? location : location + "?" + query
        return HTTPResponse(statusCode: .found, headers: [.location: target, .cacheControl: "no-cache", .contentType: "text/plain; charset=utf-8"],
                            body: Data("Moved to \(target)\n".utf8))
    }

    static func text(_ status: HTTPStatusCode, _ text: String, extra: [HTTPHeader: String] = [:]) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"]
        for (k, v) in extra { headers[k] = v }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(text.utf8))
    }

    /// HEAD: the same status and headers (with the length the body would have), no body.
    static func headOnly(_ response: HTTPResponse) -> HTTPResponse {
        guard case .httpBody(let body) = response.payload, let count = body.count else { return response }
        var headers = response.headers
        headers[.contentLength] = String(count)
        return HTTPResponse(statusCode: response.statusCode, headers: headers)
    }
}
