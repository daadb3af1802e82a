"""Benchmark of the hooks: synthetic sites of this site's shape, built without hooks, with the
citations hook alone and with every hook of mkdocs.yml, side by side in one run.

    make bench
    .venv/bin/python scripts/bench.py [--sites 300x20 600x20 300x40] [--rounds 5]
    .venv/bin/python scripts/bench.py --profile 300x20      # where the time goes, by function
    .venv/bin/python scripts/bench.py --instructions        # instructions counted (valgrind)

Each site (PAGES x CITATIONS a page) is a copy of the project (its mkdocs.yml, data files,
hooks and pages) with generated pages added until it has PAGES pages, outside the nav (the nav
stays the site's own, small one): paragraphs, lists and notes whose sentences carry
CITATIONS citations of the site's sources in all, a map marker on every 25th page and the
timeline marker on every 100th. Their prose has the shape of the site's own pages, measured
from them: as many words, glossary names and quotations („…“) per citation. The hooks are the
config's own list, read from mkdocs.yml; "citations" is the one of them named citations.py.

Every build is a fresh process (scripts/bench_build.py) timed in CPU seconds, so that the other
work on the machine and the previous build do not count. Builds alternate: each round builds
every site in every variant, the order of the variants reversed every other round. Printed are
the medians over the rounds: build times, the ratios of each round's builds (median), each
hook's own time per page, costs per page and per citation at two sizes (equal figures mean
linear growth), and the peak memory of a build with and without hooks, and where it grows. Not
a test: the figures depend on the machine; their ratios much less.

With --instructions, each build runs once under valgrind (callgrind) instead, and what is
compared is the number of instructions it executes, without those of the imports before the
clock (a run of the worker that stops after them). The count varies little between runs and
machines where CPU seconds drift; it does not weigh what costs time without instructions
(cache misses, memory), so it is a second view beside the seconds, not a replacement.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().parent / "bench_build.py"
# What the copy of the project leaves out: tools, tests and what builds and tests produce.
NOT_COPIED = {".git", ".venv", "node_modules", "site", "tests", "scripts", "test-artifacts",
              ".pytest_cache", ".github", ".ci"}
GENERATED = "bench-seite-{:04d}.md"   # generated pages, beside the site's own (relative links)
MARKERS = {"karte": 25, "chronologie": 100}   # marker name -> on every n-th generated page
WORDS = ("Russland zog nach dem Sturz Truppen und Diplomaten ab und verhandelte mit der neuen "
         "Führung über die Stützpunkte am Mittelmeer während die Übergangsregierung ihre Arbeit "
         "aufnahm").split()
TARGETS = {"citations": 1.30, "all": 1.50}   # build time / build without hooks
HOOK_TARGET_MS = 1.0                          # own time of one hook, per page
MEMORY_TARGET = 1.25                          # peak memory with / without hooks
VARIANTS = ("none", "citations", "all")


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    project = _project()
    if not project["citations_hook"]:
        sys.stderr.write("mkdocs.yml lists no hook named citations.py\n")
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        sites = {spec: _write_site(Path(tmp) / f"site-{spec}", *_size(spec), project)
                 for spec in (args.profile and [args.profile] or args.sites)}
        if args.profile:
            return _profile(sites[args.profile], args.variant, Path(tmp) / "profile", args.top)
        if args.instructions:
            return _instructions(sites, Path(tmp) / "callgrind.out")
        print(f"hooks of mkdocs.yml: {', '.join(project['hooks'])}")
        for spec, site in sites.items():
            print(f"site {spec}: {site['pages']} pages ({project['own_pages']} of the site's own, "
                  f"the rest generated), {site['citations']} citations in the generated ones")
        shape = project["shape"]
        print(f"generated prose as the site's own pages: per citation {shape['words']} words, "
              f"{shape['names']:.2f} glossary names, {shape['quotes']:.2f} quotations")
        print(f"{args.rounds} rounds; each build a fresh process, CPU seconds; medians", flush=True)
        _run(sites[args.sites[0]], "all")          # warm-up: compiled files, disk cache
        runs: dict[tuple[str, str], list[dict]] = {}
        for number in range(args.rounds):
            order = VARIANTS if number % 2 == 0 else VARIANTS[::-1]
            for spec, site in sites.items():
                for variant in order:
                    runs.setdefault((spec, variant), []).append(_run(site, variant))
            print(f"  round {number + 1} of {args.rounds} done", file=sys.stderr, flush=True)
    _report(args.sites, runs, project)
    return 0


# --- the site -----------------------------------------------------------------------------------

def _project() -> dict:
    """What the generated site copies from the project: hooks, citation keys, terms, markers,
    and the shape of its prose (see _shape)."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        config = yaml_load(file)
    hooks = [str(hook) for hook in config.get("hooks") or []]
    docs = ROOT / config.get("docs_dir", "docs")
    pages = sorted(docs.rglob("*.md"))
    texts = [page.read_text(encoding="utf-8") for page in pages]
    keys = sorted({key for text in texts for key in re.findall(r"\[@([\w.:-]+)", text)})
    markers: dict[str, list[str]] = {}
    for text in texts:
        for line in re.findall(r"^<!--\s*\w+.*-->[ \t]*$", text, flags=re.M):
            name = re.match(r"<!--\s*(\w+)", line).group(1)
            if name in MARKERS:
                markers.setdefault(name, []).append(line.strip())
    terms = _glossary_terms()
    language = (config.get("theme") or {}).get("language") or "en"
    return {"hooks": hooks, "citations_hook": [h for h in hooks if Path(h).stem == "citations"],
            "keys": keys, "terms": [form for term in terms for form in term.forms],
            "markers": markers, "shape": _shape(texts, terms, language),
            "filler": _filler(terms, language),
            "docs": config.get("docs_dir", "docs"), "own_pages": len(pages)}


def _glossary_terms() -> list:
    # The terms of glossary.yml, read by the glossary's own loader: their spellings are the
    # words the glossary marks.
    from markdown.extensions.toc import slugify

    from explainer.glossary.terms import load_terms

    path = ROOT / "glossary.yml"
    return load_terms(path, slugify) if path.is_file() else []


def _filler(terms: list, language: str) -> list[str]:
    # The words between the names: none of them a name the glossary marks.
    from explainer.glossary.matcher import Matcher

    matcher = Matcher(terms, language) if terms else None
    return [word for word in WORDS if matcher is None or not any(matcher.find(word))]


def _shape(texts: list[str], terms: list, language: str) -> dict:
    """The site's own prose, measured on its pages that cite: words, names the glossary marks
    and quotations („…“), each per citation. The generated pages copy it, so that the builds
    without and with hooks compare text like the site's."""
    from explainer.glossary.matcher import Matcher

    matcher = Matcher(terms, language) if terms else None
    citations = words = names = quotes = 0
    for text in texts:
        cited = len(re.findall(r"\[[^\]\n]*@", text))
        if not cited:
            continue
        prose = re.sub(r"\[[^\]\n]*@[^\]\n]*\]", " ",
                       re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S))
        citations += cited
        words += sum(1 for word in prose.split() if any(c.isalpha() for c in word))
        names += sum(1 for _ in matcher.find(prose)) if matcher else 0
        quotes += prose.count("„")
    citations = max(citations, 1)
    return {"words": max(4, round(words / citations)), "names": names / citations,
            "quotes": quotes / citations}


def copy_project(dest: Path) -> None:
    """The project as MkDocs sees it (config, data, hooks, pages), without tools and tests."""
    shutil.copytree(ROOT, dest, ignore=lambda folder, names: [
        n for n in names if n == "__pycache__" or (Path(folder) == ROOT and n in NOT_COPIED)])


def _write_site(site: Path, pages: int, citations: int, project: dict) -> dict:
    copy_project(site)
    docs = site / project["docs"]
    rng = random.Random(1734307200)
    generated = max(0, pages - project["own_pages"])
    for number in range(1, generated + 1):
        text = _page_text(rng, number, citations, project)
        (docs / GENERATED.format(number)).write_text(text, encoding="utf-8")
    variants = {"none": [], "citations": project["citations_hook"], "all": project["hooks"]}
    for variant, hooks in variants.items():
        # Generated pages stay out of the nav: MkDocs would otherwise spend most of the build
        # on rendering a nav of hundreds of entries on every page.
        (site / f"bench-{variant}.yml").write_text(
            "INHERIT: mkdocs.yml\nsite_dir: build\nvalidation:\n  omitted_files: ignore\n"
            f"hooks: {json.dumps(hooks)}\n", encoding="utf-8")
    return {"path": site, "pages": project["own_pages"] + generated,
            "citations": generated * citations, "spec": f"{pages}x{citations}"}


def _page_text(rng: random.Random, number: int, citations: int, project: dict) -> str:
    """Sections of paragraphs, list items and a note; each sentence cites one source and has
    the site's words, glossary names and quotations per citation (project["shape"])."""
    keys, terms, shape = project["keys"], project["terms"], project["shape"]
    own = rng.sample(keys, k=min(len(keys), max(1, citations * 2 // 3)))
    blocks = [f"# Seite {number}", "", "Einleitung ohne Beleg.", ""]
    for name, every in MARKERS.items():
        if number % every == 0 and project["markers"].get(name):
            blocks += [rng.choice(project["markers"][name]), ""]
    for c in range(citations):
        if c % 5 == 0:
            blocks += [f"## Abschnitt {c // 5 + 1}", ""]
        names = [rng.choice(terms) for _ in range(_count(rng, shape["names"]) if terms else 0)]
        words = rng.choices(project["filler"], k=max(1, shape["words"] - sum(len(n.split()) for n in names)))
        for name in names:
            words.insert(rng.randrange(len(words)), name)
        if rng.random() < shape["quotes"]:
            at = rng.randrange(len(words))
            words[at:at + 3] = ["„" + " ".join(words[at:at + 3]) + "“"]
        locator = ", S. 3" if c % 7 == 3 else ""
        sentence = " ".join(words)
        text = f"{sentence[0].upper()}{sentence[1:]} [@{rng.choice(own)}{locator}]."
        if c % 10 == 4:
            blocks += ['!!! note "Hinweis"', "", f"    {text}", ""]
        elif c % 10 in (6, 7):
            blocks += [f"- {text}", ""]
        elif c % 2 == 0:
            blocks.append(text)
        else:
            blocks += [text, ""]
    return "\n".join(blocks) + "\n"


def _count(rng: random.Random, mean: float) -> int:
    """A whole number whose mean over many draws is `mean`."""
    whole = int(mean)
    return whole + (rng.random() < mean - whole)


def _size(spec: str) -> tuple[int, int]:
    pages, _, citations = spec.partition("x")
    return int(pages), int(citations or 20)


# --- builds -------------------------------------------------------------------------------------

def _worker_env() -> dict[str, str]:
    # Python's bytecode cache on, as in a build anywhere: with PYTHONDONTWRITEBYTECODE set (some
    # machines set it) the hooks' modules would be compiled from source in every build, while
    # the stack's come compiled from their installation, and the hooks would pay for it alone.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1734307200"}


def _run(site: dict, variant: str, *extra: str) -> dict:
    result = subprocess.run([sys.executable, str(WORKER), f"bench-{variant}.yml", *extra],
                            cwd=site["path"], env=_worker_env(), capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"the {variant} build of the {site['spec']} site failed")
    run = json.loads(result.stdout)
    if variant != "none" and run["warnings"]:
        sys.stderr.write(f"{site['spec']} {variant}: {len(run['warnings'])} warnings, first: "
                         f"{run['warnings'][0]}\n")
    return {**run, "site": site}


def _instructions(sites: dict, out: Path) -> int:
    """One build of each site and variant under valgrind: instructions, and their ratios."""
    if shutil.which("valgrind") is None:
        sys.stderr.write("--instructions needs valgrind (Debian: apt-get install valgrind)\n")
        return 2
    first = next(iter(sites.values()))
    _run(first, "all")                          # warm-up: the hooks' modules compiled once
    before = _instructions_of(first, "none", out, "--imports-only")
    print(f"instructions of each build (valgrind --tool=callgrind), without the "
          f"{before / 1e9:.2f} billion of the imports before the clock; one build each")
    print(f"\n{'site (pages x citations)':<26} {'no hooks':>9} {'citations':>10} {'all hooks':>10}"
          f" {'citations/none':>15} {'all/none':>9}")
    for spec, site in sites.items():
        count = {variant: _instructions_of(site, variant, out) - before for variant in VARIANTS}
        print(f"{spec:<26} {count['none'] / 1e9:>8.2f}G {count['citations'] / 1e9:>9.2f}G "
              f"{count['all'] / 1e9:>9.2f}G {count['citations'] / count['none']:>15.2f} "
              f"{count['all'] / count['none']:>9.2f}", flush=True)
    print(f"{'targets':<26} {'':>9} {'':>10} {'':>10} {TARGETS['citations']:>15.2f} "
          f"{TARGETS['all']:>9.2f}")
    return 0


def _instructions_of(site: dict, variant: str, out: Path, *extra: str) -> int:
    """Instructions of one run of the worker under callgrind (its "summary:" line)."""
    # One hash seed for every build: with Python's random one, sets and dicts iterate in
    # another order from run to run, and the count of the same build moved by some hundred
    # thousand instructions; with a fixed one by a few thousand.
    result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                             sys.executable, str(WORKER), f"bench-{variant}.yml", *extra],
                            cwd=site["path"], env={**_worker_env(), "PYTHONHASHSEED": "0"},
                            capture_output=True, text=True, check=False)
    summary = re.search(r"^summary: (\d+)$", out.read_text() if out.exists() else "", re.M)
    if result.returncode != 0 or summary is None:
        sys.stderr.write(result.stderr[-2000:])
        raise SystemExit(f"the {variant} build of the {site['spec']} site failed under valgrind")
    if not extra and variant != "none" and json.loads(result.stdout)["warnings"]:
        sys.stderr.write(f"{site['spec']} {variant}: the build warned\n")
    out.unlink()
    return int(summary.group(1))


def _profile(site: dict, variant: str, out: Path, top: int) -> int:
    import pstats

    _run(site, variant)
    _run(site, variant, "--profile", str(out))
    if os.environ.get("BENCH_KEEP_PROFILE"):
        shutil.copy(out, os.environ["BENCH_KEEP_PROFILE"])
    stats = pstats.Stats(str(out))
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(r"hooks|explainer|footnotes|_markers", top)
    return 0


# --- report -------------------------------------------------------------------------------------

def _report(specs: list[str], runs: dict, project: dict) -> None:
    med = statistics.median

    def cpu(spec, variant):
        return med(run["cpu"] for run in runs[spec, variant])

    def ratio(spec, variant):
        return med(a["cpu"] / b["cpu"] for a, b in zip(runs[spec, variant], runs[spec, "none"]))

    print()
    print(f"{'site (pages x citations)':<26} {'no hooks':>9} {'citations':>10} {'all hooks':>10}"
          f" {'citations/none':>15} {'all/none':>9}")
    for spec in specs:
        print(f"{spec:<26} {cpu(spec, 'none'):>8.2f}s {cpu(spec, 'citations'):>9.2f}s "
              f"{cpu(spec, 'all'):>9.2f}s {ratio(spec, 'citations'):>15.2f} "
              f"{ratio(spec, 'all'):>9.2f}")
    print(f"{'targets':<26} {'':>9} {'':>10} {'':>10} {TARGETS['citations']:>15.2f} "
          f"{TARGETS['all']:>9.2f}")

    hooks = [Path(h).stem for h in project["hooks"]]
    print(f"\nown time of each hook, ms per page (all hooks; target <= {HOOK_TARGET_MS:.1f} ms)")
    print(f"{'hook':<22}" + "".join(f"{spec:>10}" for spec in specs) + f"   by event ({specs[0]})")
    owners = hooks + sorted({o for (s, v), rs in runs.items() if v == "all" for r in rs
                             for o in r["own"]} - set(hooks))
    for owner in owners:
        cells, events = [], {}
        for spec in specs:
            per_run = [sum(r["own"].get(owner, {}).values()) / r["pages"]
                       for r in runs[spec, "all"]]
            cells.append(f"{1000 * med(per_run):>10.2f}")
        for event in {e for r in runs[specs[0], "all"] for e in r["own"].get(owner, {})}:
            events[event] = med(r["own"].get(owner, {}).get(event, 0.0) / r["pages"]
                                for r in runs[specs[0], "all"])
        shown = ", ".join(f"{e} {1000 * t:.2f}" for e, t in sorted(events.items(),
                                                                     key=lambda i: -i[1]) if t)
        print(f"{owner:<22}" + "".join(cells) + f"   {shown}")
    for owner in owners[len(hooks):]:       # what the hooks make other plugins do
        alone = med(sum(r["own"].get(owner, {}).values()) / r["pages"] for r in runs[specs[0], "none"])
        print(f"  ({owner}: {1000 * alone:.2f} ms per page in the build without hooks)")

    print("\ngrowth (medians; equal figures at two sizes = linear)")
    for spec in specs:
        site = runs[spec, "none"][0]["site"]
        extra = {v: med((a["cpu"] - b["cpu"]) for a, b in zip(runs[spec, v], runs[spec, "none"]))
                 for v in ("citations", "all")}
        hooks_own = med(sum(sum(e.values()) for o, e in r["own"].items() if o in hooks)
                        for r in runs[spec, "all"])
        cited_own = med(sum(r["own"].get("citations", {}).values())
                        for r in runs[spec, "citations"])
        per_citation = (f"; per citation: citations hook {1e6 * cited_own / site['citations']:.0f}"
                        f" us own, {1e6 * extra['citations'] / site['citations']:.0f} us build"
                        if site["citations"] else "")
        print(f"  {spec:<9} per page: no hooks {1000 * cpu(spec, 'none') / site['pages']:.2f} ms,"
              f" all hooks +{1000 * extra['all'] / site['pages']:.2f} ms build,"
              f" {1000 * hooks_own / site['pages']:.2f} ms hooks' own{per_citation}")

    spec = specs[0]

    def peak(variant, key):
        return med(r[key] for r in runs[spec, variant]) / 1024

    rss = {v: peak(v, "rss_kb") for v in ("none", "all")}
    base = {v: med(r["rss_kb"] - r["rss_start_kb"] for r in runs[spec, v]) / 1024
            for v in ("none", "all")}
    print(f"\npeak memory of the {spec} build (resident, whole process): no hooks "
          f"{rss['none']:.0f} MB, all hooks {rss['all']:.0f} MB (+{100 * (rss['all'] / rss['none'] - 1):.0f}%);"
          f" above the imports: {base['none']:.0f} MB and {base['all']:.0f} MB "
          f"(+{100 * (base['all'] / base['none'] - 1):.0f}%; target <= +{100 * (MEMORY_TARGET - 1):.0f}%)")
    print("  where it grows (peak so far, MB)      no hooks  all hooks  difference")
    for label, key in (("imports, before the build", "rss_start_kb"),
                       ("config, hooks' data, files read", "rss_read_kb"),
                       ("every page rendered, none written", "rss_rendered_kb"),
                       ("end: pages written, search index", "rss_kb")):
        none, every = round(peak("none", key)), round(peak("all", key))
        print(f"  {label:<36} {none:>9} {every:>10} {every - none:>+11}")


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sites", nargs="+", default=["300x20", "600x20", "300x40"],
                        help="sites as PAGESxCITATIONS (citations a page); the first is the "
                             "reference for memory and the per-event figures")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", metavar="SITE",
                        help="instead: profile one all-hooks build of this site (e.g. 300x20)")
    parser.add_argument("--variant", choices=VARIANTS, default="all",
                        help="the build --profile profiles")
    parser.add_argument("--top", type=int, default=30, help="functions shown by --profile")
    parser.add_argument("--instructions", action="store_true",
                        help="instead: count each build's instructions under valgrind, one "
                             "build per site and variant (slow: about 50 times a build)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
