"""Citations hook, property tests: random Markdown never breaks the hook, text without citations
stays as it is, every citation becomes exactly one footnote reference, and footnote numbers rise
down the page."""
from __future__ import annotations

import re

import markdown as md
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explainer.citations.footnotes import CitationsExtension, process_markdown
from test_citations import DE, registry

SOURCES = registry()
KEYS = sorted(SOURCES)
EXTENSIONS = ["footnotes", "admonition", "tables", "attr_list", "pymdownx.details"]

# Pieces an author types, including the awkward ones, so random pages hit the edge cases.
PIECES = st.sampled_from([
    "[@ft]", "[@fx]", "[@ft, S. 3; @ria]", "[@ria,", "]", "[@", "@", "[", "`", "``", "```\n",
    "~~~\n", "<!--", "-->", "\\", "[^1]", "\n[^1]: Notiz\n", "[^@ft]", "\n", "\n\n", "# ", "=\n",
    "---\n", "!!! note\n\n    ", "??? info \"T\"\n    ", "    ", "> ", "- ", "1. ",
    "| a | b |\n|---|---|\n| c | d |\n", "[x](y)", "[x][y]", "{: .ohne-beleg }", "ü", "a", " ",
    "Wort", ",", ";", ".", "\t", "*", "_", "<b>", "&",
])
PAGES = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PAGES, required=st.booleans())
@example(text="[^@ft]:", required=False)                   # found by a CI run: the author's note
@example(text="Text [@ft]\n\n[^@ft]: Notiz", required=False)
def test_hook_never_raises_and_its_markdown_renders(text, required):
    result = process_markdown(text, SOURCES, strings=DE, required=required, sources_href="q/")
    html = md.markdown(result.markdown,
                       extensions=[*EXTENSIONS, CitationsExtension.for_page(result)])
    # Each of our notes is in the list once; an author's own footnote may have a label that
    # begins with @ as ours do ("[^@ft]: Notiz"), and stays the author's.
    items = re.findall(r'<li id="fn:([^"]*)"', html)
    assert sorted(label for label in items if label in result.notes) == sorted(result.notes)


@settings(max_examples=300, deadline=None)
@given(text=PAGES)
def test_text_without_citations_is_unchanged(text):
    text = text.replace("@", "")
    assert process_markdown(text, SOURCES, strings=DE).markdown == text


WORDS = st.lists(st.sampled_from(["Russland", "zog", "Truppen", "ab", "und", "Hmeimim", "2024",
                                  "„Zitat“", "(HTS)", "Tartus,"]), min_size=1, max_size=6)
LOCATORS = st.sampled_from(["", "", "S. 3", "Interview"])
ITEM = st.tuples(st.sampled_from(KEYS), LOCATORS)
CITATION = st.lists(ITEM, min_size=1, max_size=3).map(
    lambda items: (len(items), "[" + "; ".join(f"@{k}, {loc}" if loc else f"@{k}"
                                               for k, loc in items) + "]"))
OWN_NOTE = st.sampled_from(["eins", "zwei", "drei"]).map(lambda label: (-1, f"[^{label}]"))


@st.composite
def sentence(draw):
    """A sentence with citations and own footnotes: (cited sources, own notes, text)."""
    parts, cited, own = [], 0, 0
    for _ in range(draw(st.integers(1, 4))):
        parts.append(" ".join(draw(WORDS)))
        n, mark = draw(st.one_of(CITATION, OWN_NOTE))
        cited, own = (cited, own + 1) if n < 0 else (cited + n, own)
        parts.append(" " + mark if draw(st.booleans()) else mark)
    return cited, own, " ".join(parts) + "."


@st.composite
def page(draw):
    """Blocks of paragraphs, list items, admonitions, details and table rows."""
    blocks, cited, own = [], 0, 0
    for _ in range(draw(st.integers(1, 6))):
        more_cited, more_own, text = draw(sentence())
        cited, own = cited + more_cited, own + more_own
        kind = draw(st.sampled_from(["para", "list", "note", "details", "table"]))
        blocks.append({"para": text, "list": f"- {text}\n- Punkt",
                       "note": f'!!! note "Hinweis"\n\n    {text}',
                       "details": f"??? info\n\n    {text}",
                       "table": f"| A | B |\n|---|---|\n| {text} | x |"}[kind])
    notes = "[^eins]: Eins.\n[^zwei]: Zwei.\n[^drei]: Drei."
    if draw(st.booleans()):
        return cited, own, notes + "\n\n" + "\n\n".join(blocks) + "\n"
    return cited, own, "\n\n".join(blocks) + "\n\n" + notes + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=page())
def test_every_citation_becomes_one_reference_and_numbers_rise_down_the_page(case):
    cited, own, text = case
    result = process_markdown(text, SOURCES, strings=DE)
    assert result.problems == []
    html = md.markdown(result.markdown,
                       extensions=[*EXTENSIONS, CitationsExtension.for_page(result)])
    body = html.split('<div class="footnote"')[0]
    numbers = [int(n) for n in re.findall(r'class="footnote-ref" href="#fn:[^"]+">(\d+)<', body)]
    assert len(numbers) == cited + own
    assert sum(result.counts.values()) == cited
    if cited:                                # a page without citations is left as it is
        first_seen = list(dict.fromkeys(numbers))
        assert first_seen == list(range(1, len(first_seen) + 1))
