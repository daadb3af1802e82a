"""The Nu HTML Checker (vnu-jar from node_modules, on the system Java) finds no error on any page."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import run_mkdocs

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.browser

# CSS the checker's CSS profile does not know although browsers do (the site's stylesheets are
# inlined into each page, so the checker reads them): paint-order (CSS Fill and Stroke, SVG 2).
UNKNOWN_TO_CHECKER = ("CSS: “paint-order”: Property “paint-order” doesn't exist.",)


def test_every_built_page_is_valid_html(built_site):
    assert _errors(built_site) == []


def test_every_page_of_the_english_example_is_valid_html(tmp_path):
    # Its map of another region, its change notice and its 404 page in English included.
    result = run_mkdocs("build", "--strict", "--site-dir", str(tmp_path),
                        cwd=ROOT / "tests" / "example-en")
    assert result.returncode == 0, result.stderr
    assert _errors(tmp_path) == []


def _errors(site) -> list[str]:
    java = shutil.which("java")
    assert java, "java not found: install a Java runtime (Debian: default-jre-headless)"
    assert VNU.is_file(), f"{VNU} missing: run `npm ci`"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert len(pages) > 1
    # One Java process for all pages; --errors-only leaves warnings (e.g. on trailing slashes) out.
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m.get("type") in ("error", "non-document-error")
            and m["message"] not in UNKNOWN_TO_CHECKER]
