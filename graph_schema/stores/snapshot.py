"""The embedded store's graph file: one JSON document, laid out so that opening it parses only a small part.

Parsing a whole 1M-event graph file into dicts took 26 s at every start and
held 5 GB (issue 16). This layout is still one JSON object, saved and replaced
whole (so any JSON reader, and the store's own fall-back, can read it all), but:

- it begins with a fixed-width `"layout":[start,end]`: where the last member,
  `"index"`, lies: the byte ranges of every record and section, and the
  `GraphIndex` built at save time;
- events (in the event order) and articles are read one record at a time from
  their byte range (`RecordShelf`), from the file mapped into memory, so a
  request decodes only the records it returns; actors, places and conflicts,
  which every page names, are parsed at open; the fingerprints only when a
  write compares against them.
"""
from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from graph_schema.stores.graph_index import GraphIndex, packed, unpacked

FORMAT = "diplograph-embedded/2"
SHELVED = ("articles", "events")  # decoded per read
PARSED = ("actors", "locations", "conflicts")  # parsed at open
_HEAD = re.compile(rb'\{"format":"diplograph-embedded/2","layout":\[ *(\d+), *(\d+)\],')  # space-padded: valid JSON
_HEAD_SIZE = len(b'{"format":"diplograph-embedded/2","layout":[') + 20 + 1 + 20 + 2

Records = Mapping[str, Mapping[str, dict[str, Any]]]


class RecordShelf(Mapping[str, dict[str, Any]]):
    """A section's records kept as their JSON bytes in the file, decoded on every read (each read gets its own
    dicts, as from a parse), in the order they were saved."""

    __slots__ = ("_buffer", "_ends", "_ids", "_position", "_starts")

    def __init__(self, buffer: Any, ids: list[str], position: Mapping[str, int], starts: Any, ends: Any) -> None:
        self._buffer, self._ids, self._position, self._starts, self._ends = buffer, ids, position, starts, ends

    def __getitem__(self, key: str) -> dict[str, Any]:
        at = self._position[key]
        return orjson.loads(self._buffer[self._starts[at]:self._ends[at]])

    def __contains__(self, key: object) -> bool:
        return key in self._position

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(slots=True)
class Snapshot:
    """A graph file opened: its records by section, its saved fingerprints (parsed when called) and its index."""

    records: dict[str, Mapping[str, dict[str, Any]]]
    prints: Callable[[], dict[str, dict[str, list[str]]]]
    index: GraphIndex


def snapshot_chunks(records: Records, prints: dict[str, dict[str, list[str]]], index: GraphIndex) -> list[bytes]:
    """The graph file's bytes, in pieces to write one after the other: `records` (events in `index`'s order),
    the saved fingerprints and the index."""
    chunks: list[bytes] = [b""]  # the head, once the index's place is known
    size = _HEAD_SIZE
    ranges: dict[str, list[int]] = {}
    shelves: dict[str, dict[str, Any]] = {}

    def put(data: bytes) -> None:
        nonlocal size
        chunks.append(data)
        size += len(data)

    for section in (*PARSED, *SHELVED):
        put(orjson.dumps(section) + b":")
        if section in PARSED:
            data = orjson.dumps(records[section])
            ranges[section] = [size, size + len(data)]
            put(data + b",")
            continue
        by_id = records[section]
        ids = index.event_ids if section == "events" else list(by_id)
        starts, ends = array("q"), array("q")
        put(b"{")
        for n, key in enumerate(ids):
            head = (b"," if n else b"") + orjson.dumps(key) + b":"
            data = orjson.dumps(by_id[key])
            starts.append(size + len(head))
            ends.append(size + len(head) + len(data))
            put(head + data)
        put(b"},")
        shelves[section] = {"starts": packed(starts), "ends": packed(ends)} | ({} if section == "events" else {"ids": ids})
    data = orjson.dumps(prints)
    put(b'"prints":')
    ranges["prints"] = [size, size + len(data)]
    put(data + b',"index":')
    layout = orjson.dumps({"sections": ranges, "shelves": shelves, "graph": index.to_json()})
    chunks[0] = b'{"format":"%s","layout":[%20d,%20d],' % (FORMAT.encode(), size, size + len(layout))
    assert len(chunks[0]) == _HEAD_SIZE
    chunks.append(layout + b"}")
    return chunks


def open_snapshot(buffer: Any) -> Snapshot | None:
    """The graph file in `buffer` (bytes or a memory map) opened lazily, or None when it is not in this layout
    (an older file, an export dropped in) or its index was saved on a machine of the other byte order: the
    caller then parses it whole."""
    head = _HEAD.match(buffer[:_HEAD_SIZE])
    if head is None:
        return None
    layout = orjson.loads(buffer[int(head[1]):int(head[2])])
    index = GraphIndex.from_json(layout["graph"])
    if index is None:
        return None
    records: dict[str, Mapping[str, dict[str, Any]]] = {
        section: orjson.loads(buffer[start:end]) for section, (start, end) in layout["sections"].items()
        if section in PARSED}
    for section in SHELVED:
        shelf = layout["shelves"][section]
        ids = index.event_ids if section == "events" else shelf["ids"]
        position = index.rank if section == "events" else {key: n for n, key in enumerate(ids)}
        records[section] = RecordShelf(buffer, ids, position, unpacked(shelf["starts"]), unpacked(shelf["ends"]))
    start, end = layout["sections"]["prints"]
    return Snapshot(records, lambda: orjson.loads(buffer[start:end]), index)
