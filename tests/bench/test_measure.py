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
