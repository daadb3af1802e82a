"""Citations: turn Pandoc-style `[@key]` into numbered footnotes from the source registry.

Authors write `[@ft]`, `[@ft, S. 3]` or `[@ft; @ria]`; each distinct (key, locator) on a page
becomes one Markdown footnote with a label no author can use (`[^@ft]`), numbered in order of
first citation. The footnote text is a German reference built from `sources.yml` (CSL-style
fields); it is rendered to HTML here, escaped once, and put into the footnote after Markdown ran,
so Python-Markdown only ever sees a short token. The sources page (`sources.md`, where the line
`<!-- citations:sources -->` stands) lists every source with back-links to the pages citing it;
it is filled in on_page_context, when every page has been read, whatever the order of pages.
Configuration lives in mkdocs.yml:

    extra:
      citations:
        registry: sources.yml   # path relative to mkdocs.yml
        required: false         # true: every page must cite (front matter `citations: required`)
        page: sources.md        # the page that lists the sources
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url

log = get_plugin_logger("citations")

# The build's state; replaced in on_config because `mkdocs serve` keeps this module loaded.
_state: _Build | None = None


# Load and validate the registry once per build, and start from a clean state.
def on_config(config):
    global _state
    options = (config.extra or {}).get("citations") or {}
    if not isinstance(options, dict):
        raise PluginError("mkdocs.yml: extra.citations must be a mapping")
    base = Path(config.config_file_path).parent
    if not any(str(name).rsplit(".", 1)[-1] == "footnotes" for name in config.markdown_extensions):
        raise PluginError("mkdocs.yml: the citations hook needs the `footnotes` Markdown extension")
    path = (base / str(options.get("registry", "sources.yml"))).resolve()
    shown = _shown_path(path, base)
    text = _read_registry(path, shown)
    registry, warnings = load_registry(text, shown)
    for message in warnings:
        log.warning(message)
    _state = _Build(registry=registry, base=base, registry_shown=shown,
                    required=options.get("required") is True,
                    sources_page=str(options.get("page", "sources.md")))
    if str(path) not in {str(Path(p).resolve()) for p in config.watch}:
        config.watch.append(str(path))
    _state.search = any(name.rsplit("/", 1)[-1] == "search" for name in config.plugins)
    if _state.search and _FOOTNOTES_BACK not in config.plugins:
        config.plugins[_FOOTNOTES_BACK] = _FootnotesBack()
    return config


# Remember where the sources page will be, so footnotes can link to its entries.
def on_files(files, /, *, config):
    state = _require_state()
    file = files.get_file_from_path(state.sources_page)
    state.sources_url = file.url if file is not None and file.is_documentation_page() else None
    return files


# Replace citations by footnote references and the list marker by the sources list skeleton.
def on_page_markdown(markdown, /, *, page, config, files):
    state = _require_state()
    src_uri = page.file.src_uri
    is_sources_page = src_uri == state.sources_page
    required = _page_requires(page.meta, state.required) and not is_sources_page
    if "[@" not in markdown and not required and not is_sources_page:
        return None
    to_sources = _relative(state.sources_url, page.url) if state.sources_url is not None else None
    result = process_markdown(markdown, state.registry, required=required,
                              sources_href=to_sources, formatted=state.formatted)
    where = _Where(page, state.base)
    for problem in result.problems:
        log.warning(f"{where.name}:{where.line(problem.line)}: {problem.message}")
    state.record(page, result)
    markdown = result.markdown
    if is_sources_page:
        markdown = insert_sources_skeleton(markdown, state.registry)
    return markdown


# Put the reference texts into the footnotes and keep footnote text out of the search index.
def on_page_content(html_text, /, *, page, config, files):
    state = _require_state()
    references = state.references.pop(page.file.src_uri, None)
    if references:
        html_text = fill_footnotes(html_text, references,
                                   searchable=page.file.src_uri == state.sources_page)
    return html_text


# Runs before search indexes the page. The sources page: every page has been read by now, so
# fill in the list. Other pages: set the footnotes aside while search reads the page, so it does
# not parse what it excludes anyway (that parse costs more than all the rest of this hook).
@event_priority(50)
def on_page_context(context, /, *, page, config, nav):
    state = _require_state()
    if page.content is None:
        return context
    if page.file.src_uri == state.sources_page:
        order = {p.file.src_uri: i for i, p in enumerate(nav.pages)}
        page.content = fill_sources_list(page.content, state.registry, state.uses,
                                         state.pages, order, page.url)
    elif state.search and page.file.src_uri in state.pages:
        page.content, notes = set_footnotes_aside(page.content)
        if notes:
            state.aside[page.file.src_uri] = notes
    return context


class _FootnotesBack:
    """The second half of on_page_context (a hook has one of each event): after search."""

    @event_priority(-100)
    def on_page_context(self, context, /, *, page, config, nav):
        notes = _require_state().aside.pop(page.file.src_uri, None)
        if notes is not None:
            page.content = page.content.replace(_ASIDE, notes, 1)
        return context


# One summary line per build, and the sources nobody cites.
def on_post_build(*, config):
    state = _require_state()
    cited = set(state.uses)
    reached = set(cited)
    for key in cited:
        reached.update(_via_chain(key, state.registry))
    unused = [key for key in state.registry if key not in reached]
    if unused:
        log.info(f"{state.registry_shown}: never cited: {', '.join(unused)}")
    pages = sum(1 for uses in state.page_counts.values() if uses)
    log.info(f"{state.citations} citations of {len(cited)} sources on {pages} pages; "
             f"{state.unsupported} paragraphs without source")


# --- state -----------------------------------------------------------------------------------

@dataclass
class _Build:
    registry: dict[str, Source]
    base: Path
    registry_shown: str
    required: bool
    sources_page: str
    sources_url: str | None = None
    references: dict[str, list[str]] = field(default_factory=dict)  # page -> footnote HTML
    formatted: dict = field(default_factory=dict)                   # reference HTML cache
    aside: dict[str, str] = field(default_factory=dict)             # page -> footnotes div
    search: bool = False                                            # a search plugin runs
    uses: dict[str, dict[str, int]] = field(default_factory=dict)   # key -> page -> count
    pages: dict[str, object] = field(default_factory=dict)          # src_uri -> Page
    page_counts: dict[str, int] = field(default_factory=dict)
    citations: int = 0
    unsupported: int = 0

    def record(self, page, result: PageResult) -> None:
        src_uri = page.file.src_uri
        self.pages[src_uri] = page
        self.references[src_uri] = result.references
        self.page_counts[src_uri] = sum(result.counts.values())
        self.citations += self.page_counts[src_uri]
        self.unsupported += result.unsupported
        for key, count in result.counts.items():
            self.uses.setdefault(key, {})[src_uri] = count


def _require_state() -> _Build:
    if _state is None:
        raise PluginError("citations: on_config did not run; list the hook under `hooks:`")
    return _state


def _page_requires(meta: dict, site_wide: bool) -> bool:
    """Front matter `citations: required` (or `optional`) overrides the site-wide switch."""
    value = meta.get("citations")
    if value in ("required", True):
        return True
    if value in ("optional", False):
        return False
    return site_wide


class _Where:
    """File name as the author sees it, and line numbers in the file (front matter included)."""

    def __init__(self, page, base: Path):
        self.page = page
        self.name = _shown_path(Path(page.file.abs_src_path), base) if page.file.abs_src_path \
            else page.file.src_uri
        self._offset: int | None = None

    def line(self, line_in_markdown: int) -> int:
        if self._offset is None:
            try:
                source = self.page.file.content_string
            except (OSError, UnicodeDecodeError, TypeError):
                source = ""
            body = self.page.markdown or ""
            cut = len(source) - len(body)
            self._offset = source.count("\n", 0, cut) if body and source.endswith(body) else 0
        return line_in_markdown + self._offset


def _relative(url: str, here: str) -> str:
    """Link from page `here` to `url`, both site-relative; directory links end in a slash."""
    if url == here:
        return "./"
    link = get_relative_url(url, here)
    return link + "/" if (url == "" or url.endswith("/")) and not link.endswith("/") else link


def _shown_path(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


# --- the registry ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    id: str
    type: str
    fields: dict
    via: str | None = None


# CSL 1.0.2 variables (standard and date/name variables); accepted without comment.
_CSL_VARIABLES = frozenset("""
abstract annote archive archive_collection archive_location archive-place authority call-number
chapter-number citation-key citation-label collection-number collection-title container-title
container-title-short dimensions division DOI edition event event-title event-place
first-reference-note-number genre ISBN ISSN jurisdiction keyword language license locator medium
note number number-of-pages number-of-volumes original-publisher original-publisher-place
original-title page page-first part-number part-title PMCID PMID printing-number publisher
publisher-place references reviewed-genre reviewed-title scale section source status
supplement-number title title-short URL version volume volume-title volume-title-short year-suffix
accessed available-date event-date issued original-date submitted
author chair collection-editor compiler composer container-author contributor curator director
editor editorial-director executive-producer guest host illustrator interviewer narrator
organizer original-author performer producer recipient reviewed-author script-writer
series-creator translator
id type categories custom citation-number
""".split())
_DATE_FIELDS = ("issued", "accessed", "available-date", "event-date", "original-date", "submitted")
_NAME_FIELDS = frozenset(("author", "editor", "interviewer", "translator", "contributor",
                          "director", "host", "guest", "recipient", "container-author"))
_CSL_TYPES = frozenset("""
article article-journal article-magazine article-newspaper bill book broadcast chapter
classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
graphic hearing interview legal_case legislation manuscript map motion_picture musical_score
pamphlet paper-conference patent performance periodical personal_communication post
post-weblog regulation report review review-book software song speech standard thesis treaty
webpage
""".split())
_DEFAULT_TYPE = "document"
_OUR_FIELDS = frozenset(("via",))
_NEEDS_ONE_OF = ("title", "container-title", "publisher")
_KEY = r"\w(?:[-:.]*\w)*"
_KEY_RE = re.compile(_KEY + r"\Z")


def _read_registry(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PluginError(f"{shown}: source registry not found (set extra.citations.registry "
                          f"in mkdocs.yml)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PluginError(f"{shown}: cannot read the source registry: {error}") from None


class _RegistryLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML, but dates stay text: the registry validates them and names the entry."""


_RegistryLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


def load_registry(text: str, shown: str = "sources.yml") -> tuple[dict[str, Source], list[str]]:
    """Parse and validate registry YAML: the sources by id, and warnings to log.

    Raises PluginError naming the file, the entry (id or position) and the field.
    """
    try:
        data = yaml.load(text, Loader=_RegistryLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark is not None else shown
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise PluginError(f"{where}: invalid YAML: {problem}") from None
    if data is None:
        data = []
    if isinstance(data, dict) and set(data) == {"references"}:
        data = data["references"] or []
    if not isinstance(data, list):
        raise PluginError(f"{shown}: expected a list of sources (or `references:` with a list), "
                          f"found {type(data).__name__}")
    warnings: list[str] = []
    sources: dict[str, Source] = {}
    for position, entry in enumerate(data, start=1):
        source = _validate_entry(entry, position, shown, sources, warnings)
        sources[source.id] = source
    for source in sources.values():
        _check_via(source, sources, shown)
    return sources, warnings


def _validate_entry(entry, position: int, shown: str, known: dict, warnings: list) -> Source:
    label = f"entry #{position}"

    def fail(name: str, problem: str):
        raise PluginError(f"{shown}: {label}, field '{name}': {problem}")

    if not isinstance(entry, dict):
        raise PluginError(f"{shown}: {label}: expected a mapping of fields, "
                          f"found {type(entry).__name__}")
    if "id" not in entry or entry["id"] in (None, ""):
        fail("id", "missing (every source needs an id)")
    key = entry["id"]
    if not isinstance(key, (str, int)) or isinstance(key, bool):
        fail("id", f"must be text, found {type(key).__name__}")
    key = str(key)
    if not _KEY_RE.match(key):
        fail("id", f"'{key}' cannot be cited: use letters, digits and _ (inside also -:.)")
    label = f"entry '{key}' (#{position})"
    if key in known:
        fail("id", f"duplicate id '{key}'")
    fields: dict = {}
    for name, value in entry.items():
        name = str(name)
        if name not in _CSL_VARIABLES and name not in _OUR_FIELDS:
            hint = _nearest(name, sorted(_CSL_VARIABLES | _OUR_FIELDS))
            warnings.append(f"{shown}: {label}, field '{name}': unknown field"
                            + (f" (did you mean '{hint}'?)" if hint else "") + "; ignored")
            continue
        if name in ("id",):
            continue
        if name in _DATE_FIELDS:
            fields[name] = _parse_date(value, lambda problem: fail(name, problem))
        elif name in _NAME_FIELDS:
            fields[name] = _parse_names(value, lambda problem: fail(name, problem))
        elif name == "URL":
            fields[name] = _check_url(value, lambda problem: fail(name, problem))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            fields[name] = str(value).strip()
        elif value is None:
            continue
        elif name in ("categories", "custom", "references"):
            fields[name] = value
        else:
            fail(name, f"expected text, found {type(value).__name__}")
    kind = fields.pop("type", _DEFAULT_TYPE) or _DEFAULT_TYPE
    if kind not in _CSL_TYPES:
        hint = _nearest(kind, sorted(_CSL_TYPES))
        warnings.append(f"{shown}: {label}, field 'type': unknown CSL type '{kind}'"
                        + (f" (did you mean '{hint}'?)" if hint else ""))
    if not any(fields.get(name) for name in _NEEDS_ONE_OF):
        fail("title", "missing: give at least one of title, container-title, publisher")
    via = fields.pop("via", None)
    if via is not None and not _KEY_RE.match(via):
        fail("via", f"'{via}' is not a source id")
    return Source(id=key, type=kind, fields=fields, via=via)


def _check_via(source: Source, sources: dict[str, Source], shown: str) -> None:
    if source.via is None:
        return
    if source.via not in sources:
        hint = _nearest(source.via, list(sources))
        raise PluginError(f"{shown}: entry '{source.id}', field 'via': no source has the id "
                          f"'{source.via}'" + (f" (did you mean '{hint}'?)" if hint else ""))
    seen = [source.id]
    current = sources[source.via]
    while current is not None:
        if current.id in seen:
            chain = " -> ".join(seen + [current.id])
            raise PluginError(f"{shown}: entry '{source.id}', field 'via': cycle {chain}")
        seen.append(current.id)
        current = sources.get(current.via) if current.via else None


def _via_chain(key: str, sources: dict[str, Source]) -> list[str]:
    chain = []
    current = sources.get(key)
    while current is not None and current.via and current.via not in chain:
        chain.append(current.via)
        current = sources.get(current.via)
    return chain


_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\Z")


def _parse_date(value, fail) -> tuple[int, ...]:
    """CSL date as (year,), (year, month) or (year, month, day); `fail` on anything else."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return (value.year, value.month, value.day)
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if (isinstance(parts, list) and len(parts) >= 1 and isinstance(parts[0], list)
                and 1 <= len(parts[0]) <= 3):
            numbers = parts[0]
            try:
                numbers = [int(str(n)) for n in numbers]
            except ValueError:
                fail(f"invalid date {value!r}")
            return _valid_date(tuple(numbers), value, fail)
        if "raw" in value:
            return _parse_date(str(value["raw"]), fail)
        fail(f"invalid date {value!r}: use 2024, 2024-12, 2024-12-16 or date-parts")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        match = _DATE_RE.match(value.strip())
        if match:
            numbers = tuple(int(n) for n in match.groups() if n is not None)
            return _valid_date(numbers, value, fail)
    fail(f"invalid date {value!r}: use 2024, 2024-12, 2024-12-16 or date-parts")


def _valid_date(numbers: tuple[int, ...], value, fail) -> tuple[int, ...]:
    try:
        dt.date(numbers[0], numbers[1] if len(numbers) > 1 else 1,
                numbers[2] if len(numbers) > 2 else 1)
    except ValueError:
        fail(f"invalid date {value!r}")
    return numbers


def _parse_names(value, fail) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, str) and item.strip():
            names.append(item.strip())
        elif isinstance(item, dict) and (item.get("literal") or item.get("family")):
            if item.get("literal"):
                names.append(str(item["literal"]).strip())
            else:
                names.append(" ".join(str(part).strip() for part in
                                      (item.get("given"), item.get("non-dropping-particle"),
                                       item.get("family")) if part))
        else:
            fail(f"expected names (text or family/given), found {item!r}")
    return tuple(names)


def _check_url(value, fail) -> str:
    if not isinstance(value, str):
        fail(f"expected an https URL, found {type(value).__name__}")
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in url):
        fail(f"'{url}' is not an https URL")
    return url


def _nearest(word: str, candidates) -> str | None:
    """The candidate closest in edit distance, if it is close enough to be a plausible typo."""
    best, best_distance = None, None
    lowered = word.lower()
    for candidate in candidates:
        distance = _edit_distance(lowered, candidate.lower())
        if best_distance is None or distance < best_distance:
            best, best_distance = candidate, distance
    if best is None or best_distance > max(1, min(len(word), len(best)) // 3):
        return None
    return best


def _edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn a into b."""
    rows = [list(range(len(b) + 1))]
    for i, char_a in enumerate(a, start=1):
        row = [i]
        for j, char_b in enumerate(b, start=1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


# --- parsing pages ---------------------------------------------------------------------------

class Citation(NamedTuple):
    start: int                              # offsets of `[@ ... ]` in the Markdown
    end: int
    items: tuple[tuple[str, str], ...]      # (key, locator), locator "" when none


@dataclass
class Problem:
    line: int                                # 1-based line in the Markdown given
    message: str


@dataclass
class Scan:
    citations: list[Citation]
    author_refs: list[tuple[int, str]]       # (offset, label) of the author's own [^label]
    author_defs: dict[str, tuple[int, int]]  # label -> (start, end) of its definition
    protected: list[tuple[int, int]]         # fenced code: nothing in here is Markdown text
    problems: list[Problem]
    unclosed: bool = False                   # a fence that runs to the end of the page


_TOKEN_RE = re.compile(r"\\[\\`\[]|`+|<!--|\[@|\[\^")
_BRACKET_RE = re.compile(r"\[(@[^\[\]]*)\]")
_SIMPLE_RE = re.compile(r"\[@(" + _KEY + r")\]")
_ITEM_RE = re.compile(r"\s*@(" + _KEY + r")[-:.]*\s*(?:,\s*(.*?))?\s*\Z", re.S)
_KEY_START_RE = re.compile(r"\w")
_AUTHOR_FN_RE = re.compile(r"\[\^([^\]\n]+)\](:?)")
_FENCE_RE = re.compile(r"^([ \t>]*)(`{3,}|~{3,})(.*)$", re.M)
_HEADING_RE = re.compile(r"^[ \t>]{0,8}#{1,6}(?:[ \t].*)?$"
                         r"|(?:\A|(?<=\n\n))[ \t>]*\S.*\n[ \t>]*(?:=+|-+)[ \t]*$", re.M)
_BLANK_LINE_RE = re.compile(r"\n[ \t>]*\n")
_DEF_END_RE = re.compile(r"\n[ \t]*\n(?![ ]{4}|\t|[ \t]*\n)")


def scan(text: str) -> Scan:
    """Find citations and the author's footnotes; skip code, comments and escapes."""
    protected, unclosed = _fenced_blocks(text)
    citations: list[Citation] = []
    author_refs: list[tuple[int, str]] = []
    author_defs: dict[str, tuple[int, int]] = {}
    problems: list[Problem] = []
    fence = 0
    pos = 0
    length = len(text)
    while pos < length:
        match = _TOKEN_RE.search(text, pos)
        if match is None:
            break
        start = match.start()
        while fence < len(protected) and protected[fence][1] <= start:
            fence += 1
        if fence < len(protected) and protected[fence][0] <= start:
            pos = protected[fence][1]
            continue
        token = match.group()
        if token[0] == "\\":
            pos = match.end()
        elif token[0] == "`":
            pos = _skip_code_span(text, start, len(token))
        elif token == "<!--":
            close = text.find("-->", start + 4)
            pos = close + 3 if close >= 0 else start + 4
        elif token == "[^":
            found = _AUTHOR_FN_RE.match(text, start)
            if found is None:
                pos = start + 2
                continue
            label = found.group(1)
            if found.group(2) and _at_line_start(text, start):
                end = _DEF_END_RE.search(text, found.end())
                author_defs.setdefault(label, (start, end.start() if end else length))
            else:
                author_refs.append((start, label))
            pos = found.end()
        else:
            pos = _citation_at(text, start, citations, problems)
    return Scan(citations, author_refs, author_defs, protected, problems, unclosed)


def _citation_at(text: str, start: int, citations: list, problems: list) -> int:
    simple = _SIMPLE_RE.match(text, start)       # the common case, [@key], without the parser
    if simple is not None and text[simple.end():simple.end() + 1] not in ("(", "[", ":", "]"):
        end = simple.end()
        if not _in_heading(text, start, end):
            citations.append(Citation(start, end, ((simple.group(1), ""),)))
            return end
    found = _BRACKET_RE.match(text, start)
    if found is None or _BLANK_LINE_RE.search(found.group(1)):
        return start + 2
    end = found.end()
    following = text[end:end + 1]
    if following in ("(", "[") or (following == ":" and _at_line_start(text, start)):
        return end                                   # a link or a link reference definition
    if text.startswith(("](", "]["), end):
        problems.append(Problem(_line_of(text, start),
                                f"citation '{found.group()}' inside a link's text is left as "
                                f"text; put it after the link"))
        return end
    items = []
    for part in found.group(1).split(";"):
        item = _ITEM_RE.match(part)
        if item is None:
            break
        locator = " ".join((item.group(2) or "").split())
        items.append((item.group(1), locator))
    else:
        if _in_heading(text, start, end):
            problems.append(Problem(_line_of(text, start),
                                    f"citation '{found.group()}' in a heading is left as text; "
                                    f"cite in the paragraph below"))
            return end
        citations.append(Citation(start, end, tuple(items)))
        return end
    if _KEY_START_RE.match(text, start + 2):
        problems.append(Problem(_line_of(text, start),
                                f"malformed citation '{' '.join(found.group().split())}' left as "
                                f"text (write [@key], [@key, S. 3] or [@a; @b])"))
    return end


_ATX_RE = re.compile(r"[ \t>]{0,8}#{1,6}(?:[ \t]|\Z)")
_UNDERLINE_RE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*(?:\n|\Z)")


def _in_heading(text: str, start: int, end: int) -> bool:
    """Is text[start:end] in an ATX heading line, or on the line above a setext underline?"""
    line_start = text.rfind("\n", 0, start) + 1
    if _ATX_RE.match(text, line_start):
        return True
    line_end = text.find("\n", end)
    if line_end < 0 or not _UNDERLINE_RE.match(text, line_end + 1):
        return False
    return line_start == 0 or text.endswith("\n", 0, line_start - 1) \
        or not text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1].strip(" \t>")


def _fenced_blocks(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Spans of fenced code blocks, and whether the last one is never closed."""
    if "```" not in text and "~~~" not in text:
        return [], False
    blocks = []
    opening = None
    for match in _FENCE_RE.finditer(text):
        fence = match.group(2)
        if opening is None:
            if fence[0] == "`" and "`" in match.group(3):
                continue                             # ```code``` on one line is a code span
            opening = (match.start(), fence)
        elif fence[0] == opening[1][0] and len(fence) >= len(opening[1]) \
                and not match.group(3).strip():
            blocks.append((opening[0], match.end()))
            opening = None
    if opening is not None:
        blocks.append((opening[0], len(text)))       # unclosed fence runs to the end
    return blocks, opening is not None


def _skip_code_span(text: str, start: int, ticks: int) -> int:
    boundary = _BLANK_LINE_RE.search(text, start)
    limit = boundary.start() if boundary else len(text)
    pos = start + ticks
    closing = "`" * ticks
    while True:
        found = text.find(closing, pos, limit)
        if found < 0:
            return start + ticks                     # no closing run: plain backticks
        run_end = found + ticks
        while run_end < limit and text[run_end] == "`":
            run_end += 1
        if run_end - found == ticks:
            return run_end
        pos = run_end


def _at_line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip(" \t>")


def _inside(pos: int, ranges) -> bool:
    return any(start <= pos < end for start, end in ranges)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


# --- rendering pages -------------------------------------------------------------------------

@dataclass
class PageResult:
    markdown: str
    references: list[str]                    # footnote HTML, index = token number
    counts: dict[str, int]                   # key -> citations on this page
    problems: list[Problem]
    unsupported: int = 0


_TOKEN_CHAR = "\ue000"                       # private use: never typed, passes Markdown untouched
_FILL_RE = re.compile(_TOKEN_CHAR + r"(\d+)" + _TOKEN_CHAR)


def process_markdown(text: str, registry: dict[str, Source], *, required: bool = False,
                     sources_href: str | None = None, formatted: dict | None = None
                     ) -> PageResult:
    """Rewrite one page: citations become `[^label]` references plus their definitions.

    `formatted` caches reference HTML across the pages of one build.
    """
    formatted = {} if formatted is None else formatted
    found = scan(text)
    problems = list(found.problems)
    prefix = _label_prefix(found)
    labels: dict[tuple[str, str], str] = {}
    references: list[str] = []
    counts: dict[str, int] = {}
    edits: list[tuple[int, int, str]] = []
    uses: list[tuple[int, str]] = []         # (offset, label) of every footnote reference
    variants: dict[str, int] = {}            # key -> locators seen
    bases: dict[str, str] = {}               # key -> its label without prefix and variant
    previous_end = 0
    for citation in found.citations:
        parts = []
        for key, locator in citation.items:
            source = registry.get(key)
            if source is None:
                hint = _nearest(key, registry)
                problems.append(Problem(_line_of(text, citation.start),
                                        f"unknown source '{key}'"
                                        + (f" (did you mean '{hint}'?)" if hint else "")))
                parts.append(_unknown_marker(key))
                continue
            counts[key] = counts.get(key, 0) + 1
            label = labels.get((key, locator))
            if label is None:
                if key not in variants:              # ids must be ASCII for Material's tooltips
                    bases[key] = key if key.isascii() else f"~{len(bases) + 1}"
                variants[key] = variants.get(key, 0) + 1
                label = prefix + bases[key] + (f"~{variants[key]}" if variants[key] > 1 else "")
                labels[(key, locator)] = label
                reference = formatted.get((key, locator, sources_href))
                if reference is None:
                    reference = format_reference(source, registry, locator, sources_href)
                    formatted[(key, locator, sources_href)] = reference
                references.append(reference)
            uses.append((citation.start, label))
            parts.append(f"[^{label}]")
        joined = _SEPARATOR.join(parts)
        if previous_end and not text[previous_end:citation.start].strip(" \t"):
            joined = _SEPARATOR + joined             # [@a] [@b]: two notes, one separator
        edits.append((_trim_space_before(text, citation.start), citation.end, joined))
        previous_end = citation.end
    unsupported = 0
    if required:
        for line, _, marker_at in find_unsupported(text, found):
            problems.append(Problem(line, "paragraph without source: cite it with [@key], or "
                                          "mark it {: .ohne-beleg }"))
            edits.append((marker_at, marker_at, _MISSING_MARKER))
            unsupported += 1
    if not edits:
        return PageResult(text, [], counts, problems, unsupported)
    block = _definitions(labels, found, uses)
    problems.sort(key=lambda p: p.line)
    if not block:
        return PageResult(_apply(text, edits), references, counts, problems, unsupported)
    where = _definitions_place(text, found)
    if where is not None:
        offset, before, after = where
        edits.append((offset, offset, before + block + after))
        return PageResult(_apply(text, edits), references, counts, problems, unsupported)
    body = _apply(text, edits)
    if body.lstrip("\n").startswith(("    ", "\t")):
        block += "\n\n<!-- -->"            # an indented block would continue the last note
    return PageResult(block + "\n\n" + body, references, counts, problems, unsupported)


def _definitions_place(text: str, found: Scan) -> tuple[int, str, str] | None:
    """Where our definitions go without moving any line the author wrote; None: the top.

    They must come before the author's first footnote definition (that fixes the numbers), so
    they go right before it when it stands at the top level, and otherwise at the end; the top
    is the last resort (an unclosed fence or comment would swallow the end).
    """
    if found.author_defs:
        first = min(start for start, _ in found.author_defs.values())
        line_start = text.rfind("\n", 0, first) + 1
        if text[line_start:first].strip(" ") or first - line_start > 3:
            return None
        return line_start, "\n" if line_start else "", "\n\n"
    if found.unclosed or text.rfind("<!--") > text.rfind("-->") or not text.strip():
        return None
    return len(text.rstrip("\n")), "\n\n", ""


def _label_prefix(found: Scan) -> str:
    """`@`, or as many `@` as it takes to differ from every label the author uses."""
    used = {label for _, label in found.author_refs} | set(found.author_defs)
    prefix = "@"
    while any(label.startswith(prefix) for label in used):
        prefix += "@"
    return prefix


def _trim_space_before(text: str, start: int) -> int:
    """Citations sit right after the word they support: drop the spaces before, not a newline."""
    pos = start
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    if pos == 0 or text[pos - 1] == "\n":
        return start
    return pos


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out = []
    pos = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _definitions(labels: dict, found: Scan, uses: list[tuple[int, str]]) -> str:
    """Footnote definitions for the top of the page, in the order footnotes are first cited.

    Python-Markdown numbers footnotes by the order it meets their definitions. Defining ours
    first fixes their numbers; an author's footnote gets a stand-in definition at its place in
    that order, which the author's own definition later replaces without moving it. References
    written inside a footnote's own text count after those in the body, where they appear.
    """
    if not labels:
        return ""
    notes = sorted(found.author_defs.values())

    def place(offset: int) -> tuple[int, int, int]:
        for start, end in notes:
            if start <= offset < end:
                return (1, start, offset)
        return (0, offset, 0)

    first: dict[str, tuple[int, int, int]] = {}
    for offset, label in uses + [(o, l) for o, l in found.author_refs if l in found.author_defs]:
        key = place(offset)
        if label not in first or key < first[label]:
            first[label] = key
    token_of = {label: index for index, label in enumerate(labels.values())}
    lines = []
    for label in sorted(first, key=first.__getitem__):
        if label in token_of:
            lines.append(f"[^{label}]: {_TOKEN_CHAR}{token_of[label]}{_TOKEN_CHAR}")
        else:
            lines.append(f"[^{label}]: .")
    return "\n".join(lines)


def _unknown_marker(key: str) -> str:
    shown = _md_text(key)
    return (f'<span class="citations-unknown" title="Quelle {shown} fehlt in der '
            f'Quellenliste">[Quelle „{shown}“ unbekannt]</span>')


_SEPARATOR = '<sup class="citations-sep">,</sup>'
_MISSING_MARKER = ('<sup class="citations-missing" title="Für diese Aussage fehlt ein Beleg.">'
                   '[Beleg fehlt]</sup>')


def _md_text(text: str) -> str:
    """Text for Markdown that renders as exactly these characters (HTML and Markdown escaped)."""
    return "".join(_MD_ENTITIES.get(char, char) for char in text)


_MD_ENTITIES = {char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+-.!<>&\"'|~:"}


def fill_footnotes(html_text: str, references: list[str], *, searchable: bool = False) -> str:
    """Put reference HTML in place of the tokens; mark the footnotes as not for search."""
    def fill(match):
        index = int(match.group(1))
        return references[index] if index < len(references) else match.group()

    at = html_text.find('<div class="footnote">')
    if at < 0:
        return _FILL_RE.sub(fill, html_text)
    head, tail = html_text[:at], html_text[at:]
    if '<sup id="fnref2:' in head:
        head = _renumber_back_links(head)
    if not searchable:
        tail = '<div class="footnote" data-search-exclude>' + tail[len('<div class="footnote">'):]
    return head + _FILL_RE.sub(fill, tail)


_FNREF_RE = re.compile(r'<sup id="fnref(\d*):([^"]+)">')


def _renumber_back_links(html_text: str) -> str:
    """Give each reference's id in page order: the first back-link returns to the first use.

    Python-Markdown assigns them as it meets references, and it meets those in admonitions,
    lists and tables after the paragraphs around them.
    """
    seen: dict[str, int] = {}

    def number(match):
        count = seen[match.group(2)] = seen.get(match.group(2), 0) + 1
        return f'<sup id="fnref{count if count > 1 else ""}:{match.group(2)}">'

    return _FNREF_RE.sub(number, html_text)


_ASIDE = "<!-- citations: footnotes -->"
_FOOTNOTES_BACK = "citations: footnotes back"
_DIV_TAG_RE = re.compile(r"<(/?)div\b")


def set_footnotes_aside(html_text: str) -> tuple[str, str]:
    """Cut the search-excluded footnotes div out of the page: (page with a marker, the div)."""
    start = html_text.find('<div class="footnote" data-search-exclude>')
    if start < 0:
        return html_text, ""
    depth = 0
    for tag in _DIV_TAG_RE.finditer(html_text, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = html_text.index(">", tag.end()) + 1
            return html_text[:start] + _ASIDE + html_text[end:], html_text[start:end]
    return html_text, ""


# --- required citations ----------------------------------------------------------------------

_MIN_WORDS = 8
_WORD_RE = re.compile(r"\w+")
_LIST_ITEM_RE = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_TABLE_RULE_RE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\Z")
_EXEMPT_RE = re.compile(r"\{:[^}]*\.ohne-beleg\b[^}]*\}")
_MARKUP_RE = re.compile(r"\]\([^)]*\)|<[^>]*>|`[^`]*`|\{:[^}]*\}|\[\^[^\]]*\]|https?://\S+")
_TITLE_RE = re.compile(r"[ \t]*(?:!!!|\?\?\?\+?)[ \t]")


def find_unsupported(text: str, found: Scan) -> list[tuple[int, int, int]]:
    """Blocks of eight words or more without a citation: (line, block offset, marker offset).

    Blocks are paragraphs, list items and table rows; headings, code, HTML, admonition titles,
    footnote and link definitions, blocks marked `{: .ohne-beleg }`, and block quotes followed
    by a citation are not flagged.
    """
    cited = [c.start for c in found.citations]
    headings = [(m.start(), m.end()) for m in _HEADING_RE.finditer(text)]
    skip = list(found.protected) + headings + list(found.author_defs.values())
    blocks = list(_blocks(text, skip))
    result = []
    for index, (kind, start, end) in enumerate(blocks):
        chunk = text[start:end]
        if _EXEMPT_RE.search(chunk) or any(start <= c < end for c in cited):
            continue
        if len(_WORD_RE.findall(_MARKUP_RE.sub(" ", chunk))) < _MIN_WORDS:
            continue
        if kind == "quote" and index + 1 < len(blocks):
            following = blocks[index + 1]
            if any(following[1] <= c < following[2] for c in cited):
                continue
        result.append((_line_of(text, start), start, _marker_offset(text, kind, end)))
    return result


def _blocks(text: str, skip):
    """(kind, start, end) of each paragraph, list item, table row and quote, in order."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    current = None                          # [kind, start, end]
    in_table = False
    for number, line in enumerate(lines):
        start = offsets[number]
        end = start + len(line)
        stripped = line.strip()
        if not stripped or _inside(start, skip) or stripped.startswith(("<", "*[")) \
                or _TITLE_RE.match(line) or re.match(r"[ \t]*\[[^\]]+\]:", line):
            if current:
                yield tuple(current)
            current = None
            if not stripped:
                in_table = False
            continue
        if _TABLE_RULE_RE.match(line) and "-" in line and ("|" in line or in_table) \
                and current is not None and "|" in text[current[1]:current[2]]:
            in_table = True                  # the header row above is not flagged
            current = None
            continue
        if in_table:
            yield ("row", start, end)
            continue
        bare = stripped.lstrip(">").strip() if stripped.startswith(">") else None
        if bare is not None:
            if current and current[0] == "quote":
                current[2] = end
                continue
            if current:
                yield tuple(current)
            current = ["quote", start, end]
            continue
        if _LIST_ITEM_RE.match(line):
            if current:
                yield tuple(current)
            current = ["item", start, end]
            continue
        if current and not (current[0] == "quote"):
            current[2] = end
            continue
        if current:
            yield tuple(current)
        current = ["para", start, end]
    if current:
        yield tuple(current)


def _marker_offset(text: str, kind: str, end: int) -> int:
    """Where the marker goes: after the block's last word, before a trailing `|` or `{: }`."""
    line_start = text.rfind("\n", 0, end) + 1
    line = text[line_start:end]
    cut = len(line.rstrip())
    attr = re.search(r"[ \t]*\{:[^}]*\}[ \t]*\Z", line)
    if attr:
        cut = attr.start()
    elif kind == "row" and line.rstrip().endswith("|"):
        cut = len(line.rstrip()) - 1
        while cut > 0 and line[cut - 1] in " \t":
            cut -= 1
    return line_start + cut


# --- formatting references -------------------------------------------------------------------

_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember")


def german_date(parts: tuple[int, ...]) -> str:
    """(2024, 12, 16) -> '16. Dezember 2024'; (2024, 12) -> 'Dezember 2024'; (2024,) -> '2024'."""
    if len(parts) == 3:
        return f"{parts[2]}. {_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def short_reference(source: Source) -> str:
    """The outlet or publisher, else the title: plain text."""
    fields = source.fields
    return fields.get("container-title") or fields.get("publisher") or fields.get("title") or source.id


def format_reference(source: Source, registry: dict[str, Source], locator: str = "",
                     sources_href: str | None = None, *, full: bool = False) -> str:
    """German reference as HTML; every value escaped. `full` adds what the sources page shows."""
    fields = source.fields
    esc = html.escape
    parts = []
    outlet = fields.get("container-title") or fields.get("publisher")
    title = fields.get("title")
    url = fields.get("URL")
    names = fields.get("author")
    if outlet:
        parts.append(esc(outlet))
    if names:
        parts.append(esc(", ".join(names)))
    if title:
        quoted = f"„{esc(title)}“"
        parts.append(_link(url, quoted) if url else quoted)
    elif url and parts:
        parts[0] = _link(url, parts[0])
    if "issued" in fields:
        parts.append(german_date(fields["issued"]))
    if locator:
        parts.append(esc(locator))
    text = ", ".join(parts)
    if full and fields.get("publisher") and fields.get("container-title"):
        text += f" ({esc(fields['publisher'])})"
    if source.via and source.via in registry:
        via = esc(short_reference(registry[source.via]))
        if sources_href is not None:
            via = f'<a href="{esc(sources_href)}#{esc(source.via)}">{via}</a>'
        text += f"; zitiert nach {via}"
    text += "."
    if full:
        if "accessed" in fields:
            text += f" Abgerufen am {german_date(fields['accessed'])}."
        if fields.get("note"):
            text += f" {esc(fields['note'])}"
    return text


def _link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url)}" rel="noopener noreferrer">{label}</a>'


# --- the sources page ------------------------------------------------------------------------

_LIST_MARKER_RE = re.compile(r"<!--\s*citations:sources\b.*?-->", re.S)
_GROUPS = (
    ("Presseberichte", {"article", "article-newspaper", "article-magazine", "periodical"}),
    ("Interviews", {"interview"}),
    ("Rundfunk und Fernsehen", {"broadcast", "motion_picture"}),
    ("Erklärungen und Reden", {"speech", "personal_communication"}),
    ("Berichte und Analysen", {"report", "article-journal", "paper-conference", "book",
                               "chapter", "thesis"}),
    ("Webseiten", {"webpage", "post", "post-weblog"}),
)
_OTHER_GROUP = "Weitere Quellen"
_SLOT = "citations-sources-"


def group_of(source: Source) -> str:
    for name, types in _GROUPS:
        if source.type in types:
            return name
    return _OTHER_GROUP


def _group_names(registry: dict[str, Source]) -> list[str]:
    present = {group_of(source) for source in registry.values()}
    return [name for name, _ in _GROUPS if name in present] + \
        ([_OTHER_GROUP] if _OTHER_GROUP in present else [])


def insert_sources_skeleton(markdown: str, registry: dict[str, Source]) -> str:
    """Headings per kind of source, each followed by a slot that on_page_context fills."""
    names = _group_names(registry)
    skeleton = "\n\n".join(f"## {name}\n\n{_SLOT}{index}" for index, name in enumerate(names))
    if not names:
        skeleton = "Noch keine Quellen eingetragen."
    if _LIST_MARKER_RE.search(markdown):
        return _LIST_MARKER_RE.sub(lambda _: skeleton, markdown, count=1)
    return markdown.rstrip("\n") + "\n\n" + skeleton + "\n"


def fill_sources_list(content: str, registry: dict[str, Source], uses: dict[str, dict[str, int]],
                      pages: dict, order: dict[str, int], here: str) -> str:
    """Replace each group's slot with its list: reference, anchor, back-links with counts."""
    names = _group_names(registry)
    based_on: dict[str, list[str]] = {}
    for source in registry.values():
        if source.via:
            based_on.setdefault(source.via, []).append(source.id)
    links = {uri: (order.get(uri, len(order)), uri,
                   f'<a href="{html.escape(_relative(page.url, here))}">'
                   f'{html.escape(page.title or uri)}</a>')
             for uri, page in pages.items()}
    for index, name in enumerate(names):
        members = sorted((s for s in registry.values() if group_of(s) == name),
                         key=lambda s: (re.sub(r"\W+", " ", short_reference(s)).strip().casefold(),
                                        s.id))
        items = "".join(_source_item(s, registry, uses.get(s.id, {}), links,
                                     based_on.get(s.id, [])) for s in members)
        content = content.replace(f"<p>{_SLOT}{index}</p>",
                                  f'<ul class="citations-sources">{items}</ul>', 1)
    return content


def _source_item(source: Source, registry, uses: dict[str, int], links: dict,
                 based_on: list[str]) -> str:
    esc = html.escape
    text = format_reference(source, registry, full=True, sources_href="")
    cited = sorted(links[uri] + (count,) for uri, count in uses.items() if uri in links)
    if cited:
        usage = "Zitiert auf: " + ", ".join(f"{link} ({count}×)" for _, _, link, count in cited)
        usage += "."
    else:
        usage = "Auf keiner Seite direkt zitiert."
    if based_on:
        basis = ", ".join(f'<a href="#{esc(key)}">{esc(short_reference(registry[key]))}</a>'
                          for key in based_on)
        usage += f" Grundlage für: {basis}."
    return (f'<li id="{esc(source.id)}"><p>{text}</p>'
            f'<p class="citations-uses">{usage}</p></li>')
