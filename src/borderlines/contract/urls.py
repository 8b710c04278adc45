"""Which URLs a page may link to, and when two URLs name the same article."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, quote, urlsplit

_ALLOWED_SCHEMES = ("http", "https", "mailto")
# Characters left as they are in a kept URL; everything else is percent-encoded so that
# the URL can never end a Markdown link destination or carry markup.
_URL_SAFE = "/:?#[]@!$&'*+,;=%-._~"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_url(href: str) -> str | None:
    """The URL percent-encoded for safe output, or None when it is not http(s)/mailto with a host."""
    href = href.strip()
    if _CONTROL.search(href):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _ALLOWED_SCHEMES:
        return None
    if scheme == "mailto":
        if "@" not in parts.path or parts.path.startswith("@") or parts.path.endswith("@"):
            return None
    elif not parts.hostname or not _valid_port(parts):
        return None
    return quote(href, safe=_URL_SAFE)


def _valid_port(parts: SplitResult) -> bool:
    """Whether the URL's port, if any, is a port (``urlsplit`` raises for one out of range)."""
    try:
        parts.port  # noqa: B018
    except ValueError:
        return False
    return True


def canonical_url(url: str) -> str:
    """A key equal for URLs differing only in scheme, ``www.``, host case, trailing slash or fragment."""
    try:
        parts = urlsplit(url.strip())
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # not a URL a page could be at: it equals only itself
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"
