"""Each form of Pandoc's citation syntax built into a tiny site with the real hooks: the
footnote's exact HTML, and the warning or hint for what stays text."""
from __future__ import annotations

import logging
import re

import pytest
from mkdocs.exceptions import Abort

from test_citations_build import CONFIG, SOURCES, SOURCES_PAGE, article, citation_warnings

VIA = ('; zitiert nach <a href="../sources/#quelle">[Quellartikel ohne Titel, Autor und Datum]'
       '</a>.')
FT = ('Financial Times, <a href="https://www.ft.com/content/x?a=1&amp;b=2" '
      'rel="noopener noreferrer">„A *b* _c_ [d] &lt;script&gt;alert(1)&lt;/script&gt; &amp; '
      'e“</a>, 16. Dezember 2024')
RIA = "RIA Nowosti, Dezember 2024"
CONFIG_DE = CONFIG + "theme:\n  name: mkdocs\n  locale: de\n"


@pytest.fixture
def page(tiny_site):
    """Build one page (withdrawal.md) and return its notes and body: (notes, body HTML)."""
    def make(text: str, *, sources: str = SOURCES, **kw):
        built = tiny_site({"index.md": "# Start\n", "sources.md": SOURCES_PAGE,
                           "withdrawal.md": f"# Abzug\n\n{text}\n"},
                          config=CONFIG_DE, files={"sources.yml": sources}, **kw)
        html = article(built, "withdrawal/index.html")
        notes = re.findall(r'<li id="fn:[^"]+">\n<p>(.*?)&#160;<a aria-label="[^"]*" '
                           r'class="footnote-backref"',
                           html, re.S)
        return notes, html
    return make


def infos(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.INFO and r.name.endswith("citations")
            and "stays text" in r.getMessage()]


@pytest.mark.parametrize("text, expected", [
    ("[@ft]", FT + VIA),
    ("[vgl. @ft]", "Vgl. " + FT + VIA),
    ("[zitiert nach @ria]", "Zitiert nach " + RIA + VIA),
    ("[siehe @ft, S. 3, und dort die Fußnote]",
     "Siehe " + FT + ", S. 3, und dort die Fußnote" + VIA),
    ("[-@ft, S. 4]", FT + ", S. 4" + VIA),
    ("[@{ft}, S. 2]", FT + ", S. 2" + VIA),
    ("[@ft, Kap. 1, Abs. 3]", FT + ", Kap. 1, Abs. 3" + VIA),
    ("[@ft, S. 33-35 und *passim*]", FT + ", S. 33-35 und <em>passim</em>" + VIA),
    ("[@ft, *passim*]", FT + ", <em>passim</em>" + VIA),
    ("[*siehe* @ft]", "<em>Siehe</em> " + FT + VIA),
    ("[<b>siehe</b> @ft, S. 3 <script>x</script>]",
     "&lt;b&gt;siehe&lt;/b&gt; " + FT + ", S. 3 &lt;script&gt;x&lt;/script&gt;" + VIA),
    ("[@ft{ii, A}, mit Zusatz]", FT + ", ii, A, mit Zusatz" + VIA),
    ("[siehe [dort] @ft]", "Siehe [dort] " + FT + VIA),
])
def test_each_form_gives_one_footnote_with_exact_html(page, caplog, text, expected):
    notes, html = page(f"Der Satz {text}.")
    assert notes == [expected]
    assert '<p>Der Satz<sup id="fnref:@ft">' in html or '<p>Der Satz<sup id="fnref:@ria">' in html
    assert citation_warnings(caplog) == []
    assert "<script>" not in html and "<b>" not in html


def test_a_citation_inside_a_bracket_of_text_is_the_inner_one(page, caplog):
    notes, html = page("Der Satz [a [@ft] b].")
    assert notes == [FT + VIA]
    assert ('<p>Der Satz [a<sup id="fnref:@ft"><a class="footnote-ref" href="#fn:@ft">1</a>'
            '</sup> b].</p>') in html
    assert citation_warnings(caplog) == []


def test_several_citations_each_with_their_own_prefix_and_locator(page, caplog):
    notes, html = page("Der Satz [see @ft, S. 33-35; also @ria, Kap. 1].")
    assert notes == ["See " + FT + ", S. 33-35" + VIA, "Also " + RIA + ", Kap. 1" + VIA]
    assert ('<p>Der Satz<sup id="fnref:@ft"><a class="footnote-ref" href="#fn:@ft">1</a></sup>'
            '<sup class="citations-sep">,</sup>'
            '<sup id="fnref:@ria"><a class="footnote-ref" href="#fn:@ria">2</a></sup>.</p>'
            ) in html
    assert citation_warnings(caplog) == []


def test_suppressed_author_leaves_the_name_out_of_the_note(page, caplog):
    sources = SOURCES + ("- id: seddon\n  type: article-newspaper\n  container-title: Financial "
                         "Times\n  author: Max Seddon\n  title: Interview\n")
    notes, _ = page("Seddon schreibt [-@seddon]; die FT auch [@seddon].", sources=sources)
    assert notes == ["Financial Times, „Interview“.",
                     "Financial Times, Max Seddon, „Interview“."]
    assert citation_warnings(caplog) == []


def test_same_citation_shares_a_note_and_another_prefix_or_locator_gets_its_own(page):
    notes, html = page("A [vgl. @ft, S. 3]. B [vgl. @ft, S. 3]. C [@ft, S. 3]. D [vgl. @ft].")
    assert notes == ["Vgl. " + FT + ", S. 3" + VIA, FT + ", S. 3" + VIA, "Vgl. " + FT + VIA]
    assert re.findall(r'href="#fn:([^"]+)">', html) == ["@ft", "@ft", "@ft~2", "@ft~3"]


@pytest.mark.parametrize("text, why", [
    ("[@ft; ohne Schlüssel]", "item 2 ('ohne Schlüssel') has no key"),
    ("[siehe @ft und @ria]", "it holds 2 keys; separate them with ';'"),
    ("[@{}]", "it has an empty key"),
])
def test_what_pandoc_cites_but_the_hook_cannot_show_warns_with_file_line_and_text(
        page, caplog, text, why):
    notes, html = page(f"Erste Zeile.\n\nDer Satz {text}.")
    assert notes == []
    assert citation_warnings(caplog) == [
        f"citations: docs/withdrawal.md:5: '{text}' reads as a citation in Pandoc's syntax but "
        f"is left as text: {why} (write [@key], [vgl. @key, S. 3] or [@a; siehe @b])"]
    assert f"<p>Der Satz {text}.</p>" in html


@pytest.mark.parametrize("text, why", [
    ("[@{no such}]", "the braced key '@{no such}' holds white space, which no source id has"),
    ("[vgl. @{Financial Times}, S. 3]",
     "the braced key '@{Financial Times}' holds white space, which no source id has"),
    ("[@{ft]", "the brace after '@' does not close"),
])
def test_a_braced_key_pandoc_does_not_read_warns_with_file_line_and_text(page, caplog, text,
                                                                          why):
    notes, html = page(f"Erste Zeile.\n\nDer Satz {text}.")
    assert notes == []
    assert citation_warnings(caplog) == [
        f"citations: docs/withdrawal.md:5: '{text}' is left as text: {why}, and Pandoc reads no "
        f"citation there (write [@key], [vgl. @key, S. 3] or [@a; siehe @b])"]
    assert f"<p>Der Satz {text}.</p>" in html


def test_a_braced_key_in_code_or_escaped_or_after_a_word_stays_text_silently(page, caplog):
    _, html = page("Der Satz `[@{no such}]`, \\[@{no such}] und [mail@{no such}].")
    assert citation_warnings(caplog) == []
    assert "<code>[@{no such}]</code>, [@{no such}] und [mail@{no such}]." in html


def test_a_warning_fails_a_strict_build(page):
    with pytest.raises(Abort):
        page("Der Satz [@ft; ohne Schlüssel].", strict=True)


@pytest.mark.parametrize("text", ["[@]", "[mail@example.com]", "[siehe vgl.@ft]", "[\\@ft]"])
def test_what_pandoc_does_not_cite_stays_text_without_a_warning(page, caplog, text):
    notes, html = page(f"Der Satz {text}.")
    assert notes == [] and citation_warnings(caplog) == []
    assert html.count("Der Satz [") == 1


def test_a_bare_key_of_a_known_source_stays_text_with_a_hint_and_handles_stay_text(page,
                                                                                   caplog):
    caplog.set_level(logging.INFO)
    notes, html = page("Erste Zeile.\n\nWie @ft berichtet, schreibt @kremlin auf Telegram;\n"
                       "Mail an presse@ft.com, `@ria` im Code, <https://t.me/@ria>.")
    assert notes == []
    assert "<p>Wie @ft berichtet, schreibt @kremlin auf Telegram;" in html
    assert infos(caplog) == ["citations: docs/withdrawal.md:5: '@ft' stays text; "
                             "did you mean [@ft]?"]
    assert citation_warnings(caplog) == []
    page("Wie @ft berichtet.", strict=True)       # a hint fails no strict build


REF = '<sup id="fnref{n}:@{key}"><a class="footnote-ref" href="#fn:@{key}">{number}</a></sup>'


@pytest.mark.parametrize("text, expected", [
    ("Im Absatz\n[@ft].", "<p>Im Absatz{ft}.</p>"),
    ("> Im Zitat\n> [@ft]", "<blockquote>\n<p>Im Zitat{ft}</p>\n</blockquote>"),
    ("> Im Zitat\n[@ft]", "<blockquote>\n<p>Im Zitat{ft}</p>\n</blockquote>"),
    ("- Im Punkt\n  [@ft]", "<ul>\n<li>Im Punkt{ft}</li>\n</ul>"),
    ("Nach *Betonung*\n[@ft]", "<p>Nach <em>Betonung</em>{ft}</p>"),
])
def test_a_citation_at_the_start_of_a_line_sits_right_after_the_text_before_it(page, text,
                                                                               expected):
    _, html = page(text)
    assert expected.format(ft=REF.format(n="", key="ft", number=1)) in html


@pytest.mark.parametrize("text, expected", [
    # a line break the author wrote, a number beside another, nothing of its paragraph before
    ("Zeile  \n[@ft]", "<p>Zeile<br />\n{ft}</p>"),
    ("Satz [@ria]\n[@ft]", "<p>Satz{ria}\n{ft}</p>"),
    ("Absatz.\n\n[@ft] sagt das.", "<p>Absatz.</p>\n<p>{ft} sagt das.</p>"),
    ("- [@ft] sagt das.", "<ul>\n<li>{ft} sagt das.</li>\n</ul>"),
    ("## Teil\n[@ft] sagt das.", "{ft} sagt das.</p>"),
])
def test_a_citation_at_a_line_start_keeps_what_stands_before_it_elsewhere(page, text, expected):
    _, html = page(text)
    ria_first = text.index("@ria") < text.index("@ft") if "@ria" in text else False
    refs = {"ft": REF.format(n="", key="ft", number=2 if ria_first else 1),
            "ria": REF.format(n="", key="ria", number=1)}
    assert expected.format(**refs) in html
