"""Changes, property tests: whatever an editor writes in `what` or `why`, the HTML that reaches
the page holds only the few inline tags Markdown makes, no attribute but a checked href or a
title, and links only to the web, mail or pages that exist."""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.changes.inline import InlineError, InlineMarkdown

PIECES = st.sampled_from([
    "<b>", "</b>", "<script>", "</script>", "<img src=x onerror=alert(1)>", "<!--", "-->",
    "&", "&amp;", "&#x3C;", "\"", "'", "*", "**", "_", "`", "``", "\\", "[", "]", "(", ")", "!",
    "[a](since.md)", "[a](since.md#x)", "[a](gone.md)", "[a](javascript:alert(1))",
    "[a](https://example.org/?a=1&b=2)", "[a](  )", "![b](https://t.example/p.png)",
    "<https://example.org>", "<a@example.org>", "[a]: https://x.example\n", "[a][]",
    "[a](since.md \"T<\")", "\n", "\n\n", "- ", "# ", "    ", "> ", "Wort", " ", "ü", "1. ",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map("".join)
ALLOWED_TAGS = {"em", "strong", "code", "a", "span", "br"}
RESOLVED = {"since.md": "../since/"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_any_text_gives_only_safe_inline_html(text):
    renderer = InlineMarkdown()
    try:
        result = renderer.render(text, RESOLVED.get)
    except InlineError:
        return                                        # reported to the editor, never shown
    tags = _Tags()
    tags.feed(result.html)
    for tag, attrs in tags.found:
        assert tag in ALLOWED_TAGS, (text, result.html)
        for name, value in attrs:
            assert name in ("href", "title") and (name == "title" or tag == "a"), result.html
            if name == "href":
                parts = urlsplit(value)
                assert (parts.scheme in ("https", "http", "mailto")
                        or value.split("#")[0] in RESOLVED.values()), result.html
