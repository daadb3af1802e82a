"""Citations: Pandoc-style `[@key]` in pages become numbered footnotes from a source registry.

    registry.py      sources.yml: CSL-style entries, checked (the one loader, one key rule)
    syntax.py        what one `[...]` bracket means, read as Pandoc reads it: cites with
                     prefix, locator and suffix, or not a citation
    affixes.py       a cite's prefix, locator and suffix as HTML (inline Markdown, escaped)
    scan.py          where the citations and the author's own footnotes are on a page
    footnotes.py     a page's citations become footnote references; the Markdown extension
                     that puts the reference texts into the footnotes extension's list
    required.py      paragraphs without a citation, where a site or page requires them
    references.py    the reference text of a source, in the site's language
    sources_page.py  the page that lists every source and the pages citing it
    shown.py         the safety net: citation syntax a rendered page still shows as text
    build.py         one build's state: what each page cited, for the sources page
"""
