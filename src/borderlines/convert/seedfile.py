"""Read a seed's bytes and decode them, refusing anything that cannot be trusted to be text."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

#: Seeds larger than this are refused; a news article is a few tens of kilobytes.
MAX_SEED_BYTES = 2_000_000
#: Saved web pages (the ``html-page`` form) larger than this are refused: a large site's saved page,
#: scripts and styles inline, runs to several megabytes around an article of a few kilobytes.
MAX_PAGE_BYTES = 20_000_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class SeedError(Exception):
    """A seed that cannot be converted; the message is the one-line reason."""


@dataclass(frozen=True)
class DecodedSeed:
    """A seed's text with the facts about its bytes."""

    name: str
    sha256: str
    size: int
    encoding: str
    text: str
    controls_removed: int


def read_seed(
    path: Path, seeds_dir: Path, encoding: str = "utf-8", max_bytes: int = MAX_SEED_BYTES
) -> DecodedSeed:
    """Read, check and decode one seed file."""
    raw = read_seed_bytes(path, seeds_dir, max_bytes)
    text, used = decode(raw, encoding)
    if not text.strip():
        raise SeedError("holds only white space")
    nul = text.find("\x00")
    if nul >= 0:  # looked for in the text, so that a UTF-16 seed's zero bytes are not taken for NULs
        raise SeedError(f"contains a NUL character (U+0000) at character {nul}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, controls = _CONTROL.subn("", text)
    if not text.strip():
        raise SeedError("holds no text once control characters are removed")
    return DecodedSeed(path.name, hashlib.sha256(raw).hexdigest(), len(raw), used, text, controls)


def read_seed_bytes(path: Path, seeds_dir: Path, max_bytes: int = MAX_SEED_BYTES) -> bytes:
    """A seed's bytes, once its name, its place inside ``seeds_dir``, its kind and its size are checked."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise SeedError("has a file name that is not valid UTF-8; rename the file") from None
    resolved = path.resolve()
    if not resolved.is_relative_to(seeds_dir.resolve()):
        raise SeedError("is a link that leads outside seeds/")
    if not resolved.is_file():
        raise SeedError("is not a regular file")
    size = resolved.stat().st_size
    if size > max_bytes:
        raise SeedError(f"is {size} bytes, over the limit of {max_bytes} bytes")
    raw = resolved.read_bytes()
    if not raw:
        raise SeedError("is empty")
    return raw


def decode(raw: bytes, encoding: str) -> tuple[str, str]:
    """Decode ``raw`` strictly in ``encoding``; a UTF-8 BOM is accepted and reported."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise SeedError(f"its catalog entry declares an unknown encoding {encoding!r}") from None
    if codec == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        codec, raw = "utf-8-sig", raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode(codec.replace("utf-8-sig", "utf-8"))
    except UnicodeDecodeError as err:
        raise SeedError(
            f"is not valid {encoding}: byte 0x{raw[err.start]:02x} at offset {err.start}"
            " (declare its encoding in seeds/catalog.toml)"
        ) from None
    return text, codec


def reason(error: Exception) -> str:
    """A bad seed's one-line reason; an error nobody foresaw says its type, so that it can be fixed."""
    if isinstance(error, SeedError):
        return str(error)
    message = " ".join(str(error).split())
    return f"could not be converted: unexpected {type(error).__name__}" + (f": {message}" if message else "")
