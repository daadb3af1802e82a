"""Property tests of the foundations: random pages and data never make them raise, text without
markers is left alone, and what the loader accepts keeps its keys as text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.data import DataError, parse_yaml
from explainer.markers import find_markers, replace_markers

PIECES = st.sampled_from([
    "<!-- timeline -->", "<!-- map: coast -->", "<!--", "-->", "```", "~~~", "\n", "\n\n", "    ",
    "\t", "> ", "- ", "1. ", "!!! note\n", "??? info \"T\"\n", "=== \"Tab\"\n", "`", "text", " ",
    "#", "ü",
])
PAGES = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(PAGES)
def test_markers_never_raise_and_replacing_keeps_every_other_line(text):
    markers = find_markers(text)
    lines = text.split("\n")
    for marker in markers:
        line = lines[marker.line - 1]
        assert line.startswith(marker.prefix) and line.rstrip().endswith("-->")
    out = replace_markers(text, ["timeline"], lambda marker: "X")
    kept = [line for number, line in enumerate(lines, 1)
            if number not in {m.line for m in markers if m.name == "timeline"}]
    out_lines = out.split("\n")
    assert all(line in out_lines for line in kept)


@settings(max_examples=300, deadline=None)
@given(PAGES)
def test_text_without_a_named_marker_is_unchanged(text):
    assert replace_markers(text, ["nothing-here"], lambda marker: "X") == text


YAML = st.lists(st.sampled_from([
    "a: 1\n", "- x\n", "2024: y\n", "yes: z\n", "d: 2024-12-09\n", "  ", "\n", ":", "[", "]",
    "{", "}", "- a: 1\n  a: 2\n", "? [1]\n: 2\n", "\t", "'", "\"", "<<: {b: 1}\n",
    "!!python/object:os.system\n",
]), max_size=12).map("".join)


def _keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


@settings(max_examples=400, deadline=None)
@given(YAML)
def test_the_loader_gives_data_with_text_keys_or_a_data_error(text):
    try:
        data = parse_yaml(text, "x.yml")
    except DataError as error:
        assert str(error).startswith("x.yml")
        return
    assert all(isinstance(key, str) for key in _keys(data))
