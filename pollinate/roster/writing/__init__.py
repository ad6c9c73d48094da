"""Writing a checked roster into one district: compare first, then write only what changed.

Existing rows of the district are loaded once into dicts keyed by sourcedId (``values_list``); incoming tuples
are compared with them; new rows go in as plain parameter tuples (``insert_rows``), changed ones with
``bulk_update`` in batches, and records missing from a bulk file are deactivated with ``update()`` (never
deleted). A dry run does the same comparison and counts, and writes nothing (new records get placeholder ids
so references still resolve).
"""

from pollinate.roster.writing.sql import BATCH, chunks, insert_rows
from pollinate.roster.writing.writer import ENTITIES, Writer, empty_counts

__all__ = ["BATCH", "ENTITIES", "Writer", "chunks", "empty_counts", "insert_rows"]
