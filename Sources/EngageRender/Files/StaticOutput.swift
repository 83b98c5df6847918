import Foundation
import EngageModel

/// `static/` in the output: each file at its own address, unless Engage generates something there.
enum StaticOutput {
    /// Adds the static files to `files` (the generated ones); a static file whose address a
    /// generated file takes, or that would need a folder where a file is generated (or the
    /// reverse), is an error naming the static file.
    /// `alsoGenerated`: paths of generated files not in `files` (made later: the search index's).
    static func add(_ statics: [StaticFile], to files: inout [OutputFile], alsoGenerated: [String] = [], diagnostics: inout Diagnostics) {
        let problems = StaticCollisions.check(statics.map(\.path), generated: Set(files.map(\.path)).union(alsoGenerated))
        let colliding = Set(problems.map(\.path))
        for problem in problems { diagnostics.append(problem.diagnostic) }
        for file in statics where !colliding.contains(file.path) {
            files.append(OutputFile(path: file.path, data: file.data))
        }
    }
}
