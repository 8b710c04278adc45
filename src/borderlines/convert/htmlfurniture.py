"""Shaping a located article body: taking in its headline, leaving out furniture such as captions.

A block is furniture when its tag (figure, aside, nav, form, footer) or its class or id words say so.
Most furniture goes only when (almost) none of its 4-word shingles are in the extractor's text: a
block that holds text the extractor kept stays, whatever its name. A few kinds a careful reader cuts
from an article whatever the extractor kept (`CUT_ANYWAY`: captions and photo credits, bylines and
datelines, related-links, share and tag boxes, video players) go when the block is small beside the
body (at most `CUT_ANYWAY_SHARE` of its words, and a number of words per kind), so that a wrapper
whose name happens to say "share" or "related" and that holds the article itself is never cut; a
gallery of pictures goes however long its captions, when the article keeps enough words without it.
"""

from __future__ import annotations

import re
from itertools import islice
from urllib.parse import urlsplit

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
    (re.compile(r"slideshow|gallery|carousel|lightbox", re.IGNORECASE), "gallery"),
    (re.compile(r"byline|author|signature|(?<![a-z])sig(?![a-z])", re.IGNORECASE), "byline-box"),
    (re.compile(r"player|(?<![a-z])video(?![a-z])", re.IGNORECASE), "media-player"),
    (
        re.compile(r"(?<![a-z])(date|dateline|datetime|timestamp|pubdate|published)(?![a-z])", re.IGNORECASE),
        "dateline",
    ),
    (re.compile(r"(^|[\s_-])(tags|topics)($|[\s_-])", re.IGNORECASE), "tags"),
]
#: Class words that deny a mark ("no_caption", "no-share"): not read as marks.
_NEGATED = re.compile(r"(?<![^\s])no[_-]\S*", re.IGNORECASE)
#: A furniture block inside the body goes when at most this share of its shingles are the extractor's.
CHROME_OVERLAP = 0.1
#: Furniture a careful reader cuts whatever the extractor kept, and the most words such a block may
#: hold.
CUT_ANYWAY = {
    "figure-caption": 120,
    "gallery": 120,
    "link-list": 1000,
    "byline-box": 40,
    "dateline": 30,
    "media-player": 60,
    "related-links": 1000,
    "share-widget": 200,
    "tags": 60,
}
#: A block cut whatever the extractor kept holds at most this share of the body's words.
CUT_ANYWAY_SHARE = 0.4
#: A list or box of at least this many links, this share of whose words are links' words, is a
#: list of links to elsewhere (other stories, sections).
LINK_LIST_LINKS = 3
LINK_LIST_SHARE = 0.8
_LINK_LIST_TAGS = frozenset({"ul", "ol", "div", "section", "aside", "nav"})
#: A gallery (a block named so, holding at least `GALLERY_ITEMS` pictures or slides) goes, however
#: long its captions, when the body keeps at least `GALLERY_LEAVES_WORDS` words without it.
GALLERY_ITEMS = 3
GALLERY_LEAVES_WORDS = 150
#: Elements that stand as blocks of their own: only these are cut whatever the extractor kept (an
#: inline element, such as a byline's name inside a sentence, is part of the text around it).
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "aside",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "header",
        "li",
        "ol",
        "p",
        "section",
        "table",
        "ul",
    }
)
#: Rules that name a block, never an inline element inside a sentence ("CAIRO —", "By Jane Doe"),
#: unless it is a date (a ``<time>``).
_BLOCK_RULES = frozenset({"byline-box", "dateline"})
#: At most this many words, besides its dates, in a block holding a ``<time>``: a dateline.
DATELINE_WORDS = 8
_WORD = re.compile(r"\w+")
_TITLE_META = re.compile(r"(og|twitter):title$")


def furniture_rule(
    w: Walk, hits: list[int], element: HtmlElement, body_words: int, keep: frozenset[HtmlElement]
) -> str | None:
    """The rule under which a furniture block inside the body goes, or None to keep it.

    ``hits`` are `htmlpage._hits`' prefix counts of the extractor's shingles over the page's words;
    ``body_words`` is how many words the body holds; ``keep`` are elements never furniture (the
    headline and what holds it).
    """
    if element in keep:
        return None
    marks = _NEGATED.sub(
        " ", f"{element.get('id', '')} {element.get('class', '')} {element.get('itemprop', '')}"
    )
    rule = next((name for pattern, name in _CHROME_MARKS if pattern.search(marks)), None)
    rule = rule or _CHROME_TAGS.get(str(element.tag)) or _dateline(element) or _link_list(element)
    if rule is None or element not in w.words_at or not _stands_alone(element, rule):
        return None
    a, b = w.words_at[element]
    if a == b:
        return None  # no text: nothing to record, and nothing the reader would miss
    if (
        element.tag in _BLOCKS
        and b - a <= CUT_ANYWAY.get(rule, 0)
        and b - a <= CUT_ANYWAY_SHARE * body_words
        and element.find(".//h1") is None
    ):
        return rule
    if rule == "gallery" and _is_gallery(element) and body_words - (b - a) >= GALLERY_LEAVES_WORDS:
        return rule
    inside = max(0, b - a - SHINGLE + 1)
    found = hits[a + inside] - hits[a]
    return rule if found <= CHROME_OVERLAP * inside else None


def _link_list(element: HtmlElement) -> str | None:
    """``link-list`` for a list or box of at least `LINK_LIST_LINKS` links into the page's own site
    that is nearly all links: other stories, sections. A list of links elsewhere (sources, bug
    reports, a link round-up) is the article's."""
    if element.tag not in _LINK_LIST_TAGS or len(list(islice(element.iter("a"), LINK_LIST_LINKS))) < 3:
        return None
    links = list(element.iter("a"))
    words = len(_WORD.findall(element.text_content()))
    linked = sum(len(_WORD.findall(a.text_content())) for a in links)
    if not words or linked < LINK_LIST_SHARE * words:
        return None
    host = _site_host(element)
    own = sum(_host(a.get("href") or "") in ("", host) for a in links)
    return "link-list" if own >= LINK_LIST_SHARE * len(links) else None


def _site_host(element: HtmlElement) -> str:
    """The host of the page's canonical link or ``og:url``, ``www.`` aside ("" if it states none)."""
    head = element.getroottree().getroot().find("head")
    tags: list[HtmlElement] = [] if head is None else list(head)
    for tag in tags:
        if tag.tag == "link" and "canonical" in (tag.get("rel") or "").lower().split():
            return _host(tag.get("href") or "")
        if tag.tag == "meta" and _meta_name(tag) == "og:url":
            return _host(tag.get("content") or "")
    return ""


def _host(href: str) -> str:
    """The host a link names, ``www.`` aside ("" for a link within the site or the page)."""
    try:
        host = urlsplit(href.strip()).hostname or ""
    except ValueError:
        return "?"
    return host.removeprefix("www.")


def _is_gallery(element: HtmlElement) -> bool:
    """A block of at least `GALLERY_ITEMS` pictures or slides (images, figures or list items)."""
    items = islice(element.iter("img", "figure", "li", "picture"), GALLERY_ITEMS)
    return sum(1 for _ in items) >= GALLERY_ITEMS


def _stands_alone(element: HtmlElement, rule: str) -> bool:
    """Whether a byline or dateline is a block of its own, or an inline date (a ``<time>``)."""
    if rule not in _BLOCK_RULES or element.tag in _BLOCKS:
        return True
    return rule == "dateline" and (element.tag == "time" or element.find(".//time") is not None)


def _dateline(element: HtmlElement) -> str | None:
    """``dateline`` for a block holding a ``<time>`` and at most `DATELINE_WORDS` other words."""
    if element.tag not in _BLOCKS or element.find(".//time") is None:
        return None
    dates = sum(len(_WORD.findall(t.text_content())) for t in element.iter("time"))
    return "dateline" if len(_WORD.findall(element.text_content())) - dates <= DATELINE_WORDS else None


def headline(root: HtmlElement) -> HtmlElement | None:
    """The page's headline: of its ``<h1>``s with words, the one the page's titles repeat best.

    The titles are ``og:title``, ``twitter:title`` and ``<title>``; an ``<h1>`` sharing no word with
    them (a logo, a section name) loses to one that does, and of equals the first wins.
    """
    titles = [m.get("content") or "" for m in root.iter("meta") if _TITLE_META.match(_meta_name(m))]
    titles += [t.text_content() for t in root.iter("title")]
    wanted = [set(_WORD.findall(t.lower())) for t in titles]
    best: tuple[float, HtmlElement | None] = (-1.0, None)
    body = root.find("body")
    for h1 in [] if body is None else body.iter("h1"):
        words = set(_WORD.findall(h1.text_content().lower()))
        if not words:
            continue
        match = max((len(words & t) / len(words | t) for t in wanted if t), default=0.0)
        if match > best[0]:
            best = (match, h1)
    return best[1]


def _meta_name(meta: HtmlElement) -> str:
    return (meta.get("property") or meta.get("name") or "").strip().lower()


def widen(
    w: Walk, start: HtmlElement, end: HtmlElement, headline: HtmlElement
) -> tuple[HtmlElement, HtmlElement, list[HtmlElement]]:
    """The run widened to take in the page's headline (and standfirst) just before it, if any.

    The extractor keeps the title apart from its text, so the best run often starts below it. The
    run becomes the children of the innermost element holding both, from the one holding the
    headline to the one holding the run's end, when that adds at most `WIDEN_WORDS` words before
    the run. What the widened run holds after the old run's end (a sidebar beside the article) is
    not taken in: the third value lists the elements whose following siblings and tails are left
    out, innermost first.
    """
    if headline not in w.words_at or w.index[headline] >= w.index[start]:
        return start, end, []
    around = set(headline.iterancestors())
    if start in around:
        return start, end, []  # the headline is inside the run already
    parent = start.getparent()
    while parent is not None and parent not in around:
        parent = parent.getparent()
    if parent is None:
        return start, end, []
    first, last = headline, end
    while (above := first.getparent()) is not parent and above is not None:
        first = above
    trail = []
    while (above := last.getparent()) is not parent and above is not None:
        trail.append(last)
        last = above
    if w.words_at[start][0] - w.words_at[first][0] > WIDEN_WORDS:
        return start, end, []
    return first, last, trail
