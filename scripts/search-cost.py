#!/usr/bin/env python3
"""What a search costs in a browser: bytes loaded by the first search and milliseconds per query.

    python3 scripts/search-cost.py SITE_FOLDER [QUERY ...]

SITE_FOLDER is a built site (e.g. the 10,000-page benchmark: GENERATE_ONLY=1 bash
scripts/bench.sh /tmp/search-bench, then engage build --source /tmp/search-bench/engage
--output /tmp/search-bench-out). Opens its search page from file:// in headless Chromium
(selenium, /usr/bin/chromium and /usr/bin/chromedriver, as the browser tests use) and, for each
query, on a freshly loaded page:
  - first: EngageSearch.search(query) timed with performance.now(), loading included, and the
    bytes of the index files it loaded (sizes on disk of the search/*.js scripts the page added);
  - warm: the same query again, files loaded: the median and the worst of 20 runs of
    EngageSearch.rank(query) (the ranking alone) and of EngageSearch.search(query) (ranking plus
    summaries, what a keystroke costs).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

QUERIES = ["policy", "onboarding goal", "team lead", "care", "page 4242", "zzqx"]

FIRST = """
const [q, done] = [arguments[0], arguments[arguments.length - 1]];
const t0 = performance.now();
EngageSearch.search(q, 100, 20).then(r => {
  const ms = performance.now() - t0;
  const files = [...document.querySelectorAll("script[src]")].map(e => e.src).filter(n => n.includes("/search/"));
  done({ms, total: r.total, files});
}, e => done({error: String(e)}));
"""

WARM = """
const [q, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const rank = [], search = [];
  for (let i = 0; i < 20; i++) {
    let t = performance.now(); EngageSearch.rank(q); rank.push(performance.now() - t);
    t = performance.now(); await EngageSearch.search(q, 100, 20); search.push(performance.now() - t);
  }
  done({rank, search});
})();
"""


def main() -> None:
    folder = Path(sys.argv[1]).resolve()
    queries = sys.argv[2:] or QUERIES
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(60)
    page = (folder / "search" / "index.html").as_uri()
    print(f"{'query':<18} {'results':>7} {'first: KB':>9} {'files':>5} {'ms':>6}   warm rank ms (median/max)   warm search ms (median/max)")
    try:
        for q in queries:
            driver.get(page)
            first = driver.execute_async_script(FIRST, q)
            if "error" in first:
                raise SystemExit(f"{q}: {first['error']}")
            root = unquote(urlsplit(page).path)[: -len("search/index.html")]
            size = sum((folder / unquote(urlsplit(f).path)[len(root):]).stat().st_size for f in first["files"])
            warm = driver.execute_async_script(WARM, q)
            r, s = warm["rank"], warm["search"]
            print(f"{q:<18} {first['total']:>7} {size / 1000:>9.0f} {len(first['files']):>5} {first['ms']:>6.0f}"
                  f"   {statistics.median(r):>8.1f} / {max(r):<8.1f}          {statistics.median(s):>8.1f} / {max(s):<8.1f}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
