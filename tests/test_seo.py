"""hooks/seo.py: every page gets its own escaped meta description and a plain title."""
from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, hook_path
from explainer import seo


def test_summary_is_the_first_paragraph_without_footnote_marks():
    html = ('<h1>Titel</h1><p></p><p>Russland zog <em>Truppen</em> ab.<sup id="fnref:1">'
            '<a class="footnote-ref" href="#fn:1">1</a></sup></p><p>Zweiter Absatz.</p>')
    assert seo.summary(html) == "Russland zog Truppen ab."


def test_summary_of_a_page_that_opens_with_a_map_is_its_first_paragraph_after_it():
    figure = ('<figure class="karte"><svg><text>Damaskus</text></svg><figcaption><p><strong>'
              'Die Küste.</strong> Orte auf der Karte:</p><ul><li>Latakia</li></ul></figcaption>'
              '</figure>')
    assert seo.summary(f"<h1>Basen</h1>{figure}<p>Russland nutzt zwei Stützpunkte.</p>") == (
        "Russland nutzt zwei Stützpunkte.")
    assert seo.summary(f"<h1>Karte</h1>{figure}") == "Die Küste. Orte auf der Karte:"


def test_summary_of_a_page_without_paragraph_is_empty():
    assert seo.summary("<h1>Nur ein Titel</h1><ul><li>Punkt</li></ul>") == ""


def test_long_summary_is_cut_at_a_word_with_an_ellipsis():
    text = "Wort " * 60
    cut = seo.shorten(text.strip(), 30)
    assert cut == "Wort Wort Wort Wort Wort Wort…"
    assert len(cut) <= 30


def test_built_pages_carry_front_matter_or_summary_description_escaped(tiny_site):
    site = tiny_site({
        "index.md": "# Start\n\nDer erste Absatz mit \"Anführung\" & Zeichen.\n\nZweiter.\n",
        "given.md": "---\ndescription: Aus der Kopfzeile\n---\n# Gegeben\n\nText.\n",
    }, config=f"site_url: http://127.0.0.1/x/\ntheme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
              f"hooks:\n  - {hook_path('seo')}\n")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert ('<meta name="description" content="Der erste Absatz mit &quot;Anführung&quot; '
            '&amp; Zeichen.">') in index
    assert ('<meta property="og:description" content="Der erste Absatz mit &quot;Anführung&quot; '
            '&amp; Zeichen.">') in index
    given = (site / "given/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Aus der Kopfzeile">' in given
    assert '<meta property="og:title" content="Gegeben">' in given
    assert '<meta property="og:url" content="http://127.0.0.1/x/given/">' in given


def test_og_title_is_the_title_the_browser_shows_also_when_the_nav_names_the_page(tiny_site):
    site = tiny_site({"index.md": "# Start\n\nText.\n",
                      "given.md": "---\ntitle: A & B\n---\n# Gegeben\n\nText.\n"},
                     config=f"nav:\n  - Start: index.md\n  - Im Menü: given.md\ntheme:\n"
                            f"  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
                            f"hooks:\n  - {hook_path('seo')}\n")
    given = (site / "given/index.html").read_text(encoding="utf-8")
    assert "<title>A &amp; B - " in given
    assert '<meta property="og:title" content="A &amp; B">' in given


def test_description_that_is_not_text_is_a_warning_naming_the_page(tiny_site, caplog):
    pages = {"index.md": "---\ndescription: [a, b]\n---\n# Start\n\nErster Absatz.\n"}
    config = f"hooks:\n  - {hook_path('seo')}\n"
    with pytest.raises(Abort):
        tiny_site(pages, config=config, strict=True)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == ["seo: docs/index.md:2: front matter key 'description' must be text, "
                        "not list"]



@pytest.mark.parametrize("front, message", [
    ("title: Start\ndescription: " + "x" * 161, "docs/index.md:3: front matter key 'description' "
     "has 161 characters; search engines show 160"),
    ("title: Start\nfoo: [unclosed", "docs/index.md:4: front matter is not valid YAML: "
     "expected ',' or ']', but got '<stream end>'; the page shows it as text"),
    ("title: Start\nfoo: bar: baz", "docs/index.md:3: front matter is not valid YAML: mapping "
     "values are not allowed here; the page shows it as text"),
    ("- a list", "docs/index.md:1: front matter must be keys with values, found a list; the page "
     "shows it as text"),
    # PyYAML reads these as a date and a time, which Python then refuses: no traceback
    ("title: Start\ndate: 2024-13-01", "docs/index.md:3: front matter key 'date': '2024-13-01' "
     "reads as a date but is none (month must be in 1..12); put it in quotes to keep it as text; "
     "the page shows it as text"),
    ("title: Start\nstand:\n  - 2024-02-01\n  - 2024-02-30", "docs/index.md:5: front matter key "
     "'stand': '2024-02-30' reads as a date but is none (day is out of range for month); put it "
     "in quotes to keep it as text; the page shows it as text")])
def test_front_matter_mistakes_are_warnings_naming_the_page(tiny_site, caplog, front, message):
    pages = {"index.md": f"---\n{front}\n---\n# Start\n\nErster Absatz.\n"}
    config = f"hooks:\n  - {hook_path('seo')}\n"
    tiny_site(pages, config=config)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [f"seo: {message}"]


def test_a_key_given_twice_or_misspelt_in_front_matter_is_a_warning_at_its_line(tiny_site, caplog):
    # MkDocs keeps the last `title:` and reads `descripton:` as nothing, both in silence
    front = ("title: Eins\ndescripton: Kurz.\nhide: [toc]\nautor: ich\ntitle: Zwei\n"
             "citation: required\n")
    quoted = "description: Kurz.\n'description': Lang.\n"
    pages = {"index.md": f"---\n{front}---\n# Start\n\nErster Absatz.\n"}
    with pytest.raises(Abort):
        tiny_site(pages, config=f"hooks:\n  - {hook_path('seo')}\n", strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "seo: docs/index.md:3: front matter key 'descripton' is read by nothing here (did you "
        "mean 'description'?)",
        "seo: docs/index.md:6: front matter key 'title' is given twice (also on line 2); MkDocs "
        "keeps the last one",
        "seo: docs/index.md:7: front matter key 'citation' is read by nothing here (did you mean "
        "'citations'?)"]
    caplog.clear()
    tiny_site({"index.md": f"---\n{quoted}---\n# Start\n\nText.\n"},
              config=f"hooks:\n  - {hook_path('seo')}\n")
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "seo: docs/index.md:3: front matter key 'description' is given twice (also on line 2); "
        "MkDocs keeps the last one"]


def test_front_matter_never_closed_is_a_warning_not_text_shown_in_silence(tiny_site, caplog):
    # MkDocs reads no front matter without its closing line: `citations: required` would be lost
    pages = {"index.md": "---\ncitations: required\ndescription: Kurz.\n\n# Start\n\nText.\n",
             "rule.md": "---\n\nText: nach einer Linie.\n"}
    tiny_site(pages, config=f"hooks:\n  - {hook_path('seo')}\n")
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "seo: docs/index.md:1: front matter is not closed: no line '---' ends it, so none of it "
        "is read (a rule that opens the page: a blank line below it); the page shows it as text"]


def test_a_description_of_160_characters_and_a_page_without_front_matter_are_fine(tiny_site,
                                                                                 caplog):
    pages = {"index.md": "---\ndescription: " + "x" * 160 + "\n---\n# Start\n\nText.\n",
             "plain.md": "# Plain\n\n---\n\nText after a rule.\n\n---\n"}
    tiny_site(pages, config=f"hooks:\n  - {hook_path('seo')}\n", strict=True)


def test_without_a_site_description_a_page_without_one_has_no_description_tags(tiny_site):
    # The 404 page and a page without a paragraph have no description of their own; with no
    # site_description either, neither tag is written (not content="None").
    site = tiny_site({"index.md": "# Start\n\nDer erste Absatz.\n",
                      "list.md": "# Nur eine Liste\n\n- Punkt\n"},
                     config=f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
                            f"hooks:\n  - {hook_path('seo')}\n")
    for page in ("404.html", "list/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "None" not in html, page
        assert 'name="description"' not in html and 'property="og:description"' not in html, page
        assert '<meta property="og:title"' in html, page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:description" content="Der erste Absatz.">' in index
