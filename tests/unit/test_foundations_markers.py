"""explainer.markers: one marker syntax, found outside code, in containers too."""
from __future__ import annotations

import textwrap
from html.parser import HTMLParser

import markdown
import pytest

from explainer.markers import (Marker, code_spans, continued, find_markers, has_marker,
                              in_raw_html, marker_warnings, miscased, miscased_message,
                              not_alone, raw_html_lines, replace_first, replace_markers)
from explainer.markers import _CODE, _classify


def python_markdown_reads(text: str, name: str = "timeline") -> str:
    """What Python-Markdown, with the site's extensions, makes of the line `<!-- name -->` in
    text: 'marker' (a comment of its own), 'paragraph' (a comment inside a paragraph), 'code'
    (shown as text) or 'hidden' (inside another comment)."""
    html = markdown.markdown(text, extensions=EXTENSIONS)

    class Reader(HTMLParser):
        found = "hidden"
        paragraphs = 0

        def handle_starttag(self, tag, attrs):
            self.paragraphs += tag == "p"

        def handle_endtag(self, tag):
            self.paragraphs -= tag == "p"

        def handle_comment(self, data):
            if data.strip() == name:
                self.found = "paragraph" if self.paragraphs else "marker"

    reader = Reader()
    reader.feed(html)
    return "code" if f"&lt;!-- {name} --&gt;" in html else reader.found


EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "footnotes", "pymdownx.details",
              "pymdownx.superfences"]


def page(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_markers_with_and_without_arguments():
    text = page("""
        <!-- timeline -->
        <!--map: coast-->
        <!-- citations:sources -->
        <!--   a-b:  x y   -->
        """)
    assert find_markers(text) == [Marker("timeline", "", 1, ""), Marker("map", "coast", 2, ""),
                                  Marker("citations", "sources", 3, ""),
                                  Marker("a-b", "x y", 4, "")]


def test_a_marker_must_stand_alone_on_its_line():
    assert find_markers("Text <!-- timeline -->\n<!-- timeline --> text\n") == []


def test_markers_in_fenced_and_indented_code_stay_text():
    text = page("""
        ```md
        <!-- timeline -->
        ```

        ~~~~
        ```
        <!-- timeline -->
        ~~~~

            <!-- timeline -->

        <!-- timeline -->
        """)
    assert [m.line for m in find_markers(text)] == [12]


def test_markers_in_admonitions_lists_tabs_and_quotes_are_found():
    text = page("""
        !!! note "Map"

            <!-- map: coast -->

        ??? info

            ```
            <!-- map: code -->
            ```

                <!-- map: indented-code -->

        - item

            <!-- map: in-list -->

        === "Tab"

            <!-- map: in-tab -->

        > <!-- map: quoted -->
        """)
    assert [(m.args, m.prefix) for m in find_markers(text, ["map"])] == [
        ("coast", "    "), ("in-list", "    "), ("in-tab", "    "), ("quoted", "> ")]


def test_a_footnotes_later_paragraphs_are_text_and_its_indented_code_is_code():
    text = page("""
        Hand[^1].

        [^1]: Erste Zeile.

            <!-- map: in-note -->

                <!-- map: code-in-note -->
        """)
    assert [m.args for m in find_markers(text, ["map"])] == ["in-note"]


def test_the_replacement_stays_in_the_markers_container():
    text = page("""
        !!! note

            <!-- timeline -->

        > <!-- timeline -->
        """)
    out = replace_markers(text, ["timeline"], lambda m: "A\n\nB")
    assert out == "!!! note\n\n\n    A\n\n    B\n\n\n>\n> A\n>\n> B\n>\n"


def test_only_the_named_markers_are_replaced_and_none_keeps_the_line():
    text = "<!-- a -->\n<!-- b -->\n"
    assert replace_markers(text, ["a"], lambda m: "X") == "\nX\n\n<!-- b -->\n"
    assert replace_markers(text, ["a"], lambda m: None) == text


def test_has_marker_ignores_the_marker_in_code():
    assert not has_marker("```\n<!-- timeline -->\n```\n", ["timeline"])
    assert has_marker("<!-- timeline -->\n", ["timeline"])
    assert not has_marker("no marker\n", ["timeline"])


def test_replace_first_fills_the_first_marker_and_returns_the_others():
    text = "A\n\n<!-- timeline -->\n\n```\n<!-- timeline -->\n```\n\n<!-- timeline -->\n"
    changed, others = replace_first(text, ["timeline"], "EVENTS")
    assert changed == "A\n\n\nEVENTS\n\n\n```\n<!-- timeline -->\n```\n\n<!-- timeline -->\n"
    assert [marker.line for marker in others] == [9]
    assert replace_first("A\n", ["timeline"], "EVENTS") == ("A\n", [])


@pytest.mark.parametrize("line, meant", [
    ("<!-- Karte: küste -->", "karte"),
    ("<!--TIMELINE-->", "timeline"),
    ("> <!-- Chronologie -->", "chronologie"),
    ("    - <!-- Timeline -->", None),           # not a line of its own: no marker either way
    ("<!-- timeline -->", None),                 # written right
    ("<!-- Timelines -->", None),                # another name
    ("<!-- Zeitleiste -->", None),
])
def test_a_marker_in_other_letter_case_is_found_with_the_name_meant(line, meant):
    found = miscased(f"# Page\n\n{line}\n", ["timeline", "chronologie", "karte"])
    assert [name for _, name in found] == ([meant] if meant else [])


def test_a_miscased_marker_in_code_is_text_and_the_message_gives_the_line_to_write():
    page = "```\n<!-- Karte: x -->\n```\n\n<!-- KARTE: Küste -->\n"
    [(marker, name)] = miscased(page, ["karte"])
    assert marker.line == 5
    assert miscased_message(marker, name) == ("<!-- KARTE: Küste --> is left as a comment (a "
                                              "marker's name is written 'karte'): write "
                                              "<!-- karte: Küste -->")
    # a marker that takes no argument: the line to write has none
    [(marker, name)] = miscased("<!-- TIMELINE: 2024 -->\n", ["timeline"])
    assert miscased_message(marker, name, takes_argument=False) == (
        "<!-- TIMELINE: 2024 --> is left as a comment (a marker's name is written 'timeline'): "
        "write <!-- timeline --> (it takes no argument)")


@pytest.mark.parametrize("line, found", [
    ("Siehe Karte <!-- karte: kueste -->", "<!-- karte: kueste -->"),
    ("## Karte <!-- karte: kueste -->", "<!-- karte: kueste -->"),
    ("<!-- timeline --> und mehr", "<!-- timeline -->"),
    ("- <!-- Karte: x -->", "<!-- Karte: x -->"),
    ("<!-- karte: kueste -->", None),              # a marker
    ("> <!-- karte: kueste -->", None),            # a marker in a quote
    ("Schreibe `<!-- karte: kueste -->` in die Seite.", None),   # code span: text
    ("Text <!-- timeline of events --> Text", None),             # no marker's shape
    ("Text <!-- Anmerkung -->", None),             # another comment
])
def test_a_marker_that_shares_its_line_with_text_is_found(line, found):
    text = f"# Page\n\n{line}\n\n```\nSiehe <!-- karte: x -->\n```\n"
    assert not_alone(text, ["timeline", "karte"]) == ([(3, found)] if found else [])


class _Where:
    def at(self, line, markdown=None):
        return f"docs/p.md:{line}"


def test_marker_warnings_name_the_line_of_a_miscased_and_of_a_not_alone_marker_in_page_order():
    text = "# P\n\nSiehe <!-- karte: kueste -->\n\n<!-- KARTE: x -->\n"
    assert marker_warnings(text, ["karte"], _Where()) == [
        "docs/p.md:3: <!-- karte: kueste --> is not alone on its line, so it is left as a "
        "comment: a marker stands on a line of its own",
        "docs/p.md:5: <!-- KARTE: x --> is left as a comment (a marker's name is written "
        "'karte'): write <!-- karte: x -->"]


def test_a_quote_in_a_quote_is_text_not_code_indented_by_its_markers():
    # "> > " is four columns of markers, not four of indentation (after a blank line and with a
    # code block elsewhere on the page, the quote was taken for indented code).
    page = "Text\n\n> > Ein Satz [@fx].\n\n```\ncode\n```\n\n>     Code im Zitat\n"
    assert [kind is _CODE for _, kind in _classify(page)] == [
        False, False, False, False, True, True, True, False, True, True]


@pytest.mark.parametrize("text", [
    "## Timeline\n    <!-- timeline -->\n",
    "Timeline\n--------\n    <!-- timeline -->\n",
    "Text\n\n***\n    <!-- timeline -->\n",
    "<!-- a comment -->\n    <!-- timeline -->\n",
    "!!! note\n        <!-- timeline -->\n",
    "!!! note\n    ## H\n        <!-- timeline -->\n",
    "> # H\n>     <!-- timeline -->\n",
])
def test_a_marker_indented_four_below_a_heading_a_rule_or_a_comment_is_code(text):
    # Python-Markdown starts a new block after such a line: indented by four, code.
    assert find_markers(text, ["timeline"]) == []
    assert marker_warnings(text, ["timeline"], _Where()) == []
    start = text.index("    <!-- timeline")
    assert any(s <= start + 4 < e for s, e in code_spans(text))


@pytest.mark.parametrize("text, line", [
    ("Intro. [@ex]\n    <!-- timeline -->\n", 2),
    ("- item\n        <!-- timeline -->\n", 2),
    ("!!! note\n    Text\n        <!-- timeline -->\n", 3),
    ("> Text\n>     <!-- timeline -->\n", 2),
    ("```\ncode\n```\n    <!-- timeline -->\n", 4),     # superfences: goes on with the fence
])
def test_a_marker_indented_four_below_a_line_of_text_goes_on_with_its_paragraph(text, line):
    assert find_markers(text) == []
    assert continued(text, ["timeline"]) == [(line, "<!-- timeline -->")]
    assert not_alone(text, ["timeline"]) == []
    assert code_spans(text) == ([] if "```" not in text else [(0, 12)])
    assert marker_warnings(text, ["timeline"], _Where()) == [
        f"docs/p.md:{line}: <!-- timeline --> is indented four spaces or more right below a "
        "line of text, so it goes on with that paragraph and is left as a comment: a marker "
        "stands on a line of its own, indented like the text around it"]


@pytest.mark.parametrize("text", [
    "Intro.\n<!-- timeline -->\n", "Intro.\n   <!-- timeline -->\n",
    "- item\n    <!-- timeline -->\n", "!!! note\n    Text\n    <!-- timeline -->\n",
    "## Timeline\n<!-- timeline -->\n"])
def test_a_marker_right_below_text_indented_as_its_block_counts(text):
    assert [m.name for m in find_markers(text)] == ["timeline"]
    assert marker_warnings(text, ["timeline"], _Where()) == []


@pytest.mark.parametrize("text", [
    "<!--\n<!-- timeline -->\n-->\n",
    "<!-- a --> <!-- b\n<!-- timeline -->\n",
    "<!-- one --> <!-- two\n\n<!-- Timeline -->\n-->\n",
    "<!--\nSiehe <!-- timeline --> hier\n",
    "<!-- a --> text <!-- b\n\n<!-- timeline -->\n",
    "<div>x</div> `<!--` x\n\n<!-- timeline -->\n",
    "Text\n<!-- x\n\n<!-- timeline -->\n",
])
def test_a_marker_inside_an_html_comment_is_commented_out(text):
    assert find_markers(text, ["timeline"]) == []
    assert marker_warnings(text, ["timeline"], _Where()) == []
    assert python_markdown_reads(text) == "hidden"


@pytest.mark.parametrize("text", [
    "<!-- closed -->\n<!-- timeline -->\n",
    "Write `<!--` to begin a comment.\n\n<!-- timeline -->\n",
    "```\n<!--\n```\n\n<!-- timeline -->\n",
    "<!--\nclosed -->\n\n<!-- timeline -->\n",
])
def test_a_comment_that_is_closed_or_in_code_comments_nothing_out(text):
    assert [m.name for m in find_markers(text, ["timeline"])] == ["timeline"]


@pytest.mark.parametrize("text", [
    "Write \\<!-- to open a comment.\n\n<!-- timeline -->\n",
    "Write `<!--\nstill` here.\n\n<!-- timeline -->\n",
    "- Write `<!--\n  still` here.\n\n<!-- timeline -->\n",
    '<span title="<!--">x</span> text\n\n<!-- timeline -->\n',
    "Write ``a ` <!--`` here.\n\n<!-- timeline -->\n",
    "Text <!-- begun here\n\nmore\n\n<!-- timeline -->\n",
    "- <!-- x\n\n<!-- timeline -->\n",
    "> <!-- x\n\n<!-- timeline -->\n",
    "!!! note\n    <!-- x\n\n<!-- timeline -->\n",
    "<span>a</span> <!-- x\n\n<!-- timeline -->\n",
    "<!-- one -->\n--> <!-- two\n\n<!-- timeline -->\n",
])
def test_a_comment_begun_where_python_markdown_reads_text_hides_no_marker(text):
    # Only a comment (or a raw HTML block) first on its line runs on over the next lines;
    # `\<!--`, one in a code span (of two lines too) or an attribute's value, one after text is
    # text: the timeline went missing, with a warning that no page had its line.
    assert [m.name for m in find_markers(text, ["timeline"])] == ["timeline"]
    assert python_markdown_reads(text) == "marker"


@pytest.mark.parametrize("text, line", [
    ("<div>\n<!-- timeline -->\n</div>\n", 2),
    ("<details>\n<summary>All changes</summary>\n\n<!-- changes -->\n\n</details>\n", 4),
    ("<details><summary>Map</summary>\n<!-- map: x -->\n</details>\n", 2),
    ("<div>\nnever closed\n\n<!-- timeline -->\n", 4),
])
def test_a_marker_in_a_raw_html_block_is_a_comment_with_a_warning(text, line):
    names = ["timeline", "changes", "map"]
    assert find_markers(text) == [] and not has_marker(text, names)
    assert replace_markers(text, names, lambda marker: "X") == text
    assert [marker.line for marker in in_raw_html(text, names)] == [line]
    [warning] = marker_warnings(text, names, _Where())
    assert warning.startswith(f"docs/p.md:{line}: <!-- ") and warning.endswith(
        "--> stands in a raw HTML block, where Markdown is not read, so it is left as a comment: "
        'a marker stands outside raw HTML, or in an element with markdown="1"')


@pytest.mark.parametrize("text", [
    '<div markdown="1">\n<!-- timeline -->\n</div>\n',
    "<div>x</div>\n\n<!-- timeline -->\n",
    "<span>\n<!-- timeline -->\n</span>\n",
    "```\n<div>\n```\n\n<!-- timeline -->\n",
])
def test_a_marker_after_a_raw_html_block_or_inside_markdown_html_counts(text):
    assert [marker.name for marker in find_markers(text)] == ["timeline"]
    assert in_raw_html(text, ["timeline"]) == [] and raw_html_lines(text) in (set(), {1})


def our_reading(text: str, name: str = "timeline") -> str:
    """What this module makes of the line `<!-- name -->`, in python_markdown_reads()' words: a
    line that goes on with a paragraph is 'paragraph'."""
    index = next(i for i, line in enumerate(text.split("\n")) if f"<!-- {name} -->" in line)
    if find_markers(text, [name]):
        return "marker"
    if continued(text, [name]):
        return "paragraph"
    return {_CODE: "code"}.get([kind for _, kind in _classify(text)][index], "hidden")


@pytest.mark.parametrize("text", [
    # a block of its own ends with its line: what is indented by four below it is code
    "<div>x</div>\n    <!-- timeline -->\n", "<hr>\n    <!-- timeline -->\n",
    "  <div>x</div>\n    <!-- timeline -->\n", "Text\n<div>x</div>\n    <!-- timeline -->\n",
    "Text\n\n<div>\nx\n</div>\n    <!-- timeline -->\n",
    '<div markdown="1">\nx\n</div>\n    <!-- timeline -->\n',
    "*[HTML]: Hyper\n    <!-- timeline -->\n", "Text\n*[HTML]: Hyper\n    <!-- timeline -->\n",
    "*[HTML]: Hyper\n*[CSS]: Style\n    <!-- timeline -->\n",
    "!!! note\n    *[HTML]: Hyper\n        <!-- timeline -->\n",
    "[x]: https://example.org\n    <!-- timeline -->\n",
    '[x]: https://example.org "T"\n    <!-- timeline -->\n',
    "!!! note\n    [x]: https://e.org\n        <!-- timeline -->\n",
    "---   \n    <!-- timeline -->\n", "***  \n    <!-- timeline -->\n",
    "_ _ _   \n    <!-- timeline -->\n", "## H ##  \n    <!-- timeline -->\n",
    "Title\n=====   \n    <!-- timeline -->\n", "<!-- c -->\n    <!-- timeline -->\n",
    # a line of text: the next one goes on with it
    "<div>x</div> text\n    <!-- timeline -->\n", "<div>x\n</div> t\n    <!-- timeline -->\n",
    "<span>x</span>\n    <!-- timeline -->\n", "<!-- c --> text\n    <!-- timeline -->\n",
    "> <div>x</div>\n>     <!-- timeline -->\n",
    "!!! note\n    <div>x</div>\n        <!-- timeline -->\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n    <!-- timeline -->\n",
    "Intro. [@ex]\n    <!-- timeline -->\n", "```\ncode\n```\n    <!-- timeline -->\n",
    # inside a list item's text: a marker
    "- *[HTML]: Hyper\n      <!-- timeline -->\n",
])
def test_a_marker_indented_by_four_is_read_as_python_markdown_reads_it(text):
    # After a raw HTML line, an abbreviation's definition or a rule with spaces after it the
    # warning said the marker went on with a paragraph; Python-Markdown shows it as code.
    assert our_reading(text) == python_markdown_reads(text)
