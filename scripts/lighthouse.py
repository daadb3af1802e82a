"""Lighthouse on every page of the site, as a phone and as a desktop, first view (empty cache).

Builds the site into a temporary folder, serves it like GitHub Pages (sub-path, gzip) on
127.0.0.1, runs the pinned `lighthouse` from node_modules in Debian's Chromium (CHROME_PATH,
default /usr/bin/chromium) with every other host unreachable, and prints one line per page and
form factor: the four category scores and the bytes and requests of the first view.

    python scripts/lighthouse.py            # all pages, the error page (404.html) included
    python scripts/lighthouse.py bases/     # just these pages
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_site import ROOT, SiteServer, build_site, page_paths, site_path  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGET_BYTES = 100 * 1024
CHROME_FLAGS = " ".join([
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1",
    '"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
])


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
                  f" {'KB':>6} {'req':>4}")
            for page in pages:
                for form in ("mobile", "desktop"):
                    try:
                        row = _run(server.url + page, form, chrome)
                    except RuntimeError as error:
                        print(f"{page or '(home)':<24} {form:<8} FAILED: {error}", flush=True)
                        failures += 1
                        continue
                    row["page"] = page or "(home)"
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
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(audits["network-requests"]["details"]["items"]),
        "below_full_score": failed,
        "benchmark_index": round(report["environment"]["benchmarkIndex"]),
    }


def _line(row: dict) -> str:
    scores = " ".join(f"{row[c]:>4}" for c in CATEGORIES)
    below = f"  below 100: {', '.join(row['below_full_score'])}" if any(
        row[c] < 100 for c in CATEGORIES) else ""
    return (f"{row['page']:<24} {row['form']:<8} {scores} {row['bytes'] / 1024:>6.1f}"
            f" {row['requests']:>4}{below}")


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("pages", nargs="*", help='page paths below the site address, e.g. "bases/"')
    parser.add_argument("--json", help="write the figures to this file as well")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
