import FlyingFox
import FlyingSocks

/// The body of the `text/event-stream` response: the hub's events as bytes, for as long as
/// the client stays (FlyingFox sends it with chunked transfer encoding).
struct EventStreamBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let events: AsyncStream<ServerEvent>

    func makeAsyncIterator() -> Iterator { Iterator(events: events.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<ServerEvent>.AsyncIterator
        var pending: [UInt8] = []
        /// The first chunk opens the stream at once (a comment), so the client sees the headers.
        var opened = false

        mutating func next() async throws -> UInt8? {
            if pending.isEmpty, let more = try await nextBuffer(suggested: 4096) { pending = more }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if !pending.isEmpty { defer { pending = [] }; return pending }
            if !opened { opened = true; return Array(": engage serve\n\n".utf8) }
            guard let event = await events.next() else { return nil }
            return Array(event.encoded.utf8)
        }
    }
}
