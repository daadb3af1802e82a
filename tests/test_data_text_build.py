"""A data file's Markdown on the pages: its attribute lists show as typed and set nothing."""
from __future__ import annotations

from conftest import hook_path

_CONFIG = ("theme: {name: mkdocs, locale: de}\nmarkdown_extensions: [attr_list, md_in_html, footnotes]\n"
           "hooks:\n" + "".join(f"  - {hook_path(name)}\n"
                                for name in ("citations", "glossary", "timeline")))
_SOURCES = "- {id: ft, type: article-newspaper, container-title: Financial Times, title: T}\n"


def test_attribute_lists_in_explanations_and_events_set_no_attribute(tiny_site):
    site = tiny_site(
        {"index.md": "# Start\n\nAlpha und Beta. [@ft]\n\n<!-- timeline -->\n",
         "glossary.md": "# Glossar\n\n<!-- glossary -->\n", "sources.md": ""},
        config=_CONFIG,
        files={"sources.yml": _SOURCES,
               "glossary.yml": """\
                   - term: Alpha
                     kind: Begriff
                     short: Der erste.
                     explanation: '*Text*{: onclick="alert(1)" } mit Liste.'
                     sources: [ft]
                   - term: Beta
                     kind: Begriff
                     short: Der zweite.
                     explanation: "Eine Zeile.\\n{: #anker }"
                     sources: [ft]
                   """,
               "timeline.yml": """\
                   events:
                     - date: 2024-12-08
                       text: '*Ereignis*{: onmouseover="alert(3)" }'
                       dating: 'etwa{: .x }'
                       sources: [ft]
                   """})
    glossary = (site / "glossary/index.html").read_text(encoding="utf-8")
    start = (site / "index.html").read_text(encoding="utf-8")
    assert 'onclick' not in glossary.replace('{: onclick="alert(1)" }', "")
    assert '<em>Text</em>{: onclick="alert(1)" } mit Liste.' in glossary
    assert 'id="anker"' not in glossary and "{: #anker }" in glossary
    assert "onmouseover" not in start.replace('{: onmouseover="alert(3)" }', "")
    assert '<em>Ereignis</em>{: onmouseover="alert(3)" }' in start
    assert "etwa{: .x }" in start
