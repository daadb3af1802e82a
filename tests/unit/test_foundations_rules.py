"""explainer.rules, explainer.strings: one rule for keys and dates; strings per language."""
from __future__ import annotations

import pytest

from explainer.citations.syntax import find_keys
from explainer.rules import (DateError, PartialDate, did_you_mean, forbidden_reference, is_key,
                             parse_date)
from explainer.strings import STRINGS, for_language, placeholders, sort_key


@pytest.mark.parametrize("key", ["ft", "reuters-2024-12", "al-watan:1", "ün", "a.b", "x_1"])
def test_keys(key):
    assert is_key(key)


@pytest.mark.parametrize("key", ["", "-ft", "ft-", "a b", "a,b", "@ft", "a--b", "a.-b", 3, None])
def test_not_keys(key):
    assert not is_key(key)


@pytest.mark.parametrize("key", ["ft", "reuters-2024-12", "al-watan:1", "ün", "a.b", "x_1",
                                 "a-b.c:d_e"])
def test_every_key_is_cited_whole(key):
    assert [found for _, _, found in find_keys(f"@{key}")] == [key]


@pytest.mark.parametrize("text, date", [("2024-12-09", PartialDate(2024, 12, 9)),
                                        ("2024-12", PartialDate(2024, 12)),
                                        ("2024", PartialDate(2024)), (2024, PartialDate(2024))])
def test_dates_of_three_precisions(text, date):
    assert parse_date(text) == date
    assert parse_date(text).iso == str(text)


@pytest.mark.parametrize("text", ["2024-1-5", "2024-02-30", "2024-13", "24-12-09", "9.12.2024",
                                  "", True, None])
def test_one_rule_refuses_what_iso_does_not_write(text):
    with pytest.raises(DateError):
        parse_date(text)


def test_partial_dates_know_their_first_and_last_day():
    assert str(PartialDate(2024, 2).last) == "2024-02-29"
    assert str(PartialDate(2024).first) == "2024-01-01"


@pytest.mark.parametrize("html, found", [
    ("ok &#0;", "'&#0;' (U+0000)"), ("&#xD800;", "'&#xD800;' (U+D800)"),
    ("&#x110000;", "'&#x110000;'"), ("&#1;", "'&#1;' (U+0001)"), ("&#x9F;", "'&#x9F;' (U+009F)"),
    ("&#13;", "'&#13;' (U+000D)"), ("&#xFFFE;", "'&#xFFFE;' (U+FFFE)"),
    ("&#" + "9" * 5000 + ";", "'&#99999999999999…;'"),
])
def test_a_character_reference_html_forbids_is_found(html, found):
    assert forbidden_reference(html) == found


def test_character_references_html_allows_pass():
    assert forbidden_reference("&#9;&#10;&#x41;&#160;&#x1F600; &amp;#0; &amp; &nbsp;") is None


def test_did_you_mean():
    assert did_you_mean("reutres", ["reuters", "ft"]) == " (did you mean 'reuters'?)"
    assert did_you_mean("xyz", ["reuters", "ft"]) == ""


def test_german_and_english_have_the_same_strings_and_placeholders():
    assert set(STRINGS["de"]) == set(STRINGS["en"])
    for key in STRINGS["de"]:
        assert placeholders(key, "de") == placeholders(key, "en"), key


@pytest.mark.parametrize("language, day, month", [
    ("de", "9. Dezember 2024", "Dezember 2024"), ("en", "December 9, 2024", "December 2024"),
    ("en_GB", "9 December 2024", "December 2024"), ("de-AT", "9. Dezember 2024", "Dezember 2024")])
def test_dates_come_from_babel_in_the_sites_language(language, day, month):
    strings = for_language(language)
    assert strings.date((2024, 12, 9)) == day
    assert strings.date(PartialDate(2024, 12)) == month
    assert strings.date((2024,)) == "2024"


def test_an_unknown_language_falls_back_to_english_words_and_dates():
    strings = for_language("fr")
    assert strings.is_fallback and strings.language == "en"
    assert strings.date((2024, 1, 9)) == "January 9, 2024"
    assert not for_language("de").is_fallback


def test_strings_fill_placeholders():
    assert for_language("de")("timeline.mid", date="Dezember 2024") == "Mitte Dezember 2024"
    assert for_language("en").quoted("x") == "“x”"


def test_sort_key_puts_umlauts_with_their_vowel():
    words = ["Zeit", "Öl", "Ost", "Ärger", "Abzug", "Straße", "Strasse"]
    assert sorted(words, key=sort_key) == ["Abzug", "Ärger", "Öl", "Ost", "Strasse", "Straße",
                                           "Zeit"]
