"""The stage graph and its cache: order from names, skipping, slices, reuse by inputs, early cut-off, mapping."""
from __future__ import annotations

import time

import pandas as pd
import pytest

from pipeline.cache import Cache
from pipeline.graph import NONE, Graph, GraphError, Source, code_fingerprints, digest, stage

CALLS: list[str] = []


def doubled(numbers: pd.DataFrame) -> pd.DataFrame:
    CALLS.append("doubled")
    return numbers.assign(x=numbers["x"] * 2)


def total(doubled: pd.DataFrame, offset: int) -> int:
    CALLS.append("total")
    return int(doubled["x"].sum()) + offset


def parity(total: int) -> str:
    CALLS.append("parity")
    return "even" if total % 2 == 0 else "odd"


def both(numbers: pd.DataFrame) -> dict[str, int]:
    return {"smallest": int(numbers["x"].min()), "largest": int(numbers["x"].max())}


def maybe_note(parity: str, note: str | None = None) -> str:
    return parity if note is None else f"{parity}: {note}"


def lengths(word: str) -> int:
    CALLS.append(f"lengths:{word}")
    return len(word)


GRAPH = Graph([stage(parity), stage(total), stage(doubled), stage(both, outputs=("smallest", "largest")),
               stage(maybe_note)])


def frame(*values: int) -> Source:
    data = pd.DataFrame({"x": list(values)})
    return Source(digest(list(values)), data)


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()


def test_order_follows_parameter_names_not_declaration():
    assert [s.name for s in GRAPH.order(["parity"])] == ["doubled", "total", "parity"]
    assert GRAPH.inputs == {"numbers", "offset", "note"}


def test_run_gives_every_output_and_does_not_modify_inputs():
    numbers = frame(1, 2, 3)
    before = numbers.value.copy()
    results = GRAPH.run({"numbers": numbers, "offset": 1, "note": None})
    assert (results["total"], results["parity"], results["smallest"], results["largest"]) == (13, "odd", 1, 3)
    assert results["maybe_note"] == "odd"
    pd.testing.assert_frame_equal(numbers.value, before)


def test_a_slice_runs_only_what_its_targets_need():
    results = GRAPH.run({"numbers": frame(1, 2), "offset": 0}, targets=["total"])
    assert results["total"] == 6
    assert CALLS == ["doubled", "total"]


def test_missing_input_is_named():
    with pytest.raises(GraphError, match="offset"):
        GRAPH.run({"numbers": frame(1)}, targets=["total"])


def test_a_stage_whose_required_input_is_none_is_skipped_and_so_are_its_dependents():
    results = GRAPH.run({"numbers": Source(NONE), "offset": 1, "note": "x"})
    assert results["total"] is None and results["parity"] is None and results["smallest"] is None
    assert CALLS == []


def test_a_name_produced_twice_is_refused():
    with pytest.raises(GraphError, match="produced by both"):
        Graph([stage(total), stage(total)])


def test_a_multi_output_stage_must_return_what_it_declares():
    def wrong(numbers: pd.DataFrame) -> dict:
        return {"smallest": 1}

    graph = Graph([stage(wrong, outputs=("smallest", "largest"))])
    with pytest.raises(GraphError, match="declared"):
        graph.run({"numbers": frame(1)})


def test_rerun_with_the_same_inputs_computes_nothing_and_loads_nothing(tmp_path):
    GRAPH.run({"numbers": frame(1, 2, 3), "offset": 1, "note": None}, cache=Cache(tmp_path))
    CALLS.clear()
    cache = Cache(tmp_path)
    results = GRAPH.run({"numbers": frame(1, 2, 3), "offset": 1, "note": None}, cache=cache)
    assert CALLS == [] and results.ran == []
    assert results.values == {}  # nothing loaded until asked for
    assert results["parity"] == "odd"


def test_changed_input_reruns_only_its_dependents(tmp_path):
    GRAPH.run({"numbers": frame(1, 2, 3), "offset": 1, "note": None}, cache=Cache(tmp_path))
    CALLS.clear()
    results = GRAPH.run({"numbers": frame(1, 2, 3), "offset": 3, "note": None}, cache=Cache(tmp_path))
    assert CALLS == ["total", "parity"]
    assert results["total"] == 15


def test_a_result_recomputed_to_the_same_value_stops_the_rerun_there(tmp_path):
    GRAPH.run({"numbers": frame(1, 2, 3), "offset": 1, "note": None}, cache=Cache(tmp_path))
    CALLS.clear()
    # 1+2+3 doubled + 1 = 13 and 1+2+4 doubled - 1 = 13: total recomputes, parity does not
    GRAPH.run({"numbers": frame(1, 2, 4), "offset": -1, "note": None}, cache=Cache(tmp_path))
    assert CALLS == ["doubled", "total"]


def test_code_change_invalidates_only_that_stage(tmp_path):
    sources = {"numbers": frame(1, 2), "offset": 0, "note": None}
    GRAPH.run(sources, cache=Cache(tmp_path), code_version={"total": "v1"})
    CALLS.clear()
    GRAPH.run(sources, cache=Cache(tmp_path), code_version={"total": "v2"})
    assert CALLS == ["total"]  # parity's input is unchanged (6 again), so it is not recomputed


def test_mapped_stage_recomputes_only_changed_elements(tmp_path):
    graph = Graph([stage(lengths, name="word_lengths", map_over="word", rename={"word": "words"})])

    def words(*items: str) -> Source:
        return Source(digest(items), items, elements=tuple(digest(i) for i in items))

    assert graph.run({"words": words("a", "bb", "ccc")}, cache=Cache(tmp_path))["word_lengths"] == (1, 2, 3)
    CALLS.clear()
    results = graph.run({"words": words("a", "dddd", "ccc")}, cache=Cache(tmp_path))
    assert results["word_lengths"] == (1, 4, 3)
    assert CALLS == ["lengths:dddd"]


def test_uncached_stage_is_made_only_when_a_reader_must_run(tmp_path):
    made = []

    def tool(offset: int) -> object:
        made.append(offset)
        return object()

    def used(tool: object, numbers: pd.DataFrame) -> int:
        return len(numbers)

    graph = Graph([stage(tool, cache=False), stage(used)])
    graph.run({"offset": 1, "numbers": frame(1, 2)}, cache=Cache(tmp_path))
    graph.run({"offset": 1, "numbers": frame(1, 2)}, cache=Cache(tmp_path))
    assert made == [1]


def test_parallel_stages_give_the_same_results_as_serial(tmp_path):
    def square(numbers: pd.DataFrame, power: int) -> list[int]:
        return [int(v) ** power for v in numbers["x"]]

    graph = Graph([stage(square, name=f"power_{p}", fixed={"power": p}, parallel=True) for p in (2, 3, 4)])
    serial = graph.run({"numbers": frame(1, 2, 3)}, workers=1)
    parallel = graph.run({"numbers": frame(1, 2, 3)}, workers=2)
    assert [serial[f"power_{p}"] for p in (2, 3, 4)] == [parallel[f"power_{p}"] for p in (2, 3, 4)] == [
        [1, 4, 9], [1, 8, 27], [1, 16, 81]]


def test_an_error_in_a_parallel_stage_reaches_the_caller():
    def broken(numbers: pd.DataFrame, n: int) -> int:
        raise ValueError(f"broken {n}")

    graph = Graph([stage(broken, name=f"b{n}", fixed={"n": n}, parallel=True) for n in (1, 2)])
    with pytest.raises(ValueError, match="broken"):
        graph.run({"numbers": frame(1)}, workers=2)


def test_cache_entries_are_whole_or_absent(tmp_path):
    cache = Cache(tmp_path)
    fingerprint = cache.store({"a": 1})
    cache.record("k1", {"out": fingerprint})
    assert cache.lookup("k1") == {"out": fingerprint}
    (tmp_path / "objects" / f"{fingerprint}.pkl").unlink()  # an object lost (or a killed write): the key is void
    assert Cache(tmp_path).lookup("k1") is None
    (tmp_path / "keys" / "k2.json").write_text("{trunc")
    assert Cache(tmp_path).lookup("k2") is None


def test_prune_keeps_only_what_the_run_used(tmp_path):
    old = Cache(tmp_path)
    old.record("old", {"out": old.store("old value")})
    new = Cache(tmp_path)
    new.record("new", {"out": new.store("new value")})
    new.prune()
    assert Cache(tmp_path).lookup("old") is None
    assert Cache(tmp_path).load(Cache(tmp_path).lookup("new")["out"]) == "new value"


def test_code_fingerprints_follow_the_imports_of_each_stage(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from pkg import b\n    return b.g()\n")
    (package / "b.py").write_text("def g():\n    return 1\n")
    (package / "c.py").write_text("def h():\n    return 2\n")
    import importlib
    import sys

    sys.path.insert(0, str(tmp_path))
    try:
        a, c = importlib.import_module("pkg.a"), importlib.import_module("pkg.c")
        stages = [stage(a.f, name="f"), stage(c.h, name="h")]
        before = code_fingerprints(stages, package)
        (package / "b.py").write_text("def g():\n    return 3\n")
        after = code_fingerprints(stages, package)
    finally:
        sys.path.remove(str(tmp_path))
        for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
            sys.modules.pop(name, None)
    assert before["f"] != after["f"] and before["h"] == after["h"]


def test_a_lazy_stage_is_made_only_when_read_cached_then_and_kept_when_unread(tmp_path):
    made = []

    def tool(offset: int) -> dict:
        made.append(offset)
        return {"offset": offset}

    def used(tool: dict, numbers: pd.DataFrame) -> int:
        return len(numbers) + tool["offset"]

    graph = Graph([stage(tool, lazy=True), stage(used)])
    assert graph.run({"offset": 1, "numbers": frame(1, 2)}, cache=Cache(tmp_path))["used"] == 3
    cache = Cache(tmp_path)
    graph.run({"offset": 1, "numbers": frame(1, 2)}, cache=cache)  # used is cached: tool not even loaded
    cache.prune()
    assert graph.run({"offset": 1, "numbers": frame(1, 2, 3)}, cache=Cache(tmp_path))["used"] == 4
    assert made == [1]  # built once, loaded from the cache for the third run
    unread = Graph([stage(tool, lazy=True)]).run({"offset": 5}, cache=Cache(tmp_path))
    assert made == [1] and unread.ran == []


def test_an_unreadable_cached_result_is_computed_again(tmp_path):
    GRAPH.run({"numbers": frame(1, 2, 3), "offset": 1, "note": None}, cache=Cache(tmp_path))
    for path in (tmp_path / "objects").glob("*.pkl"):
        path.write_bytes(b"not a pickle")
    CALLS.clear()
    results = GRAPH.run({"numbers": frame(1, 2, 3), "offset": 1, "note": None}, cache=Cache(tmp_path))
    assert results["parity"] == "odd"
    assert CALLS == ["doubled", "total", "parity"]  # each unreadable result computed again from its inputs
    CALLS.clear()
    GRAPH.run({"numbers": frame(1, 2, 3), "offset": 1, "note": None}, cache=Cache(tmp_path))["parity"]
    assert CALLS == []  # and stored again


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="no fork here")
def test_a_parallel_stage_runs_in_the_background_while_later_stages_run(tmp_path):
    signal_file = tmp_path / "later-stage-ran"

    def waiting(numbers: pd.DataFrame) -> bool:
        # declared before `later` but only finishes once `later` has run: possible only in the background
        for _ in range(600):
            if signal_file.exists():
                return True
            time.sleep(0.05)
        return False

    def later(numbers: pd.DataFrame) -> int:
        signal_file.write_text("ran")
        return len(numbers)

    def both(waiting: bool, later: int) -> tuple[bool, int]:
        return waiting, later

    graph = Graph([stage(waiting, parallel=True), stage(later), stage(both)])
    assert [s.name for s in graph.order()] == ["waiting", "later", "both"]
    assert graph.run({"numbers": frame(1, 2)}, workers=2)["both"] == (True, 2)
