"""scripts/check_copied.py: runs of eight or more words shared with the source article.

Each test writes a tiny built site (HTML files) and a tiny article into tmp_path and runs the
script as an editor would, checking its output and exit status."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "check_copied.py"

ARTICLE = """Russland hat begonnen, seine Präsenz in dem Land deutlich zu verringern und Truppen abzuziehen.
Der Sprecher sagte: "Die Arbeit der Botschaft wird ganz normal fortgesetzt, wie bisher auch".
Die Zukunft der Stützpunkte hängt von den Verhandlungen mit der neuen Regierung ab.
"""


def page(body: str, description: str = "Eine Seite.") -> str:
    return (f'<!doctype html><html lang="de"><head><title>Seite</title>'
            f'<meta name="description" content="{description}"></head>'
            f"<body><article>{body}</article><script>var x = 'seine Präsenz in dem Land "
            f"deutlich zu verringern und Truppen';</script></body></html>")


def run(tmp_path: Path, pages: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    site = tmp_path / "site"
    for name, markup in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(markup, encoding="utf-8")
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), str(site), str(article), *args],
                          capture_output=True, text=True, check=False)


def test_a_copied_run_is_reported_with_page_and_words_and_fails(tmp_path):
    result = run(tmp_path, {
        "index.html": page("<p>Laut Bericht hat Russland begonnen, seine Präsenz in dem Land "
                           "deutlich zu verringern, sagen Beobachter.</p>"),
        "abzug/index.html": page("<p>Ganz eigene Worte über den Abzug.</p>"),
    })
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'index.html: "begonnen seine präsenz in dem land deutlich zu verringern"']
    assert "1 run(s) of 8 or more words on 1 page(s)" in result.stderr


def test_own_wording_and_runs_of_seven_words_pass(tmp_path):
    result = run(tmp_path, {"index.html": page(
        "<p>Die Zukunft der Stützpunkte hängt von den Gesprächen ab.</p>"
        "<p>Was aus der Botschaft wird, ist offen.</p>")})
    assert (result.returncode, result.stdout) == (0, "")


def test_quoted_text_on_the_page_and_in_the_article_is_left_out(tmp_path):
    result = run(tmp_path, {"index.html": page(
        "<p>Der Sprecher sagte, „die Arbeit der Botschaft wird ganz normal fortgesetzt, wie "
        "bisher auch“.</p><p>Er sagte: die Arbeit der Botschaft wird ganz normal fortgesetzt, "
        "wie bisher auch.</p>")})
    # The second paragraph repeats the article's own quote without quotation marks: still not
    # the article's wording, because the article quoted it too.
    assert (result.returncode, result.stdout) == (0, "")
    quoted = run(tmp_path, {"index.html": page(
        "<p>„Die Zukunft der Stützpunkte hängt von den Verhandlungen mit der neuen Regierung "
        "ab“, schrieb das Blatt.</p>")})
    assert (quoted.returncode, quoted.stdout) == (0, "")


def test_meta_description_counts_but_scripts_and_block_boundaries_do_not(tmp_path):
    result = run(tmp_path, {
        "a.html": page("<p>Eigener Text.</p>", description="Die Zukunft der Stützpunkte hängt "
                       "von den Verhandlungen mit der neuen Regierung ab."),
        "b.html": page("<h2>Die Zukunft der Stützpunkte hängt</h2>"
                       "<p>von den Verhandlungen mit der neuen Führung ab.</p>"),
    })
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'a.html: "die zukunft der stützpunkte hängt von den verhandlungen mit der neuen '
        'regierung ab"']


def test_the_run_length_can_be_set(tmp_path):
    result = run(tmp_path, {"index.html": page("<p>Russland hat begonnen, seine Präsenz "
                                               "zu zeigen.</p>")}, "--words", "4")
    assert result.stdout.splitlines() == ['index.html: "russland hat begonnen seine präsenz"']


def test_a_missing_site_or_article_is_a_clear_message(tmp_path):
    missing_site = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nichts"),
                                   str(tmp_path / "artikel.txt")],
                                  capture_output=True, text=True, check=False)
    assert missing_site.returncode == 2
    assert "no such folder (build the site first)" in missing_site.stderr
    (tmp_path / "site").mkdir()
    missing_article = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "site"),
                                      str(tmp_path / "fehlt.txt")],
                                     capture_output=True, text=True, check=False)
    assert missing_article.returncode == 2
    assert "fehlt.txt: cannot read the article" in missing_article.stderr
    assert "Traceback" not in missing_site.stderr + missing_article.stderr
