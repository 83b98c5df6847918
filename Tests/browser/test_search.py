"""Search (issue 12): type a query, see ranked results with the words marked, follow one with
the keyboard; from file:// and under /people/ over HTTP (the `site` fixture runs both), with no
console errors and no failed requests; axe-core on /search/ with results shown.

The sample content's answers: "integrity" is the title of the value values/integrity/ (ranked
first, above pages that only mention the word); "zzqx" matches nothing.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def _severe(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _results(driver, form: str) -> list:
    return driver.find_elements(By.CSS_SELECTOR, f"{form} .search-results li a")


def _wait_status(driver, form: str, words: str) -> str:
    status = driver.find_element(By.CSS_SELECTOR, f"{form} [role=status]")
    WebDriverWait(driver, 10).until(lambda d: words in (status.get_attribute("textContent") or ""))
    return status.get_attribute("textContent")


def test_type_a_query_and_follow_a_result(site, driver):
    driver.get_log("browser")
    driver.get(site.url("teams/"))
    box = driver.find_element(By.CSS_SELECTOR, "form.site-search input[type='search']")
    assert box.is_displayed(), "the script shows the search box"
    box.send_keys("integrity")
    status = _wait_status(driver, "form.site-search", "for \u2018integrity\u2019")
    count = int(status.split()[0])
    links = _results(driver, "form.site-search")
    assert count >= 2 and links, status
    # Ranked: the page titled "Integrity" first, its title marked.
    assert links[0].text == "Integrity"
    assert links[0].find_element(By.TAG_NAME, "mark").text == "Integrity"
    assert links[0].get_attribute("href").startswith(site.base + "values/integrity/")

    # Keyboard: ArrowDown moves into the results, Enter follows the focused one.
    box.send_keys(Keys.ARROW_DOWN)
    focused = driver.switch_to.active_element
    assert focused.text == "Integrity"
    before = driver.current_url
    focused.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(EC.url_changes(before))
    assert driver.current_url.startswith(site.base + "values/integrity/"), driver.current_url
    assert driver.find_element(By.TAG_NAME, "h1").text.strip() == "Integrity"
    assert _severe(driver) == []


def test_escape_clears_and_no_match_says_so(site, driver):
    driver.get_log("browser")
    driver.get(site.url(""))
    box = driver.find_element(By.CSS_SELECTOR, "form.site-search input[type='search']")
    box.send_keys("zzqx")
    assert _wait_status(driver, "form.site-search", "\u2018zzqx\u2019").startswith("No results")
    popup = driver.find_element(By.CSS_SELECTOR, "form.site-search .search-results")
    assert "No results" in popup.text
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("value") == ""
    assert not popup.is_displayed()
    assert _severe(driver) == []


def test_search_page_ranks_titles_first_and_passes_axe(site, driver):
    from crawl import _axe_script, _run_axe

    driver.get_log("browser")
    driver.get(site.url("search/") + "?q=team+lead")
    # On /search/ the page's own form is the one shown; the header's stays hidden.
    assert not driver.find_element(By.CSS_SELECTOR, "form.site-search").is_displayed()
    status = _wait_status(driver, "form.search-page", "for \u2018team lead\u2019")
    titles = [a.text for a in _results(driver, "form.search-page")]
    assert titles[0] == "Team Lead", titles
    # Every page whose title has both words comes before every page that has them elsewhere.
    in_title = [("team" in t.lower() and "lead" in t.lower()) for t in titles]
    assert in_title == sorted(in_title, reverse=True), titles
    assert len(titles) == int(status.split()[0]) or len(titles) == 50
    marks = driver.find_elements(By.CSS_SELECTOR, "form.search-page .search-results mark")
    assert {m.text.lower() for m in marks} >= {"team", "lead"}
    assert _severe(driver) == []
    driver.execute_script(_axe_script())   # (axe itself logs a refused XMLHttpRequest from file://)
    assert _run_axe(driver, {"resultTypes": ["violations"]}) == []


def test_without_javascript_the_box_is_hidden_and_search_page_lists_sections(site):
    home = (site.folder / "index.html").read_text(encoding="utf-8")
    assert '<form class="site-search" role="search"' in home and "data-engage-search=\"\" hidden>" in home
    page = (site.folder / "search" / "index.html").read_text(encoding="utf-8")
    noscript = page.split("<noscript>")[1].split("</noscript>")[0]
    assert "Search needs JavaScript" in noscript
    assert 'href="../values/index.html"' in noscript and 'href="../teams/index.html"' in noscript
