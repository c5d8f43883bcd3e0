"""The stage cache fingerprints a table by its content, not by how its pickle happens to come out."""
from __future__ import annotations

import pickle

import pandas as pd

from pipeline.cache import Cache, content_fingerprint


def test_the_same_table_built_two_ways_has_one_fingerprint(tmp_path):
    # one list object shared by two cells pickles once; two equal lists pickle twice: other bytes
    shared = ["positive"]
    a = pd.DataFrame({"text": ["Hyvä", "Kiitos"], "themes": pd.Series([shared, shared], dtype=object)})
    b = pd.DataFrame({"text": ["Hyvä", "Kiitos"], "themes": pd.Series([["positive"], ["positive"]], dtype=object)})
    assert pickle.dumps(a, protocol=5) != pickle.dumps(b, protocol=5)
    assert content_fingerprint(a) == content_fingerprint(b)
    cache = Cache(tmp_path / "cache")
    assert cache.store(a) == cache.store(b)
    pd.testing.assert_frame_equal(cache.load(cache.store(b)), a)


def test_a_different_cell_or_column_order_is_a_different_fingerprint():
    a = pd.DataFrame({"x": [1, 2], "y": ["a", "b"]})
    assert content_fingerprint(a) != content_fingerprint(a.assign(y=["a", "c"]))
    assert content_fingerprint(a) != content_fingerprint(a[["y", "x"]])
    assert content_fingerprint(a) != content_fingerprint(a.astype({"x": "float64"}))
    assert content_fingerprint({"x": 1}) is None


def test_a_read_only_cache_keeps_a_large_value_in_memory_with_the_fingerprint_a_writable_cache_gives(tmp_path):
    # pickle protocol 5 hands a large array's buffer to the writer as a PickleBuffer (a notebook rerunning a
    # stage after a code change stores its result in a read-only cache)
    import numpy as np

    value = {"table": pd.DataFrame({"x": np.arange(200_000, dtype="float64")}), "note": "n"}
    writable = Cache(tmp_path / "cache")
    fingerprint = writable.store(value)
    read_only = Cache(tmp_path / "cache", read_only=True)
    assert read_only.store(value) == fingerprint
    loaded = read_only.load(fingerprint)
    pd.testing.assert_frame_equal(loaded["table"], value["table"])
    assert loaded["note"] == "n"
