/// Fans the server's events out to every open page. It remembers whether the last build
/// failed, so a page that connects (or reloads) while the site is broken is shown the
/// diagnostics at once.
public actor EventHub {
    private var subscribers: [Int: AsyncStream<ServerEvent>.Continuation] = [:]
    private var next = 0
    private var lastError: ServerEvent?

    public init() {}

    /// A stream of events for one client; it ends when the client goes or the hub closes.
    public func subscribe() -> AsyncStream<ServerEvent> {
        let (stream, continuation) = AsyncStream<ServerEvent>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = next
        next += 1
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        if let lastError { continuation.yield(lastError) }
        return stream
    }

    public var count: Int { subscribers.count }

    /// After a good rebuild: every page reloads.
    public func reload() {
        lastError = nil
        send(ServerEvent(name: "reload", data: "reload"))
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
    }

    private func send(_ event: ServerEvent) {
        for c in subscribers.values { c.yield(event) }
    }

    private func remove(_ id: Int) { subscribers[id] = nil }
}
