"""API speed on the seed graph: in-process latency and requests/s over 127.0.0.1.

    .venv/bin/python -m bench.api_latency                                  # both stores, seed graph
    .venv/bin/python -m bench.api_latency --stores embedded --graph sample
    NEO4J_URI=bolt://127.0.0.1:7690 .venv/bin/python -m bench.api_latency --stores neo4j

For each store: load the graph (the seed articles ingested by the pipeline, or
the test suite's sample graph), then
1. in-process: the ASGI app called through httpx's ASGI transport, no network;
   sequential requests per endpoint, p50/p99 in ms (floor: p99 < 20 ms for
   meetings and counterparts);
2. over 127.0.0.1: `diplograph serve` in its own process, loaded by `wrk`
   (`apt-get install -y wrk`) for `--duration` seconds per endpoint.
The Neo4j database at NEO4J_URI (default: the API engineer's instance on 7690)
is WIPED. Not a test: it prints a table.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
P99_FLOOR_MS = 20.0


@dataclass(slots=True)
class Row:
    store: str
    endpoint: str
    path: str
    p50_ms: float
    p99_ms: float
    rps: float | None = None
    wrk_p99_ms: float | None = None


def _settings(store: str, data_dir: Path, neo4j_uri: str):
    from diplograph.settings import Settings

    return Settings(_env_file=None, store=store, data_dir=data_dir, neo4j_uri=neo4j_uri if store == "neo4j" else None)


def load_graph(store_kind: str, data_dir: Path, neo4j_uri: str, graph: str) -> dict[str, str]:
    """Fill the store; return the paths to measure (the busiest actor, a place with meetings)."""
    from graph_schema.store import EventQuery
    from graph_schema.stores import open_store

    store = open_store(_settings(store_kind, data_dir, neo4j_uri))
    try:
        if store_kind == "neo4j":
            store.wipe()  # type: ignore[attr-defined]
        if graph == "seed":
            from diplograph.evaluation.kit import SEEDS
            from ingest.pipeline import ingest

            report = ingest([SEEDS.corpus], store, progress=False)
            if report.errors or report.failures:
                raise SystemExit(f"seed ingest failed: {report.errors or report.failures}")
        else:
            sys.path.insert(0, str(ROOT))
            from tests.fixtures.sample_graph import build_sample_graph

            store.replace_graph(build_sample_graph())
        network = store.meeting_network()
        if not network.number_of_nodes():
            raise SystemExit("the graph has no meetings to measure")
        actor = max(network.nodes, key=lambda n: (network.degree(n, weight="weight"), n))
        meetings = store.find_events(EventQuery(type="meeting", limit=1)).items
        chain = store.location_chain(meetings[0].location) if meetings and meetings[0].location else []
        city = next((loc.id for loc in chain if loc.kind == "city"), chain[0].id if chain else None)
        paths = {"meetings": "/v1/meetings", "counterparts": f"/v1/actors/{actor}/counterparts"}
        if city:
            paths["meetings in a city"] = f"/v1/meetings?place={city}"
        paths["actor search"] = "/v1/actors/search?q=" + actor.split(":", 1)[1].replace("-", "%20")
        return paths
    finally:
        store.close()


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def _in_process(app, paths: dict[str, str], requests: int, warmup: int) -> dict[str, tuple[float, float]]:
    transport = httpx.ASGITransport(app=app)
    out = {}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for name, path in paths.items():
            for _ in range(warmup):
                (await client.get(path)).raise_for_status()
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                response = await client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
            out[name] = (_percentile(times, 50), _percentile(times, 99))
    return out


def measure_in_process(store_kind: str, data_dir: Path, neo4j_uri: str, paths: dict[str, str], requests: int,
                       warmup: int) -> dict[str, tuple[float, float]]:
    from app.main import create_app
    from graph_schema.stores import open_store

    settings = _settings(store_kind, data_dir, neo4j_uri)
    store = open_store(settings)
    try:
        return asyncio.run(_in_process(create_app(settings, store), paths, requests, warmup))
    finally:
        store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store_kind: str, data_dir: Path, neo4j_uri: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "DIPLOGRAPH_LOG_LEVEL": "warning"}
    if store_kind == "neo4j":
        env["NEO4J_URI"] = neo4j_uri
    cmd = [str(Path(sys.executable).parent / "diplograph"), "serve", "--port", str(port), "--store", store_kind,
           "--data-dir", str(data_dir)]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return server, url
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    raise SystemExit("server did not get ready in 60 s")


def wrk(url: str, seconds: int, connections: int, threads: int) -> tuple[float, float | None]:
    """Requests/s and p99 latency (ms) from `wrk --latency`; non-2xx answers fail the run."""
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise SystemExit(f"wrk saw errors:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return rps, float(p99[1]) * scale[p99[2]] if p99 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stores", default="embedded,neo4j", help="comma-separated: embedded, neo4j")
    parser.add_argument("--graph", choices=["seed", "sample"], default="seed")
    parser.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7690"))
    parser.add_argument("--requests", type=int, default=1000, help="in-process requests per endpoint")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--duration", type=int, default=10, help="wrk seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (the server has the other core)")
    args = parser.parse_args()
    have_wrk = shutil.which("wrk") is not None
    rows: list[Row] = []
    for store_kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
        with tempfile.TemporaryDirectory(prefix="api-bench-") as tmp:
            data_dir = Path(tmp) / "data"
            paths = load_graph(store_kind, data_dir, args.neo4j_uri, args.graph)
            latency = measure_in_process(store_kind, data_dir, args.neo4j_uri, paths, args.requests, args.warmup)
            load: dict[str, tuple[float, float | None]] = {}
            if have_wrk:
                server, url = serve(store_kind, data_dir, args.neo4j_uri)
                try:
                    for name, path in paths.items():
                        load[name] = wrk(url + path, args.duration, args.connections, args.threads)
                finally:
                    os.killpg(server.pid, signal.SIGTERM)
                    server.wait(30)
            for name, path in paths.items():
                rps, wrk_p99 = load.get(name, (None, None))
                rows.append(Row(store_kind, name, path, *latency[name], rps, wrk_p99))
    print_table(rows, args, have_wrk)


def print_table(rows: list[Row], args: argparse.Namespace, have_wrk: bool) -> None:
    print(f"\nAPI speed, {args.graph} graph; in-process: {args.requests} sequential requests per endpoint "
          f"after {args.warmup} warm-up; wrk: {args.duration}s, {args.connections} connections, "
          f"{args.threads} thread(s), 127.0.0.1")
    header = f"{'store':9} {'endpoint':20} {'p50 ms':>8} {'p99 ms':>8} {'floor':>6} {'req/s':>9} {'wrk p99 ms':>11}"
    print(header)
    print("-" * len(header))
    for r in rows:
        floor = ("ok" if r.p99_ms < P99_FLOOR_MS else "MISS") if r.endpoint in ("meetings", "counterparts") else ""
        rps = f"{r.rps:9.0f}" if r.rps is not None else f"{'-':>9}"
        wrk_p99 = f"{r.wrk_p99_ms:11.1f}" if r.wrk_p99_ms is not None else f"{'-':>11}"
        print(f"{r.store:9} {r.endpoint:20} {r.p50_ms:8.2f} {r.p99_ms:8.2f} {floor:>6} {rps} {wrk_p99}")
    for r in rows:
        print(f"  {r.store:9} {r.endpoint:20} GET {r.path}")
    if not have_wrk:
        print("wrk not installed (apt-get install -y wrk): no requests/s figures")


if __name__ == "__main__":
    main()
