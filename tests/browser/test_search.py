"""Search finds what readers type: any spelling of a name in glossary.yml, its synonyms, a typo,
an inflected or umlaut-free form, lower case, several words; the page that tells the story first.

Types each query into the site's search box in Chromium and reads the result links Material
shows, in order: the page expected must own one of the first three links. The spellings live only
in two extra fields of the search index (hooks/search.py), typos and endings are handled in the
browser (overrides/assets/javascripts/search.js), never in the pages."""
from __future__ import annotations

import json
from urllib.parse import quote, urlsplit

import pytest

from .conftest import axe_violations, goto

pytestmark = pytest.mark.browser

GLOSSARY = "glossary/"
RESULT = "[data-md-component=search-result]"
SUGGESTION = ".md-search-result__suggestion"

# query as a reader might type it -> page that treats the term (path below site_url)
VARIANT_QUERIES = [
    ("Chmeimim", "bases/"),
    ("Khmeimim", "bases/"),
    ("Hmaimim", "bases/"),
    ("Hmeymim", "bases/"),
    ("Lattakia", "bases/"),
    ("Tartous", "bases/"),
    ("Qudsayya", "withdrawal/"),
    ("Qudsaya", "withdrawal/"),
    ("Kudsaja", "withdrawal/"),
    ("Fourth Division", "withdrawal/"),
    ("Weißrussland", "withdrawal/"),
    ("Weissrussland", "withdrawal/"),
    ("Abkhazia", "withdrawal/"),
    ("Golani", "actors/"),
    ("Jolani", "actors/"),
    ("al-Dscholani", "actors/"),
    ("al-Julani", "actors/"),
    ("Scharaa", "actors/"),
    ("Haiat Tahrir asch-Scham", "actors/"),
    ("al-Bashir", "actors/"),
    ("Peskow", "actors/"),
    ("Peskov", "actors/"),
    ("Bogdanow", "actors/"),
    ("Bogdanov", "actors/"),
    ("Nowosti", "actors/"),
    ("Novosti", "actors/"),
    ("Kremlin", "actors/"),
    ("Stutzpunkt", "bases/"),
    ("Stuetzpunkt", "bases/"),
    ("Ubergangsregierung", "actors/"),
    ("Uebergangsregierung", "actors/"),
]

# An outlet's name leads to the section that reports what it said and to the sources page, not
# to every page whose footnotes name it (footnotes are left out of the index).
OUTLET_QUERIES = [
    ("Bloomberg", ("actors/", "sources/")),
    ("Reuters", ("actors/", "sources/")),
    ("TASS", ("actors/", "sources/")),
    ("Financial Times", ("actors/", "sources/")),
]

# (kind, query, page that tells the story), each expected page chosen from the page texts
READER_QUERIES = [
    ("typo", "Khmeimin", "bases/"),
    ("typo", "Tartuss", "bases/"),
    ("typo", "Latakja", "bases/"),
    ("typo", "Qudsaia", "withdrawal/"),
    ("typo", "Lababibi", "actors/"),
    ("typo", "Bogdanof", "actors/"),
    ("typo", "Peskof", "actors/"),
    ("typo", "Evakuirung", "withdrawal/"),
    ("typo", "Abchasein", "withdrawal/"),
    ("typo", "Nordkorae", "withdrawal/"),
    ("typo", "Konvoy", "withdrawal/"),
    ("typo", "Finacial Times", "actors/"),
    ("typo", "Übergangsregirung", "actors/"),
    ("typo", "Stüzpunkte", "bases/"),
    ("typo", "Botshaft", "withdrawal/"),
    ("typo", "Satelitenbilder", "withdrawal/"),
    ("synonym", "Regierungschef", "actors/"),
    ("synonym", "Prime Minister", "actors/"),
    ("synonym", "Marinebasis", "bases/"),
    ("synonym", "Luftwaffenbasis", "bases/"),
    ("synonym", "Flottenstützpunkt", "bases/"),
    ("synonym", "Kremlchef", "actors/"),
    ("synonym", "Außenamt", "actors/"),
    ("synonym", "Foreign Ministry", "actors/"),
    ("synonym", "Übergangskabinett", "actors/"),
    ("glossary crowding", "Evakuierung Diplomaten", "withdrawal/"),
    ("glossary crowding", "Konvoi Hmeimim", "withdrawal/"),
    ("glossary crowding", "Vierte Division", "withdrawal/"),
    ("glossary crowding", "Abchasien", "withdrawal/"),
    ("glossary crowding", "Four Seasons", "withdrawal/"),
    ("glossary crowding", "Heilsregierung", "background/"),
    ("glossary crowding", "Belarus", "withdrawal/"),
    ("glossary crowding", "Logistikzentren", "bases/"),
    ("transliteration", "Khmeimim Air Base", "bases/"),
    ("transliteration", "Latakiya", "bases/"),
    ("transliteration", "Mikhail Bogdanov", "actors/"),
    ("transliteration", "Dmitry Peskov", "actors/"),
    ("transliteration", "Bashar al-Assad", "actors/"),
    ("transliteration", "Ahmed al-Sharaa", "actors/"),
    ("transliteration", "Hayat Tahrir al-Sham", "actors/"),
    ("transliteration", "Kremlin spokesman", "actors/"),
    ("transliteration", "Vladimir Putin", "actors/"),
    ("transliteration", "Salvation Government", "background/"),
    ("transliteration", "al-Qaeda", "background/"),
    ("inflection", "Stützpunkten", "bases/"),
    ("inflection", "Assads", "background/"),
    ("inflection", "Kremls", "actors/"),
    ("inflection", "Diplomaten", "withdrawal/"),
    ("inflection", "Verhandlungen", "bases/"),
    ("inflection", "Abzugs", "withdrawal/"),
    ("inflection", "Putins", "actors/"),
    ("inflection", "Moskaus", "since/"),  # Moskau's dealings with Damascus since 2024
    ("lower case", "tartus", "bases/"),
    ("lower case", "hts", "actors/"),
    ("lower case", "ria nowosti", "actors/"),
    ("lower case", "al-baschir", "actors/"),
    ("lower case", "financial times", "actors/"),
    ("several words", "Verhandlungen Tartus", "bases/"),
    ("several words", "Soldaten Damaskus Abzug", "withdrawal/"),
    ("several words", "Satellitenbilder Antonow", "withdrawal/"),
    ("several words", "Assad Asyl Moskau", "background/"),
    ("several words", "Peskow ernsthafte Gespräche", "actors/"),  # the Peskow section quotes it
    ("several words", "Botschaft arbeitet weiter", "since/"),  # it "arbeitete weiter"
    ("umlaut-free", "Aussenministerium", "actors/"),
    ("umlaut-free", "Uebergangsregierung Baschir", "actors/"),
    ("umlaut-free", "Stuetzpunkte Russland", "bases/"),
    ("umlaut-free", "Fluge nach Russland", "withdrawal/"),
    ("umlaut-free", "Gesprache Stutzpunkte", "bases/"),
    ("umlaut-free", "Militaer", "actors/"),
    # a second set, written once the first passed
    ("typo", "Lataika", "bases/"),
    ("typo", "Kamal Labbabidi", "actors/"),
    ("synonym", "Kreml Sprecher", "actors/"),
    ("synonym", "Interimsregierung", "actors/"),
    ("synonym", "Ministerpraesident", "actors/"),
    ("glossary crowding", "Idlib", "background/"),
    ("glossary crowding", "Heilsregierung Idlib", "background/"),
    ("glossary crowding", "Qudsaja Hauptquartier", "withdrawal/"),
    ("glossary crowding", "Daesh", "background/"),
    ("transliteration", "Chkalovsky", "withdrawal/"),
    ("transliteration", "Antonov", "withdrawal/"),
    ("transliteration", "North Korea", "withdrawal/"),
    ("transliteration", "Tartous naval base", "bases/"),
    ("transliteration", "Asad", "actors/"),
    ("inflection", "Nordkoreas", "withdrawal/"),
    ("inflection", "Lababidis", "actors/"),
    ("inflection", "al-Assads", "actors/"),
    ("inflection", "Vierter Division", "withdrawal/"),
    ("inflection", "Truppenabzug", "withdrawal/"),
    ("lower case", "peskow", "actors/"),
    # A known miss: sources/ and since/ have both words too and rank higher (since/ with two
    # links), so the page that tells of Reuters' satellite images has the fourth link.
    # Strict: the test fails once ranking finds it, so the mark is removed then.
    pytest.param("several words", "Reuters Satellitenbilder", "withdrawal/",
                 marks=pytest.mark.xfail(strict=True, reason="known ranking miss, see README")),
    ("several words", "Putin Assad Asyl", "actors/"),
    ("several words", "Russland Syrien 2015", "background/"),
    ("umlaut-free", "Buergerkrieg", "background/"),
    ("umlaut-free", "Uebersetzungsfehler", "withdrawal/"),
    ("umlaut-free", "Stutzpunkte", "bases/"),
    # a third set
    ("typo", "Hmeymin", "bases/"),
    ("typo", "Tartos", "bases/"),
    ("typo", "Dschulani", "actors/"),
    ("several words", "Verhandlungen über Stützpunkte", "bases/"),
    ("several words", "russische Stützpunkte in Syrien", "bases/"),
    ("several words", "Abzug der Soldaten", "withdrawal/"),
    ("several words", "Four Seasons Hotel Damaskus", "withdrawal/"),
    ("several words", "Kreml-Sprecher Peskow", "actors/"),
    ("transliteration", "Muhammad al-Bashir", "actors/"),
    ("transliteration", "Transitional Government", "actors/"),
    ("umlaut-free", "Marinestutzpunkt", "bases/"),
    ("umlaut-free", "Luftwaffenstuetzpunkt", "bases/"),
    # a fourth set: other transliterations of the names
    ("transliteration", "Khmeymim", "bases/"),
    ("transliteration", "Ladhiqiyah", "bases/"),
    ("transliteration", "Qudsiya", "withdrawal/"),
    ("transliteration", "Idleb", "background/"),
    ("transliteration", "Alkaida", "background/"),
    ("transliteration", "Hay'at Tahrir al-Sham", "actors/"),
    ("transliteration", "Bachar el-Assad", "actors/"),
    ("transliteration", "Abu Mohammad al-Jolani", "actors/"),
    ("transliteration", "Mohammad al-Bashir", "actors/"),
    ("transliteration", "Dmitriy Peskov", "actors/"),
    ("transliteration", "Vladimir Poutine", "actors/"),
    ("transliteration", "Abkhaziya", "withdrawal/"),
    ("transliteration", "DPRK", "withdrawal/"),
]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One desktop tab on the home page, reused by every query (the search box keeps no state)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE",
                                  service_workers="block")
    context.set_default_timeout(10_000)
    page = context.new_page()
    goto(page, site_url, "")
    yield page
    context.close()


def search(page, site_url: str, query: str) -> list[str]:
    """Type query into the search box; the page of each result link a reader sees, in order.

    The results carry the query they answer (data-answered, set by search.js after Material has
    drawn them): an earlier keystroke's list is never read.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.locator(RESULT).evaluate("el => delete el.dataset.answered")
    box.press_sequentially(query)
    page.wait_for_function("([sel, q]) => document.querySelector(sel).dataset.answered === q",
                           arg=[RESULT, query])
    # the links a reader sees: a page's further sections wait in a closed "more" box
    hrefs = page.locator("a.md-search-result__link").evaluate_all(
        "els => els.filter(a => !a.closest('details:not([open])')).map(a => a.href)")
    return [urlsplit(href).path[len(urlsplit(site_url).path):] for href in hrefs]


def first_pages(links: list[str], n: int = 3) -> list[str]:
    """The first n pages of the result list, each once."""
    return list(dict.fromkeys(links))[:n]


@pytest.mark.parametrize("query, expected", VARIANT_QUERIES, ids=[q for q, _ in VARIANT_QUERIES])
def test_a_variant_spelling_finds_the_page_that_treats_the_term(search_page, site_url, query,
                                                               expected):
    pages = first_pages(search(search_page, site_url, query))
    assert expected in pages, f"{query!r}: first pages {pages}, expected {expected}"


@pytest.mark.parametrize("query, expected", OUTLET_QUERIES, ids=[q for q, _ in OUTLET_QUERIES])
def test_an_outlet_leads_to_what_it_reported_and_to_the_sources(search_page, site_url, query,
                                                               expected):
    pages = first_pages(search(search_page, site_url, query))
    assert set(expected) <= set(pages), f"{query!r}: first pages {pages}"


@pytest.mark.parametrize("kind, query, expected", READER_QUERIES,
                         ids=[": ".join(getattr(q, "values", q)[:2]) for q in READER_QUERIES])
def test_a_reader_query_has_its_page_among_the_first_three_results(search_page, site_url, kind,
                                                                   query, expected):
    links = search(search_page, site_url, query)
    # counted as a reader sees them: result links, a page with two of them takes two places
    assert expected in links[:3], f"{kind} {query!r}: first results {links[:3]}, not {expected}"
    assert links[:3].count(GLOSSARY) <= 1, f"{query!r}: the glossary crowds out {links[:3]}"


def test_a_typo_finds_the_word_and_offers_it_and_the_offer_searches_for_it(search_page, site_url):
    links = search(search_page, site_url, "Lababibi")
    assert links[0] == "actors/"
    offer = search_page.locator(f"{SUGGESTION} a")
    assert search_page.locator(SUGGESTION).inner_text() == "Meinten Sie Lababidi?"
    offer.click()
    search_page.wait_for_function("sel => document.querySelector(sel).dataset.answered === "
                                  "'Lababidi'", arg=RESULT)
    assert search_page.locator("input.md-search__input").input_value() == "Lababidi"
    assert search_page.locator("#__search").is_checked()  # search stays open for the results
    assert search_page.locator(SUGGESTION).is_hidden()  # an exact hit needs no offer
    links = search_page.locator("a.md-search-result__link").evaluate_all(
        "els => els.map(a => new URL(a.href).pathname)")
    assert links and links[0].endswith("/actors/")


def test_a_word_that_matches_nothing_gets_the_closest_words_not_any_word(search_page, site_url,
                                                                       built_site):
    typo = search(search_page, site_url, "Satelitenbilder")
    assert search_page.locator(SUGGESTION).inner_text() == "Meinten Sie Satellitenbilder?"
    assert "Satellitenbilder" in (built_site / "since/index.html").read_text(encoding="utf-8")
    assert typo == search(search_page, site_url, "Satellitenbilder")
    # nothing in the index is near this word: no results, and nothing offered
    assert search(search_page, site_url, "Xylophonkonzert") == []
    assert search_page.locator(SUGGESTION).is_hidden()
    assert search_page.locator(".md-search-result__meta").first.inner_text() == \
        "Keine Suchergebnisse"


def test_little_words_do_not_drag_in_every_word_they_begin(search_page, site_url):
    # "über" begins "Übergangsregierung": left out beside other words, the list is the one of the
    # other words (its first result the section titled "Die Verhandlungen über die Stützpunkte");
    # searched for alone, it finds what it begins
    links = search(search_page, site_url, "Verhandlungen über Stützpunkte")
    assert links == search(search_page, site_url, "Verhandlungen Stützpunkte")
    assert first_pages(links)[0] == "since/" and "bases/" in first_pages(links)
    assert "actors/" in first_pages(search(search_page, site_url, "über"))


def _missing_by_page(page) -> list[tuple[str, list[list[str]]]]:
    """Per result page, in order: for each of its results, the words it is shown to lack."""
    return page.locator(".md-search-result__item").evaluate_all(
        """items => items.map(item => [new URL(item.querySelector("a").href).pathname,
             [...item.querySelectorAll("article")].map(article =>
               [...article.querySelectorAll(".md-search-result__terms del")]
                 .map(del => del.textContent.toLowerCase()))])""")


def _answer(page, site_url: str, query: str) -> list[list[dict]]:
    """Search for query; the answer the theme drew, as search.js handed it over: per page, its
    results' `terms` (each word sent: whether it matched). A spy on search.js records it."""
    page.locator("input.md-search__input").click()
    page.wait_for_function("() => window.explainerSearch")
    page.evaluate("""() => { const helper = window.explainerSearch
        if (helper.answers) return
        const arrived = helper.arrived
        helper.answers = []
        helper.arrived = message => { const out = arrived(message)
          helper.answers.push(out); return out } }""")
    search(page, site_url, query)
    return page.evaluate("() => window.explainerSearch.answers.at(-1).data.items"
                         ".map(page => page.map(result => result.terms))")


def _words_found(answer: list[list[dict]], typed: dict[str, str]) -> list[int]:
    """Per page of an answer: the most words typed one of its results matched (`typed`: word
    sent -> word typed, for those sent otherwise)."""
    return [max(len({typed.get(term, term) for term, hit in terms.items() if hit})
                for terms in results) for results in answer]


def test_pages_with_more_of_the_words_typed_come_first(search_page, site_url):
    # The Reuters section of "Akteure" holds "Reuters" as a name (ranked above titles), so the
    # theme put the page before those that have both words
    found = _words_found(_answer(search_page, site_url, "Reuters Satellitenbilder"), {})
    assert len(found) > 3 and found[0] == 2 and 1 in found
    assert found == sorted(found, reverse=True), found


def test_a_corrected_word_counts_once_and_is_not_missing_where_a_correction_matched(
        search_page, site_url):
    # "Tartos" is sent as its corrections (Tartus, Tartous, Tartūs): they count as one word, a
    # result with one of them does not show the others missing, one without names one, once
    forms = {"tartus", "tartous", "tartūs"}
    answer = _answer(search_page, site_url, "Tartos Reuters")
    found = _words_found(answer, dict.fromkeys(forms, "tartos"))
    assert max(found) == 2 and found == sorted(found, reverse=True), found
    shown = [missing for _, results in _missing_by_page(search_page) for missing in results]
    assert shown and all(len(forms & set(missing)) <= 1 for missing in shown), shown
    assert any(forms & set(missing) for missing in shown)
    matched = [terms for results in answer for terms in results
               if any(terms.get(form) for form in forms)]
    assert matched and not any(terms.get(form) is False for terms in matched for form in forms)


def test_a_word_that_matches_as_typed_is_never_corrected(search_page, site_url):
    # "Hmeimi" begins "Hmeimim": a reader still typing gets that, not a guess
    search(search_page, site_url, "Hmeimi")
    assert search_page.locator(SUGGESTION).is_hidden()


def test_variant_query_shows_no_hidden_text_and_highlights_the_real_word(search_page, site_url):
    search(search_page, site_url, "Stuetzpunkt")
    shown = search_page.locator(".md-search-result").inner_text()
    # the spelling exists only in the index, never as text shown to readers
    assert "stuetzpunkt" not in shown.lower()
    search(search_page, site_url, "Chmeimim")
    search_page.locator("a.md-search-result__link[href*='bases/']").first.click()
    # Material highlights once the search index has arrived, some time after the load event
    search_page.locator("article mark[data-md-highlight]").first.wait_for()
    marks = search_page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert "Chmeimim" in marks
    goto(search_page, site_url, "")


def test_the_typo_helper_loads_only_when_the_reader_searches(new_tab, site_url):
    tab = new_tab()
    goto(tab, site_url, "bases/")
    helper = [url for url in tab.traffic.requests if url.endswith("/javascripts/search.js")]
    assert helper == []  # the first view stays as it was
    tab.page.keyboard.press("s")  # the theme's shortcut focuses the search field
    tab.page.keyboard.type("Tartuss")
    tab.page.wait_for_function("sel => document.querySelector(sel).dataset.answered === 'Tartuss'",
                               arg=RESULT)
    helper = [url for url in tab.traffic.requests if url.endswith("/javascripts/search.js")]
    assert helper == [site_url + "assets/javascripts/search.js"]
    assert tab.traffic.problems() == []


def test_the_offer_is_accessible_in_light_and_dark(new_tab, site_url, scheme):
    tab = new_tab(scheme=scheme)
    goto(tab, site_url, "")
    tab.page.locator("input.md-search__input").click()
    tab.page.locator("input.md-search__input").press_sequentially("Bogdanof")
    tab.page.locator(f"{SUGGESTION} a").wait_for()
    tab.page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    violations = axe_violations(tab.page)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


def test_the_offer_is_a_link_that_also_works_without_the_helper(search_page, site_url):
    # its address is Material's own deep link to a search (?q=)
    search(search_page, site_url, "Konvoy")
    href = search_page.locator(f"{SUGGESTION} a").get_attribute("href")
    assert href == f"?q={quote('Konvoi')}"
