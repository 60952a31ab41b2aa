"""Benchmark results as Markdown tables, written into `docs/benchmarks.md` between markers.

    python -m bench.report docs/benchmarks.json docs/benchmarks.md
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from bench.plot import QUERY_NAMES

START, END = "<!-- results:start -->", "<!-- results:end -->"


def _scale(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _num(v: float | None, fmt: str = "{:,.0f}") -> str:
    return "-" if v is None else fmt.format(v)


def overhead_cell(v: dict[str, Any]) -> str:
    cpu = v.get("overhead_cpu_ms")
    return f"{v['overhead_p50_ms']:+.2f}" + (f" ({cpu:+.2f} CPU)" if cpu is not None else "")


def latency_cell(v: dict[str, Any]) -> str:
    """p50 / p99 / p99.9 / max ms (p99.9 is missing from runs before issue 16)."""
    tail = v.get("p999_ms")
    return (f"{v['p50_ms']:.2f} / {v['p99_ms']:.2f} / " + (f"{tail:.2f}" if tail is not None else "-")
            + f" / {v['max_ms']:.2f}")


def busiest_cell(qs: dict[str, Any]) -> str:
    """The busiest actors' meetings: cold max, warm p50 / max ms (cold is missing from runs before issue 16)."""
    warm, cold = qs["meetings_by_actor:heaviest"], qs.get("meetings_by_actor:heaviest_cold")
    return (f"{cold['max_ms']:.1f} | " if cold else "- | ") + f"{warm['p50_ms']:.1f} / {warm['max_ms']:.1f}"


GROWN = [*QUERY_NAMES, "meetings_by_actor:heaviest", "counterparts:heaviest"]


def growth(parts: list[dict[str, Any]]) -> list[list[str]]:
    """Per store and larger scale: each query's p50 over its p50 at the store's smallest scale in `parts`
    (issue 16: an indexed query's p50 should stay within 2x from 10k to 1M events)."""
    rows = []
    for store in sorted({p["store"] for p in parts}):
        mine = sorted((p for p in parts if p["store"] == store), key=lambda p: p["events"])
        base = mine[0]["queries"]
        for p in mine[1:]:
            cells = []
            for q in GROWN:
                now, then = p["queries"].get(q, {}).get("p50_ms"), base.get(q, {}).get("p50_ms")
                cells.append(f"{now / then:.2f}" if now is not None and then else "-")
            rows.append([f"{_scale(mine[0]['events'])} -> {_scale(p['events'])}", store, *cells])
    return rows


def markdown(results: dict[str, Any]) -> str:
    parts = sorted((p for p in results.get("scales", []) if "failed" not in p), key=lambda p: (p["events"], p["store"]))
    out = []
    m = results.get("machine", {})
    out.append(f"Assembled {results.get('finished', '?')} (parts reused from earlier in the same session keep their "
               f"own load average, in the tables) on {m.get('cpus')} cores "
               f"({m.get('cpu', '?')}), {m.get('memory_gib')} GiB, Python {m.get('python')}; load average at start "
               f"{m.get('load_avg_at_start')}, at end {results.get('load_avg_at_end')}.\n\n"
               f"Command: `{results.get('command', '')}`\n")

    if parts:
        out.append("### Load, reload and memory\n")
        out.append(_table(
            ["events", "store", "facts", "load s", "facts/s", "load CPU s (bench / Neo4j)", "unchanged re-write s",
             "reopen s", "reopen + 1st query s", "peak RSS MiB (bench / Neo4j / API)", "load avg"],
            [[_scale(p["events"]), p["store"], f"{p['load']['facts']:,}", f"{p['load']['seconds']:.1f}",
              f"{p['load']['facts_per_s']:,}",
              f"{_num(p['load'].get('bench_cpu_s'), '{:.1f}')} / {_num(p['load'].get('neo4j_cpu_s'), '{:.1f}')}",
              f"{p['load'].get('unchanged_replace_s', 0):.1f}",
              _num(p.get("reload", {}).get("open_s"), "{:.2f}"),
              _num(p.get("reload", {}).get("open_and_first_query_s"), "{:.2f}"),
              (f"{_num(p['load'].get('bench_peak_rss_mib'))} / {_num(p['load'].get('neo4j_peak_rss_mib'))} / "
               f"{_num(p.get('api', {}).get('server_peak_rss_mib'))}"),
              str(p.get("load_avg_at_start", ["?"])[0])]
             for p in parts]))

        out.append("\n### Query latency, raw store call (p50 / p99 / p99.9 / max ms)\n")
        out.append(_table(
            ["events", "store", *QUERY_NAMES, "meetings of the 5 busiest actors: cold max | warm p50 / max"],
            [[_scale(p["events"]), p["store"], *[latency_cell(p["queries"][q]) for q in QUERY_NAMES],
              busiest_cell(p["queries"])] for p in parts]))

        if len({p["events"] for p in parts}) > 1:
            out.append("\n### Growth: p50 at a larger scale / p50 at the smallest, per store (issue 16: within 2x)\n")
            out.append(_table(["scales", "store", *GROWN], growth(parts)))

        api_parts = [p for p in parts if "api" in p]
        if api_parts:
            out.append("\n### API: what it adds over the raw call, and throughput under load\n")
            out.append("Per query: median of (API request - raw call) over the same targets, taken in turn; in "
                       "brackets the API server's CPU ms per request minus the raw call's CPU ms.\n")
            out.append(_table(
                ["events", "store", *[f"{q} +ms" for q in QUERY_NAMES], "connections", "requests/s", "p50 ms",
                 "p99 ms", "errors"],
                [[_scale(p["events"]), p["store"],
                  *[overhead_cell(p['api']['sequential'][q]) for q in QUERY_NAMES],
                  str(p["api"]["load"]["concurrency"]), f"{p['api']['load']['rps']:.0f}",
                  f"{p['api']['load']['p50_ms']:.1f}", f"{p['api']['load']['p99_ms']:.1f}",
                  str(p["api"]["load"]["errors"])] for p in api_parts]))

    ratios = results.get("embedded_vs_neo4j", [])
    if ratios:
        out.append("\n### Neo4j p50 / embedded p50, same run, same targets (> 1: embedded faster)\n")
        out.append(_table(["events", *QUERY_NAMES],
                          [[_scale(r["events"]), *[_num(r.get(q), "{:.2f}") for q in QUERY_NAMES]] for r in ratios]))

    ingest = results.get("ingest")
    if ingest and "ratios" in ingest:
        out.append(f"\n### Extraction: {ingest['articles']} synthetic articles of ~{ingest['words_per_article']} "
                   f"words ({ingest['model']})\n")
        rows = []
        for key, label in (("spacy_1p", "bare spaCy, 1 process"), ("spacy_2p", "bare spaCy, 2 processes"),
                           ("ingest_1w", "whole ingest into the embedded store, 1 worker"),
                           ("ingest_2w", "whole ingest into the embedded store, 2 workers")):
            v = ingest[key]
            rows.append([label, f"{v['seconds']:.1f}", f"{v['articles_per_s']:.2f}", f"{v['words_per_s']:,}",
                         f"{v['cpu_seconds']:.1f}", f"{v['articles_per_cpu_s']:.2f}"])
        out.append(_table(["run", "wall s", "articles/s", "words/s", "CPU s", "articles per CPU s"], rows))
        q = ingest["ratios"]
        out.append(f"\nWhole ingest / bare spaCy: **{q['ingest_vs_spacy']:.2f}** (wall), "
                   f"{q['ingest_vs_spacy_cpu']:.2f} (CPU). 2 workers / 1 worker: **{q['two_vs_one_worker']:.2f}**. "
                   f"Same graph with 1 and 2 workers: **{ingest['same_graph_1w_2w']}**.")
        if "stages_1p_s" in ingest:
            out.append("\nCPU seconds per stage, one process, whole corpus: " + ", ".join(
                f"{k} {v:.2f}" for k, v in ingest["stages_1p_s"].items()) + ".")

    floors = results.get("floors", [])
    if floors:
        out.append("\n### Floors\n")
        out.append(_table(["floor", "measured", "limit", "met", "where"], [
            [f["floor"], "not measured" if f["value"] is None else f"{f['value']:,}", f"{f['limit']:,}",
             "-" if f["met"] is None else ("yes" if f["met"] else "**no**"), f["where"]] for f in floors]))
    return "\n".join(out) + "\n"


def write_into(doc: Path, results: dict[str, Any]) -> None:
    """Replace the text between the result markers of `doc` with the tables."""
    text = doc.read_text()
    if START not in text or END not in text:
        raise SystemExit(f"{doc} has no {START} ... {END} markers")
    block = f"{START}\n{markdown(results)}{END}"
    doc.write_text(re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.DOTALL))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write benchmark results as Markdown tables into a document.")
    parser.add_argument("results", type=Path)
    parser.add_argument("doc", type=Path, nargs="?", help="document with result markers (default: print)")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text())
    if args.doc:
        write_into(args.doc, results)
        print(f"updated {args.doc}")
    else:
        print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
