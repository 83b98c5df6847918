import Foundation

/// Runs `transform` over `items` on all cores and returns the results in order.
package func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 2 { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    let box = ResultsBox(results)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        box.buffer[index] = transform(items[index])
    }
    // Moved out, so the buffer holds no references when it is freed (copying them out and then
    // deallocating leaked every result: each rendered page stayed in memory to the end).
    var out: [R] = []
    out.reserveCapacity(items.count)
    for index in results.indices {
        if let result = results.moveElement(from: index) { out.append(result) }
    }
    results.deallocate()
    return out
}

private final class ResultsBox<R>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<R?>
    init(_ buffer: UnsafeMutableBufferPointer<R?>) { self.buffer = buffer }
}

package func joinPath(_ a: String, _ b: String) -> String {
    if a.isEmpty || a == "." { return b }
    return a.hasSuffix("/") ? a + b : a + "/" + b
}
