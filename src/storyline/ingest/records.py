"""The reader contract lives in ``storyline.records`` (below ingest and clean); re-exported here."""

from ..records import RawRecord, failed_record

__all__ = ["RawRecord", "failed_record"]
