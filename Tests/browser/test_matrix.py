"""The competency matrix at real size (issue 10): 10 levels × 60 competencies, several lines a cell.

A temporary copy of the sample site gets one generated pathway (version 1 format). Its page is
opened at 1366×900 and 390×844; the matrix box is scrolled far down and far right (and the window
too), and the level header cells and the competency name cells must still be on screen, inside the
box's visible rectangle and not covered by anything (elementFromPoint finds them). The page itself
must not scroll sideways, and the box must scroll from the keyboard. Printing it (Chromium's own
PDF) must repeat the level header on every page the matrix covers.

Screenshots go to $ENGAGE_SCREENSHOTS when it is set (to look at them), else to a temporary folder.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import ROOT, Site, _build, _missing

LEVELS = 10
ROWS = 60
SLUG = "big-matrix"
WORDS = ("Plans", "reviews", "and explains", "the team's", "work with", "colleagues across", "the service,",
         "keeps records", "that others", "can follow,", "and raises", "risks early", "with a clear", "proposal")


def level_title(n: int) -> str:
    return f"Level {n} Specialist"


def competency_name(n: int) -> str:
    return f"Competency {n:02d} stakeholder communication"


def big_pathway() -> str:
    """A version 1 pathway: 10 levels, 60 competencies in 6 themes, a long sentence in most cells
    and some cells left out (so they show as "unchanged")."""
    lines = ["---", "title: Big Matrix", "family: Test",
             "summary: A generated pathway of real size for the browser tests.", "levels:"]
    for n in range(1, LEVELS + 1):
        lines += [f"  - id: l{n}", f"    title: {level_title(n)}", f"    summary: Summary of level {n}."]
    lines.append("competencies:")
    for row in range(1, ROWS + 1):
        lines += [f"  - id: c{row}", f"    name: {competency_name(row)}",
                  f"    theme: Theme {(row - 1) // 10 + 1}", "    expectations:"]
        for n in range(1, LEVELS + 1):
            if n > 1 and (row + n) % 4 == 0:
                continue
            text = " ".join(WORDS[(row + n + i) % len(WORDS)] for i in range(14))
            lines.append(f"      l{n}: Row {row} level {n}. {text}.")
    lines += ["---", "A pathway with a matrix as large as a real one.", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def big_site(workdir) -> Site:
    source = workdir / "matrix-source"
    for name in ("content", "static", "templates"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name)
    (source / "content" / "pathways" / f"{SLUG}.md").write_text(big_pathway(), encoding="utf-8")
    folder = workdir / "matrix-site"
    _build(source, folder)
    return Site("file", folder, folder.as_uri() + "/")


# Pathways version 2 may put a row of track names above the level names and wrap a theme's name in
# an element. Until its templates exist, the built page is rewritten into the two shapes such a
# header can take, so the stylesheet is held to them too: the corner cell spanning both header rows,
# or an empty corner cell above "Competency".
VARIANTS = ("v1", "tracks-rowspan", "tracks-empty-corner")


def _tracks_row(corner: str) -> str:
    return (f"<tr>{corner}<th scope=\"colgroup\" colspan=\"4\"><span>Individual contributor track</span></th>"
            f"<th scope=\"colgroup\" colspan=\"{LEVELS - 4}\"><span>People manager track</span></th></tr>")


def _variant(html: str, variant: str) -> str:
    html = re.sub(r'(<tr class="theme-row"><th [^>]*>)([^<]*)</th>', r"\1<span>\2</span></th>", html)
    if variant == "tracks-rowspan":
        html, count = re.subn(r'<thead>\s*<tr>\s*<th scope="col">Competency</th>',
                              "<thead>" + _tracks_row('<th scope="col" rowspan="2">Competency</th>') + "<tr>", html)
    else:
        html, count = re.subn(r"<thead>\s*<tr>", "<thead>" + _tracks_row("<td></td>") + "<tr>", html)
    assert count == 1, f"the matrix header was not found to rewrite for {variant}"
    return html


def _page(variant: str) -> str:
    return f"pathways/{SLUG}/" + ("" if variant == "v1" else f"{variant}.html")


@pytest.fixture(scope="module")
def big_site_variants(big_site) -> Site:
    page = big_site.folder / "pathways" / SLUG / "index.html"
    html = page.read_text(encoding="utf-8")
    for variant in VARIANTS[1:]:
        (page.parent / f"{variant}.html").write_text(_variant(html, variant), encoding="utf-8")
    return big_site


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("ENGAGE_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("matrix-shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


# Everything measured in one go, in CSS px relative to the viewport. "inner" is the part of the box
# that shows its content (inside the borders, without scrollbars).
_PROBE = """
const table = document.querySelector('table.matrix'), box = table.parentElement;
const rect = e => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
const b = box.getBoundingClientRect();
const inner = {left: b.left + box.clientLeft, top: b.top + box.clientTop,
               right: b.left + box.clientLeft + box.clientWidth, bottom: b.top + box.clientTop + box.clientHeight};
const head = table.tHead, headRows = [...head.rows];
const corner = headRows[0].cells[0];
// The level header cells: the last header row's, without the corner (which may be that row's first).
let levels = [...headRows[headRows.length - 1].cells];
if (headRows.length === 1 || !corner.hasAttribute('rowspan')) levels = levels.slice(1);
const cornerRect = rect(corner);
// Is the element itself what a person sees at its visible part's centre (nothing covers it)?
const seen = (e, r) => {
  const left = Math.max(r.left, cornerRect.right, inner.left, 0), right = Math.min(r.right, inner.right, innerWidth);
  const top = Math.max(r.top, inner.top, 0), bottom = Math.min(r.bottom, inner.bottom, innerHeight);
  if (right - left < 2 || bottom - top < 2) return false;
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  return !!hit && (hit === e || e.contains(hit));
};
const visibleLevels = levels.map(th => ({text: th.textContent.trim(), rect: rect(th)}))
  .map((c, i) => ({...c, seen: seen(levels[i], c.rect)}))
  .filter(c => c.rect.right > cornerRect.right + 1 && c.rect.left < inner.right - 1);
const headBottom = rect(head).bottom;
const rows = [...table.querySelectorAll('tbody th[scope="row"]')]
  .map(th => ({th, r: rect(th)}))
  .filter(({r}) => r.top >= headBottom - 0.5 && r.bottom <= Math.min(inner.bottom, innerHeight) + 0.5)
  .map(({th, r}) => ({text: th.textContent.trim(), rect: r, seen: seen(th, {...r, left: r.left, right: r.right})}));
// seen() starts at the corner's right edge; a row header lies under that column, so test it alone.
for (const row of rows) {
  const th = [...table.querySelectorAll('tbody th[scope="row"]')].find(t => t.textContent.trim() === row.text);
  const r = row.rect, x = (Math.max(r.left, 0) + Math.min(r.right, innerWidth)) / 2, y = (r.top + r.bottom) / 2;
  const hit = document.elementFromPoint(x, y);
  row.seen = !!hit && (hit === th || th.contains(hit));
}
return {inner, head: rect(head), corner: cornerRect, levels: visibleLevels, rows,
        scrollTop: box.scrollTop, scrollLeft: box.scrollLeft, maxTop: box.scrollHeight - box.clientHeight,
        maxLeft: box.scrollWidth - box.clientWidth, viewport: [innerWidth, innerHeight],
        page: [document.documentElement.scrollWidth, document.documentElement.clientWidth]};
"""

SIZES = {"desktop": (1366, 900, False), "phone": (390, 844, True)}


def _open(driver, site: Site, size: str, variant: str = "v1") -> None:
    width, height, mobile = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    driver.get(site.url(_page(variant)))


def _scroll(driver, window_offset: float, top: float | str, left: float | str) -> dict:
    """Puts the box's top `window_offset` px below the viewport's top by scrolling the window, then
    scrolls the box (a number, or "end"), and measures."""
    driver.execute_script(
        "const box = document.querySelector('table.matrix').parentElement;"
        "window.scrollTo(0, box.getBoundingClientRect().top + window.scrollY - arguments[0]);"
        "box.scrollTop = arguments[1] === 'end' ? box.scrollHeight : arguments[1];"
        "box.scrollLeft = arguments[2] === 'end' ? box.scrollWidth : arguments[2];",
        window_offset, top, left)
    return driver.execute_script(_PROBE)


def _check(m: dict, size: str, where: str) -> None:
    inner, vw, vh = m["inner"], *m["viewport"]
    say = f"{size}, {where}: "
    assert m["page"][0] <= m["page"][1], say + f"the page scrolls sideways ({m['page'][0]} > {m['page'][1]} px)"
    assert inner["bottom"] - inner["top"] <= vh, say + "the matrix box is taller than the screen"
    # The header sticks to the box's top, inside the screen.
    assert abs(m["head"]["top"] - inner["top"]) <= 1, say + f"header row top {m['head']['top']:.0f}, box top {inner['top']:.0f}"
    assert m["head"]["top"] >= -0.5 and m["head"]["bottom"] <= vh, say + f"header off screen: {m['head']}"
    wanted = 3 if size == "desktop" else 1
    assert len(m["levels"]) >= wanted, say + f"only {len(m['levels'])} level column(s) in view"
    for cell in m["levels"]:
        r = cell["rect"]
        assert inner["top"] - 0.5 <= r["top"] and r["bottom"] <= inner["bottom"] + 0.5, say + f"{cell['text']!r} outside the box: {r}"
        assert 0 <= r["top"] and r["bottom"] <= vh, say + f"{cell['text']!r} outside the screen: {r}"
        assert cell["seen"], say + f"level header {cell['text']!r} is covered or not painted"
    # The competency column sticks to the box's left edge.
    assert abs(m["corner"]["left"] - inner["left"]) <= 1, say + f"corner cell left {m['corner']['left']:.0f}, box {inner['left']:.0f}"
    assert m["rows"], say + "no competency row in view below the header"
    for row in m["rows"]:
        r = row["rect"]
        assert abs(r["left"] - inner["left"]) <= 1, say + f"{row['text']!r} at x={r['left']:.0f}, box left {inner['left']:.0f}"
        assert row["seen"], say + f"competency name {row['text']!r} is covered or not painted"
    if size == "phone":
        width = m["corner"]["right"] - m["corner"]["left"]
        assert width <= 0.4 * (inner["right"] - inner["left"]) + 1, say + f"the competency column takes {width:.0f} px"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("size", list(SIZES))
def test_matrix_header_and_competency_column_stay_in_view(big_site_variants, driver, shots, size, variant):
    _open(driver, big_site_variants, size, variant)
    first = _scroll(driver, 0, 0, 0)
    assert first["maxTop"] > 6000 and first["maxLeft"] > 1000, f"{size}: the box does not scroll on both axes: {first}"
    _check(first, size, "at the start")
    driver.save_screenshot(str(shots / f"matrix-{variant}-{size}-start.png"))

    middle = _scroll(driver, 0, 6000, first["maxLeft"] // 2)
    assert middle["scrollTop"] >= 6000 - 1 and middle["scrollLeft"] >= first["maxLeft"] // 2 - 1, middle
    _check(middle, size, "box scrolled 6000 px down and half-way right")
    assert all(row["text"] != competency_name(1) for row in middle["rows"]), "the first rows should be scrolled away"
    driver.save_screenshot(str(shots / f"matrix-{variant}-{size}-middle.png"))

    end = _scroll(driver, 0, "end", "end")
    _check(end, size, "box scrolled to its end")
    assert any(row["text"] == competency_name(ROWS) for row in end["rows"]), [r["text"] for r in end["rows"]]
    assert any(cell["text"] == level_title(LEVELS) for cell in end["levels"]), [c["text"] for c in end["levels"]]
    driver.save_screenshot(str(shots / f"matrix-{variant}-{size}-end.png"))

    if variant != "v1":
        # A theme's name (wrapped in an element) stays at the box's left edge when it scrolls right.
        label = driver.execute_script(
            "const box = document.querySelector('table.matrix').parentElement;"
            "const row = box.querySelectorAll('.theme-row')[2];"
            "box.scrollTop = row.offsetTop - box.clientHeight / 2; box.scrollLeft = box.scrollWidth;"
            "const b = box.getBoundingClientRect(), r = row.querySelector('span').getBoundingClientRect();"
            "return [r.left - b.left, r.right - b.left, box.clientWidth, box.scrollLeft];")
        assert label[3] > 1000 and 0 <= label[0] and label[1] <= label[2], \
            f"{size}: a theme's name scrolled out of the box sideways: {label}"
        driver.save_screenshot(str(shots / f"matrix-{variant}-{size}-theme.png"))

    # The window scrolled too: the box a third of the way down the screen, then the page scrolled
    # so the box's top is just in view.
    lower = _scroll(driver, SIZES[size][1] / 3, 3000, 1500)
    _check(lower, size, "window scrolled so the box starts a third down the screen")
    driver.save_screenshot(str(shots / f"matrix-{variant}-{size}-window.png"))


def test_matrix_box_scrolls_from_the_keyboard(big_site, driver):
    _open(driver, big_site, "desktop")
    box = driver.execute_script(
        "const box = document.querySelector('table.matrix').parentElement; box.scrollIntoView(); box.focus(); return box;")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    ActionChains(driver).send_keys(Keys.PAGE_DOWN).send_keys(Keys.PAGE_DOWN).pause(0.5).perform()
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT * 5).pause(0.5).perform()
    top, left = driver.execute_script("return [arguments[0].scrollTop, arguments[0].scrollLeft]", box)
    assert top > 500 and left > 100, (top, left)


def _pdf_pages(driver, site: Site, rel: str, workdir: Path) -> list[str]:
    if not shutil.which("pdftotext"):
        _missing("no pdftotext (apt-get install poppler-utils)")
    driver.get(site.url(rel))
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
    path = workdir / (rel.strip("/").replace("/", "-").replace(".html", "") + ".pdf")
    path.write_bytes(base64.b64decode(pdf["data"]))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def _no_orphan_heading(pages: list[str], headings: set[str]) -> None:
    for i, page in enumerate(pages[:-1]):
        last = _lines(page)[-1]
        assert last not in headings and not re.fullmatch(r"THEME \d+", last), \
            f"printed page {i + 1} ends with the heading {last!r}, its content is on the next page"


@pytest.mark.parametrize("variant", VARIANTS)
def test_printed_matrix_repeats_its_header_and_keeps_rows_whole(big_site_variants, driver, workdir, variant):
    _open(driver, big_site_variants, "desktop", variant)
    pages = _pdf_pages(driver, big_site_variants, _page(variant), workdir)
    with_rows = [i for i, page in enumerate(pages) if re.search(r"^Competency \d\d", page, re.M)]
    assert len(with_rows) >= 3, f"the matrix should cover several printed pages, not {len(with_rows)}"
    # Every row printed (none cut off by the screen's scroll box), in order.
    names = [m.group(1) for i in with_rows for m in re.finditer(r"^Competency (\d\d)", pages[i], re.M)]
    assert names == [f"{n:02d}" for n in range(1, ROWS + 1)], names
    for i in with_rows:
        lines = _lines(pages[i])
        at = next((k for k, line in enumerate(lines) if "Level 1" in line and "Level 2" in line), None)
        assert at is not None and at <= 4, f"printed page {i + 1} does not start with the level header:\n" + "\n".join(lines[:6])
        assert f"Level {LEVELS}" in lines[at], lines[at]
        # Below the header (its second line holds the rest of the level titles) a row or a theme starts: no row split.
        first = lines[at + 2] if lines[at + 1].split()[0] == "Specialist" else lines[at + 1]
        assert re.match(r"(Competency \d\d|THEME \d+)", first), f"printed page {i + 1} starts inside a row: {first!r}"
    _no_orphan_heading(pages, {"Levels", "Competency matrix", "Values it leans on", "Where this can lead", "Routes in",
                               "Teams using this pathway"})


def test_printed_level_page_keeps_headings_with_their_content(big_site, driver, workdir):
    _open(driver, big_site, "desktop")
    pages = _pdf_pages(driver, big_site, f"pathways/{SLUG}/l{LEVELS}/", workdir)
    assert len(pages) >= 3, len(pages)
    text = "\n".join(pages)
    assert all(competency_name(n) in text for n in range(1, ROWS + 1))
    _no_orphan_heading(pages, {"What changes at this level", "All expectations at this level", "Moves from this level"})


def test_big_matrix_page_passes_every_page_check(big_site, driver):
    """The crawl's checks (axe-core light and dark, links, sideways scroll …) on the big page too."""
    from crawl import _axe_script, visit
    report = visit(driver, big_site, big_site.url(_page("v1")), _axe_script())
    assert (report.console, report.requests, report.images, report.links, report.axe, report.axe_dark) == \
        ([], [], [], [], [], []), report
    assert all(scroll <= client for scroll, client, _ in report.overflow.values()), report.overflow
