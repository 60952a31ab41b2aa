"""Several files as one zip archive, streamed: the zip goes out as it is written, never whole in memory.

`zipfile` writes to any object with `write` and `tell`; on one that cannot seek it puts each member's
sizes after its data (a data descriptor), which every unzip reads.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

CHUNK = 1 << 20


class _Pipe:
    """A write-only, unseekable file that keeps what was written until `drain` takes it."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self._written = 0

    def write(self, data: bytes) -> int:
        self._chunks.append(bytes(data))
        self._written += len(data)
        return len(data)

    def tell(self) -> int:
        return self._written

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def zip_stream(files: list[tuple[str, Path]], compress: bool) -> Iterator[bytes]:
    """The zip of `files` (name in the archive, file on disk), a chunk at a time."""
    pipe = _Pipe()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(pipe, "w", compression=method) as archive:  # type: ignore[arg-type]
        for name, path in files:
            with archive.open(name, "w", force_zip64=True) as member, open(path, "rb") as source:
                while chunk := source.read(CHUNK):
                    member.write(chunk)
                    if data := pipe.drain():
                        yield data
            if data := pipe.drain():
                yield data
    if data := pipe.drain():
        yield data
