"""The plain Sphinx + MyST baseline: the same generated pages with no corpus extension.

Passages become MyST labels (the paragraph's, then each sentence's before its paragraph), citations
become ``{ref}`` links to those labels, listing pages become hidden toctrees, and ``conf.py`` is
Sphinx's defaults with MyST and the same theme. A claim becomes a label and its question in bold, each
answer a paragraph naming who gives it; an event a label and its date and title in bold over its text.
The claims and timeline pages list every claim and every event (in date order, with its text and
citations) as ``{ref}`` links, gathered from the pages first; the exports page lists nothing, as plain
Sphinx writes no exports.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from borderlines.text import normalise

CONF = """extensions = ["myst_parser"]
html_theme = "furo"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
"""

_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,})\{corpus:(?P<name>[\w-]+)\}[ \t]*(?P<argument>.*)\n"
    r"(?P<body>(?s:.*?))^(?P=fence)[ \t]*$",
    re.MULTILINE,
)
_ROLE = re.compile(r"(?<!\\)\{corpus:(?P<name>[\w-]+)\}`(?P<text>[^`]*)`")
_OPTION = re.compile(r":(?P<key>[\w-]+):[ \t]*(?P<value>.*)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_EXPLICIT_TITLE = re.compile(r"(?P<title>.+?)\s*<(?P<target>[^<>]+)>", re.DOTALL)
_LINK = re.compile(r"(?<!\\)\[(?P<text>(?:\\.|[^\\\]])*)\]\((?:\\.|[^\\)])*\)")
_AUTOLINK = re.compile(r"<(?P<url>[a-z][a-z0-9+.-]*:[^<>\s]*)>")
_ESCAPED = re.compile(r"\\(?P<char>[!-/:-@\[-`{-~])")
_NOT_LABEL = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Passage:
    """A paragraph passage: its ID, its sentence IDs and its sentence paragraphs (as MyST), in order."""

    id: str
    sentence_ids: tuple[str, ...]
    sentences: tuple[str, ...]


def passages(page_text: str) -> list[Passage]:
    """Every ``corpus:passage`` directive of a source page, in page order."""
    return [_passage(match) for match in _DIRECTIVE.finditer(page_text) if match["name"] == "passage"]


def plain_page(text: str, sources: Path, summaries: dict[str, str] | None = None) -> str:
    """A page as plain MyST; quote citations are resolved against the source pages in ``sources``, and a
    summary directive becomes its text in ``summaries`` (see :func:`summaries`), or nothing."""
    text = _DIRECTIVE.sub(lambda match: _plain_directive(match, summaries or {}), text)
    return _ROLE.sub(lambda role: _plain_role(role["name"], role["text"], sources), text)


def plain_docs(docs: Path, out: Path) -> None:
    """Copy the docs tree ``docs`` to ``out``, every page rewritten by :func:`plain_page`."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(docs, out)
    gathered = summaries(docs)
    for page in sorted(out.rglob("*.md")):
        text = plain_page(page.read_text(encoding="utf-8"), docs / "sources", gathered)
        page.write_text(text, encoding="utf-8")


def summaries(docs: Path) -> dict[str, str]:
    """What the claims and timeline pages list, as plain MyST: a ``{ref}`` link to each claim of the
    pages of ``docs``, and each event in date order, linked, with its text and citations. The exports
    page lists nothing: plain Sphinx writes no exports."""
    claims, events = [], []
    for page in sorted(docs.rglob("*.md")):
        for match in _DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            options, rest = _options(match["body"])
            argument = " ".join(match["argument"].split())
            if match["name"] == "claim":
                claims.append(f"- {{ref}}`{argument} <{_label('claim', options, argument)}>`")
            elif match["name"] == "event":
                title = f"{argument} \u2014 {options.get('title', '')}"
                link = f"{{ref}}`{title} <{_label('event', options, title)}>`"
                events.append((argument.lstrip("./"), f"- {link}: {' '.join(rest.split())}"))
    timeline = [line for _, line in sorted(events)]
    return {"claims": "\n".join(claims), "timeline": "\n".join(timeline), "exports": ""}


def write_conf(folder: Path) -> Path:
    """Write the plain build's ``conf.py`` into ``folder``, a folder of its own; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(CONF, encoding="utf-8")
    return folder


def _options(body: str) -> tuple[dict[str, str], str]:
    """A directive body's leading ``:key: value`` options, and the rest of it."""
    lines = body.split("\n")
    options: dict[str, str] = {}
    while lines and (option := _OPTION.fullmatch(lines[0])):
        options[option["key"]] = option["value"]
        lines.pop(0)
    return options, "\n".join(lines)


def _passage(match: re.Match[str]) -> Passage:
    options, rest = _options(match["body"])
    paragraphs = tuple(part.strip() for part in _BLANK_LINE.split(rest) if part.strip())
    sentence_ids = tuple(options.get("sentences", "").split())
    if sentence_ids and len(sentence_ids) != len(paragraphs):
        raise ValueError(
            f"passage {match['argument']}: {len(sentence_ids)} sentence IDs, {len(paragraphs)} paragraphs"
        )
    return Passage(match["argument"].strip(), sentence_ids, paragraphs)


def _label(prefix: str, options: dict[str, str], fallback: str) -> str:
    """The label of a claim or event: its ``:name:``, else its question or date and title."""
    return f"{prefix}-" + _NOT_LABEL.sub("-", (options.get("name") or fallback).lower()).strip("-")


def _plain_directive(match: re.Match[str], summaries: dict[str, str]) -> str:
    name = match["name"]
    if name in {"claim", "answer", "event"}:
        return _plain_topic_block(match, summaries)
    if name in {"claims", "timeline", "exports"}:
        return summaries.get(name, "")
    if name == "passage":
        passage = _passage(match)
        labelled = [
            f"({id_})=\n{text}" for id_, text in zip(passage.sentence_ids, passage.sentences, strict=True)
        ]
        return f"({passage.id})=\n" + "\n\n".join(labelled or passage.sentences)
    slugs = match["body"].split()
    if name == "sources" and slugs:
        return "```{toctree}\n:hidden:\n:maxdepth: 1\n\n" + "".join(f"/sources/{s}\n" for s in slugs) + "```"
    if name in {"source", "sources"}:
        return ""
    raise ValueError(f"no plain equivalent for the corpus:{name} directive")


def _plain_topic_block(match: re.Match[str], summaries: dict[str, str]) -> str:
    """A claim (with the answers inside it), an answer or an event, as labelled paragraphs."""
    argument = " ".join(match["argument"].split())
    options, rest = _options(match["body"])
    inner = _DIRECTIVE.sub(lambda nested: _plain_directive(nested, summaries), rest).strip()
    if match["name"] == "claim":
        return f"({_label('claim', options, argument)})=\n**{argument}**\n\n{inner}"
    if match["name"] == "answer":
        note = f"\n\n*{options['note']}*" if options.get("note") else ""
        return f"{argument}: {inner}{note}"
    title = f"{argument} \u2014 {options.get('title', '')}"
    return f"({_label('event', options, title)})=\n**{title}**\n\n{inner}"


def _plain_role(name: str, text: str, sources: Path) -> str:
    if name == "cite":
        explicit = _EXPLICIT_TITLE.fullmatch(text)
        title, target = (explicit["title"], explicit["target"]) if explicit else (text, text)
        return f"{{ref}}`{title} <{target.strip()}>`"
    if name == "quote":
        slug, _, quoted = text.partition(":")
        words = re.search(r"\[\[(.*?)\]\]", quoted)
        title = normalise(words[1] if words else quoted)
        target = _quoted_sentence(
            sources / f"{slug.strip()}.md", normalise(re.sub(r"\[\[|\]\]", " ", quoted))
        )
        return f"{{ref}}`{title} <{target}>`"
    if name == "source":
        return f"{{doc}}`/sources/{text.strip()}`"
    raise ValueError(f"no plain equivalent for the corpus:{name} role")


def _quoted_sentence(page: Path, needle: str) -> str:
    """The ID of the one sentence of ``page`` whose text holds ``needle`` on word boundaries."""
    found = [
        sentence_id
        for passage in passages(page.read_text(encoding="utf-8"))
        for sentence_id, sentence in zip(passage.sentence_ids, passage.sentences, strict=True)
        if _holds(_reader_text(sentence), needle)
    ]
    if len(found) != 1:
        raise ValueError(f"{page.stem}: {needle!r} stands in {len(found)} sentences, not exactly one")
    return found[0]


def _reader_text(myst: str) -> str:
    """The text a reader sees in a sentence paragraph: link text only, escapes undone."""
    text = _AUTOLINK.sub(lambda link: link["url"], _LINK.sub(lambda link: link["text"], myst))
    return normalise(_ESCAPED.sub(lambda escaped: escaped["char"], text))


def _holds(text: str, needle: str) -> bool:
    start = text.find(needle)
    while start != -1:
        if _on_boundary(text, start) and _on_boundary(text, start + len(needle)):
            return True
        start = text.find(needle, start + 1)
    return False


def _on_boundary(text: str, index: int) -> bool:
    return index in {0, len(text)} or not (text[index - 1].isalnum() and text[index].isalnum())
