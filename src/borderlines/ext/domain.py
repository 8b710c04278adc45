"""The corpus domain: the single owner of all corpus state (sources, passages, source tables)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from sphinx.domains import Domain

from .directives import PassageDirective, SourceDirective, SourcesTableDirective
from .records import PassageRecord, SourceRecord
from .warnings import CorpusWarning, warn


class CorpusDomain(Domain):
    """Sources and their passages, stored per document so that parallel and incremental builds merge."""

    name = "corpus"
    label = "Corpus"
    directives = {"passage": PassageDirective, "source": SourceDirective, "sources": SourcesTableDirective}
    initial_data = {"sources": {}, "passages": {}, "tables": {}}
    data_version = 1

    @property
    def sources(self) -> dict[str, SourceRecord]:
        """Source records by docname."""
        return cast("dict[str, SourceRecord]", self.data.setdefault("sources", {}))

    @property
    def passages(self) -> dict[str, PassageRecord]:
        """Passage records by passage ID."""
        return cast("dict[str, PassageRecord]", self.data.setdefault("passages", {}))

    @property
    def tables(self) -> dict[str, int]:
        """Documents that show the sources table, with the directive's line."""
        return cast("dict[str, int]", self.data.setdefault("tables", {}))

    def note_source(self, record: SourceRecord) -> None:
        """Register the source page being read."""
        self.sources[record.docname] = record

    def note_passage(self, record: PassageRecord) -> None:
        """Register a passage, warning if its ID is already taken."""
        existing = self.passages.get(record.id)
        if existing is not None and existing != record:
            warn(
                f"passage ID {record.id!r} is also used in {existing.docname}",
                CorpusWarning.DUPLICATE_ID,
                (record.docname, record.line),
            )
            return
        self.passages[record.id] = record

    def note_table(self, docname: str, line: int) -> None:
        """Remember that ``docname`` shows the sources table."""
        self.tables[docname] = line

    def clear_doc(self, docname: str) -> None:
        """Forget everything ``docname`` registered."""
        self.sources.pop(docname, None)
        self.tables.pop(docname, None)
        for passage_id in [key for key, value in self.passages.items() if value.docname == docname]:
            del self.passages[passage_id]

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Take in what a parallel reader registered for ``docnames``."""
        wanted = set(docnames)
        for docname, source in otherdata["sources"].items():
            if docname in wanted:
                self.sources[docname] = source
        for docname, line in otherdata["tables"].items():
            if docname in wanted:
                self.tables[docname] = line
        for record in otherdata["passages"].values():
            if record.docname in wanted:
                self.note_passage(record)

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Sources and passages for the object inventory."""
        for source in self.sources.values():
            yield source.slug, source.title, "source", source.docname, "", 1
        for passage in self.passages.values():
            yield passage.id, passage.id, passage.kind, passage.docname, passage.id, -1
