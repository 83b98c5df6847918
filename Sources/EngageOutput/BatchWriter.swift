import Foundation
import EngageModel

/// The writer thread of a generation (`Generation.make(paths:…)`): batches of files are handed
/// over with `send` while the caller makes the next ones, and written one file at a time, in
/// order, by `put`. At most `depth` batches wait, so memory holds a few batches, not the site.
/// The first error stops the writing; `send` and `finish` then throw it.
final class BatchWriter: @unchecked Sendable {
    struct Result {
        var written: [String] = []
        var unchanged = 0
        var hashes: [String: ContentHash] = [:]
    }

    private let put: (OutputFile) throws -> (hash: ContentHash, written: Bool)
    private let depth: Int
    private let condition = NSCondition()
    private var queue: [[OutputFile]] = []
    private var closed = false, stopped = false, finished = false
    private var error: Error?
    private var result = Result()

    init(depth: Int = 2, put: @escaping (OutputFile) throws -> (hash: ContentHash, written: Bool)) {
        self.depth = depth
        self.put = put
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "engage-writer"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Hands a batch over; waits while `depth` batches are waiting. Throws the writer's error.
    func send(_ batch: [OutputFile]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && error == nil && !stopped { condition.wait() }
        if let error { throw error }
        queue.append(batch)
        condition.broadcast()
    }

    /// No more batches: waits until every batch is written and returns what was done.
    func finish() throws -> Result {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        if let error { throw error }
        return result
    }

    /// The caller failed: drop what is waiting and wait for the thread to end.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        queue = []
        condition.broadcast()
        while !finished { condition.wait() }
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed && !stopped { condition.wait() }
            if queue.isEmpty || stopped || error != nil {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            var local = Result()
            var failure: Error?
            for file in batch {
                do {
                    let (hash, written) = try put(file)
                    if local.hashes.updateValue(hash, forKey: file.path) != nil {
                        failure = OutputError(path: file.path, message: "internal error: this file was made twice")
                        break
                    }
                    if written { local.written.append(file.path) } else { local.unchanged += 1 }
                } catch {
                    failure = error
                    break
                }
            }
            condition.lock()
            result.written.append(contentsOf: local.written)
            result.unchanged += local.unchanged
            for (path, hash) in local.hashes where result.hashes.updateValue(hash, forKey: path) != nil {
                failure = failure ?? OutputError(path: path, message: "internal error: this file was made twice")
            }
            if let failure, error == nil { error = failure }
            condition.broadcast()
            condition.unlock()
        }
    }
}
