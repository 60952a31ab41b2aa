"""Benchmarks: synthetic inputs at scale and the measurements that use them (not part of the test run)."""
