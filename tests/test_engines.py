"""The engine fallback: ProperDocs (a maintained MkDocs 1.x fork) builds the same site, and no
hook's work is silently missing from a build (which is how an engine that ignores hooks shows)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import BUILD_EPOCH, ROOT

# What a hook replaces; any of them in a built page means that hook did not run there.
_MARKERS = re.compile(r"<!--\s*(glossary|chronologie|karte\s*:[^>]*?|citations\s*:\s*sources)\s*-->")
# A citation as the author wrote it: [@ft], [@ft, S. 3], [vgl. @ft; @kreml], [-@ft].
_RAW_CITATION = re.compile(r"\[(?:[^\[\]\n]*[\s;])?-?@\w[^\[\]\n]*\]")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def leftovers(html: str) -> list[str]:
    """Hook markers and raw citations in a built page, code examples left aside."""
    text = _CODE.sub("", html)
    return [m.group(0) for m in _MARKERS.finditer(text)] + _RAW_CITATION.findall(text)


def test_leftovers_finds_every_marker_and_raw_citation_but_not_code_examples():
    page = ("<p>a</p><!-- glossary --><!-- chronologie -->\n<!-- karte: kueste -->"
            "<!--citations:sources--><!-- citations: sources --><p>Text [@ft] und [vgl. @ft, S. 3; @kreml].</p>"
            "<pre><code>&lt;!-- glossary --&gt; [@ft]</code></pre><p><code>[@ft]</code></p>"
            "<p>Mail an [info@example.org] und [Quelle] bleiben.</p>")
    assert leftovers(page) == ["<!-- glossary -->", "<!-- chronologie -->",
                               "<!-- karte: kueste -->", "<!--citations:sources-->",
                               "<!-- citations: sources -->", "[@ft]",
                               "[vgl. @ft, S. 3; @kreml]"]


def test_no_hook_marker_or_raw_citation_survives_into_the_built_site(site_dir):
    found = {str(path.relative_to(site_dir)): leftovers(path.read_text(encoding="utf-8"))
             for path in sorted(site_dir.rglob("*.html"))}
    assert len(found) >= 9
    assert {page: items for page, items in found.items() if items} == {}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("properdocs-site")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
         "--site-dir", str(dest)], cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return dest


def test_properdocs_builds_the_same_site_apart_from_the_generator_tag(site_dir, properdocs_site):
    files = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs_site)
                           for p in properdocs_site.rglob("*") if p.is_file())
    differ = []
    for name in files:
        ours, theirs = (site_dir / name).read_bytes(), (properdocs_site / name).read_bytes()
        if name.suffix == ".html":
            assert _GENERATOR.search(theirs), name
            ours, theirs = _GENERATOR.sub(b"", ours), _GENERATOR.sub(b"", theirs)
        if ours != theirs:
            differ.append(str(name))
    assert differ == []
