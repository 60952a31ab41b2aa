"""A bounded, answer-checking HTTP load generator for 127.0.0.1.

Closed loop: `concurrency` keep-alive connections each send the next GET of a
round-robin list until `max_requests` are done or `max_seconds` have passed.
Unlike a throughput benchmark it keeps every answer (status and body), so the
caller can check each one against the answers it expects. Plain asyncio
streams, so the generator costs the 2-core machine far less than the server.
"""
from __future__ import annotations

import asyncio
import ipaddress
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Answer:
    path: str
    status: int
    body: bytes
    sent: float  # perf_counter when the request was sent
    seconds: float


@dataclass(slots=True)
class LoadRun:
    answers: list[Answer] = field(default_factory=list)
    broken: int = 0  # connections that failed mid-request
    seconds: float = 0.0

    @property
    def rps(self) -> float:
        return len(self.answers) / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(a.seconds for a in self.answers)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0

    def statuses(self) -> dict[int, int]:
        return dict(sorted(Counter(a.status for a in self.answers).items()))

    def summary(self) -> dict[str, Any]:
        return {"requests": len(self.answers), "seconds": round(self.seconds, 2), "rps": round(self.rps, 1),
                "p50_ms": round(1000 * self.percentile(0.50), 1), "p99_ms": round(1000 * self.percentile(0.99), 1),
                "max_ms": round(1000 * self.percentile(1.0), 1), "statuses": self.statuses(), "broken": self.broken}


async def _response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"]))
    body = b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            body += (await reader.readexactly(size + 2))[:-2]
        await reader.readuntil(b"\r\n")
    return status, body


async def _run(host: str, port: int, paths: list[str], concurrency: int, max_requests: int,
               max_seconds: float) -> LoadRun:
    run = LoadRun()
    issued = 0
    deadline = time.perf_counter() + max_seconds

    async def client() -> None:
        nonlocal issued
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while issued < max_requests and time.perf_counter() < deadline:
                path = paths[issued % len(paths)]
                issued += 1
                sent = time.perf_counter()
                try:
                    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n\r\n"
                                 .encode())
                    await writer.drain()
                    status, body = await _response(reader)
                except (ConnectionError, asyncio.IncompleteReadError):
                    run.broken += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    continue
                run.answers.append(Answer(path, status, body, sent, time.perf_counter() - sent))
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    run.seconds = time.perf_counter() - began
    return run


def run_load(base_url: str, paths: list[str], *, concurrency: int = 8, max_requests: int = 600,
             max_seconds: float = 20.0) -> LoadRun:
    """GET `paths` round robin from `concurrency` connections until either bound; only loopback addresses."""
    host, port = base_url.removeprefix("http://").rstrip("/").split(":")
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"the load generator only targets loopback addresses, not {host}")
    return asyncio.run(_run(host, int(port), paths, concurrency, max_requests, max_seconds))


def table(rows: dict[str, dict[str, Any]]) -> str:
    """The summaries as a small text table, one row per run."""
    columns = [c for c in ("requests", "during_ingest", "mixed", "seconds", "rps", "p50_ms", "p99_ms", "max_ms", "statuses",
                           "broken") if any(c in row for row in rows.values())]
    lines = ["| run | " + " | ".join(columns) + " |", "|" + " --- |" * (len(columns) + 1)]
    for name, row in rows.items():
        lines.append(f"| {name} | " + " | ".join(json.dumps(row.get(c)) if isinstance(row.get(c), dict)
                                                  else str(row.get(c, "")) for c in columns) + " |")
    return "\n".join(lines)
