import Yams

/// Reads the one setting serve needs from site.yml (the build itself checks the file and
/// reports its problems; this never does).
enum SiteSettingsPeek {
    static func baseURL(yaml: String) -> String? {
        guard let root = try? Yams.load(yaml: yaml) as? [String: Any] else { return nil }
        return (root["base_url"] as? String)?.trimmingCharacters(in: .whitespaces)
    }
}
