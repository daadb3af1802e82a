"""hooks/theme.py: the templates speak the site's language, the site's own stylesheets are inlined
into each page (the rest left linked), and the theme's toggles are valid HTML."""
from __future__ import annotations

import logging
import re

import jinja2
import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, hook_path
from explainer.theme import ValidToggles, markup_characters, remove_checkbox_autocomplete

PAGES = {"index.md": "# Start\n\nText.\n", "sub/page.md": "# Unterseite\n\nText.\n",
         "stylesheets/a.css": ".a { color: red; }\n",
         "stylesheets/b.css": "/* b */\n.b { color: blue; }\n"}


def _config(*extra_css: str) -> str:
    return (f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n  font: false\n"
            f"hooks:\n  - {hook_path('theme')}\n"
            "extra_css:\n" + "".join(f"  - {path}\n" for path in extra_css))


def _head(site, page="index.html") -> str:
    html = (site / page).read_text(encoding="utf-8")
    return html[:html.index("</head>")]


def test_local_stylesheets_are_inlined_in_order_after_the_themes(tiny_site):
    site = tiny_site(PAGES, config=_config("stylesheets/a.css", "stylesheets/b.css"))
    for page in ("index.html", "sub/page/index.html"):
        head = _head(site, page)
        assert "stylesheets/a.css" not in re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)
        style = re.search(r"<style>(.*?)</style>", head, re.S).group(1)
        assert style == ("/* stylesheets/a.css */\n.a { color: red; }\n"
                         "/* stylesheets/b.css */\n/* b */\n.b { color: blue; }")
        assert head.index("main.") < head.index("<style>/*")   # the theme's stylesheet first
    assert (site / "stylesheets" / "a.css").is_file()           # the file is still published


def test_stylesheets_with_addresses_and_other_hosts_stay_links(tiny_site):
    pages = {**PAGES, "stylesheets/img.css": ".x { background: url(x.png); }\n",
             "stylesheets/imp.css": '@import "a.css";\n'}
    site = tiny_site(pages, config=_config("stylesheets/a.css", "stylesheets/img.css",
                                           "stylesheets/imp.css", "https://example.org/x.css"))
    head = _head(site, "sub/page/index.html")
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)
    assert links[-3:] == ["../../stylesheets/img.css", "../../stylesheets/imp.css",
                          "https://example.org/x.css"]
    assert "/* stylesheets/a.css */\n.a { color: red; }" in head


def test_a_stylesheet_that_would_end_the_style_element_is_a_warning_and_stays_a_link(
        tiny_site, caplog):
    pages = {**PAGES, "stylesheets/bad.css": '.x::after { content: "</style>"; }\n'}
    site = tiny_site(pages, config=_config("stylesheets/a.css", "stylesheets/bad.css"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == ["theme: docs/stylesheets/bad.css: contains '</style', which would end the "
                        "inlined stylesheet; it stays a link"]
    assert 'href="stylesheets/bad.css"' in _head(site)
    with pytest.raises(Abort):
        tiny_site(pages, config=_config("stylesheets/bad.css"), strict=True)


def test_autocomplete_is_removed_from_checkboxes_only():
    html = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" name="query" autocomplete="off">'
            '<input\n  autocomplete="off"\n  type="checkbox" id="__search">'
            '<p data-autocomplete="off">type="checkbox" autocomplete="off"</p>'
            '<input type="checkbox" data-autocomplete="off">')
    assert remove_checkbox_autocomplete(html) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="text" name="query" autocomplete="off">'
        '<input\n  type="checkbox" id="__search">'
        '<p data-autocomplete="off">type="checkbox" autocomplete="off"</p>'
        '<input type="checkbox" data-autocomplete="off">')



def test_the_templates_are_read_with_valid_toggles():
    loader = jinja2.DictLoader({"base.html": '<input type="checkbox" id="t" autocomplete="off">'
                                             '{% block x %}{% endblock %}',
                                "page.html": '{% extends "base.html" %}{% block x %}'
                                             '<input type="text" autocomplete="off">{% endblock %}'})
    env = jinja2.Environment(loader=ValidToggles(loader))
    assert env.get_template("page.html").render() == (
        '<input type="checkbox" id="t"><input type="text" autocomplete="off">')
    assert env.list_templates() == ["base.html", "page.html"]

@pytest.mark.parametrize("language, heading, dialog, locale", [
    ("de", "Seite nicht gefunden (Fehler 404)", "Beleg", "de_DE"),
    ("en", "Page not found (error 404)", "Source", "en_US"),
])
def test_the_templates_speak_the_sites_language_with_this_hook_alone(
        tiny_site, language, heading, dialog, locale):
    config = (f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n  font: false\n"
              f"  language: {language}\nhooks:\n  - {hook_path('theme')}\n")
    site = tiny_site({"index.md": "# Start\n\nText.\n"}, config=config)
    page, not_found = ((site / name).read_text(encoding="utf-8") for name in ("index.html", "404.html"))
    assert f"<h1>{heading}</h1>" in not_found
    assert f'<meta property="og:locale" content="{locale}">' in page
    assert re.search(r'tip\.setAttribute\("aria-label", "([^"]*)"\)', page).group(1) == dialog
    for html in (page, not_found):
        toggles = re.findall(r'<input[^>]*type="checkbox"[^>]*>', html)
        assert len(toggles) >= 2 and not [t for t in toggles if "autocomplete" in t]


def test_without_this_hook_the_templates_fall_back_to_the_themes_page(tiny_site):
    config = f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n  font: false\n"
    site = tiny_site({"index.md": "# Start\n\nText.\n"}, config=config)
    assert "<h1>404</h1>" in (site / "404.html").read_text(encoding="utf-8")
    assert "og:locale" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_site_name_the_theme_would_show_as_markup_is_a_warning(tiny_site, caplog):
    name = '<img src=x onerror=alert(1)> "Quoted" & Co'
    config = f"site_name: '{name}'\n" + _config()
    with pytest.raises(Abort):
        tiny_site(PAGES, config=config, strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        f"theme: mkdocs.yml: site_name {name!r} contains < > \", which the theme would write "
        "into every page as markup; leave them out"]
    assert markup_characters("Krieg & Frieden") == []


def test_a_character_reference_in_the_site_name_is_a_warning_and_a_lone_ampersand_is_not(
        tiny_site, caplog):
    # <title> would show "Fish © Chips & Co", og:site_name "Fish &copy Chips &amp; Co".
    name = "Fish &copy Chips &amp; Co &#169;"
    with pytest.raises(Abort):
        tiny_site(PAGES, config=f"site_name: '{name}'\n" + _config(), strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        f"theme: mkdocs.yml: site_name {name!r} contains &copy &amp; &#169;, which the theme "
        "would write into every page as markup; leave them out"]
    assert markup_characters("AT&T & Co") == []


def test_a_site_description_with_markup_is_a_warning_too(tiny_site, caplog):
    # Material writes it as it is into <meta name="description"> of 404.html and of a page
    # without a paragraph: the quote would end the attribute.
    config = "site_description: 'Krieg & Frieden: \"Syrien\" <heute>'\n" + _config()
    with pytest.raises(Abort):
        tiny_site(PAGES, config=config, strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "theme: mkdocs.yml: site_description 'Krieg & Frieden: \"Syrien\" <heute>' contains \" < "
        ">, which the theme would write into every page as markup; leave them out"]
    tiny_site(PAGES, config="site_description: Krieg & Frieden\n" + _config(), strict=True)


def test_a_language_without_the_generators_words_says_so_once(tiny_site, caplog):
    config = _config().replace("  font: false\n", "  font: false\n  language: fr\n")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        tiny_site(PAGES, config=config, strict=True)
    assert [r.getMessage() for r in caplog.records if "theme.language" in r.getMessage()] == [
        "theme: mkdocs.yml: theme.language 'fr': the generator's own words (footnotes, glossary, "
        "timeline, notices, 404 page) are in German and English only; they are in English here"]


def test_a_nav_title_with_markup_is_a_warning_too(tiny_site, caplog):
    config = ("nav:\n  - Start: index.md\n  - '<b>Teil</b>':\n      - 'Unter\"seite': sub/page.md\n"
              + _config())
    tiny_site(PAGES, config=config)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "theme: mkdocs.yml: nav '<b>Teil</b>' contains < >, which the theme would write into "
        "every page as markup; leave them out",
        "theme: mkdocs.yml: nav 'Unter\"seite' contains \", which the theme would write into "
        "every page as markup; leave them out"]
