import Foundation
import EngageModel

/// `static/` in the output: each file at its own address, unless Engage generates something there.
enum StaticOutput {
    /// Adds the static files to `files` (the generated ones); a static file whose address a
    /// generated file takes, or that would need a folder where a file is generated (or the
    /// reverse), is an error naming the static file.
    static func add(_ statics: [StaticFile], to files: inout [OutputFile], diagnostics: inout Diagnostics) {
        guard !statics.isEmpty else { return }
        let generated = Set(files.map(\.path))
        var folders: Set<String> = []
        for path in generated {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/"))
                parts.removeLast()
            }
        }
        for file in statics {
            let source = "static/\(file.path)"
            if generated.contains(file.path) {
                let what = file.path.hasSuffix("index.html") || file.path == "404.html" ? "a page" : "a file"
                diagnostics.error(source, .start, "'\(source)' would be written to '/\(file.path)', where Engage writes \(what) of its own; rename or move the static file")
                continue
            }
            if folders.contains(file.path) {
                diagnostics.error(source, .start, "'\(source)' would be written to '/\(file.path)', but Engage writes pages inside the folder '/\(file.path)/'; rename or move the static file")
                continue
            }
            var parts = file.path.split(separator: "/").dropLast()
            var clash: String?
            while !parts.isEmpty {
                let folder = parts.joined(separator: "/")
                if generated.contains(folder) { clash = folder }
                parts.removeLast()
            }
            if let clash {
                diagnostics.error(source, .start, "'\(source)' would need a folder '/\(clash)/', but Engage writes the file '/\(clash)'; rename or move the static folder")
                continue
            }
            files.append(OutputFile(path: file.path, data: file.data))
        }
    }
}
