"""Bad input, class by class: a clear message naming file and entry or line, never a traceback,
nothing dropped in silence. Tiny sites built with the real hooks."""
from __future__ import annotations

import json
import logging
import shutil

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, hook_path, run_mkdocs
from explainer.map.build import OUTLINES_FILE

HOOKS = "".join(f"  - {hook_path(name)}\n" for name in ("citations", "glossary", "timeline", "seo"))
ALL_HOOKS = f"  - {hook_path('map')}\n  - {hook_path('changes')}\n"
CONFIG = ("theme: {name: mkdocs, locale: en}\n"
          "markdown_extensions: [admonition, attr_list, md_in_html, footnotes,\n"
          "                      pymdownx.superfences]\nhooks:\n" + HOOKS)
MATERIAL = (f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
            "markdown_extensions: [admonition, attr_list, md_in_html, footnotes]\nhooks:\n" + HOOKS)
SOURCES = "- id: ft\n  title: A report\n"
TERM = "- term: Harbour\n  kind: place\n  short: A harbour.\n  explanation: x\n"
EVENTS = "events:\n  - {date: 2024-12-09, text: Something., sources: [ft]}\n"
PLACES = ("places:\n  - {id: damascus, name: Damascus, kind: capital, lat: 33.513, lon: 36.292,\n"
          "     source: example, link: index.md}\n"
          "frames:\n  levant: {title: Levant, west: 34, east: 40, south: 31, north: 37}\n")
CHANGES = "- date: 2024-12-10\n  page: index.md\n  kind: update\n  what: Added a line.\n"


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


# --- bytes that are not UTF-8 ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["sources.yml", "glossary.yml", "timeline.yml", "places.yml",
                                  "changes.yml", "docs/index.md", "docs/notes.md"])
def test_bytes_that_are_not_utf8_name_file_and_line_without_a_traceback(tmp_path, name):
    # Every data file of every feature, and pages: the site builds with all of them intact.
    files = {"sources.yml": SOURCES, "glossary.yml": TERM, "timeline.yml": EVENTS,
             "places.yml": PLACES, "changes.yml": CHANGES,
             "docs/index.md": "# Start\n\nText [@ft].\n\n<!-- timeline -->\n\n"
                              "<!-- karte: levant -->\n\n<!-- changes -->\n",
             "docs/notes.md": "# Notes\n\nMore text [@ft].\n"}
    (tmp_path / "docs").mkdir()
    (tmp_path / "data/naturalearth").mkdir(parents=True)
    shutil.copyfile(ROOT / OUTLINES_FILE, tmp_path / OUTLINES_FILE)
    for file, text in files.items():
        (tmp_path / file).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n" + CONFIG + ALL_HOOKS, encoding="utf-8")
    assert run_mkdocs("build", "--strict", cwd=tmp_path).returncode == 0
    path = tmp_path / name
    lines = path.read_bytes().split(b"\n")
    lines[1] = lines[1] + " caf\xe9".encode("latin-1")
    path.write_bytes(b"\n".join(lines))
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert f"{name}:2: not UTF-8 (byte 0xe9 at column" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_bom_and_windows_line_ends_are_fine(tiny_site):
    bom = "\ufeff"
    site = tiny_site({"index.md": "# Start\n\nThe Harbour [@ft].\n\n<!-- timeline -->\n"},
                     config=CONFIG, strict=True, files={
                         "sources.yml": bom + SOURCES.replace("\n", "\r\n"),
                         "glossary.yml": bom + TERM.replace("\n", "\r\n"),
                         "timeline.yml": bom + EVENTS.replace("\n", "\r\n")})
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="glossary-term"' in html and "December 9, 2024" in html


def test_a_control_character_in_a_page_is_a_warning_naming_its_line(tiny_site, caplog):
    # Data files refuse them at load; a page passed one on to the HTML, which may hold none.
    site = tiny_site({"index.md": "# Start\n\nText [@ft].\n\nEin \x01 Zeichen und \x7f [@ft].\n"},
                     config=CONFIG, files={"sources.yml": SOURCES})
    assert warnings(caplog) == ["citations: docs/index.md:5: a control character (U+0001), which "
                                "no HTML page may hold; remove it"]
    assert (site / "index.html").is_file()
    caplog.clear()
    tiny_site({"index.md": "# Start\n\nTab\tund Zeile\r\nText [@ft].\n"}, config=CONFIG)
    assert warnings(caplog) == []


def test_a_character_reference_html_forbids_is_a_warning_naming_its_line(tiny_site, caplog):
    # Python-Markdown keeps `&#0;` as written, also in a citation's prefix or suffix; in code
    # it shows as typed, which is fine.
    page = ("# Start\n\nText `&#0;` [@ft].\n\n```\n&#x1;\n```\n\n"
            "Seite [@ft, S. &#x1F;5] und &#0; [@ft].\n")
    site = tiny_site({"index.md": page}, config=CONFIG, files={"sources.yml": SOURCES})
    assert warnings(caplog) == ["citations: docs/index.md:9: the character reference '&#x1F;' "
                                "(U+001F) stands for no character a page may hold; remove it"]
    assert (site / "index.html").is_file()
    caplog.clear()
    tiny_site({"index.md": "# Start\n\nS&#x10FFFF; und &#8212; und &#x1F600; [@ft].\n"},
              config=CONFIG)
    assert [w for w in warnings(caplog) if "reference" in w] == [
        "citations: docs/index.md:3: the character reference '&#x10FFFF;' (U+10FFFF) stands "
        "for no character a page may hold; remove it"]


# --- options in mkdocs.yml -------------------------------------------------------------------

@pytest.mark.parametrize("extra, found", [
    ("{citations: 5}", "extra.citations: expected a mapping of options, found a number"),
    ("{citations: [page]}", "extra.citations: expected a mapping of options, found a list"),
    ("{glossary: glossary.yml}", "extra.glossary: expected a mapping of options, found text"),
    ("{timeline: true}", "extra.timeline: expected a mapping of options, found true/false"),
    ("{citations: {registry: [a, b]}}", "extra.citations, field 'registry': expected a path, "
     "such as sources.yml, found a list"),
    ("{citations: {registry: null}}", "extra.citations, field 'registry': expected a path, "
     "such as sources.yml, found nothing"),
    ("{citations: {registry: ''}}", "extra.citations, field 'registry': expected a path, "
     "such as sources.yml, found an empty text"),
    ("{citations: {registry: docs}}", "extra.citations, field 'registry': docs is a folder; "
     "name the data file, such as sources.yml"),
    ("{citations: {page: [a]}}", "extra.citations, field 'page': expected a path, such as "
     "sources.md, found a list"),
    ("{timeline: {file: []}}", "extra.timeline, field 'file': expected a path, such as "
     "timeline.yml, found a list"),
    ("{timeline: {file: {a: 1}}}", "extra.timeline, field 'file': expected a path, such as "
     "timeline.yml, found a mapping"),
    ("{timeline: {file: docs}}", "extra.timeline, field 'file': docs is a folder; name the "
     "data file, such as timeline.yml"),
    ("{glossary: {file: docs}}", "extra.glossary, field 'file': docs is a folder; name the "
     "data file, such as glossary.yml")])
def test_options_that_are_no_mapping_stop_every_hook_cleanly(tmp_path, extra, found):
    # Material with its search plugin: hooks/search.py reads extra.citations and extra.glossary
    # before any other hook does.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Start\n\nThe Harbour [@ft].\n", encoding="utf-8")
    for name, text in (("sources.yml", SOURCES), ("glossary.yml", TERM),
                       ("timeline.yml", EVENTS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\n" + MATERIAL + f"  - {hook_path('search')}\nplugins: [search]\n"
        f"extra: {extra}\n", encoding="utf-8")
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 1
    assert f"mkdocs.yml: {found}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("extra, warning", [
    ("{citations: {requird: true}}", "citations: mkdocs.yml: extra.citations: unknown option "
     "'requird' (did you mean 'required'?); options are registry, required, page"),
    ("{citations: {required: 'yes'}}", "citations: mkdocs.yml: extra.citations.required: "
     "expected true or false, found text; pages cite as their front matter says"),
    ("{glossary: {pages: glossary.md}}", "glossary: mkdocs.yml: extra.glossary: unknown option "
     "'pages' (did you mean 'page'?); options are file, page"),
    ("{timeline: {file: timeline.yml, page: timeline.md}}", "timeline: mkdocs.yml: "
     "extra.timeline: unknown option 'page'; options are file"),
    ("{map: {file: orte.yml}}", "map: mkdocs.yml: extra.map: unknown option 'file'; the map "
     "feature takes no options"),
    ("{changes: {page: changes.md}}", "changes: mkdocs.yml: extra.changes: unknown option "
     "'page'; the changes feature takes no options")])
def test_an_unknown_option_is_a_warning_naming_it(tiny_site, caplog, extra, warning):
    tiny_site({"index.md": "# Start\n\nThe Harbour [@ft].\n\n<!-- timeline -->\n"},
              config=CONFIG + ALL_HOOKS + f"extra: {extra}\n",
              files={"sources.yml": SOURCES, "glossary.yml": TERM, "timeline.yml": EVENTS})
    assert warnings(caplog) == [warning]


# --- markers ---------------------------------------------------------------------------------

def test_a_timeline_no_page_shows_is_a_warning_not_a_silent_loss(tiny_site, caplog):
    with pytest.raises(Abort):
        tiny_site({"index.md": "# Start\n\nText [@ft].\n\n<!-- chronology -->\n"}, config=CONFIG,
                  files={"sources.yml": SOURCES, "timeline.yml": EVENTS}, strict=True)
    assert warnings(caplog) == ["timeline: timeline.yml: 1 event, but no page has the line "
                                "<!-- timeline --> where the timeline goes"]


@pytest.mark.parametrize("page, warning", [
    ("# Start\n\n## Timeline\n    <!-- timeline -->\n", None),          # indented code
    ("# Start\n\n<!--\n<!-- timeline -->\n-->\n", None),               # commented out
    ("# Start\n\nIntro [@ft].\n    <!-- timeline -->\n",                # the paragraph's
     "timeline: docs/index.md:4: <!-- timeline --> is indented four spaces or more right below a "
     "line of text, so it goes on with that paragraph and is left as a comment: a marker stands "
     "on a line of its own, indented like the text around it")])
def test_a_timeline_marker_in_code_in_a_comment_or_in_a_paragraph_is_no_marker(
        tiny_site, caplog, page, warning):
    site = tiny_site({"index.md": page}, config=CONFIG,
                     files={"sources.yml": SOURCES, "timeline.yml": EVENTS})
    assert warnings(caplog) == [*([warning] if warning else []),
                                "timeline: timeline.yml: 1 event, but no page has the line "
                                "<!-- timeline --> where the timeline goes"]
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "zeitleiste" not in html and "/// element" not in html


def test_changes_no_page_lists_are_a_warning_counting_them(tmp_path, caplog):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Start\n\nText [@ft].\n", encoding="utf-8")
    (tmp_path / "sources.yml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "changes.yml").write_text(CHANGES, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\n" + CONFIG + f"  - {hook_path('changes')}\n", encoding="utf-8")
    result = run_mkdocs("build", cwd=tmp_path)
    assert ("WARNING -  changes: changes.yml: 1 change, but no page has the line <!-- changes --> "
            "where their list goes") in result.stderr, result.stderr


def test_a_timeline_marker_without_timeline_yml_is_a_warning(tiny_site, caplog):
    tiny_site({"index.md": "# Start\n\n<!-- timeline -->\n"}, config=CONFIG,
              files={"sources.yml": SOURCES})
    assert warnings(caplog) == ["timeline: docs/index.md:3: <!-- timeline --> asks for the "
                                "timeline, but there is no timeline.yml"]


@pytest.mark.parametrize("marker, file, why", [
    ("timeline", "timeline.yml", "timeline.yml has no events"),
    ("glossary", "glossary.yml", "glossary.yml has no entries"),
    ("glossary", None, "there is no glossary.yml")])
def test_a_marker_whose_data_file_is_missing_or_only_comments_is_a_warning(
        tiny_site, caplog, marker, file, why):
    files = {"sources.yml": SOURCES, **({file: "# comments only\n"} if file else {})}
    tiny_site({"index.md": f"# Start\n\n<!-- {marker} -->\n"}, config=CONFIG, files=files)
    assert warnings(caplog) == [f"{marker}: docs/index.md:3: <!-- {marker} --> asks for the "
                                f"{marker}, but {why}"]


@pytest.mark.parametrize("name, text, feature", [("glossary.yml", "# only comments\n", "glossary"),
                                                 ("timeline.yml", "# only comments\n", "timeline"),
                                                 ("timeline.yml", "events: []\n", "timeline")])
def test_a_data_file_with_only_comments_leaves_its_feature_off_and_says_so(
        tiny_site, caplog, name, text, feature):
    caplog.set_level(logging.INFO)
    tiny_site({"index.md": "# Start\n\nText [@ft].\n"}, config=CONFIG, strict=True,
              files={"sources.yml": SOURCES, name: text})
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any(info.startswith(f"{feature}: {name} has no ") and info.endswith(f"{feature} off")
               for info in infos), infos


def test_map_frames_that_no_page_shows_are_a_warning(tmp_path, caplog):
    (tmp_path / "data/naturalearth").mkdir(parents=True)
    shutil.copyfile(ROOT / OUTLINES_FILE, tmp_path / OUTLINES_FILE)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Start\n\nText [@ft].\n", encoding="utf-8")
    (tmp_path / "sources.yml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "places.yml").write_text(PLACES, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n" + CONFIG + ALL_HOOKS, encoding="utf-8")
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert ("WARNING -  map: places.yml: frame 'levant': no page shows this map (write "
            "<!-- karte: levant --> on a line of its own where it goes)") in result.stderr, \
        result.stderr


def test_map_outlines_missing_name_the_command_that_makes_them(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Start\n\n<!-- karte: levant -->\n",
                                            encoding="utf-8")
    (tmp_path / "sources.yml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "places.yml").write_text(PLACES, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n" + CONFIG + ALL_HOOKS, encoding="utf-8")
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert (f"{OUTLINES_FILE}: file not found; run `make map-data` to derive the country "
            "outlines") in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_second_timeline_on_a_page_is_left_out_with_a_warning(tiny_site, caplog):
    site = tiny_site({"index.md": "# Start\n\n<!-- timeline -->\n\nMore.\n\n<!-- chronology -->\n"
                                  "\n<!-- timeline -->\n"},
                     config=CONFIG, files={"sources.yml": SOURCES, "timeline.yml": EVENTS})
    assert warnings(caplog) == ["timeline: docs/index.md:9: the timeline is on this page already "
                                "(line 3); this <!-- timeline --> is left out"]
    assert (site / "index.html").read_text(encoding="utf-8").count('class="zeitleiste"') == 1


def test_an_event_that_takes_a_link_reference_of_the_page_is_a_warning(tiny_site, caplog):
    # The page's definition is out of sight of the event's own link check (javascript: here).
    events = ("events:\n  - {date: 2024-12-09, text: 'A [link][Evil] and [Dark] and [x](https://"
              "example.org) and [kept], `[dark]` and \\[dark], not C:\\\\[dark].', sources: [ft]}\n")
    tiny_site({"index.md": "# Start\n\n<!-- timeline -->\n\n[evil]: javascript:alert(1)\n"
                           "[dark]: https://example.org/d\n\n```\n[kept]: in code\n```\n"},
              config=CONFIG, files={"sources.yml": SOURCES, "timeline.yml": events})
    assert warnings(caplog) == [
        f"timeline: timeline.yml: event 1 (2024-12-09), field 'text': '{used}' takes the link "
        f"reference '[{label}]' that docs/index.md defines; write the link in the event itself, "
        f"[text](address)" for used, label in (("[Evil]", "evil"), ("[Dark]", "dark"),
                                                 ("[dark]", "dark"))]


def test_a_timeline_marker_with_an_argument_is_a_warning_and_shows_every_event(tiny_site,
                                                                                caplog):
    site = tiny_site({"index.md": "# Start\n\n<!-- timeline: 2024 -->\n"},
                     config=CONFIG, files={"sources.yml": SOURCES, "timeline.yml": EVENTS})
    assert warnings(caplog) == ["timeline: docs/index.md:3: <!-- timeline: 2024 --> takes no "
                                "argument; '2024' is ignored (write <!-- timeline -->)"]
    assert "Something." in (site / "index.html").read_text(encoding="utf-8")


def test_a_problem_in_generated_text_names_the_entry_and_the_marker(tiny_site, caplog):
    events = "events:\n  - {date: 2024-12-09, text: 'Etwas [@ft; S. 3] passierte.', sources: [ft]}\n"
    tiny_site({"index.md": "# Start\n\n<!-- timeline -->\n\nDanach [@fx].\n"}, config=CONFIG,
              files={"sources.yml": SOURCES, "timeline.yml": events})
    assert [w.split(": '", 1)[0].split(": unknown", 1)[0] for w in warnings(caplog)] == [
        "citations: timeline.yml: event 1 (2024-12-09) (shown by the marker on docs/index.md:3)",
        "citations: docs/index.md:5"]


@pytest.mark.parametrize("page, marker, files, entry", [
    ("timeline.md", "<!-- timeline -->",
     {"timeline.yml": "events:\n  - {date: 2024-12-09, text: 'Etwas [@ft; S. 3].', "
                      "sources: [ft]}\n"},
     "timeline.yml: event 1 (2024-12-09)"),
    ("glossary.md", "<!-- glossary -->",
     {"glossary.yml": TERM.replace("explanation: x", "explanation: 'Ein Hafen [@ft; S. 3].'")},
     "glossary.yml: entry 'Harbour', field 'explanation'"),
])
def test_a_problem_in_generated_text_at_the_end_of_a_page_names_entry_and_marker(
        tiny_site, caplog, page, marker, files, entry):
    # The blank lines of the generated text paired with the marker's: the line after it was named.
    tiny_site({"index.md": "# Start\n", page: f"# Titel\n\nEinleitung.\n\n{marker}\n"},
              config=CONFIG, files={"sources.yml": SOURCES, **files})
    assert [w.split(": '", 1)[0].split(": unknown", 1)[0] for w in warnings(caplog)
            if w.startswith("citations")] == [
        f"citations: {entry} (shown by the marker on docs/{page}:5)"]


def test_a_glossary_paragraph_without_source_names_its_entry(tiny_site, caplog):
    # Of many entries, the one whose explanation has a paragraph without a source.
    explanation = ('explanation: "Eine Mole [@ft].\\n\\n'
                   'Dieser zweite Absatz hat leider keinen einzigen Beleg."')
    table = (TERM.replace("explanation: x", "explanation: 'Ein Hafen [@ft].'") +
             TERM.replace("Harbour", "Quay").replace("explanation: x", explanation))
    tiny_site({"index.md": "# Start\n", "glossary.md": "---\ncitations: required\n---\n"
               "# Glossar\n\n<!-- glossary -->\n"},
              config=CONFIG, files={"sources.yml": SOURCES, "glossary.yml": table})
    # A data file's text takes no attribute list: the advice is the one it can follow.
    assert [w for w in warnings(caplog) if w.startswith("citations")] == [
        "citations: glossary.yml: entry 'Quay', field 'explanation' (shown by the marker on "
        "docs/glossary.md:6): text without source: cite it with [@key] in the entry (its text "
        "cannot be exempted)"]


def test_a_timeline_dating_without_source_names_its_entry_and_the_advice_it_can_follow(
        tiny_site, caplog):
    events = ("events:\n  - date: 2024-12-09\n    text: Etwas geschah.\n    sources: [ft]\n"
              "    dating: Der Bericht sagt gestern und meint damit wohl den Vortag.\n")
    tiny_site({"index.md": "---\ncitations: required\n---\n# Start\n\nText [@ft].\n\n"
                           "<!-- timeline -->\n\nNoch ein Absatz ganz ohne jeden Beleg hier.\n"},
              config=CONFIG, files={"sources.yml": SOURCES, "timeline.yml": events})
    assert [w for w in warnings(caplog) if w.startswith("citations")] == [
        "citations: timeline.yml: event 1 (2024-12-09), field 'dating' (shown by the marker on "
        "docs/index.md:8): text without source: cite it with [@key] in the entry (its text "
        "cannot be exempted)",
        "citations: docs/index.md:10: paragraph without source: cite it with [@key], or mark it "
        "{: .no-source }"]


def test_an_unknown_source_of_a_timeline_event_is_reported_once_at_its_entry(tiny_site, caplog):
    events = "events:\n  - {date: 2024-12-09, text: Etwas., sources: [ft, fx]}\n"
    site = tiny_site({"index.md": "# Start\n\n<!-- timeline -->\n\nDanach [@fy].\n"},
                     config=CONFIG, files={"sources.yml": SOURCES, "timeline.yml": events})
    assert warnings(caplog) == [
        "timeline: timeline.yml: event 1 (2024-12-09), field 'sources': unknown source 'fx' "
        "(did you mean 'ft'?)",
        "citations: docs/index.md:5: unknown source 'fy' (did you mean 'ft'?)"]
    # the reader still sees that a source is missing
    assert (site / "index.html").read_text(encoding="utf-8").count('class="citations-unknown"') == 2


def test_a_marker_after_generated_text_is_named_by_its_own_line(tmp_path):
    (tmp_path / "data/naturalearth").mkdir(parents=True)
    shutil.copyfile(ROOT / OUTLINES_FILE, tmp_path / OUTLINES_FILE)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Start\n\n<!-- timeline -->\n\nText [@ft].\n\n"
                                            "<!-- karte: levnat -->\n", encoding="utf-8")
    for name, text in (("sources.yml", SOURCES), ("timeline.yml", EVENTS), ("places.yml", PLACES)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n" + CONFIG + ALL_HOOKS, encoding="utf-8")
    result = run_mkdocs("build", cwd=tmp_path)
    assert "map: docs/index.md:7: unknown map frame 'levnat' (did you mean 'levant'?)" in \
        result.stderr, result.stderr


def test_markers_shown_in_code_stay_literal_and_the_real_one_gets_the_content(tiny_site):
    page = ("# Sources\n\nWrite this line:\n\n```md\n<!-- citations: sources -->\n"
            "<!-- timeline -->\n```\n\n    <!-- timeline -->\n\n!!! note \"Events\"\n\n"
            "    <!-- timeline -->\n\n<!-- citations: sources -->\n")
    site = tiny_site({"sources.md": page, "index.md": "# Start\n\nText [@ft].\n"}, config=CONFIG,
                     files={"sources.yml": SOURCES, "timeline.yml": EVENTS}, strict=True)
    html = (site / "sources/index.html").read_text(encoding="utf-8")
    assert html.count("&lt;!-- citations: sources --&gt;") == 1
    assert html.count("&lt;!-- timeline --&gt;") == 2
    code_end = html.index("</code></pre>")
    assert html.index('<ul class="citations-sources">') > code_end
    note = html[html.index('class="admonition note"'):]
    assert note.index('<div class="zeitleiste"') < note.index('<p>')


def test_a_sources_page_without_its_marker_warns_and_keeps_the_list(tiny_site, caplog):
    site = tiny_site({"sources.md": "# Sources\n", "index.md": "# Start\n\nText [@ft].\n"},
                     config=CONFIG, files={"sources.yml": SOURCES})
    assert warnings(caplog) == ["citations: docs/sources.md: no line <!-- citations: sources --> "
                                "marks where the list of sources goes; it was put at the end"]
    assert '<li id="ft">' in (site / "sources/index.html").read_text(encoding="utf-8")


def test_a_sources_list_marker_in_a_block_quote_gets_the_list(tiny_site):
    page = "# Sources\n\n> <!-- citations: sources -->\n"
    site = tiny_site({"sources.md": page, "index.md": "# Start\n\nText [@ft].\n"},
                     config=CONFIG, files={"sources.yml": SOURCES}, strict=True)
    html = (site / "sources/index.html").read_text(encoding="utf-8")
    assert "citations-sources-0" not in html
    assert html.index("<blockquote>") < html.index('<li id="ft">') < html.index("</blockquote>")


@pytest.mark.parametrize("line, problem", [
    ("<!-- citations: source -->", "marker <!-- citations: source -->: unknown argument "
     "'source' (did you mean 'sources'?); the list's marker is <!-- citations: sources -->"),
    ("- <!-- citations: sources -->", "<!-- citations: sources --> is not alone on its line, so "
     "it is left as a comment: a marker stands on a line of its own"),
])
def test_a_line_that_looks_like_the_sources_marker_but_marks_nothing_is_named(
        tiny_site, caplog, line, problem):
    site = tiny_site({"sources.md": f"# Sources\n\n{line}\n",
                      "index.md": "# Start\n\nText [@ft].\n"},
                     config=CONFIG, files={"sources.yml": SOURCES})
    assert warnings(caplog) == [f"citations: docs/sources.md:3: {problem}",
                                "citations: docs/sources.md: no line <!-- citations: sources --> "
                                "marks where the list of sources goes; it was put at the end"]
    assert '<li id="ft">' in (site / "sources/index.html").read_text(encoding="utf-8")


def test_a_second_sources_list_marker_is_left_out_with_a_warning(tiny_site, caplog):
    page = "# Sources\n\n<!-- citations: sources -->\n\n<!-- citations: sources -->\n"
    site = tiny_site({"sources.md": page, "index.md": "# Start\n\nText [@ft].\n"},
                     config=CONFIG, files={"sources.yml": SOURCES})
    assert warnings(caplog) == ["citations: docs/sources.md:5: the list of sources is on this "
                                "page already; this marker is left out"]
    assert (site / "sources/index.html").read_text(encoding="utf-8").count('<li id="ft">') == 1


# --- the glossary ----------------------------------------------------------------------------

def test_markup_in_a_term_shows_as_written_in_its_heading_and_tooltips(tiny_site):
    table = ("- term: <b>Bold</b> & Co\n  kind: organisation\n  short: A <i>firm</i>.\n"
             "  explanation: x\n")
    site = tiny_site({"glossary.md": "# Glossary\n\n<!-- glossary -->\n",
                      "index.md": "# Start\n\nWe met <b>Bold</b> & Co.\n"},
                     config=CONFIG, files={"glossary.yml": table}, strict=True)
    glossary = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert '<h3 id="bboldb-co">&lt;b&gt;Bold&lt;/b&gt; &amp; Co</h3>' in glossary
    assert "<b>Bold</b>" not in glossary and "<i>firm</i>" not in glossary


def test_a_term_with_an_ampersand_is_found_on_pages(tiny_site):
    table = "- term: AT&T\n  kind: organisation\n  short: A firm.\n  explanation: x\n"
    site = tiny_site({"index.md": "# Start\n\nAT&T and AT&amp;T.\n"}, config=CONFIG,
                     files={"glossary.yml": table}, strict=True)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<span class="glossary-term" title="A firm.">AT&amp;T</span> and' in html


def test_a_source_the_glossary_cites_must_exist_and_is_reported_at_the_entry(tiny_site, caplog):
    with pytest.raises(Abort):
        tiny_site({"index.md": "# Start\n"}, config=CONFIG, files={
            "sources.yml": SOURCES, "glossary.yml": TERM.replace("explanation: x",
                                                                 "explanation: x [@fx]")})
    assert errors(caplog) == ["glossary.yml: entry 'Harbour', field 'explanation': unknown "
                              "source 'fx' (did you mean 'ft'?)"]


@pytest.mark.parametrize("short", ["A harbour [@ft].", "A harbour [vgl. @fx, S. 3].",
                                   "A harbour [@ft; S. 3]."])
def test_a_citation_in_a_tooltip_is_a_warning_at_the_entry(tiny_site, caplog, short):
    table = TERM.replace("short: A harbour.", f"short: {short}")
    site = tiny_site({"index.md": "# Start\n\nThe Harbour [@ft].\n"}, config=CONFIG,
                     files={"sources.yml": SOURCES, "glossary.yml": table})
    assert warnings(caplog) == ["glossary: glossary.yml: entry 'Harbour', field 'short': a "
                                "citation cannot stand in a tooltip; cite in 'explanation' or "
                                "'sources'"]
    assert 'class="glossary-term"' in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("short", ["A harbour \\[@ft].", "Write to presse@ft.com.",
                                   "A harbour `[@ft]`.", "A [harbour](index.md)."])
def test_what_cites_nothing_in_a_tooltip_gives_no_warning(tiny_site, caplog, short):
    table = TERM.replace("short: A harbour.", f"short: '{short}'")
    tiny_site({"index.md": "# Start\n\nThe Harbour [@ft].\n"}, config=CONFIG, strict=True,
              files={"sources.yml": SOURCES, "glossary.yml": table})
    assert warnings(caplog) == []


def test_a_number_as_a_key_is_named_as_written(tiny_site, caplog):
    with pytest.raises(Abort):
        tiny_site({"index.md": "# Start\n"}, config=CONFIG,
                  files={"glossary.yml": TERM + "  2024: x\n"})
    assert errors(caplog)[0].startswith("glossary.yml: entry 'Harbour': unknown field '2024'")


# --- the head of the page --------------------------------------------------------------------

def test_markup_in_a_title_reaches_the_title_element_as_plain_text(tiny_site):
    site = tiny_site({"index.md": "# Start\n\nText.\n",
                      "other.md": "---\ntitle: <script>x</script> Fish & <b>Chips</b>\n---\n\n"
                                  "Text.\n"}, config=MATERIAL)
    html = (site / "other/index.html").read_text(encoding="utf-8")
    assert "<title>x Fish &amp; Chips - Test</title>" in html
    assert "<script>x</script>" not in html


def test_a_page_opening_with_a_note_is_described_by_its_first_paragraph(tiny_site):
    site = tiny_site({"index.md": "# Start\n\n!!! note \"Please note\"\n\n    Boxed text.\n\n"
                                  "The first paragraph of the page.\n"}, config=MATERIAL)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="The first paragraph of the page.">' in html


def test_a_description_of_invisible_characters_is_a_warning(tiny_site, caplog):
    with pytest.raises(Abort):
        tiny_site({"index.md": "---\ndescription: \"\\u200b\\u200d \\ufeff\"\n---\n# Start\n\n"
                               "Text.\n"}, config=MATERIAL, strict=True)
    assert warnings(caplog) == ["seo: docs/index.md:2: front matter key 'description' has no "
                                "visible text"]


def test_an_unknown_source_in_an_event_is_a_warning_naming_event_and_field(tiny_site, caplog):
    events = "events:\n  - {date: 2024-12-09, text: 'Said [@fx].', sources: [ft, ftt]}\n"
    site = tiny_site({"index.md": "# Timeline\n\n<!-- timeline -->\n"}, config=CONFIG,
                     files={"sources.yml": SOURCES, "timeline.yml": events})
    assert [w for w in warnings(caplog) if w.startswith("timeline:")] == [
        "timeline: timeline.yml: event 1 (2024-12-09), field 'sources': unknown source 'ftt' "
        "(did you mean 'ft'?)",
        "timeline: timeline.yml: event 1 (2024-12-09), field 'text': unknown source 'fx' "
        "(did you mean 'ft'?)"]
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Said" in html and html.count('class="citations-unknown"') == 2


def test_a_line_after_generated_text_is_the_line_of_the_file(tiny_site, caplog):
    page = "# Timeline\n\n<!-- timeline -->\n\nAfter the timeline [@fx].\n"
    tiny_site({"index.md": page}, config=CONFIG, files={"sources.yml": SOURCES,
                                                         "timeline.yml": EVENTS})
    assert warnings(caplog) == ["citations: docs/index.md:5: unknown source 'fx' "
                                "(did you mean 'ft'?)"]


def test_a_title_that_is_not_text_is_a_warning_and_a_number_is_text(tiny_site, caplog):
    site = tiny_site({"index.md": "# Start\n\nText.\n",
                      "list.md": "---\ntitle: [a, b]\n---\n\nText.\n",
                      "year.md": "---\ntitle: 2024\n---\n\nText.\n"}, config=MATERIAL)
    assert warnings(caplog) == ["seo: docs/list.md:2: front matter key 'title' must be text, "
                                "not list"]
    assert "<title>['a', 'b']" not in (site / "list/index.html").read_text(encoding="utf-8")
    assert "<title>2024 - Test</title>" in (site / "year/index.html").read_text(encoding="utf-8")


def test_html_in_a_timeline_event_shows_as_written(tiny_site):
    events = ("events:\n  - date: 2024-12-09\n    text: A <script>x</script> & <b>b</b> day.\n"
              "    sources: [ft]\n    dating: <i>roughly</i>\n")
    site = tiny_site({"index.md": "# Start\n\n<!-- timeline -->\n"}, config=CONFIG, strict=True,
                     files={"sources.yml": SOURCES, "timeline.yml": events})
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "A &lt;script&gt;x&lt;/script&gt; &amp; &lt;b&gt;b&lt;/b&gt; day." in html
    assert "On the dating: &lt;i&gt;roughly&lt;/i&gt;" in html
    assert "<script>x" not in html and "<i>roughly" not in html


def test_html_in_a_glossary_explanation_shows_as_written_and_its_markdown_works(tiny_site):
    table = ("- term: Harbour\n  kind: place\n  short: A harbour.\n  explanation: >-\n"
             "    A <script>alert(1)</script> *big* <img src=x onerror=alert(1)> & `a<b` port.\n")
    site = tiny_site({"glossary.md": "# Glossary\n\n<!-- glossary -->\n",
                      "index.md": "# Start\n\nThe Harbour.\n"},
                     config=CONFIG, files={"glossary.yml": table}, strict=True)
    html = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert ("A &lt;script&gt;alert(1)&lt;/script&gt; <em>big</em> &lt;img src=x "
            "onerror=alert(1)&gt; &amp; <code>a&lt;b</code> port.") in html
    assert "<script>alert" not in html and "<img src=x" not in html


def test_code_in_a_timeline_event_shows_its_text(tiny_site):
    events = "events:\n  - {date: 2024-12-09, text: 'Ran `a<b && c` today.', sources: [ft]}\n"
    site = tiny_site({"index.md": "# Start\n\n<!-- timeline -->\n"}, config=CONFIG, strict=True,
                     files={"sources.yml": SOURCES, "timeline.yml": events})
    assert "Ran <code>a&lt;b &amp;&amp; c</code> today." in (site / "index.html").read_text(
        encoding="utf-8")


def test_a_sources_list_marker_on_another_page_is_a_warning(tiny_site, caplog):
    tiny_site({"index.md": "# Start\n\nText [@ft].\n\n<!-- citations: sources -->\n",
               "sources.md": "# Sources\n\n<!-- citations: sources -->\n"}, config=CONFIG,
              files={"sources.yml": SOURCES})
    assert warnings(caplog) == ["citations: docs/index.md:5: the list of sources goes on "
                                "sources.md (extra.citations.page); this marker is ignored"]


def test_a_marker_written_in_other_letter_case_is_a_warning_not_a_silent_comment(tmp_path):
    (tmp_path / "data/naturalearth").mkdir(parents=True)
    shutil.copyfile(ROOT / OUTLINES_FILE, tmp_path / OUTLINES_FILE)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text(
        "# Start\n\nText [@ft].\n\n<!-- Karte: levant -->\n\n<!-- TIMELINE: 2024 -->\n\n"
        "<!-- Glossary -->\n\n<!-- Changes: alle -->\n\n```\n<!-- Karte: levant -->\n```\n\n"
        "<!-- Karten sind unten -->\n\n<!-- karte: levant -->\n", encoding="utf-8")
    (tmp_path / "docs/sources.md").write_text("# Sources\n\n<!-- Citations: sources -->\n",
                                              encoding="utf-8")
    for name, text in (("sources.yml", SOURCES), ("glossary.yml", TERM), ("timeline.yml", EVENTS),
                       ("places.yml", PLACES), ("changes.yml", CHANGES)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n" + CONFIG + ALL_HOOKS, encoding="utf-8")
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    found = [line.split("WARNING -  ", 1)[1] for line in result.stderr.splitlines()
             if "is left as a comment" in line]
    assert sorted(found) == sorted([
        f"{hook}: {where}: <!-- {written} --> is left as a comment (a marker's name is written "
        f"'{name}'): write {right}"
        for hook, where, written, name, right in [
            ("map", "docs/index.md:5", "Karte: levant", "karte", "<!-- karte: levant -->"),
            # a marker that takes no argument: the line to write has none
            ("timeline", "docs/index.md:7", "TIMELINE: 2024", "timeline",
             "<!-- timeline --> (it takes no argument)"),
            ("glossary", "docs/index.md:9", "Glossary", "glossary", "<!-- glossary -->"),
            ("changes", "docs/index.md:11", "Changes: alle", "changes",
             "<!-- changes --> (it takes no argument)"),
            ("citations", "docs/sources.md:3", "Citations: sources", "citations",
             "<!-- citations: sources -->")]]), result.stderr
    # The comment in code and the one that only begins like a marker name say nothing.
    assert result.stderr.count("is left as a comment") == 5


FOOTER = MATERIAL.replace("  name: material\n", "  name: material\n  features: [navigation.footer]\n")


def test_a_heading_with_markup_as_entities_is_escaped_text_in_the_title_element(tiny_site):
    site = tiny_site({"index.md": "# Start\n\nText.\n",
                      "odd.md": "# Warum &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; "
                                "AT&amp;copy\n\nText.\n"}, config=MATERIAL)
    html = (site / "odd/index.html").read_text(encoding="utf-8")
    assert ("<title>Warum &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; AT&amp;copy - "
            "Test</title>") in html
    assert "<script>alert(1)" not in html


def test_titles_are_escaped_once_in_the_footer_links(tiny_site):
    site = tiny_site({"index.md": "# Start\n\nText.\n",
                      "heading.md": "# Ü & T \"q\" <3\n\nText.\n",
                      "front.md": "---\ntitle: Fm &amp; x\n---\n\nText.\n"},
                     config=FOOTER + "nav: [index.md, heading.md, front.md]\n")
    html = (site / "heading/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Next: Fm &amp; x"' in html
    assert "<title>Ü &amp; T &quot;q&quot; &lt;3 - Test</title>" in html
    front = (site / "front/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Previous: Ü &amp; T &quot;q&quot; &lt;3"' in front


@pytest.mark.parametrize("front", ['title: "   "', "title:", 'title: "\\u200b"'])
def test_a_blank_title_is_a_warning_and_the_heading_names_the_page(tiny_site, caplog, front):
    site = tiny_site({"index.md": "# Start\n\nText.\n",
                      "blank.md": f"---\n{front}\n---\n# The heading\n\nText.\n"}, config=MATERIAL)
    assert warnings(caplog) == ["seo: docs/blank.md:2: front matter key 'title' has no visible "
                                "text"]
    html = (site / "blank/index.html").read_text(encoding="utf-8")
    assert "<title>The heading - Test</title>" in html
    assert '<meta property="og:title" content="The heading">' in html


@pytest.mark.parametrize("front, message", [
    ("search: {boost: .nan}", "has boost nan, which must be a finite positive number; 'boost'"),
    ("search:\n  boost: abc", "has boost 'abc', which must be a finite positive number; 'boost'"),
    ("search: {boost: [1]}", "has boost a list, which must be a finite positive number; 'boost'"),
    ("search: {boost: true}", "has boost true/false, which must be a finite positive number; "
                              "'boost'"),
    ("search: {boost: -5}", "has boost -5, which must be a finite positive number; 'boost'"),
    ("search: {bost: 2}", "has an unknown key 'bost' (did you mean 'boost'?) (keys: boost, "
                          "exclude); 'bost'"),
    ("search: {exclude: ja}", "has exclude 'ja', which must be true or false; 'exclude'"),
    ("search: 3", "must be keys with values (boost, exclude), not a number; it")])
def test_a_search_setting_the_theme_cannot_use_is_a_warning_and_left_out(tiny_site, caplog,
                                                                        front, message):
    site = tiny_site({"index.md": f"---\n{front}\n---\n# Start\n\nText.\n"}, config=MATERIAL)
    assert warnings(caplog) == [f"seo: docs/index.md:2: front matter key 'search' {message} "
                                "is left out"]
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and all("boost" not in doc for doc in index["docs"])


def test_a_search_boost_that_is_a_positive_number_is_kept(tiny_site, caplog):
    site = tiny_site({"index.md": "---\nsearch: {boost: 2.5}\n---\n# Start\n\nText.\n"},
                     config=MATERIAL)
    assert warnings(caplog) == []
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"][0]["boost"] == 2.5


def test_a_sources_list_marker_in_an_admonition_gets_the_list(tiny_site):
    page = "# Sources\n\n!!! note\n\n    <!-- citations: sources -->\n"
    site = tiny_site({"sources.md": page, "index.md": "# Start\n\nText [@ft].\n"},
                     config=CONFIG, files={"sources.yml": SOURCES}, strict=True)
    html = (site / "sources/index.html").read_text(encoding="utf-8")
    assert "citations-sources-0" not in html
    note = html[html.index('class="admonition note"'):]
    assert note.index('<ul class="citations-sources"><li id="ft">') < note.index("</div>")


def test_a_sources_page_of_only_its_list_takes_the_sites_description(tiny_site):
    # The list is filled in after the seo hook has read the page: its slot is no text of it.
    site = tiny_site({"sources.md": "# Sources\n\n<!-- citations: sources -->\n",
                      "index.md": "# Start\n\nText [@ft].\n"},
                     config="site_description: All about it.\n" + MATERIAL,
                     files={"sources.yml": SOURCES}, strict=True)
    html = (site / "sources/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="All about it.">' in html
    assert "citations-sources-0" not in html and '<li id="ft">' in html


def test_the_sources_marker_in_a_raw_html_block_is_a_warning_and_the_list_goes_at_the_end(
        tiny_site, caplog):
    page = "# Sources\n\n<div>\n<!-- citations: sources -->\n</div>\n"
    site = tiny_site({"sources.md": page, "index.md": "# Start\n\nText [@ft].\n"},
                     config=CONFIG, files={"sources.yml": SOURCES})
    assert warnings(caplog) == [
        "citations: docs/sources.md:4: <!-- citations: sources --> stands in a raw HTML block, "
        "where Markdown is not read, so it is left as a comment: a marker stands outside raw "
        'HTML, or in an element with markdown="1"',
        "citations: docs/sources.md: no line <!-- citations: sources --> marks where the list of "
        "sources goes; it was put at the end"]
    html = (site / "sources/index.html").read_text(encoding="utf-8")
    assert "citations-sources-0" not in html and '<li id="ft">' in html
