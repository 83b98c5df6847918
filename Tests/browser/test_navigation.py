"""A person clicking through the site: from file:// and under /people/ over HTTP."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def _severe(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _click_and_wait(driver, element) -> None:
    before = driver.current_url
    element.click()
    WebDriverWait(driver, 10).until(EC.url_changes(before))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _styled(driver) -> bool:
    """The stylesheet loaded and applies (the skip link is moved off screen by it)."""
    return driver.execute_script(
        "const s = [...document.styleSheets]; if (!s.length) return false;"
        "try { return s.every(x => x.cssRules.length > 0); } catch (e) { return true; }")


def test_click_from_home_to_a_pathway_level_and_back(site, driver):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    driver.get_log("browser")
    driver.get(site.url(""))
    _click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "nav.site-nav a[href*='pathways/']"))
    assert driver.current_url.startswith(site.base + "pathways/"), driver.current_url
    assert driver.find_element(By.TAG_NAME, "h1").text.strip() == "Career pathways"
    assert _styled(driver)

    pathway = driver.find_element(By.CSS_SELECTOR, "main a[href*='team-lead/']")
    _click_and_wait(driver, pathway)
    assert driver.current_url.startswith(site.base + "pathways/team-lead/"), driver.current_url
    level = driver.find_element(By.CSS_SELECTOR, "main a[href*='tl2/']")
    _click_and_wait(driver, level)
    assert driver.current_url.startswith(site.base + "pathways/team-lead/tl2/"), driver.current_url
    assert driver.find_element(By.TAG_NAME, "h1").text.strip()

    _click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.brand"))
    assert driver.current_url in (site.base, site.base + "index.html"), driver.current_url
    assert _severe(driver) == []


def test_a_missing_address_under_the_sub_path_shows_the_styled_404_page(http_site, driver):
    driver.get_log("browser")
    driver.get(http_site.base + "no-such-page/")
    assert "Page not found" in driver.title
    assert _styled(driver)
    logo = driver.find_element(By.CSS_SELECTOR, "a.brand img")
    assert driver.execute_script("return arguments[0].naturalWidth", logo) > 0
    # The page is served at an address that does not exist, so its links must be rooted at /people/.
    _click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main a"))
    assert driver.current_url in (http_site.base, http_site.base + "index.html"), driver.current_url
    # The only SEVERE entry allowed is the 404 of the missing address itself.
    assert [m for m in _severe(driver) if "no-such-page" not in m] == []
