"""One pass over a page's DOM: its words and text pieces in page order, and where each element's lie.

The pass is a loop over an explicit stack, so a page nesting thousands of elements deep costs no
Python recursion. Script and style content is code and comments are not text: none of them is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from ..contract.metadata import Removal

#: Elements whose content is code, never text.
TEXTLESS = frozenset({"script", "style"})
#: Elements whose content is neither read nor recorded: the head holds no text of the article.
SKIPPED = frozenset({"head"})
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
#: Record texts longer than this are shortened to their first 200 and last 100 characters and the count.
TEXT_LIMIT = 400
_HEAD_CHARS, _TAIL_CHARS = 200, 100


@dataclass
class Walk:
    """The words and text pieces under ``root`` in page order, and the span of each element."""

    root: HtmlElement
    order: list[HtmlElement] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    #: element -> (first word, word after its last), its tail left out
    words_at: dict[HtmlElement, tuple[int, int]] = field(default_factory=dict)
    #: element -> (first piece, piece after its last, piece after its tail)
    pieces_at: dict[HtmlElement, tuple[int, int, int]] = field(default_factory=dict)
    code: dict[HtmlElement, int] = field(default_factory=dict)  # script/style -> characters
    index: dict[HtmlElement, int] = field(default_factory=dict)  # element -> place in page order

    def text(self, first: HtmlElement, last: HtmlElement, tail: bool = True) -> str:
        """The text of the siblings ``first`` to ``last`` (and of ``last``'s tail), white space collapsed."""
        end = self.pieces_at[last][2 if tail else 1]
        return collapse(" ".join(self.pieces[self.pieces_at[first][0] : end]))

    def record(
        self, rule: str, where: str, run: list[HtmlElement], before: str | None = None, tail: bool = True
    ) -> Removal:
        """The removal of ``run`` (consecutive siblings), of the loose text ``before`` it and its tail."""
        if rule in TEXTLESS:
            size = sum(self.code.get(el, 0) for el in run)
            what = f"<{rule}>" if len(run) == 1 else f"{len(run)} <{rule}> elements"
            return Removal(rule, where, f"{what}: {size} characters of code")
        return Removal(rule, where, shorten(collapse(f"{before or ''} {self.text(run[0], run[-1], tail)}")))

    def groups(
        self,
        parent: HtmlElement,
        children: list[HtmlElement],
        rule_of: Callable[[HtmlElement], str],
        before: str | None,
    ) -> list[tuple[int, Removal]]:
        """Records for ``children`` of ``parent``: consecutive children of one rule make one record.

        A child without text joins the group before it; ``before`` (loose text ahead of the first
        child) goes into the first record. Each record comes with its place in page order.
        """
        runs: list[tuple[str, list[HtmlElement]]] = []
        for child in children:
            if child.tag in SKIPPED:
                continue
            rule = rule_of(child)
            textless = rule not in TEXTLESS and not self.text(child, child)
            if runs and (runs[-1][0] == rule or textless):
                runs[-1][1].append(child)
            else:
                runs.append((rule, [child]))
        steps = _steps(parent)
        base = element_path(parent)
        records: list[tuple[int, Removal]] = []
        if not runs and collapse(before or ""):
            where = f"{base}/text()"
            records.append(
                (self.index[parent], Removal("outside-article", where, shorten(collapse(before or ""))))
            )
        for rule, run in runs:
            where = f"{base}/{steps[run[0]]}" + (f"..{steps[run[-1]]}" if len(run) > 1 else "")
            removal = self.record(rule, where, run, before)
            before = None
            if rule in TEXTLESS or collapse(removal.text):
                records.append((self.index[run[0]], removal))
        return records


def walk(root: HtmlElement) -> Walk:
    """Read ``root``'s subtree once, without recursion."""
    w = Walk(root)
    stack: list[tuple[HtmlElement, bool]] = [(root, True)]
    first_word: dict[HtmlElement, int] = {}
    first_piece: dict[HtmlElement, int] = {}
    while stack:
        element, entering = stack.pop()
        if entering:
            w.index[element] = len(w.order)
            w.order.append(element)
            first_word[element] = len(w.words)
            first_piece[element] = len(w.pieces)
            stack.append((element, False))
            if not isinstance(element.tag, str):  # a comment or processing instruction
                continue
            if element.tag in TEXTLESS:
                w.code[element] = len(element.text or "")
                continue
            if element.tag in SKIPPED:
                continue
            _add(w, element.text)
            stack.extend((child, True) for child in reversed(element))
        else:
            w.words_at[element] = (first_word[element], len(w.words))
            last_piece = len(w.pieces)
            if element is not root:
                _add(w, element.tail)
            w.pieces_at[element] = (first_piece[element], last_piece, len(w.pieces))
    return w


def _add(w: Walk, text: str | None) -> None:
    if text:
        w.pieces.append(text)
        w.words.extend(_WORD.findall(text.lower()))


def collapse(text: str) -> str:
    """``text`` with every run of white space made one space, and its ends trimmed."""
    return _SPACE.sub(" ", text).strip()


def shorten(text: str) -> str:
    """``text`` if it is at most `TEXT_LIMIT` characters, else its first 200 and last 100 and the count."""
    if len(text) <= TEXT_LIMIT:
        return text
    return f"{text[:_HEAD_CHARS]} […] {text[-_TAIL_CHARS:]} ({len(text)} characters)"


def _steps(parent: HtmlElement) -> dict[HtmlElement, str]:
    """Each child's path step: its tag, with its place among same-tag siblings when it has any."""
    tags: dict[str, int] = {}
    children = list(parent)
    for child in children:
        tags[_tag(child)] = tags.get(_tag(child), 0) + 1
    seen: dict[str, int] = {}
    steps = {}
    for child in children:
        tag = _tag(child)
        seen[tag] = seen.get(tag, 0) + 1
        steps[child] = f"{tag}[{seen[tag]}]" if tags[tag] > 1 else tag
    return steps


def _tag(element: HtmlElement) -> str:
    return element.tag if isinstance(element.tag, str) else "comment()"


def element_path(element: HtmlElement) -> str:
    """The element's path from the root, such as ``html/body/div[2]/header``."""
    steps: list[str] = []
    node: HtmlElement | None = element
    while node is not None:
        parent = node.getparent()
        steps.append(_tag(node) if parent is None else _steps(parent)[node])
        node = parent
    return "/".join(reversed(steps))


def in_order(records: Iterable[tuple[int, Removal]]) -> list[Removal]:
    """The removals sorted by their place in the page."""
    return [removal for _, removal in sorted(records, key=lambda pair: pair[0])]
