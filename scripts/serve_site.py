"""Build the site for a given address and serve it like GitHub Pages: under the sub-path of
site_url, gzip for text when the browser accepts it, and the site's own 404 page for unknown paths.

Used by the browser tests (tests/browser/conftest.py) and the Lighthouse script; on its own,
`python scripts/serve_site.py` builds into a temporary folder and serves until Ctrl-C.
"""
from __future__ import annotations

import contextlib
import gzip
import http.server
import os
import posixpath
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BUILD_EPOCH = "1734307200"  # fixed, so that builds are reproducible

# Chromium cut off from the outside world: other hosts do not resolve, and anything that would go
# out without a name lookup goes to a proxy on a port where nothing listens; only 127.0.0.1 itself
# is reached directly.
SEALED_CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>;127.0.0.1",
]

# Types GitHub Pages compresses; images and fonts are sent as they are.
_COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml",
               "image/svg+xml", "application/manifest+json")


def site_path() -> str:
    """The sub-path of the configured site_url (e.g. '/russland-syrien/'), always ending in '/'."""
    from mkdocs.config import load_config

    url = load_config(config_file=str(ROOT / "mkdocs.yml")).site_url or "/"
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


def page_paths() -> list[str]:
    """Every page of the site as a path below site_url ("" is the home page), from docs/."""
    pages = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        parts = list(md.relative_to(ROOT / "docs").with_suffix("").parts)
        if parts[-1] in ("index", "README"):
            parts.pop()
        pages.append("".join(p + "/" for p in parts))
    return pages


def build_site(dest: Path, site_url: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project into dest, with SITE_URL set to site_url."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "SITE_URL": site_url}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)


class SiteServer(http.server.ThreadingHTTPServer):
    """Serves site_dir under prefix on 127.0.0.1 at a free port, in a background thread."""

    daemon_threads = True

    def __init__(self, site_dir: Path, prefix: str):
        self.site_dir = Path(site_dir)
        self.prefix = prefix
        self.served: list[tuple[str, int]] = []  # (path, bytes sent: status, headers and body)
        self.held: dict[str, Hold] = {}            # URL path -> its hold (see holding)
        super().__init__(("127.0.0.1", 0), _Handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The site's base address, e.g. http://127.0.0.1:40123/russland-syrien/."""
        return f"http://127.0.0.1:{self.server_address[1]}{self.prefix}"

    def start(self) -> "SiteServer":
        self._thread = threading.Thread(target=self.serve_forever, name="site-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    @contextlib.contextmanager
    def holding(self, page_path: str):
        """While the block runs, a GET of page_path (below the prefix, e.g.
        "search/search_index.json") gets no answer yet, as on a slow network: the browser
        keeps it loading. The answer goes out when the block ends, to a reader still there.
        Yields the Hold, whose `arrived` is set once such a GET waits."""
        url_path = self.prefix + page_path
        hold = self.held[url_path] = Hold()
        try:
            yield hold
        finally:
            del self.held[url_path]
            hold.released.set()


@dataclass
class Hold:
    """A path whose answers wait: `arrived` once a request for it waits, `released` at the end."""

    arrived: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler with a sub-path, gzip and a real 404 page."""

    server: SiteServer

    def log_message(self, format, *args):  # quiet: the tests record requests themselves
        pass

    def setup(self):
        super().setup()
        self.wfile = _Counting(self.wfile)

    def do_GET(self):
        hold = self.server.held.get(urlsplit(self.path).path)
        if hold is not None:
            hold.arrived.set()
            hold.released.wait()
        try:
            super().do_GET()
        except (BrokenPipeError, ConnectionResetError):  # the reader left before the answer
            pass

    def _file_for(self, url_path: str) -> Path | None:
        # Only paths below the prefix exist; a folder without its slash is returned as the folder.
        path = unquote(urlsplit(url_path).path)
        if not path.startswith(self.server.prefix):
            return None
        rel = posixpath.normpath("/" + path[len(self.server.prefix):]).lstrip("/")
        full = self.server.site_dir / rel
        return full / "index.html" if path.endswith("/") else full

    def send_head(self):
        path = self._file_for(self.path)
        if path is not None and path.is_dir():  # folder without its slash: redirect like GitHub Pages
            self.send_response(301)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            self._count(0)
            return None
        status = 200
        if path is None or not path.is_file():
            status, path = 404, self.server.site_dir / "404.html"
        body = path.read_bytes() if path.is_file() else b"Not Found"
        ctype = self.guess_type(str(path))
        if ctype.startswith("text/") and "charset" not in ctype:
            ctype += "; charset=utf-8"
        headers = {"Content-Type": ctype, "Cache-Control": "max-age=600"}
        if ctype.startswith(_COMPRESSED):
            headers["Vary"] = "Accept-Encoding"
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, mtime=0)
                headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(body))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self._count(len(body))
        return _Body(body)

    def _count(self, body_length: int) -> None:
        # Every GET is counted with all the bytes that go out for it: status line and headers
        # (already written) and the body (about to be), before the reader can have them all.
        self.wfile.count, sent = 0, self.wfile.count
        if self.command == "GET":
            self.server.served.append((urlsplit(self.path).path, sent + body_length))


class _Counting:
    """The response stream, counting what is written to it."""

    def __init__(self, stream):
        self._stream = stream
        self.count = 0

    def write(self, data) -> int:
        self.count += len(data)
        return self._stream.write(data)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _Body:
    """The file-like object SimpleHTTPRequestHandler copies to the socket."""

    def __init__(self, data: bytes):
        self._data = data

    def read(self, _size: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        pass


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="site-") as tmp:
        prefix = site_path()
        server = SiteServer(Path(tmp), prefix)
        result = build_site(Path(tmp), server.url)
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            return result.returncode
        sys.stdout.write(f"Serving {server.url} (Ctrl-C stops)\n")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
