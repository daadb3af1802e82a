"""explainer.data, explainer.location, explainer.options: the one loader, the one location
format, the one reading of mkdocs.yml's options."""
from __future__ import annotations

import types
from collections import OrderedDict

import pytest
from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError
from pymdownx.slugs import slugify as pymdownx_slugify

from explainer.data import (DataError, control_character_at, expect_text, expect_text_list,
                            load_yaml, parse_yaml, read_text, while_unchanged)
from explainer.location import (Generated, PageLocation, at_entry, at_line,
                                front_matter_key_line, front_matter_lines, generated_origin,
                                remember)
from explainer import location
from explainer.options import toc_slugify


@pytest.fixture(autouse=True)
def _no_remembered_texts(monkeypatch):
    # The texts hooks remember live in the process: builds of other tests leave theirs.
    monkeypatch.setattr(location, "_generated", OrderedDict())


def test_keys_are_always_the_text_written_and_dates_stay_text():
    data = parse_yaml("2024: a\nyes: b\n3.5: c\nnull: d\nwhen: 2024-12-09\nn: 3\n", "x.yml")
    assert data == {"2024": "a", "yes": "b", "3.5": "c", "null": "d", "when": "2024-12-09", "n": 3}


def test_dates_inside_lists_stay_text():
    assert parse_yaml("- 2024-12-09\n- [2024-01-01]\n", "x.yml") == ["2024-12-09", ["2024-01-01"]]


def test_only_plain_decimal_numbers_and_true_false_are_read_as_values_the_rest_stays_text():
    text = ("ids: [007, '1:30', 1:30, 0x1F, 010, 0o17, 1_000, 0000, .inf, .nan, 1.2.3]\n"
            "words: [yes, no, on, off, y, n]\n"
            "values: [12, -3, +5, 0, 36.25, -0.5, 0.0, 1e5, true, False, null]\n"
            "decimals: [36., .5, -.5, +.25, 1.5e-3]\n")     # YAML 1.2 floats, as 1.1 read them
    assert parse_yaml(text, "x.yml") == {
        "ids": ["007", "1:30", "1:30", "0x1F", "010", "0o17", "1_000", "0000", ".inf", ".nan",
                "1.2.3"],
        "words": ["yes", "no", "on", "off", "y", "n"],
        "values": [12, -3, 5, 0, 36.25, -0.5, 0.0, 100000.0, True, False, None],
        "decimals": [36.0, 0.5, -0.5, 0.25, 0.0015]}


def test_a_key_given_twice_is_refused_with_its_line():
    with pytest.raises(DataError, match=r"^x\.yml:3: invalid YAML: key 'a' given twice"):
        parse_yaml("- a: 1\n  b: 2\n  a: 3\n", "x.yml")


def test_a_key_given_twice_in_a_nested_mapping_is_refused_too():
    with pytest.raises(DataError, match=r"^x\.yml:4: .*key 'c' given twice"):
        parse_yaml("a:\n  b:\n    c: 1\n    c: 2\n", "x.yml")


def test_a_list_as_key_is_refused():
    with pytest.raises(DataError, match=r"^x\.yml:1: invalid YAML: a key must be plain text"):
        parse_yaml("? [1, 2]\n: x\n", "x.yml")


def test_syntax_error_names_file_and_line_and_is_a_plugin_error():
    with pytest.raises(PluginError, match=r"^x\.yml:3: invalid YAML: did not find expected"):
        parse_yaml("a: [\nb: c\n", "x.yml")


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: \xc3\xa4\r\n")
    assert load_yaml(path, "x.yml") == {"a": 1, "b": "ä"}


def test_non_utf8_bytes_name_line_column_and_byte(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"a: 1\nb: Caf\xe9\n")
    with pytest.raises(DataError, match=r"^x\.yml:2: not UTF-8 \(byte 0xe9 at column 7\); save "
                                        r"the file as UTF-8$"):
        read_text(path, "x.yml")


def test_a_missing_file_is_none_when_optional_and_an_error_otherwise(tmp_path):
    assert load_yaml(tmp_path / "none.yml", "none.yml", missing_ok=True) is None
    with pytest.raises(DataError, match=r"^none\.yml: file not found$"):
        load_yaml(tmp_path / "none.yml", "none.yml")


def test_text_lists_accept_one_text_and_refuse_empty_items():
    assert expect_text_list("ft", "x.yml", "entry 1", "sources") == ["ft"]
    with pytest.raises(DataError, match=r"^x\.yml: entry 1, field 'sources': expected a list"):
        expect_text_list(["ft", " "], "x.yml", "entry 1", "sources")


def test_location_formats():
    assert at_line("docs/index.md", 12) == "docs/index.md:12"
    assert at_line("docs/index.md") == "docs/index.md"
    assert at_entry("timeline.yml", "event 3 (2024-12-09)", "sources") == \
        "timeline.yml: event 3 (2024-12-09), field 'sources'"
    assert at_entry("glossary.yml", "entry 'Tartus'") == "glossary.yml: entry 'Tartus'"


def test_front_matter_lines_are_counted_as_mkdocs_strips_them():
    source = "---\ntitle: A\ndescription: B\n---\n\n\n# A\n"
    assert front_matter_lines(source) == 6
    assert front_matter_lines("# A\n") == 0
    assert front_matter_key_line(source, "description") == 3
    assert front_matter_key_line("# A\ndescription: x\n", "description") == 1


def located(original: str, changed: str, line: str) -> str:
    """Where PageLocation puts the first line `line` of changed, for a page of original text
    after three lines of front matter."""
    page = types.SimpleNamespace(markdown=original, file=types.SimpleNamespace(
        abs_src_path=None, src_uri="timeline.md", content_string="---\na: b\n---\n" + original))
    return PageLocation(page, ".").at(changed.split("\n").index(line) + 1, changed)


@pytest.mark.parametrize("after", ["", "\nDanach.\n"])
def test_a_line_of_generated_text_is_the_line_of_its_marker_whatever_its_blank_lines(after):
    # A blank line in the generated text must not pair with the blank line after the marker
    # (the rest of the text was mapped to the line after it, 9 here).
    original = "# Chronologie\n\nEinleitung.\n\n<!-- timeline -->\n" + after
    generated = ("/// element | div.zeitleiste\n\n## Dezember 2024\n\n- Etwas [@fx].\n\n"
                 "///\n")
    changed = original.replace("<!-- timeline -->\n", generated)
    assert located(original, changed, "- Etwas [@fx].") == (
        "timeline.md:8 (in the text its marker puts there)")
    assert located(original, changed, "Einleitung.") == "timeline.md:6"
    if after:
        assert located(original, changed, "Danach.") == "timeline.md:10"


def test_lines_are_found_in_the_written_page_also_after_the_hooks_changed_page_markdown():
    # After on_page_markdown MkDocs keeps what the hooks made of the page in page.markdown: a
    # marker expanded, a citation rewritten on its line. Lines are still those of the file.
    original = "# Chronologie\n\nLaut FT [@ft].\n\n<!-- timeline -->\n\nDanach [@ria].\n"
    changed = original.replace("[@ft]", "[^@ft]").replace("[@ria]", "[^@ria]").replace(
        "<!-- timeline -->\n", "/// element | div.zeitleiste\n\n- HTS rückt vor.\n\n///\n")
    page = types.SimpleNamespace(markdown=changed, file=types.SimpleNamespace(
        abs_src_path=None, src_uri="timeline.md", content_string="---\na: b\n---\n" + original))
    where = PageLocation(page, ".")
    lines = changed.split("\n")
    assert where.at(lines.index("Laut FT [^@ft].") + 1, changed) == "timeline.md:6"
    assert where.at(lines.index("- HTS rückt vor.") + 1, changed) == (
        "timeline.md:8 (in the text its marker puts there)")
    assert where.at(lines.index("Danach [^@ria].") + 1, changed) == "timeline.md:10"


def test_a_line_of_remembered_generated_text_names_the_entry_it_came_from():
    # Each line of generated text knows its entry; a text of several lines (an explanation
    # with two paragraphs) gives each of its lines the same entry.
    text = Generated([("## Dezember 2024", None), ("", None),
                      ("- Etwas [@fx].", "timeline.yml: event 2 (2024-12-09)"), ("", None),
                      ("Erster Absatz.\n\nZweiter Absatz.", "glossary.yml: entry 'A'"),
                      ("", None)])
    assert text == "## Dezember 2024\n\n- Etwas [@fx].\n\nErster Absatz.\n\nZweiter Absatz.\n"
    assert len(text.origins) == len(text.split("\n"))
    original = "# Chronologie\n\nEinleitung.\n\n<!-- timeline -->\n\nDanach.\n"
    changed = original.replace("<!-- timeline -->\n", text)
    before = located(original, changed, "Zweiter Absatz.")
    remember(text)
    assert before == "timeline.md:8 (in the text its marker puts there)"
    assert located(original, changed, "- Etwas [@fx].") == (
        "timeline.yml: event 2 (2024-12-09) (shown by the marker on timeline.md:8)")
    assert located(original, changed, "Zweiter Absatz.") == (
        "glossary.yml: entry 'A' (shown by the marker on timeline.md:8)")
    # the hook's own words (a heading) and the page's own lines stay lines of the page
    assert located(original, changed, "## Dezember 2024") == (
        "timeline.md:8 (in the text its marker puts there)")
    assert located(original, changed, "Danach.") == "timeline.md:10"


def test_a_line_another_hook_changed_since_still_names_its_entry():
    # The citations hook turns the events' [@key] into footnote references after the timeline
    # wrote them; the glossary's hints read the page as converted.
    events = [(f"- Ereignis {n} in Damaskus [@q{n}].", f"timeline.yml: event {n}")
              for n in range(1, 30)]
    text = remember(Generated([("/// element | div.zeitleiste", None), ("", None)] +
                              [pair for event in events for pair in (event, ("", None))] +
                              [("///", None), ("", None)]))
    original = "# Chronologie\n\n<!-- timeline -->\n\nDanach.\n"
    changed = original.replace("<!-- timeline -->\n", text).replace("[@", "[^@")
    assert located(original, changed, "- Ereignis 17 in Damaskus [^@q17].") == (
        "timeline.yml: event 17 (shown by the marker on timeline.md:6)")
    # a text that does not stand in the page names no entry
    remember(Generated([("- Ganz anderes [@x].", "glossary.yml: entry 'B'")]))
    other = original.replace("<!-- timeline -->\n", "- Etwas Neues [^@y].\n")
    assert located(original, other, "- Etwas Neues [^@y].") == (
        "timeline.md:6 (in the text its marker puts there)")
    # the newer text that is not there does not hide the one that is
    assert located(original, changed, "- Ereignis 23 in Damaskus [^@q23].") == (
        "timeline.yml: event 23 (shown by the marker on timeline.md:6)")


def test_a_long_line_changed_in_several_places_is_still_its_line():
    # Citations in the middle and at the end of long lines: each line is changed in two places
    # (neither its start nor its end is left as it was for the most part).
    events = [(f"- Ereignis {n}: Die Delegation reiste nach Moskau [@a{n}] und sprach dort über "
               f"die Stützpunkte, den Hafen und die Schulden des alten Regimes, wie die Zeitung "
               f"berichtete [@b{n}][@c{n}].", f"timeline.yml: event {n}") for n in range(1, 12)]
    text = remember(Generated([pair for event in events for pair in (event, ("", None))]))
    original = "# Chronologie\n\n<!-- timeline -->\n\nDanach.\n"
    changed = original.replace("<!-- timeline -->\n", text).replace("[@", "[^@").replace(
        "][^", "]<sup>,</sup>[^")
    line = next(line for line in changed.split("\n") if line.startswith("- Ereignis 7:"))
    assert located(original, changed, line) == (
        "timeline.yml: event 7 (shown by the marker on timeline.md:6)")


def test_only_the_newest_generated_texts_are_remembered():
    # A preview renders its texts again in every build: the old ones are let go.
    first = remember(Generated([("- Erstes [@fx].", "timeline.yml: event 1 (2024-12-09)")]))
    for number in range(40):
        remember(Generated([(f"- Text {number}.", f"timeline.yml: event {number}")]))
    assert generated_origin(str(first), 1) is None
    assert generated_origin("Davor.\n- Text 39.\n", 2) == ("timeline.yml: event 39", False)


def test_toc_slugify_is_the_toc_extensions_own_for_every_hook():
    mine = pymdownx_slugify(case="lower")
    assert toc_slugify(types.SimpleNamespace(mdx_configs={"toc": {"slugify": mine}})) is mine
    for config in (types.SimpleNamespace(mdx_configs={"toc": None}),
                   types.SimpleNamespace(mdx_configs={}), types.SimpleNamespace()):
        assert toc_slugify(config) is slugify


@pytest.mark.parametrize("value", ["Lata\x01kia", ["ok", "Tar\x7ftus"]])
def test_a_control_character_in_any_text_field_is_refused_naming_entry_and_field(value):
    # Every data file's texts (glossary, places, timeline, changes) are read by these two.
    read = expect_text_list if isinstance(value, list) else expect_text
    with pytest.raises(DataError) as error:
        read(value, "glossary.yml", "entry 'Latakia'", "short")
    code = ord(next(c for c in "".join(value) if c in "\x01\x7f"))
    assert str(error.value) == (f"glossary.yml: entry 'Latakia', field 'short': a control "
                                f"character (U+{code:04X}) in the text; remove it")


def test_a_number_in_a_text_field_is_the_text_as_written():
    data = parse_yaml("title: 1.50\npage: +5\nissue: 1e3\nlat: 36.\n", "x.yml")
    assert [expect_text(data[key], "x.yml", None, key) for key in data] == [
        "1.50", "+5", "1e3", "36."]
    assert data["lat"] == 36.0 and data["page"] == 5             # numbers all the same


def test_a_data_file_is_read_again_only_once_it_has_changed(tmp_path):
    path, reads = tmp_path / "timeline.yml", []

    @while_unchanged
    def load(file, shown):
        reads.append(shown)
        return load_yaml(file, shown)

    path.write_text("events: []\n", encoding="utf-8")
    assert load(path, "timeline.yml") == load(str(path), "timeline.yml") == {"events": []}
    assert reads == ["timeline.yml"]                 # the second build reads nothing
    path.write_text("events: [1]\n", encoding="utf-8")
    assert load(path, "timeline.yml") == {"events": [1]} and len(reads) == 2
    path.unlink()                                    # a missing file says so every time
    for _ in range(2):
        with pytest.raises(DataError, match="timeline.yml: file not found"):
            load(path, "timeline.yml")
    assert len(reads) == 4


@pytest.mark.parametrize("text, found", [
    ("Zeile\n\tmit Tab\r\nund CR LF\n", None),
    ("Ein\u00a0geschütztes Leerzeichen, «Zitat», § 3\n", None),     # \xc2 without a control
    ("eins\nzwei \x01\n", (2, "U+0001")),
    ("eins\nzwei\nund \x7f\n", (3, "U+007F")),
    ("Ein\u00a0Leerzeichen und \u0085 danach\n", (1, "U+0085")),
    ("\x0c", (1, "U+000C")),
    ("a \u0085 und dann \x01\n", (1, "U+0085")), ("a \x01 und dann \u0085\n", (1, "U+0001"))])
def test_the_first_control_character_html_forbids_is_found_in_the_bytes(text, found):
    assert control_character_at(text.encode("utf-8")) == found
