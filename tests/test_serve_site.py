"""scripts/serve_site.py: the local stand-in for GitHub Pages that browser tests and Lighthouse use."""
from __future__ import annotations

import gzip
import sys
import threading
import urllib.error
import urllib.request

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from serve_site import SiteServer, page_paths  # noqa: E402


@pytest.fixture
def server(tmp_path):
    (tmp_path / "bases").mkdir()
    (tmp_path / "index.html").write_text("<p>Start</p>", encoding="utf-8")
    (tmp_path / "bases" / "index.html").write_text("<p>Stützpunkte</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>Seite nicht gefunden</p>", encoding="utf-8")
    (tmp_path / "favicon.png").write_bytes(b"\x89PNG fake")
    srv = SiteServer(tmp_path, "/russland-syrien/").start()
    yield srv
    srv.stop()


def _get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_pages_are_served_under_the_sub_path_gzipped_when_accepted(server):
    status, headers, body = _get(server.url + "bases/")
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).decode("utf-8") == "<p>Stützpunkte</p>"


def test_without_accept_encoding_the_body_is_plain(server):
    status, headers, body = _get(server.url, gzip_ok=False)
    assert (status, body) == (200, b"<p>Start</p>")
    assert "Content-Encoding" not in headers


def test_images_are_not_gzipped(server):
    status, headers, body = _get(server.url + "favicon.png")
    assert (status, body) == (200, b"\x89PNG fake")
    assert "Content-Encoding" not in headers


def test_unknown_paths_and_paths_outside_the_site_get_the_404_page(server, tmp_path):
    (tmp_path.parent / "geheim.txt").write_text("outside the site", encoding="utf-8")
    for url in (server.url + "gibt-es-nicht/", server.url.replace("/russland-syrien/", "/"),
                server.url + "../geheim.txt", server.url + "%2e%2e/geheim.txt"):
        status, _headers, body = _get(url, gzip_ok=False)
        assert (status, body) == (404, "<p>Seite nicht gefunden</p>".encode()), url


def test_a_folder_without_its_slash_is_redirected(server):
    status, headers, _body = _get(server.url + "bases")
    assert status == 301
    assert headers["Location"] == "/russland-syrien/bases/"


def test_every_markdown_file_is_a_page():
    pages = page_paths()
    assert "" in pages
    assert len(pages) == len(list((ROOT / "docs").rglob("*.md")))
    assert all(p == "" or p.endswith("/") for p in pages)


def test_every_get_is_counted_with_the_bytes_sent(server):
    server.served.clear()
    _status, _headers, body = _get(server.url + "bases/")
    ((path, sent),) = server.served
    assert path == "/russland-syrien/bases/"
    assert len(body) + 100 < sent < len(body) + 400  # the body plus status line and headers


def test_a_held_path_is_answered_only_when_the_hold_ends_and_others_meanwhile(server):
    answers = []
    with server.holding("bases/") as hold:
        reader = threading.Thread(target=lambda: answers.append(_get(server.url + "bases/")))
        reader.start()
        assert hold.arrived.wait(30)
        assert _get(server.url, gzip_ok=False)[2] == b"<p>Start</p>"  # not held: served now
        assert answers == [] and reader.is_alive()                    # still waiting
    reader.join(30)
    ((status, _headers, body),) = answers
    assert status == 200 and gzip.decompress(body).decode("utf-8") == "<p>Stützpunkte</p>"
    assert server.held == {}
