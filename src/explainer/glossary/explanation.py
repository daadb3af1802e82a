"""A glossary explanation read as the glossary page renders it: with the site's own Markdown
extensions (those mkdocs.yml names), so that a check sees what the page will show, such as a
heading inside an admonition or a fenced block at the end.
"""
from __future__ import annotations

import re

import markdown
from markdown.extensions.footnotes import FootnoteExtension

from ..data import DataError
from ..markup import without_html


class PageMarkdown:
    """The Markdown of the site's pages, one instance for all explanations of a build (made in
    about a millisecond, an explanation rendered in a tenth of one). extensions are the names
    of mkdocs.yml's `markdown_extensions` (extension objects that hooks added are left out:
    they work on the pages, not on a text alone), configs their options."""

    def __init__(self, extensions=("fenced_code",), configs: dict | None = None):
        names = [name for name in extensions if isinstance(name, str)]
        self._md = markdown.Markdown(extensions=names,
                                     extension_configs={name: (configs or {})[name]
                                                        for name in names
                                                        if name in (configs or {})})
        self._notes = next((ext for ext in self._md.registeredExtensions
                            if isinstance(ext, FootnoteExtension)), None)

    def convert(self, text: str) -> str:
        """The HTML of an explanation as the glossary page writes it (its HTML as typed)."""
        self._md.reset()
        return self._md.convert(without_html(text))

    def definitions(self, text: str) -> list[str]:
        """What text defines for the whole page it stands on: its footnotes ('[^1]') and link
        references ('[beta]', in lower case as Markdown compares them)."""
        self.convert(text)
        notes = list(self._notes.footnotes) if self._notes is not None else []
        return [f"[^{label}]" for label in notes] + [f"[{label}]" for label in self._md.references]


# A word no explanation holds, put where the sources would go.
_PROBE = "glossaryprobeqx"


def ends_in_paragraph(text: str, md: PageMarkdown) -> bool:
    """Whether words added to the last line of text only continue its last paragraph: true of
    a plain paragraph, false when text ends in a fenced or indented code block, a table, a list,
    a quotation, an admonition or a reference definition, where the words would land in that
    block, change it or vanish. Rendered twice: with the words on the last line, and as a
    paragraph of their own; the same page but for one paragraph break means they continue it."""
    apart = md.convert(f"{text}\n\n{_PROBE}")
    joined = apart.replace(f"</p>\n<p>{_PROBE}</p>", f" {_PROBE}</p>", 1)
    return joined != apart and md.convert(f"{text} {_PROBE}") == joined


def check_explanations(terms, md: PageMarkdown, shown: str) -> dict:
    """DataError for the first explanation the glossary page cannot show as written: one with
    a heading, or one that shares a footnote or a link reference with another entry (the page
    holds all entries, and Markdown has one of each label a page). Returns the labels the
    explanations define, each with its entry."""
    owners: dict = {}                                # label -> the entry that defines it
    for term in terms:
        where = _in(term, shown)
        if has_heading(term.explanation, md):
            raise DataError(f"{where}: an explanation cannot hold a heading (the entry's name is "
                            f"its heading); write paragraphs")
        for label in md.definitions(term.explanation) if "]:" in term.explanation else ():
            if label in owners:
                raise DataError(f"{where}: {_defined(label)} is defined in {owners[label].entry} "
                                f"too; on the glossary page one would stand for both, so give "
                                f"each its own label")
            owners[label] = term
    uses = {label: _use(label) for label in owners}
    for term in terms:
        for label, owner in owners.items():
            found = uses[label].search(term.explanation) if owner is not term else None
            if found:
                raise DataError(f"{_in(term, shown)}: '{found.group()}' would take "
                                f"{_defined(label)} of {owner.entry} on the glossary page; "
                                f"define it in this entry under a label of its own")
    return owners


def page_clashes(text: str, owners: dict, terms, md: PageMarkdown,
                 shown: str) -> list[tuple[int | None, str]]:
    """(offset in text or None, message) for each label the glossary page's own Markdown text
    shares with an explanation, as check_explanations finds them between two entries: one both
    define, one the page uses that an entry defines, one an entry uses that the page defines.
    owners are the labels check_explanations returned; the page is read only if it defines a
    label itself ('[r]:')."""
    found: list[tuple[int | None, str]] = []
    defined = md.definitions(text) if "]:" in text else []
    for label in defined:
        at = _definition(label).search(text)
        at = at.start() if at else None
        if label in owners:
            found.append((at, f"{_defined(label)} is defined here and in "
                              f"{_in(owners[label], shown)}; on the glossary page one would "
                              f"stand for both, so give each its own label"))
            continue
        for term in terms:
            use = _use(label).search(term.explanation)
            if use:
                found.append((at, f"'{use.group()}' in {_in(term, shown)} would take "
                                  f"{_defined(label)} defined here; define it in that entry "
                                  f"under a label of its own"))
    for label, owner in owners.items():
        use = _use(label).search(text) if label not in defined else None
        if use:
            found.append((use.start(), f"'{use.group()}' would take {_defined(label)} of "
                                       f"{_in(owner, shown)}; define it on this page under a "
                                       f"label of its own"))
    return found


def _use(label: str) -> re.Pattern:
    # Written as a reference ('[Beta]', '[text][beta]', '[^1]'), not as an inline link's text.
    return re.compile(re.escape(label) + r"(?!\()", re.I)


def _definition(label: str) -> re.Pattern:
    # The line that defines it ('[^1]: …', '[Beta]: https://…'), also in a quotation or a list.
    return re.compile(r"^[ \t>*+\d.-]*" + re.escape(label) + ":", re.I | re.M)


def _in(term, shown: str) -> str:
    return f"{shown}: {term.entry}, field 'explanation'"


def _defined(label: str) -> str:
    return f"the footnote '{label}'" if label.startswith("[^") else \
        f"the link reference '{label}'"


# A line that may start or underline a heading, also in a quotation, a list item or an indented
# block (an admonition, a details block): only such a text is rendered to be sure.
_HEADING_HINT = re.compile(r"^[ \t>*+\d.)-]*#|^[ \t>]*(?:=+|-+)[ \t]*$", re.M)
_HEADING = re.compile(r"<h[1-6][\s>]")


def has_heading(text: str, md: PageMarkdown) -> bool:
    """Whether Markdown text makes a heading ('## Title', a line underlined with === or ---, in
    any block the site's extensions nest), which in an explanation would stand among the
    glossary page's own headings."""
    return bool(_HEADING_HINT.search(text)) and _HEADING.search(md.convert(text)) is not None
