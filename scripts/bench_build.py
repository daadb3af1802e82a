"""One `mkdocs build` in this process, timed per hook; scripts/bench.py runs it once per build.

    python scripts/bench_build.py CONFIG [--profile FILE | --imports-only]

Prints one JSON object:
- "cpu": CPU seconds of the build, from loading the config to the last file written (what
  `mkdocs build` does after its imports; the imports of MkDocs, Material and Markdown come first
  and are not counted, the hooks' own imports are);
- "rss_kb", "rss_start_kb": the process's peak resident memory at the end and before the build;
  "rss_read_kb", "rss_rendered_kb": the peak so far when the first page is read (the config,
  the hooks' data and the files loaded) and when the first page is written (every page rendered
  and held by MkDocs until it is written);
- "own": CPU seconds spent in each hook, by event. A hook's time is that of its event functions
  (those of its module, and of the objects it registers as plugins), plus the Markdown
  processors its Markdown extensions add, found by module name (a processor from
  `explainer.glossary.extension` counts for the hook `hooks/glossary.py`). Time spent in a hook
  that calls into another is the outer one's. Other plugins (search) are listed under their name.
- "pages": the number of pages built; "warnings": the WARNING lines of the build.

With --profile, the build runs under cProfile and the statistics go to FILE. With
--imports-only, the script stops before the build (bench.py --instructions subtracts its count).
"""
from __future__ import annotations

import argparse
import functools
import json
import logging
import re
import resource
import sys
import time
from pathlib import Path

import markdown
import material  # noqa: F401  (imported before the clock starts, like the rest of the stack)
import pymdownx  # noqa: F401
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import CombinedEvent, PluginCollection

# Modules whose processors and events are the stack's own, not a hook's.
LIBRARIES = ("markdown.", "pymdownx.", "mkdocs.", "material.", "mkdocs_", "markdown_")


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.imports_only:               # what comes before the clock, for bench.py --instructions
        return 0
    clock = _Clock()
    _instrument(clock)
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    rss_start = _peak_rss()
    started = time.process_time()
    if args.profile:
        import cProfile

        profile = cProfile.Profile()
        profile.runcall(_build, args.config, clock)
        profile.dump_stats(args.profile)
    else:
        _build(args.config, clock)
    cpu = time.process_time() - started
    json.dump({"cpu": cpu, "rss_kb": _peak_rss(),
               "rss_start_kb": rss_start, "rss_read_kb": clock.rss_read,
               "rss_rendered_kb": clock.rss_rendered, "pages": clock.pages, "own": clock.spent(),
               "warnings": warnings.lines}, sys.stdout)
    return 0


def _build(config_file: str, clock: _Clock) -> None:
    config = load_config(config_file)
    clock.hooks = {name: _label(name) for name in config.hooks}
    build(config)


def _label(hook: str) -> str:
    """A hook's name: its file name without .py ('hooks/glossary.py' -> 'glossary')."""
    return Path(hook).stem


class _Clock:
    """CPU seconds by owner (a hook's name or a module) and by event; one timer at a time."""

    def __init__(self):
        self.hooks: dict[str, str] = {}          # hook module name -> label
        self.times: dict[tuple[str, str], float] = {}
        self.pages = 0
        self.rss_read = self.rss_rendered = 0   # peak resident memory (KB) at two moments
        self._running = False

    def timed(self, function, module: str, event: str):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            if self._running:                   # inside another timed call: counted there
                return function(*args, **kwargs)
            self._running = True
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                key = (module, event)
                self.times[key] = self.times.get(key, 0.0) + time.process_time() - started
                self._running = False
        return timed

    def spent(self) -> dict[str, dict[str, float]]:
        owners: dict[str, dict[str, float]] = {}
        for (module, event), seconds in self.times.items():
            events = owners.setdefault(self._owner(module), {})
            events[event] = events.get(event, 0.0) + seconds
        return owners

    def _owner(self, module: str) -> str:
        # A hook module itself, else the last part of a dotted/path name that names a hook.
        if module in self.hooks:
            return self.hooks[module]
        if module.startswith("plugin "):         # another plugin: "plugin material/search"
            return module
        labels = set(self.hooks.values())
        for part in reversed(re.split(r"[./\\]", module)):
            if part in labels:
                return part
        return module


def _instrument(clock: _Clock) -> None:
    """Time every event function registered with MkDocs and every Markdown processor of a hook."""
    register = PluginCollection._register_event

    def _register_event(self, event_name, method, plugin_name=None):
        module = getattr(method, "__module__", "") or ""
        if isinstance(method, CombinedEvent):           # registered as its parts, one by one
            pass
        elif not module.startswith(LIBRARIES):
            method = clock.timed(method, module, event_name)
        elif module.startswith(LIBRARIES) and plugin_name:  # another plugin, e.g. search
            method = clock.timed(method, f"plugin {plugin_name}", event_name)
        return register(self, event_name, method, plugin_name)

    PluginCollection._register_event = _register_event
    extensions = markdown.Markdown.registerExtensions

    def registerExtensions(md, *args, **kwargs):
        result = extensions(md, *args, **kwargs)
        for kind, registry, methods in (("preprocessor", md.preprocessors, ("run",)),
                                        ("block", md.parser.blockprocessors, ("test", "run")),
                                        ("inline", md.inlinePatterns, ("handleMatch",)),
                                        ("treeprocessor", md.treeprocessors, ("run",)),
                                        ("postprocessor", md.postprocessors, ("run",))):
            for processor in registry:
                module = type(processor).__module__
                if module.startswith(LIBRARIES) or module == "__main__":
                    continue
                for name in methods:
                    setattr(processor, name,
                            clock.timed(getattr(processor, name), module, f"markdown {kind}"))
        return result

    markdown.Markdown.registerExtensions = registerExtensions
    populate = sys.modules["mkdocs.commands.build"]._populate_page

    @functools.wraps(populate)
    def _populate_page(page, *args, **kwargs):
        if not clock.pages:
            clock.rss_read = _peak_rss()
        clock.pages += 1
        return populate(page, *args, **kwargs)

    sys.modules["mkdocs.commands.build"]._populate_page = _populate_page
    write = sys.modules["mkdocs.commands.build"]._build_page

    @functools.wraps(write)
    def _build_page(page, *args, **kwargs):
        if not clock.rss_rendered:
            clock.rss_rendered = _peak_rss()
        return write(page, *args, **kwargs)

    sys.modules["mkdocs.commands.build"]._build_page = _build_page


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class _Warnings(logging.Handler):
    """Keeps the build's WARNING lines: a benchmark of a site that does not build is no figure."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("config", help="the mkdocs.yml to build")
    parser.add_argument("--profile", help="run under cProfile and write its statistics here")
    parser.add_argument("--imports-only", action="store_true",
                        help="stop after the imports that come before the clock")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
