"""A small closed-loop HTTP/1.1 load generator for the API on 127.0.0.1.

Plain asyncio streams with keep-alive connections, so the generator costs far
less CPU than the server it measures (httpx would cost as much as the server
on a 2-core machine). Bounded in requests and in time; it only ever connects
to the loopback address it is given.
"""
from __future__ import annotations

import asyncio
import ipaddress
import time
from dataclasses import dataclass

from bench.measure import Latency, summarise


@dataclass(slots=True)
class LoadResult:
    requests: int
    errors: int  # non-2xx answers and broken connections
    seconds: float
    latency: Latency
    status: dict[int, int]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"requests": self.requests, "errors": self.errors, "seconds": round(self.seconds, 2),
                "rps": round(self.rps, 1), **self.latency.as_dict(), "status": self.status}


def _check_loopback(host: str) -> None:
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"the load generator only targets loopback addresses, not {host}")


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = None
    chunked = False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if length is not None:
        await reader.readexactly(length)
    elif chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _run(host: str, port: int, paths: list[str], concurrency: int, max_requests: int,
               max_seconds: float) -> LoadResult:
    latencies: list[float] = []
    status: dict[int, int] = {}
    errors = 0
    next_index = 0
    deadline = time.perf_counter() + max_seconds

    async def worker() -> None:
        nonlocal next_index, errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while next_index < max_requests and time.perf_counter() < deadline:
                path = paths[next_index % len(paths)]
                next_index += 1
                request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n\r\n"
                t0 = time.perf_counter()
                try:
                    writer.write(request.encode())
                    await writer.drain()
                    code = await _read_response(reader)
                except (ConnectionError, asyncio.IncompleteReadError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    continue
                latencies.append(time.perf_counter() - t0)
                status[code] = status.get(code, 0) + 1
                if not 200 <= code < 300:
                    errors += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    return LoadResult(len(latencies), errors, seconds, summarise(latencies), status)


def run_load(host: str, port: int, paths: list[str], concurrency: int = 8, max_requests: int = 5_000,
             max_seconds: float = 15.0) -> LoadResult:
    """Send GETs for `paths` (round robin) from `concurrency` connections until either bound is reached."""
    _check_loopback(host)
    return asyncio.run(_run(host, port, paths, concurrency, max_requests, max_seconds))


def sequential(host: str, port: int, paths: list[str]) -> LoadResult:
    """One connection, one request at a time: the latency the API adds, without queueing."""
    return run_load(host, port, paths, concurrency=1, max_requests=len(paths), max_seconds=600)
