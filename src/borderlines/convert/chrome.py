"""Remove site chrome from a seed's blocks, recording every removal and the rule behind it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..contract.metadata import Removal
from .forms import ends_sentence, is_prose, is_subheading
from .model import Block, Extracted, Form, Span

#: Blocks longer than this are article text, whatever they look like.
CHROME_MAX_WORDS = 16
FURNITURE_MAX_WORDS = 8


@dataclass(frozen=True)
class LineRule:
    """A block that is site chrome when the whole of it matches ``pattern``."""

    name: str
    pattern: re.Pattern[str]
    edge_only: bool = False  # only before the first or after the last paragraph of prose


def _rule(name: str, pattern: str, edge_only: bool = False, flags: int = re.IGNORECASE) -> LineRule:
    return LineRule(name, re.compile(pattern, flags), edge_only)


LINE_RULES = (
    _rule(
        "social-links",
        r"twitter|x|youtube|instagram|facebook|telegram|whatsapp|tiktok|linkedin"
        r"|vk|vkontakte|odnoklassniki|threads|rss",
    ),
    _rule("app-store-links", r"apple store|app store|play market|google play|appgallery"),
    _rule("theme-toggle", r"(night|day|dark|light)[ _-]?(theme|mode)"),
    _rule("font-size-toggle", r"a\s?[+\-−]|aa"),
    _rule("language-switch", r"ru|en|ar|fr|de|es|tr|fa|ku|az|arm|eng|rus|aze", edge_only=True),
    _rule("search-widget", r"search|what are you looking for\s*\??"),
    _rule("copyright", r".*©.*|.*\ball rights reserved\b.*|any use of materials is allowed only\b.*"),
    _rule("view-counter", r"(views?|reads?|seen)\s*:?\s*[\d,. ]+k?"),
    _rule(
        "share-prompt",
        r"share|share-line.*|.*\bshare (it|this|the story)\b.*|print|copy link"
        r"|link copied|ссылка скопирована",
    ),
    _rule(
        "comment-prompt",
        r"your comment|leave a comment|add (a )?comment|comments?( \(\d+\))?"
        r"|\d+ comments?",
    ),
    _rule("advertisement", r"ads?|advertisement|sponsored( content)?"),
    _rule(
        "continue-reading",
        r"(continue|keep) reading( the main story| below)?|read more|see more|more on this story|read next",
    ),
    _rule("media-label", r"photo|photos|image|video|graphic|illustration|audio|gallery"),
    _rule(
        "related-link",
        r"\[?\s*(related|read|read more|read also|also read|see also|lire|lire aussi|à lire aussi"
        r"|voir aussi|leia também|leia mais|lea también|lee también|lesen sie auch|mehr zum thema)"
        r"\s*:\s*\S.*",
    ),
    _rule("loading-indicator", r"loading(\.\.\.|…)?"),
    _rule("page-counter", r"/\s*\d+|\d+\s*/\s*\d+|page \d+( of \d+)?"),
    _rule("section-label", r"[A-Z][A-Z&]+( [A-Z&]+){0,2}", edge_only=True, flags=0),
)
_BANNER = re.compile(r"(live updates?|live blog|breaking)\s*:\s*follow (the )?latest on\s*", re.IGNORECASE)
_OUTLET_PREFIX = re.compile(
    r"(?P<outlet>[A-Z][\w&.'’ -]{1,60}?\b(?:News Agency|News|Agency|Press"
    r"|Times|Post|TV|Network|Media))\s*:\s+"
)
_DATELINE = re.compile(
    r"\d{1,2} (January|February|March|April|May|June|July|August|September"
    r"|October|November|December) \d{4}(,? \d{1,2}:\d{2})?"
    r"|\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2})?"
)
_ATTRIBUTION = re.compile(r"(?P<agency>[A-Z][\w.&' -]{1,40}?)\s*:\s+\S")
_SITE_NAME = re.compile(r"[\w-]+\.(az|com|net|org|ru|info|news|ir|iq|co\.uk)", re.IGNORECASE)


def remove_chrome(blocks: list[Block], form: Form) -> Extracted:
    """Strip chrome from ``blocks``; find a headline, dateline and outlet on the way."""
    result = Extracted(blocks=[])
    first, last = _prose_bounds(blocks)
    headline_index = _headline_index(blocks, first) if form is not Form.HTML_FRAGMENT else None
    for index, block in enumerate(blocks):
        edge = index < first or index > last
        rule = _matching_rule(block, edge)
        if index == headline_index:
            _take(result, block, "headline", "title")
        elif headline_index is not None and index == headline_index + 1:
            _take(result, block, "dateline", "dateline")
        elif rule is not None:
            result.removals.append(Removal(rule, block.where, block.text))
        elif _is_bracketed_link(block):
            result.removals.append(Removal("related-link", block.where, block.text))
        elif edge and _is_site_name(block):
            _take(result, block, "outlet-signature", "outlet_signature")
        elif edge and form is Form.WEB_PAGE and _is_furniture(block):
            side = "leading" if index < first else "trailing"
            result.removals.append(Removal(f"{side}-furniture", block.where, block.text))
        else:
            result.blocks.append(block)
    _strip_banner(result)
    _strip_outlet_prefix(result)
    _mark_subheadings(result, form)
    return result


def _prose_bounds(blocks: list[Block]) -> tuple[int, int]:
    """Indexes of the first and last blocks of running text, ignoring blocks any rule matches."""
    prose = [
        index
        for index, block in enumerate(blocks)
        if is_prose(block.text) and _matching_rule(block, False) is None
    ]
    return (prose[0], prose[-1]) if prose else (0, len(blocks) - 1)


def _headline_index(blocks: list[Block], first_prose: int) -> int | None:
    """The block just above a dateline, before the first paragraph of prose."""
    for index in range(1, first_prose):
        if _DATELINE.fullmatch(blocks[index].text) and len(blocks[index - 1].text.split()) >= 3:
            return index - 1
    return None


def _matching_rule(block: Block, edge: bool) -> str | None:
    text = block.text.strip()
    if len(text.split()) > CHROME_MAX_WORDS:
        return None
    for rule in LINE_RULES:
        if (edge or not rule.edge_only) and rule.pattern.fullmatch(text):
            return rule.name
    return None


def _is_bracketed_link(block: Block) -> bool:
    """A short paragraph that is one link in square brackets: ``[Other story]``, a pointer elsewhere."""
    text = block.text.strip()
    if len(text.split()) > CHROME_MAX_WORDS or not (text.startswith("[") and text.endswith("]")):
        return False
    linked = [span for span in block.spans if span.href]
    return len(linked) == 1 and all(
        span.text.strip() in ("", "[", "]") for span in block.spans if not span.href
    )


def _is_furniture(block: Block) -> bool:
    """A short, unpunctuated line at the edge of a web page: a widget's caption, not article text."""
    return len(block.text.split()) <= FURNITURE_MAX_WORDS and not ends_sentence(block.text)


def _is_site_name(block: Block) -> bool:
    return _SITE_NAME.fullmatch(block.text.strip()) is not None


def _take(result: Extracted, block: Block, rule: str, key: str) -> None:
    result.found[key] = block.text
    result.removals.append(Removal(rule, block.where, f"{block.text} (moved to the metadata)"))
    if key == "title":
        match = _ATTRIBUTION.match(block.text)
        if match and len(match["agency"].split()) <= 4:
            result.found["title_attribution"] = match["agency"]


def _strip_banner(result: Extracted) -> None:
    """Drop a "Live updates: Follow the latest on <link>" banner that opens the first block."""
    if not result.blocks:
        return
    block = result.blocks[0]
    match = _BANNER.match(block.text)
    if not match:
        return
    end = match.end()
    consumed, offset = 0, len(block.spans[0].text)
    while offset < end and consumed + 1 < len(block.spans):
        consumed += 1
        offset += len(block.spans[consumed].text)
    tail = block.spans[consumed + 1 :]
    removed = block.spans[: consumed + 1]
    if offset == end and tail and tail[0].href:
        removed.append(tail.pop(0))
    elif offset > end:
        cut = block.spans[consumed]
        keep = offset - end
        removed[-1] = Span(cut.text[:-keep], cut.href)
        tail.insert(0, Span(cut.text[-keep:], cut.href))
    text = "".join(span.text for span in removed)
    links = " ".join(f"<{span.href}>" for span in removed if span.href)
    result.removals.append(Removal("site-banner", f"{block.where}, start", f"{text} {links}".strip()))
    block.spans = _lstrip(tail)


def _strip_outlet_prefix(result: Extracted) -> None:
    """Move an "Outlet News Agency:" prefix at the start of the body into the metadata."""
    if not result.blocks or result.blocks[0].spans[0].href:
        return
    block = result.blocks[0]
    match = _OUTLET_PREFIX.match(block.spans[0].text)
    if not match:
        return
    result.found["outlet_prefix"] = match["outlet"]
    result.removals.append(
        Removal("outlet-prefix", f"{block.where}, start", f"{match.group(0).strip()} (moved to the metadata)")
    )
    block.spans = _lstrip([Span(block.spans[0].text[match.end() :]), *block.spans[1:]])


def _mark_subheadings(result: Extracted, form: Form) -> None:
    if form not in (Form.PLAIN_SECTIONS, Form.WEB_PAGE):
        return
    blocks = result.blocks
    for index in range(1, len(blocks) - 1):
        if blocks[index].kind == "paragraph" and is_subheading(blocks[index].text, blocks[index + 1].text):
            blocks[index].kind = "heading"
            result.notes.append(f"{blocks[index].where} became a subheading")


def _lstrip(spans: list[Span]) -> list[Span]:
    while spans and not spans[0].text.strip():
        spans = spans[1:]
    if spans:
        spans[0] = Span(spans[0].text.lstrip(), spans[0].href)
    return spans
