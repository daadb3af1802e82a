"""Citations: Pandoc-style `[@key]` become numbered footnotes from the source registry.

The logic lives in `explainer.citations`; this hook holds the MkDocs events and one state
object per build. Configuration in mkdocs.yml (all optional):

    extra:
      citations:
        registry: sources.yml   # path relative to mkdocs.yml
        required: false         # true: every page must cite (front matter `citations: required`)
        page: sources.md        # the page that lists the sources (marker <!-- citations: sources -->)
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from explainer import preview
from explainer.citations.build import CitationsBuild, page_requires, page_value_problem
from explainer.citations.footnotes import (CitationsExtension, for_search, process_markdown,
                                           put_back, sources_for_search)
from explainer.citations.registry import load_registry_file, registry_path
from explainer.citations.scan import has_citation, raw_html_lines
from explainer.citations.shown import may_show_citations, shown_as_text
from explainer.citations.sources_page import (MARKER, check_anchors, fill_sources_list,
                                              insert_sources_skeleton, list_anchors,
                                              list_markers, marker_problems, relative)
from explainer.data import (control_character_at, kind_of, read_bytes, read_text,
                            reads_as_utf8)
from explainer.location import PageLocation, at_line, shown_path
from explainer.markers import marker_warnings
from explainer.markup import forbidden_reference_at
from explainer.options import feature_options, path_option, unknown_options
from explainer.preview import Problems
from explainer.search_view import SearchView, material_search, search_reads_pages
from explainer.strings import for_config

log = get_plugin_logger("citations")

OPTIONS = ("registry", "required", "page")        # of extra.citations
FRONT_MATTER_TEXTS = ("title", "description")     # shown as plain text: no footnote there

_build: CitationsBuild | None = None


# Once per process: a preview shows broken data files in its pages instead of stopping.
on_startup = preview.on_startup
on_serve = preview.on_serve      # data files missing at the start: their folders watched


# Load and check the registry; register the Markdown extension that fills the footnotes.
def on_config(config):
    global _build
    options = feature_options(config, "citations")
    for message in unknown_options(options, "citations", OPTIONS):
        log.warning(message)
    if not isinstance(options.get("required", False), bool):
        log.warning(f"mkdocs.yml: extra.citations.required: expected true or false, found "
                    f"{kind_of(options['required'])}; pages cite as their front matter says")
    if not any(str(name).rsplit(".", 1)[-1] == "footnotes" for name in config.markdown_extensions):
        raise PluginError("mkdocs.yml: the citations hook needs the `footnotes` Markdown extension")
    base = Path(config.config_file_path).parent
    path = registry_path(config)
    shown = shown_path(path, base)
    strings = for_config(config)
    problems = Problems(preview.serving(), log, strings)
    if not path.exists() and "registry" not in options:
        log.info(f"{shown} not found: no sources yet (every citation is an unknown source)")
        registry, warnings = {}, []
    else:
        registry, warnings = problems.attempt(_load_registry, path, shown, default=({}, []))
    for message in warnings:
        log.warning(message)
    _build = CitationsBuild(registry=registry, registry_shown=shown, problems=problems,
                            required=options.get("required") is True,
                            sources_page=path_option(config, "citations", "page", "sources.md"),
                            strings=strings,
                            search=search_reads_pages(config),
                            view=SearchView(material_search(config)))
    preview.watch(config, path)
    # The footnotes' back-link title in the site's language, unless mkdocs.yml gives one.
    config.mdx_configs.setdefault("footnotes", {}).setdefault(
        "BACKLINK_TITLE", strings("citations.backlink_title"))
    config.markdown_extensions.append(CitationsExtension(_build.current_result,
                                                         _build.current_is_searchable,
                                                         strings=strings))
    return config


# Every page must be UTF-8 (MkDocs itself would stop with a traceback), without the control
# characters no HTML page may hold, typed or as references (data files refuse them); find the
# sources page.
def on_files(files, /, *, config):
    build = _state()
    base = Path(config.config_file_path).parent
    for file in list(files.documentation_pages()):
        if not file.abs_src_path:
            continue
        raw = read_bytes(file.abs_src_path)
        if not reads_as_utf8(raw) and build.problems.attempt(
                read_text, file.abs_src_path, shown_path(file.abs_src_path, base)) is None:
            files.remove(file)            # a preview leaves the page out and says why
            continue
        if (control := control_character_at(raw)) is not None:
            line, char = control
            log.warning(f"{at_line(shown_path(file.abs_src_path, base), line)}: a control "
                        f"character ({char}), which no HTML page may hold; remove it")
        # Python-Markdown keeps `&#0;` outside code as written.
        if b"&#" in raw and (reference := forbidden_reference_at(
                raw.decode("utf-8-sig", "replace"))) is not None:
            line, shown = reference
            log.warning(f"{at_line(shown_path(file.abs_src_path, base), line)}: the character "
                        f"reference {shown} stands for no character a page may hold; remove it")
    file = files.get_file_from_path(build.sources_page)
    build.sources_url = file.url if file is not None and file.is_documentation_page() else None
    return files


# Citations become footnote references; the sources page gets its list's headings and slots.
# Priority 50: after the hooks that write citations into a page (timeline, glossary: 90), before
# those whose generated text is not a claim to cite (the map's captions: default 0).
@event_priority(50)
def on_page_markdown(markdown, /, *, page, config, files):
    build = _state()
    build.current = None
    where = PageLocation(page, Path(config.config_file_path).parent)
    problem = page_value_problem(page.meta)
    if problem is not None:
        log.warning(f"{where.at_key('citations')}: {problem}")
    for key in FRONT_MATTER_TEXTS:
        if isinstance(page.meta.get(key), str) and has_citation(page.meta[key]):
            log.warning(f"{where.at_key(key)}: front matter key '{key}': a citation cannot "
                        f"stand in the page's {key} (plain text, no footnote); cite in the text")
    for message in marker_warnings(markdown, [MARKER], where):
        log.warning(message)
    if build.problems.errors:
        return None                       # a preview with a broken registry: citations off
    src_uri = page.file.src_uri
    is_sources_page = src_uri == build.sources_page
    if MARKER in markdown:
        for line, problem in marker_problems(markdown):
            log.warning(f"{where.at(line, markdown)}: {problem}")
    if not is_sources_page and MARKER in markdown:
        for marker in list_markers(markdown):
            log.warning(f"{where.at(marker.line, markdown)}: the list of sources goes on "
                        f"{build.sources_page} (extra.citations.page); this marker is ignored")
    required = page_requires(page.meta, build.required) and not is_sources_page
    if "@" not in markdown and "[^" not in markdown and not required and not is_sources_page:
        return None
    to_sources = relative(build.sources_url, page.url) if build.sources_url is not None else None
    result = process_markdown(markdown, build.registry, strings=build.strings,
                              required=required, sources_href=to_sources,
                              formatted=build.formatted)
    for problem in result.problems:
        if problem.unknown is not None and where.sources_checked(problem.line, markdown):
            continue                      # said at its entry by the data file's hook
        report = log.info if problem.level == "info" else log.warning
        message = problem.generated if problem.generated and where.generated(
            problem.line, markdown) else problem.message
        report(f"{where.at(problem.line, markdown)}: {message}")
    build.record(page, result)
    build.current, build.current_searchable = result, is_sources_page
    markdown = result.markdown
    if is_sources_page:
        # A marker in a raw HTML block is none (explainer.markers says so, for every marker).
        raw = raw_html_lines(markdown)
        markers = list_markers(markdown)
        if not markers:
            log.warning(f"{where.at()}: no line <!-- citations: sources --> marks where the "
                        f"list of sources goes; it was put at the end")
        for marker in markers[1:]:
            log.warning(f"{where.at(marker.line, markdown)}: the list of sources is on this page "
                        f"already; this marker is left out")
        markdown = insert_sources_skeleton(markdown, build.registry, build.strings, raw)
    return markdown


# Rendered: the next page starts without this one's notes. Citation syntax the page still
# shows as text (the citations pass and Python-Markdown read a place differently) is a warning.
def on_page_content(html, /, *, page, config, files):
    build = _state()
    result, build.current = build.current, None
    if result is not None and may_show_citations(html):
        where = PageLocation(page, Path(config.config_file_path).parent)
        for line, message in shown_as_text(html, result, build.registry):
            log.warning(f"{where.at(line, result.source)}: {message}")
    if page.file.src_uri == build.sources_page:
        build.sources_content = (html, PageLocation(page, Path(config.config_file_path).parent))
        # The list's ids are the page's anchors too, for MkDocs' link check and the glossary's.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= list_anchors(html, build.registry)
    return html


# Every page read: a source whose id the sources page has already (a heading's) stops the build.
def on_env(env, /, *, config, files):
    build = _state()
    if build.sources_content is not None:
        html, where = build.sources_content
        build.problems.attempt(check_anchors, html, build.registry, build.registry_shown,
                               where.file)
    return env


# Before search reads the page. The sources page: every page has been read by now, so fill in
# the list; search reads it without the links to the pages citing each source. Other pages:
# search reads them without the notes it skips and without the links in the references it
# drops (explainer.search_view); parsing them cost more than all the rest of citations. With
# Material's search, each reference's superscript goes as stand-ins, which the index gets back
# as superscripts when the page is taken back.
@event_priority(50)
def _before_search(context, /, *, page, config, nav):
    build = _state()
    if page.content is None:
        return context
    if page.file.src_uri == build.sources_page:
        order = {p.file.src_uri: i for i, p in enumerate(nav.pages)}
        page.content = fill_sources_list(page.content, build.registry, build.uses, build.pages,
                                         order, page.url, build.strings)
        if build.search:
            build.view.hand_over(page, sources_for_search)
    elif build.search and page.file.src_uri in build.pages:
        if build.view.puts_back:
            build.view.hand_over(page, partial(for_search, stand_ins=True), put_back)
        else:
            build.view.hand_over(page, for_search)
    return context


# After search: the page as it was, and in the index the superscripts.
@event_priority(-100)
def _after_search(context, /, *, page, config, nav):
    if not _state().view.take_back(page):
        where = PageLocation(page, Path(config.config_file_path).parent)
        log.warning(f"{where.at()}: another plugin changed the page while search read it "
                    f"without its footnotes; that change was undone")
    return context


on_page_context = CombinedEvent(_before_search, _after_search)


# In a preview, the errors of broken data files at the top of every page.
def on_post_page(output, /, *, page, config):
    return _state().problems.show(output)


# One summary line per build, and the sources nobody cites.
def on_post_build(*, config):
    build = _state()
    unused = build.never_cited()
    if unused:
        log.info(f"{build.registry_shown}: never cited: {', '.join(unused)}")
    log.info(build.summary())


def _load_registry(path: Path, shown: str):
    if not path.exists():
        raise PluginError(f"{shown}: source registry not found (extra.citations.registry "
                          f"in mkdocs.yml names it)")
    return load_registry_file(path, shown)


def _state() -> CitationsBuild:
    if _build is None:
        raise PluginError("citations: on_config did not run; list the hook under `hooks:`")
    return _build
