"""Corrections and updates, shown to readers: changes.yml becomes a dated list page, a notice
on each page it names, and that page's `dateModified` in schema.org JSON-LD.

    entries.py   reading and checking changes.yml (pure)
    inline.py    a change's text: one paragraph of inline Markdown as safe HTML, links checked
    render.py    the markup: notice, list page, JSON-LD
    notices.py   the Markdown extension that puts each notice at its section
    site.py      ChangeLog, one build's state, called by hooks/changes.py
"""
from .site import FILE, ChangeLog, read

__all__ = ["FILE", "ChangeLog", "read"]
