"""pymdownx.blocks.html in the pages that have blocks, not in every page.

The map's figure and the timeline's wrapper are generic blocks of pymdownx.blocks.html
(`/// html | figure`). MkDocs gives every page the extensions of mkdocs.yml, and this one costs
each page its setup, its parser step and its tree walk whether the page has a block or not: on
a site of 300 pages about 2 % of the build without hooks (instructions counted), while a map
or the timeline stands on a few pages. So a hook that writes blocks into a page says so
(`want`) in its `on_page_markdown`; MkDocs makes the page's Markdown right after the page's
`on_page_markdown` events, and `HtmlBlocks` loads the extension into that one page's Markdown.
A site whose mkdocs.yml lists pymdownx.blocks.html keeps it on every page, as listed.
"""
from __future__ import annotations

from markdown import Extension

NAME = "pymdownx.blocks.html"


class HtmlBlocks(Extension):
    """One per build, among mkdocs.yml's extensions: the blocks for the next page that wants them."""

    def __init__(self):
        super().__init__()
        self._wanted = False

    def want(self) -> None:
        """The page whose Markdown MkDocs makes next has blocks."""
        self._wanted = True

    def extendMarkdown(self, md):
        if self._wanted:
            self._wanted = False
            # Imported when first wanted: the import alone takes 0.07 s (its regular expressions).
            from pymdownx.blocks.html import HTMLExtension

            HTMLExtension().extendMarkdown(md)


class _Listed:
    """mkdocs.yml lists the extension: every page has it already."""

    def want(self) -> None:
        pass


def for_config(config) -> HtmlBlocks | _Listed:
    """The build's HtmlBlocks, added to the config's extensions by the first hook that asks."""
    extensions = config.markdown_extensions
    if NAME in extensions:
        return _Listed()
    for extension in extensions:
        if isinstance(extension, HtmlBlocks):
            return extension
    blocks = HtmlBlocks()
    extensions.append(blocks)
    return blocks
