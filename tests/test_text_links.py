"""Links in the glossary's explanations and the timeline's events: each read from the page that
shows the text, as MkDocs reads it, and a broken one reported at the entry the editor wrote."""
from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from conftest import hook_path
from explainer.links import Link, TextLinks, missing_file, read_from
from explainer.markup import link_targets

_CONFIG = ("theme: {name: mkdocs, locale: de}\n"
           "markdown_extensions: [attr_list, md_in_html, footnotes, toc]\n"
           "hooks:\n")
_WARN = "{not_found: warn, unrecognized_links: warn, anchors: warn}"
_PAGES = {
    "index.md": "# Start\n\n## Tartus heute\n\nText.\n",
    "sub/deep.md": "# Tief\n\nText.\n",
    "glossary.md": "# Glossar\n\n<!-- glossary -->\n",
    "timeline.md": "# Chronologie\n\n<!-- chronologie -->\n",
}


def _glossary(explanation: str) -> str:
    return ("- term: Tartus\n  kind: Ort\n  short: Hafen.\n"
            f"  explanation: \"{explanation}\"\n")


def _timeline(text: str, dating: str = "") -> str:
    return ("events:\n  - date: \"2024-12-08\"\n"
            f"    text: \"{text}\"\n    sources: [ft]\n"
            + (f"    dating: \"{dating}\"\n" if dating else ""))


def _build(tiny_site, caplog, *, glossary=None, timeline=None, pages=None, links=_WARN):
    files = {}
    hooks = []
    if glossary is not None:
        files["glossary.yml"] = glossary
        hooks.append("glossary")
    if timeline is not None:
        files["timeline.yml"] = timeline
        hooks.append("timeline")
    with caplog.at_level(logging.INFO):
        tiny_site({**_PAGES, **(pages or {})},
                  config=_CONFIG + "".join(f"  - {hook_path(n)}\n" for n in hooks)
                  + f"validation:\n  links: {links}\n",
                  files=files, strict=True)


def _ours(caplog, level=logging.WARNING) -> list[str]:
    # The hooks' messages, without the "glossary: " their logger puts first.
    return [r.getMessage().removeprefix(r.name.rsplit(".", 1)[1] + ": ")
            for r in caplog.records if r.levelno == level and r.name.startswith("mkdocs.plugins.")]


# --- what a text's links are, and how a page reads them ------------------------------------

def test_link_targets_are_the_links_and_images_as_markdown_reads_them():
    text = ("[a](bases.md#tartus), ![b](karte.png), [c][r], `[d](code.md)`, "
            "<a href=\"raw.md\">e</a>, \\[f](escaped.md)\n\n[r]: ref.md")
    assert link_targets(text) == ["bases.md#tartus", "karte.png", "ref.md"]
    assert link_targets("No link here [@ft].") == []
    assert link_targets("A note[^1].\n\n[^1]: See [b](bases.md).") == ["bases.md"]


@pytest.mark.parametrize("url, page, expected", [
    ("bases.md", "glossary.md", Link("bases.md", "bases.md", "")),
    ("bases.md#tartus", "sub/page.md", Link("bases.md#tartus", "sub/bases.md", "tartus")),
    ("../bases.md", "sub/page.md", Link("../bases.md", "bases.md", "")),
    ("#tartus", "glossary.md", Link("#tartus", "", "tartus")),
    ("Die%20Basen.md", "glossary.md", Link("Die%20Basen.md", "Die Basen.md", "")),
    ("https://example.org/a.md", "glossary.md", None),
    ("mailto:a@example.org", "glossary.md", None),
    ("/bases.md", "glossary.md", None),          # absolute: MkDocs' own message
    ("?q=1", "glossary.md", None),
])
def test_a_link_is_read_from_the_page_that_shows_the_text(url, page, expected):
    assert read_from(url, page) == expected


def _files(tmp_path, *names, config=None):
    docs = tmp_path / "docs"
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# X\n", encoding="utf-8")
    return Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])


def test_missing_file_says_what_mkdocs_first_lookup_would_not_find(tmp_path):
    files = _files(tmp_path, "bases.md", "karte.pdf")
    assert missing_file(read_from("bases.md#x", "index.md"), files) is None
    assert missing_file(read_from("karte.pdf", "index.md"), files) is None
    assert missing_file(read_from("#x", "index.md"), files) is None
    assert missing_file(read_from("base.md", "index.md"), files) == (
        "not_found", "link 'base.md' leads to no file: docs/base.md does not exist")
    assert missing_file(read_from("bases", "index.md"), files) == (
        "unrecognized", "link 'bases' names no file of the site (docs/bases); link a page by "
                        "its file, such as 'page.md'")
    assert missing_file(read_from("sub/", "index.md"), _files(tmp_path, "sub/page.md")) == (
        "unrecognized", "link 'sub/' names no file of the site (docs/sub); link a page by its "
                        "file, such as 'page.md'")


def test_levels_follow_mkdocs_validation_settings(tmp_path):
    files = _files(tmp_path, "index.md")
    links = TextLinks(not_found=logging.INFO, unrecognized=logging.WARNING)
    found = links.check([("glossary.yml: entry 'A', field 'explanation'", "[x](a.md), [y](b)")],
                        files.get_file_from_path("index.md"), files)
    assert [level for level, _ in found] == [logging.INFO, logging.WARNING]


# --- in a build: said at the entry, read from the page that shows it ------------------------

def test_a_broken_link_in_an_explanation_is_said_at_its_entry(tiny_site, caplog):
    with pytest.raises(Abort):
        _build(tiny_site, caplog, glossary=_glossary("Siehe [dort](nirgends.md)."))
    assert _ours(caplog) == [
        "glossary.yml: entry 'Tartus', field 'explanation': link 'nirgends.md' leads to no "
        "file: docs/nirgends.md does not exist (read from docs/glossary.md, which shows the "
        "text)"]


def test_a_missing_anchor_in_an_explanation_is_said_at_its_entry(tiny_site, caplog):
    with pytest.raises(Abort):
        _build(tiny_site, caplog,
               glossary=_glossary("Siehe [dort](index.md#tartus-heute) und [da](index.md#weg)."))
    assert _ours(caplog) == [
        "glossary.yml: entry 'Tartus', field 'explanation': link 'index.md#weg': "
        "docs/index.md has no anchor '#weg' (read from docs/glossary.md, which shows the text)"]


def test_links_that_lead_somewhere_are_fine_in_explanations_and_events(tiny_site, caplog):
    _build(tiny_site, caplog,
           glossary=_glossary("[a](index.md#tartus-heute), [b](sub/deep.md), [c](#tartus), "
                              "[d](https://example.org/x.md)"),
           timeline=_timeline("[a](index.md#tartus-heute) und [b](sub/deep.md) [@ft]",
                              "[c](glossary.md)"))
    assert _ours(caplog) == []


def test_an_event_is_read_from_each_page_that_shows_it(tiny_site, caplog):
    # The same event on a page in a folder: its relative link leads elsewhere from there.
    with pytest.raises(Abort):
        _build(tiny_site, caplog, timeline=_timeline("Siehe [b](sub/deep.md#tief) [@ft]."),
               pages={"sub/zeit.md": "# Zeit\n\n<!-- chronologie -->\n"})
    assert _ours(caplog) == [
        "timeline.yml: event 1 (2024-12-08), field 'text': link 'sub/deep.md#tief' leads to no "
        "file: docs/sub/sub/deep.md does not exist (read from docs/sub/zeit.md, which shows "
        "the text)"]


def test_a_missing_anchor_in_an_events_dating_is_said_at_its_entry(tiny_site, caplog):
    with pytest.raises(Abort):
        _build(tiny_site, caplog,
               timeline=_timeline("Etwas geschah [@ft].", "nach [Bericht](index.md#keiner)"))
    assert _ours(caplog) == [
        "timeline.yml: event 1 (2024-12-08), field 'dating': link 'index.md#keiner': "
        "docs/index.md has no anchor '#keiner' (read from docs/timeline.md, which shows the "
        "text)"]


def test_with_mkdocs_not_found_at_info_the_entry_is_said_at_info_too(tiny_site, caplog):
    _build(tiny_site, caplog, glossary=_glossary("Siehe [dort](nirgends.md)."),
           links="{not_found: info, anchors: warn}")
    assert _ours(caplog) == []
    assert any("entry 'Tartus', field 'explanation': link 'nirgends.md'" in message
               for message in _ours(caplog, logging.INFO))
