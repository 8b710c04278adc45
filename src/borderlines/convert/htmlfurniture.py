"""Shaping a located article body: taking in its headline, leaving out furniture such as captions.

A block is furniture when its tag (figure, aside, nav, form, footer) or its class or id words say so,
and it goes only when (almost) none of its 4-word shingles are in the extractor's text: a block that
holds text the extractor kept always stays, whatever its name.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .htmlwalk import Walk

SHINGLE = 4
#: At most this many words (headline, standfirst, byline, and whatever else) join the run to take
#: in the headline.
WIDEN_WORDS = 120
_CHROME_TAGS = {
    "figure": "figure-caption",
    "figcaption": "figure-caption",
    "aside": "aside",
    "nav": "nav",
    "form": "form",
    "footer": "footer",
}
#: Class or id words marking page furniture, in order of precedence, and the rule each gives.
_CHROME_MARKS = [
    (re.compile(r"share|social", re.IGNORECASE), "share-widget"),
    (re.compile(r"related|recommend|more-?on|read-?more|promo|newsletter", re.IGNORECASE), "related-links"),
    (re.compile(r"caption|credit", re.IGNORECASE), "figure-caption"),
    (re.compile(r"byline|author-?bio", re.IGNORECASE), "byline-box"),
    (re.compile(r"(^|[\s_-])tags($|[\s_-])", re.IGNORECASE), "tags"),
]
#: A furniture block inside the body goes when at most this share of its shingles are the extractor's.
CHROME_OVERLAP = 0.1


def furniture_rule(w: Walk, hits: list[int], element: HtmlElement) -> str | None:
    """The rule under which a furniture block inside the body goes, or None to keep it.

    ``hits`` are `htmlpage._hits`' prefix counts of the extractor's shingles over the page's words.
    """
    marks = f"{element.get('id', '')} {element.get('class', '')}"
    rule = next((name for pattern, name in _CHROME_MARKS if pattern.search(marks)), None)
    rule = rule or _CHROME_TAGS.get(str(element.tag))
    if rule is None or element not in w.words_at:
        return None
    a, b = w.words_at[element]
    if a == b:
        return None  # no text: nothing to record, and nothing the reader would miss
    inside = max(0, b - a - SHINGLE + 1)
    found = hits[a + inside] - hits[a]
    return rule if found <= CHROME_OVERLAP * inside else None


def widen(
    w: Walk, start: HtmlElement, end: HtmlElement, headline: HtmlElement
) -> tuple[HtmlElement, HtmlElement]:
    """The run widened to take in the page's headline (and standfirst) just before it, if any.

    The extractor keeps the title apart from its text, so the best run often starts below it. The
    run becomes the children of the innermost element holding both, from the one holding the
    headline to the one holding the run's end, when that adds at most `WIDEN_WORDS` words.
    """
    if headline not in w.words_at or w.index[headline] >= w.index[start]:
        return start, end
    around = set(headline.iterancestors())
    if start in around:
        return start, end  # the headline is inside the run already
    parent = start.getparent()
    while parent is not None and parent not in around:
        parent = parent.getparent()
    if parent is None:
        return start, end
    first, last = headline, end
    while (above := first.getparent()) is not parent and above is not None:
        first = above
    while (above := last.getparent()) is not parent and above is not None:
        last = above
    added = w.words_at[start][0] - w.words_at[first][0] + w.words_at[last][1] - w.words_at[end][1]
    return (first, last) if added <= WIDEN_WORDS else (start, end)
