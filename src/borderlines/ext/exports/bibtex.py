"""``exports/sources.bib``: the sources as biblatex entries (BibTeX reads them too).

A news report or an opinion piece is ``@article`` with ``entrysubtype = {newspaper}`` (biblatex has
no newspaper type; without the subtype, reference managers lose it on import); a rewrite or a source
of unknown kind is ``@online``. Every value is seed metadata, so every character that means something
to BibTeX or LaTeX is written as a LaTeX command: braces included (``\\textbraceleft{}``), since BibTeX
counts braces even after a backslash. So a value's braces are always the writer's own, and balanced.
"""

from __future__ import annotations

import re

from ...contract.names import SourceKind, kind_label
from ...text import MONTHS
from .references import Reference

_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_SPECIAL = re.compile("|".join(re.escape(character) for character in _LATEX))
_KEY = re.compile(r"[^A-Za-z0-9_:.-]")
_NEWSPAPER = {SourceKind.NEWS_REPORT, SourceKind.OPINION_ANALYSIS}


def latex(text: str) -> str:
    """``text`` with every BibTeX or LaTeX special character escaped (the text is one line already)."""
    return _SPECIAL.sub(lambda match: _LATEX[match.group()], text)


def bib_url(url: str) -> str:
    """A URL as biblatex reads one (verbatim): its braces and backslashes percent-encoded, which
    names the same address, since neither may stand unencoded in a URL."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bib_name(name: str) -> str:
    """A name as BibTeX reads one person: braced whole when "and" or a comma would split it."""
    escaped = latex(name)
    return f"{{{escaped}}}" if re.search(r"\band\b|,", name, flags=re.IGNORECASE) else escaped


def bib_entry(reference: Reference) -> str:
    """One source as a biblatex entry."""
    newspaper = reference.kind in _NEWSPAPER
    fields: list[tuple[str, str]] = []
    if newspaper:
        fields.append(("entrysubtype", "newspaper"))
    if reference.authors:
        fields.append(("author", " and ".join(bib_name(name) for name in reference.authors)))
    fields.append(("title", latex(reference.title or reference.key)))
    if reference.outlet and newspaper:  # biblatex's journaltitle; journal for plain BibTeX styles
        fields += [("journaltitle", latex(reference.outlet)), ("journal", latex(reference.outlet))]
    elif reference.outlet:
        fields.append(("organization", latex(reference.outlet)))
    if reference.date:
        fields.append(("date", "-".join(f"{part:02d}" for part in reference.date)))
        fields.append(("year", str(reference.date[0])))
        if len(reference.date) > 1:
            fields.append(("month", MONTHS[reference.date[1] - 1][:3].lower()))
    if reference.url:
        fields.append(("url", bib_url(reference.url)))
    if reference.language:
        fields.append(("langid", latex(reference.language)))
    if reference.kind != SourceKind.NEWS_REPORT:
        fields.append(("type", latex(kind_label(reference.kind))))
    if reference.original:
        fields.append(("note", latex(f"Rewrites {reference.original}")))
    kind = "article" if newspaper else "online"
    key = _KEY.sub("-", reference.key)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def bibtex(references: list[Reference]) -> str:
    """The .bib file: one entry per source, in key order."""
    return "\n".join(bib_entry(each) for each in references)
