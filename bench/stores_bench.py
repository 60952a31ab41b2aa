"""Load, reload, query and API measurements for one store at one scale.

    python -m bench.stores_bench --events 100000 --store neo4j --out bench/out/part.json

Runs in its own process (`bench.run` starts one per scale and store) so that
peak memory is that of one store at one scale. The graph comes from
`bench.generate_graph` as a `diplomatic-graph/1` document, cached under
`bench/out/` by size and seed.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import orjson

from app.schemas.common import DEFAULT_PAGE_SIZE  # what a route pages by when asked for no limit
from bench.generate_graph import count_facts, generate_graph, shape
from bench.http_load import run_load, sequential
from bench.measure import PeakMemory, rss_mib, summarise, time_calls
from bench.workload import Workload, build_workload
from graph_schema.document import from_document, to_document
from graph_schema.model import Graph
from graph_schema.store import EventQuery, GraphStore

logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # the store's query warnings: not ours to print
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
MEETINGS_PAGE = 50


def _a(actor: str) -> str:
    return quote(actor, safe="")


# name -> (raw store call, workload field, API path): the API route wraps exactly that store call.
QUERIES: dict[str, tuple[Callable[[GraphStore, Any], object], str, Callable[[Any], str]]] = {
    "meetings_by_actor": (
        lambda s, a: s.find_events(EventQuery(actor=a, type="meeting", limit=MEETINGS_PAGE)), "actors",
        lambda a: "/v1/meetings?" + urlencode({"actor": a, "limit": MEETINGS_PAGE})),
    "counterparts": (lambda s, a: s.counterpart_page(a, limit=DEFAULT_PAGE_SIZE), "actors",
                     lambda a: f"/v1/actors/{_a(a)}/counterparts"),
    "representation": (lambda s, st: s.representation_page(state=st, limit=DEFAULT_PAGE_SIZE), "states",
                       lambda st: "/v1/representations?" + urlencode({"state": st})),
    "event_detail": (lambda s, e: s.event_dossier(e), "events", lambda e: f"/v1/events/{_a(e)}"),
    "shortest_connection": (
        lambda s, p: s.connection(p[0], p[1], max_hops=6), "pairs",
        lambda p: "/v1/graph/connection?" + urlencode({"source": p[0], "target": p[1], "max_hops": 6})),
}


def document_path(events: int, seed: int) -> Path:
    return OUT / f"graph-{events}-s{seed}.json"


def load_graph(events: int, seed: int) -> tuple[Graph, dict[str, float]]:
    """The benchmark graph: read from its cached document, or generated and cached."""
    path = document_path(events, seed)
    timings: dict[str, float] = {}
    if not path.exists():
        t0 = time.perf_counter()
        graph = generate_graph(events, seed)
        timings["generate_s"] = round(time.perf_counter() - t0, 2)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(orjson.dumps(to_document(graph)))
        tmp.replace(path)
        del graph
    gc.disable()  # millions of new containers: the cyclic collector would rescan them again and again
    try:
        t0 = time.perf_counter()
        doc = orjson.loads(path.read_bytes())
        timings["parse_s"] = round(time.perf_counter() - t0, 2)
        t0 = time.perf_counter()
        graph = from_document(doc)
        timings["from_document_s"] = round(time.perf_counter() - t0, 2)
        del doc
    finally:
        gc.enable()
    gc.freeze()  # the graph lives until the end: keep it out of later collections
    timings["document_mib"] = round(path.stat().st_size / 2**20, 1)
    return graph, timings


def neo4j_pid(uri: str) -> int | None:
    """The process listening on the Bolt port (for its memory), if it is on this machine."""
    import psutil

    port = int(uri.rsplit(":", 1)[-1].split("/")[0])
    with contextlib.suppress(psutil.Error):
        for conn in psutil.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
                return conn.pid
    return None


def open_bench_store(kind: str, events: int, neo4j_uri: str, wipe: bool = True) -> GraphStore:
    """The store to measure, emptied unless `wipe` is false (then it must already hold the graph)."""
    if kind == "embedded":
        from graph_schema.stores.embedded import EmbeddedStore

        data_dir = OUT / f"embedded-{events}"
        if wipe:
            shutil.rmtree(data_dir, ignore_errors=True)
        return EmbeddedStore(data_dir)
    from graph_schema.stores.neo4j import Neo4jStore

    store = Neo4jStore(uri=neo4j_uri, user=os.environ.get("NEO4J_USER", "neo4j"),
                       password=os.environ.get("NEO4J_PASSWORD", ""),
                       database=os.environ.get("NEO4J_DATABASE", "neo4j"), query_timeout_s=600)
    if wipe:
        store.wipe()  # type: ignore[attr-defined]
        settle(neo4j_pid(neo4j_uri))  # the deletion's aftermath is not part of the next load
    return store


def settle(pid: int | None, idle_share: float = 0.1, max_s: float = 120.0) -> None:
    """Wait until process `pid` uses less than `idle_share` of a core over a second (at most `max_s`)."""
    import psutil

    if pid is None:
        return
    deadline = time.monotonic() + max_s
    with contextlib.suppress(psutil.Error):
        process = psutil.Process(pid)
        while time.monotonic() < deadline and process.cpu_percent(interval=1.0) > 100 * idle_share:
            pass


HEAVIEST_ROUNDS = 20  # warm calls per busiest actor


def measure_queries(store: GraphStore, workload: Workload,
                    names: list[str] | None = None) -> dict[str, dict[str, float]]:
    """Each query on its timed targets after a warm-up on others. For the actor queries, the busiest
    actors too: `:heaviest_cold` is the first call for each (after the warm-up, before any timed call),
    `:heaviest` their calls once warm (`HEAVIEST_ROUNDS` each)."""
    out = {}
    for name, (call, field, _) in QUERIES.items():
        if names is not None and name not in names:
            continue
        fn = lambda t, call=call: call(store, t)
        warm_up = workload.warm_up.get(field, [])
        heavy = field == "actors" and name in ("meetings_by_actor", "counterparts")
        if heavy:
            out[f"{name}:heaviest_cold"] = time_calls(fn, workload.busiest, warm_up).as_dict()
            warm_up = []
        out[name] = time_calls(fn, getattr(workload, field), warm_up).as_dict()
        if heavy:
            out[f"{name}:heaviest"] = time_calls(fn, workload.busiest * HEAVIEST_ROUNDS).as_dict()
    return out


def first_calls(store: GraphStore, workload: Workload) -> dict[str, float]:
    """Milliseconds of each query's first call on a store just opened: index builds included."""
    out = {}
    for name, (call, field, _) in QUERIES.items():
        targets = workload.warm_up.get(field) or getattr(workload, field)
        t0 = time.perf_counter()
        call(store, targets[0])
        out[name] = round(1000 * (time.perf_counter() - t0), 3)
    return out


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds used so far by each process."""
    import psutil

    out = {}
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            t = psutil.Process(pid).cpu_times()
            out[pid] = t.user + t.system
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def api_server(kind: str, events: int, neo4j_uri: str):
    """`uvicorn app.main:create_app` (one process, no access log) on a free loopback port."""
    port = _free_port()
    env = dict(os.environ, DIPLOGRAPH_STORE=kind, DIPLOGRAPH_LOG_LEVEL="WARNING",
               DIPLOGRAPH_DATA_DIR=str(OUT / f"embedded-{events}"), DIPLOGRAPH_QUERY_TIMEOUT_S="600",
               DIPLOGRAPH_MAX_PAGE_SIZE="200")
    if kind == "neo4j":
        env["NEO4J_URI"] = neo4j_uri
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", "--log-level", "warning", "--timeout-keep-alive", "120"],
        cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=120) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the API server did not start (exit code {proc.poll()})") from None
                time.sleep(0.3)
        yield port, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _paired(store: GraphStore, call: Callable[[GraphStore, Any], object], targets: list[Any], paths: list[str],
            port: int, server_pid: int) -> dict[str, Any]:
    """Raw call and API request for each target in turn, so both see the same moment's contention.

    Wall: the median of the per-target differences. CPU: the API server's CPU seconds per request
    minus this process's CPU seconds per raw call (for Neo4j both include only the driver's side).
    """
    import http.client

    import psutil

    server = psutil.Process(server_pid)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    raw_s, api_s, raw_cpu, statuses = [], [], 0.0, {}
    server_cpu0 = sum(server.cpu_times()[:2])
    for target, path in zip(targets, paths):
        c0, t0 = time.process_time(), time.perf_counter()
        call(store, target)
        t1, c1 = time.perf_counter(), time.process_time()
        try:
            conn.request("GET", path, headers={"Accept": "application/json"})
            response = conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):  # an idle keep-alive connection closed
            conn.close()
            t1 = time.perf_counter()
            conn.request("GET", path, headers={"Accept": "application/json"})
            response = conn.getresponse()
        response.read()
        t2 = time.perf_counter()
        raw_s.append(t1 - t0)
        api_s.append(t2 - t1)
        raw_cpu += c1 - c0
        statuses[response.status] = statuses.get(response.status, 0) + 1
    server_cpu = sum(server.cpu_times()[:2]) - server_cpu0
    conn.close()
    n = len(targets)
    diffs = summarise([a - r for a, r in zip(api_s, raw_s)])
    api, raw = summarise(api_s), summarise(raw_s)
    return {"n": n, "status": statuses, "api_p50_ms": api.p50, "api_p99_ms": api.p99, "raw_p50_ms": raw.p50,
            "overhead_p50_ms": diffs.p50, "ratio_p50": round(api.p50 / raw.p50, 2) if raw.p50 else None,
            "api_cpu_ms": round(1000 * server_cpu / n, 3), "raw_cpu_ms": round(1000 * raw_cpu / n, 3),
            "overhead_cpu_ms": round(1000 * (server_cpu - raw_cpu) / n, 3)}


def measure_api(store: GraphStore, kind: str, events: int, neo4j_uri: str, workload: Workload,
                load_seconds: float, concurrency: int) -> dict[str, Any]:
    with api_server(kind, events, neo4j_uri) as (port, pid):
        # the first request of each kind builds the server's indexes: not part of the steady state
        for _, field, path in QUERIES.values():
            sequential("127.0.0.1", port, [path(getattr(workload, field)[0])])
        per_query: dict[str, Any] = {}
        for name, (call, field, path) in QUERIES.items():
            targets = getattr(workload, field)
            per_query[name] = _paired(store, call, targets, [path(t) for t in targets], port, pid)
        mix = []
        for i in range(max(len(getattr(workload, f)) for _, f, _ in QUERIES.values())):
            for _, field, path in QUERIES.values():
                targets = getattr(workload, field)
                mix.append(path(targets[i % len(targets)]))
        with PeakMemory([pid]) as mem:
            loaded = run_load("127.0.0.1", port, mix, concurrency=concurrency, max_requests=50_000,
                              max_seconds=load_seconds)
        return {"sequential": per_query, "load": loaded.as_dict() | {"concurrency": concurrency},
                "server_peak_rss_mib": mem.mib(pid)}


PARTS = ("load", "queries", "api")


def bench_store(kind: str, events: int, seed: int, samples: int, neo4j_uri: str, api: bool,
                load_seconds: float, concurrency: int, parts: tuple[str, ...] = PARTS,
                queries: list[str] | None = None) -> dict[str, Any]:
    """Measure `parts` of one store at one scale. Without "load" the store must already hold the graph
    (left there by an earlier run), so queries at 1M events can be measured again without reloading."""
    result: dict[str, Any] = {"events": events, "store": kind, "seed": seed, "parts": list(parts),
                              "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}
    graph, timings = load_graph(events, seed)
    result["input"] = timings | asdict(shape(graph))
    facts = count_facts(graph)
    workload = build_workload(graph, samples, seed)
    result["workload"] = workload.as_dict()

    store = open_bench_store(kind, events, neo4j_uri, wipe="load" in parts)
    if "load" in parts:
        result["load"] = measure_load(store, kind, graph, facts, events, neo4j_uri)
    elif store.counts()["events"] != len(graph.events):
        raise SystemExit(f"the {kind} store does not hold the {events}-event graph: run with --parts load first")
    result["counts"] = store.counts()

    if kind == "embedded" and "load" in parts:
        store.close()
        from graph_schema.stores.embedded import EmbeddedStore

        c0, t0 = time.process_time(), time.perf_counter()
        store = EmbeddedStore(OUT / f"embedded-{events}")
        reload_s, reload_cpu = time.perf_counter() - t0, time.process_time() - c0
        c0, t0 = time.process_time(), time.perf_counter()
        QUERIES["meetings_by_actor"][0](store, workload.heaviest)
        first_s, first_cpu = time.perf_counter() - t0, time.process_time() - c0
        result["reload"] = {"open_s": round(reload_s, 3), "first_query_s": round(first_s, 3),
                            "open_and_first_query_s": round(reload_s + first_s, 3),
                            "open_cpu_s": round(reload_cpu, 3), "first_query_cpu_s": round(first_cpu, 3),
                            "page_cache": "warm",  # the file was just written; not dropped (needs root)
                            "first_call_ms": first_calls(store, workload)}

    if "queries" in parts:
        result["queries"] = measure_queries(store, workload, queries)
    result["bench_rss_after_queries_mib"] = rss_mib()
    del graph
    if api and "api" in parts:
        result["api"] = measure_api(store, kind, events, neo4j_uri, workload, load_seconds, concurrency)
    store.close()
    result["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def measure_load(store: GraphStore, kind: str, graph: Graph, facts: int, events: int,
                 neo4j_uri: str) -> dict[str, Any]:
    """`replace_graph` into the empty store (time, CPU of both sides, memory), then the same graph again."""
    server_pid = neo4j_pid(neo4j_uri) if kind == "neo4j" else None
    pids = [os.getpid()] + ([server_pid] if server_pid else [])
    rss_before = rss_mib()
    cpu0 = _cpu_seconds(pids)
    with PeakMemory(pids) as mem:
        t0 = time.perf_counter()
        stats = store.replace_graph(graph)
        load_s = time.perf_counter() - t0
    cpu = {pid: round(after - cpu0.get(pid, 0.0), 2) for pid, after in _cpu_seconds(pids).items()}
    load = {"seconds": round(load_s, 3), "facts": facts, "facts_per_s": round(facts / load_s),
            "bench_cpu_s": cpu.get(os.getpid()), "neo4j_cpu_s": cpu.get(server_pid) if server_pid else None,
            "events_per_s": round(events / load_s), "written": asdict(stats),
            "bench_rss_before_mib": rss_before, "bench_peak_rss_mib": mem.mib(os.getpid())}
    if server_pid:
        load["neo4j_peak_rss_mib"] = mem.mib(server_pid)
    t0 = time.perf_counter()
    again = store.replace_graph(graph)  # the same graph again: nothing to write
    load["unchanged_replace_s"] = round(time.perf_counter() - t0, 3)
    load["unchanged_written"] = asdict(again)
    return load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure one store at one scale (see bench/run.py).")
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--store", choices=("embedded", "neo4j"), required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samples", type=int, default=1000, help="timed query targets per query")
    parser.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7691"))
    parser.add_argument("--no-api", action="store_true")
    parser.add_argument("--load-seconds", type=float, default=15.0, help="duration of the API load test")
    parser.add_argument("--concurrency", type=int, default=8, help="connections of the API load test")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help="comma-separated parts to measure (load, queries, api); without load the store "
                             "must already hold the graph")
    parser.add_argument("--queries", help="comma-separated query names to time (default: all)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    parts = tuple(p for p in args.parts.split(",") if p)
    if unknown := set(parts) - set(PARTS):
        parser.error(f"unknown parts: {sorted(unknown)}")
    names = args.queries.split(",") if args.queries else None
    if names and (unknown := set(names) - set(QUERIES)):
        parser.error(f"unknown queries: {sorted(unknown)}")
    result = bench_store(args.store, args.events, args.seed, args.samples, args.neo4j_uri, not args.no_api,
                         args.load_seconds, args.concurrency, parts, names)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps({k: result[k] for k in ("events", "store", "load", "queries") if k in result}, indent=1),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
