"""The one loader for the data files an editor writes (sources.yml, glossary.yml, ...).

Every data file is read the same way:
- UTF-8, with or without a byte order mark; Windows line ends are fine. Other bytes stop the
  build with the line and column of the first bad byte.
- YAML's safe subset. A key given twice in one mapping is refused (PyYAML would keep the last).
- Keys are the text as written: `2024:` is the key '2024', `yes:` the key 'yes', never an
  integer or a boolean. Dates stay text (`2024-12-09` is '2024-12-09'), so each feature checks
  them by one rule (`explainer.rules`) and names the entry when one is wrong.
- Values as written: only plain decimal numbers (`12`, `-3`, `36.25`, `36.`, `.5`) are numbers
  and only `true`/`false` booleans, as in YAML 1.2; `007`, `0x1F`, `1:30`, `1_000`, `yes` stay
  text.
Problems raise DataError, a PluginError: MkDocs shows its message and no traceback.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from .location import at_entry, at_line
from .rules import control_character


class DataError(PluginError):
    """A data file or page the build cannot use; the message names file, entry and field."""


def read_text(path: str | Path, shown: str) -> str:
    """A file's text as UTF-8 (BOM dropped, CRLF as LF); DataError names the first bad byte."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError(f"{shown}: file not found") from None
    except OSError as error:
        raise DataError(f"{shown}: cannot read: {error.strerror or error}") from None
    return decode(raw, shown)


def read_bytes(path: str | Path) -> bytes | None:
    """A file's bytes, None if it cannot be read (read_text then says why)."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def reads_as_utf8(raw: bytes | None) -> bool:
    """Whether a file's bytes (read_bytes) are there and are UTF-8: the quick check of many
    files, before read_text names the first bad byte of one that is not."""
    if raw is None:
        return False
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def control_character_at(raw: bytes) -> tuple[int, str] | None:
    """(line, 'U+0001') of the first control character in UTF-8 bytes that HTML forbids (tab
    and line ends allowed), else None. Bytes, not text: a page's are read anyway, and deleting
    the C0 controls to compare lengths costs a fifth of a search of its text."""
    # Two searches, each fast where the one pattern for both is not: the C1 controls start with
    # \xc2 (as « » § and the no-break space do), which the regex engine skips to.
    c0 = _C0_RE.search(raw) if len(raw.translate(None, _C0_CONTROLS)) != len(raw) else None
    c1 = _C1_RE.search(raw) if b"\xc2" in raw else None
    found = min((m for m in (c0, c1) if m is not None), key=lambda m: m.start(), default=None)
    if found is None:
        return None
    code = found.group()[-1]                 # U+0080-U+009F are \xc2 and their last byte
    return raw.count(b"\n", 0, found.start()) + 1, f"U+{code:04X}"


_C0_CONTROLS = bytes([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])
_C0_RE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_C1_RE = re.compile(rb"\xc2[\x80-\x9f]")


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 bytes as text (BOM dropped, CRLF and CR as LF); DataError names the first bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError(f"{at_line(shown, line)}: not UTF-8 (byte 0x{raw[error.start]:02x} at "
                        f"column {column}); save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def while_unchanged(load):
    """`load(path, *args)` that reads and checks a file again only once it has changed (its
    modification time or size): `mkdocs serve` rebuilds on every save, and a data file the
    editor did not save need not be read again. The result is shared between builds, so it must
    not be changed (frozen entries in a list nobody appends to). A missing or unreadable file is
    not kept: `load` says what is wrong with it every time."""
    @functools.lru_cache(maxsize=4)
    def cached(path: str, stamp: tuple[int, int], *args):
        return load(path, *args)

    @functools.wraps(load)
    def wrapper(path, *args):
        try:
            stat = os.stat(path)
        except OSError:
            return load(path, *args)
        return cached(str(path), (stat.st_mtime_ns, stat.st_size), *args)
    return wrapper


def load_yaml(path: str | Path, shown: str, *, missing_ok: bool = False):
    """Parse a data file; None when it is empty (or absent and `missing_ok`)."""
    if missing_ok and not Path(path).exists():
        return None
    return parse_yaml(read_text(path, shown), shown)


def parse_yaml(text: str, shown: str):
    """Parse YAML text by the rules above; DataError with the line on a syntax error."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except DataError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        raise DataError(f"{at_line(shown, mark.line + 1 if mark else None)}: invalid YAML: "
                        f"{problem}") from None
    except yaml.YAMLError as error:
        raise DataError(f"{shown}: invalid YAML: {str(error).splitlines()[0]}") from None


class DuplicateKey(yaml.MarkedYAMLError):
    pass


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML with text keys and text dates; a key given twice is an error."""

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)
        self.flatten_mapping(node)
        mapping = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value                       # the key as written, always text
            else:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text, not a list or mapping",
                    key_node.start_mark)
            if key in mapping:
                raise DuplicateKey(None, None, f"key '{key}' given twice in one entry",
                                   key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)

# Numbers and true/false as YAML 1.2 writes them; YAML 1.1's other forms are text as written
# (`007`, `0x1F`, `1:30` would be 7, 31 and 90; `yes`, `no`, `on`, `off` booleans).
_PLAIN = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in _PLAIN]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z"),
                              list("-+0123456789"))
_Loader.add_implicit_resolver(       # YAML 1.2's core schema: 36.25, 36., .5, -.5, 1e3
    "tag:yaml.org,2002:float",
    re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?\Z"),
    list("-+.0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"), list("tTfF"))


class _Int(int):
    """A number that remembers how it was written, for a field that takes text (`+5`)."""
    written: str


class _Float(float):
    """The same for a decimal: a title `1.50` or `1e3` is shown so, not as 1.5 or 1000.0."""
    written: str


def _written_number(kind):
    def construct(loader, node):
        number = kind(yaml.SafeLoader.construct_yaml_int(loader, node) if kind is _Int
                      else yaml.SafeLoader.construct_yaml_float(loader, node))
        number.written = node.value
        return number
    return construct


_Loader.add_constructor("tag:yaml.org,2002:int", _written_number(_Int))
_Loader.add_constructor("tag:yaml.org,2002:float", _written_number(_Float))


# --- checking what was loaded ----------------------------------------------------------------

def expect_mapping(value, shown: str, entry: str | None = None, field: str | None = None) -> dict:
    """value if it is a mapping, else a DataError naming where and what was found instead."""
    if not isinstance(value, dict):
        raise DataError(f"{at_entry(shown, entry, field)}: expected a mapping of fields, "
                        f"found {kind_of(value)}")
    return value


def expect_list(value, shown: str, entry: str | None = None, field: str | None = None) -> list:
    if not isinstance(value, list):
        raise DataError(f"{at_entry(shown, entry, field)}: expected a list, found {kind_of(value)}")
    return value


def expect_text(value, shown: str, entry: str | None, field: str, *, required: bool = True
                ) -> str | None:
    """Text with surrounding space removed; numbers are text too. None when absent and optional.
    A control character (which no HTML page may hold; only a YAML escape puts one in) is
    refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DataError(f"{at_entry(shown, entry, field)}: missing or empty")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DataError(f"{at_entry(shown, entry, field)}: expected text, found {kind_of(value)}")
    return _without_control(as_text(value), shown, entry, field)


def expect_text_list(value, shown: str, entry: str | None, field: str) -> list[str]:
    """A list of non-empty texts (a single text counts as a list of one); [] when absent."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) and str(v).strip()
            for v in value):
        raise DataError(f"{at_entry(shown, entry, field)}: expected a list of non-empty strings")
    return [_without_control(as_text(v), shown, entry, field) for v in value]


def as_text(value) -> str:
    # A number in a text field as it was written (`1.50`, not 1.5).
    return str(getattr(value, "written", value)).strip()


def _without_control(text: str, shown: str, entry: str | None, field: str) -> str:
    found = control_character(text)
    if found:
        raise DataError(f"{at_entry(shown, entry, field)}: a control character ({found}) in the "
                        f"text; remove it")
    return text


def kind_of(value) -> str:
    """What a YAML value is, in the editor's words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
