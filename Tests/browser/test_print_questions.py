"""A survey question printed whole (issue 11): its text, its bar and its numbers on one page.

The bar is drawn (SVG), so pdftotext cannot see it; it sits between the question's text and its
numbers in the page's flow, so both of those on the same printed page means the bar is there too.
Checked on the survey page (the organisation's questions) and on a team page (its questions below
KPI cards and the survey summary, so the page breaks fall elsewhere), plus the print style itself.
"""

from __future__ import annotations

import pytest

from conftest import Site
from test_matrix import _lines, _pdf_pages

PAGES = ["surveys/2026-Q2/", "teams/complaints-resolution/", "teams/billing-enquiries/"]


def _questions(driver) -> list[tuple[str, str]]:
    """(start of the question's text, start of its numbers) for every question with a bar."""
    return driver.execute_script(
        "return [...document.querySelectorAll('.question-bars > li')].filter(li => li.querySelector('.bar-numbers'))"
        ".map(li => [li.querySelector('.question-text').firstChild.textContent.trim().slice(0, 28),"
        "            li.querySelector('.bar-numbers span').textContent.trim()]);")


@pytest.mark.parametrize("page", PAGES)
def test_a_question_and_its_numbers_print_on_the_same_page(file_site: Site, driver, workdir, page):
    driver.get(file_site.url(page))
    questions = _questions(driver)
    assert len(questions) >= 8, questions
    pages = _pdf_pages(driver, file_site, page, workdir)
    lines = [(number, line) for number, text in enumerate(pages) for line in _lines(text)]
    at = 0
    for text, numbers in questions:
        start = next((i for i in range(at, len(lines)) if text in lines[i][1]), None)
        assert start is not None, f"{page}: the question {text!r} is not in the printed text"
        end = next((i for i in range(start, len(lines)) if lines[i][1].startswith(numbers)), None)
        assert end is not None, f"{page}: the numbers {numbers!r} of {text!r} are not printed after it"
        assert lines[start][0] == lines[end][0], \
            f"{page}: {text!r} is printed on page {lines[start][0] + 1}, its numbers on page {lines[end][0] + 1}"
        at = end + 1


def test_print_style_keeps_each_question_whole(file_site: Site, driver):
    driver.get(file_site.url(PAGES[0]))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        styles = driver.execute_script(
            "return [...document.querySelectorAll('.question-bars > li, .bar-row')]"
            ".map(e => getComputedStyle(e).breakInside);")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert styles and set(styles) == {"avoid"}, styles
