"""Citations: Pandoc-style `[@key]` in pages become numbered footnotes from a source registry.

    registry.py      sources.yml: CSL-style entries, checked (the one loader, one key rule)
    syntax.py        what one `[...]` bracket means: a list of cites, or not a citation
    scan.py          where the citations and the author's own footnotes are on a page
    footnotes.py     a page's citations become footnote references; the Markdown extension
                     that puts the reference texts into the footnotes extension's list
    required.py      paragraphs without a citation, where a site or page requires them
    references.py    the reference text of a source, in the site's language
    sources_page.py  the page that lists every source and the pages citing it
    build.py         one build's state: what each page cited, for the sources page
"""
