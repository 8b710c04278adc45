"""The nesting-depth limit counts block elements as a browser nests them, so sloppy markup passes."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from borderlines.convert.extract import html_blocks
from borderlines.convert.nesting import NestingTracker
from borderlines.convert.seedfile import SeedError

SLOPPY = {
    "list items never closed": "<ul>" + "<li>item " * 150 + "</ul>",
    "paragraphs never closed": "<div>" + "<p>para " * 150,
    "paragraphs inside list items": "<ul>" + "<li><p>item " * 150,
    "table cells and rows never closed": "<table>" + "<tr><td>a<td>b<th>c" * 150 + "</table>",
    "options never closed": "<select>" + "<option>choice " * 150 + "</select>",
    "definition terms never closed": "<dl>" + "<dt>term<dd>definition " * 150,
    "headings never closed": "<h3>heading " * 150,
    "inline tags never closed": "<p>" + "<b><i><font><span><nobr><del>styled " * 150,
    "links never closed": "<p>" + '<a href="https://example.org/">story ' * 150,
    "stray end tags": "<div><p>text" + "</div></ul></table>" * 150,
}


def _max_depth(html: str) -> int:
    """The deepest the tracker's stack gets while reading ``html``."""
    tracker, deepest = NestingTracker(limit=10_000), [0]

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tracker.start(tag, self.getpos()[0])
            deepest[0] = max(deepest[0], tracker.depth)

        def handle_endtag(self, tag: str) -> None:
            tracker.end(tag)

    Reader().feed(html)
    return deepest[0]


@pytest.mark.parametrize("html", SLOPPY.values(), ids=SLOPPY.keys())
def test_sloppy_markup_stays_shallow_and_converts_under_a_small_limit(html: str) -> None:
    """150 repeats of each habit nest at most 3 deep, so a limit of 10 still converts them."""
    assert _max_depth(html) <= 3
    blocks, _ = html_blocks(html, max_depth=10)
    assert blocks


def test_real_nesting_is_counted_and_refused_past_the_limit() -> None:
    """Eleven nested divs are 11 deep: refused at 10, converted at 11, with the line named."""
    html = "<p>start</p>\n" + "<div>" * 11 + "deep words" + "</div>" * 11
    assert _max_depth(html) == 11
    with pytest.raises(SeedError, match=r"more than 10 deep \(at line 2\)"):
        html_blocks(html, max_depth=10)
    assert [block.text for block in html_blocks(html, max_depth=11)[0]] == ["start", "deep words"]
