"""The foundation: strict build, every nav page built, privacy, reproducibility, gh-deploy
(and make deploy only for a SITE_URL)."""
from __future__ import annotations

import filecmp
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from conftest import BUILD_EPOCH, ROOT, build_project, copy_project, run_mkdocs

NAV_PAGES = ["index.html", "background/index.html", "withdrawal/index.html", "bases/index.html",
             "actors/index.html", "timeline/index.html", "glossary/index.html",
             "sources/index.html", "404.html"]


def _site_host() -> str:
    # site_url may come from !ENV; the default sits after the variable name in the YAML.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    url = re.search(r'^site_url:.*?"(https?://[^"]+)"', text, re.M).group(1)
    return urlsplit(url).hostname


def test_strict_build_passes_and_builds_every_nav_page(site_dir):
    for page in NAV_PAGES:
        assert (site_dir / page).is_file(), page


def test_pages_are_german_with_german_titles(site_dir):
    html = (site_dir / "bases/index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in html
    assert "<title>Die Stützpunkte - " in html
    assert "Seite nicht gefunden" in (site_dir / "404.html").read_text(encoding="utf-8")


def test_german_headings_keep_their_umlauts_in_anchors(tiny_site):
    site = tiny_site({"index.md": "# Start\n\n## Die Stützpunkte\n"},
                     config=_markdown_config_of_project())
    assert 'id="die-stützpunkte"' in (site / "index.html").read_text(encoding="utf-8")


def _markdown_config_of_project() -> str:
    # The project's markdown_extensions block, verbatim, so tiny sites slugify like the real one.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^markdown_extensions:\n(?:[ \-].*\n|\n)*", text, re.M).group(0)
    return block


class _Requests(HTMLParser):
    """Collect every URL the browser would fetch by itself: src, srcset, link href, inline CSS."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("src", "poster", "data"):
            if a.get(name):
                self.urls.append(a[name])
        if a.get("srcset"):
            self.urls += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "alternate"):
            self.urls.append(a["href"])
        if a.get("style"):
            self.css.append(a["style"])
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)

    def handle_endtag(self, tag):
        self._in_style = False


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+(?:url\()?\s*['"]([^'"]+)""")


def third_party_requests(site: Path, own_host: str) -> list[str]:
    """Every reference in the built site that makes a browser contact another host."""
    found = []

    def check(where, url):
        url = url.strip()
        if url.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
            if urlsplit(url if not url.startswith("//") else "https:" + url).hostname != own_host:
                found.append(f"{where}: {url}")

    for path in site.rglob("*"):
        rel = path.relative_to(site)
        if path.suffix == ".html":
            parser = _Requests()
            parser.feed(path.read_text(encoding="utf-8"))
            for url in parser.urls:
                check(rel, url)
            for css in parser.css:
                for m in _CSS_URL.finditer(css):
                    check(rel, m.group(1) or m.group(2))
        elif path.suffix == ".css":
            for m in _CSS_URL.finditer(path.read_text(encoding="utf-8")):
                check(rel, m.group(1) or m.group(2))
    return found


def test_built_site_requests_nothing_from_other_hosts(site_dir):
    assert third_party_requests(site_dir, _site_host()) == []


def test_privacy_scan_catches_fonts_cdn_scripts_and_css_imports(tmp_path):
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.jsdelivr.net/npm/mermaid"></script><img src="/own.png">'
        '<div style="background:url(https://example.org/x.png)"></div>', encoding="utf-8")
    (tmp_path / "a.css").write_text('@import "https://fonts.example/x.css"; .x{}', encoding="utf-8")
    found = third_party_requests(tmp_path, "127.0.0.1")
    assert len(found) == 4, found


def test_two_builds_are_byte_identical(site_dir, tmp_path):
    second = tmp_path / "again"
    result = build_project(second)
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(site_dir, second)
    differing = []

    def walk(cmp, prefix=""):
        differing.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differing.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison)
    assert differing == []


def test_site_url_comes_from_the_environment(tmp_path):
    result = build_project(tmp_path / "site", env={"SITE_URL": "https://fork.example/erklaert/"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/bases/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://fork.example/erklaert/bases/">' in html


def _git(*args, cwd):
    env = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@localhost",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@localhost",
           "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True).stdout


def test_gh_deploy_pushes_the_site_to_a_gh_pages_branch(tmp_path):
    remote = tmp_path / "remote.git"
    _git("init", "--bare", "--quiet", str(remote), cwd=tmp_path)
    work = copy_project(tmp_path / "work")
    _git("init", "--quiet", "--initial-branch=main", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "--quiet", "-m", "site", cwd=work)
    _git("remote", "add", "origin", str(remote), cwd=work)
    result = run_mkdocs("gh-deploy", "--strict", "--force", "--no-history", "--remote-name", "origin",
                        cwd=work, env={"SOURCE_DATE_EPOCH": BUILD_EPOCH, "HOME": str(tmp_path),
                                       "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@localhost",
                                       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@localhost"})
    assert result.returncode == 0, result.stderr
    files = _git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    for expected in ("index.html", ".nojekyll", "sitemap.xml", "404.html", "bases/index.html"):
        assert expected in files
    index = _git("show", "gh-pages:index.html", cwd=remote)
    assert '<html lang="de"' in index


def test_make_deploy_needs_site_url_and_make_serve_takes_a_port():
    # Without SITE_URL, canonical links, sitemap and 404 page would point at the preview.
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    make = ["make", "-o", ".venv/.site-deps"]          # -o: no pip run
    # BIN nowhere: should the check go, the test fails without deploying anything.
    result = subprocess.run([*make, "deploy", "BIN=/nonexistent"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert ("make deploy: set the address the site is published at, e.g. "
            "SITE_URL=https://<user>.github.io/<repo>/ make deploy\n") in result.stderr
    dry = subprocess.run([*make, "-n", "deploy", "serve", "SITE_URL=https://example.org/x/",
                          "PORT=8001"], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=False)
    assert "/mkdocs gh-deploy --strict --force --no-history\n" in dry.stdout, dry.stderr
    assert "/mkdocs serve --dev-addr 127.0.0.1:8001\n" in dry.stdout


def test_mkdocs_config_is_valid_yaml_with_german_search():
    # The custom tags (!ENV, !!python) need MkDocs' loader; plain YAML sees the rest.
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert config["theme"]["language"] == "de"
    assert {"search": {"lang": "de"}} in config["plugins"]
