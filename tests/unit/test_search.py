"""explainer.search: the fields a search index section gets from the table of names."""
from __future__ import annotations

from explainer.search import FIELDS, Name, homes_of, section_fields

HMEIMIM = Name(("Hmeimim", "Chmeimim", "Khmeimim"))
BASHIR = Name(("Mohammed al-Baschir", "al-Bashir", "Premierminister", "Ministerpräsident"))
STUETZPUNKT = Name(("Stützpunkt",))


def names_in(text: str) -> list[Name]:
    # a stand-in for the glossary matcher: whole names only
    return [name for name in (HMEIMIM, BASHIR, STUETZPUNKT) if name.spellings[0] in text]


def fields(location="bases/", title="", text="", homes=None) -> dict:
    return section_fields(location, title, text, names_in, homes or {})


def test_a_mentioned_name_brings_the_spellings_the_text_lacks():
    assert fields(text="<p>Hmeimim und Tartus</p>") == {"spelling": ["Chmeimim", "Khmeimim"]}


def test_synonyms_are_found_like_variants():
    got = fields(text="<p>Mohammed al-Baschir führt die Regierung.</p>")
    assert got["spelling"] == ["fuhrt", "fuehrt", "al-Bashir", "Premierminister",
                               "Ministerpräsident", "Ministerprasident", "Ministerpraesident"]


def test_the_title_and_the_home_section_rank_their_names_like_a_title():
    homes = homes_of([(HMEIMIM, ["bases/#hmeimim"]), (BASHIR, ["actors/#bashir"])])
    lists = homes_of([(HMEIMIM, ["glossary/#hmeimim"])])
    assert fields("bases/#hmeimim", title="Hmeimim", homes=homes) == {
        "home": ["Hmeimim", "Chmeimim", "Khmeimim"], "alias": ["Hmeimim", "Chmeimim", "Khmeimim"]}
    assert section_fields("glossary/#hmeimim", "Anderes", "", names_in, homes, lists) == {
        "alias": ["Hmeimim", "Chmeimim", "Khmeimim"]}
    # the home ranks a name of one word above a title; "al" of "al-Bashir" would rank anything
    assert fields("actors/#bashir", homes=homes)["home"] == [
        "Premierminister", "Ministerpräsident", "Ministerprasident", "Ministerpraesident"]
    assert fields("other/", title="Die Stützpunkte", homes=homes) == {
        "alias": ["Stutzpunkte", "Stuetzpunkte", "Stützpunkt", "Stutzpunkt", "Stuetzpunkt"]}


def test_umlaut_free_spellings_cover_both_conventions_once():
    got = fields(text="<p>Übergangsregierung in Weißrussland, Weißrussland &amp; Damaskus</p>")
    assert got == {"spelling": ["Ubergangsregierung", "Uebergangsregierung", "Weissrussland"]}


def test_a_section_without_names_or_umlauts_gets_no_fields():
    assert fields(title="Tartus", text="<p>Nichts <code>Hmeimi</code></p>") == {}


def test_markup_is_not_taken_for_words():
    assert fields(text='<p>Hm<sup>1</sup> <a href="x">über</a></p>') == {
        "spelling": ["uber", "ueber"]}


def test_the_fields_are_ranked_like_a_title_and_like_text():
    assert FIELDS == {"home": {"boost": 3000.0}, "alias": {"boost": 1000.0},
                      "spelling": {"boost": 1.0}}


def test_a_texts_words_are_those_of_the_word_pattern():
    # _words splits at white space first: the same words, in the same order, as \w+ finds.
    from explainer.search import _WORD, _words
    for text in ["", "  ", "Stützpunkte der Marine", "Peskow, Putin. „Kreml“ (2024)",
                 "snake_case und x_1", "Luftwaffen\u00adstützpunkte", "a\u2009b\u00a0c\td\ne",
                 "İstanbul ﬁnal ½ ٣ 二〇", "—a—b— al-Assad's", "e-mail: a@b.de www.x.y"]:
        assert _words(text) == _WORD.findall(text)
