"""The benchmark command: every measurement, one table, one JSON, one plot.

    .venv/bin/python -m bench.run                       # 10k, 100k, 1M events; embedded and Neo4j; ingest speed
    .venv/bin/python -m bench.run --scales 10000 --stores embedded --ingest-articles 0   # a quick look
    .venv/bin/python -m bench.run --report docs/benchmarks.json   # print and plot saved results again

Each store at each scale is measured in its own process (`bench.stores_bench`)
so memory figures are per store and scale; the extraction run is
`bench.ingest_speed`. Neo4j is the one at `--neo4j-uri` (default: this
benchmark's own instance, `NEO4J_LOCAL_NAME=bench scripts/neo4j-local start`
on Bolt port 7691), which the run wipes. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.measure import machine
from bench.plot import QUERY_NAMES, plot
from bench.report import busiest_cell, latency_cell, overhead_cell

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PARTS = OUT / "parts"

FLOORS = {
    "neo4j_load_facts_per_s": 20_000,
    "neo4j_meetings_p99_ms_at_1m": 50.0,
    "embedded_reload_s_at_100k": 5.0,
    "api_overhead_p50_ms": 2.0,
    "ingest_vs_spacy": 0.70,
    "two_vs_one_worker": 1.6,
}


def _scale_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000}k" if n % 1000 == 0 else str(n))


def _mib(value: float | None) -> str:
    return f"{value:,.0f}" if value else "-"


def run_part(events: int, store: str, args: argparse.Namespace) -> dict[str, Any] | None:
    out = PARTS / f"{events}-{store}-s{args.seed}.json"
    if args.reuse and out.exists():
        print(f"reusing {out}", file=sys.stderr)
        return json.loads(out.read_text())
    cmd = [sys.executable, "-m", "bench.stores_bench", "--events", str(events), "--store", store,
           "--seed", str(args.seed), "--samples", str(args.samples), "--neo4j-uri", args.neo4j_uri,
           "--load-seconds", str(args.load_seconds), "--concurrency", str(args.concurrency), "--out", str(out)]
    if args.no_api:
        cmd.append("--no-api")
    print(f"\n== {_scale_label(events)} events, {store}: {shlex.join(cmd[1:])}", file=sys.stderr)
    done = subprocess.run(cmd, cwd=ROOT, check=False)
    if done.returncode != 0:
        print(f"!! {store} at {events} events failed (exit {done.returncode})", file=sys.stderr)
        return {"events": events, "store": store, "failed": f"exit code {done.returncode}"}
    return json.loads(out.read_text())


def run_ingest(args: argparse.Namespace) -> dict[str, Any] | None:
    out = OUT / f"ingest_speed-{args.ingest_articles}-s{args.seed}.json"
    if args.reuse and out.exists():
        return json.loads(out.read_text())
    cmd = [sys.executable, "-m", "bench.ingest_speed", "--articles", str(args.ingest_articles), "--seed",
           str(args.seed), "--out", str(out)]
    print(f"\n== extraction: {shlex.join(cmd[1:])}", file=sys.stderr)
    done = subprocess.run(cmd, cwd=ROOT, check=False)
    if done.returncode != 0:
        return {"failed": f"exit code {done.returncode}"}
    return json.loads(out.read_text())


def evaluate_floors(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each floor with the measured value and whether it is met (None: not measured in this run)."""
    parts = [p for p in results.get("scales", []) if "failed" not in p]
    floors = []

    def add(name: str, value: float | None, floor: float, higher_is_better: bool, where: str) -> None:
        met = None if value is None else (value >= floor if higher_is_better else value <= floor)
        floors.append({"floor": name, "value": value, "limit": floor, "met": met, "where": where})

    neo_loads = [(p["events"], p["load"]["facts_per_s"]) for p in parts if p["store"] == "neo4j"]
    worst = min(neo_loads, key=lambda x: x[1]) if neo_loads else None
    add("batched load into Neo4j, facts/s (lowest scale)", worst[1] if worst else None,
        FLOORS["neo4j_load_facts_per_s"], True, f"{_scale_label(worst[0])} events" if worst else "")
    at_1m = next((p for p in parts if p["store"] == "neo4j" and p["events"] >= 1_000_000), None)
    add("meetings by actor p99 at 1M events, Neo4j (ms)",
        at_1m["queries"]["meetings_by_actor"]["p99_ms"] if at_1m else None,
        FLOORS["neo4j_meetings_p99_ms_at_1m"], False, "1M events" if at_1m else "")
    at_100k = next((p for p in parts if p["store"] == "embedded" and p["events"] == 100_000), None)
    add("reloading the embedded store of 100k events (s)",
        at_100k["reload"]["open_s"] if at_100k else None, FLOORS["embedded_reload_s_at_100k"], False,
        f"open; with first query {at_100k['reload']['open_and_first_query_s']} s" if at_100k else "")
    overheads = [(p["store"], p["events"], q, v["overhead_p50_ms"])
                 for p in parts if "api" in p for q, v in p["api"]["sequential"].items()]
    if overheads:
        store, events, q, worst_overhead = max(overheads, key=lambda x: x[3])
        add("API adds at the median over the raw query (ms, worst query)", worst_overhead,
            FLOORS["api_overhead_p50_ms"], False, f"{q}, {store}, {_scale_label(events)} events")
    else:
        add("API adds at the median over the raw query (ms, worst query)", None, FLOORS["api_overhead_p50_ms"],
            False, "")
    ingest = results.get("ingest") or {}
    ratios = ingest.get("ratios", {})
    add("whole ingest / bare spaCy, articles/s", ratios.get("ingest_vs_spacy"), FLOORS["ingest_vs_spacy"], True,
        "1 process")
    add("2 ingest workers / 1 worker, articles/s", ratios.get("two_vs_one_worker"), FLOORS["two_vs_one_worker"],
        True, f"same graph: {ingest.get('same_graph_1w_2w')}")
    return floors


def print_report(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=160)
    parts = [p for p in results.get("scales", []) if "failed" not in p]
    parts.sort(key=lambda p: (p["events"], p["store"]))

    t = Table(title="Load and memory")
    for c in ("events", "store", "facts", "load s", "facts/s", "unchanged reload-write s", "reopen s",
              "reopen+1st query s", "bench peak MiB", "Neo4j peak MiB", "API server peak MiB"):
        t.add_column(c, justify="right")
    for p in parts:
        load, reload = p["load"], p.get("reload", {})
        t.add_row(_scale_label(p["events"]), p["store"], f"{load['facts']:,}", f"{load['seconds']:.1f}",
                  f"{load['facts_per_s']:,}", f"{load.get('unchanged_replace_s', float('nan')):.1f}",
                  f"{reload['open_s']:.2f}" if reload else "-",
                  f"{reload['open_and_first_query_s']:.2f}" if reload else "-",
                  f"{load['bench_peak_rss_mib']:,.0f}", _mib(load.get("neo4j_peak_rss_mib")), _mib(p.get("api", {}).get("server_peak_rss_mib")))
    console.print(t)

    t = Table(title="Query latency, raw store call: p50 / p99 / p99.9 / max ms "
                    "(targets: 10% top-10 actors, 30% top 1%, 60% any)")
    t.add_column("events")
    t.add_column("store")
    for q in QUERY_NAMES:
        t.add_column(q, justify="right")
    t.add_column("meetings, 5 busiest: cold max | warm p50 / max", justify="right")
    for p in parts:
        qs = p["queries"]
        t.add_row(_scale_label(p["events"]), p["store"], *[latency_cell(qs[q]) for q in QUERY_NAMES],
                  busiest_cell(qs))
    console.print(t)

    t = Table(title="API (uvicorn, 1 process) on 127.0.0.1: median ms added over the raw call (CPU ms added), "
                    "and under load")
    t.add_column("events")
    t.add_column("store")
    for q in QUERY_NAMES:
        t.add_column(f"{q} +ms", justify="right")
    for c in ("conc.", "req/s", "p50 ms", "p99 ms", "errors"):
        t.add_column(c, justify="right")
    for p in parts:
        if "api" not in p:
            continue
        seq, load = p["api"]["sequential"], p["api"]["load"]
        t.add_row(_scale_label(p["events"]), p["store"], *[overhead_cell(seq[q]) for q in QUERY_NAMES],
                  str(load["concurrency"]), f"{load['rps']:.0f}", f"{load['p50_ms']:.1f}", f"{load['p99_ms']:.1f}",
                  str(load["errors"]))
    console.print(t)

    ratios = results.get("embedded_vs_neo4j", [])
    if ratios:
        t = Table(title="Neo4j p50 / embedded p50 (same run, same targets; >1 means the embedded store is faster)")
        t.add_column("events")
        for q in QUERY_NAMES:
            t.add_column(q, justify="right")
        for r in ratios:
            t.add_row(_scale_label(r["events"]), *[f"{r[q]:.2f}" if r.get(q) else "-" for q in QUERY_NAMES])
        console.print(t)

    ingest = results.get("ingest")
    if ingest and "ratios" in ingest:
        from bench.ingest_speed import print_table

        print_table(ingest)

    t = Table(title="Floors")
    for c in ("floor", "measured", "limit", "met", "where"):
        t.add_column(c)
    for f in results.get("floors", []):
        met = "-" if f["met"] is None else ("yes" if f["met"] else "NO")
        value = "not measured" if f["value"] is None else f"{f['value']:,}"
        t.add_row(f["floor"], value, f"{f['limit']:,}", met, f["where"])
    console.print(t)
    failed = [p for p in results.get("scales", []) if "failed" in p]
    for p in failed:
        console.print(f"[red]{p['store']} at {p['events']} events failed: {p['failed']}[/red]")


def embedded_vs_neo4j(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by = {(p["events"], p["store"]): p for p in parts if "failed" not in p}
    out = []
    for events in sorted({e for e, _ in by}):
        emb, neo = by.get((events, "embedded")), by.get((events, "neo4j"))
        if emb and neo:
            row: dict[str, Any] = {"events": events}
            for q in QUERY_NAMES:
                e, n = emb["queries"][q]["p50_ms"], neo["queries"][q]["p50_ms"]
                row[q] = round(n / e, 2) if e else None
            out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--scales", default="10000,100000,1000000", help="comma-separated event counts")
    parser.add_argument("--stores", default="embedded,neo4j", help="comma-separated: embedded, neo4j")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samples", type=int, default=1000, help="timed query targets per query and scale")
    parser.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7691"))
    parser.add_argument("--no-api", action="store_true", help="skip the API measurements")
    parser.add_argument("--load-seconds", type=float, default=15.0, help="API load test duration per store and scale")
    parser.add_argument("--concurrency", type=int, default=8, help="API load test connections")
    parser.add_argument("--ingest-articles", type=int, default=300, help="articles for the extraction run (0: skip)")
    parser.add_argument("--reuse", action="store_true", help="reuse parts already measured (bench/out/parts)")
    parser.add_argument("--out", type=Path, default=OUT / "benchmarks.json")
    parser.add_argument("--plot", type=Path, default=None, help="PNG path (default: next to --out)")
    parser.add_argument("--report", type=Path, default=None, help="only print and plot these saved results")
    args = parser.parse_args(argv)

    if args.report:
        results = json.loads(args.report.read_text())
        print_report(results)
        print(f"wrote {plot(results, args.plot or args.report.with_suffix('.png'))}")
        return 0

    results: dict[str, Any] = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": shlex.join(["python", "-m", "bench.run", *(argv if argv is not None else sys.argv[1:])]),
        "machine": machine(),
        "scales": [],
    }
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    for events in (int(s) for s in args.scales.split(",") if s.strip()):
        for store in stores:
            part = run_part(events, store, args)
            if part:
                results["scales"].append(part)
    if args.ingest_articles > 0:
        results["ingest"] = run_ingest(args)
    results["embedded_vs_neo4j"] = embedded_vs_neo4j(results["scales"])
    results["floors"] = evaluate_floors(results)
    results["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print_report(results)
    png = plot(results, args.plot or args.out.with_suffix(".png"))
    print(f"wrote {args.out} and {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
