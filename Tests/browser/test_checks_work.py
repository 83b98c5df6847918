"""The crawl's checks themselves: a page with one known problem of each kind must be caught, and
a clean page must pass, so a green run of test_pages.py means something."""

from __future__ import annotations

from conftest import Site
from crawl import _axe_script, visit

BROKEN = """<!doctype html>
<html><head><meta charset="utf-8"><title>broken</title>
<link rel="stylesheet" href="missing.css"></head>
<body>
<img src="missing.png" alt="gone">
<a href="nowhere/index.html">a broken link</a>
<a href="sub/">a folder link</a>
<a href="#no-such-id">a broken fragment</a>
<input type="text">
<div style="width: 2000px">too wide</div>
<script>undefinedFunction();</script>
</body></html>
"""

CLEAN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>clean</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main id="main"><h1>Clean</h1><p><a href="#main">Top</a> <a href="sub/index.html">Sub</a></p></main></body></html>
"""


def _site(tmp_path, html: str) -> Site:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    return Site("file", tmp_path, tmp_path.as_uri() + "/")


def test_a_page_with_every_problem_is_caught(tmp_path, driver):
    site = _site(tmp_path, BROKEN)
    report = visit(driver, site, site.url(""), _axe_script())
    assert any("undefinedFunction is not defined" in line for line in report.console), report.console
    assert any(r.startswith("net::ERR_FILE_NOT_FOUND") and r.endswith("missing.css") for r in report.requests), report.requests
    assert any(r.endswith("missing.png") for r in report.requests), report.requests
    assert [i.rsplit("/", 1)[1] for i in report.images] == ["missing.png"]
    assert [line.split(": ", 1)[1] for line in report.links] == [
        "no element with this id",
        "no such file",
        "a folder (from file:// it shows a listing, not index.html)",
    ], report.links
    scroll, client, culprits = report.overflow[390]
    assert scroll > client and culprits == ["1 × div (right edge up to 2008px)"], report.overflow
    assert {"html-has-lang", "label"} <= {v["id"] for v in report.axe}, report.axe


def test_a_clean_page_passes_every_check(tmp_path, driver):
    site = _site(tmp_path, CLEAN)
    report = visit(driver, site, site.url(""), _axe_script())
    assert (report.console, report.requests, report.images, report.links, report.axe, report.axe_dark) == \
        ([], [], [], [], [], [])
    assert all(scroll <= client for scroll, client, _ in report.overflow.values()), report.overflow
