"""The notice of a change and the list page in Chromium: no axe violation (contrast included)
in light and dark mode, on desktop and phone, and valid HTML by the Nu checker.

The project's own pages are checked by test_pages.py; this builds a small site with the
project's theme, stylesheets and hooks and a changes.yml of its own, so notices are on it
whatever the project has logged.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import run_mkdocs
from serve_site import SiteServer

from .conftest import ROOT, axe_violations, goto
from .test_validity import VNU

pytestmark = pytest.mark.browser

CONFIG = f"""\
site_name: Test
site_url: http://127.0.0.1/
theme:
  name: material
  custom_dir: {ROOT / 'overrides'}
  language: de
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: indigo
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: indigo
extra_css:
  - stylesheets/site.css
  - stylesheets/changes.css
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
hooks:
  - {ROOT / 'hooks' / 'changes.py'}
  - {ROOT / 'hooks' / 'seo.py'}
  - {ROOT / 'hooks' / 'theme.py'}
"""
PAGES = {
    "index.md": "# Start\n\nErster Absatz mit [Link](page.md).\n",
    "page.md": "# Eine Seite\n\nEinleitung.\n\n## Ein Abschnitt\n\nText.\n",
    "changes.md": "---\ndescription: Was sich geändert hat.\n---\n\n<!-- changes -->\n",
}
CHANGES = """\
- date: 2026-12-01
  page: page.md
  section: ein-abschnitt
  kind: correction
  what: "Die Zahl lautet 400, nicht 4000; siehe [Start](index.md)."
  why: "Die Quelle nennt *400*."
- date: 2026-12-02
  page: page.md
  kind: update
  what: "Ergänzt um den Stand vom Dezember 2026."
"""


@pytest.fixture(scope="module")
def changes_site(tmp_path_factory):
    source = tmp_path_factory.mktemp("changes-source")
    (source / "docs" / "stylesheets").mkdir(parents=True)
    for name in ("site.css", "changes.css"):
        shutil.copy(ROOT / "docs" / "stylesheets" / name, source / "docs" / "stylesheets" / name)
    for name, text in PAGES.items():
        (source / "docs" / name).write_text(text, encoding="utf-8")
    (source / "changes.yml").write_text(CHANGES, encoding="utf-8")
    (source / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    site = tmp_path_factory.mktemp("changes-site")
    result = run_mkdocs("build", "--strict", "--site-dir", str(site), cwd=source)
    assert result.returncode == 0, result.stderr
    server = SiteServer(site, "/")
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize("path", ["page/", "changes/"])
def test_notice_and_list_have_no_accessibility_violations(new_tab, changes_site, path, scheme,
                                                          device):
    tab = new_tab(phone=device == "phone", scheme=scheme)
    goto(tab, changes_site.url, path)
    assert tab.page.locator(".aenderung, .aenderungen").count() == 2
    assert axe_violations(tab.page) == []
    assert tab.traffic.problems() == []


def test_notice_reads_as_a_note_with_its_date(page, changes_site):
    goto(page, changes_site.url, "page/")
    notes = page.get_by_role("note")
    assert notes.all_inner_texts() == [
        "Aktualisiert am 2. Dezember 2026: Ergänzt um den Stand vom Dezember 2026. "
        "(alle Änderungen)",
        "Korrigiert am 1. Dezember 2026: Die Zahl lautet 400, nicht 4000; siehe Start. "
        "(alle Änderungen)"]
    notes.first.get_by_role("link", name="alle Änderungen").click()
    page.wait_for_url("**/changes/#2026-12-02")


def test_notice_and_list_pages_are_valid_html(changes_site):
    java = shutil.which("java")
    assert java, "java not found: install a Java runtime (Debian: default-jre-headless)"
    assert VNU.is_file(), f"{VNU} missing: run `npm ci`"
    pages = [str(changes_site.site_dir / p / "index.html") for p in ("page", "changes")]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [m["message"] for m in messages if m.get("type") in ("error", "non-document-error")] == []
