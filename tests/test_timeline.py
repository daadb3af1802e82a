"""Timeline (explainer.timeline and its hook): dates and their precision, validation, order,
Markdown output, the built page."""
from __future__ import annotations

import datetime
import logging
import re
import textwrap

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import Abort, PluginError

from conftest import ROOT, hook_path
from explainer.markers import replace_markers
from explainer.strings import for_language
from explainer.timeline import events as timeline
from explainer.timeline.render import MARKERS, render_markdown

DE = for_language("de")

# Valid date strings of the HTML spec for each precision: year (4+ digits), month, date.
VALID_HTML_DATETIME = re.compile(r"\d{4,}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def _when(value, approx=None):
    return timeline.parse_date("t", "date", value, approx)


# --- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, approx, german, machine", [
    ("2024-12-08", None, "8. Dezember 2024", "2024-12-08"),
    ("2025-03-01", None, "1. März 2025", "2025-03-01"),
    ("2024-12", "mid", "Mitte Dezember 2024", "2024-12"),
    ("2024-12", "Mitte", "Mitte Dezember 2024", "2024-12"),
    ("2024-12", None, "Dezember 2024", "2024-12"),
    (2024, "Ende", "Ende 2024", "2024"),
])
def test_date_shows_its_precision_in_german_and_in_datetime(value, approx, german, machine):
    when = _when(value, approx)
    assert when.text(DE) == german
    assert when.datetime == machine


@pytest.mark.parametrize("value, message", [
    ("2024-13", "'2024-13' is not a date in the calendar"),
    ("2025-02-29", "'2025-02-29' is not a date in the calendar"),
    ("Dezember 2024", "'Dezember 2024' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("2024-1-5", "'2024-1-5' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
    (None, "no date (write YYYY-MM-DD, YYYY-MM or YYYY)"),
    ([2024], "expected a date, found a list (write YYYY-MM-DD, YYYY-MM or YYYY)"),
    (2024.5, "expected a date, found a number (write YYYY-MM-DD, YYYY-MM or YYYY)"),
])
def test_invalid_date_stops_the_build_naming_the_field(value, message):
    with pytest.raises(PluginError) as error:
        _when(value)
    assert str(error.value) == f"t, field 'date': {message}"


def test_an_event_without_a_date_is_named_by_its_number_alone(tmp_path):
    with pytest.raises(PluginError) as error:
        _events(tmp_path, [{"text": "A", "sources": ["ft"]}])
    assert str(error.value) == ("timeline.yml: event 1, field 'date': no date (write YYYY-MM-DD, "
                                "YYYY-MM or YYYY)")


def test_qualifier_on_a_day_or_an_unknown_qualifier_stops_the_build():
    with pytest.raises(PluginError, match="field 'approx': a day is exact"):
        _when("2024-12-15", "Mitte")
    with pytest.raises(PluginError, match=r"field 'approx': expected one of early, mid, late "
                                          r"\(or Anfang, Mitte, Ende\)"):
        _when("2024-12", "gegen")


@given(st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(9999, 12, 31)),
       st.sampled_from(["day", "month", "year"]), st.sampled_from([None, *timeline.QUALIFIERS]))
def test_every_accepted_date_has_a_valid_html_datetime_and_a_consistent_period(day, precision,
                                                                                approx):
    value = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.year}[precision]
    when = _when(value, None if precision == "day" else approx)
    assert VALID_HTML_DATETIME.fullmatch(when.datetime)
    assert when.first <= when.last
    assert when.first.year == when.last.year == day.year
    assert when.text(DE).endswith(str(day.year))
    assert when.text(for_language("en")).endswith(str(day.year))


# --- validation and order ---------------------------------------------------------------------

def _events(tmp_path, entries) -> list:
    (tmp_path / "timeline.yml").write_text(yaml.safe_dump({"events": entries}, allow_unicode=True),
                                           encoding="utf-8")
    return timeline.load_events(tmp_path / "timeline.yml")


def test_events_come_out_in_date_order_whatever_their_order_in_the_file(tmp_path):
    events = _events(tmp_path, [
        {"date": "2025-03-01", "text": "D", "sources": ["quelle"]},
        {"date": "2024-12", "text": "C", "sources": ["quelle"]},
        {"date": "2024-12", "approx": "Mitte", "text": "B", "sources": ["quelle"]},
        {"date": "2024-12-08", "text": "A2", "sources": ["quelle"]},
        {"date": "2024-12", "approx": "Anfang", "text": "0", "sources": ["quelle"]},
        {"date": "2024-12-08", "text": "A3", "sources": ["quelle"]},
    ])
    assert [e.text for e in events] == ["0", "A2", "A3", "B", "C", "D"]


def test_events_of_one_period_stand_together_when_a_day_shares_its_middle(tmp_path):
    events = _events(tmp_path, [
        {"date": "2024-12-10", "until": "2024-12-20", "text": "A", "sources": ["ft"]},
        {"date": "2024-12-15", "text": "B", "sources": ["ft"]},
        {"date": "2024-12-10", "until": "2024-12-20", "text": "C", "sources": ["ft"]},
    ])
    assert [e.text for e in events] == ["A", "C", "B"]
    markdown = render_markdown(events, DE)
    assert markdown.count("{#datum-2024-12-10-bis-2024-12-20 ") == 1
    assert markdown.index("- A [@ft]\n- C [@ft]") < markdown.index("{#datum-2024-12-15 ")


@pytest.mark.parametrize("text", [
    "events:\n  - {date: 2024-12-08, text: A, sources: [ft]}\nevent:\n  - {date: 2024-12-09}\n",
    "event:\n  - {date: 2024-12-09, text: B, sources: [ft]}\n"])
def test_an_unknown_top_level_key_stops_the_build_and_names_the_list_meant(tmp_path, text):
    (tmp_path / "timeline.yml").write_text(text, encoding="utf-8")
    with pytest.raises(PluginError) as error:
        timeline.load_events(tmp_path / "timeline.yml")
    assert str(error.value) == ("timeline.yml: unknown key 'event' (did you mean 'events'?); "
                                "the file holds one list, 'events'")


def test_event_without_sources_stops_the_build_naming_entry_and_field(tmp_path):
    with pytest.raises(PluginError) as error:
        _events(tmp_path, [{"date": "2024-12-08", "text": "A", "sources": ["quelle"]},
                           {"date": "2024-12-09", "text": "B"}])
    assert str(error.value) == ("timeline.yml: event 2 (2024-12-09), field 'sources': "
                                "every event needs at least one source key")


def test_unknown_field_and_bad_source_key_stop_the_build(tmp_path):
    with pytest.raises(PluginError, match=r"event 1 \(2024-12-08\), field 'quelle': unknown"):
        _events(tmp_path, [{"date": "2024-12-08", "text": "A", "quelle": ["ft"]}])
    with pytest.raises(PluginError, match=r"field 'sources': '@ft' is not a source key"):
        _events(tmp_path, [{"date": "2024-12-08", "text": "A", "sources": ["@ft"]}])


def test_a_source_listed_twice_stops_the_build_and_another_locator_is_another_source(tmp_path):
    with pytest.raises(PluginError, match=r"event 1 \(2024-12-08\), field 'sources': 'ft' is "
                                          r"listed twice$"):
        _events(tmp_path, [{"date": "2024-12-08", "text": "A", "sources": ["ft", "ria", " ft"]}])
    events = _events(tmp_path, [{"date": "2024-12-08", "text": "A", "sources": ["ft", "ft, S. 3"]}])
    assert events[0].sources == ("ft", "ft, S. 3")


@pytest.mark.parametrize("source, key", [("ft", "ft"), ("ft, S. 3", "ft"),
                                         ("buch{ii, A}", "buch"), ("{ft2024}, S. 2", "ft2024"),
                                         ("un:2254, Abs. 4", "un:2254")])
def test_a_source_is_read_as_the_citation_syntax_reads_it_braces_included(tmp_path, source, key):
    # A braced locator or key, as in a page ([@buch{ii, A}], [@{ft2024}, S. 2]).
    [event] = _events(tmp_path, [{"date": "2024-12-08", "text": "A", "sources": [source]}])
    assert event.sources == (source,) and timeline.source_key(source) == key


@pytest.mark.parametrize("sources, message", [
    ("ft, ria", "'ft, ria' is text, not a list: write [ft, ria] for 2 sources, or ['ft, ria'] "
                "for one source and where in it"),
    (["ft, S. 3]"], "'ft, S. 3]': one source per item, a key and optionally ', ' and where in "
                    "it, without brackets or ';' (write ['ft, S. 3', ria])"),
    (["ft, S. 3; ria"], "'ft, S. 3; ria': one source per item, a key and optionally ', ' and "
                        "where in it, without brackets or ';' (write ['ft, S. 3', ria])")])
def test_a_source_that_is_not_one_key_and_its_locator_stops_the_build(tmp_path, sources,
                                                                       message):
    with pytest.raises(PluginError) as error:
        _events(tmp_path, [{"date": "2024-12-08", "text": "A", "sources": sources}])
    assert str(error.value) == f"timeline.yml: event 1 (2024-12-08), field 'sources': {message}"


@pytest.mark.parametrize("field, value", [("text", "Lata\x01kia"), ("dating", "\x00"),
                                          ("sources", ["ft, S.\x0c3"])])
def test_a_control_character_in_an_event_stops_the_build_naming_event_and_field(tmp_path, field,
                                                                                value):
    event = {"date": "2024-12-08", "text": "A", "sources": ["ft"], field: value}
    with pytest.raises(PluginError) as error:
        _events(tmp_path, [event])
    code = ord(next(c for c in "".join(value) if c < " "))
    assert str(error.value) == (f"timeline.yml: event 1 (2024-12-08), field '{field}': a "
                                f"control character (U+{code:04X}) in the text; remove it")


@pytest.mark.parametrize("field, value, message", [
    ("text", ["a"], "expected text, found a list"), ("text", "  ", "missing or empty"),
    ("dating", {"a": 1}, "expected text, found a mapping")])
def test_a_text_that_is_not_text_names_its_field_and_what_was_found(tmp_path, field, value,
                                                                     message):
    event = {"date": "2024-12-08", "text": "A", "sources": ["ft"], field: value}
    with pytest.raises(PluginError) as error:
        _events(tmp_path, [event])
    assert str(error.value) == f"timeline.yml: event 1 (2024-12-08), field '{field}': {message}"


def test_an_event_given_twice_stops_the_build_naming_both(tmp_path):
    with pytest.raises(PluginError) as error:
        _events(tmp_path, [
            {"date": "2024-12-08", "text": "Assad  flieht.", "sources": ["ft", "ria"]},
            {"date": "2024-12-08", "text": "Anderes.", "sources": ["ft"]},
            {"date": "2024-12-08", "text": "Assad flieht.", "sources": ["ria", "ft"]}])
    assert str(error.value) == ("timeline.yml: event 3 (2024-12-08): the same event as event 1 "
                                "(2024-12-08) (date, text and sources); remove one of them")
    _events(tmp_path, [{"date": "2024-12-08", "text": "A.", "sources": ["ft"]},      # other
                       {"date": "2024-12", "text": "A.", "sources": ["ft"]},          # dates,
                       {"date": "2024-12-08", "text": "A.", "sources": ["ria"]}])     # sources


def test_period_must_end_after_it_starts(tmp_path):
    with pytest.raises(PluginError, match="field 'until': must lie after 'date'"):
        _events(tmp_path, [{"date": "2024-12", "until": "2024-12-20", "text": "A",
                            "sources": ["ft"]}])


def test_project_timeline_is_valid_sorted_and_every_event_cites():
    events = timeline.load_events(ROOT / "timeline.yml")
    assert [e.order for e in events] == sorted(e.order for e in events)
    assert all(e.sources for e in events)
    stamps = [e.when.datetime for e in events]
    assert "2024-12-08" in stamps and "2025-03-01" in stamps
    assert stamps.index("2024-12-08") < stamps.index("2025-03-01")


# --- Markdown output --------------------------------------------------------------------------

def test_events_of_one_day_share_a_heading_and_carry_their_citations(tmp_path):
    events = _events(tmp_path, [
        {"date": "2024-12-08", "text": "Erstens.", "sources": ["quelle"]},
        {"date": "2024-12-08", "text": "Zweitens.", "sources": ["ft, Interview", "ria"],
         "dating": "Im Quellartikel: „am Sonntag“. [@quelle]"},
        {"date": "2024-12", "approx": "Mitte", "until": "2025-01", "text": "Drittens.",
         "sources": ["bloomberg"]},
    ])
    assert render_markdown(events, DE) == textwrap.dedent("""\
        /// element | div.zeitleiste

        ## <time datetime="2024-12-08">8. Dezember 2024</time> {#datum-2024-12-08 .zeitleiste__datum}

        - Erstens. [@quelle]
        - Zweitens. [@ft, Interview; @ria]

            <span class="zeitleiste__datierung">Zur Datierung: Im Quellartikel: „am Sonntag“. [@quelle]</span>


        ## <time datetime="2024-12">Mitte Dezember 2024</time> bis <time datetime="2025-01">Januar 2025</time> {#datum-mitte-2024-12-bis-2025-01 .zeitleiste__datum}

        - Drittens. [@bloomberg]

        ///
        """)


@pytest.mark.parametrize("text, written", [
    ("1. Division rückt vor", "1\\. Division rückt vor"), ("- Strich", "\\- Strich"),
    ("# Überschrift", "\\# Überschrift"), ("> Zitat", "\\> Zitat"), ("---", "\\---"),
    ("!!! note", "\\!!! note"), ("/// element | div", "&#47;// element | div"),
    ("*[NATO]: Bündnis", "\\*[NATO]: Bündnis"),
    ("[x]: https://example.org", "\\[x]: https://example.org"),
    ("[^1]: Fußnote", "\\[^1]: Fußnote"), ("[Link](a.md) davor", "[Link](a.md) davor"),
    ("2024) Jahr", "2024\\) Jahr"), ("1.5 Mio. Menschen", "1.5 Mio. Menschen"),
    ("**Fett** und -5 Grad", "**Fett** und -5 Grad"), ("![Bild](a.png)", "![Bild](a.png)"),
    ("Pfad C:\\", "Pfad C:\\\\"), ("Pfad C:\\\\", "Pfad C:\\\\"),
    ("\\\\\\", "\\\\\\\\")])
def test_an_event_that_starts_like_a_markdown_block_shows_as_written(tmp_path, text, written):
    events = _events(tmp_path, [{"date": "2024-12-08", "text": text, "sources": ["ft"]}])
    assert f"\n- {written} [@ft]\n" in render_markdown(events, DE)


@pytest.mark.parametrize("field", ["text", "dating"])
def test_an_event_text_of_two_paragraphs_stops_the_build(tmp_path, field):
    event = {"date": "2024-12-08", "text": "A", "sources": ["ft"], field: "Eins.\n\nZwei."}
    with pytest.raises(PluginError) as error:
        _events(tmp_path, [event])
    assert str(error.value) == (f"timeline.yml: event 1 (2024-12-08), field '{field}': "
                                "expected one paragraph, found 2 (no blank lines)")


def test_marker_inside_fenced_code_stays_as_written():
    source = "Text\n\n```\n<!-- chronologie -->\n```\n\n<!-- chronologie -->\n"
    assert replace_markers(source, MARKERS, lambda marker: "EVENTS") == \
        "Text\n\n```\n<!-- chronologie -->\n```\n\n\nEVENTS\n\n"


# --- builds -----------------------------------------------------------------------------------

_CONFIG = ("theme: {name: mkdocs, locale: de}\n"
           "markdown_extensions: [attr_list, md_in_html, footnotes]\nhooks:\n")


def test_events_are_in_the_markdown_the_first_on_page_markdown_hook_sees(tmp_path, tiny_site):
    # A stand-in for the citations hook, registered BEFORE the timeline hook.
    (tmp_path / "first.py").write_text(textwrap.dedent("""\
        import re
        def on_page_markdown(markdown, /, *, page, config, files):
            return re.sub(r"\\[@(\\w+)\\]", r"[^\\1]\\n\\n[^\\1]: Quelle \\1", markdown)
        """), encoding="utf-8")
    site = tiny_site(
        {"timeline.md": "# Chronologie\n\n<!-- chronologie -->\n"},
        config=_CONFIG + f"  - {tmp_path / 'first.py'}\n  - {hook_path('timeline')}\n",
        files={"timeline.yml": """\
            events:
              - {date: "2024-12-08", text: Ein Ereignis., sources: [ft]}
            """})
    html = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert '<h2 class="zeitleiste__datum" id="datum-2024-12-08"><time datetime="2024-12-08">' \
           "8. Dezember 2024</time></h2>" in html
    assert re.search(r'<li>Ein Ereignis\.\s*<sup id="fnref:ft">', html)


@pytest.mark.parametrize("page", [
    "# Chronologie\n\n!!! note \"Chronologie\"\n\n    <!-- chronologie -->\n\nDanach.\n",
    "# Chronologie\n\n- Ereignisse:\n\n    <!-- chronologie -->\n\nDanach.\n",
])
def test_a_timeline_inside_an_admonition_or_a_list_is_a_div_there_without_stray_attributes(
        tmp_path, tiny_site, page):
    site = tiny_site(
        {"timeline.md": page},
        config="theme: {name: mkdocs, locale: de}\n"
               "markdown_extensions: [admonition, attr_list, md_in_html]\nhooks:\n"
               f"  - {hook_path('timeline')}\n",
        files={"timeline.yml": """\
            events:
              - {date: "2024-12-08", text: Ein *Ereignis*., sources: [ft]}
            """})
    html = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert "markdown=" not in html
    container = r'<div class="admonition note">\s*<p class="admonition-title">Chronologie</p>' \
        if "!!!" in page else r"<li>\s*<p>Ereignisse:</p>"
    assert re.search(container + r'\s*<div class="zeitleiste">\s*'
                     r'<h2 class="zeitleiste__datum" id="datum-2024-12-08"><time '
                     r'datetime="2024-12-08">8\. Dezember 2024</time></h2>\s*<ul>\s*'
                     r"<li>Ein <em>Ereignis</em>\. \[@ft\]</li>\s*</ul>\s*</div>", html), html
    assert "<p>Danach.</p>" in html


@pytest.mark.parametrize("block, line", [
    ("<div>\n<!-- timeline -->\n</div>\n", 4),
    ("<details><summary>Alle</summary>\n\n<!-- timeline -->\n\n</details>\n", 5),
    ('<div markdown="1">\n<!-- timeline -->\n</div>\n', None),
])
def test_a_marker_in_a_raw_html_block_is_a_warning_and_stays_a_comment(tiny_site, caplog, block,
                                                                        line):
    # md_in_html reads Markdown only inside an element with the markdown attribute; without it
    # the timeline's Markdown showed as text (`/// element | div.zeitleiste`).
    site = tiny_site({"timeline.md": "# Chronologie\n\n" + block},
                     config=_CONFIG + f"  - {hook_path('timeline')}\n",
                     files={"timeline.yml": "events:\n  - {date: 2024-12-08, text: Ein Ereignis., "
                                            "sources: [ft]}\n"})
    html = (site / "timeline/index.html").read_text(encoding="utf-8")
    found = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "///" not in html and ('<div class="zeitleiste">' in html) is (line is None)
    assert found == ([] if line is None else [
        f"timeline: docs/timeline.md:{line}: <!-- timeline --> stands in a raw HTML block, where "
        "Markdown is not read, so it is left as a comment: a marker stands outside raw HTML, or "
        'in an element with markdown="1"',
        "timeline: timeline.yml: 1 event, but no page has the line <!-- timeline --> where the "
        "timeline goes"])


def test_an_event_text_ending_in_a_backslash_keeps_its_citation(tiny_site):
    site = tiny_site(
        {"timeline.md": "# Chronologie\n\n<!-- timeline -->\n"},
        config=_CONFIG + f"  - {hook_path('citations')}\n  - {hook_path('timeline')}\n",
        files={"sources.yml": "- id: gazette\n  title: The Gazette\n",
               "timeline.yml": "events:\n  - {date: 2024-12-08, text: 'Pfad C:\\', "
                               "sources: [gazette]}\n"}, strict=True)
    html = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert re.search(r'<li>Pfad C:\\<sup id="fnref:@?gazette">', html), html


def test_timeline_hook_without_attr_list_says_what_is_missing(tiny_site, caplog):
    with pytest.raises(Abort):
        tiny_site({"index.md": "# X\n"}, config="theme: {name: mkdocs}\nhooks:\n"
                                                f"  - {hook_path('timeline')}\n",
                  files={"timeline.yml": "events: []\n"})
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR] == [
        "mkdocs.yml: the timeline hook needs the Markdown extension 'attr_list'"]


def test_a_timeline_file_mkdocs_yml_names_but_nobody_wrote_is_a_warning(tiny_site, caplog):
    config = (_CONFIG + f"  - {hook_path('timeline')}\n"
              + "extra:\n  timeline:\n    file: timline.yml\n")
    with pytest.raises(Abort):
        tiny_site({"index.md": "# X\n"}, config=config, files={"timeline.yml": "events: []\n"},
                  strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "timeline: timline.yml not found (extra.timeline.file in mkdocs.yml names it): "
        "timeline off"]


def test_broken_timeline_file_aborts_the_build_with_a_message_naming_the_entry(tmp_path, tiny_site,
                                                                              caplog):
    with pytest.raises(Abort):
        tiny_site({"index.md": "# X\n"}, config=_CONFIG + f"  - {hook_path('timeline')}\n",
                  files={"timeline.yml": "events:\n  - {date: 2024-02-30, text: X, sources: [a]}\n"})
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == ["timeline.yml: event 1 (2024-02-30), field 'date': "
                      "'2024-02-30' is not a date in the calendar"]


def test_real_timeline_page_is_in_date_order_and_every_event_has_a_footnote(site_dir):
    html = (site_dir / "timeline/index.html").read_text(encoding="utf-8")
    body = re.search(r'<div class="zeitleiste">(.*?)\n</div>', html, re.S).group(1)
    stamps = re.findall(r'<time datetime="([^"]+)">', body)
    assert stamps and all(VALID_HTML_DATETIME.fullmatch(s) for s in stamps)
    events = timeline.load_events(ROOT / "timeline.yml")
    headings = re.findall(r'<h2 class="zeitleiste__datum" id="([^"]+)">', body)
    assert len(headings) == len({e.group for e in events})
    assert len(headings) == len(set(headings))
    items = re.findall(r"<li>(.*?)</li>", body, re.S)
    assert len(items) == len(events)
    for item in items:
        assert re.search(r'<sup id="fnref\d*:[^"]+"><a class="footnote-ref"', item), item
    # Read each heading's period back from the HTML: its middle never goes backwards.
    middles = []
    for heading in re.findall(r'<h2 class="zeitleiste__datum".*?</h2>', body, re.S):
        times = re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', heading)
        word = times[0][1].split()[0].casefold()
        approx = word if word in timeline.QUALIFIER_NAMES else None
        start = timeline.parse_date("html", "date", times[0][0], approx)
        end = timeline.parse_date("html", "until", times[-1][0], None) if len(times) > 1 else start
        middles.append(start.first.toordinal() + end.last.toordinal())
    assert middles == sorted(middles)


@pytest.mark.parametrize("field, value, problem", [
    ("text", "Siehe [dort](javascript:alert(1)).",
     "link 'javascript:alert(1)': write https://…, mailto:… or a page's path under docs/"),
    ("dating", "Nach ![Bild](https://example.org/b.png)",
     "an image from elsewhere ('https://example.org/b.png') is not allowed: the site loads "
     "nothing from other hosts"),
])
def test_a_link_that_runs_code_or_an_image_from_elsewhere_stops_the_build(tmp_path, field,
                                                                          value, problem):
    event = {"date": "2024-12-08", "text": "A", "sources": ["ft"], field: value}
    with pytest.raises(PluginError) as error:
        _events(tmp_path, [event])
    assert str(error.value) == f"timeline.yml: event 1 (2024-12-08), field '{field}': {problem}"


def test_links_to_the_web_and_to_pages_are_fine_in_an_event(tmp_path):
    text = "Siehe [Bericht](https://example.org/a) und [Stützpunkte](bases.md#tartus)."
    assert _events(tmp_path, [{"date": "2024-12-08", "text": text, "sources": ["ft"]}])
