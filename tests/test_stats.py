"""Wilson intervals and disclosure control (pipeline.analysis.stats)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pipeline.analysis.stats import (canonical_municipalities, municipality_segments, name_key, name_keys,
                                     primary_suppression, secondary_suppression, wilson_interval)
from pipeline.config import defaults

SUBREGIONS = defaults()["analysis"]["subregions"]


def test_wilson_zero_of_26_is_0_to_0129():
    low, high = wilson_interval(0, 26)
    assert low == 0.0
    assert high == pytest.approx(0.1287, abs=5e-5)


def test_wilson_n_of_n_is_mirror_of_zero():
    low, high = wilson_interval(26, 26)
    assert high == 1.0
    assert low == pytest.approx(1 - 0.1287, abs=5e-5)


def test_wilson_known_value_and_not_wald():
    # 11 of 26 by the closed form: (0.2554, 0.6105); Wald would give (0.2332, 0.6130)
    z, n, p = 1.959964, 26, 11 / 26
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low, high = wilson_interval(11, 26)
    assert (low, high) == pytest.approx((centre - half, centre + half), abs=1e-6)
    assert (low, high) == pytest.approx((0.2554, 0.6105), abs=5e-5)


def test_wilson_confidence_level_is_used():
    narrow = wilson_interval(5, 20, confidence=0.80)
    wide = wilson_interval(5, 20, confidence=0.99)
    assert wide[0] < narrow[0] and wide[1] > narrow[1]


def test_wilson_vectorised_with_n_zero_nan():
    low, high = wilson_interval(np.array([0, 3, 0]), np.array([26, 10, 0]))
    np.testing.assert_allclose(low, [0.0, 0.10779, np.nan], atol=5e-5)
    np.testing.assert_allclose(high, [0.12873, 0.60322, np.nan], atol=5e-5)


def test_wilson_accepts_nullable_series():
    low, high = wilson_interval(pd.Series([2, pd.NA], dtype="Int64"), pd.Series([4, 4], dtype="Int64"))
    assert not math.isnan(low[0]) and math.isnan(low[1]) and math.isnan(high[1])


def test_primary_suppression_counts_one_two_and_small_base():
    hidden = primary_suppression([0, 1, 2, 3, 0, 4], [10, 10, 10, 10, 4, 4], min_count=3, min_base=5)
    assert hidden.tolist() == [False, True, True, False, True, True]


def test_secondary_suppression_hides_next_smallest_nonzero_in_margin():
    counts = np.array([2, 0, 5, 4, 9])
    primary = np.array([True, False, False, False, False])
    hidden = secondary_suppression(counts, primary, [[0, 1, 2, 3, 4]])
    # the zero would protect nothing: 4 is the smallest non-zero published cell
    assert hidden.tolist() == [True, False, False, True, False]
    assert primary.tolist() == [True, False, False, False, False]  # input untouched


def test_secondary_suppression_leaves_groups_with_two_hidden_alone():
    hidden = secondary_suppression([1, 2, 5, 4], [True, True, False, False], [[0, 1, 2, 3]])
    assert hidden.tolist() == [True, True, False, False]


def test_secondary_suppression_cascades_across_groups():
    # cells 0..3 form a 2x2 table: rows [0, 1], [2, 3]; columns [0, 2], [1, 3]
    counts = np.array([1, 6, 7, 8])
    hidden = secondary_suppression(counts, [True, False, False, False], [[0, 1], [2, 3], [0, 2], [1, 3]])
    assert hidden.tolist() == [True, True, True, True]


def test_secondary_suppression_uses_zero_when_nothing_else():
    hidden = secondary_suppression([2, 0], [True, False], [[0, 1]])
    assert hidden.tolist() == [True, True]


def test_small_municipalities_pool_into_subregion():
    bases = {"Kokkola": 12, "Kannus": 6, "Kaustinen": 7, "Veteli": 2, "Perho": 3, "Halsua": 1}
    assert municipality_segments(bases, SUBREGIONS, min_base=5) == {
        "Kokkola": "Kokkola", "Kannus": "Kannus", "Kaustinen": "Kaustinen",
        "Veteli": "Kaustisen seutukunta", "Perho": "Kaustisen seutukunta", "Halsua": "Kaustisen seutukunta"}


def test_small_pool_below_base_takes_whole_subregion():
    # Kannus alone (3) stays under 5: Kokkola is merged too, else sub-region minus Kokkola = Kannus
    bases = {"Kokkola": 12, "Kannus": 3, "Oulu": 2}
    assert municipality_segments(bases, SUBREGIONS, min_base=5) == {
        "Kokkola": "Kokkolan seutukunta", "Kannus": "Kokkolan seutukunta", "Oulu": "Oulu"}


def test_municipality_names_are_canonicalised():
    values = pd.Series(["  kokkola", "Karleby", "VETELI", "Oulu ", pd.NA], dtype="string")
    out = canonical_municipalities(values, SUBREGIONS, {"Karleby": "Kokkola"})
    pd.testing.assert_series_equal(out, pd.Series(["Kokkola", "Kokkola", "Veteli", "Oulu", pd.NA],
                                                  dtype="string"))


def test_name_keys_fold_every_element_like_name_key():
    values = pd.Series(["Myynti", " myynti ", "MYYNTI\u00a0ja  vienti", "e\u0301", "\u00e9", pd.NA, "Myynti"],
                       dtype="string")
    expected = ["myynti", "myynti", "myynti ja vienti", "\u00e9", "\u00e9", "<na>", "myynti"]
    assert name_keys(values).tolist() == expected == [name_key(v) for v in values]
    assert name_keys(["A  b", None]).tolist() == ["a b", "none"]
