"""Pandoc's bracketed citation syntax (explainer.citations.syntax): exact readings per form."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.citations.shown import may_show_citations
from explainer.citations.syntax import (Cite, find_keys, pandoc_would_cite, parse_bracket,
                                        why_left_as_text, why_no_key)


@pytest.mark.parametrize("text, expected", [
    ("@ft", [Cite("ft")]),
    ("vgl. @ft", [Cite("ft", prefix="vgl.")]),
    ("zitiert nach @ft", [Cite("ft", prefix="zitiert nach")]),
    ("siehe @ft, S. 3, und dort die Fußnote",
     [Cite("ft", prefix="siehe", locator="S. 3", label="page", value="3",
           suffix=", und dort die Fußnote")]),
    ("see @ft, S. 33-35; also @bloomberg, Kap. 1",
     [Cite("ft", prefix="see", locator="S. 33-35", label="page", value="33-35"),
      Cite("bloomberg", prefix="also", locator="Kap. 1", label="chapter", value="1")]),
    ("-@ft, S. 4", [Cite("ft", locator="S. 4", label="page", value="4", suppress_author=True)]),
    ("siehe -@ft", [Cite("ft", prefix="siehe", suppress_author=True)]),
    ("x-@ft", [Cite("ft", prefix="x-")]),
    ("@{ft}, S. 2", [Cite("ft", locator="S. 2", label="page", value="2")]),
    ("@{https://example.com/b?x=1&y=2}, S. 3",
     [Cite("https://example.com/b?x=1&y=2", locator="S. 3", label="page", value="3")]),
    ("@ft, *passim*", [Cite("ft", suffix=", *passim*")]),
    ("@ft, S. 33-35 und *passim*",
     [Cite("ft", locator="S. 33-35", label="page", value="33-35", suffix=" und *passim*")]),
    ("@ft, 3, 5", [Cite("ft", locator="3, 5", label="page", value="3, 5")]),
    ("@ft, S. 3 f.", [Cite("ft", locator="S. 3", label="page", value="3", suffix=" f.")]),
    ("@ft, Abschn. 2", [Cite("ft", locator="Abschn. 2", label="section", value="2")]),
    ("@ft, § 2", [Cite("ft", locator="§ 2", label="section", value="2")]),
    ("@ft, S. iv", [Cite("ft", locator="S. iv", label="page", value="iv")]),
    ("@ft, iv", [Cite("ft", suffix=", iv")]),              # roman numerals need a term
    ("@ft, p. 4", [Cite("ft", suffix=", p. 4")]),          # an English term in German
    ("@ft{ii, A, D-Z}, mit Zusatz",
     [Cite("ft", locator="ii, A, D-Z", label="page", value="ii, A, D-Z", suffix=", mit Zusatz")]),
    ("@ft{}, 99 Jahre später", [Cite("ft", label="page", suffix=", 99 Jahre später")]),
    ("@ft und dort", [Cite("ft", suffix=" und dort")]),
    ("@{a}b", [Cite("a", suffix=", b")]),                  # Pandoc's comma before a suffix
    ("@Foo_bar.baz.", [Cite("Foo_bar.baz", suffix=".")]),    # a final `.` ends the key
    ("@Foo_bar--baz", [Cite("Foo_bar", suffix="--baz")]),
    ("*siehe* @ft, S. 3", [Cite("ft", prefix="*siehe*", locator="S. 3", label="page", value="3")]),
    ("siehe\n@ft,  S. 3\nund dort",
     [Cite("ft", prefix="siehe", locator="S. 3", label="page", value="3", suffix=" und dort")]),
    ("`a;b` @ft", [Cite("ft", prefix="`a;b`")]),
    ("a\\; b @ft", [Cite("ft", prefix="a\\; b")]),
    (" @ft ; @ria", [Cite("ft"), Cite("ria")]),
    ("@ft, &lt;b&gt; &amp; x; @ria", [Cite("ft", suffix=", &lt;b&gt; &amp; x"), Cite("ria")]),
    ("@ft, &#123; &#x1F; x", [Cite("ft", suffix=", &#123; &#x1F; x")]),
    ("@ft & co; @ria", [Cite("ft", suffix=" & co"), Cite("ria")]),
])
def test_parse_bracket_reads_each_form(text, expected):
    assert parse_bracket(text) == expected
    assert why_left_as_text(text) is None


@pytest.mark.parametrize("text, expected", [
    ("@smith, pp. 33-35 and *passim*",
     [Cite("smith", locator="pp. 33-35", label="page", value="33-35", suffix=" and *passim*")]),
    ("@smith, chap. 1", [Cite("smith", locator="chap. 1", label="chapter", value="1")]),
    ("@smith, S. 3", [Cite("smith", suffix=", S. 3")]),
])
def test_locator_terms_follow_the_language(text, expected):
    assert parse_bracket(text, language="en") == expected


@pytest.mark.parametrize("text", [
    "@", "mail@example.com", "x.@ft", "vgl.@ft", "foo@ft", "\\@ft", "`@ft`", "@-ft", "@{a b}",
    "Quelle", "", "@ft\n\nweiter",
])
def test_what_pandoc_reads_no_citation_in(text):
    assert parse_bracket(text) is None
    assert pandoc_would_cite(text) is False
    assert why_left_as_text(text) is None


@pytest.mark.parametrize("text, why", [
    ("@ft; x", "item 2 ('x') has no key"),
    ("x; @ft", "item 1 ('x') has no key"),
    ("@ft;", "item 2 ('') has no key"),
    ("see @ft and @ria", "it holds 2 keys; separate them with ';'"),   # Pandoc nests one
    ("@ft @ria; -@kreml", "item 1 ('@ft @ria') holds 2 keys; separate them with ';'"),
    ("@*", "@* (every source) shows no footnote"),
    ("@{}", "it has an empty key"),
    ("x@a@b", "Pandoc finds a key in a word with two '@'"),
])
def test_what_pandoc_cites_but_no_footnote_can_show(text, why):
    assert parse_bracket(text) is None
    assert pandoc_would_cite(text) is True
    assert why_left_as_text(text) == why


@pytest.mark.parametrize("text, why", [
    ("@{no such}", "the braced key '@{no such}' holds white space"),
    ("siehe -@{a\nb}, S. 3", "the braced key '@{a b}' holds white space"),
    ("@{a{b c}}", "the braced key '@{a{b c}}' holds white space"),
    ("@{ft", "the brace after '@' does not close"),
])
def test_a_braced_key_pandoc_does_not_read_is_explained_though_pandoc_cites_nothing(text, why):
    assert parse_bracket(text) is None and why_left_as_text(text) is None
    assert why_no_key(text).startswith(why)


@pytest.mark.parametrize("text", ["@{ft}", "@{a b}; @ft", "mail@{a b}", "\\@{a b}", "`@{a b}`",
                                  "@{a b}\n\nx", "@ft", "Quelle"])
def test_no_braced_key_to_explain(text):
    assert why_no_key(text) is None


def test_find_keys_skips_mail_addresses_code_and_escapes():
    text = "@ft sagt, mail@example.com, `@code` und \\@esc, aber -@ria und @{a.b.}."
    ria, braced = text.index("@ria"), text.index("@{")
    assert list(find_keys(text)) == [(0, 3, "ft"), (ria, ria + 4, "ria"),
                                     (braced, braced + 7, "a.b.")]


# Bracket texts from the pieces of citations, in any order and number.
BRACKET_TEXT = st.lists(st.sampled_from(list("@-{};,.*_`\\ \nftS3ivä[]()§") + [
    "@ft", "vgl. ", ", S. 3", "-@", "@{", "Kap. ", "mail@x.de"]), max_size=20).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=BRACKET_TEXT)
def test_every_bracket_is_read_or_explained_and_nothing_raises(text):
    cites = parse_bracket(text)
    why = why_left_as_text(text)
    if cites is not None:
        assert why is None and pandoc_would_cite(text)
        assert all(cite.key and (cite.label or not cite.locator) for cite in cites)
    else:
        assert (why is not None) == pandoc_would_cite(text)
    assert why_no_key(text) is None or (cites is None and why is None)


def test_parse_bracket_reads_a_text_once_and_hands_out_lists_of_its_own():
    first = parse_bracket("vgl. @ft, S. 3; @ria")
    first.append(Cite("changed"))
    assert parse_bracket("vgl. @ft, S. 3; @ria") == [
        Cite("ft", prefix="vgl.", locator="S. 3", label="page", value="3"), Cite("ria")]
    assert parse_bracket("@ft") is not parse_bracket("@ft")


@settings(max_examples=500, deadline=None)
@given(text=BRACKET_TEXT, after=BRACKET_TEXT)
def test_a_bracket_ends_where_the_long_reading_ends_it(text, after):
    # the scanner's short way (nothing inside to read) and its long way agree on every bracket
    from explainer.citations.scan import _bracket_end, _bracket_end_read
    page = f"x [{text}]{after}"
    assert _bracket_end(page, 2) == _bracket_end_read(page, 2)


@pytest.mark.parametrize("html, expected", [
    ('<p>[^@ft] und mehr</p>', True),
    ('<code>[@ft]</code>', True),
    ('<p>[-@ft]</p>', True),
    ('<sup id="fnref:@ft"><a href="#fn:@ft">1</a></sup> [Text] @ft', False),
    ('<p>[^1] [ @ft] [-x@ft]</p>', False),
])
def test_the_quick_test_looks_only_at_pages_showing_citation_syntax(html, expected):
    assert may_show_citations(html) is expected
