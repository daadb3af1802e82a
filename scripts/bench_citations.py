"""Benchmark of the citations hook: a synthetic site built with and without it.

    .venv/bin/python scripts/bench_citations.py [--pages 1000] [--citations 20] [--sources 200]
                                                [--repeat 1]

Writes a site of PAGES pages with CITATIONS citations each and a registry of SOURCES sources
into a temporary directory, builds it in this process with the project's Markdown setup and the
Material theme, once without the hook and once with it (alternating, REPEAT times, best time
kept), and prints both build times, their ratio, and the hook's own time (timers around its
event functions) as a share of the build. Targets: ratio at most 1.25, hook share at most 2%.
Times are this process's CPU time, so that other work on the machine does not skew them.
"""
from __future__ import annotations

import argparse
import functools
import logging
import random
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "hooks" / "citations.py"

WORDS = ("Russland zog nach dem Sturz Assads Truppen und Diplomaten aus Syrien ab und verhandelte "
         "mit der neuen Führung über die Stützpunkte Hmeimim und Tartus am Mittelmeer während "
         "die Übergangsregierung ihre Arbeit aufnahm").split()
CONFIG = """\
site_name: Benchmark
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: de
  font: false
  features: [content.footnote.tooltips, content.tooltips, search.highlight, search.suggest]
plugins:
  - search:
      lang: de
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - footnotes
  - pymdownx.details
  - pymdownx.superfences
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--citations", type=int, default=20, help="citations per page")
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind; best kept")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)   # a build's INFO lines are not figures

    with tempfile.TemporaryDirectory(prefix="bench-citations-") as tmp:
        root, warm = Path(tmp) / "site", Path(tmp) / "warm-up"
        write_site(root, args.pages, args.citations, args.sources)
        write_site(warm, 3, args.citations, args.sources)
        build(warm, with_hook=True)                        # imports, theme templates
        plain, cited, hook = [], [], []
        for _ in range(args.repeat):
            plain.append(build(root, with_hook=False)[0])
            total, own = build(root, with_hook=True)
            cited.append(total)
            hook.append(own)
    best = min(range(args.repeat), key=lambda i: cited[i])
    without, with_, events = min(plain), cited[best], hook[best]
    own = sum(events.values())
    print(f"site: {args.pages} pages x {args.citations} citations, {args.sources} sources "
          f"({args.pages * args.citations} citations)")
    print(f"build without citations: {without:7.2f} s  ({1000 * without / args.pages:.1f} ms/page)")
    print(f"build with citations:    {with_:7.2f} s  ({1000 * with_ / args.pages:.1f} ms/page)")
    print(f"ratio with/without:      {with_ / without:7.2f}    (target <= 1.25)")
    print(f"hook's own time:         {own:7.2f} s  = {100 * own / with_:.2f}% of the build "
          f"({1000 * own / args.pages:.2f} ms/page; target <= 2%)")
    print("  by event: " + ", ".join(f"{name} {1000 * t:.0f} ms" for name, t in
                                     sorted(events.items(), key=lambda item: -item[1])))


def write_site(root: Path, pages: int, per_page: int, sources: int) -> None:
    rng = random.Random(1734307200)
    docs = root / "docs"
    docs.mkdir(parents=True)
    entries = []
    for n in range(sources):
        entry = [f"- id: s{n:03d}", "  type: article-newspaper",
                 f"  container-title: Zeitung {n % 37}",
                 f"  title: Bericht Nummer {n} über Syrien und Russland",
                 f"  issued: 2024-12-{1 + n % 28:02d}"]
        if n % 2:
            entry.append(f"  URL: https://zeitung{n % 37}.example/artikel/{n}")
        if n % 3 == 0 and n:
            entry.append("  via: s000")
        entries.append("\n".join(entry))
    (root / "sources.yml").write_text("\n".join(entries) + "\n", encoding="utf-8")
    for p in range(pages):
        (docs / f"seite{p:04d}.md").write_text(page_text(rng, p, per_page, sources),
                                                encoding="utf-8")
    (docs / "index.md").write_text("# Benchmark\n\nStartseite.\n", encoding="utf-8")
    (docs / "sources.md").write_text("# Quellen\n\nAlle Quellen.\n\n<!-- citations:sources -->\n",
                                     encoding="utf-8")


def page_text(rng: random.Random, number: int, per_page: int, sources: int) -> str:
    """Paragraphs, a list and an admonition; two citations per paragraph-sized block."""
    own = rng.sample(range(sources), k=min(sources, max(1, per_page * 2 // 3)))
    blocks = [f"# Seite {number}", ""]
    for c in range(per_page):
        key = f"s{rng.choice(own):03d}"
        locator = ", S. 3" if c % 7 == 3 else ""
        sentence = " ".join(rng.choices(WORDS, k=14))
        text = f"{sentence.capitalize()} [@{key}{locator}]."
        if c % 10 == 4:
            blocks += ['!!! note "Hinweis"', "", f"    {text}", ""]
        elif c % 10 in (6, 7):
            blocks += [f"- {text}", ""]
        elif c % 2 == 0:
            blocks.append(text)
        else:
            blocks += [text, ""]
    return "\n".join(blocks) + "\n"


def build(root: Path, *, with_hook: bool) -> tuple[float, float]:
    """One in-process build: (whole build time, time spent in the hook's event functions)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config_text = CONFIG + (f"hooks:\n  - {HOOK}\n" if with_hook else "")
    (root / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    started = time.process_time()
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "build"))
    spent: dict[str, float] = {}
    if with_hook:
        _time_hook(config, spent)
    mkdocs_build(config)
    return time.process_time() - started, spent


def _time_hook(config, spent: dict[str, float]) -> None:
    """Wrap each of the hook's event functions in a timer; seconds by event in `spent`."""
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            if getattr(method, "__module__", "") != str(HOOK):
                continue

            @functools.wraps(method)
            def timed(*args, _method=method, _event=event, **kwargs):
                started = time.process_time()
                try:
                    return _method(*args, **kwargs)
                finally:
                    spent[_event] = spent.get(_event, 0.0) + time.process_time() - started

            methods[index] = timed
            plugins._event_origins[timed] = plugins._event_origins.get(method, str(HOOK))


if __name__ == "__main__":
    main()
