"""Fixtures for the browser tests: the sample site built twice, a loopback server, headless Chromium.

The sample site (content/, static/, templates/ at the repository root) is built
  - "file": with its own base_url ("/"), opened straight from disk as file:// URLs;
  - "http": from a copy whose site.yml says base_url: /people/, served by an in-process
    http.server on 127.0.0.1 (a free port) from a parent folder, so the site lives under /people/.
Every page of each build is visited once (see crawl.py) and the tests assert on what was seen.

The engage binary: $ENGAGE_BIN, else .build/debug/engage, else .build/release/engage.
Chromium: $CHROMIUM_BIN (default /usr/bin/chromium) and $CHROMEDRIVER_BIN (/usr/bin/chromedriver).
Without them the suite is skipped, except under CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUB_PATH = "/people/"


@dataclass
class Site:
    mode: str          # "file" or "http"
    folder: Path       # the built site on disk
    base: str          # URL of the site's root, ending in "/"

    def url(self, rel: str) -> str:
        """URL of a page given by its path relative to the site root ("" or "values/" etc.)."""
        return self.base + rel + ("index.html" if self.mode == "file" and (rel == "" or rel.endswith("/")) else "")

    def pages(self) -> list[str]:
        """Every page's path relative to the site root, as "", "values/", … (sorted)."""
        rels = []
        for index in sorted(self.folder.rglob("index.html")):
            rel = index.parent.relative_to(self.folder).as_posix()
            rels.append("" if rel == "." else rel + "/")
        return rels


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(reason + " (CI must run the browser tests: .ci/run installs them)", pytrace=False)
    pytest.skip(reason)


def _engage_binary() -> Path:
    env = os.environ.get("ENGAGE_BIN")
    candidates = [Path(env)] if env else [ROOT / ".build/debug/engage", ROOT / ".build/release/engage"]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail("no engage binary: run `swift build --product engage` or set ENGAGE_BIN", pytrace=False)


def _build(source: Path, output: Path) -> None:
    result = subprocess.run(
        [str(_engage_binary()), "build", "--source", str(source), "--output", str(output)],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"engage build failed ({result.returncode}):\n{result.stdout}{result.stderr}", pytrace=False)


def _copy_source_with_base_url(dest: Path, base_url: str) -> None:
    for name in ("content", "static", "templates"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name)
    site_yml = dest / "content" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^base_url:.*$", f"base_url: {base_url}", text)
    if count != 1:
        new = text.rstrip("\n") + f"\nbase_url: {base_url}\n"
    site_yml.write_text(new, encoding="utf-8")


@pytest.fixture(scope="session")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="engage-browser-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def file_site(workdir) -> Site:
    folder = workdir / "file-site"
    _build(ROOT, folder)
    return Site("file", folder, folder.as_uri() + "/")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder quietly; a missing address under the sub-path gets its 404.html, as a
    server set up for the site would (nginx error_page, Apache ErrorDocument)."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / SUB_PATH.strip("/") / "404.html"
        if code == 404 and self.path.startswith(SUB_PATH) and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@pytest.fixture(scope="session")
def http_site(workdir) -> Site:
    source = workdir / "http-source"
    _copy_source_with_base_url(source, SUB_PATH)
    served = workdir / "http-root"
    folder = served / SUB_PATH.strip("/")
    _build(source, folder)
    handler = functools.partial(_Handler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site("http", folder, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def driver():
    chromium = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    chromedriver = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
    if not (os.path.isfile(chromium) and os.path.isfile(chromedriver)):
        _missing(f"no Chromium ({chromium}) or chromedriver ({chromedriver}): apt-get install chromium chromium-driver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        import axe_selenium_python  # noqa: F401 - checked here so the reason is clear
    except ImportError as error:
        _missing(f"{error.name} is not installed: bash scripts/browser-deps.sh")

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1366,900", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    browser.set_page_load_timeout(30)
    browser.set_script_timeout(60)
    browser.execute_cdp_cmd("Network.enable", {})
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="session", params=["file", "http"])
def site(request) -> Site:
    return request.getfixturevalue(f"{request.param}_site")


@pytest.fixture(scope="session")
def crawl(site, driver):
    """Every page of `site` visited once: {page: PageReport}. See crawl.py."""
    from crawl import crawl_site
    return crawl_site(driver, site)
