"""A Markdown extension that puts each change's notice where the change is: right after the
heading of its section, or after the page's title when it concerns the whole page.

It runs after `toc` has given the headings their anchors, so a section is found by the same
anchor a link uses. A section that is not a heading of the page (a warning of its own) gets
its notice after the title, so no notice is lost. The notices' HTML goes through
`md.htmlStash`, like any raw HTML, and no later tree processor touches it.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))    # a section is a heading
# notices() -> for the page being converted: section anchor (None: the page) -> notices' HTML
Notices = Callable[[], "dict[str | None, list[str]]"]


class NoticeExtension(Extension):
    def __init__(self, notices: Notices):
        super().__init__()
        self.notices = notices

    def extendMarkdown(self, md: Markdown) -> None:
        # After 'toc' (5), which sets the headings' ids.
        md.treeprocessors.register(_NoticeTreeprocessor(md, self.notices), "changes_notices", 4)


class _NoticeTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, notices: Notices):
        super().__init__(md)
        self.notices = notices

    def run(self, root: etree.Element) -> None:
        wanted = self.notices()
        if not wanted:
            return
        parents = {child: parent for parent in root.iter() for child in parent}
        top = 1 if len(root) and root[0].tag == "h1" else 0    # after the page's title
        by_id = {element.get("id"): element for element in root.iter()
                 if element.tag in _HEADINGS and element.get("id")}
        for section, blocks in wanted.items():
            holder = etree.Element("p")
            holder.text = self.md.htmlStash.store("\n".join(blocks))
            holder.tail = "\n"
            target = by_id.get(section) if section else None
            if target is None or target not in parents:
                root.insert(top, holder)
                top += 1
            else:
                parent = parents[target]
                parent.insert(list(parent).index(target) + 1, holder)

