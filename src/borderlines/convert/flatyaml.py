"""Flat YAML front matter, written and read back as PyYAML does, at a fraction of its cost.

Writing: PyYAML's emitter examines every character of every value in Python. Front matter values are
mostly one line of printable text, which PyYAML writes plain or single-quoted by a few rules on the
text and its own resolver; this module applies those rules and hands every other entry to PyYAML
itself. An entry's text does not depend on the entries around it, so the two kinds join in any order.

Reading: MyST reads front matter with PyYAML's pure-Python safe loader. libyaml's loader reads what
we write the same way, ten times faster, except around a few characters; those go to PyYAML's loader,
as does any text libyaml reads otherwise than expected. Most lines recur from page to page (statuses,
bases, versions), so libyaml reads only the lines it has not read before, together, and each line is
remembered as what it read (`_read_by_lines` says why a line means the same alone as in its page).
tests/test_convert_frontmatter.py checks both directions against PyYAML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = Resolver()
_OPTIONS = {"sort_keys": False, "allow_unicode": True, "width": 2**31, "default_flow_style": False}
#: Characters PyYAML writes as they are (with allow_unicode): no control character, line break or BOM.
_PRINTABLE = re.compile(r"[ -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]*")
_KEY = re.compile(r"[a-z][a-z0-9_]{0,100}")
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
#: Text libyaml reads as PyYAML does: line feeds and the characters PyYAML writes as they are (it
#: escapes every other), with no escaped lone surrogate (which libyaml refuses). Tabs, BOMs, other
#: line breaks and controls are where the two part ways; text holding any goes to PyYAML's loader.
_AGREED = re.compile(r"[\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]*")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
#: A line that opens an entry of the top-level mapping: a key at column 0, then ": ".
_ENTRY = re.compile(r"[a-z][a-z0-9_]{0,100}: ")
#: Each line libyaml has read, as the key and value it read: most recur on every page.
_LINES: dict[str, tuple[str, str | int]] = {}
_LINES_KEPT = 100_000


def dump_flat(mapping: Mapping[str, str | int]) -> str:
    """``yaml.safe_dump(mapping)`` with the options front matter uses, for str and int values."""
    out: list[str] = []
    pending: dict[str, str | int] = {}
    for key, value in mapping.items():
        scalar = _scalar(value) if _KEY.fullmatch(key) and _plain(key) else None
        if scalar is None:
            pending[key] = value
            continue
        if pending:
            out.append(_pyyaml(pending))
            pending = {}
        out.append(f"{key}: {scalar}\n")
    if pending or not out:
        out.append(_pyyaml(pending))
    return "".join(out)


def _pyyaml(mapping: Mapping[str, str | int]) -> str:
    return yaml.safe_dump(mapping, **_OPTIONS)  # type: ignore[call-overload,no-any-return]


def _scalar(value: str | int) -> str | None:
    """The value as PyYAML writes it in a block mapping, when that is plain or single-quoted on one
    line; None for anything else (left to PyYAML)."""
    if type(value) is int:
        return str(value)
    if type(value) is not str or not _PRINTABLE.fullmatch(value):
        return None
    if _plain(value):
        return value
    return "'" + value.replace("'", "''") + "'"


@lru_cache(maxsize=65536)  # most values (statuses, bases, versions) recur on every page
def _plain(text: str) -> bool:
    """Whether PyYAML writes ``text`` unquoted: no indicator where YAML would see one, no space at
    either end, and read back as a string (not a number, date, bool or null)."""
    if not text or text[0] == " " or text[-1] == " " or text.startswith(("---", "...")):
        return False
    if text[0] in "#,[]{}&*!|>'\"%@`" or (text[0] in "?:-" and text[1:2] in ("", " ")):
        return False
    if ": " in text[1:] or (len(text) > 1 and text[-1] == ":") or " #" in text:
        return False
    return bool(_RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR_TAG)  # type: ignore[no-untyped-call]


def reads_back(text: str, mapping: Mapping[str, str | int]) -> bool:
    """Whether PyYAML's safe loader (MyST's) reads the YAML ``text`` as exactly ``mapping``."""
    if _FAST_LOADER is not None and _AGREED.fullmatch(text) and not _ESCAPED_SURROGATE.search(text):
        try:
            read = _read_by_lines(text, _FAST_LOADER)
            if (read if read is not None else yaml.load(text, Loader=_FAST_LOADER)) == mapping:
                return True
        except (yaml.YAMLError, ValueError, OverflowError):
            pass  # PyYAML's loader decides, as below
    return bool(yaml.safe_load(text) == mapping)


def _read_by_lines(text: str, loader: type[yaml.CSafeLoader]) -> dict[str, str | int] | None:
    """What libyaml reads ``text`` as, a line at a time; None unless every line is a one-line entry.

    A line qualifies when it opens at column 0 with a lowercase key and ": ", and holds no anchor or
    alias (``&``, ``*``), the one way a YAML node refers to another. Such a line begins a new entry of
    the top-level mapping wherever it stands: nothing continues onto a line at column 0 but a quoted
    or flow scalar, and one that did would swallow that line's key. So when the lines read together
    give exactly their own keys, in order, each line reads as it does alone, in any company: its
    reading can be remembered, and the page's mapping is the union of its lines' readings.
    """
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines or not all(_ENTRY.match(line) and "&" not in line and "*" not in line for line in lines):
        return None
    unread = list(dict.fromkeys(line for line in lines if line not in _LINES))
    if unread:
        read = yaml.load("\n".join(unread), Loader=loader)
        keys = [line[: line.index(": ")] for line in unread]
        if not isinstance(read, dict) or list(read) != keys:
            return None
        for line, (key, value) in zip(unread, read.items(), strict=True):
            if type(value) not in (str, int):
                return None
            if len(_LINES) < _LINES_KEPT:
                _LINES[line] = (key, value)
            else:
                return None  # not remembered, so read with the page
    entries = [_LINES[line] for line in lines]
    mapping = dict(entries)
    return mapping if len(mapping) == len(entries) else None
