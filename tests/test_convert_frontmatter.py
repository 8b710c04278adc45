"""Front matter: written byte for byte as PyYAML writes it, and read back by the fast loader as by MyST's."""

from __future__ import annotations

import re

import pytest
import yaml
from builds import ROOT
from hostile import TEXT
from hypothesis import example, given, settings
from hypothesis import strategies as st

from borderlines.convert.flatyaml import dump_flat, reads_back
from borderlines.convert.myst import render_front_matter

_OPTIONS = {"sort_keys": False, "allow_unicode": True, "width": 2**31, "default_flow_style": False}
# Characters at which YAML's rules change: indicators, spaces, breaks, the BOM, controls, surrogates,
# and the letters and digits that make booleans, nulls, numbers and dates.
TRICKY = st.lists(
    st.sampled_from(
        [
            *" :#-.?'\"!,[]{}&*|>%@`~\t\n\r\x85\u2028\u2029\ufeff\xa0\x00\x7f\x9f\udc80\U0010ffff",
            *"yYnNoOtTfF01289eE+_=<x",
            *["ab", "é", "\U0001f600", "null", "true", "0x", "2025-01-02", ".inf"],
        ]
    ),
    max_size=8,
).map("".join)
VALUES = st.one_of(TRICKY, st.text(), TEXT, st.integers(), st.booleans())
KEYS = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
    st.sampled_from(["y", "no", "null", "on", "1_0", "Key", "k-1", "a" * 130, ""]),
)


def _pyyaml(mapping: dict[str, object]) -> str:
    return yaml.safe_dump(mapping, **_OPTIONS)  # type: ignore[call-overload,no-any-return]


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@example({})
@example({"catalogued": "yes", "source_date": "2025-06-12", "source_notes": "", "passages": 12})
@example({"text": "Views: 1,204", "quote": "it's", "lead": " space", "hash": "a #b", "colon": "a:"})
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_flat_dump_is_pyyaml_dump(mapping: dict[str, str | int]) -> None:
    """Whatever the keys and values, the fast writer's text is PyYAML's, byte for byte."""
    assert dump_flat(mapping) == _pyyaml(dict(mapping))


def test_flat_dump_matches_pyyaml_on_the_committed_pages() -> None:
    """Every committed source page's front matter is rewritten identically."""
    pages = sorted((ROOT / "docs" / "sources").glob("*.md"))
    assert pages
    for path in pages:
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        meta.pop("borderlines_page_sha256")
        assert dump_flat(meta) == _pyyaml(meta), path.name


def _myst_reads(text: str, mapping: dict[str, str | int]) -> bool:
    try:
        return bool(yaml.safe_load(text) == mapping)
    except (yaml.YAMLError, ValueError, OverflowError):
        return False


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@example({"a": "\udc80"})  # libyaml refuses an escaped lone surrogate
@example({"a": "one\x85two"})  # libyaml reads a next-line character as a line break
@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True), VALUES, max_size=6))
def test_written_front_matter_reads_back_as_myst_reads_it(mapping: dict[str, str | int]) -> None:
    """The verifier's fast reading of what we write agrees with MyST's loader: both read it back
    exactly, but for the rare value PyYAML itself does not (then the seed is refused, as before)."""
    text = dump_flat(mapping)
    assert reads_back(text, mapping) == _myst_reads(text, mapping)
    if not re.search(r"[\x85\u2028\u2029]", "".join(map(str, mapping.values()))):
        assert _myst_reads(text, mapping)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@example({"a": ""}, [(1, "\t")])  # "a\t: ''": libyaml reads it, PyYAML refuses the tab
@given(
    st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True), VALUES, min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(min_value=0), TRICKY), min_size=1, max_size=3),
)
def test_fast_reading_never_accepts_what_myst_reads_otherwise(
    mapping: dict[str, str | int], edits: list[tuple[int, str]]
) -> None:
    """Front matter changed anyhow (as a parser might cut it short, or a bug might garble it) is
    accepted by the verifier exactly when MyST's loader reads it as the mapping, whichever of its
    lines the verifier has read before (in the unchanged text, read first)."""
    text = dump_flat(mapping)
    assert reads_back(text, mapping) == _myst_reads(text, mapping)
    for position, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at:]
    try:
        fast = reads_back(text, mapping)
    except (yaml.YAMLError, ValueError, OverflowError):
        fast = False
    assert fast == _myst_reads(text, mapping)


def test_front_matter_lines_stay_flat() -> None:
    """A value holding line breaks and front matter markers stays one quoted scalar, inside the fences."""
    value = "one\nmyst: {substitutions: {a: b}}\n---\n"
    text = render_front_matter({"source_notes": value, "n": 1})
    assert text.startswith("---\n") and text.endswith("\n---\n")
    assert yaml.safe_load(text[4:-4]) == {"source_notes": value, "n": 1}
    assert not re.search(r"^(myst:|---$)", text[4:-4], re.MULTILINE)


def test_a_line_is_read_from_memory_only_where_it_means_what_it_meant_alone() -> None:
    """A line read before is not read again, unless its page could read it otherwise: an alias
    names an anchor of its own page, and a quoted scalar can run on over the next lines."""
    assert reads_back("a: &n x\nb: *n\n", {"a": "x", "b": "x"})
    assert reads_back("a: &n z\nb: *n\n", {"a": "z", "b": "z"})
    assert not reads_back("a: &n z\nb: *n\n", {"a": "z", "b": "x"})
    assert reads_back("b: y'\n", {"b": "y'"})
    assert reads_back("a: 'x\nb: y'\n", {"a": "x b: y"})
    assert not reads_back("a: 'x\nb: y'\n", {"a": "'x", "b": "y'"})
    assert reads_back("c: 'p\nd: q'\n", {"c": "p d: q"}) and reads_back("d: q'\n", {"d": "q'"})
