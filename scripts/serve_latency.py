"""How long `mkdocs serve` takes from saving a page to serving its new text, with and without hooks.

    make serve-latency
    .venv/bin/python scripts/serve_latency.py [--edits 5] [--page bases.md]

Copies the project twice into a temporary folder and starts `mkdocs serve` on each copy
(127.0.0.1, free ports): on one with the hooks of mkdocs.yml, on the other with `hooks: []`.
Then, alternating between the two, it appends a new sentence to the page, polls the served page
until the sentence is there (at most a minute) and waits until the server says the rebuild is
done ("Reloading browsers") before the next edit. Prints per server the median of the time from
saving to the new text being served and of the rebuild (from MkDocs' "Building
documentation..." to its "Reloading browsers", as the lines arrive), and stops both servers.
Not a test: the figures depend on the machine; the difference between the two servers is what
the hooks cost.
"""
from __future__ import annotations

import argparse
import os
import queue
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import copy_project  # noqa: E402

START_TIMEOUT = 120     # seconds for the first build
EDIT_TIMEOUT = 60       # seconds from saving to the new text, at most
POLL = 0.01             # seconds between two requests for the page


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    with tempfile.TemporaryDirectory(prefix="serve-latency-") as tmp:
        # One copy for each server: a server also rebuilds when a file it watches changes
        # for the other one, and its next save would wait for that build.
        servers = {"all hooks": _Server(Path(tmp) / "with-hooks", "mkdocs.yml"),
                   "no hooks": _Server(Path(tmp) / "without-hooks", "serve-without-hooks.yml")}
        for server in servers.values():
            copy_project(server.root)
        (servers["no hooks"].root / "serve-without-hooks.yml").write_text(
            "INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")
        if not (servers["all hooks"].root / "docs" / args.page).is_file():
            sys.stderr.write(f"docs/{args.page}: no such page\n")
            return 2
        try:
            for server in servers.values():
                server.start(_url_path(args.page))
            for number in range(1, args.edits + 1):
                for name, server in servers.items():
                    server.measure(server.root / "docs" / args.page,
                                   f"Messpunkt {number} {name} {time.time_ns()}.")
        finally:
            for server in servers.values():
                server.stop()
    print(f"mkdocs serve, docs/{args.page} saved {args.edits} times; medians")
    print(f"{'server':<10} {'save to new text':>17} {'rebuild':>8}")
    for name, server in servers.items():
        print(f"{name:<10} {statistics.median(server.latencies):>16.2f}s "
              f"{statistics.median(server.builds):>7.2f}s")
    return 0


class _Server:
    """One `mkdocs serve` process, its log read line by line in a thread."""

    def __init__(self, root: Path, config: str):
        self.root, self.config = root, config
        self.latencies: list[float] = []
        self.builds: list[float] = []
        self.process: subprocess.Popen | None = None
        self._lines: queue.Queue[tuple[float, str]] = queue.Queue()   # (arrival, line)
        self._seen: list[str] = []                  # the lines read so far, for an error

    def start(self, path: str) -> None:
        with socket.socket() as probe:          # a free port; mkdocs binds it right after
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/{path}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", self.config,
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=self.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self._wait_for_line("Serving on", START_TIMEOUT)
        if _fetch(self.url) is None:
            raise SystemExit(f"{self.config}: the server does not serve {self.url}")

    def measure(self, page: Path, text: str) -> None:
        with page.open("a", encoding="utf-8") as file:
            file.write(f"\n{text}\n")
        saved = time.monotonic()
        while text not in (_fetch(self.url) or ""):
            if time.monotonic() - saved > EDIT_TIMEOUT:
                raise SystemExit(f"{self.config}: new text not served after {EDIT_TIMEOUT} s")
            time.sleep(POLL)
        self.latencies.append(time.monotonic() - saved)
        # The rebuild: from MkDocs' "Building documentation..." to its "Reloading browsers",
        # timed as the lines arrive. Not its "Documentation built in 0.45 seconds": MkDocs logs
        # a message of its build module only once per process (a filter drops repeats), so a
        # rebuild as long as an earlier one, to the hundredth, has no such line.
        started = None
        while True:
            at, line = self._wait_for_line(("Building documentation", "Reloading browsers"),
                                           EDIT_TIMEOUT)
            if "Building documentation" in line:
                started = at
            elif started is not None:
                break
        self.builds.append(at - started)

    def stop(self) -> None:
        # Ctrl-C, as a person would stop it (MkDocs then removes its temporary site).
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _read(self) -> None:
        for line in self.process.stderr:
            self._lines.put((time.monotonic(), line))

    def _wait_for_line(self, needles: str | tuple[str, ...], timeout: float
                       ) -> tuple[float, str]:
        """The next line with one of the needles, and when it arrived."""
        needles = (needles,) if isinstance(needles, str) else needles
        deadline = time.monotonic() + timeout
        while True:
            try:
                at, line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise SystemExit(f"{self.config}: no {' or '.join(map(repr, needles))} from "
                                 f"mkdocs serve within {timeout} s; its last lines:\n"
                                 + "".join(self._seen[-12:])) from None
            self._seen.append(line)
            if any(needle in line for needle in needles):
                return at, line
            if "ERROR" in line or "Traceback" in line:
                sys.stderr.write(line)


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


def _url_path(page: str) -> str:
    """docs/bases.md is served at bases/, docs/index.md at the site's root."""
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path[:-len("index")]
    return path + "/"


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--edits", type=int, default=5, help="saves of the page per server")
    parser.add_argument("--page", default="bases.md", help="the page below docs/ that is edited")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
