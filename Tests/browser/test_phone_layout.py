"""What a reader sees on a phone (390 px): the header's sections in two rows, and lists of
actions whose text reads as a sentence (separators from the stylesheet included)."""

from __future__ import annotations

from selenium.webdriver.common.by import By


def _phone(driver) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 900, "deviceScaleFactor": 1, "mobile": True})


def test_header_sections_fit_in_two_rows_on_a_phone(site, driver):
    _phone(driver)
    driver.get(site.url("teams/"))
    tops = {round(a.rect["y"]) for a in driver.find_elements(By.CSS_SELECTOR, "nav.site-nav a")}
    assert len(tops) == 2, sorted(tops)


def test_an_action_lists_addresses_then_its_due_date(site, driver):
    _phone(driver)
    driver.get(site.url("departments/patient-access/"))
    metas = [li.find_element(By.CSS_SELECTOR, ".meta") for li in driver.find_elements(By.CSS_SELECTOR, "main li")
             if li.find_elements(By.CSS_SELECTOR, ".action-addresses")]
    assert metas, "no action on the department page"
    # The commas between addresses come from the stylesheet (`::after`), which innerText leaves out.
    shown = driver.execute_script(
        "return [...arguments[0].querySelectorAll('.action-address')].map(a => a.textContent +"
        " (getComputedStyle(a, '::after').content.replace(/^\"|\"$/g, '').replace(/^none$/, '')))"
        ".join('')", metas[0])
    assert shown == "Factor: Leadership, KPI: Employee Turnover", shown
    assert "KPI: Employee Turnover · due 2026-10-31" in driver.execute_script("return arguments[0].innerText", metas[0])
    date = metas[0].find_element(By.CSS_SELECTOR, ".date")
    assert date.value_of_css_property("white-space") == "nowrap"
