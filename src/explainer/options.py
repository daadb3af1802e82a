"""A feature's options in mkdocs.yml, read one way by every hook that reads them:

    extra:
      citations: {registry: sources.yml, required: false, page: sources.md}
      glossary: {file: glossary.yml, page: glossary.md}
      timeline: {file: timeline.yml}

A block that is not a mapping stops the build with a message (a hook would otherwise fail on
it with a traceback), and so does a path that is not a path (`file: []`, a data file that is a
folder); an option no hook knows is a warning, given by the feature's own hook.
`toc_slugify` is the slugify of `markdown_extensions: toc`, for the hooks that make anchors.
"""
from __future__ import annotations

from pathlib import Path

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


def path_option(config, feature: str, option: str, default: str) -> str:
    """`extra.<feature>.<option>`, a path as text (`default` when absent): a page under docs/
    or a data file; PluginError naming the option when it is not text or is empty."""
    value = feature_options(config, feature).get(option, default)
    if not isinstance(value, str) or not value.strip():
        found = "an empty text" if isinstance(value, str) else kind_of(value)
        raise PluginError(f"{at_entry(CONFIG_FILE, f'extra.{feature}', option)}: expected a "
                          f"path, such as {default}, found {found}")
    return value


def data_file_option(config, feature: str, option: str, default: str) -> Path:
    """The data file `extra.<feature>.<option>` names, beside mkdocs.yml (it need not exist);
    PluginError as path_option's, and for a folder."""
    value = path_option(config, feature, option, default)
    path = Path(config.config_file_path).parent / value
    if path.is_dir():
        raise PluginError(f"{at_entry(CONFIG_FILE, f'extra.{feature}', option)}: {value} is a "
                          f"folder; name the data file, such as {default}")
    return path


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
