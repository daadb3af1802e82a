"""The element blocks of the map and the timeline, in the pages that have them, not in every page.

The map's figure and the timeline's wrapper are blocks, `/// element | figure.karte`: an HTML
element (a tag and its classes; other attributes as the block's `attrs:` option) whose content
is Markdown, parsed wherever a Markdown block can stand (raw HTML with `markdown="1"` is read
only at the top level of a page). `Element` is a block of pymdownx.blocks, made through its
documented Block API. pymdownx.blocks.html makes the same elements, but importing it compiles
its CSS selector patterns (Unicode ranges, case-insensitive): 0.65 billion instructions in
every build with a map or the timeline, which the element blocks, with their simpler
argument, do without.

MkDocs gives every page the extensions of mkdocs.yml, and a block extension costs each page its
setup, its parser step and its tree walk whether the page has a block or not, while a map or
the timeline stands on a few pages. So a hook that writes blocks into a page says so (`want`)
in its `on_page_markdown`; MkDocs makes the page's Markdown right after the page's
`on_page_markdown` events, and `ElementBlocks` loads the blocks into that one page's Markdown.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

NAME = "element"
# The block's argument: a tag and its classes, `figure.karte.karte--syrien`.
_SELECTOR = re.compile(r"([a-z][a-z0-9]*)((?:\.[A-Za-z_][\w-]*)*)")


class Element(Block):
    """`/// element | tag.class…`: the element, its content Markdown."""

    NAME = NAME
    ARGUMENT = True

    def on_validate(self, parent: etree.Element) -> bool:
        selector = _SELECTOR.fullmatch(self.argument.strip())
        if selector is None:
            return False                  # not a block: the line stays text
        self.tag = selector.group(1)
        self.classes = " ".join(selector.group(2).split(".")[1:])
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, self.tag, {"class": self.classes} if self.classes else {})


class _ElementExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        block_mgr.register(Element, {})


class ElementBlocks(Extension):
    """One per build, among mkdocs.yml's extensions: the blocks for the next page that wants them."""

    def __init__(self):
        super().__init__()
        self._wanted = False

    def want(self) -> None:
        """The page whose Markdown MkDocs makes next has element blocks."""
        self._wanted = True

    def extendMarkdown(self, md):
        if self._wanted:
            self._wanted = False
            _ElementExtension().extendMarkdown(md)


def for_config(config) -> ElementBlocks:
    """The build's ElementBlocks, added to the config's extensions by the first hook that asks."""
    for extension in config.markdown_extensions:
        if isinstance(extension, ElementBlocks):
            return extension
    blocks = ElementBlocks()
    config.markdown_extensions.append(blocks)
    return blocks
