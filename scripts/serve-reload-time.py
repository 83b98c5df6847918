#!/usr/bin/env python3
"""Time from saving one page to serve's `reload` event (docs/performance.md, issue 13).

    python3 scripts/serve-reload-time.py ENGAGE_BIN SOURCE PORT [RUNS]

Starts `ENGAGE_BIN serve --source SOURCE --port PORT`, waits for the first build, then RUNS
times: connects to /_engage/events, appends a line to content/pages/page-00042.md (the bench
site's edited page) and prints the milliseconds until `event: reload`. serve's log goes to
/tmp/serve-reload-time.log.

Front matter edits: EDIT=FIELD changes the first `FIELD:` line of the file instead (a number
stays a number), and PAGE picks the file, e.g.
    EDIT=title python3 scripts/serve-reload-time.py BIN SRC 8765
    EDIT=headcount PAGE=content/teams/team-001.md python3 scripts/serve-reload-time.py BIN SRC 8765

The page open in the browser: VIEW=/pages/page-00042/ connects to the events as that page's
injected script does (serve renders the open pages first, the others a front matter change
reaches after the reload), and after each reload event fetches that page again, printing the
time until it has arrived too.
    EDIT=title VIEW=/pages/page-00042/ python3 scripts/serve-reload-time.py BIN SRC 8765
"""
import http.client, os, re, socket, subprocess, sys, time, urllib.parse
bin_, src, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
page = os.path.join(src, os.environ.get("PAGE", "content/pages/page-00042.md"))
field = os.environ.get("EDIT")
view = os.environ.get("VIEW")

def edit_field(text, i):
    def change(m):
        old = m.group(2).strip()
        return "%s: %s" % (m.group(1), 10 + i if old.isdigit() else '"Serve %s %d"' % (m.group(1), i))
    return re.sub(r"^(%s): (.*)$" % re.escape(field), change, text, count=1, flags=re.M)
log = open("/tmp/serve-reload-time.log", "w")
p = subprocess.Popen([bin_, "serve", "--source", src, "--port", str(port)], stdout=log, stderr=log)
try:
    t = time.time()
    while True:
        # Ready once the first build is done (a folder left by an earlier run answers sooner).
        with open("/tmp/serve-reload-time.log") as f:
            if any(line.startswith(("Built ", "Build failed")) for line in f): break
        if time.time() - t > 300: raise SystemExit("serve did not come up")
        time.sleep(0.2)
    print("first build ready after %.1f s" % (time.time() - t), flush=True)
    time.sleep(2)
    for i in range(runs):
        s = socket.create_connection(("127.0.0.1", port))
        query = "?page=" + urllib.parse.quote(view, safe="") if view else ""
        s.sendall(("GET /_engage/events%s HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n" % query).encode())
        s.settimeout(60)
        buf = b""
        time.sleep(0.5)
        try:
            while True:  # drain what is already there
                s.settimeout(0.2); d = s.recv(65536)
                if not d: break
                buf += d
        except socket.timeout: pass
        s.settimeout(60)
        if field:
            with open(page) as f: text = f.read()
            with open(page, "w") as f: f.write(edit_field(text, i))
        else:
            with open(page, "a") as f: f.write("\nServe edit %d.\n" % i)
        t0 = time.time()
        got = b""
        while b"event: reload" not in got and b"event: failed" not in got:
            d = s.recv(65536)
            if not d: break
            got += d
        dt = (time.time() - t0) * 1000
        fetched = ""
        if view:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            c.request("GET", view); r = c.getresponse(); r.read(); c.close()
            fetched = ", %s fetched (%d) after %.0f ms" % (view, r.status, (time.time() - t0) * 1000)
        print("run %d: %s after %.0f ms%s" % (i, "reload" if b"reload" in got else got[:200], dt, fetched), flush=True)
        s.close()
        time.sleep(1.5)
finally:
    p.terminate(); p.wait()
    log.close()
