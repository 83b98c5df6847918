/// Debounces change notifications and runs rebuilds one at a time: a rebuild starts `delay`
/// after the last change; changes that arrive while a rebuild runs cause exactly one more
/// rebuild after it (debounced again), never a second one alongside it. Each rebuild is told
/// which paths changed since the last one started (nil: not known).
public actor RebuildScheduler {
    private let delay: Duration
    private let rebuild: @Sendable (Set<String>?) async -> Void
    /// Paths changed since the last rebuild started; nil once some change's paths are unknown.
    private var pending: Set<String>? = []
    private var running = false
    private var changedWhileRunning = false
    private var generation = 0
    private var timer: Task<Void, Never>?

    public init(delay: Duration = .milliseconds(100), rebuild: @escaping @Sendable () async -> Void) {
        self.delay = delay
        self.rebuild = { _ in await rebuild() }
    }

    public init(delay: Duration = .milliseconds(100), rebuildPaths: @escaping @Sendable (Set<String>?) async -> Void) {
        self.delay = delay
        self.rebuild = rebuildPaths
    }

    /// Something in the source changed: `paths` (nil: not known which).
    public func changed(_ paths: Set<String>? = nil) {
        if let paths, pending != nil { pending?.formUnion(paths) } else { pending = nil }
        schedule()
    }

    private func schedule() {
        if running { changedWhileRunning = true; return }
        generation += 1
        let mine = generation
        timer?.cancel()
        timer = Task { [delay] in
            try? await Task.sleep(for: delay)
            guard !Task.isCancelled else { return }
            await self.fire(mine)
        }
    }

    /// Stops any rebuild that is waiting for its delay.
    public func cancel() {
        generation += 1
        timer?.cancel()
        timer = nil
    }

    /// Rebuilds now, without the delay (serve's first build), under the same rule: never while
    /// another rebuild runs (then it only asks for the follow-up).
    public func runNow() async {
        pending = nil
        generation += 1
        timer?.cancel()
        await run()
    }

    private func fire(_ mine: Int) async {
        guard mine == generation else { return }
        await run()
    }

    private func run() async {
        if running { changedWhileRunning = true; return }
        running = true
        let paths = pending
        pending = []
        await rebuild(paths)
        running = false
        if changedWhileRunning {
            changedWhileRunning = false
            schedule()
        }
    }
}
