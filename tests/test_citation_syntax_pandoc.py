"""The citation grammar compared with Pandoc's own reading of a corpus of brackets.

Pandoc (Debian's package, installed by .ci/run) reads the corpus twice: `pandoc -t json` gives
each citation's key, prefix and mode (normal or author suppressed); `pandoc --citeproc` with a
CSL style that prints the locator's label and value between markers gives the split of the
suffix into locator and rest, with the locator terms of the corpus language. `parse_bracket`
must agree on every field, for a corpus written by hand and one put together at random from
pieces; a bracket Pandoc reads no citation in must give None, and one it reads as a citation
this site cannot show must give None and a reason (`why_left_as_text`). Last, the page pass
renders each bracket Pandoc cites, or warns about it; of the others it warns only about a
braced key that no source id can be (`@{no such}`).
"""
from __future__ import annotations

import json
import random
import re
import shutil
import subprocess

import pytest
import yaml

from explainer.citations.footnotes import process_markdown
from explainer.citations.registry import load_registry
from explainer.citations.syntax import pandoc_would_cite, parse_bracket, why_left_as_text
from explainer.rules import is_key
from explainer.strings import for_language

# Brackets as an editor writes them; each must be one bracket on its own.
CORPUS_DE = [
    "[@ft]",
    "[vgl. @ft]",
    "[Vgl. @ft]",
    "[siehe @ft, S. 3, und dort die Fußnote]",
    "[zitiert nach @ft]",
    "[vgl. etwa @ft, S. 3; ferner @ria]",
    "[see @ft, S. 33-35; also @bloomberg, Kap. 1]",
    "[-@ft, S. 4]",
    "[siehe -@ft]",
    "[x -@ft]",
    "[@{ft}, S. 2]",
    "[@{https://example.com/bib?name=foobar&date=2000}, S. 33]",
    "[@ft, *passim*]",
    "[@ft, S. 33-35 und *passim*]",
    "[@ft, S. 3 f.]",
    "[@ft, S. 3\\]]",
    "[@ft, S. 3ff.]",
    "[@ft, S. 3.]",
    "[@ft, S. 3, 5]",
    "[@ft, S. 3 und 5]",
    "[@ft, 3]",
    "[@ft, 3, 5]",
    "[@ft, 33-35]",
    "[@ft, S. iv]",
    "[@ft, iv]",
    "[@ft, S. (3)]",
    "[@ft, S. 3:4]",
    "[@ft, S.3]",
    "[@ft,S. 3]",
    "[@ft S. 3]",
    "[@ft, Seite 4]",
    "[@ft, Seiten 2-3]",
    "[@ft, seite 4]",
    "[@ft, Kap. 1]",
    "[@ft, Kapitel 2]",
    "[@ft, Abs. 2]",
    "[@ft, Absatz 2]",
    "[@ft, Abschn. 2]",
    "[@ft, Abschnitt 2]",
    "[@ft, § 2]",
    "[@ft, §2]",
    "[@ft, Bd. 2]",
    "[@ft, Bde. 2]",
    "[@ft, Band 2]",
    "[@ft, Z. 12]",
    "[@ft, Zeile 12]",
    "[@ft, Nr. 2]",
    "[@ft, Sp. 2]",
    "[@ft, Abb. 2]",
    "[@ft, Buch 2]",
    "[@ft, Vers 2]",
    "[@ft, V. 2]",
    "[@ft, Teil 2]",
    "[@ft, op. 2]",
    "[@ft, Fn. 2]",
    "[@ft, Anm. 2]",
    "[@ft, p. 4]",
    "[@ft, S. A]",
    "[@ft{ii, A, D-Z}, mit Zusatz]",
    "[@ft, {S. iv, vi-xi} mit Zusatz]",
    "[@ft{}, 99 Jahre später]",
    "[@ft und dort]",
    "[@ft: 3]",
    "[@ft.]",
    "[@Foo_bar.baz.]",
    "[@Foo_bar--baz]",
    "[@ft-x]",
    "[@ft:x, S. 1]",
    "[@a#b$c%d&e+f?g<h>i~j/k]",
    "[@1abc]",
    "[@_x]",
    "[@ä.ö]",
    "[@{a.}]",
    "[-@{a.}]",
    "[@{a}b]",
    "[@http://example.com]",
    "[(@ft)]",
    "[siehe [dort] @ft, S. 3]",
    "[x-@ft]",
    "[mail me@example.com @ft]",
    "[*siehe* @ft, S. 3]",
    "[**vgl.** @ft]",
    "[<b>siehe</b> @ft, S. 3 <b>x</b>]",
    "[@ft, `S. 3; 4`]",
    "[`a;b` @ft]",
    "[a\\; b @ft]",
    "[ @ft ]",
    "[@ft ; @ria]",
    "[@ft;@ria]",
    "[@ft; vgl. @ria, S. 9; siehe auch -@bloomberg, Kap. 2, Abs. 3]",
    "[@ft, `a]b`]",
    "[@ft, \\@ria]",
    "[siehe\n@ft, S. 3]",
    "[@ft, S. 3\nund dort]",
    # Pandoc reads no citation in these
    "[@]",
    "[mail@example.com]",
    "[x.@ft]",
    "[foo@ft]",
    "[ä@ft]",
    "[\\@ft]",
    "[`@ft`]",
    "[@-ft]",
    "[@{a b}]",
    "[siehe @{no such}, S. 3]",
    "[-@{a b}]",
    "[@{ft]",
    "[vgl.@ft]",
    # Pandoc reads a citation here, but not one a footnote can show
    "[@ft; x]",
    "[x; @ft]",
    "[@ft;]",
    "[see @ft and @ria]",
    "[@ft @ria]",
    "[@*]",
    "[@{}]",
    # emphasis around the key: Pandoc reads an in-text citation in brackets that are text
    "[**@ft**]",
    "[*siehe @ft*]",
    "[**@ft, S. 3**]",
    "[*@ft*; @ria]",
    # Pandoc cites b here (a key right after a word with an `@`); the grammar warns instead
    "[x@a@b]",
]
WARNED_INSTEAD = {"[x@a@b]"}
# Pandoc reads no citation here either, but no source id can be such a braced key: the page
# pass leaves the text and warns
WARNED_AS_TEXT = {"[@{a b}]", "[siehe @{no such}, S. 3]", "[-@{a b}]", "[@{ft]"}

CORPUS_EN = [
    "[see @doe99, pp. 33-35 and *passim*; @smith04, chap. 1]",
    "[@smith04, p. 33]",
    "[@smith04, page 33]",
    "[@smith04, chapter 3]",
    "[@smith04, chaps. 3-4]",
    "[@smith04, sec. 2]",
    "[@smith04, vol. 2]",
    "[@smith04, no. 5]",
    "[@smith04, fig. 2]",
    "[@smith04, para. 4]",
    "[@smith04, l. 7]",
    "[@smith04, ll. 7-9]",
    "[@smith04, n. 3]",
    "[@smith04, col. 2]",
    "[@smith04, bk. 2]",
    "[@smith04, pt. 2]",
    "[@smith04, v. 2]",
    "[@smith04, fol. 2]",
    "[@smith04, S. 3]",
    "[@smith{ii, A, D-Z}, with a suffix]",
    "[@smith, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]",
    "[@smith{}, 99 years later]",
    "[-@smith04]",
]

CSL_TYPES = ("act appendix article-locator book canon chapter column elocation equation figure "
             "folio issue line note opus page paragraph part rule scene section sub-verbo "
             "supplement table timestamp title-locator verse version volume").split()


def _probe_style() -> str:
    """A CSL style printing each item as «key|label|value» (label, value only with a locator)."""
    tests = "".join(f'<{"if" if n == 0 else "else-if"} locator="{name}"><text value="{name}"/>'
                    f'</{"if" if n == 0 else "else-if"}>' for n, name in enumerate(CSL_TYPES))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>probe</title><id>probe</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter=" ;; ">
    <group delimiter="|" prefix="«" suffix="»">
      <text variable="title"/><text value="L"/>
      <choose><if variable="locator">
        <choose>{tests}</choose><text variable="locator"/>
      </if></choose>
    </group>
  </layout></citation>
</style>"""


@pytest.fixture(scope="module")
def pandoc() -> str:
    path = shutil.which("pandoc")
    if path is None:
        pytest.fail("pandoc is not installed: this test compares the citation grammar with "
                    "Pandoc's reading; install Debian's `pandoc` (.ci/run does)", pytrace=False)
    return path


def _document(corpus: list[str]) -> str:
    return "\n\n".join(f"P{number}: {bracket}" for number, bracket in enumerate(corpus))


def _run(command: list[str], text: str) -> str:
    result = subprocess.run(command, input=text, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _plain(inlines: list) -> str:
    """Inlines as text, markup dropped, white space as one space."""
    out = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Code", "Math"):
            out.append(content[1])
        elif kind == "RawInline":
            continue                         # HTML: the plain text output drops it too
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
                      "SmallCaps"):
            out.append(_plain(content))
        elif kind in ("Span", "Link", "Quoted"):
            out.append(_plain(content[1]))
        else:
            out.append(f"<{kind}>")
    return _normal("".join(out))


def _normal(text: str) -> str:
    """White space as one space, none after a comma or before a dash (citeproc adds or drops
    one there)."""
    text = " ".join(text.replace("\u00a0", " ").replace("–", "-").split())
    return text.replace(", ", ",").replace(" -", "-")


def _markdown_plain(text: str) -> str:
    """Our Markdown (a prefix or suffix) as the plain text Pandoc renders of it."""
    text = re.sub(r"(?<!\w)__?(\S[^_]*?)__?(?!\w)", r"\1", text)
    for mark in ("**", "*", "`", "\\"):
        text = text.replace(mark, "")
    return _normal(re.sub(r"<[^>]*>", "", text))


def _readings(pandoc: str, corpus: list[str]) -> list[list[tuple] | None | str]:
    """Per bracket: Pandoc's items (key, prefix, suppressed), or None (no citation), or
    "nested" (a citation that is not one plain bracket of items)."""
    blocks = json.loads(_run([pandoc, "-f", "markdown-smart", "-t", "json"],
                             _document(corpus)))["blocks"]
    assert len(blocks) == len(corpus), "one paragraph per bracket"
    result = []
    for block in blocks:
        cites = [node for node in block["c"] if node["t"] == "Cite"]
        if not cites:
            result.append("nested" if '"Cite"' in json.dumps(block) else None)
            continue
        items = cites[0]["c"][0]
        normal = len(cites) == 1 and all(i["citationMode"]["t"] != "AuthorInText" for i in items)
        nested = '"Cite"' in json.dumps([i["citationPrefix"] + i["citationSuffix"]
                                         for i in items])
        result.append([(i["citationId"], _plain(i["citationPrefix"]),
                        i["citationMode"]["t"] == "SuppressAuthor") for i in items]
                      if normal and not nested else "nested")
    return result


def _locators(pandoc: str, corpus: list[str], keys: set[str], language: str, tmp_path) -> list:
    """Per bracket, citeproc's items: (label, value, suffix as plain text)."""
    style = tmp_path / "probe.csl"
    style.write_text(_probe_style(), encoding="utf-8")
    keys = sorted(keys - {"", "*"})
    references = tmp_path / "references.json"         # CSL JSON: ids are not Markdown
    references.write_text(json.dumps([{"id": key, "type": "book", "title": f"k{n}"}
                                      for n, key in enumerate(keys)]), encoding="utf-8")
    titles = {f"k{n}": key for n, key in enumerate(keys)}
    meta = {"lang": language, "suppress-bibliography": True}
    text = "---\n" + yaml.safe_dump(meta) + "---\n\n" + _document(corpus)
    out = _run([pandoc, "-f", "markdown-smart", "-t", "plain", "--wrap=none", "--citeproc",
                "--csl", str(style), "--bibliography", str(references)], text)
    paragraphs = [p for p in out.split("\n\n") if p.strip()]
    assert len(paragraphs) == len(corpus), out
    result = []
    for paragraph in paragraphs:
        items = []
        for item in paragraph.partition(": ")[2].split(" ;; "):
            if "«" not in item:
                break
            inside = item[item.index("«") + 1:item.index("»")].split("|")
            label, value = (inside[2], "|".join(inside[3:])) if len(inside) > 2 else ("", "")
            items.append((titles.get(inside[0]), label, _normal(value),
                          _normal(item[item.index("»") + 1:])))
        result.append(items)
    return result


@pytest.mark.parametrize("corpus, language", [(CORPUS_DE, "de-DE"), (CORPUS_EN, "en-US")],
                         ids=["de", "en"])
def test_parse_bracket_reads_what_pandoc_reads(pandoc, corpus, language, tmp_path):
    mismatches = _mismatches(pandoc, corpus, language, tmp_path)
    assert not mismatches, f"{len(mismatches)} of {len(corpus)} differ:\n" + "\n".join(mismatches)


# Pieces of items, put together at random (seeded, so every run reads the same brackets).
PREFIXES = ["", "vgl. ", "siehe ", "*siehe* ", "zitiert nach ", "x-", "(", "- ", "a, ",
            "**vgl.** ", "S. 3 "]
KEYS = ["@ft", "-@ft", "@{ft}", "@ft.x", "@ft--x", "@{a.}", "@1", "@ä", "@ria", "@a:b", "@Ab_c"]
SUFFIXES = ["", ", S. 3", ", S. 3, und dort", " S. 3", ", 3", ", 3, 5", ", Kap. 1", ", Abs. 2",
            ", *passim*", ", S. 33-35 und *passim*", "{ii}", "{}, x", ", S. iv", ", iv",
            ", S. (3)", ", § 2", " und dort", ", S. 3 f.", ", Seite 3", ", S.3", ",S. 3",
            ", S. 3:4", ", S. 3.", ", Bd. 2, S. 4", ", Nr. 3 und 4", ", S. 3, 5-7",
            ", Kapitel 2 ff.", ", S. XIV", ", S. D-Z", ", Z. 3; ", ", S. 12a", ", S. 3 (Anm.)",
            ", S. [17]", ", 12-14, 20", ", Sp. 3, Z. 2", " *S. 3*", ", S. 3\\;4", ", S. 3–5",
            ", Abb. 2 und Abb. 3", ", vol. 2", ", p. 3", ", S. 3 mit Anm. 4"]
SEPARATORS = ["; ", ";", " ; "]


def _random_corpus(seed: int, size: int) -> list[str]:
    rng = random.Random(seed)
    corpus: set[str] = set()
    while len(corpus) < size:
        items = [rng.choice(PREFIXES) + rng.choice(KEYS) + rng.choice(SUFFIXES)
                 for _ in range(rng.choice([1, 1, 2, 3]))]
        text = items[0] + "".join(rng.choice(SEPARATORS) + item for item in items[1:])
        corpus.add(f"[{text}]")
    return sorted(corpus)


def test_parse_bracket_reads_what_pandoc_reads_in_a_random_corpus(pandoc, tmp_path):
    corpus = _random_corpus(seed=13, size=600)
    mismatches = _mismatches(pandoc, corpus, "de-DE", tmp_path)
    assert not mismatches, f"{len(mismatches)} of {len(corpus)} differ:\n" + "\n".join(mismatches)


def _mismatches(pandoc: str, corpus: list[str], language: str, tmp_path) -> list[str]:
    readings = _readings(pandoc, corpus)
    keys = {item[0] for reading in readings if isinstance(reading, list) for item in reading}
    locators = _locators(pandoc, corpus, keys, language, tmp_path)
    mismatches = []
    for bracket, reading, located in zip(corpus, readings, locators):
        ours = parse_bracket(bracket[1:-1], language=language)
        if not isinstance(reading, list) or any(key in ("", "*") for key, _, _ in reading) \
                or bracket in WARNED_INSTEAD:
            expected_would = reading is not None
            why = why_left_as_text(bracket[1:-1])
            if ours is not None or pandoc_would_cite(bracket[1:-1]) != expected_would \
                    or (why is not None) != expected_would:
                mismatches.append(f"{bracket!r}: Pandoc reads "
                                  f"{'a citation we cannot show' if expected_would else 'none'},"
                                  f" we read {ours}, would_cite "
                                  f"{pandoc_would_cite(bracket[1:-1])}, why {why!r}")
            continue
        theirs = [(key, prefix, suppressed, label, value, suffix)
                  for (key, prefix, suppressed), (_, label, value, suffix)
                  in zip(reading, located)]
        mine = None if ours is None else [
            (c.key, _markdown_plain(c.prefix), c.suppress_author, c.label, _markdown_plain(c.value),
             _markdown_plain(c.suffix)) for c in ours]
        if mine != theirs:
            mismatches.append(f"{bracket!r}:\n  Pandoc {theirs}\n  ours   {mine}")
    return mismatches


def test_the_hook_renders_or_warns_every_bracket_pandoc_cites(pandoc):
    """Through the whole page pass: what Pandoc cites becomes one footnote per item (or, for a
    key the registry cannot hold, an unknown-source warning); what it cites but no footnote
    can show is a warning naming the bracket; so is a braced key Pandoc does not read (white
    space inside, no closing brace); the rest is untouched."""
    readings = _readings(pandoc, CORPUS_DE)
    keys = sorted({key for reading in readings if isinstance(reading, list)
                   for key, _, _ in reading if is_key(key)})
    registry, _ = load_registry(yaml.safe_dump([{"id": key, "title": "T"} for key in keys]))
    failures = []
    for bracket, reading in zip(CORPUS_DE, readings):
        text = f"Satz {bracket}.\n"
        result = process_markdown(text, registry, strings=for_language("de"))
        messages = [p.message for p in result.problems if p.level == "warning"]
        shown = " ".join(bracket.split())
        if isinstance(reading, list) and all(key not in ("", "*") for key, _, _ in reading) \
                and bracket not in WARNED_INSTEAD:
            notes = re.findall(r"\[\^@[^\]]+\]", result.markdown)
            unknown = [m for m in messages if m.startswith("unknown source")]
            ok = len(notes) + len(unknown) == len(reading) == len(messages) + len(notes) \
                and bracket not in result.markdown
        elif reading is None and bracket in WARNED_AS_TEXT:
            ok = result.markdown == text and len(messages) == 1 and f"'{shown}'" in messages[0]
        elif reading is None:
            ok = result.markdown == text and not messages
        else:
            ok = result.markdown == text and len(messages) == 1 and f"'{shown}'" in messages[0]
        if not ok:
            failures.append(f"{bracket!r}: Pandoc {reading}; hook {result.markdown!r} {messages}")
    assert not failures, "\n".join(failures)


def test_punctuation_class_is_every_punctuation_character_but_the_colon():
    import unicodedata

    from explainer.citations import syntax

    assert syntax._char_class([0x21, 0x22, 0x23, 0x25, 0x2d]) == r"!-\#%\-"
    cls = re.compile(f"[{syntax._PUNCTUATION}]")
    for code in range(0x21, 0x3000):
        char = chr(code)
        expected = unicodedata.category(char).startswith("P") and char != ":"
        assert bool(cls.fullmatch(char)) == expected, hex(code)
