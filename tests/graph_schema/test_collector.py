"""The garbage collector pause around bulk store work: nested and overlapping pauses resume it once."""
from __future__ import annotations

import gc
import threading

from graph_schema.stores.collector import collector_paused


def test_nested_pauses_resume_the_collector_when_the_last_ends() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_in_another_thread_keeps_the_collector_off_until_it_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with collector_paused():
        thread.start()
        inside.wait(5)
    assert not gc.isenabled()  # ours ended, the other thread's goes on
    release.set()
    thread.join()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_inside_still_resumes_the_collector() -> None:
    try:
        with collector_paused():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.isenabled()


def _tracked(obj: object) -> bool:
    """Whether the collector's generations hold `obj` (frozen objects are in none of them)."""
    return any(o is obj for o in gc.get_objects())


def test_a_long_lived_pause_keeps_what_it_built_out_of_later_collections() -> None:
    with collector_paused():
        short = {"records": [[i] for i in range(10)]}
    assert _tracked(short)  # an ordinary pause leaves it to the collector
    with collector_paused(long_lived=True):
        kept = {"records": [[i] for i in range(10)]}
    assert gc.isenabled()
    assert not _tracked(kept) and not _tracked(kept["records"][0])
    assert gc.get_freeze_count() > 0
    assert kept == short  # frozen, not changed


def test_a_failed_long_lived_pause_freezes_nothing() -> None:
    built: list[list[int]] = []
    try:
        with collector_paused(long_lived=True):
            built.append([1])
            raise RuntimeError("the load failed")
    except RuntimeError:
        pass
    assert gc.isenabled()
    assert _tracked(built[0])
