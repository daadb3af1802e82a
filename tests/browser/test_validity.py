"""The Nu HTML Checker (vnu-jar from node_modules, on the system Java) finds no error on any page."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.browser

# CSS the checker's CSS profile does not know although browsers do (the site's stylesheets are
# inlined into each page, so the checker reads them): paint-order (CSS Fill and Stroke, SVG 2).
UNKNOWN_TO_CHECKER = ("CSS: “paint-order”: Property “paint-order” doesn't exist.",)


def test_every_built_page_is_valid_html(built_site):
    java = shutil.which("java")
    assert java, "java not found: install a Java runtime (Debian: default-jre-headless)"
    assert VNU.is_file(), f"{VNU} missing: run `npm ci`"
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    assert len(pages) > 1
    # One Java process for all pages; --errors-only leaves warnings (e.g. on trailing slashes) out.
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") in ("error", "non-document-error")
              and m["message"] not in UNKNOWN_TO_CHECKER]
    assert errors == []
