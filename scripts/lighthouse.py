"""Lighthouse on every page of the site, as a phone and as a desktop, first view (empty cache).

Builds the site into a temporary folder, serves it like GitHub Pages (sub-path, gzip) on
127.0.0.1, runs the pinned `lighthouse` from node_modules in Debian's Chromium (CHROME_PATH,
default /usr/bin/chromium) with every other host unreachable, and prints one line per page and
form factor: the four category scores, total blocking time and first contentful paint, and the
bytes and requests of the first view.

The first view is counted where it is exact, at the server: every byte it sent (status line,
headers, gzipped body) while Chromium opened the page with an empty cache and stayed until the
network was idle. Lighthouse's own total is shown as "lh KB"; it leaves out what a web worker
loads (Chromium logs that outside the page), so it can be lower.

    python scripts/lighthouse.py            # all pages, the error page (404.html) included
    python scripts/lighthouse.py bases/     # just these pages
    python scripts/lighthouse.py --form mobile     # only as a phone
    python scripts/lighthouse.py --json out.json   # also keep the figures as JSON

Exit status 0 when every score is 100 and every first view is under 100 KB, else 1.
Not a test: scores depend on the machine's speed.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_site import (ROOT, SEALED_CHROMIUM_ARGS, SiteServer, build_site,  # noqa: E402
                        page_paths, site_path)

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FORMS = {"both": ("mobile", "desktop"), "mobile": ("mobile",), "desktop": ("desktop",)}
BUDGET_BYTES = 100 * 1024
ICON_WAIT_S = 10                 # Chromium asks for a page's icon within a second, as a rule
CHROME_FLAGS = " ".join(["--headless=new"] + [f'"{arg}"' if " " in arg else arg
                                               for arg in SEALED_CHROMIUM_ARGS])


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not LIGHTHOUSE.exists():
        sys.stderr.write(f"{LIGHTHOUSE} missing: run `npm ci` first\n")
        return 2
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as tmp:
        server = SiteServer(Path(tmp), site_path())
        built = build_site(Path(tmp), server.url)
        if built.returncode != 0:
            sys.stderr.write(built.stderr)
            return built.returncode
        server.start()
        try:
            # The error page is measured at its own address: Lighthouse refuses a 404 status.
            pages = args.pages or page_paths() + ["404.html"]
            rows, failures = [], 0
            print(f"{'page':<24} {'form':<8} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4}"
                  f" {'TBT ms':>6} {'FCP s':>5} {'KB':>6} {'req':>4} {'lh KB':>6}")
            views = _first_views(server, pages, chrome)
            for page in pages:
                for form in FORMS[args.form]:
                    try:
                        row = _run(server.url + page, form, chrome)
                    except RuntimeError as error:
                        print(f"{page or '(home)':<24} {form:<8} FAILED: {error}", flush=True)
                        failures += 1
                        continue
                    row["page"] = page or "(home)"
                    row["bytes"], row["requests"] = views[page]
                    rows.append(row)
                    print(_line(row), flush=True)
        finally:
            server.stop()
    if rows:  # performance depends on the machine: say how fast this one was
        index = sorted(row["benchmark_index"] for row in rows)[len(rows) // 2]
        print(f"Lighthouse CPU benchmark index of this machine (median): {index}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    ok = not failures and all(all(row[c] == 100 for c in CATEGORIES) and row["bytes"] < BUDGET_BYTES
                              for row in rows)
    return 0 if ok else 1


def _run(url: str, form: str, chrome: str) -> dict:
    # One Lighthouse run; its JSON report reduced to the figures this script prints.
    cmd = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
           f"--chrome-flags={CHROME_FLAGS}", "--locale=de"]
    if form == "desktop":
        cmd.append("--preset=desktop")
    result = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome},
                            check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip()
                           else f"exit status {result.returncode}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    failed = sorted(a["id"] for a in audits.values()
                    if a.get("score") is not None and a["score"] < 1
                    and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    return {
        "url": url, "form": form,
        **{c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES},
        "lighthouse_bytes": int(audits["total-byte-weight"]["numericValue"]),
        "total_blocking_time_ms": round(audits["total-blocking-time"]["numericValue"]),
        "first_contentful_paint_s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "below_full_score": failed,
        "benchmark_index": round(report["environment"]["benchmarkIndex"]),
    }


def _first_views(server: SiteServer, pages: list[str], chrome: str) -> dict[str, tuple[int, int]]:
    # Bytes and requests the server sent for each page opened in a fresh, cache-less context.
    from playwright.sync_api import sync_playwright

    views = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chrome, args=SEALED_CHROMIUM_ARGS)
        for page in pages:
            context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
            tab = context.new_page()
            server.served.clear()
            tab.goto(server.url + page, wait_until="load")
            tab.wait_for_load_state("networkidle")
            # Chromium asks for the page's icon on its own, at times after the network was
            # idle: the count waits for it, as for any other part of the first view.
            icon = tab.evaluate('document.querySelector(\'link[rel~="icon"]\') && '
                                'new URL(document.querySelector(\'link[rel~="icon"]\').href)'
                                '.pathname')
            deadline = time.monotonic() + ICON_WAIT_S
            while icon and icon not in (path for path, _ in server.served):
                if time.monotonic() > deadline:
                    sys.stderr.write(f"{page or '(home)'}: Chromium did not ask for {icon} "
                                     f"within {ICON_WAIT_S} s; counted without it\n")
                    break
                time.sleep(0.05)
            context.close()
            views[page] = (sum(sent for _path, sent in server.served), len(server.served))
        browser.close()
    return views


def _line(row: dict) -> str:
    scores = " ".join(f"{row[c]:>4}" for c in CATEGORIES)
    below = f"  below 100: {', '.join(row['below_full_score'])}" if any(
        row[c] < 100 for c in CATEGORIES) else ""
    return (f"{row['page']:<24} {row['form']:<8} {scores} {row['total_blocking_time_ms']:>6}"
            f" {row['first_contentful_paint_s']:>5.1f} {row['bytes'] / 1024:>6.1f}"
            f" {row['requests']:>4} {row['lighthouse_bytes'] / 1024:>6.1f}{below}")


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("pages", nargs="*", help='page paths below the site address, e.g. "bases/"')
    parser.add_argument("--form", choices=FORMS, default="both", help="phone, desktop or both")
    parser.add_argument("--json", help="write the figures to this file as well")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
