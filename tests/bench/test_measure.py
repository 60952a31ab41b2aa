import pytest

from bench.http_load import run_load
from bench.measure import percentile, summarise


def test_percentiles_are_observed_values_by_nearest_rank():
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile(values, 100) == 100.0
    assert percentile([7.0], 99) == 7.0


def test_summary_in_milliseconds():
    s = summarise([0.001, 0.002, 0.003, 0.004])
    assert (s.n, s.p50, s.max) == (4, 2.0, 4.0)


@pytest.mark.parametrize("host", ["10.0.0.1", "192.168.1.10", "8.8.8.8"])
def test_load_generator_only_targets_loopback(host):
    with pytest.raises(ValueError, match="loopback"):
        run_load(host, 80, ["/"], max_requests=1, max_seconds=0.1)


def test_the_summary_reports_the_tail_beside_p99():
    s = summarise([v / 1000 for v in range(1, 1001)])  # 1..1000 ms
    assert (s.p99, s.p999, s.max) == (990.0, 999.0, 1000.0)
    assert {"p99_ms", "p999_ms", "max_ms"} <= s.as_dict().keys()


def test_warm_up_targets_are_none_of_the_timed_ones():
    from bench.generate_graph import generate_graph
    from bench.workload import build_workload

    workload = build_workload(generate_graph(2000, 0), n=300)
    for field in ("actors", "states", "events", "pairs"):
        warm = workload.warm_up[field]
        assert warm, field
        assert not set(warm) & set(getattr(workload, field)), field
    assert len(workload.pairs) == 300
    assert workload.busiest[0] == workload.heaviest and len(workload.busiest) == 5


def test_the_before_after_table_puts_each_query_side_by_side():
    from bench.compare import markdown

    def part(p50):
        latency = {"p50_ms": p50, "p99_ms": 2 * p50, "p999_ms": 3 * p50, "max_ms": 4 * p50}
        return {"events": 10000, "store": "embedded", "queries": {"counterparts": latency},
                "api": {"load": {"rps": 100.0, "p99_ms": 9.0, "max_ms": 20.0, "errors": 0}}}

    table = markdown(part(1.0), part(0.5)).splitlines()
    assert table[0].startswith("| 10,000 events, embedded")
    assert "| counterparts | 1.00 / 2.00 / 3.00 / 4.00 | 0.50 / 1.00 / 1.50 / 2.00 |" in table
    assert "| API load: req/s, p99 / max ms, errors | 100, 9.0 / 20.0, 0 | 100, 9.0 / 20.0, 0 |" in table


def test_growth_is_each_querys_p50_over_the_smallest_scales() -> None:
    from bench.report import GROWN, growth

    def part(events: int, store: str, p50: float) -> dict:
        return {"events": events, "store": store, "queries": {q: {"p50_ms": p50} for q in GROWN}}

    rows = growth([part(10_000, "neo4j", 2.0), part(100_000, "neo4j", 3.0), part(1_000_000, "neo4j", 5.0),
                   part(10_000, "embedded", 1.0)])
    assert rows == [["10k -> 100k", "neo4j", *["1.50"] * len(GROWN)], ["10k -> 1M", "neo4j", *["2.50"] * len(GROWN)]]
