"""explainer.markup: a data file's Markdown stays Markdown, its HTML and attribute lists text."""
import markdown
import pytest

from explainer.markup import escaped, forbidden_reference_at, unsafe_links, without_html


def _html(text: str) -> str:
    # As the pages render a data file's text: attribute lists and fenced code on.
    return markdown.Markdown(extensions=["attr_list", "fenced_code"]).convert(without_html(text))


@pytest.mark.parametrize("text, shown", [
    ('*x*{: onclick="alert(1)" }', '<em>x</em>{: onclick="alert(1)" }'),
    ("A line.\n{: #beta .x }", "A line.\n{: #beta .x }"),
    ("a {.cls} b", "a {.cls} b"),
])
def test_attribute_lists_show_as_typed_and_set_no_attribute(text, shown):
    html = _html(text)
    assert f"<p>{shown}</p>" == html
    assert "onclick=" not in html.replace('{: onclick="alert(1)" }', "")


def test_markdown_stays_markdown_and_html_shows_as_typed():
    assert _html("*a* <b>b</b> & c") == "<p><em>a</em> &lt;b&gt;b&lt;/b&gt; &amp; c</p>"


def test_a_link_address_in_angle_brackets_is_a_link_and_never_a_tag():
    assert _html("[a](<bases.md#x>) [b](<https://example.org/a>)") == (
        '<p><a href="bases.md#x">a</a> <a href="https://example.org/a">b</a></p>')
    # Not a link (an escaped bracket): the address shows without its brackets, no tag made.
    assert _html("\\[x](<img/src=x/onerror=y>)") == "<p>[x](img/src=x/onerror=y)</p>"
    assert _html("\\[x](<img/src=x/onerror=alert(1)>)") == (
        "<p>[x](&lt;img/src=x/onerror=alert(1)&gt;)</p>")
    assert "<b" not in _html("[y](<b onclick=x>)")          # a space: brackets kept, escaped


@pytest.mark.parametrize("text, code", [
    ("Text `a<b {: x}` end", "<code>a&lt;b {: x}</code>"),
    ("Text.\n\n```\na<b & {x}\n```", "<pre><code>a&lt;b &amp; {x}\n</code></pre>"),
    ("Text.\n\n~~~\na<b {: y}\n~~~", "<pre><code>a&lt;b {: y}\n</code></pre>"),
    ("Text.\n\n    a<b & {x}", "<pre><code>a&lt;b &amp; {x}\n</code></pre>"),
])
def test_code_shows_its_text_as_it_is(text, code):
    # Escaped once, by Markdown: no '&amp;lt;' and no backslash before a brace.
    assert code in _html(text)


@pytest.mark.parametrize("text, problem", [
    ("See [this](javascript:alert(2)).", "link 'javascript:alert(2)'"),
    ("See [this][r].\n\n[r]: JavaScript:alert(1)", "link 'JavaScript:alert(1)'"),
    ("A ![map](https://evil.example/t.png) here", "an image from elsewhere "
                                                   "('https://evil.example/t.png')"),
    ("A ![map](//evil.example/t.png) here", "an image from elsewhere ('//evil.example/t.png')"),
    ("[x](data:text/html,hi)", "link 'data:text/html,hi'"),
])
def test_a_link_that_runs_or_an_image_from_elsewhere_is_named(text, problem):
    assert [p for p in unsafe_links(text) if p.startswith(problem)], unsafe_links(text)


@pytest.mark.parametrize("text", [
    "Plain text, [brackets] and a: colon.",
    "[Ein Bericht](https://example.org/a), [Mail](mailto:a@example.org), [hier](bases.md#x)",
    "![Karte](img/karte.png) and `[c](javascript:x)` in code",
    "An <a href=\"javascript:x\">HTML link</a> shows as typed",
])
def test_links_to_the_web_or_the_site_and_code_are_fine(text):
    assert unsafe_links(text) == []


@pytest.mark.parametrize("target", ["/\\evil.example/t.png", "\\/evil.example/t.png",
                                    "/\\/evil.example/t.png", "///evil.example/t.png"])
def test_an_image_address_is_read_as_a_browser_reads_it(target):
    # A browser takes a backslash for a slash: each of these is another host's image.
    text = f"A ![map]({target}) here"
    assert [p for p in unsafe_links(text) if p.startswith("an image from elsewhere")], \
        unsafe_links(text)


@pytest.mark.parametrize("text, link", [
    ("See <https://example.org/a?b=1&c=2>.",
     '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>'),
    ("See [the report](<https://example.org/a(b)>).",
     '<a href="https://example.org/a(b)">the report</a>'),
])
def test_autolinks_and_angle_bracket_addresses_are_links_not_html(text, link):
    assert link in _html(text)


@pytest.mark.parametrize("text", ["a](<script>alert(1)</script>)", "<javascript:alert(1)>",
                                  '<https://x" onmouseover="a>'])
def test_what_only_looks_like_an_address_shows_as_typed(text):
    assert "<script" not in _html(text) and "onmouseover=\"a\"" not in _html(text)
    assert "&lt;" in _html(text)


@pytest.mark.parametrize("text, expected", [
    ("a &#0; b", (1, "'&#0;' (U+0000)")),
    ("a\n\\&#x1; b", (2, "'&#x1;' (U+0001)")),      # a backslash escapes no '&'
    ("`&#0;` and\n\n    &#0;\n", None),              # code span, indented code
    ("```\n&#0;\n```\nthen &#xD800;", (4, "'&#xD800;' (U+D800)")),
    ("&#8212; &#x1F600; &amp;#0;", None),
])
def test_a_forbidden_reference_outside_code_is_found_with_its_line(text, expected):
    assert forbidden_reference_at(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("[x]", False), ("\\[x]", True), ("\\\\[x]", False), ("\\\\\\[x]", True),
    ("a\\[x]", True),
])
def test_a_character_is_escaped_after_an_odd_run_of_backslashes(text, expected):
    assert escaped(text, text.index("[")) is expected
