"""The metadata a saved web page states about itself: its JSON-LD, Open Graph and head elements.

Each value found is ``stated``, with a basis naming the element it came from and any element that
disagrees; a value the page does not establish is left out (the caller marks it unknown). Precedence,
first found wins, the others only checked against it:

- title: JSON-LD ``headline``, ``og:title``, ``dc.title``, ``<title>``; but the first of them the page's
  own ``<h1>`` repeats (whole, or less a trailing " - part") wins, else a trailing or leading outlet
  name is removed from the first; what was removed is said;
- outlet: JSON-LD ``publisher.name``, ``og:site_name``;
- url: ``<link rel=canonical>``, ``og:url``, JSON-LD ``url``/``mainEntityOfPage`` (the element whose
  one job is the page's address first); only absolute http(s) URLs with a host, through ``safe_url``;
- date: JSON-LD ``datePublished``, ``article:published_time``, ``parsely-pub-date`` (never a modified
  date, htmldate #119); only ISO 8601
  dates, the day as written (never shifted to another time zone; the zone is said in the basis);
- language: ``<html lang>``, JSON-LD ``inLanguage``; the primary subtag, lower case (as the catalog
  writes it), the full tag in the basis;
- authors: JSON-LD ``author`` (Person or Organization names, strings, lists), else the first of the
  ``_AUTHOR_TAGS`` (a name, not a URL); a wire byline is kept as the page gives it.

Every text is untrusted: entities are decoded once (the HTML parser decodes attributes and ``<title>``;
JSON-LD strings, which HTML leaves alone, are decoded here), white space collapsed, control and bidi
characters removed, and length capped. Markup-like text stays text: escaping is the renderer's job.
Malformed JSON-LD is skipped silently. The elements are read from the tree lxml (libxml2) makes of the
page, the one the article is then located in, so the page is parsed once; libxml2 reads ``<title>``,
``<textarea>`` and the like as text, as a browser does (no extruct: the few elements here need no more).
"""

from __future__ import annotations

import datetime
import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..contract.metadata import Value
from ..contract.urls import canonical_url, safe_url
from .htmlpage import parse_page

MAX_LENGTH = 300
_ARTICLE_TYPES = {
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "SocialMediaPosting", "Report",
}  # fmt: skip
_SPACE = re.compile(r"\s+")
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")
# HTML comment and CDATA wrappers some sites put around their JSON-LD (extruct strips them too).
_WRAPPER = re.compile(
    r"^\s*(?:(?://|/\*)?\s*(?:<!--|<!\[CDATA\[)\s*(?:\*/)?)+|(?:(?://|/\*)?\s*(?:-->|\]\]>)\s*(?:\*/)?\s*)+$"
)
#: The ``<meta>`` naming authors, after JSON-LD, in precedence order; a Twitter handle is not a name.
_AUTHOR_TAGS = [(key, key) for key in ("article:author", "og:article:author", "article:author_name")]
_AUTHOR_TAGS += [("author", "<meta name=author>"), ("parsely-author", "parsely-author")]
_AUTHOR_TAGS += [("dc:creator", "dc.creator"), ("dc.creator", "dc.creator"), ("byl", "<meta name=byl>")]
_SEPARATORS = (" - ", " | ", " – ", " — ", " : ", " · ", " :: ")


@dataclass(frozen=True)
class PageMetadata:
    """What a page states about itself: values by field name, and the authors it names."""

    values: dict[str, Value]
    authors: tuple[str, ...]
    authors_basis: str


@dataclass
class _Head:
    """The page's ``<html lang>``, first ``<title>``, ``<meta>``, canonical links, JSON-LD and ``<h1>``s."""

    lang: str | None = None
    title: str | None = None
    meta: list[tuple[int, str, str]] = field(
        default_factory=list
    )  # (0 for property, 1 for name; key; content)
    h1: list[str] = field(default_factory=list)
    canonical: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)


def _head(root: HtmlElement) -> _Head:
    """What the page's tree holds about the page, in document order (a ``<title>`` or ``<h1>`` of an
    ``<svg>`` is the picture's, not the page's)."""
    head = _Head()
    if root.tag == "html":
        head.lang = root.get("lang") or root.get("xml:lang") or ""
    for element in root.iter("title", "meta", "h1", "link", "script"):
        tag = element.tag
        if tag == "meta":
            content = element.get("content")
            for rank, attribute in enumerate(("property", "name")):  # RDFa allows several, space-separated
                if content is not None:
                    keys = (element.get(attribute) or "").lower().split()
                    head.meta.extend((rank, key, content) for key in keys)
        elif tag == "link":
            if "canonical" in (element.get("rel") or "").lower().split():
                head.canonical.append(element.get("href") or "")
        elif tag == "script":
            if (element.get("type") or "").split(";")[0].strip().lower() == "application/ld+json":
                head.scripts.append(element.text or "")
        elif any(ancestor.tag == "svg" for ancestor in element.iterancestors()):
            continue
        elif tag == "title" and head.title is None:
            head.title = element.text or ""  # markup inside <title> is text, as in a browser
        elif tag == "h1" and len(head.h1) < 20:
            head.h1.append(element.text_content())
    return head


def clean(text: str) -> tuple[str, str]:
    """Untrusted text made one safe line: controls removed, white space collapsed, capped; and the cut."""
    text = _SPACE.sub(" ", _UNWANTED.sub("", unicodedata.normalize("NFC", text))).strip()
    if len(text) <= MAX_LENGTH:
        return text, ""
    return text[:MAX_LENGTH].rstrip() + "…", f" (cut to {MAX_LENGTH} of {len(text)} characters)"


def _json_ld(scripts: list[str]) -> Iterator[dict[str, object]]:
    """Every article node of the page's JSON-LD: top level, in lists, ``@graph`` or ``mainEntity``."""
    stack: list[object] = []
    for script in scripts:
        text = _WRAPPER.sub("", script).strip().rstrip(";")
        try:
            stack.append(json.loads(text, strict=False))
        except (ValueError, RecursionError):
            continue
    seen = 0
    while stack and seen < 1000:
        node, seen = stack.pop(0), seen + 1
        if isinstance(node, list):
            stack[:0] = node
        elif isinstance(node, dict):
            if _types(node) & _ARTICLE_TYPES:
                yield node
            stack.extend(node.get(key) for key in ("@graph", "mainEntity") if key in node)


def _types(node: dict[str, object]) -> set[str]:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {re.split(r"[/:#]", kind)[-1] for kind in kinds if isinstance(kind, str)}


def _text(value: object) -> str:
    """A JSON-LD value as text: a string (entities decoded once), or the ``name`` of an object."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name", "")
    return clean(html.unescape(value))[0] if isinstance(value, str) else ""


@dataclass
class _Field:
    """The candidates for one field, in precedence order: the first is stated, the rest compared."""

    found: list[tuple[str, str, str]]  # (value, basis of that element, the value as written)

    def add(self, value: str, basis: str, written: str = "") -> None:
        if value:
            self.found.append((value, basis, written or value))

    def value(self, key: Callable[[str], str]) -> Value | None:
        if not self.found:
            return None
        (first, basis, _), others = self.found[0], self.found[1:]
        agree = [b.split(" (")[0] for v, b, _ in others if key(v) == key(first)]
        differ = [f"{b.split(' (')[0]} differs: {w!r}" for v, b, w in others if key(v) != key(first)]
        notes = [f"{element} agrees" for element in dict.fromkeys(agree)] + list(dict.fromkeys(differ))
        return Value(first, "stated", "; ".join([basis, *notes]))


def _key(text: str) -> str:
    return _SPACE.sub(" ", text.casefold().replace("’", "'").replace("‘", "'")).strip()


def _cuts(title: str, leading: bool = True) -> Iterator[tuple[str, str]]:
    """The title less each trailing part after a separator (or leading part), with the part removed."""
    for sep in _SEPARATORS:
        start = title.find(sep)
        while start > 0:
            end = start + len(sep)
            yield title[:start].strip(), title[start:]
            if leading:
                yield title[end:].strip(), title[:end]
            start = title.find(sep, end)


def _strip_outlet(title: str, outlet: str) -> tuple[str, str]:
    """The title less a leading or trailing outlet name (or its first words), and what was removed."""
    for rest, part in _cuts(title) if outlet else ():
        name = _key(part).strip(" -|–—:·")
        if rest and name and (_key(outlet) + " ").startswith(name + " "):
            return rest, part
    return title, ""


def _choose_title(found: list[tuple[str, str]], outlet: str, h1: list[str]) -> Value | None:
    """The first title candidate the page's ``<h1>`` repeats (whole or less a part), else the first."""
    found = [(value, basis) for value, basis in found if value]
    if not found:
        return None
    headings = {_key(text.rstrip(" ¶#§")) for text in h1}
    chosen = None
    for value, basis in found:
        for text, part in [(value, ""), *_cuts(value, leading=False)]:
            if chosen is None and text and _key(text) in headings and _key(text) != _key(outlet):
                chosen = (
                    value,
                    text,
                    part,
                    basis + (f" ({part!r} removed)" if part else "") + "; <h1> agrees",
                )
    if chosen is None:
        chosen = (found[0][0], *_strip_outlet(found[0][0], outlet), found[0][1])
        chosen = (
            chosen[0],
            chosen[1],
            chosen[2],
            chosen[3] + (f" ({chosen[2]!r} removed)" if chosen[2] else ""),
        )
    original, title, _part, basis = chosen
    for value, element in found:
        if value == original:
            continue
        name = element.split(" (")[0]
        cuts = [(value, ""), _strip_outlet(value, outlet), *_cuts(value, leading=False)]
        less = [part for text, part in cuts if _key(text) == _key(title)]
        if not less:
            basis += f"; {name} differs: {value!r}"
        else:
            basis += f"; {name} agrees" + (f", less {less[0]!r}" if less[0] else "")
    if basis.startswith("<title>") and ";" not in basis and any(sep in title for sep in _SEPARATORS):
        basis += ", whole: no other element says which part is the headline"
    return Value(title, "stated", basis)


def _url(href: object, element: str) -> tuple[str, str]:
    """An absolute http(s) URL with a host, made safe; or nothing."""
    if not isinstance(href, str):
        return "", ""
    url = safe_url(href) or ""
    try:
        host = urlsplit(href.strip()).hostname or ""
    except ValueError:
        return "", ""
    if urlsplit(url).scheme.lower() in ("http", "https") and re.fullmatch(r"[\w.-]+", host):
        return url, element
    return "", ""


def _date(text: str, element: str) -> tuple[str, str, str]:
    """The day of an ISO 8601 date as written (never moved to another time zone), and its time zone."""
    match = _ISO_DATE.fullmatch(text.strip())
    if not match:
        return "", "", ""
    year, month, day, hour, _minute, zone = match.groups()
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return "", "", ""
    if not 1900 < int(year) < 2100 or (year, month, day) == ("1970", "01", "01"):
        return "", "", ""
    how = "no time given" if hour is None else f"time zone {zone}" if zone else "no time zone given"
    return f"{year}-{month}-{day}", f"{element} ({text.strip()!r}: the day as written, {how})", text.strip()


def _language(tag: str, element: str) -> tuple[str, str]:
    """The primary language subtag, lower case, of a well-formed tag naming a language."""
    tag = tag.strip()
    if not _LANGUAGE.fullmatch(tag) or tag.split("-")[0].split("_")[0].lower() in ("und", "mul", "zxx"):
        return "", ""
    primary = re.split(r"[-_]", tag)[0].lower()
    return primary, element + (f" ({tag!r})" if tag != primary else "")


def _names(value: object) -> Iterator[tuple[str, str]]:
    """The names in a JSON-LD ``author``, each with its type (``Person``, ``Organization`` or "")."""
    for item in value if isinstance(value, list) else [value]:
        kind = "/".join(sorted(_types(item))) if isinstance(item, dict) else ""
        yield _text(item), kind


def _person(name: str) -> str:
    """A byline as a name: "By " removed; nothing when it is a URL or empty."""
    name = re.sub(r"^by\s+", "", name, flags=re.IGNORECASE).strip()
    return "" if re.search(r"://|^www\.|^@|\.(com|org|net)\b", name, re.IGNORECASE) else name


def _authors(
    article: dict[str, object], kind: str, meta: dict[str, list[str]]
) -> tuple[tuple[str, ...], str]:
    """The authors the page names: JSON-LD ``author``, or ``article:author``, or ``<meta name=author>``."""
    sources: list[tuple[list[str], str]] = []
    named = [(_person(name), kind_) for name, kind_ in _names(article.get("author"))]
    organisations = [name for name, kind_ in named if name and kind_ == "Organization"]
    note = f" ({', '.join(map(repr, organisations))}: an Organization)" if organisations else ""
    sources.append(([name for name, _ in named if name], f"{kind} author{note}"))
    for key, element in _AUTHOR_TAGS:
        sources.append(([n for n in (_person(clean(v)[0]) for v in meta.get(key, [])) if n], element))
    sources = [(names, element) for names, element in sources if names]
    if not sources:
        return (), ""
    (names, basis), others = sources[0], sources[1:]
    for other, element in others:
        same = {_key(n) for n in other} == {_key(n) for n in names}
        basis += f"; {element} agrees" if same else f"; {element} differs: {', '.join(map(repr, other))}"
    return tuple(dict.fromkeys(names)), basis


def page_metadata(page: str | HtmlElement) -> PageMetadata:
    """The title, outlet, URL, date, language and authors a complete saved HTML page states (its
    text, or its tree from ``htmlpage.parse_page``)."""
    head = _head(page if isinstance(page, HtmlElement) else parse_page(page))
    meta: dict[str, list[str]] = {}
    for _rank, key, content in sorted(head.meta, key=lambda item: item[0]):  # property= before name=
        meta.setdefault(key, []).append(content)

    def tag(key: str) -> str:
        return clean(meta[key][0])[0] if key in meta else ""

    articles = list(_json_ld(head.scripts))
    article = articles[0] if articles else {}
    kind = f"JSON-LD {sorted(_types(article) & _ARTICLE_TYPES)[0]}" if article else ""
    fields = {name: _Field([]) for name in ("outlet", "url", "date", "language")}
    raw = article.get("headline")
    headline, cut = clean(html.unescape(raw)) if isinstance(raw, str) else ("", "")
    title, title_cut = clean(head.title or "")
    publisher = _text(article.get("publisher"))
    titles = [
        (headline, f"{kind} headline{cut}"),
        (tag("og:title"), "og:title"),
        (tag("dc:title") or tag("dc.title"), "dc.title"),
        (title, f"<title>{title_cut}"),
    ]
    fields["outlet"].add(publisher, f"{kind} publisher.name")
    fields["outlet"].add(tag("og:site_name"), "og:site_name")
    fields["url"].add(*_url(head.canonical[0] if head.canonical else "", "<link rel=canonical>"))
    fields["url"].add(*_url(tag("og:url"), "og:url"))
    for key in ("url", "mainEntityOfPage"):
        entity = article.get(key)
        fields["url"].add(*_url(entity.get("@id") if isinstance(entity, dict) else entity, f"{kind} {key}"))
    fields["date"].add(*_date(_text(article.get("datePublished")), f"{kind} datePublished"))
    for key in ("article:published_time", "og:article:published_time", "parsely-pub-date"):
        fields["date"].add(*_date(tag(key), key))
    fields["language"].add(*_language(head.lang or "", "<html lang>"))
    fields["language"].add(*_language(_text(article.get("inLanguage")), f"{kind} inLanguage"))
    keys: dict[str, Callable[[str], str]] = {"url": canonical_url, "date": str, "language": str}
    values: dict[str, Value] = {}
    chosen = _choose_title(titles, publisher or tag("og:site_name"), [clean(h)[0] for h in head.h1])
    if chosen:
        values["title"] = chosen
    for name, found in fields.items():
        value = found.value(keys.get(name, _key))
        if value:
            values[name] = value
    authors, authors_basis = _authors(article, kind, meta)
    return PageMetadata(values, authors, authors_basis)
