"""Tier stability across seeds, and whether tier boundaries separate only themes whose difference holds.

    python bench/tiers.py                        # 200 random 26-company surveys x 20 seeds
    python bench/tiers.py --surveys 50 --seeds 5 --json

Each survey: 26 companies and 8 themes; each theme has its own popularity (uniform 5..90 %) and each company
its own activity (how many themes it ticks), so themes are correlated the way real answers are. For every
survey ``pipeline.analysis.needs.theme_ranking`` runs once per seed (``[analysis] seed``; the bootstrap of the
rank intervals uses it). Reported:

- ``identical``: surveys whose tiers are the same under every seed (goal: at least 95 %);
- ``boundaries``: tier boundaries drawn, and ``separating_zero``: boundaries with a theme above and a theme
  below whose paired difference interval (the one published with the test, ``paired_differences``) contains 0
  (goal: none);
- ``bootstrap_zero``: the same check against an independent paired bootstrap percentile interval of the
  difference (2000 resamples of companies) — for information; it disagrees only at the margin.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.analysis.needs import paired_differences, theme_ranking  # noqa: E402
from pipeline.config import defaults  # noqa: E402

THEMES = 8


def random_survey(rng: np.random.Generator, companies: int = 26) -> np.ndarray:
    popularity = rng.uniform(0.05, 0.9, THEMES)
    activity = rng.normal(0.0, 1.0, companies)
    logit = np.log(popularity / (1 - popularity))[None, :] + activity[:, None]
    return rng.random((companies, THEMES)) < 1 / (1 + np.exp(-logit))


def survey_tiers(matrix: np.ndarray, params: dict) -> tuple[list[str], list[int]]:
    ids = pd.Index([f"c{i:02d}" for i in range(matrix.shape[0])], dtype="string")
    names = {f"t{k}": f"t{k}" for k in range(matrix.shape[1])}
    rows, cols = np.nonzero(matrix)
    membership = pd.DataFrame({"company_id": ids[rows], "theme": [f"t{k}" for k in cols]})
    ranking = theme_ranking(membership, ids, names, params)
    return ranking["theme"].tolist(), ranking["tier"].astype(int).tolist()


def bootstrap_intervals(matrix: np.ndarray, rng: np.random.Generator, confidence: float, samples: int = 2000):
    n = matrix.shape[0]
    draws = rng.integers(0, n, size=(samples, n))
    shares = matrix[draws].mean(axis=1)                       # samples x themes
    diff = shares[:, :, None] - shares[:, None, :]
    alpha = 1 - confidence
    return np.percentile(diff, 100 * alpha / 2, axis=0), np.percentile(diff, 100 * (1 - alpha / 2), axis=0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surveys", type=int, default=200)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--samples", type=int, default=2000, help="bootstrap resamples per ranking")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    params = dict(defaults()["analysis"], bootstrap_samples=args.samples)
    confidence = float(params["confidence"])
    rng = np.random.default_rng(20261202)
    identical = boundaries = separating = bootstrap_zero = 0
    start = time.perf_counter()
    for _ in range(args.surveys):
        matrix = random_survey(rng)
        results = {tuple(survey_tiers(matrix, dict(params, seed=seed))[1]) for seed in range(args.seeds)}
        identical += len(results) == 1
        order, tier = survey_tiers(matrix, params)
        cols = [int(t[1:]) for t in order]
        ordered = matrix[:, cols]
        pairs = paired_differences(ordered, confidence).set_index(["a", "b"])
        low, high = bootstrap_intervals(ordered, rng, confidence)
        for cut in range(1, len(tier)):
            if tier[cut] == tier[cut - 1]:
                continue
            boundaries += 1
            across = [(a, b) for a in range(cut) for b in range(cut, len(tier))]
            separating += any(pairs.at[(a, b), "diff_low"] <= 0 <= pairs.at[(a, b), "diff_high"] for a, b in across)
            bootstrap_zero += any(low[a, b] <= 0 <= high[a, b] for a, b in across)
    result = {"surveys": args.surveys, "seeds": args.seeds, "identical": identical,
              "identical_share": identical / args.surveys, "boundaries": boundaries,
              "separating_zero": separating, "bootstrap_zero": bootstrap_zero,
              "seconds": round(time.perf_counter() - start, 1)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{identical} of {args.surveys} surveys have identical tiers under {args.seeds} seeds "
              f"({100 * identical / args.surveys:.1f} %)")
        print(f"{boundaries} tier boundaries; {separating} separate two themes whose paired interval contains 0 "
              f"({bootstrap_zero} by a paired bootstrap interval); {result['seconds']} s")
    return 0 if identical >= 0.95 * args.surveys and separating == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
