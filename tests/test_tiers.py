"""Tiers from a paired test: the same across seeds, and never splitting themes that cannot be told apart."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from tiers import main, paired_differences, random_survey, survey_tiers  # noqa: E402

from pipeline.config import defaults  # noqa: E402

PARAMS = dict(defaults()["analysis"], bootstrap_samples=200)


def test_tiers_are_the_same_under_every_seed_and_respect_the_paired_intervals():
    rng = np.random.default_rng(7)
    boundaries = 0
    for _ in range(12):
        matrix = random_survey(rng)
        order, tier = survey_tiers(matrix, PARAMS)
        for seed in (1, 2, 3):
            assert survey_tiers(matrix, dict(PARAMS, seed=seed)) == (order, tier)
        pairs = paired_differences(matrix[:, [int(t[1:]) for t in order]], 0.95).set_index(["a", "b"])
        for cut in range(1, len(tier)):
            if tier[cut] != tier[cut - 1]:
                boundaries += 1
                for a in range(cut):
                    for b in range(cut, len(tier)):
                        assert pairs.at[(a, b), "diff_low"] > 0, (order, tier, a, b)
    assert boundaries > 0  # the check above is not vacuous


def test_paired_interval_excludes_zero_exactly_when_the_test_rejects():
    rng = np.random.default_rng(3)
    pairs = paired_differences(random_survey(rng), 0.95)
    excludes = (pairs["diff_low"] > 0) | (pairs["diff_high"] < 0)
    assert (excludes == (pairs["p"] < 0.05)).all()
    assert ((pairs["diff_low"] <= pairs["diff"]) & (pairs["diff"] <= pairs["diff_high"])).all()


def test_bench_runs_small():
    assert main(["--surveys", "3", "--seeds", "2", "--samples", "100", "--json"]) == 0
