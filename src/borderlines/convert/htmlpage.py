"""Locate the article body of a saved web page in the page's own DOM, recording every block left out.

trafilatura (DESIGN.md, hard part 7) only *locates* the article: its text is cut into 4-word shingles
and the page element, or run of consecutive sibling elements, whose own text best covers them
(F-beta over shingles, recall weighted) becomes the body. The body is the page's own HTML, as lxml
serialises it, never the extractor's rewrite; whatever the extractor silently cut from inside that
element stays, except page furniture (`htmlfurniture`): blocks none of whose text the extractor
kept, and captions, bylines, datelines, related-links, share and tag boxes whatever it kept. When
the extractor finds no text, or none that an element holds, the body is the page's whole ``<body>``
and `PageBody.extractor` says so; a page with no text at all is refused. Everything outside the
body is recorded as a `Removal`: along the path from ``<html>`` to the body, the siblings of each
element on it, consecutive siblings of one rule grouped into one record. Inside the
body, hidden elements, ``<template>``s, scripts, styles and furniture are taken out and recorded too.

What a record's ``text`` holds: the removed text, white space collapsed; a text longer than
`htmlwalk.TEXT_LIMIT` (400) characters keeps its first 200 and last 100 characters around
``" […] "`` and ends with ``" (N characters)"``, N counting the collapsed text, so that a record can
be checked against the page (``where`` names the elements). Script and style content is code, not
text: its record gives only its size. ``<head>`` holds no text of the article and nothing of it is
recorded (``<title>`` and ``<meta>`` are read elsewhere). Comments are not text.

Depth: lxml (C) parses with ``huge_tree``, so a page may nest up to libxml2's 2,048 levels; a deeper
page is refused, since libxml2 would silently drop what lies below. Nothing here recurses in Python.
The body then goes through `extract.html_blocks`, whose limit (200 block levels) applies to the body
alone, not to the wrappers around it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape as html_escape

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from ..contract.metadata import Removal
from .htmlfurniture import SHINGLE, furniture_rule, widen
from .htmlfurniture import headline as choose_headline
from .htmlwalk import TEXTLESS, Walk, element_path, in_order, walk
from .inputs import tool_version
from .seedfile import SeedError

#: Recall weighs this much more than precision when choosing the body: a body a little too wide
#: costs a few chrome lines (which `chrome.py` may still remove), a body too narrow loses article text.
BETA = 3.0
#: Below this score no element of the page holds the extractor's text: no body is found.
MIN_SCORE = 0.5
_EXTRACT_OPTIONS = {"favor_recall": True, "include_comments": False, "include_tables": True}
_COMMENTS = re.compile(r"(^|[\s_-])(comments?|disqus|respond|replies)($|[\s_-])", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: A sibling of the run this much of whose text is the extractor's joins it (`_grow`), over at most
#: `SKIP_WORDS` words of other blocks.
REPEAT_SHARE = 0.8
SKIP_WORDS = 30
_MIN_RUN_CHILDREN = 2
_MAX_RUN_ENDPOINTS = 80
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class PageBody:
    """The article body of a web page, the blocks left out of it, and what located it."""

    html: str
    removals: tuple[Removal, ...]
    extractor: str
    settings: str


def extractor_name() -> str:
    """The reference extractor and its version, as the provenance records it."""
    return f"trafilatura {tool_version('trafilatura')}"


def extractor_settings() -> str:
    """The extractor's settings and how the body is chosen, as the provenance panel shows them."""
    options = ", ".join(f"{key}={value}" for key, value in _EXTRACT_OPTIONS.items())
    return (
        f"trafilatura.extract({options}); body: the page element or run of sibling elements whose"
        f" text best covers its text ({SHINGLE}-word shingles, F{BETA:g}, at least {MIN_SCORE:g});"
        " inside it, captions, bylines, datelines, galleries, related-links, lists of links into the site,"
        " share and tag boxes left out"
    )


def parse_page(page: str) -> HtmlElement:
    """Parse a whole page with lxml, refusing one nested deeper than libxml2 reads."""
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:  # lxml refuses a str that declares an encoding (XHTML's <?xml?>): the page is decoded already
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", page, count=1), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise SeedError(f"is not a readable HTML page ({error})") from None
    for entry in parser.error_log:
        if "Excessive depth" in entry.message:
            raise SeedError(
                f"nests HTML elements more than 2048 deep (line {entry.line}), which lxml cannot read"
            )
    return root


def shingles(words: list[str]) -> set[tuple[str, ...]]:
    """The set of consecutive ``SHINGLE``-word tuples of ``words``."""
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def locate_body(page: str | HtmlElement) -> PageBody:
    """Find the article body of a whole web page (its text, or its tree from `parse_page`, which this
    changes: read anything else from the tree first) in its own DOM, recording every block left out."""
    root = page if isinstance(page, HtmlElement) else parse_page(page)
    body_element = root.find("body")
    if body_element is None:
        raise SeedError("has no <body> to find an article in")
    reference = trafilatura.extract(  # on a copy: it prunes the tree it is given
        copy.deepcopy(root),
        favor_recall=_EXTRACT_OPTIONS["favor_recall"],
        include_comments=_EXTRACT_OPTIONS["include_comments"],
        include_tables=_EXTRACT_OPTIONS["include_tables"],
    )
    headline = choose_headline(root)  # the extractor keeps the title apart from the text
    heading = "" if headline is None else headline.text_content()
    reference_words = re.findall(r"\w+", f"{heading}\n{reference or ''}".lower()) if reference else []
    wanted = shingles(reference_words)
    page_walk = walk(root)
    hits = _hits(page_walk.words, wanted)
    start = end = body_element
    score = 0.0
    if wanted:
        start, end, score = _best_body(page_walk, hits, len(reference_words) - SHINGLE + 1)
    fallback = score < MIN_SCORE
    if not fallback and start is not body_element:
        start = _grow(page_walk, hits, start, HtmlElement.getprevious)
        end = _grow(page_walk, hits, end, HtmlElement.getnext)
    trail: list[HtmlElement] = []
    if not fallback and headline is not None:
        start, end, trail = widen(page_walk, start, end, headline)
    if fallback:  # the extractor found nothing, or nothing the page holds: the whole <body>
        start = end = body_element
    trailing = _trailing(page_walk, trail)
    run = _siblings(start, end)
    # The headline is never furniture, whatever its class says (nor what holds it).
    keep = frozenset(() if headline is None else [headline, *headline.iterancestors()])
    body_words = sum(page_walk.words_at[el][1] - page_walk.words_at[el][0] for el in run)
    # A hidden block, template, script, style or furniture standing between the run's parts is left
    # out too.
    rules = {
        el: _rule(el) for el in run if isinstance(el.tag, str) and (el.tag in TEXTLESS or _is_hidden(el))
    }
    if len(run) > 1:
        for el in run:
            rule = (
                None
                if el in rules or not isinstance(el.tag, str)
                else furniture_rule(page_walk, hits, el, body_words, keep)
            )
            if rule is not None:
                rules[el] = rule
    left_out = [el for el in run if el in rules]
    inner = [
        (page_walk.index[el], page_walk.record(rules[el], element_path(el), [el], tail=False))
        for el in left_out
    ]
    kept = [el for el in run if el not in left_out]
    removals = in_order(
        _outside(page_walk, start, end) + trailing + inner + _inside(page_walk, kept, hits, body_words, keep)
    )
    if not any(_WORD.search(el.xpath("string()")) for el in kept):
        raise SeedError("has no article text to keep")
    html = "".join(
        (html_escape(el.tail or "") if el is not end else "")
        if el in left_out
        else lxml.html.tostring(el, encoding="unicode", with_tail=el is not end)
        for el in run
    )
    if fallback:
        name = f"page <body> ({extractor_name()} located no article)"
        return PageBody(html, tuple(removals), name, _fallback_settings(score))
    return PageBody(html, tuple(removals), extractor_name(), extractor_settings())


def _fallback_settings(score: float) -> str:
    found = f"best F{BETA:g} {score:.2f}, below {MIN_SCORE:g}" if score else "it found no text"
    return (
        f"{extractor_name()} located no article ({found}); body: the page's whole <body>, less"
        " hidden blocks, scripts, styles and page furniture (figure, aside, nav, form, footer,"
        " captions, bylines, datelines)"
    )


def _hits(words: list[str], wanted: set[tuple[str, ...]]) -> list[int]:
    """Prefix counts: ``hits[i]`` is how many of the shingles starting before word ``i`` are wanted."""
    hits = [0]
    for i in range(len(words)):
        hits.append(hits[-1] + (tuple(words[i : i + SHINGLE]) in wanted))
    return hits


def _score(tp: int, n: int, wanted: int) -> float:
    return (1 + BETA**2) * tp / (BETA**2 * wanted + n) if tp else 0.0


def _best_body(w: Walk, hits: list[int], total: int) -> tuple[HtmlElement, HtmlElement, float]:
    """The element, or run of sibling elements (first, last), best covering ``total`` wanted shingles.

    A shingle of the page counts as found when it is one of the extractor's (``hits``, see `_hits`);
    repeated text counts again, up to ``total`` (the extractor's shingles, repeats included).
    """

    def score(first: HtmlElement, last: HtmlElement) -> float:
        """The F-beta of the run ``first`` to ``last``."""
        a, b = w.words_at[first][0], w.words_at[last][1]
        inside = max(0, b - a - SHINGLE + 1)
        return _score(min(total, hits[a + inside] - hits[a]), inside, total)

    body = w.root.find("body")
    assert body is not None
    best = (body, body, score(body, body))
    for parent in w.order:
        if parent.tag in ("html", "head"):
            continue
        here = score(parent, parent)
        if here >= best[2]:  # of elements holding the same text, the innermost
            best = (parent, parent, here)
        children = [c for c in parent if c in w.words_at and _has_hits(w, hits, c)]
        if len(children) < _MIN_RUN_CHILDREN:
            continue
        if len(children) > _MAX_RUN_ENDPOINTS:
            children = [children[0], children[-1]]
        for i, first in enumerate(children):
            for last in children[i:]:
                value = score(first, last)
                if value > best[2] + 1e-9:
                    best = (first, last, value)
    return best


def _has_hits(w: Walk, hits: list[int], element: HtmlElement) -> bool:
    a, b = w.words_at[element]
    return hits[max(a, b - SHINGLE + 1)] > hits[a]


def _grow(
    w: Walk, hits: list[int], edge: HtmlElement, step: Callable[[HtmlElement], HtmlElement | None]
) -> HtmlElement:
    """The run's edge moved over the siblings beyond it that are the extractor's text again.

    A page may print a paragraph twice (or a block the extractor kept once): the best run then
    holds one copy. A sibling at least `REPEAT_SHARE` of whose shingles are the extractor's joins
    the run, and so do blocks of at most `SKIP_WORDS` words in all between it and the run (a share
    bar, which the furniture rules then take out, recorded).
    """
    skipped = 0
    node = step(edge)
    while node is not None:
        span = w.words_at.get(node)
        if (
            span is not None
            and isinstance(node.tag, str)
            and node.tag not in TEXTLESS
            and not _is_hidden(node)
        ):
            a, b = span
            inside = b - a - SHINGLE + 1
            if inside > 0 and hits[a + inside] - hits[a] >= REPEAT_SHARE * inside:
                edge, skipped = node, 0
            elif skipped + b - a <= SKIP_WORDS:
                skipped += b - a
            else:
                break
        node = step(node)
    return edge


def _siblings(first: HtmlElement, last: HtmlElement) -> list[HtmlElement]:
    run = [first]
    while run[-1] is not last:
        following = run[-1].getnext()
        assert following is not None
        run.append(following)
    return run


def _rule(element: HtmlElement) -> str:
    """The rule under which an element outside the body is left out."""
    if not isinstance(element.tag, str):
        return "outside-article"  # a comment: no text
    if element.tag in TEXTLESS:
        return element.tag
    if _is_hidden(element):
        return "hidden"
    marks = f"{element.get('id', '')} {element.get('class', '')}"
    if _COMMENTS.search(marks):
        return "comment-section"
    return "outside-article"


def _is_hidden(element: HtmlElement) -> bool:
    return (
        element.tag == "template"
        or element.get("hidden") is not None
        or (element.get("aria-hidden") or "").strip().lower() == "true"
        or bool(_DISPLAY_NONE.search(element.get("style") or ""))
    )


def _outside(w: Walk, start: HtmlElement, end: HtmlElement) -> list[tuple[int, Removal]]:
    """Records of the siblings of each element on the path from <html> down to the body."""
    records: list[tuple[int, Removal]] = []
    first, last = start, end
    while first is not w.root:
        parent = first.getparent()
        assert parent is not None
        records += w.groups(parent, _before(parent, first), _rule, parent.text)
        records += w.groups(parent, _after(last), _rule, last.tail)
        first = last = parent
    return records


def _trailing(w: Walk, trail: list[HtmlElement]) -> list[tuple[int, Removal]]:
    """Leave out what follows each element of ``trail`` inside the widened run, recording it.

    ``trail`` runs from the located run's end up to (not including) the widened run's last element.
    """
    records: list[tuple[int, Removal]] = []
    for element in trail:
        parent = element.getparent()
        assert parent is not None
        following = _after(element)
        records += w.groups(parent, following, _rule, element.tail)
        element.tail = None
        for sibling in following:
            parent.remove(sibling)
    return records


def _before(parent: HtmlElement, stop: HtmlElement) -> list[HtmlElement]:
    out = []
    for child in parent:
        if child is stop:
            break
        out.append(child)
    return out


def _after(element: HtmlElement) -> list[HtmlElement]:
    out = []
    following = element.getnext()
    while following is not None:
        out.append(following)
        following = following.getnext()
    return out


def _inside(
    w: Walk, run: list[HtmlElement], hits: list[int], body_words: int, keep: frozenset[HtmlElement]
) -> list[tuple[int, Removal]]:
    """Take hidden blocks, templates, scripts, styles and page furniture out of the body, recording each.

    Furniture (`htmlfurniture.furniture_rule`) goes only when (almost) none of its text is the extractor's.
    """
    records: list[tuple[int, Removal]] = []
    for top in run:
        gone: set[HtmlElement] = set()
        doomed: list[HtmlElement] = []
        for el in top.iter():
            if el is top or not isinstance(el.tag, str):
                continue
            rule = (
                _rule(el)
                if el.tag in TEXTLESS or _is_hidden(el)
                else furniture_rule(w, hits, el, body_words, keep)
            )
            if rule is None or any(ancestor in gone for ancestor in el.iterancestors()):
                continue
            gone.add(el)
            doomed.append(el)
            records.append((w.index[el], w.record(rule, element_path(el), [el], tail=False)))
        for el in reversed(doomed):  # last first, so that a tail handed back is never dropped again
            _drop(el)
    return records


def _drop(element: HtmlElement) -> None:
    """Remove ``element`` and its content, keeping the text that follows it."""
    parent = element.getparent()
    assert parent is not None
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
