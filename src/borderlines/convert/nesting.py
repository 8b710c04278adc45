"""How deeply an HTML seed nests its block elements, closing what a browser would close implicitly."""

from __future__ import annotations

from .seedfile import SeedError

#: HTML seeds nesting block elements deeper than this are refused; news markup nests a few dozen deep.
MAX_NESTING_DEPTH = 200

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: The elements counted: the block-level containers a page is built of. Inline and unknown
#: elements only style text, and the converter reads them as plain text whatever their depth.
BLOCKS = _HEADINGS | {
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
    "hgroup", "li", "main", "menu", "nav", "ol", "optgroup", "option", "p", "pre", "section",
    "select", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
# A start tag of these names closes an open element of the names given, searching back no
# further than the boundaries given.
_SIBLINGS = {
    "li": ({"li"}, {"ul", "ol", "menu", "dir"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "option": ({"option"}, {"select", "optgroup"}),
    "optgroup": ({"optgroup"}, {"select"}),
    **dict.fromkeys(_HEADINGS, (_HEADINGS, BLOCKS - _HEADINGS)),
}


class NestingTracker:
    """The stack of open block elements of one HTML seed, refusing it once it grows past a limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open: list[str] = []

    def start(self, tag: str, line: int) -> None:
        """Open ``tag`` (found at ``line``), first closing what a browser would close implicitly."""
        if tag not in BLOCKS:
            return
        if self.open and self.open[-1] == "p":
            self.open.pop()  # any block start ends an open paragraph
        if tag in _SIBLINGS:
            closed_by, boundaries = _SIBLINGS[tag]
            for index in range(len(self.open) - 1, -1, -1):
                if self.open[index] in boundaries:
                    break
                if self.open[index] in closed_by:
                    del self.open[index:]
                    break
        self.open.append(tag)
        if len(self.open) > self.limit:
            raise SeedError(
                f"nests HTML block elements more than {self.limit} deep (at line {line});"
                " --max-depth changes the limit"
            )

    def end(self, tag: str) -> None:
        """Close ``tag`` and everything opened inside it; a stray end tag closes nothing."""
        if tag not in BLOCKS:
            return
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index] == tag:
                del self.open[index:]
                return

    @property
    def depth(self) -> int:
        """How many block elements are open now."""
        return len(self.open)
