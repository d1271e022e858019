"""gc_paused: the collector is off inside and on again after; what was made inside is moved to the
oldest generation unwalked, and still collected when it becomes cyclic garbage."""

import gc
import weakref

from screener.records.base import gc_paused


class _Node:
    pass


def test_objects_made_inside_reach_the_oldest_generation_and_cycles_are_still_collected():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]
        a, b = _Node(), _Node()
        a.other, b.other = b, a          # a reference cycle
        watch = weakref.ref(a)
    assert gc.isenabled()
    assert gc.get_count()[0] < 700      # the young generation was not left holding everything
    assert any(obj is kept for obj in gc.get_objects(generation=2))
    del a, b
    assert watch() is not None          # a cycle is not freed by reference counting...
    gc.collect()
    assert watch() is None              # ...and a full collection still frees it
    assert gc.get_freeze_count() == 0


def test_objects_someone_else_froze_stay_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with gc_paused():
            [[i] for i in range(100)]
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_nested_pauses_leave_the_collector_off_until_the_outer_one_ends():
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
