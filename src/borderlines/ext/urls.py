"""When two URLs name the same article: scheme, ``www.``, case of host, trailing slash and fragment aside."""

from __future__ import annotations

from urllib.parse import urlsplit


def canonical_url(url: str) -> str:
    """A key equal for URLs differing only in scheme, ``www.``, host case, trailing slash or fragment."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"
