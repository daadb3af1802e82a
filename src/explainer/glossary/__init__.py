"""Glossary: one table of names (glossary.yml) for the glossary page and tooltips on every page.

    terms.py      glossary.yml: the entries, checked (the one loader; kinds, spellings, links)
    matcher.py    one pattern for every spelling of every term, with the endings of running text
    extension.py  the Markdown tree processor that marks mentions on a page
    page.py       the glossary page's Markdown, in dictionary order
"""
