"""The programs index (issue 11, Programs v2) at 1366×900 and 390×844 in the sample site.

At 1366 px every ROI in the "ranked by ROI" table is on screen without scrolling sideways (the
page and the ranking's box both fit). On a phone the page never scrolls sideways (screen-reader
labels stay inside the scroll boxes), and the detailed comparison's program column stays at the
box's left edge when the box is scrolled to its end.
"""

from __future__ import annotations

import pytest

from conftest import Site

SIZES = {"desktop": (1366, 900, False), "phone": (390, 844, True)}


def _open(driver, site: Site, size: str, page: str) -> None:
    width, height, mobile = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    driver.get(site.url(page))


@pytest.fixture
def sized(driver):
    yield driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_roi_ranking_is_visible_without_sideways_scrolling(file_site, sized):
    _open(sized, file_site, "desktop", "programs/")
    m = sized.execute_script(
        "const t = document.querySelector('#by-roi').parentElement.querySelector('table');"
        "const box = t.parentElement;"
        "const cells = [...t.querySelectorAll('tbody tr')].map(r => r.children[2].getBoundingClientRect());"
        "return {page: [document.documentElement.scrollWidth, window.innerWidth],"
        "        box: [box.scrollWidth, box.clientWidth], rights: cells.map(c => c.right),"
        "        texts: [...t.querySelectorAll('tbody tr')].map(r => r.children[2].textContent.trim())};")
    assert m["page"][0] <= m["page"][1], f"the page scrolls sideways: {m['page']}"
    assert m["box"][0] <= m["box"][1], f"the ROI ranking scrolls sideways: {m['box']}"
    assert m["rights"] and all(r <= m["page"][1] for r in m["rights"]), m
    assert all("turnover savings only" in t or "Too early" in t or "Not enough" in t for t in m["texts"]), m["texts"]


@pytest.mark.parametrize("page", ["programs/", "programs/skills-academy/",
                                  "programs/compare/skills-academy-vs-thank-you-thursdays/"])
def test_program_pages_do_not_scroll_sideways_on_a_phone(file_site, sized, page):
    _open(sized, file_site, "phone", page)
    width = sized.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    assert width[0] <= width[1], f"{page} scrolls sideways on a phone: {width}"


def test_program_column_stays_in_view_on_a_phone(file_site, sized):
    _open(sized, file_site, "phone", "programs/")
    m = sized.execute_script(
        "const box = document.querySelector('table.program-table').parentElement;"
        "box.scrollLeft = box.scrollWidth;"
        "const b = box.getBoundingClientRect();"
        "const heads = [...box.querySelectorAll('tbody th[scope=row]')].map(th => th.getBoundingClientRect().left - b.left);"
        "return {scrolled: box.scrollLeft, heads: heads};")
    assert m["scrolled"] > 300, f"the comparison box does not scroll sideways on a phone: {m}"
    assert m["heads"] and all(abs(x) <= 1 for x in m["heads"]), f"the program column scrolled away: {m}"


def test_detailed_comparison_fits_a_1366px_screen(file_site, sized):
    """Issue 11: the detailed comparison (facts folded into four columns) does not scroll sideways
    at 1366 px, and every program's ROI, with "turnover savings only", is on screen."""
    _open(sized, file_site, "desktop", "programs/")
    m = sized.execute_script(
        "const t = document.querySelector('table.program-table'); const box = t.parentElement;"
        "const rois = [...t.querySelectorAll('tbody tr')].map(r => [...r.querySelectorAll('li')]"
        "  .find(li => li.textContent.startsWith('Estimated ROI'))).filter(Boolean);"
        "return {page: [document.documentElement.scrollWidth, window.innerWidth],"
        "        box: [box.scrollWidth, box.clientWidth], rows: t.querySelectorAll('tbody tr').length,"
        "        rights: rois.map(li => li.getBoundingClientRect().right),"
        "        texts: rois.map(li => li.textContent.trim())};")
    assert m["page"][0] <= m["page"][1], f"the page scrolls sideways: {m['page']}"
    assert m["box"][0] <= m["box"][1], f"the detailed comparison scrolls sideways at 1366px: {m['box']}"
    assert len(m["rights"]) == m["rows"] == 3, m
    assert all(r <= m["page"][1] for r in m["rights"]), m
    assert any("turnover savings only" in t for t in m["texts"]), m["texts"]
