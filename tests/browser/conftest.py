"""Browser fixtures: the project's site built once, served like GitHub Pages, read in Chromium.

Fixtures a browser test gets:

- `site_url`  the site's base address, e.g. ``http://127.0.0.1:40123/russland-syrien/``. The site is
  built ONCE per session with ``--strict`` and ``SITE_URL`` set to this address, so canonical URLs
  match, and served under the same sub-path as the configured ``site_url``, gzipped like GitHub
  Pages; unknown paths get the site's 404 page with status 404.
- `built_site`  the folder that build went to (a ``Path``), e.g. to read HTML files directly.
- `site_server`  the server itself (``scripts/serve_site.SiteServer``): ``served`` lists what it
  sent, ``with site_server.holding("search/search_index.json"):`` keeps a file loading.
- `browser`  one Chromium for the whole session (Debian's, or ``$CHROMIUM_PATH``), pointed away from
  the outside world: every host name but 127.0.0.1 fails to resolve and a dead proxy catches the rest.
- `page`  a fresh desktop page (1280x900, light scheme) in its own context; `traffic` is what it did.
- `new_tab(phone=False, scheme="light")`  any number of further fresh pages, each a `Tab` with
  ``.page`` and ``.traffic``. ``phone=True`` is a 375x812 touch screen.
- Parameters: a test that takes ``page_path`` runs once for every page of the site (found from
  ``docs/``; "" is the home page, "404.html" the error page); ``scheme`` runs it in "light" and
  "dark"; ``device`` on "desktop" and "phone".

Helpers (``from .conftest import axe_violations, goto, set_color_scheme``):

- ``goto(tab_or_page, site_url, page_path)`` opens a page and waits until it is loaded and idle.
- ``axe_violations(page)`` runs axe-core (node_modules) on the page as it is now, all rules on;
  returns the violations, trimmed for reading ([] when clean).
- ``set_color_scheme(page, "dark")`` switches the system colour scheme of an open page and waits
  until Material shows it (``"light"`` switches back).

Every request, failed request, HTTP error and console error of a tab is recorded in its `Traffic`;
``traffic.problems()`` lists everything a clean page must not show. A request that Chromium
cancels because the reader went on to another page (the search index, fetched when Tab passes
the search field, then Enter on a link) is not a failure: it goes to ``traffic.left_behind``.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from serve_site import (SEALED_CHROMIUM_ARGS, SiteServer, build_site, page_paths,  # noqa: E402
                        site_path)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = SEALED_CHROMIUM_ARGS  # pointed away from everything but 127.0.0.1
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
NOT_FOUND_PAGE = "404.html"
# Where a test opens the 404 page: an address that does not exist, as a reader would meet it.
NOT_FOUND_PATH = "gibt-es-nicht/"


def site_pages() -> list[str]:
    """Every page of the site as a path below site_url: one per Markdown file, plus the 404 page."""
    return page_paths() + [NOT_FOUND_PAGE]


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", site_pages(), ids=lambda p: p.rstrip("/") or "home")
    if "scheme" in metafunc.fixturenames:
        metafunc.parametrize("scheme", ["light", "dark"])
    if "device" in metafunc.fixturenames:
        metafunc.parametrize("device", ["desktop", "phone"])


@dataclass
class Traffic:
    """What one browser tab asked for and what went wrong, in order."""

    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    allowed_errors: set[str] = field(default_factory=set)  # URLs whose 404 is expected
    # Requests the browser cancelled because the reader left the page before they finished
    # (the page itself asked for them; nothing failed). Not a problem, but kept for reading.
    left_behind: list[str] = field(default_factory=list)
    _navigations: int = 0  # main-frame navigations started so far
    _issued: dict = field(default_factory=dict)  # request -> navigations when it was issued

    def request(self, request) -> None:
        """Record a request; a navigation of the main frame starts a new page."""
        self.requests.append(request.url)
        if request.is_navigation_request() and _in_main_frame(request):
            self._navigations += 1
        self._issued[request] = self._navigations

    def request_failed(self, request) -> None:
        """Record a failed request, unless Chromium aborted it because a later page replaced its own.

        Only that case is set aside: the failure must be Chromium's abort, the request must not
        be a navigation itself, and a navigation of the main frame must have started after it.
        """
        issued = self._issued.get(request, self._navigations)
        if (request.failure == "net::ERR_ABORTED" and not request.is_navigation_request()
                and issued < self._navigations):
            self.left_behind.append(request.url)
        else:
            self.failed.append(f"{request.url} ({request.failure})")

    def console(self, kind: str, text: str, url: str) -> None:
        """Record a console message if it is an error (not the expected 404 of the page itself)."""
        if kind != "error":
            return
        if url in self.allowed_errors and text.startswith("Failed to load resource"):
            return
        self.console_errors.append(f"{text} ({url})")

    def outside_requests(self) -> list[str]:
        """Requests to any host but 127.0.0.1 (data: and blob: URLs stay inside the page)."""
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob", "about")
                and urlsplit(url).hostname != "127.0.0.1"]

    def problems(self) -> list[str]:
        """Everything a clean page must not show: outside requests, failures, console errors."""
        return ([f"request to another host: {u}" for u in self.outside_requests()]
                + [f"failed request: {u}" for u in self.failed]
                + [f"HTTP error: {u}" for u in self.http_errors
                   if u.split(" ", 1)[1] not in self.allowed_errors]
                + [f"console error: {m}" for m in self.console_errors])


def _in_main_frame(request) -> bool:
    from playwright.sync_api import Error

    try:
        return request.frame.parent_frame is None
    except Error:  # Playwright has no frame for a request a worker made
        return False


@dataclass
class Tab:
    page: "object"  # playwright.sync_api.Page
    traffic: Traffic


@pytest.fixture(scope="session")
def _server(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("browser-site")
    server = SiteServer(site_dir, site_path())
    result = build_site(site_dir, server.url)
    if result.returncode != 0:
        server.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr}", pytrace=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site_url(_server) -> str:
    """Base address of the served site, ending in '/'."""
    return _server.url


@pytest.fixture(scope="session")
def site_server(_server) -> SiteServer:
    """The server of the browser tests' site (what it sent, a file it holds back)."""
    return _server


@pytest.fixture(scope="session")
def built_site(_server) -> Path:
    """The folder the browser tests' site was built into."""
    return _server.site_dir


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session. Missing Chromium fails: these tests never skip."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
                    "(.ci/run does) or set CHROMIUM_PATH to a Chromium binary.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def new_tab(browser):
    """Factory for fresh pages, each in its own context (no shared storage) with recording."""
    contexts = []

    def make(*, phone: bool = False, scheme: str = "light") -> Tab:
        options = {"viewport": PHONE, "has_touch": True, "is_mobile": True,
                   "device_scale_factor": 2} if phone else {"viewport": DESKTOP}
        context = browser.new_context(color_scheme=scheme, locale="de-DE",
                                      service_workers="block", **options)
        context.set_default_timeout(10_000)  # a static local site answers at once
        contexts.append(context)
        traffic = Traffic()
        context.on("request", traffic.request)
        context.on("requestfailed", traffic.request_failed)
        context.on("response", lambda r: r.status >= 400
                   and traffic.http_errors.append(f"{r.status} {r.url}"))
        page = context.new_page()
        page.on("console", lambda m: traffic.console(m.type, m.text, m.location.get("url", "")))
        page.on("pageerror", lambda e: traffic.console_errors.append(f"uncaught: {e}"))
        return Tab(page, traffic)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def _tab(new_tab) -> Tab:
    return new_tab()


@pytest.fixture
def page(_tab):
    """A fresh desktop page (1280x900, light scheme), recorded in `traffic`."""
    return _tab.page


@pytest.fixture
def traffic(_tab) -> Traffic:
    """What `page` requested and what went wrong."""
    return _tab.traffic


def goto(tab_or_page, site_url: str, page_path: str):
    """Open one page of the site and wait until it and its scripts are loaded and idle.

    The 404 page is opened where readers meet it, at an address that does not exist; its
    expected 404 status is then not counted as a problem.
    """
    tab = tab_or_page if isinstance(tab_or_page, Tab) else None
    page = tab.page if tab else tab_or_page
    url = site_url + (NOT_FOUND_PATH if page_path == NOT_FOUND_PAGE else page_path)
    if tab and page_path == NOT_FOUND_PAGE:
        tab.traffic.allowed_errors.add(url)
    response = page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return response


def set_color_scheme(page, scheme: str) -> None:
    """Switch the emulated system scheme ("light"/"dark"); waits for Material's palette to follow."""
    page.emulate_media(color_scheme=scheme)
    want = "slate" if scheme == "dark" else "default"
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{want}'")


def tab_to(page, selector: str, what: str) -> None:
    """Press Tab until the focused element matches selector; fail, naming what, if it never does.

    Bounded: the header, the navigation and earlier links come first on every page.
    """
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"no {what} reachable with Tab")


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now; every rule runs, none is switched off."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run `npm ci`", pytrace=False)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "help": v["help"],
             "nodes": [{"target": n["target"], "summary": n.get("failureSummary", "")}
                       for n in v["nodes"]][:5]}
            for v in result["violations"]]
