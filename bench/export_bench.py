"""Time and peak memory of every export format, on one store at one scale.

    python -m bench.export_bench --events 1000000 --store embedded
    python -m bench.export_bench --events 100000 --store neo4j --neo4j-uri bolt://127.0.0.1:7692

The store is loaded with the benchmark graph (`bench.generate_graph`, cached under `bench/out/`) unless it
already holds a graph of that many events. Then each format is exported in a fresh process, as
`diplograph export` does it (csv and parquet as the zip the API sends), to a file under
`bench/out/exports/`. Reported per format: seconds, bytes, the process's resident memory once the store is
open (the embedded store holds the whole graph's records), its peak during the export and the
difference, which is what the export itself costs; for Neo4j also the server's peak. Prints a table;
`--out` keeps the rows as JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.measure import PeakMemory, machine, rss_mib
from bench.stores_bench import OUT, load_graph, neo4j_pid, open_bench_store
from graph_schema.store import EventQuery, GraphStore

# (name in the table, format, meetings as)
RUNS = (("json", "json", "nodes"), ("graphml (meetings as nodes)", "graphml", "nodes"),
        ("graphml (meetings as edges)", "graphml", "edges"), ("csv (zip of 5 tables)", "csv", "nodes"),
        ("parquet (zip of 5 tables)", "parquet", "nodes"), ("dyads", "dyads", "nodes"))


def ensure_loaded(kind: str, events: int, seed: int, neo4j_uri: str) -> dict[str, int]:
    """The store holding the benchmark graph of `events` events (loaded only when it does not); its counts."""
    store = open_bench_store(kind, events, neo4j_uri, wipe=False)
    try:
        counts = store.counts()
        if counts["events"] != events:
            store.close()
            store = open_bench_store(kind, events, neo4j_uri, wipe=True)
            graph, _ = load_graph(events, seed)
            t0 = time.perf_counter()
            store.replace_graph(graph)
            print(f"loaded {events} events into {kind} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            del graph
            counts = store.counts()
        return counts
    finally:
        store.close()


def export_once(kind: str, events: int, format_: str, meetings_as: str, neo4j_uri: str) -> dict[str, Any]:
    """One export in this process, measured."""
    from graph_schema.export import ExportFormat, MeetingsAs, export_stream
    from graph_schema.export.output import write_file

    store: GraphStore = open_bench_store(kind, events, neo4j_uri, wipe=False)
    store.counts()  # the embedded store reads its graph file here, before the clock starts
    server = neo4j_pid(neo4j_uri) if kind == "neo4j" else None
    before = rss_mib()
    out = OUT / "exports" / f"{kind}-{events}-{format_}-{meetings_as}.{ 'zip' if format_ in ('csv', 'parquet') else format_}"
    with PeakMemory([os.getpid(), *([server] if server else [])]) as peak:
        t0 = time.perf_counter()
        with store.snapshot() as view:
            size = write_file(export_stream(view, ExportFormat(format_), EventQuery(), MeetingsAs(meetings_as)), out)
        seconds = time.perf_counter() - t0
    store.close()
    return {"store": kind, "events": events, "format": format_, "meetings_as": meetings_as,
            "seconds": round(seconds, 1), "mib": round(size / 2**20, 1), "rss_open_mib": before,
            "rss_peak_mib": peak.mib(), "export_mib": round(peak.mib() - before, 1),
            "server_peak_mib": peak.mib(server) if server else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--store", choices=("embedded", "neo4j"), required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7691"))
    parser.add_argument("--formats", help="comma-separated formats (default: all)")
    parser.add_argument("--one", nargs=2, metavar=("FORMAT", "MEETINGS_AS"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="write the rows as JSON here")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(export_once(args.store, args.events, args.one[0], args.one[1], args.neo4j_uri)))
        return 0
    (OUT / "exports").mkdir(parents=True, exist_ok=True)
    counts = ensure_loaded(args.store, args.events, args.seed, args.neo4j_uri)
    wanted = set(args.formats.split(",")) if args.formats else None
    rows = []
    print(f"{args.store}, {args.events:,} events ({counts['actors']:,} actors, {counts['locations']:,} places, "
          f"{counts['articles']:,} articles)")
    print("| format | s | MiB out | RSS open MiB | RSS peak MiB | export MiB | Neo4j peak MiB |")
    print("| --- | --: | --: | --: | --: | --: | --: |")
    for label, format_, meetings_as in RUNS:
        if wanted and format_ not in wanted:
            continue
        result = subprocess.run([sys.executable, "-m", "bench.export_bench", "--events", str(args.events), "--store",
                                 args.store, "--neo4j-uri", args.neo4j_uri, "--one", format_, meetings_as],
                                capture_output=True, text=True, check=True)
        row = {"label": label, **json.loads(result.stdout.strip().splitlines()[-1])}
        rows.append(row)
        print(f"| {label} | {row['seconds']} | {row['mib']:,} | {row['rss_open_mib']:,} | {row['rss_peak_mib']:,} | "
              f"{row['export_mib']:,} | {row['server_peak_mib'] or '-'} |", flush=True)
    if args.out:
        args.out.write_text(json.dumps({"machine": machine(), "counts": counts, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
