import Foundation
import EngageModel

/// The site's own `templates/` folder: every file in it (name → text). What the files mean is
/// the theme's business (Render); this only reads them, reporting unreadable files, folders and
/// links that lead outside the source.
public enum TemplateFolder {
    /// `accepts` says which file names mean something to the theme; others get a warning and are not read.
    public static func read(source: String, fileSystem: any SourceFileSystem, accepts: (String) -> Bool,
                            diagnostics: inout Diagnostics) -> [String: String] {
        var files: [String: String] = [:]
        let folders = SourceFolders(source: source, fileSystem: fileSystem)
        for name in (folders.list("templates", holding: "'.mustache' templates", &diagnostics) ?? []).sorted() where !name.hasPrefix(".") {
            let path = "templates/\(name)"
            guard folders.checkLink(path, fileSystem.entry(joinPath(source, path)), &diagnostics) else { continue }
            if fileSystem.isDirectory(joinPath(source, path)) {
                diagnostics.warning(path, .start, "folders inside templates/ are not read")
                continue
            }
            guard accepts(name) else {
                diagnostics.warning(path, .start, "templates/ holds '.mustache' templates and '.css' stylesheets; this file is ignored")
                continue
            }
            do {
                let data = try fileSystem.read(joinPath(source, path))
                if let text = SourceText.decode(data, path: path, diagnostics: &diagnostics) { files[name] = text }
            } catch {
                diagnostics.error(path, .start, SourceFolders.fileMessage(path, error).replacingOccurrences(of: "cannot read file", with: "cannot read template"))
            }
        }
        return files
    }
}
