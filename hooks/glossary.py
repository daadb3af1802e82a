"""Glossary: one table of names (glossary.yml) for the glossary page, tooltips and search.

Every term has a preferred German form and variant spellings. The hook
- writes the glossary page from the table (alphabetical in German order, one anchor per entry),
- marks every mention of a term or variant on the other pages with a tooltip (Material's
  `content.tooltips`: any element with a `title`); the first mention on a page is a link,
- leaves search to hooks/search.py, which reads the same table (variants and synonyms).
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from posixpath import normpath

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("glossary")

DATA_FILE = "glossary.yml"
GLOSSARY_PAGE = "glossary.md"
MARKER = "<!-- glossary -->"

# Endings a word may carry in running German text, per kind of term. Names take the genitive -s
# ("Assads", "des Kremls"); common nouns take plural and case endings ("Stützpunkten").
ENDINGS = {
    "Ort": ("s",),
    "Organisation": ("s", "es"),
    "Person": ("s",),
    "Medium": ("s",),
    "Begriff": ("e", "en", "n", "s", "es", "er", "ern"),
}
FIELDS = {"term": True, "kind": True, "short": True, "explanation": True, "variants": False,
          "synonyms": False, "link": False, "sources": False}

# Elements whose text is never marked: code, links, headings, existing tooltips, graphics,
# footnotes (their div, and the footnote reference links, which are <a> anyway).
SKIPPED_TAGS = {"a", "abbr", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
                "pre", "samp", "script", "style", "svg", "textarea", "title", "math"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
             "track", "wbr"}

_state: dict = {}


# --- MkDocs events ---------------------------------------------------------------------------

# Load and check the table once per build; mkdocs serve reuses this module, so reset everything.
def on_config(config):
    root = Path(config.config_file_path).parent
    path = root / DATA_FILE
    slugify = _toc_slugify(config)
    terms = load_terms(path, slugify)
    _state.clear()
    _state.update(path=path, terms=terms, matcher=Matcher(terms), ids={}, used={},
                  slugify=slugify)
    watch = [str(p) for p in config.watch]
    if str(path) not in watch:
        config.watch.append(str(path))
    return config


# Link targets must be pages of the site; the anchors are checked once all pages are rendered.
def on_files(files, /, *, config):
    if files.get_file_from_path(GLOSSARY_PAGE) is None:
        raise PluginError(f"{DATA_FILE}: the glossary page docs/{GLOSSARY_PAGE} does not exist")
    for term in _state["terms"]:
        if term.link_page and files.get_file_from_path(term.link_page) is None:
            raise PluginError(f"{DATA_FILE}: entry '{term.name}', field 'link': page "
                              f"'{term.link_page}' does not exist in docs/")
    return files


# The glossary page is written before any other hook sees its Markdown (priority 90), so the
# citations hook turns the entries' [@key] into footnotes like on any other page.
# (on_page_read_source would do too, but MkDocs allows only one hook per build to use it.)
@event_priority(90)
def on_page_markdown(markdown, /, *, page, config, files):
    if page.file.src_uri != GLOSSARY_PAGE:
        return None
    entries = render_glossary(_state["terms"], _state["slugify"])
    if MARKER not in markdown:
        log.warning(f"docs/{GLOSSARY_PAGE}: no line '{MARKER}' marks where the entries go; "
                    "they were appended at the end")
        return markdown.rstrip("\n") + "\n\n" + entries
    return markdown.replace(MARKER, entries, 1)


def on_page_content(html_text, /, *, page, config, files):
    src = page.file.src_uri
    _state["ids"][src] = set(re.findall(r'\sid="([^"]+)"', html_text))
    terms = _state["terms"]
    if src == GLOSSARY_PAGE:
        # Entries explain each other: other terms link to their entry, an entry not to itself.
        links = {term.key: f"#{term.glossary_anchor}" for term in terms}
        own = {term.glossary_anchor: term.key for term in terms}
        return mark_terms(html_text, _state["matcher"], links, own=own)[0]
    links = {term.key: _link_href(term, page, files) for term in terms}
    marked, used = mark_terms(html_text, _state["matcher"], links)
    _state["used"][src] = used
    for name in find_undefined(html_text, _state["matcher"]):
        log.info(f"docs/{src}, line {_line_of(page.markdown, name)}: '{name}' looks like a name "
                 f"but is not in {DATA_FILE}")
    return marked


# All pages are rendered now: check the link anchors and say which terms no page uses.
def on_env(env, /, *, config, files):
    ids = _state["ids"]
    for term in _state["terms"]:
        target = term.link_page or GLOSSARY_PAGE
        if target in ids and term.anchor not in ids[target]:
            raise PluginError(f"{DATA_FILE}: entry '{term.name}', field 'link': "
                              f"docs/{target} has no anchor '#{term.anchor}'")
    if GLOSSARY_PAGE in ids and len(ids) == len(files.documentation_pages()):
        used = set().union(*_state["used"].values()) if _state["used"] else set()
        for term in _state["terms"]:
            if term.key not in used:
                log.info(f"{DATA_FILE}: entry '{term.name}' is used on no page besides the glossary")
    return env


# --- the table -------------------------------------------------------------------------------

@dataclass
class Term:
    """One entry of glossary.yml, checked."""
    name: str
    kind: str
    short: str
    explanation: str
    variants: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)  # words readers use, for search only
    sources: list[str] = field(default_factory=list)
    link_page: str = ""
    anchor: str = ""
    glossary_anchor: str = ""

    @property
    def key(self) -> str:
        return self.name

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.variants]


def load_terms(path: Path, slugify) -> list[Term]:
    """Read and check glossary.yml; any problem is a PluginError naming the entry and field."""
    if not path.is_file():
        raise PluginError(f"{path.name}: file not found beside mkdocs.yml")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as err:
        raise PluginError(f"{path.name}: not valid YAML: {err}") from None
    if not isinstance(data, list):
        raise PluginError(f"{path.name}: expected a list of entries, each starting with '- term:'")
    terms = [_check_entry(path.name, n, entry, slugify) for n, entry in enumerate(data, 1)]
    _check_unique(path.name, terms, slugify)
    return terms


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a field given twice in one entry (PyYAML keeps the last one)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"field '{key}' given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _check_entry(filename: str, number: int, entry, slugify) -> Term:
    if not isinstance(entry, dict):
        raise PluginError(f"{filename}: entry {number} is not a mapping of fields")
    name = entry.get("term")
    label = f"entry '{name}'" if isinstance(name, str) and name.strip() else f"entry {number}"
    for key in entry:
        if key not in FIELDS:
            raise PluginError(f"{filename}: {label}: unknown field '{key}' "
                              f"(known: {', '.join(FIELDS)})")
    for key, required in FIELDS.items():
        value = entry.get(key)
        if key in ("variants", "synonyms", "sources"):
            if value is not None and (not isinstance(value, list) or not all(
                    isinstance(v, str) and v.strip() for v in value)):
                raise PluginError(f"{filename}: {label}, field '{key}': expected a list of "
                                  "non-empty strings")
        elif value is None and not required:
            continue
        elif not isinstance(value, str) or not value.strip():
            raise PluginError(f"{filename}: {label}, field '{key}': must not be empty")
    kind = entry["kind"].strip()
    if kind not in ENDINGS:
        raise PluginError(f"{filename}: {label}, field 'kind': '{kind}' is not one of "
                          f"{', '.join(ENDINGS)}")
    link_page, anchor = _split_link(entry.get("link") or "", slugify)
    term = Term(name=name.strip(), kind=kind, short=" ".join(entry["short"].split()),
                explanation=entry["explanation"].strip(),
                variants=[v.strip() for v in entry.get("variants") or []],
                synonyms=[v.strip() for v in entry.get("synonyms") or []],
                sources=[s.strip() for s in entry.get("sources") or []],
                link_page=link_page, glossary_anchor=slugify(name.strip(), "-"))
    term.anchor = anchor or (term.glossary_anchor if not link_page else "")
    if link_page and not anchor:
        raise PluginError(f"{filename}: {label}, field 'link': give a section, "
                          f"e.g. '{link_page}#{term.name}'")
    return term


def _split_link(link: str, slugify) -> tuple[str, str]:
    # "actors.md#Kamal Lababidi" -> page and the anchor the toc extension makes from that heading;
    # an anchor written as a slug already ("#kamal-lababidi") comes out unchanged.
    page, _, heading = link.strip().partition("#")
    page = normpath(page) if page else ""
    return page, slugify(heading.strip(), "-") if heading.strip() else ""


def _check_unique(filename: str, terms: list[Term], slugify) -> None:
    owner: dict[str, str] = {}
    for term in terms:
        for form in term.forms:
            key = form.lower()
            if key in owner and owner[key] != term.name:
                raise PluginError(f"{filename}: entry '{term.name}', field 'variants': "
                                  f"'{form}' is already claimed by entry '{owner[key]}'")
            if key in owner:
                raise PluginError(f"{filename}: entry '{term.name}', field 'variants': "
                                  f"'{form}' is listed twice")
            owner[key] = term.name
    # A synonym only helps search; one that is a spelling of an entry would send readers there.
    for term in terms:
        for synonym in term.synonyms:
            key = synonym.lower()
            if key in owner:
                raise PluginError(f"{filename}: entry '{term.name}', field 'synonyms': "
                                  f"'{synonym}' is already a spelling of entry '{owner[key]}'")
    anchors: dict[str, str] = {}
    for term in terms:
        if term.glossary_anchor in anchors:
            raise PluginError(f"{filename}: entry '{term.name}', field 'term': its glossary "
                              f"anchor '#{term.glossary_anchor}' equals that of entry "
                              f"'{anchors[term.glossary_anchor]}'")
        anchors[term.glossary_anchor] = term.name


def _toc_slugify(config):
    # The very function the toc extension uses for headings, so our anchors are its anchors.
    toc = config.mdx_configs.get("toc", {}) if hasattr(config, "mdx_configs") else {}
    slugify = toc.get("slugify")
    if slugify is None:
        from markdown.extensions.toc import slugify
    return slugify


# --- matching --------------------------------------------------------------------------------

class Matcher:
    """One regex for all forms of all terms, longest first; whole words with German endings."""

    def __init__(self, terms: list[Term]):
        self.terms = {term.key: term for term in terms}
        self.by_form: dict[str, Term] = {}
        patterns = []
        forms = sorted(((form, term) for term in terms for form in term.forms),
                       key=lambda item: (-len(item[0]), item[0]))
        for form, term in forms:
            endings = () if _is_abbreviation(form) else ENDINGS[term.kind]
            for ending in ("", *endings):
                self.by_form.setdefault(_fold_case(form, ending), term)
            suffix = f"(?:{'|'.join(endings)})?" if endings else ""
            patterns.append(_form_pattern(form) + suffix)
        self.regex = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)") if patterns \
            else re.compile(r"(?!x)x")

    def term_of(self, text: str) -> Term | None:
        """The term a matched piece of text belongs to."""
        return self.by_form.get(" ".join(text.split()).lower())

    def find(self, text: str):
        """(start, end, term) of every mention in plain text."""
        for m in self.regex.finditer(text):
            term = self.term_of(m.group(0))
            if term is not None:
                yield m.start(), m.end(), term


def _form_pattern(form: str) -> str:
    # Case matters ("FT", not "ft") except for the first letter: "Al-Scharaa" opens a sentence.
    pattern = re.escape(form).replace(r"\ ", r"\s+")
    first = form[:1]
    if first.isalpha() and not _is_abbreviation(form) and first.lower() != first.upper():
        pattern = f"[{first.upper()}{first.lower()}]" + pattern[len(re.escape(first)):]
    return pattern


def _is_abbreviation(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _fold_case(form: str, ending: str) -> str:
    return " ".join((form + ending).split()).lower()


_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


def mark_terms(html_text: str, matcher: Matcher, links: dict[str, str | None], *,
               own: dict[str, str] | None = None) -> tuple[str, set[str]]:
    """Wrap every mention in the HTML in a tooltip element; the first one per term is a link.

    Text inside skipped elements (code, links, headings, footnotes, …) stays as it is.
    own maps a heading id to a term that is not marked in that heading's section (a glossary
    entry does not point to itself). Returns the new HTML and the keys of the terms found.
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []
    used: set[str] = set()
    section_term = None
    pos = 0
    for tag in _TAG.finditer(html_text):
        text = html_text[pos:tag.start()]
        skip = any(skipped for _, skipped in stack)
        out.append(text if skip else _mark_text(text, matcher, links, used, section_term))
        out.append(tag.group(0))
        pos = tag.end()
        _track(tag.group(0), stack)
        heading = _HEADING_ID.match(tag.group(0))
        if heading and own is not None:
            section_term = own.get(heading.group(1))
    rest = html_text[pos:]
    skip = any(skipped for _, skipped in stack)
    out.append(rest if skip else _mark_text(rest, matcher, links, used, section_term))
    return "".join(out), used


_HEADING_ID = re.compile(r'<h[1-6]\b[^>]*\sid="([^"]+)"')


def _track(tag: str, stack: list[tuple[str, bool]]) -> None:
    # Keep a stack of open elements and whether each one is skipped.
    m = _TAG_NAME.match(tag)
    if not m:
        return
    closing, name = m.group(1), m.group(2).lower()
    if closing:
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                del stack[i:]
                break
        return
    if name in VOID_TAGS or tag.endswith("/>"):
        return
    skip = (name in SKIPPED_TAGS or re.search(r'\sclass="[^"]*\bfootnote\b', tag) is not None
            or re.search(r"\s(title|data-glossary-skip)[\s=>]", tag) is not None)
    stack.append((name, skip))


def _mark_text(text: str, matcher: Matcher, links: dict[str, str | None], used: set[str],
               unmarked: str | None = None) -> str:
    if not text.strip():
        return text
    out, pos = [], 0
    for start, end, term in matcher.find(text):
        if term.key == unmarked:
            continue
        out.append(text[pos:start])
        out.append(_tooltip(text[start:end], term, links.get(term.key) if term.key not in used
                            else None))
        used.add(term.key)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _tooltip(shown: str, term: Term, href: str | None) -> str:
    title = html.escape(f"{term.name}: {term.short}" if shown.lower() != term.name.lower()
                        else term.short)
    if href:
        return f'<a class="glossary-term" href="{html.escape(href)}" title="{title}">{shown}</a>'
    return f'<span class="glossary-term" title="{title}">{shown}</span>'


def _link_href(term: Term, page, files) -> str | None:
    # First mention links to the term's section (or glossary entry); not to the page itself.
    target = term.link_page or GLOSSARY_PAGE
    anchor = term.anchor if term.link_page else term.glossary_anchor
    if target == page.file.src_uri:
        return None
    file = files.get_file_from_path(target)
    if file is None:
        return None
    return f"{file.url_relative_to(page.file)}#{anchor}"


# Names that look like terms: acronyms and Arabic names with an article ("al-", "asch-").
_CANDIDATE = re.compile(r"(?<![\w-])(?:[A-ZÄÖÜ]{2,6}(?![\w-])|(?:Abu\s+)?(?:[Aa][lsdnrtz]|[Aa]sch|"
                        r"[Ee]l)-[A-ZÄÖÜ]\w+)")
# Everyday abbreviations that need no glossary entry.
_KNOWN_ACRONYMS = {"EU", "UN", "USA", "UNO", "NATO", "US", "PDF", "URL", "HTML", "TV", "ZDF", "ARD"}


def find_undefined(html_text: str, matcher: Matcher) -> list[str]:
    """Name-like words in the page's prose (outside code and footnotes) that no entry covers."""
    text = _plain_text(html_text)
    found = []
    for m in _CANDIDATE.finditer(text):
        name = m.group(0)
        if name in _KNOWN_ACRONYMS or name in found:
            continue
        if not any(True for _ in matcher.find(name)) and not _inside_mention(text, m, matcher):
            found.append(name)
    return found


def _inside_mention(text: str, m, matcher: Matcher) -> bool:
    return any(s <= m.start() and m.end() <= e for s, e, _ in matcher.find(text))


def _plain_text(html_text: str) -> str:
    # The text that mark_terms would look at.
    parts, stack, pos = [], [], 0
    for tag in _TAG.finditer(html_text):
        if not any(skip for _, skip in stack):
            parts.append(html_text[pos:tag.start()])
        pos = tag.end()
        _track(tag.group(0), stack)
    parts.append(html_text[pos:])
    return html.unescape(" ".join(parts))


def _line_of(markdown: str | None, name: str) -> int:
    index = (markdown or "").find(name)
    return (markdown or "").count("\n", 0, index) + 1 if index >= 0 else 1


# --- the glossary page -----------------------------------------------------------------------

def german_sort_key(text: str) -> tuple[str, str]:
    """DIN 5007-1 order: Ä sorts with A, ß as ss; case only breaks ties."""
    base = text.replace("ß", "ss").replace("ẞ", "SS")
    base = "".join(c for c in unicodedata.normalize("NFD", base) if not unicodedata.combining(c))
    return base.lower(), text


def render_glossary(terms: list[Term], slugify) -> str:
    """Markdown of all entries: letter headings (H2), one H3 per term with kind, variants, sources."""
    lines: list[str] = []
    letter = None
    for term in sorted(terms, key=lambda t: german_sort_key(t.name)):
        first = german_sort_key(term.name)[0][:1].upper()
        if first != letter:
            letter = first
            lines += [f"## {letter}", ""]
        lines += [f"### {term.name}", ""]
        # Kind and spellings describe the entry and state no fact that needs a source: written
        # as an HTML block, which the citations check leaves alone.
        facts = [f"<em>{html.escape(term.kind)}</em>"]
        if term.variants:
            facts.append("auch: " + html.escape(", ".join(term.variants)))
        lines += [f'<p class="glossar-schreibweisen">{" · ".join(facts)}</p>', ""]
        uncited = [key for key in term.sources
                   if not re.search(rf"@{re.escape(key)}(?![\w-])", term.explanation)]
        cites = "[" + "; ".join(f"@{key}" for key in uncited) + "]" if uncited else ""
        lines += [term.explanation + (" " + cites if cites else ""), ""]
        if term.link_page:
            lines += [f"[Mehr zu {term.name}]({term.link_page}#{term.anchor})", ""]
    return "\n".join(lines)
