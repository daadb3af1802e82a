"""A feature's options in mkdocs.yml, read one way by every hook that reads them:

    extra:
      citations: {registry: sources.yml, required: false, page: sources.md}
      glossary: {file: glossary.yml, page: glossary.md}
      timeline: {file: timeline.yml}

A block that is not a mapping stops the build with a message (a hook would otherwise fail on
it with a traceback); an option no hook knows is a warning, given by the feature's own hook.
`toc_slugify` is the slugify of `markdown_extensions: toc`, for the hooks that make anchors.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError

from .data import kind_of
from .location import at_entry
from .rules import did_you_mean

CONFIG_FILE = "mkdocs.yml"


def feature_options(config, feature: str) -> dict:
    """`extra.<feature>` of mkdocs.yml ({} when absent); PluginError when it is no mapping."""
    options = (config.extra or {}).get(feature)
    if options is None:
        return {}
    if not isinstance(options, dict):
        raise PluginError(f"{at_entry(CONFIG_FILE, f'extra.{feature}')}: expected a mapping of "
                          f"options, found {kind_of(options)}")
    return options


def unknown_options(options: dict, feature: str, known: tuple[str, ...]) -> list[str]:
    """A warning for each option of `extra.<feature>` that is not one of `known` (none: the
    feature takes no options)."""
    if not known:
        return [f"{at_entry(CONFIG_FILE, f'extra.{feature}')}: unknown option '{key}'; the "
                f"{feature} feature takes no options" for key in options]
    return [f"{at_entry(CONFIG_FILE, f'extra.{feature}')}: unknown option '{key}'"
            f"{did_you_mean(str(key), known)}; options are {', '.join(known)}"
            for key in options if key not in known]


def toc_slugify(config):
    """The very function the toc extension uses for headings (its `slugify` option, else
    Python-Markdown's), so the anchors the hooks make or look for are its anchors."""
    mdx_configs = getattr(config, "mdx_configs", None) or {}
    slugify = (mdx_configs.get("toc") or {}).get("slugify")
    if slugify is None:
        from markdown.extensions.toc import slugify
    return slugify
