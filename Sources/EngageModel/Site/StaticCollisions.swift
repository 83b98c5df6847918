/// A file of `static/` may not take an address Engage generates, nor need a folder where a file is
/// generated (or the reverse), nor differ from a generated address only in upper and lower case
/// (one file on macOS and Windows disks). Checked when the site is loaded, against every page
/// address, and again when it is rendered, against the theme's files too, so every static file
/// that collides is reported in the same run as the other errors.
public enum StaticCollisions {
    /// The static files (paths relative to `static/`) that collide with `generated` (output paths),
    /// each with its error; the others are fine to copy.
    public static func check(_ statics: [String], generated: Set<String>) -> [(path: String, diagnostic: Diagnostic)] {
        guard !statics.isEmpty else { return [] }
        var folders: Set<String> = []
        for path in generated {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/"))
                parts.removeLast()
            }
        }
        let lowercased = Dictionary(generated.map { ($0.lowercased(), $0) }, uniquingKeysWith: min)
        var problems: [(String, Diagnostic)] = []
        for path in statics {
            let source = "static/\(path)"
            func error(_ message: String) { problems.append((path, .error(source, .start, message))) }
            if generated.contains(path) {
                let what = path.hasSuffix("index.html") || path == "404.html" ? "a page" : "a file"
                error("'\(source)' would be written to '/\(path)', where Engage writes \(what) of its own; rename or move the static file")
                continue
            }
            if folders.contains(path) {
                error("'\(source)' would be written to '/\(path)', but Engage writes pages inside the folder '/\(path)/'; rename or move the static file")
                continue
            }
            var parts = path.split(separator: "/").dropLast()
            var clash: String?
            while !parts.isEmpty {
                let folder = parts.joined(separator: "/")
                if generated.contains(folder) { clash = folder }
                parts.removeLast()
            }
            if let clash {
                error("'\(source)' would need a folder '/\(clash)/', but Engage writes the file '/\(clash)'; rename or move the static folder")
                continue
            }
            if let twin = lowercased[path.lowercased()] {
                error("'\(source)' would be written to '/\(path)', which differs only in upper and lower case from '/\(twin)' that Engage writes (one file on macOS and Windows disks); rename the static file")
            }
        }
        return problems
    }
}
