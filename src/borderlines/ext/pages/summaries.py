"""Which pages showing a corpus-wide summary (sources, coverage, reuse, claims, the timeline) are
written again: those of a kind whose digest of what it shows changed.

A summary page holds only a placeholder until it is written, so it is never read again for what
other pages say; each feature gives, once citations are resolved, the parts its summary shows, and
its pages are written again only when their digest differs from the last build's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..corpus.display import view_digest
from ..corpus.domain import CorpusDomain
from ..corpus.records import SummaryKind


@dataclass(frozen=True)
class SummaryViews:
    """Per kind of summary, a digest of what its pages show, as the last build found it."""

    views: Mapping[SummaryKind, str] = field(default_factory=dict)


def summaries_to_rewrite(
    corpus: CorpusDomain, kind: SummaryKind, parts: Callable[[], Iterable[object]]
) -> list[str]:
    """The pages showing a summary of ``kind`` if what it shows, ``parts`` (made only when there are
    such pages), changed since the last build; else none."""
    pages = corpus.summary_pages(kind)
    if not pages:
        return []
    old = corpus.feature(SummaryViews) or SummaryViews()
    view = view_digest(parts())
    corpus.note_feature(SummaryViews({**old.views, kind: view}))
    return pages if old.views.get(kind) != view else []
