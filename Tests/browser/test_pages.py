"""Every page of the sample site in headless Chromium, from file:// and under a sub-path over HTTP.

Each test is run for both builds ([file] and [http]) and lists every page that fails, with the
details, so one run shows all the problems. All of them are assertions; none is only a report.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawl import WIDTHS


def _fail_report(title: str, problems: dict[str, list[str]]) -> str:
    lines = [f"{title}: {len(problems)} page(s)"]
    for page, items in sorted(problems.items()):
        lines.append(f"  {page}")
        lines.extend(f"    {item}" for item in items)
    return "\n".join(lines)


def test_every_page_in_the_sitemap_was_built(site, crawl):
    sitemap = (site.folder / "sitemap.xml").read_text(encoding="utf-8")
    base_path = "/people/" if site.mode == "http" else "/"
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locs, "sitemap.xml lists no page"
    listed = {urlsplit(loc).path for loc in locs}
    built = {base_path + (page if page != "/" else "") for page in crawl if page != "404.html"}
    assert sorted(listed - built) == [], "in sitemap.xml but not built"
    assert sorted(built - listed) == [], "built but not in sitemap.xml"


def test_no_console_errors(crawl):
    problems = {page: r.console for page, r in crawl.items() if r.console}
    assert not problems, _fail_report("console errors", problems)


def test_no_failed_or_outside_requests(crawl):
    problems = {page: r.requests for page, r in crawl.items() if r.requests}
    assert not problems, _fail_report("failed requests, or requests leaving the machine", problems)


def test_every_image_loads(crawl):
    problems = {page: r.images for page, r in crawl.items() if r.images}
    assert not problems, _fail_report("images that did not load", problems)


def test_every_internal_link_resolves(crawl):
    problems = {page: r.links for page, r in crawl.items() if r.links}
    assert not problems, _fail_report("broken links", problems)


def test_no_horizontal_scroll_at_desktop_and_phone_widths(crawl):
    """WCAG 1.4.10 Reflow: the page itself must not scroll sideways at 1366 or 390 CSS px (a wide
    table may scroll inside its own container). An assertion, not a report. Scrollbars are hidden
    (--hide-scrollbars) as on a phone, so the whole width is the page's."""
    problems = {}
    for page, report in crawl.items():
        items = [f"{width}px wide: the page is {scroll}px wide; sticking out: {', '.join(culprits) or '?'}"
                 for width, (scroll, client, culprits) in sorted(report.overflow.items(), reverse=True)
                 if scroll > client]
        if items:
            problems[page] = items
    assert sorted(w for w in next(iter(crawl.values())).overflow) == sorted(WIDTHS)
    assert not problems, _fail_report("horizontal scroll", problems)


def _axe_items(violations: list[dict]) -> list[str]:
    items = []
    for v in violations:
        example = v["targets"][0] if v["targets"] else "?"
        items.append(f"{v['id']} ({v['impact']}; {', '.join(v['tags'])}): {v['help']} — "
                     f"{len(v['targets'])} element(s), e.g. {example}")
    return items


def _axe_summary(crawl, attribute: str) -> str:
    by_rule: dict[str, list[str]] = {}
    for page, report in sorted(crawl.items()):
        for v in getattr(report, attribute):
            by_rule.setdefault(v["id"], []).append(page)
    return "\n".join(f"  {rule}: {len(pages)} page(s): {', '.join(pages)}" for rule, pages in sorted(by_rule.items()))


def test_axe_finds_no_violations(crawl):
    problems = {page: _axe_items(r.axe) for page, r in crawl.items() if r.axe}
    assert not problems, _fail_report("axe-core violations", problems) + "\nBy rule:\n" + _axe_summary(crawl, "axe")


def test_axe_finds_no_contrast_violations_in_the_dark_scheme(crawl):
    problems = {page: _axe_items(r.axe_dark) for page, r in crawl.items() if r.axe_dark}
    assert not problems, (_fail_report("axe-core color-contrast, prefers-color-scheme: dark", problems)
                          + "\nBy rule:\n" + _axe_summary(crawl, "axe_dark"))
