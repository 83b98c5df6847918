"""`engage serve` in a real browser: the injected script shows a failed rebuild's diagnostics in
an alert over the last good page, and reloads the page after the next good build."""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SUB_PATH, _copy_source_with_base_url, _engage_binary


@pytest.fixture()
def served(workdir):
    # A fresh copy for each test (the work folder is shared by the whole session).
    source = Path(tempfile.mkdtemp(prefix="serve-source-", dir=workdir))
    _copy_source_with_base_url(source, SUB_PATH)
    process = subprocess.Popen([str(_engage_binary()), "serve", "--source", str(source), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = None
        deadline = time.time() + 120
        while time.time() < deadline and port is None:
            line = process.stdout.readline()
            if not line:
                break
            match = re.search(r"^Serving .* at http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
        if port is None:
            pytest.fail("engage serve did not start", pytrace=False)
        yield source, f"http://127.0.0.1:{port}{SUB_PATH}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_failed_rebuild_shows_an_alert_and_a_good_one_reloads(served, driver):
    source, base = served
    try:
        _check(source, base, driver)
    finally:
        # Leave the shared browser on no page (and its log empty) before the server goes, so
        # the event stream's closing does not show up in the next test's console.
        driver.get("about:blank")
        driver.get_log("browser")


def _check(source: Path, base: str, driver) -> None:
    value = sorted((source / "content" / "values").glob("*.md"))[0]
    driver.get(base + f"values/{value.stem}/")
    assert driver.find_elements(By.CSS_SELECTOR, '[role="alert"]') == []

    broken = source / "content" / "values" / "zz-broken.md"
    broken.write_text("---\ntitle: [oops\n", encoding="utf-8")
    alert = WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, '[role="alert"]'))[0]
    assert ("content/values/zz-broken.md:1:1: error: front matter is not closed: "
            "add a line that is exactly '---' after the YAML fields") in alert.text

    driver.execute_script("window.__beforeReload = true")
    broken.unlink()
    with value.open("a", encoding="utf-8") as f:
        f.write("\nSaved while serving 5150.\n")
    WebDriverWait(driver, 30).until(lambda d: "Saved while serving 5150." in d.page_source)
    assert driver.execute_script("return window.__beforeReload") is None  # the page reloaded
    assert driver.find_elements(By.CSS_SELECTOR, '[role="alert"]') == []
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_editing_a_pages_text_reloads_it_and_search_finds_the_new_word(served, driver):
    """A save below the front matter is a body-only rebuild (served from memory): the open page
    reloads with the new text, and the search index served with it finds a word that was in no
    page before (a search shard file that did not exist on disk)."""
    source, base = served
    try:
        value = sorted((source / "content" / "values").glob("*.md"))[0]
        driver.get(base + f"values/{value.stem}/")
        title = driver.find_element(By.TAG_NAME, "h1").text.strip()
        driver.execute_script("window.__beforeReload = true")
        with value.open("a", encoding="utf-8") as f:
            f.write("\nA quixotiqal sentence saved while serving.\n")
        WebDriverWait(driver, 30).until(lambda d: "A quixotiqal sentence saved while serving." in d.page_source)
        assert driver.execute_script("return window.__beforeReload") is None  # the page reloaded
        box = driver.find_element(By.CSS_SELECTOR, "form.site-search input[type='search']")
        box.send_keys("quixotiqal")
        WebDriverWait(driver, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "form.site-search .search-results li a"))
        links = driver.find_elements(By.CSS_SELECTOR, "form.site-search .search-results li a")
        assert [link.text for link in links] == [title]
        severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert severe == []
    finally:
        driver.get("about:blank")
        driver.get_log("browser")


def test_a_front_matter_edit_reloads_the_open_page_first_and_the_rest_follows(served, driver):
    """Open pages first: the script names its page on the event stream, so a team's new
    headcount is rendered on the open team page before the reload; the department page, which
    no browser showed, is rendered after, and is up to date when it is opened."""
    source, base = served
    try:
        team = source / "content" / "teams" / "appointments-north.md"
        driver.get(base + "teams/appointments-north/")
        driver.execute_script("window.__beforeReload = true")
        text = team.read_text(encoding="utf-8")
        assert "headcount: 24\n" in text
        team.write_text(text.replace("headcount: 24\n", "headcount: 4711\n"), encoding="utf-8")
        WebDriverWait(driver, 30).until(lambda d: "4711" in d.find_element(By.TAG_NAME, "main").text)
        assert driver.execute_script("return window.__beforeReload") is None  # the page reloaded
        driver.find_element(By.CSS_SELECTOR, "main a[href*='departments/patient-access/']").click()
        assert "4711" in driver.find_element(By.TAG_NAME, "main").text.replace(",", "")
        severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert severe == []
    finally:
        driver.get("about:blank")
        driver.get_log("browser")
