"""`make new`: the scaffold of a new explainer builds with --strict at once, in German or English."""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_mkdocs
from explainer import scaffold
from explainer.map import outlines

DATA_FILES = ("sources.yml", "glossary.yml", "timeline.yml", "places.yml", "changes.yml")


@pytest.mark.parametrize("language, sources_heading", [("de", "Quellen"), ("en", "Sources")])
def test_the_scaffold_builds_strict_at_once(tmp_path, language, sources_heading):
    target = tmp_path / "mein-thema"
    written = scaffold.write(target, "Mein Thema", language)
    # every file written is returned (and README names each); site/ is not committed
    assert sorted(written) == sorted(path for path in target.rglob("*") if path.is_file())
    assert (target / ".gitignore").read_text(encoding="utf-8") == "site/\n"
    result = run_mkdocs("build", "--strict", cwd=target, env={"SITE_URL": "https://example.org/t/"})
    assert result.returncode == 0, result.stderr
    # each optional feature is off, and one INFO line says so
    for line in ("glossary: glossary.yml has no entries: glossary off",
                 "timeline: timeline.yml has no events: timeline off",
                 "map: places.yml has no places and frames: maps are off",
                 "changes: changes.yml: 0 correction(s) and 0 update(s) on 0 page(s)"):
        assert f"INFO    -  {line}" in result.stderr, result.stderr
    index = (target / "site/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/t/">' in index
    assert f'<html lang="{language}"' in index
    assert "<title>Mein Thema</title>" in index
    assert "<code>[@" in index                       # the example citation is shown, not cited
    assert "Made with" not in index                  # extra: generator: false, as here
    sources = (target / "site/sources/index.html").read_text(encoding="utf-8")
    assert f'<h1 id="{sources_heading.lower()}">{sources_heading}<' in sources
    assert "No sources yet." in sources if language == "en" else \
        "Noch keine Quellen eingetragen." in sources
    # every feature's hook and stylesheet is listed, as in the generator's own mkdocs.yml
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    own = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.findall(r"^  - hooks/(\w+)\.py$", own, re.M)
    assert hooks and [h for h in hooks if f"hooks/{h}.py" not in config] == []
    assert tuple(hooks) == scaffold.HOOKS
    assert "stylesheets/map.css" in config and "stylesheets/changes.css" in config
    assert 'class="karte' not in index and 'class="aenderung"' not in index  # both off
    # search lists the sources page after the pages that tell the story
    docs = json.loads((target / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert {doc["location"]: doc.get("boost") for doc in docs["docs"]}["sources/"] == 0.1
    # the optional data files are there, as comments only
    for name in DATA_FILES:
        lines = (target / name).read_text(encoding="utf-8").splitlines()
        assert lines and all(line.startswith("#") for line in lines), name


def uncomment(path) -> None:
    """A scaffold's data file with its example (after the first empty comment line) uncommented."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line[2:] for line in lines[lines.index("#") + 1:]) + "\n",
                    encoding="utf-8")


def add_what_the_comments_ask_for(target, names) -> None:
    # The pages and files the examples' comments name: the timeline's and the map's marker,
    # the map's outlines (`make map-data`), the list page of changes in the nav.
    index = target / "docs/index.md"
    if "timeline.yml" in names:
        index.write_text(index.read_text(encoding="utf-8") + "\n<!-- timeline -->\n",
                         encoding="utf-8")
    if "places.yml" in names:
        index.write_text(index.read_text(encoding="utf-8") + "\n<!-- karte: lisbon-coast -->\n",
                         encoding="utf-8")
        (target / "data/naturalearth").mkdir(parents=True)
        assert outlines.main(["--places", str(target / "places.yml"),
                              "--atlas", str(ROOT / outlines.ATLAS),
                              "--out", str(target / "data/naturalearth/outlines-10m.geojson")]) == 0
    if "changes.yml" in names:
        (target / "docs/changes.md").write_text("<!-- changes -->\n", encoding="utf-8")
        config = target / "mkdocs.yml"
        config.write_text(re.sub(r"(\n  - \w+: sources\.md\n)", r"\1  - changes.md\n",
                                 config.read_text(encoding="utf-8")), encoding="utf-8")


# Examples that cite the example source (their comments say so) need it uncommented too.
CITING = ("glossary.yml", "timeline.yml")


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("name", DATA_FILES)
def test_each_commented_example_builds_strict_once_uncommented(tmp_path, name, language):
    target = tmp_path / "thema"
    scaffold.write(target, "Thema", language)
    names = (name, "sources.yml") if name in CITING else (name,)
    for each in names:
        uncomment(target / each)
    add_what_the_comments_ask_for(target, names)
    result = run_mkdocs("build", "--strict", cwd=target)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


@pytest.mark.parametrize("language, words", [
    ("de", ("Mitte Dezember 2024", ">Lissabon<", "15. Januar 2025",
            "Der Name der Bucht war falsch geschrieben.")),
    ("en", ("mid-December 2024", ">Lisbon<", "January 15, 2025",
            "name was misspelt.")),
])
def test_the_commented_examples_build_together_in_the_sites_language(tmp_path, language, words):
    # Every feature on at once, each example's words in the site's language.
    target = tmp_path / "thema"
    scaffold.write(target, "Thema", language)
    for name in DATA_FILES:
        uncomment(target / name)
    example = scaffold.EXAMPLES[language]
    (target / "docs/index.md").write_text(f"# Thema\n\n{example['term']} [@{example['id']}].\n",
                                          encoding="utf-8")
    add_what_the_comments_ask_for(target, DATA_FILES)
    result = run_mkdocs("build", "--strict", cwd=target)
    assert result.returncode == 0, result.stderr
    index = (target / "site/index.html").read_text(encoding="utf-8")
    assert 'class="glossary-term"' in index and 'class="zeitleiste"' in index
    when, place, day, what = words
    assert when in index
    assert 'class="karte__svg"' in index and place in index     # the map
    assert 'class="aenderung"' in index and day in index        # the notice
    assert what in (target / "site/changes/index.html").read_text(encoding="utf-8")


def test_make_new_writes_nothing_over_an_existing_explainer(tmp_path):
    scaffold.write(tmp_path, "A")
    before = (tmp_path / "docs/index.md").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "explainer.scaffold", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 1
    assert "already has mkdocs.yml" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "docs/index.md").read_text(encoding="utf-8") == before


def test_a_name_the_theme_would_show_as_markup_is_refused_and_markdown_in_it_shows(tmp_path):
    result = subprocess.run([sys.executable, "-m", "explainer.scaffold", str(tmp_path / "x"),
                             "--name", "<img src=x onerror=alert(1)>"],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "make new: the name '<img src=x onerror=alert(1)>' contains < >" in result.stderr
    assert not (tmp_path / "x" / "mkdocs.yml").exists()
    scaffold.write(tmp_path / "y", "Krieg & *Frieden* #1", "en")
    assert run_mkdocs("build", "--strict", cwd=tmp_path / "y").returncode == 0
    index = (tmp_path / "y/site/index.html").read_text(encoding="utf-8")
    assert ">Krieg &amp; *Frieden* #1<" in index


@pytest.mark.parametrize("name, message", [
    ("a\x1bb", "the name 'a\\x1bb' contains a control character or line break; give it on one "
                "line"),
    ("line\nbreak", "the name 'line\\nbreak' contains a control character or line break; give "
                    "it on one line"),
    ("  ", "the name '  ' has no visible text"),
    ("\u200b", "the name '\\u200b' has no visible text"),
    ("Fish &copy Chips &amp; Co", "the name 'Fish &copy Chips &amp; Co' contains &copy &amp;, "
                                  "which the theme would show as markup; choose a name without "
                                  "them")])
def test_a_name_the_site_cannot_show_as_typed_is_refused(tmp_path, name, message):
    assert scaffold.main([str(tmp_path / "x"), "--name", name]) == 2
    assert not (tmp_path / "x").exists()
    with pytest.raises(ValueError, match=re.escape(message)):
        scaffold.write(tmp_path / "y", name)


def test_the_name_from_the_folder_capitalises_each_word_and_keeps_the_rest(tmp_path):
    assert scaffold.name_from_folder("mcdonald's-place") == "Mcdonald's Place"
    assert scaffold.name_from_folder("mein_thema--neu") == "Mein Thema Neu"
    assert scaffold.main([str(tmp_path / "mcdonald's-place")]) == 0
    config = (tmp_path / "mcdonald's-place/mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: \"Mcdonald's Place\"" in config


def test_a_generator_in_a_folder_with_spaces_and_a_hash_sign(tmp_path):
    # The written paths are quoted: YAML would read ' #' as a comment, make and sh split at spaces.
    generator = copy_project(tmp_path / "my #1 gen")
    target = tmp_path / "thema"
    result = subprocess.run([sys.executable, "-m", "explainer.scaffold", str(target)],
                            capture_output=True, text=True, cwd=generator, check=False,
                            env={**os.environ, "PYTHONPATH": str(generator / "src")})
    assert result.returncode == 0, result.stderr
    built = run_mkdocs("build", "--strict", cwd=target)
    assert built.returncode == 0, built.stderr
    dry = subprocess.run(["make", "-n", "build"], cwd=target, capture_output=True, text=True,
                         check=False)
    assert '-C "../my #1 gen" .venv/.site-deps' in dry.stdout, dry.stdout + dry.stderr
    assert '"../my #1 gen/.venv/bin/mkdocs" build --strict' in dry.stdout


def make_new(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`make new` of this checkout with args as typed (no shell in between), its packages taken
    as installed (-o: no pip run) and this interpreter's scripts as the Makefile's BIN."""
    return subprocess.run(["make", "-s", "-o", ".venv/.site-deps", "new",
                           f"BIN={Path(sys.executable).parent}", *args],
                          cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("name", ["Cost in $HOME", "Backtick `echo INJECTED`", "A $(shell id) #1",
                                  "Back\\slash", "It's"])
def test_make_new_passes_the_name_as_typed(tmp_path, name):
    result = make_new(f"DIR={tmp_path / 'thema'}", f"NAME={name}")
    assert result.returncode == 0, result.stderr
    config = (tmp_path / "thema/mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_name: {scaffold._yaml_text(name)}\n" in config
    assert "INJECTED" not in result.stdout


@pytest.mark.parametrize("name, message", [
    ('Say "hi"', "the name 'Say \"hi\"' contains \", which the theme would show as markup"),
    ("  ", "the name '' has no visible text"),      # make drops the leading blanks
    ("", "the name '' has no visible text"),
    ("a\nb", "the name 'a\\nb' contains a control character or line break")])
def test_make_new_refuses_a_name_the_script_refuses(tmp_path, name, message):
    result = make_new(f"DIR={tmp_path / 'thema'}", f"NAME={name}")
    assert result.returncode == 2
    assert f"make new: {message}" in result.stderr, result.stderr
    assert not (tmp_path / "thema").exists()


def test_make_new_without_a_name_takes_the_folders_and_not_one_from_the_environment(tmp_path):
    # Some systems (WSL) set NAME in the environment: only make's command line counts.
    result = make_new(f"DIR={tmp_path / 'mein-thema'}", env={"NAME": "my-laptop"})
    assert result.returncode == 0, result.stderr
    assert 'site_name: "Mein Thema"\n' in (tmp_path / "mein-thema/mkdocs.yml").read_text(
        encoding="utf-8")


def test_make_new_writes_into_the_folder_as_typed_and_its_hint_can_be_pasted(tmp_path):
    target = tmp_path / "q\"uo'te $HOME `x` with space"
    result = make_new(f"DIR={target}", "NAME=Thema")
    assert result.returncode == 0, result.stderr
    assert (target / "mkdocs.yml").is_file()
    assert shlex.split(result.stdout.split("Next: ", 1)[1]) == ["cd", str(target), "&&", "make",
                                                                 "serve"]
    assert make_new().returncode == 2
    assert "make new: give a folder, e.g. make new DIR=../mein-thema" in make_new("DIR=").stderr


def test_a_folder_that_is_a_file_or_in_an_explainers_docs_is_refused(tmp_path):
    (tmp_path / "afile").write_text("", encoding="utf-8")
    for target in (tmp_path / "afile", tmp_path / "afile/sub"):
        assert scaffold.target_problem(target) == f"{tmp_path / 'afile'} is a file, not a folder"
    scaffold.write(tmp_path / "outer", "Outer")
    docs = tmp_path / "outer/docs"
    for inside in (docs, docs / "deeper/thema"):
        assert scaffold.target_problem(inside) == (
            f"{inside} is inside {docs}, the docs folder of the explainer "
            f"{tmp_path / 'outer/mkdocs.yml'}; choose a folder outside it")
    assert scaffold.target_problem(tmp_path / "outer/thema") is None     # beside docs/ is fine
    (tmp_path / "custom").mkdir()
    (tmp_path / "custom/mkdocs.yml").write_text("site_name: !ENV [X, y]\ndocs_dir: pages\n",
                                                encoding="utf-8")
    assert "is inside" in scaffold.target_problem(tmp_path / "custom/pages/x")
    assert scaffold.target_problem(tmp_path / "custom/docs") is None
    for target in (tmp_path / "afile", docs / "thema"):
        result = make_new(f"DIR={target}")
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"make new: {scaffold.target_problem(target)}" in result.stderr
    assert not (docs / "thema").exists()
    with pytest.raises(ValueError, match="is a file, not a folder"):
        scaffold.write(tmp_path / "afile", "A")


def test_a_file_or_a_link_in_the_way_is_refused_before_anything_is_written(tmp_path):
    target = tmp_path / "thema"
    target.mkdir()
    (target / "docs").write_text("x", encoding="utf-8")            # a file where docs/ goes
    with pytest.raises(FileExistsError, match="docs must be a folder, not a file or a link; "
                                              "nothing written"):
        scaffold.write(target, "A")
    assert sorted(p.name for p in target.iterdir()) == ["docs"]
    (target / "docs").unlink()
    outside = tmp_path / "outside.yml"
    (target / "mkdocs.yml").symlink_to(outside)                     # a link to nothing
    result = make_new(f"DIR={target}")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "already has mkdocs.yml; nothing written" in result.stderr
    assert not outside.exists() and not (target / "docs").exists()
    (target / "mkdocs.yml").unlink()
    (target / "docs").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(FileExistsError, match="docs must be a folder"):
        scaffold.write(target, "A")
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("language", ['en"x', "en; touch INJECTED", "$(HOME)"])
def test_make_new_passes_the_language_as_typed_and_refuses_one_it_has_no_words_for(tmp_path,
                                                                                   language):
    result = make_new(f"DIR={tmp_path / 'thema'}", f"SITE_LANGUAGE={language}")
    assert result.returncode == 2, result.stderr
    assert "invalid choice" in result.stderr and "Syntax error" not in result.stderr
    assert not (tmp_path / "thema").exists() and not (ROOT / "INJECTED").exists()
    assert make_new(f"DIR={tmp_path / 'en'}", "SITE_LANGUAGE=en").returncode == 0
    assert "language: en\n" in (tmp_path / "en/mkdocs.yml").read_text(encoding="utf-8")


def test_the_explainers_make_deploy_needs_site_url_and_make_serve_takes_a_port(tmp_path):
    scaffold.write(tmp_path, "Thema")
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    # The generator nowhere: should the check go, the test fails without installing or deploying.
    result = subprocess.run(["make", "deploy", f"GENERATOR={tmp_path / 'nowhere'}"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert ("make deploy: set the address the site is published at, e.g. "
            "SITE_URL=https://<user>.github.io/<repo>/ make deploy\n") in result.stderr
    assert "nowhere" not in result.stdout + result.stderr   # nothing else ran
    dry = subprocess.run(["make", "-n", "deploy", "serve", "SITE_URL=https://example.org/t/",
                          "PORT=8001"], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=False)
    assert "/.venv/bin/mkdocs\" gh-deploy --strict --force --no-history" in dry.stdout, dry.stderr
    assert "serve --dev-addr 127.0.0.1:8001\n" in dry.stdout
