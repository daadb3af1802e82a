"""A citation's prefix, locator and suffix as HTML (explainer.citations.affixes)."""
from __future__ import annotations

import pytest

from explainer.citations.affixes import Affixes, affixes, capitalised, inline_html
from explainer.citations.syntax import Cite


@pytest.mark.parametrize("text, expected", [
    ("S. 3", "S. 3"),
    ("*passim*", "<em>passim</em>"),
    ("**vgl.**", "<strong>vgl.</strong>"),
    ("`S. 3`", "<code>S. 3</code>"),
    ("<b>siehe</b>", "&lt;b&gt;siehe&lt;/b&gt;"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("a & b", "a &amp; b"),
    ("`a<b`", "<code>a&lt;b</code>"),
    ("1. Teil", "1. Teil"),                  # no list: one line of inline text
    ("# 3", "# 3"),                          # no heading
    ("- 3", "- 3"),
    ("\\@ria", "@ria"),                      # as Pandoc: any ASCII punctuation is escaped
    ("\\; \\~ \\$", "; ~ $"),
    ("\\<b>", "&lt;b&gt;"),
])
def test_inline_markdown_is_rendered_and_html_escaped(text, expected):
    assert inline_html(text) == expected


@pytest.mark.parametrize("html, expected", [
    ("vgl.", "Vgl."),
    ("zitiert nach", "Zitiert nach"),
    ("<em>siehe</em>", "<em>Siehe</em>"),
    ("„siehe“", "„Siehe“"),
    ("&lt;b&gt;siehe", "&lt;b&gt;siehe"),    # starts with an escaped character: as typed
    ("1. Teil", "1. Teil"),
    ("", ""),
])
def test_capitalised_upper_cases_the_first_letter(html, expected):
    assert capitalised(html) == expected


def test_affixes_of_a_cite():
    cite = Cite("ft", prefix="vgl.", locator="S. 3", label="page", value="3",
                suffix=", und *passim*", suppress_author=True)
    assert affixes(cite) == Affixes("Vgl.", "S. 3", ", und <em>passim</em>", True)
