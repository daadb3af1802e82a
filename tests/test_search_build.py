"""Search hook in real builds: the search plugin's own index, with the table's names in it."""
from __future__ import annotations

import json
import logging

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, hook_path

CONFIG = """
theme:
  name: material
  custom_dir: {overrides}
  language: {language}
plugins:
  - search
hooks:
  - {glossary}
  - {search}
  - {theme}
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""

TABLE = """
- term: Hmeimim
  kind: Ort
  variants: [Chmeimim, Khmeimim]
  short: Russischer Luftwaffenstützpunkt in Syrien.
  explanation: Ein Flugplatz im Nordwesten Syriens.
- term: Hayat Tahrir al-Sham
  kind: Organisation
  variants: [HTS]
  short: Islamistische Miliz.
  explanation: Die Miliz, die den Sturz Assads anführte.
  link: "akteure.md#Hayat Tahrir al-Sham (HTS)"
- term: Mohammed al-Baschir
  kind: Person
  variants: [al-Baschir]
  synonyms: [Premierminister, Regierungschef]
  short: Geschäftsführender Ministerpräsident.
  explanation: Leitet die Übergangsregierung.
- term: Übergangsregierung
  kind: Begriff
  short: Vorläufige Regierung.
  explanation: Die vorläufige Regierung Syriens.
"""

PAGES = {
    "index.md": """\
        # Start

        Chmeimim und HTS. Danach die Übergangsregierungen unter al-Baschir.

        ## Hmeimim heute
        """,
    "akteure.md": """\
        # Akteure

        ## Hayat Tahrir al-Sham (HTS)

        HTS verhandelte.
        """,
    "glossary.md": """\
        ---
        search:
          boost: 0.0002
        ---
        # Glossar

        <!-- glossary -->
        """,
}


@pytest.fixture
def index(tiny_site):
    def make(table=TABLE, language="de"):
        config = CONFIG.format(language=language, overrides=ROOT / "overrides",
                               glossary=hook_path("glossary"), search=hook_path("search"),
                               theme=hook_path("theme"))
        site = tiny_site(PAGES, config=config, files={"glossary.yml": table})
        data = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
        return site, data, {doc["location"]: doc for doc in data["docs"]}
    return make


def test_the_search_plugin_ranks_the_three_fields_it_was_given(index):
    _, data, _ = index()
    assert data["config"]["fields"] == {"home": {"boost": 3000.0}, "alias": {"boost": 1000.0}, "spelling": {"boost": 1.0},
                                        "title": {"boost": 1000.0}, "text": {"boost": 1.0},
                                        "tags": {"boost": 1000000.0}}


def test_sections_find_the_names_they_mention_treat_or_title(index):
    site, _, docs = index()
    home = docs["akteure/#hayat-tahrir-al-sham-hts"]
    assert {"HTS", "Hayat Tahrir al-Sham"} <= set(home["alias"])
    assert "HTS" in home["home"] and "Hayat Tahrir al-Sham" not in home["home"]
    assert {"Hmeimim", "Khmeimim"} <= set(docs[""]["spelling"])
    assert {"Ubergangsregierungen", "Uebergangsregierungen"} <= set(docs[""]["spelling"])
    assert docs["#hmeimim-heute"]["alias"] == ["Hmeimim", "Chmeimim", "Khmeimim"]
    assert docs["glossary/#hmeimim"]["alias"] == ["Hmeimim", "Chmeimim", "Khmeimim"]
    # the pages themselves show only what the author wrote
    assert "Khmeimim" not in (site / "index.html").read_text(encoding="utf-8")


def test_synonyms_are_found_where_the_term_is_and_are_shown_nowhere(index):
    site, _, docs = index()
    assert {"Premierminister", "Regierungschef"} <= set(docs[""]["spelling"])
    entry = docs["glossary/#mohammed-al-baschir"]
    assert {"Premierminister", "Regierungschef"} <= set(entry["alias"])
    for page in ("index.html", "glossary/index.html"):
        assert "Premierminister" not in (site / page).read_text(encoding="utf-8")


def test_a_page_boost_in_front_matter_reaches_the_index(index):
    _, _, docs = index()
    assert docs["glossary/"]["boost"] == 0.0002 and "boost" not in docs[""]


@pytest.mark.parametrize("language, text", [("de", "Meinten Sie {suggestion}?"),
                                            ("en", "Did you mean {suggestion}?")])
def test_the_suggestion_speaks_the_site_language(index, language, text):
    site, _, _ = index(language=language)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert f'data-did-you-mean="{text}"' in page


def test_a_synonym_that_is_another_entrys_spelling_is_refused(index, caplog):
    # MkDocs turns the glossary hook's PluginError into one ERROR line and aborts the build.
    table = TABLE.replace("synonyms: [Premierminister, Regierungschef]", "synonyms: [HTS]")
    with pytest.raises(Abort):
        index(table=table)
    assert _errors(caplog) == ["glossary.yml: entry 'Mohammed al-Baschir', field 'synonyms': "
                               "'HTS' is already a spelling of entry 'Hayat Tahrir al-Sham'"]


def test_synonyms_must_be_a_list_of_words(index, caplog):
    table = TABLE.replace("synonyms: [Premierminister, Regierungschef]", "synonyms: Premier")
    with pytest.raises(Abort):
        index(table=table)
    assert _errors(caplog) == ["glossary.yml: entry 'Mohammed al-Baschir', field 'synonyms': "
                               "expected a list of non-empty strings (write [Premier])"]


def _errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_without_a_table_of_names_search_still_gets_umlaut_free_spellings(tiny_site):
    config = CONFIG.format(language="de", overrides=ROOT / "overrides", glossary="",
                           search=hook_path("search"), theme="").replace("  - \n", "")
    site = tiny_site({"index.md": "# Start\n\nDie Übergangsregierung in „Damaskus“.\n"},
                     config=config)
    data = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert data["docs"][0]["spelling"] == ["Ubergangsregierung", "Uebergangsregierung"]
    # typographic quotes end a word, so "Damaskus" is found as typed
    assert "„" in data["config"]["separator"]


def test_a_link_to_a_pages_title_gives_the_names_to_the_pages_first_section(index):
    # The search plugin indexes the section under the H1 at the page's URL, without its anchor.
    _, _, docs = index(table=TABLE.replace("akteure.md#Hayat Tahrir al-Sham (HTS)",
                                           "akteure.md#Akteure"))
    assert "HTS" in docs["akteure/"]["home"]
    assert {"HTS", "Hayat Tahrir al-Sham"} <= set(docs["akteure/"]["alias"])
    assert "home" not in docs["akteure/#hayat-tahrir-al-sham-hts"]


def test_a_section_of_the_home_page_that_treats_a_name_ranks_for_it(index):
    # The search plugin writes the home page's locations without "./" (#hmeimim-heute).
    table = TABLE.replace("  explanation: Ein Flugplatz im Nordwesten Syriens.\n",
                          "  explanation: Ein Flugplatz im Nordwesten Syriens.\n"
                          "  link: \"index.md#Hmeimim heute\"\n", 1)
    _, _, docs = index(table=table)
    assert {"Hmeimim", "Chmeimim", "Khmeimim"} <= set(docs["#hmeimim-heute"]["home"])
