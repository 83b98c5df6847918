"""Visits every page of a built site once in headless Chromium and records what a person would hit.

For each page (every index.html under the output folder, plus 404.html over HTTP):
  - console: the browser log's SEVERE entries (script errors, "Failed to load resource", CSP, …);
  - requests: every request that failed (HTTP status >= 400, or a load error such as
    net::ERR_FILE_NOT_FOUND) and every request that left the machine (anything not file:// or
    the loopback server): the site must work offline;
  - images that did not decode (naturalWidth 0);
  - links: every <a href> inside the site must point at an existing file (from file:// a link to
    a folder shows a listing, not its index.html, so it counts as broken), stay under the site's
    root, and a same-page #fragment must name an element that exists;
  - overflow: document scrollWidth against clientWidth at 1366 and 390 CSS px wide;
  - axe: axe-core's violations with its default rules (WCAG 2.0/2.1/2.2 A and AA plus its
    best practices), in the light colour scheme, and color-contrast again in the dark one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

WIDTHS = (1366, 390)
HEIGHT = 900


@dataclass
class PageReport:
    url: str
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    overflow: dict[int, tuple[int, int, list[str]]] = field(default_factory=dict)  # width -> (scrollWidth, clientWidth, culprits)
    axe: list[dict] = field(default_factory=list)                       # violations, light scheme
    axe_dark: list[dict] = field(default_factory=list)                  # color-contrast, dark scheme


def _axe_script() -> str:
    from axe_selenium_python.axe import _DEFAULT_SCRIPT
    with open(_DEFAULT_SCRIPT, encoding="utf-8") as f:
        return f.read()


def _set_width(driver, width: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})


def _set_scheme(driver, scheme: str) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def _run_axe(driver, options: dict) -> list[dict]:
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done(r.violations), e => done({error: String(e)}));",
        options,
    )
    if isinstance(result, dict) and "error" in result:
        raise RuntimeError(f"axe-core failed: {result['error']}")
    return [
        {
            "id": v["id"],
            "impact": v.get("impact"),
            "help": v.get("help"),
            "tags": [t for t in v.get("tags", []) if t.startswith(("wcag", "best-practice"))],
            "targets": [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])],
            "summary": (v.get("nodes") or [{}])[0].get("failureSummary", ""),
        }
        for v in result
    ]


def _drain(driver) -> None:
    driver.get_log("browser")
    driver.get_log("performance")


def _local(url: str, site) -> bool:
    if site.mode == "file":
        return url.startswith("file://")
    parts = urlsplit(site.base)
    return url.startswith(f"{parts.scheme}://{parts.netloc}/")


def _requests(driver, site) -> list[str]:
    urls: dict[str, str] = {}
    problems: list[str] = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            urls[params["requestId"]] = url
            if not url.startswith(("data:", "blob:", "about:")) and not _local(url, site):
                problems.append(f"request outside the site: {url}")
        elif method == "Network.responseReceived":
            status = params["response"].get("status", 0)
            if status >= 400:
                problems.append(f"HTTP {status}: {params['response']['url']}")
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            url = urls.get(params["requestId"], "?")
            problems.append(f"{params.get('errorText', 'failed')}: {url}")
    return sorted(set(problems))


_PAGE_FACTS = """
const links = [...document.querySelectorAll('a[href]')].map(a => a.href);
const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
const images = [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.currentSrc || i.src);
return {links, ids, images, page: location.href.split('#')[0]};
"""


_OVERFLOW = """
const root = document.documentElement, limit = root.clientWidth;
const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.classList.length ? '.' + [...e.classList].join('.') : '');
const escapes = p => p === 'absolute' || p === 'fixed';
// Clipped by a scrolling ancestor? An absolutely positioned element is clipped only by the
// ancestors from its containing block (the nearest positioned one) upwards.
const contained = e => {
  let abs = escapes(getComputedStyle(e).position);
  for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (s.overflowX !== 'visible' && (!abs || s.position !== 'static')) return true;
    if (abs && s.position !== 'static') abs = escapes(s.position);
  }
  return false;
};
const wide = [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > limit + 0.5 && !contained(e));
// The outermost ones: an element whose parent also sticks out is named by its parent.
const groups = new Map();
for (const e of wide.filter(e => !wide.includes(e.parentElement))) {
  const key = name(e), right = Math.round(e.getBoundingClientRect().right);
  const [count, max] = groups.get(key) || [0, 0];
  groups.set(key, [count + 1, Math.max(max, right)]);
}
const culprits = [...groups].map(([key, [count, max]]) => `${count} × ${key} (right edge up to ${max}px)`);
return [root.scrollWidth, limit, culprits.slice(0, 5)];
"""


def _link_target(site, url: str) -> Path | None:
    """The file a site-internal URL names, or None when the URL is outside the site."""
    if not url.startswith(site.base):
        return None
    rel = unquote(urlsplit(url).path)[len(unquote(urlsplit(site.base).path)):]
    return site.folder / rel


def _links(site, facts: dict) -> list[str]:
    problems = []
    ids = set(facts["ids"])
    for href in sorted(set(facts["links"])):
        url, fragment = urldefrag(href)
        scheme = urlsplit(url).scheme
        if scheme in ("mailto", "tel", "javascript") or (scheme in ("http", "https") and not _local(url, site)):
            continue   # a link to elsewhere is the content's business, and is not followed offline
        if url == facts["page"]:
            if fragment and unquote(fragment) not in ids:
                problems.append(f"#{fragment}: no element with this id")
            continue
        target = _link_target(site, url)
        if target is None:
            problems.append(f"{href}: outside the site ({site.base})")
        elif target.is_dir():
            if site.mode == "file":
                problems.append(f"{href}: a folder (from file:// it shows a listing, not index.html)")
            elif not (target / "index.html").is_file():
                problems.append(f"{href}: a folder without index.html")
        elif not target.is_file():
            problems.append(f"{href}: no such file")
    return problems


def visit(driver, site, url: str, axe_source: str) -> PageReport:
    report = PageReport(url)
    _set_width(driver, WIDTHS[0])
    _set_scheme(driver, "light")
    _drain(driver)
    driver.get(url)
    facts = driver.execute_script(_PAGE_FACTS)
    for width in WIDTHS:
        _set_width(driver, width)
        scroll, client, culprits = driver.execute_script(_OVERFLOW)
        report.overflow[width] = (scroll, client, culprits)
    _set_width(driver, WIDTHS[0])
    driver.execute_script(axe_source)
    # From file:// every stylesheet is cross-origin ("null"), and axe's preload would fetch it with
    # XMLHttpRequest, which Chromium blocks and logs as an error: the test's noise, not the site's.
    # Preload only serves css-orientation-lock, which the [http] build still checks.
    options = {"resultTypes": ["violations"], "preload": site.mode != "file"}
    report.axe = _run_axe(driver, options)
    _set_scheme(driver, "dark")
    report.axe_dark = _run_axe(driver, {**options, "runOnly": ["color-contrast"]})
    _set_scheme(driver, "light")
    report.console = [f"{e['level']}: {e['message']}" for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    report.requests = _requests(driver, site)
    report.images = facts["images"]
    report.links = _links(site, facts)
    return report


def crawl_site(driver, site) -> dict[str, PageReport]:
    axe_source = _axe_script()
    pages = {rel or "/": site.url(rel) for rel in site.pages()}
    if site.mode == "http" and (site.folder / "404.html").is_file():
        pages["404.html"] = site.base + "404.html"
    return {name: visit(driver, site, url, axe_source) for name, url in pages.items()}
