import Foundation

/// The script `engage serve` adds to every HTML page it sends (never to the built files): it
/// listens to the server's events (saying which page it is on), reloads the page after a good
/// rebuild and shows the diagnostics of a failed one in a banner (role="alert") until the next
/// good build.
public enum LiveReload {
    /// The server-sent events stream (outside any base path, so it never collides with a page).
    public static let eventsPath = "/_engage/events"
    /// The query parameter of the events stream that names the page the browser shows (its
    /// path): a rebuild renders the pages open somewhere first.
    public static let pageParameter = "page"

    /// Marks the injected script (tests look for it).
    public static let marker = "data-engage-serve"

    public static let script = """
    <script \(marker)>
    (function () {
      if (!window.EventSource) return;
      var box = null;
      function clear() { if (box) { box.remove(); box = null; } }
      function show(text) {
        clear();
        box = document.createElement("div");
        box.setAttribute("role", "alert");
        box.setAttribute("style", "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;font:14px/1.4 monospace;white-space:pre-wrap");
        var title = document.createElement("strong");
        title.textContent = "engage serve: the last rebuild failed; this is the last good version of the page.";
        var pre = document.createElement("pre");
        pre.setAttribute("style", "margin:.5em 0 0;white-space:pre-wrap");
        pre.textContent = text;
        box.appendChild(title);
        box.appendChild(pre);
        document.body.appendChild(box);
      }
      var source = new EventSource("\(eventsPath)?\(pageParameter)=" + encodeURIComponent(location.pathname));
      source.addEventListener("reload", function () { location.reload(); });
      source.addEventListener("error", function (e) {
        if (typeof e.data === "string") show(e.data);
      });
    })();
    </script>
    """

    /// The page with the script inserted before its last `</body>` (or at the end).
    public static func inject(into html: Data) -> Data {
        let closing = Array("</body>".utf8)
        let bytes = [UInt8](html)
        var at = bytes.count
        if bytes.count >= closing.count {
            var i = bytes.count - closing.count
            while i >= 0 {
                if zip(bytes[i..<(i + closing.count)], closing).allSatisfy({ lower($0) == $1 }) { at = i; break }
                i -= 1
            }
        }
        var out = Data(bytes[..<at])
        out.append(contentsOf: Array(script.utf8))
        out.append(contentsOf: Array("\n".utf8))
        out.append(contentsOf: bytes[at...])
        return out
    }

    private static func lower(_ b: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) ? b + 32 : b
    }
}

/// One server-sent event, encoded as the `text/event-stream` format asks: every line of the
/// data on its own `data:` line.
public struct ServerEvent: Sendable, Equatable {
    public var name: String
    public var data: String

    public init(name: String, data: String) { self.name = name; self.data = data }

    /// An event without a name is a comment line (a heartbeat), which browsers ignore.
    public var encoded: String {
        if name.isEmpty { return ": ping\n\n" }
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false)
        return "event: \(name)\n" + lines.map { "data: \($0)\n" }.joined() + "\n"
    }
}
