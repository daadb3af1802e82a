"""`mkdocs serve` with a broken data file: the error shows in the browser (at the top of every
page) and in the terminal, naming file, entry and field; after the fix the preview recovers.
`mkdocs build` still stops at the same error."""
from __future__ import annotations

import contextlib
import html
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, hook_path, run_mkdocs
from explainer.map.build import OUTLINES_FILE

CONFIG = f"""\
site_name: Preview
theme: {{name: mkdocs, locale: en}}
markdown_extensions: [attr_list, md_in_html, footnotes]
hooks:
  - {hook_path("citations")}
  - {hook_path("glossary")}
  - {hook_path("timeline")}
"""
FILES = {
    "sources.yml": "- id: ft\n  title: A report\n",
    "glossary.yml": "- term: Harbour\n  kind: place\n  short: A harbour.\n  explanation: x\n",
    "timeline.yml": "events:\n  - {date: 2024-12-09, text: Something., sources: [ft]}\n",
    "docs/index.md": "# Start\n\nThe Harbour [@ft].\n\n<!-- timeline -->\n",
}

# The same site with a map of one place (and the committed outlines).
MAP_CONFIG = CONFIG + f"  - {hook_path('map')}\n"
PLACES = ("places:\n  - id: damascus\n    name: Damascus\n    kind: capital\n    lat: 33.513\n"
          "    lon: 36.292\n    source: example\n    link: index.md\n"
          "frames:\n  levant: {title: Levant, west: 34, east: 40, south: 31, north: 37}\n")
MAP_FILES = {**FILES, "places.yml": PLACES,
             "docs/index.md": FILES["docs/index.md"] + "\n<!-- karte: levant -->\n"}


def write_site(root: Path, config: str = CONFIG, files: dict[str, str] = FILES) -> None:
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    if "places.yml" in files:
        (root / OUTLINES_FILE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / OUTLINES_FILE, root / OUTLINES_FILE)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, what: str, timeout: float = 60.0):
    """Poll until condition() returns something true; fail naming what never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


@contextlib.contextmanager
def serve(root: Path):
    """`mkdocs serve` of the site in root: yields page() (the start page, None until it is
    served) and terminal() (what the server printed so far)."""
    port = free_port()
    log = (root / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def page() -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def terminal() -> str:
        log.flush()
        return (root / "serve.log").read_text(encoding="utf-8")

    try:
        yield page, terminal
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture
def preview(tmp_path):
    write_site(tmp_path)
    with serve(tmp_path) as (page, terminal):
        yield tmp_path, page, terminal


def test_a_broken_data_file_shows_in_the_page_and_terminal_until_it_is_fixed(preview):
    root, page, terminal = preview
    assert "Something." in wait_for(page, "the first build")
    message = "glossary.yml:5: invalid YAML: key 'kind' given twice in one entry"
    (root / "glossary.yml").write_text(FILES["glossary.yml"] + "  kind: term\n", encoding="utf-8")
    shown = wait_for(lambda: (p := page()) and 'role="alert"' in p and p, "the error in the page")
    assert html.escape(message) in shown, shown[:3000]
    assert "The preview cannot be built" in shown
    assert "Something." in shown                       # the rest of the site still shows
    assert message in wait_for(lambda: message in terminal() and terminal(), "the terminal")
    assert "Traceback" not in terminal()

    (root / "glossary.yml").write_text(FILES["glossary.yml"], encoding="utf-8")
    fixed = wait_for(lambda: (p := page()) and 'role="alert"' not in p and p, "the recovery")
    assert 'class="glossary-term"' in fixed

    (root / "timeline.yml").write_text(FILES["timeline.yml"].replace("2024-12-09", "2024-12-32"),
                                       encoding="utf-8")
    shown = wait_for(lambda: (p := page()) and 'role="alert"' in p and p, "the second error")
    assert ("timeline.yml: event 1 (2024-12-32), field &#x27;date&#x27;: &#x27;2024-12-32&#x27; "
            "is not a date in the calendar") in shown


def test_a_broken_places_yml_or_outlines_file_shows_in_the_page_until_it_is_fixed(tmp_path):
    write_site(tmp_path, MAP_CONFIG, MAP_FILES)
    with serve(tmp_path) as (page, terminal):
        assert 'class="karte__svg"' in wait_for(page, "the first build")
        message = ("places.yml: place 1 (damascus), field 'lat': expected a number from -90 to "
                   "90, found 'abc'")
        (tmp_path / "places.yml").write_text(PLACES.replace("33.513", "abc"), encoding="utf-8")
        shown = wait_for(lambda: (p := page()) and 'role="alert"' in p and p, "the error")
        assert html.escape(message) in shown, shown[:3000]
        assert "Something." in shown and 'class="karte__svg"' not in shown
        assert message in wait_for(lambda: message in terminal() and terminal(), "the terminal")

        (tmp_path / "places.yml").write_text(PLACES, encoding="utf-8")
        fixed = wait_for(lambda: (p := page()) and 'role="alert"' not in p and p, "the recovery")
        assert 'class="karte__svg"' in fixed

        # Without the outlines the same; `make map-data` writing them again is the fix.
        (tmp_path / OUTLINES_FILE).unlink()
        shown = wait_for(lambda: (p := page()) and 'role="alert"' in p and p, "the outlines error")
        assert f"{OUTLINES_FILE}: file not found; run `make map-data`" in shown
        shutil.copyfile(ROOT / OUTLINES_FILE, tmp_path / OUTLINES_FILE)
        fixed = wait_for(lambda: (p := page()) and 'role="alert"' not in p and p,
                         "the recovery from missing outlines")
        assert 'class="karte__svg"' in fixed
        assert "Traceback" not in terminal() and "Aborted" not in terminal()


def test_build_still_stops_at_a_broken_data_file(tmp_path):
    write_site(tmp_path)
    (tmp_path / "timeline.yml").write_text(textwrap.dedent("""\
        events:
          - {date: 2024-12-09, text: Something., sources: ['ft, S. 3]']}
        """), encoding="utf-8")
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 1
    assert ("timeline.yml: event 1 (2024-12-09), field 'sources': 'ft, S. 3]': one source per "
            "item") in result.stderr
    assert "Traceback" not in result.stderr


def test_build_still_stops_at_a_broken_places_yml(tmp_path):
    write_site(tmp_path, MAP_CONFIG, {**MAP_FILES,
                                      "places.yml": PLACES.replace("33.513", "abc")})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 1
    assert ("places.yml: place 1 (damascus), field 'lat': expected a number from -90 to 90, "
            "found 'abc'") in result.stderr
    assert "Traceback" not in result.stderr


def test_a_data_file_missing_at_start_is_watched_through_its_folder(tmp_path):
    # MkDocs' observer fails on a missing path: the file's folder is watched instead, through
    # the server's watch, without its subfolders.
    from mkdocs.config import load_config

    from explainer import preview

    (tmp_path / "docs").mkdir()
    hooks = "".join(f"  - {hook_path(name)}\n"
                    for name in ("changes", "glossary", "timeline", "citations"))
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nmarkdown_extensions: [attr_list, "
                                         "md_in_html, footnotes]\nhooks:\n" + hooks,
                                         encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    preview.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    assert [p for p in config.watch if p.endswith(".yml")] == []

    class Server:
        watched = []

        def watch(self, path, func=None, *, recursive=True):
            self.watched.append((path, recursive))

    server = Server()
    config.plugins.on_serve(server, config=config, builder=None)
    assert set(server.watched) == {(str(tmp_path.resolve()), False)}
    preview.on_startup(command="build", dirty=False)
