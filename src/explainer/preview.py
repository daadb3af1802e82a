"""The preview shows its errors: while `mkdocs serve` runs, a broken data file does not stop the
build (MkDocs would leave the browser waiting until the fix); the feature is left out, the
error is logged (the terminal) and shown at the top of every page (the browser), naming file,
entry and field. The next save rebuilds the site and live reload shows it without the error.
`mkdocs build` is not affected: there the error stops the build as before.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Callable, TypeVar

from mkdocs.exceptions import PluginError

from .strings import Strings

T = TypeVar("T")
_BODY = re.compile(r"<body\b[^>]*>")
_serving = False    # this process runs `mkdocs serve` (set by on_startup, once per process)
_missing_in: set[str] = set()   # folders of data files missing at the first build (for on_serve)


def on_startup(*, command, dirty):
    """The MkDocs event of every hook that shows data errors in a preview (`on_startup =
    preview.on_startup` in the hook): remembers once per process whether it serves."""
    global _serving
    _serving = command == "serve"
    _missing_in.clear()


def watch(config, path: str | Path) -> None:
    """Add a data file to serve's watch list (in a hook's on_config), also one that does not
    exist yet: MkDocs cannot watch a missing path (its observer fails to start), so on_serve
    watches the file's folder instead, without its subfolders, and creating the file rebuilds
    the site."""
    path = Path(path)
    if path.exists():
        if str(path.resolve()) not in {str(Path(p).resolve()) for p in config.watch}:
            config.watch.append(str(path))
    elif path.parent.is_dir():
        _missing_in.add(str(path.parent.resolve()))


def on_serve(server, /, *, config, builder):
    """The MkDocs event of every hook that watches a data file (`on_serve = preview.on_serve`):
    the folders of data files missing at the first build, through the server's documented
    watch (any file saved directly in such a folder rebuilds the site, as a saved page does)."""
    for folder in sorted(_missing_in):
        server.watch(folder, recursive=False)
    return server


def serving() -> bool:
    """True in `mkdocs serve`: data errors are shown in the pages instead of stopping."""
    return _serving


class Problems:
    """The data-file errors of one hook in one build."""

    def __init__(self, serving: bool, log, strings: Strings):
        self.serving = serving
        self.log = log
        self.strings = strings
        self.errors: list[str] = []

    def attempt(self, load: Callable[..., T], *args, default: T = None, report: bool = True,
                **kwargs) -> T:
        """load(*args, **kwargs); in a preview, a PluginError is recorded and `default` returned.

        report=False: in a preview, say nothing (another hook reports that file).
        """
        try:
            return load(*args, **kwargs)
        except PluginError as error:
            if not self.serving:
                raise
            if report:
                self.log.error(str(error))
                self.errors.append(str(error))
            return default

    def fail(self, message: str) -> None:
        """A data error found after loading: stops a build, is recorded in a preview."""
        self.attempt(_raise, message)

    def show(self, output: str) -> str:
        """The page with the errors at the top of its body (unchanged when there are none)."""
        if not self.errors:
            return output
        found = _BODY.search(output)
        if found is None:
            return output
        return output[:found.end()] + banner(self.errors, self.strings) + output[found.end():]


def _raise(message: str):
    raise PluginError(message)


def banner(errors: list[str], strings: Strings) -> str:
    """An alert box with the messages, escaped."""
    items = "".join(f"<li><code>{html.escape(error)}</code></li>" for error in errors)
    return ('<div role="alert" class="explainer-preview-error" style="position:sticky;top:0;'
            'z-index:10000;padding:1em 1.5em;background:#8b0000;color:#fff;font:16px/1.5 '
            'system-ui,sans-serif">'
            f'<strong>{html.escape(strings("preview.title"))}</strong>'
            f'<ul style="margin:.5em 0;padding-left:1.2em">{items}</ul>'
            f'<p style="margin:0">{html.escape(strings("preview.fix"))}</p></div>')
