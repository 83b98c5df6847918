"""The survey heatmaps on a phone and on paper (issue 11).

At 390×844 both heatmap tables of the latest sample survey (against the organisation, and the
change since the previous survey) scroll sideways inside their box, and the group column stays in
view and uncovered when the box is scrolled to its right end. Printed, no page ends with a heading.
"""

from __future__ import annotations

import pytest

from conftest import Site
from test_matrix import _no_orphan_heading, _pdf_pages

PAGE = "surveys/2026-Q2/index.html"


def test_heatmap_group_column_stays_in_view_on_a_phone(file_site: Site, driver):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        driver.get(file_site.url(PAGE))
        results = driver.execute_script("""
            return [...document.querySelectorAll('table.heatmap')].map(table => {
              const box = table.parentElement;
              box.scrollIntoView();
              box.scrollLeft = box.scrollWidth;
              const b = box.getBoundingClientRect();
              return [...table.querySelectorAll('tbody th[scope=row]')].slice(0, 6).map(th => {
                th.scrollIntoView({block: 'center', inline: 'nearest'});
                box.scrollLeft = box.scrollWidth;
                const r = th.getBoundingClientRect(), bb = box.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
                return {name: th.textContent.trim(), scrolled: box.scrollLeft, left: r.left - bb.left,
                        covered: !(hit && th.contains(hit))};
              });
            });""")
        assert len(results) == 2, "two heatmaps: against the organisation and against the previous survey"
        for rows in results:
            assert rows
            for row in rows:
                assert row["scrolled"] > 0, f"the heatmap does not scroll sideways at 390px: {row}"
                assert abs(row["left"]) <= 1 and not row["covered"], f"the group column left the view: {row}"
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_printed_survey_page_keeps_headings_with_their_content(file_site: Site, driver, workdir):
    pages = _pdf_pages(driver, file_site, PAGE, workdir)
    _no_orphan_heading(pages, {"Heatmap: groups × factors, against the organisation", "Heatmap: change since 2026-Q1",
                               "Every question, whole organisation"})
