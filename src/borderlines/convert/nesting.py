"""How deeply an HTML seed nests its elements, counted the way a browser would close them."""

from __future__ import annotations

from .seedfile import SeedError

#: HTML seeds nesting elements deeper than this are refused; news markup nests a few dozen deep.
MAX_NESTING_DEPTH = 100

_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "dfn", "em", "font", "i", "kbd", "mark", "q", "s"}
    | {"samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var"}
)
# An element that an open sibling of these names closes, as far back as the given boundaries.
_SIBLINGS = {
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "option": ({"option"}, {"select", "datalist"}),
}


class NestingTracker:
    """The stack of open elements of one HTML seed, refusing it once it grows past a limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open: list[str] = []

    def start(self, tag: str, line: int) -> None:
        """Open ``tag`` (found at ``line``), first closing what a browser would close implicitly."""
        if tag in _VOID:
            return
        self._close_implied(tag)
        self.open.append(tag)
        if len(self.open) > self.limit:
            raise SeedError(
                f"nests HTML elements more than {self.limit} deep (at line {line});"
                " --max-depth changes the limit"
            )

    def end(self, tag: str) -> None:
        """Close ``tag`` and everything opened inside it; a stray end tag closes nothing."""
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index] == tag:
                del self.open[index:]
                return

    def _close_implied(self, tag: str) -> None:
        if tag in _SIBLINGS:
            closed_by, boundaries = _SIBLINGS[tag]
            for index in range(len(self.open) - 1, -1, -1):
                name = self.open[index]
                if name in boundaries:
                    return
                if name in closed_by:
                    del self.open[index:]
                    return
        elif tag not in _INLINE:
            # A block-level element ends an open paragraph, as long as only inline elements lie between.
            for index in range(len(self.open) - 1, -1, -1):
                name = self.open[index]
                if name == "p":
                    del self.open[index:]
                    return
                if name not in _INLINE:
                    return
