/// Fans the server's events out to every open page. It remembers whether the last build
/// failed, so a page that connects (or reloads) while the site is broken is shown the
/// diagnostics at once, and which page each client shows, so that a rebuild renders the open
/// pages first (`viewedPages`).
public actor EventHub {
    private var subscribers: [Int: AsyncStream<ServerEvent>.Continuation] = [:]
    /// The output path of the page each client shows, when it said.
    private var pages: [Int: String] = [:]
    private var next = 0
    private var lastError: ServerEvent?

    public init() {}

    /// A stream of events for one client; it ends when the client goes or the hub closes.
    /// `page`: the output path of the page the client shows (e.g. `teams/alpha/index.html`).
    public func subscribe(page: String? = nil) -> AsyncStream<ServerEvent> {
        let (stream, continuation) = AsyncStream<ServerEvent>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = next
        next += 1
        subscribers[id] = continuation
        pages[id] = page
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        if let lastError { continuation.yield(lastError) }
        return stream
    }

    public var count: Int { subscribers.count }

    /// The output paths of the pages open in a browser now.
    public var viewedPages: Set<String> { Set(pages.values) }

    /// After a good rebuild: every page reloads; with `only`, the clients whose page (its output
    /// path, nil when the client did not say) it accepts.
    public func reload(only: ((String?) -> Bool)? = nil) {
        lastError = nil
        let event = ServerEvent(name: "reload", data: "reload")
        for (id, c) in subscribers where only?(pages[id]) ?? true { c.yield(event) }
    }

    /// After a failed rebuild: every page shows these lines.
    public func failed(_ lines: [String]) {
        let event = ServerEvent(name: "error", data: lines.joined(separator: "\n"))
        lastError = event
        send(event)
    }

    /// A comment line that keeps idle connections open and finds the closed ones.
    public func heartbeat() { send(ServerEvent(name: "", data: "")) }

    public func close() {
        for c in subscribers.values { c.finish() }
        subscribers = [:]
        pages = [:]
    }

    private func send(_ event: ServerEvent) {
        for c in subscribers.values { c.yield(event) }
    }

    private func remove(_ id: Int) {
        subscribers[id] = nil
        pages[id] = nil
    }
}
