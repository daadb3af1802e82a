"""Glossary, pure functions (explainer.glossary): reading the table, marking mentions on a
parsed page, the glossary page. Build tests are in test_glossary_build.py; the search index
fields in unit/test_search.py and test_search_build.py."""
from __future__ import annotations

import importlib.util
import re
import sys
import textwrap

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError
from pymdownx.slugs import slugify as make_slugify

from conftest import ROOT, hook_path
from explainer.glossary.extension import GlossaryExtension, Marking
from explainer.glossary.matcher import Matcher
from explainer.glossary.page import render_glossary
from explainer.glossary.explanation import (PageMarkdown, check_explanations, has_heading,
                                            page_clashes)
from explainer.glossary.terms import load_terms
from explainer.strings import for_language, sort_key

_spec = importlib.util.spec_from_file_location("glossary_hook", hook_path("glossary"))
glossary = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = glossary  # as MkDocs loads hooks; dataclasses look the module up
_spec.loader.exec_module(glossary)

SLUGIFY = make_slugify(case="lower")
# The Markdown extensions of the project's mkdocs.yml, with those MkDocs always adds.
SITE_EXTENSIONS = ["toc", "tables", "fenced_code", "abbr", "admonition", "attr_list",
                   "md_in_html", "footnotes", "pymdownx.details", "pymdownx.superfences"]

TABLE = """
- term: Hmeimim
  kind: Ort
  variants: [Chmeimim, Khmeimim]
  short: Russischer Luftwaffenstützpunkt in Syrien.
  explanation: Ein Flugplatz. [@ft]
  sources: [ft, kreml]
- term: Hayat Tahrir al-Sham
  kind: Organisation
  variants: [HTS]
  short: Islamistische Miliz.
  explanation: Eine Miliz.
- term: Stützpunkt
  kind: Begriff
  short: Militärische Einrichtung.
  explanation: Eine Einrichtung.
- term: Kreml
  kind: Organisation
  short: Sitz des russischen Präsidenten.
  explanation: Der Kreml.
- term: Ahmed al-Scharaa
  kind: Person
  variants: [al-Scharaa, Abu Mohammed al-Dscholani, al-Dscholani]
  short: Anführer von HTS.
  explanation: Ein Anführer.
"""


def load(tmp_path, text: str = TABLE):
    path = tmp_path / "glossary.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_terms(path, SLUGIFY)


@pytest.fixture
def matcher(tmp_path):
    return Matcher(load(tmp_path))


def mentions(matcher, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], term.name) for s, e, term in matcher.find(text)]


def mark(matcher, text: str, links: dict | None = None, own: dict | None = None,
         extensions=("attr_list", "footnotes", "md_in_html")) -> str:
    """The page's HTML as Python-Markdown renders it with the glossary's tree processor."""
    marking = Marking(matcher, links or {}, own)
    return markdown.markdown(text, extensions=[*extensions, GlossaryExtension(lambda: marking)])


# --- matching ---

def test_whole_words_only(matcher):
    assert mentions(matcher, "HTSX und XHmeimim und Hmeimimbasis") == []
    assert mentions(matcher, "(Hmeimim), „HTS“ und Hmeimim.") == [
        ("Hmeimim", "Hmeimim"), ("HTS", "Hayat Tahrir al-Sham"), ("Hmeimim", "Hmeimim")]


def test_hyphenated_compound_still_names_the_term(matcher):
    assert mentions(matcher, "die HTS-Führung") == [("HTS", "Hayat Tahrir al-Sham")]


def test_german_endings_depend_on_the_kind(matcher):
    text = "zwei Stützpunkte, den Stützpunkten, des Stützpunktes, des Kremls, Hmeimims Pisten"
    assert mentions(matcher, text) == [
        ("Stützpunkte", "Stützpunkt"), ("Stützpunkten", "Stützpunkt"),
        ("Stützpunktes", "Stützpunkt"), ("Kremls", "Kreml"), ("Hmeimims", "Hmeimim")]
    # a place takes no plural ending, an abbreviation that ends in S no ending at all
    assert mentions(matcher, "Hmeimimen und HTSs") == []


@pytest.mark.parametrize("language, text, found", [
    ("de", "Viele NGOs und IDPs, die NGO.", ["NGOs", "IDPs", "NGO"]),
    ("en", "Many NGOs, the NGO's staff, IDPs; parties and a party; the Party's turkeys.",
     ["NGOs", "NGO's", "IDPs", "parties", "party", "Party's"]),
])
def test_abbreviations_take_a_plural_s_and_english_words_in_y_their_ies(
        tmp_path, language, text, found):
    table = "".join(f"- term: {name}\n  kind: {kind}\n  short: a\n  explanation: a\n"
                    for name, kind in (("NGO", "organisation"), ("IDP", "term"),
                                       ("party", "term"), ("turkey", "place")))
    assert [shown for shown, _ in mentions(Matcher(load(tmp_path, table), language), text)] == found


def test_longest_form_wins(matcher):
    text = "Hayat Tahrir al-Sham (HTS) und Abu Mohammed al-Dscholani, kurz al-Dscholani"
    assert mentions(matcher, text) == [
        ("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham"), ("HTS", "Hayat Tahrir al-Sham"),
        ("Abu Mohammed al-Dscholani", "Ahmed al-Scharaa"), ("al-Dscholani", "Ahmed al-Scharaa")]


def test_case_matters_except_for_a_lower_case_first_letter(matcher):
    assert mentions(matcher, "Al-Scharaa sagte") == [("Al-Scharaa", "Ahmed al-Scharaa")]
    assert mentions(matcher, "russische kreml") == []
    assert mentions(matcher, "hts und HMEIMIM und KREML und HmeiMim") == []


def test_a_mention_is_a_whole_word_at_either_end_of_the_text_too(matcher):
    assert mentions(matcher, "HTS") == [("HTS", "Hayat Tahrir al-Sham")]
    assert mentions(matcher, "al-Scharaa, (Kreml)") == [("al-Scharaa", "Ahmed al-Scharaa"),
                                                        ("Kreml", "Kreml")]
    assert mentions(matcher, "xHTS _HTS 1HTS \u00adHTS HTSx HTS_ Kreml\u00ad") == []


def test_a_capitalised_name_does_not_match_the_common_word(tmp_path):
    table = ("- term: Theresa May\n  kind: person\n  variants: [May]\n  short: a\n"
             "  explanation: a\n- term: Turkey\n  kind: place\n  short: b\n  explanation: b\n")
    matcher = Matcher(load(tmp_path, table), "en")
    assert mentions(matcher, "It may rain; we ate turkey. May said Turkey") == [
        ("May", "Theresa May"), ("Turkey", "Turkey")]


def test_a_line_break_inside_a_name_is_still_the_name(matcher):
    assert mentions(matcher, "Hayat Tahrir\nal-Sham") == [("Hayat Tahrir\nal-Sham",
                                                          "Hayat Tahrir al-Sham")]


def test_every_mention_gets_a_tooltip_and_the_first_one_a_link(matcher):
    html = mark(matcher, "Chmeimim liegt nahe Latakia. Hmeimim ist groß.",
                {"Hmeimim": "../glossary/#hmeimim"})
    assert html == (
        '<p><a class="glossary-term" href="../glossary/#hmeimim" '
        'title="Hmeimim: Russischer Luftwaffenstützpunkt in Syrien.">Chmeimim</a> liegt nahe '
        'Latakia. <span class="glossary-term" title="Russischer Luftwaffenstützpunkt in Syrien.">'
        'Hmeimim</span> ist groß.</p>')


def test_without_a_link_target_the_first_mention_is_a_tooltip_only(matcher):
    html = mark(matcher, "HTS", {"Hayat Tahrir al-Sham": None})
    assert html == ('<p><span class="glossary-term" title="Hayat Tahrir al-Sham: Islamistische '
                    'Miliz.">HTS</span></p>')


def test_a_section_does_not_mark_its_own_term(matcher):
    text = "### Hmeimim {#hmeimim}\n\nHmeimim und HTS.\n\n### HTS {#hts}\n\nHmeimim und HTS.\n"
    own = {"hmeimim": "Hmeimim", "hts": "Hayat Tahrir al-Sham"}
    marked = mark(matcher, text, {"Hmeimim": "#hmeimim", "Hayat Tahrir al-Sham": "#hts"}, own)
    first, second = marked.split('<h3 id="hts">')
    assert '<p>Hmeimim und <a class="glossary-term" href="#hts"' in first
    assert first.startswith('<h3 id="hmeimim">Hmeimim</h3>\n<p>Hmeimim und')
    assert second == ('HTS</h3>\n<p><a class="glossary-term" href="#hmeimim" title="Russischer '
                      'Luftwaffenstützpunkt in Syrien.">Hmeimim</a> und HTS.</p>')


@pytest.mark.parametrize("text", [
    "    Hmeimim = 1\n",
    "`HTS`",
    "[Hmeimim](x/)",
    "## Hmeimim",
    "# Die HTS",
    '<abbr title="Hayat Tahrir al-Sham">HTS</abbr> und <span title="Schon erklärt">Kreml</span>',
    "Text[^1]\n\n[^1]: Kreml, Hmeimim",
    "<svg><text>Hmeimim</text></svg>",
    "<script>var HTS = 1;</script><style>.Kreml{}</style>",
    '<div data-glossary-skip markdown="1">\n\nHmeimim\n\n</div>',
    "![Hmeimim](hmeimim.png) <span class=\"HTS\">x</span>",
])
def test_code_links_headings_footnotes_raw_html_and_tooltips_stay_untouched(matcher, text):
    assert mark(matcher, text) == mark(Matcher([]), text)


@pytest.mark.parametrize("text, title", [
    ('!!! note "Was in Hmeimim geschah"\n\n    Hmeimim liegt an der Küste.',
     '<p class="admonition-title">Was in Hmeimim geschah</p>'),
    ('??? note "HTS und der Kreml"\n\n    Hmeimim liegt an der Küste.',
     '<summary>HTS und der Kreml</summary>'),
])
def test_titles_of_admonitions_and_details_are_left_like_headings(matcher, text, title):
    # A link there would take the box's click (details) and the first mention from the text.
    html = mark(matcher, text, {"Hmeimim": "#hmeimim"},
                extensions=("admonition", "pymdownx.details"))
    assert title in html
    assert '<a class="glossary-term" href="#hmeimim"' in html.split(title)[1]


def test_a_soft_hyphen_wbr_or_emphasis_inside_a_word_keeps_it_one_word(tmp_path):
    table = ("- term: Ost\n  kind: Ort\n  short: a\n  explanation: a\n"
             "- term: Luftwaffe\n  kind: Begriff\n  short: b\n  explanation: b\n")
    matcher = Matcher(load(tmp_path, table))
    html = mark(matcher, "Luftwaffen&shy;stützpunkte, Luftwaffen\u00adstützpunkte, "
                         "Luftwaffen&#173;basis, Ost<wbr>europa, **Ost**en, Ost*en*, *Ost*europa, "
                         "Nord**ost**, **Luftwaffe**n; aber Ost, **Ost**-Europa und Luftwaffen.")
    assert re.findall(r'class="glossary-term"[^>]*>([^<]*)<', html) == ["Ost", "Ost", "Luftwaffen"]
    assert "**" not in html and "<strong>Ost</strong>en" in html


def test_a_term_split_by_a_soft_hyphen_or_wbr_is_marked_as_the_whole_word(tmp_path):
    table = ("- term: Übergangsregierung\n  kind: Begriff\n  short: Vorläufig.\n"
             "  explanation: a\n")
    html = mark(Matcher(load(tmp_path, table)),
                "Übergangs&shy;regierung, Übergangs<wbr>regierung, Übergangs\u00adregierungen, "
                "Übergangs&#173;regierung&shy;; aber Vor&shy;Übergangsregierung.")
    tip = '<span class="glossary-term" title="{}">{}</span>'
    assert html == "<p>" + ", ".join([
        tip.format("Vorläufig.", "Übergangs&shy;regierung"),
        tip.format("Vorläufig.", "Übergangs<wbr>regierung"),
        tip.format("Übergangsregierung: Vorläufig.", "Übergangs\u00adregierungen"),
        tip.format("Vorläufig.", "Übergangs&#173;regierung") + "&shy;; aber "
        "Vor&shy;Übergangsregierung.</p>"])


def test_an_address_written_in_the_text_is_left_alone(matcher):
    html = mark(matcher, "Siehe https://example.org/Hmeimim/HTS und www.kreml.example/Kreml, "
                         "schreibe an presse@Kreml.example oder hts.info@Hmeimim.example, "
                         "dann HTS.")
    assert re.findall(r'class="glossary-term"[^>]*>([^<]*)<', html) == ["HTS"]
    assert ("https://example.org/Hmeimim/HTS und www.kreml.example/Kreml, schreibe an "
            "presse@Kreml.example oder hts.info@Hmeimim.example,") in html


def test_text_after_a_skipped_element_is_marked_again(matcher):
    html = mark(matcher, '`HTS` und HTS, [Kreml](x) und <abbr title="t">Kreml</abbr> und Kreml')
    assert html.count('class="glossary-term"') == 2
    assert "<code>HTS</code>" in html and '<a href="x">Kreml</a>' in html
    assert '<abbr title="t">Kreml</abbr>' in html


def test_name_like_words_without_an_entry_are_noted_once_as_each_element_shows_them(matcher):
    marking = Marking(matcher, {})
    markdown.markdown("ISW und HTS-Kämpfer, Hayat Tahrir al-Sham, Abu *al-Tanf*, `YPG`, "
                      "[SAA](x), die ISW, Abu Mohammed al-Dscholani und die UNO.",
                      extensions=[GlossaryExtension(lambda: marking)])
    assert list(marking.unlisted) == ["ISW", "al-Tanf"]


@pytest.mark.parametrize("text, names", [
    ("Die ISW, die UNO und AB-Tests; ABCDEFG, xHTS, HTSx, Ärzte ÖKO", ["ISW", "ÖKO"]),
    ("ISW und al-Tanf, asch-Scham, as-Sadr, el-Sisi, Abu al-Bakr, Abu  Bakr",
     ["ISW", "al-Tanf", "asch-Scham", "as-Sadr", "el-Sisi", "Abu al-Bakr"]),
    ("xal-Tanf, -al-Tanf, Al-Qaida, AL-Qaida, al-tanf, Ael-Sisi", ["Al-Qaida"]),
])
def test_name_like_words_are_acronyms_and_names_with_an_article(matcher, text, names):
    # A piece with a hyphen may hold a name with an article; one without, only acronyms.
    marking = Marking(matcher, {})
    markdown.markdown(text, extensions=[GlossaryExtension(lambda: marking)])
    assert list(marking.unlisted) == names


def test_a_term_with_markup_characters_matches_as_written(tmp_path):
    terms = load(tmp_path, "- term: AT&T\n  kind: Organisation\n  short: A <firm> & co.\n"
                           "  explanation: x\n")
    html = mark(Matcher(terms), "Bei AT&T, nicht AT&Tx.")
    assert html == ('<p>Bei <span class="glossary-term" title="A &lt;firm&gt; &amp; co.">AT&amp;T'
                    '</span>, nicht AT&amp;Tx.</p>')



def test_a_tooltip_shows_an_entity_in_short_as_written(tmp_path):
    terms = load(tmp_path, "- term: AT&T\n  kind: Organisation\n"
                           "  short: \"&amp; Entity &#60;b&#62;\"\n  explanation: x\n")
    html = mark(Matcher(terms), "Bei AT&T.")
    assert 'title="&amp;amp; Entity &amp;#60;b&amp;#62;"' in html


@pytest.fixture(scope="module")
def module_matcher(tmp_path_factory):
    return Matcher(load(tmp_path_factory.mktemp("table")))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("abcäöü <>/&;\"'=-\n`*[]()") + [
    "<p>", "</p>", "Hmei", "mim", "HT", "S", "<code>", "\n\n", "    ", "# ", "<abbr title='x'>",
    "</abbr>", "[^1]", "\n[^1]: n\n"])).map("".join))
def test_marking_never_changes_the_text_of_the_page(module_matcher, text):
    assert _unwrap(mark(module_matcher, text)) == mark(Matcher([]), text)


def _unwrap(html: str) -> str:
    return re.sub(r'<(a|span) class="glossary-term"[^>]*>([^<]*)</\1>', r"\2", html)


# --- the table ---

def test_the_projects_table_is_valid_and_names_the_variants_from_the_notes():
    terms = load_terms(ROOT / "glossary.yml", SLUGIFY)
    matcher = Matcher(terms)
    for variant, name in [("Chmeimim", "Hmeimim"), ("Khmeimim", "Hmeimim"), ("Tartous", "Tartus"),
                          ("Qudsayya", "Qudsaya"), ("Qudsaja", "Qudsaya"), ("HTS", "Hayat Tahrir al-Sham"),
                          ("Haiat Tahrir asch-Scham", "Hayat Tahrir al-Sham"),
                          ("Mohammed al-Julani", "Ahmed al-Scharaa"), ("Golani", "Ahmed al-Scharaa"),
                          ("Abu Mohammed al-Dscholani", "Ahmed al-Scharaa"),
                          ("al-Sharaa", "Ahmed al-Scharaa"), ("al-Bashir", "Mohammed al-Baschir"),
                          ("Dmitry Peskov", "Dmitri Peskow"), ("Mikhail Bogdanov", "Michail Bogdanow"),
                          ("RIA Novosti", "RIA Nowosti"), ("Weißrussland", "Belarus")]:
        assert mentions(matcher, variant) == [(variant, name)], variant
    for term in terms:
        assert term.sources, f"{term.name} cites no source"


@pytest.mark.parametrize("table, message", [
    ("- term: A\n  kind: Ort\n  variants: [X]\n  short: a\n  explanation: a\n"
     "- term: B\n  kind: Ort\n  variants: [x]\n  short: b\n  explanation: b\n",
     "entry 'B', field 'variants': 'x' is already claimed by entry 'A'"),
    ("- term: A\n  kind: Ort\n  variants: [a]\n  short: a\n  explanation: a\n",
     "entry 'A', field 'variants': 'a' is the term itself (spellings match in any case); list "
     "other spellings only"),
    ("- term: A\n  kind: Ort\n  variants: [B, b]\n  short: a\n  explanation: a\n",
     "entry 'A', field 'variants': 'b' is listed twice"),
    ("- term: A\n  kind: Ort\n  short: '  '\n  explanation: a\n",
     "entry 'A', field 'short': missing or empty"),
    ("- term: A\n  kind: Ort\n  short: a\n",
     "entry 'A', field 'explanation': missing or empty"),
    ("- kind: Ort\n  short: a\n  explanation: a\n", "entry 1, field 'term': missing or empty"),
    ("- term: A\n  kind: Stadt\n  short: a\n  explanation: a\n",
     "entry 'A', field 'kind': 'Stadt' is not one of Ort, Organisation, Person, Medium, Begriff"),
    ("- term: A\n  kind: Ort\n  short: a\n  explanation: a\n  see: b\n",
     "entry 'A': unknown field 'see'"),
    ("- term: A\n  kind: Ort\n  short: a\n  explanation: a\n  variants: B\n",
     "entry 'A', field 'variants': expected a list of non-empty strings"),
    ("- term: A\n  kind: Ort\n  short: a\n  explanation: a\n  sources: [ft, kreml, ft]\n",
     "entry 'A', field 'sources': 'ft' is listed twice"),
    ("- term: A\n  kind: Ort\n  short: a\n  explanation: a\n  sources: [ft, '']\n",
     "entry 'A', field 'sources': expected a list of non-empty strings"),
    ("- term: A\n  kind: Ort\n  short: a\n  explanation: a\n  link: actors.md\n",
     "entry 'A', field 'link': give a section, e.g. 'actors.md#A'"),
    ("- term: Ärger\n  kind: Ort\n  short: a\n  explanation: a\n"
     "- term: ärger\n  kind: Ort\n  short: a\n  explanation: a\n",
     "entry 2 ('ärger'), field 'term': 'ärger' is already the term of entry 1 ('Ärger')"),
    ("- term: Hmeimim\n  kind: Ort\n  short: a\n  explanation: a\n"
     "- term: Hmeimim\n  kind: Ort\n  short: a\n  explanation: a\n",
     "entry 2 ('Hmeimim'), field 'term': 'Hmeimim' is already the term of entry 1 ('Hmeimim')"),
    ("- term: Stützpunkt\n  kind: Begriff\n  variants: [Basis]\n  short: a\n  explanation: a\n"
     "- term: Basis\n  kind: Begriff\n  short: a\n  explanation: a\n",
     "entry 'Basis', field 'term': 'Basis' is already a variant of entry 'Stützpunkt'"),
    # the matcher collapses white space: "Al  Qaida" would take the mentions of "Al Qaida"
    ("- term: Al Qaida\n  kind: Organisation\n  short: a\n  explanation: a\n"
     "- term: IS\n  kind: Organisation\n  variants: [\"Al  Qaida\"]\n  short: a\n"
     "  explanation: a\n",
     "entry 'IS', field 'variants': 'Al  Qaida' is already claimed by entry 'Al Qaida'"),
    ("- term: \"<Foo>\"\n  kind: Ort\n  short: a\n  explanation: a\n",
     "entry '<Foo>', field 'term': gives no anchor: a heading's anchor leaves out what looks like "
     "an HTML tag; write the name without '<' and '>'"),
    ("- term: A\n  kind: Ort\n  short: a\n  explanation: a\n  link: https://example.org/x#y\n",
     "entry 'A', field 'link': 'https://example.org/x#y' is an address; a link must be a page of "
     "this site, such as 'bases.md#Tartus'"),
    ("- term: A\n  kind: Ort\n  short: a\n  explanation: a\n  link: bases.md#Hmeimim#x\n",
     "entry 'A', field 'link': 'bases.md#Hmeimim#x' has more than one '#'; write the page and one "
     "heading, such as 'bases.md#Tartus'"),
    ("term: A\n", "expected a list of entries"),
    ("- term: A\n  kind: [Ort\n", "invalid YAML"),
    ("- term: A\n  kind: Ort\n  short: a\n  explanation: a\n  link: x.md#a\n  link: y.md#b\n",
     "glossary.yml:6: invalid YAML: key 'link' given twice"),
    ("- just text\n", "entry 1: expected a mapping of fields, found text"),
    ("- term: A\n  kind: Ort\n  short: a\n  explanation: a\n  synonyms: B\n",
     "entry 'A', field 'synonyms': expected a list of non-empty strings"),
])
def test_broken_tables_stop_the_build_naming_entry_and_field(tmp_path, table, message):
    with pytest.raises(PluginError) as err:
        load(tmp_path, table)
    assert message in str(err.value)
    assert str(err.value).startswith("glossary.yml")


def test_a_missing_table_is_an_error(tmp_path):
    with pytest.raises(PluginError, match="glossary.yml: file not found"):
        load_terms(tmp_path / "glossary.yml", SLUGIFY)


def test_link_fragment_is_slugified_like_a_heading(tmp_path):
    terms = load(tmp_path, "- term: A\n  kind: Ort\n  short: a\n  explanation: a\n"
                           "  link: ./bases.md#Die Stützpunkte\n"
                           "- term: B\n  kind: Ort\n  short: b\n  explanation: b\n"
                           "  link: actors.md#hayat-tahrir-al-sham-hts\n")
    assert (terms[0].link_page, terms[0].anchor) == ("bases.md", "die-stützpunkte")
    assert (terms[1].link_page, terms[1].anchor) == ("actors.md", "hayat-tahrir-al-sham-hts")


# --- the glossary page ---

def test_german_order_puts_umlauts_with_their_vowel_and_sz_as_ss():
    words = ["Mast", "Zebra", "Übergang", "Maßnahme", "Abzug", "Maske", "Ärzte", "Ufer", "Azur"]
    assert sorted(words, key=sort_key) == [
        "Abzug", "Ärzte", "Azur", "Maske", "Maßnahme", "Mast", "Übergang", "Ufer", "Zebra"]


def test_glossary_markdown_has_letters_entries_kinds_variants_and_citations(tmp_path):
    text = render_glossary(load(tmp_path), for_language("de"))
    headings = re.findall(r"^#+ .*$", text, re.M)
    assert headings == ["## A", "### Ahmed al-Scharaa", "## H", "### Hayat Tahrir al-Sham",
                        "### Hmeimim", "## K", "### Kreml", "## S", "### Stützpunkt"]
    assert ('<p class="glossar-schreibweisen"><em>Ort</em> · auch: Chmeimim, Khmeimim</p>\n\n'
            "Ein Flugplatz. [@ft] [@kreml]\n") in text
    assert '<p class="glossar-schreibweisen"><em>Begriff</em></p>\n\nEine Einrichtung.\n' in text


def test_names_that_open_with_a_quotation_mark_stand_under_their_first_letter(tmp_path):
    table = "".join(f"- term: {name}\n  kind: Organisation\n  short: a\n  explanation: a\n"
                    for name in ['"„Wagner“"', "Zentralbank", "\"'Ndrangheta\"", "Nato"])
    text = render_glossary(load(tmp_path, table), for_language("de"))
    assert re.findall(r"^#+ .*$", text, re.M) == [
        "## N", "### Nato", "### 'Ndrangheta", "## W", "### „Wagner“", "## Z", "### Zentralbank"]


@pytest.mark.parametrize("text", ["Nr. 5 ist #1.", "```\n# ein Kommentar\n```", "<h2>so</h2>",
                                  "Erstens\n\n- eins\n- zwei", "a\n\n    # eingerückt",
                                  '!!! note "x"\n    ```\n    # Code\n    ```'])
def test_an_explanation_without_headings_passes(text):
    assert not has_heading(text, PageMarkdown(SITE_EXTENSIONS))


@pytest.mark.parametrize("explanation", [
    '"## Eine Überschrift\\n\\nText."', "|\n    Titel\n    ---\n",
    '"!!! note \\"x\\"\\n    ## inner"', '"??? note \\"x\\"\\n    ## in details"',
    '"Quote:\\n\\n> ## in quote"', '"- item\\n\\n    ## in list"', '"- ## in list"',
    '"> Titel\\n> ==="'])
def test_an_explanation_with_a_heading_in_any_block_stops_the_build(tmp_path, explanation):
    terms = load(tmp_path, f"- term: A\n  kind: Ort\n  short: a\n  explanation: {explanation}\n")
    with pytest.raises(PluginError) as err:
        check_explanations(terms, PageMarkdown(SITE_EXTENSIONS), "glossary.yml")
    assert str(err.value) == ("glossary.yml: entry 'A', field 'explanation': an explanation cannot "
                              "hold a heading (the entry's name is its heading); write paragraphs")


@pytest.mark.parametrize("text, inline", [
    ("Ein Flugplatz.", True),
    ("Erstens.\n\nZweitens, *betont*.", True),
    ("Text[^1].\n\n[^1]: Eine Anmerkung.", False),
    ("Text about Alpha.\n\n```\ncode\n```", False),
    ("Text.\n\n    indented code", False),
    ("Text.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |", False),
    ("Text.\n\n[ref]: https://example.org", False),
    ("[ref]: https://example.org", False),
    ("Text.\n\n- eins\n- zwei", False),
    ("> Ein Zitat.", False),
    ('!!! note "x"\n    Im Kasten.', False),
])
def test_sources_follow_the_last_sentence_only_where_they_continue_a_paragraph(text, inline):
    from explainer.glossary.explanation import ends_in_paragraph
    assert ends_in_paragraph(text, PageMarkdown(SITE_EXTENSIONS)) is inline


def test_sources_after_a_block_stand_in_a_paragraph_of_their_own(tmp_path):
    table = ("- term: Alpha\n  kind: Begriff\n  short: a\n  sources: [example]\n"
             "  explanation: \"Text about Alpha.\\n\\n```\\ncode\\n```\"\n")
    text = render_glossary(load(tmp_path, table), for_language("en"))
    assert "Text about Alpha.\n\n```\ncode\n```\n\n[@example]\n" in text


@pytest.mark.parametrize("first, second, message", [
    ("Eins[^1].\\n\\n[^1]: Erste.", "Zwei[^1].\\n\\n[^1]: Zweite.",
     "entry 'B', field 'explanation': the footnote '[^1]' is defined in entry 'A' too; on the "
     "glossary page one would stand for both, so give each its own label"),
    ("Eins.\\n\\n[Beta]: https://example.org/evil", "See [Beta].",
     "entry 'B', field 'explanation': '[Beta]' would take the link reference '[beta]' of entry "
     "'A' on the glossary page; define it in this entry under a label of its own"),
    ("Eins[^n].\\n\\n[^n]: Erste.", "Zwei[^n].",
     "entry 'B', field 'explanation': '[^n]' would take the footnote '[^n]' of entry 'A'"),
])
def test_footnotes_and_link_references_of_two_entries_stop_the_build(tmp_path, first, second,
                                                                      message):
    table = "".join(f"- term: {name}\n  kind: Ort\n  short: a\n  explanation: \"{text}\"\n"
                    for name, text in (("A", first), ("B", second)))
    with pytest.raises(PluginError) as err:
        check_explanations(load(tmp_path, table), PageMarkdown(SITE_EXTENSIONS), "glossary.yml")
    assert str(err.value).startswith("glossary.yml: " + message)


@pytest.mark.parametrize("page, explanation, found", [
    ("Intro[^1].\n\n[^1]: Seite.", "Eins[^1].\\n\\n[^1]: Erste.",
     (2, "the footnote '[^1]' is defined here and in glossary.yml: entry 'A', field "
         "'explanation'; on the glossary page one would stand for both, so give each its own "
         "label")),
    ("Ein [Link][R].\n\n[r]: https://page.org", "[Beta].\\n\\n[R]: https://entry.org",
     (2, "the link reference '[r]' is defined here and in glossary.yml: entry 'A', field "
         "'explanation'; on the glossary page one would stand for both, so give each its own "
         "label")),
    ("Intro und [Beta].", "Eins.\\n\\n[beta]: https://entry.org",
     (0, "'[Beta]' would take the link reference '[beta]' of glossary.yml: entry 'A', field "
         "'explanation'; define it on this page under a label of its own")),
    ("Intro[^n].\n\n> [^n]: Seite.", "Eins[^n].",
     (2, "'[^n]' in glossary.yml: entry 'A', field 'explanation' would take the footnote "
         "'[^n]' defined here; define it in that entry under a label of its own")),
])
def test_a_label_of_the_glossary_page_shared_with_an_entry_is_found(tmp_path, page, explanation,
                                                                     found):
    md = PageMarkdown(SITE_EXTENSIONS)
    terms = load(tmp_path, f'- term: A\n  kind: Ort\n  short: a\n  explanation: "{explanation}"\n')
    clashes = page_clashes(page, check_explanations(terms, md, "glossary.yml"), terms, md,
                           "glossary.yml")
    assert [(page.count("\n", 0, at), message) for at, message in clashes] == [found]


@pytest.mark.parametrize("page", ["Intro[^2] und [Gamma](https://x.org).\n\n[^2]: Seite.",
                                  "Intro [x](https://x.org) ohne Verweis."])
def test_the_glossary_pages_own_labels_pass_when_no_entry_has_them(tmp_path, page):
    md = PageMarkdown(SITE_EXTENSIONS)
    terms = load(tmp_path, '- term: A\n  kind: Ort\n  short: a\n  explanation: "Eins[^1] '
                           '[Beta].\\n\\n[^1]: E.\\n\\n[beta]: https://e.org"\n')
    assert page_clashes(page, check_explanations(terms, md, "glossary.yml"), terms, md,
                        "glossary.yml") == []


def test_an_entrys_own_footnote_and_reference_and_an_inline_link_pass(tmp_path):
    table = ("- term: A\n  kind: Ort\n  short: a\n  explanation: \"Eins[^1] [x].\\n\\n[^1]: E."
             "\\n\\n[x]: https://example.org\"\n- term: B\n  kind: Ort\n  short: b\n"
             "  explanation: \"Zwei [x](https://example.org/b).\"\n")
    check_explanations(load(tmp_path, table), PageMarkdown(SITE_EXTENSIONS), "glossary.yml")
