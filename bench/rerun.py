"""Fresh runs and reruns of the demo against the time it takes Python just to import the libraries.

    python bench/rerun.py              # a readable table
    python bench/rerun.py --json       # one JSON object
    python bench/rerun.py --repeat 5   # runs per measurement (the median is reported)

Every measurement is a whole `python -m pipeline run --config CFG --out DIR --quiet` process, start-up and
imports included, on a copy of the bundled demo (raw/demo/: a 26-company needs survey, a 16-workshop
register, 16 feedback surveys and an impact survey):

- ``baseline``: ``python -c "import pandas, sklearn.feature_extraction.text, matplotlib.pyplot, scipy.stats,
  statsmodels.stats.proportion"`` — the parts of pandas, scikit-learn, matplotlib, SciPy and statsmodels the
  pipeline uses (a bare ``import sklearn`` loads almost nothing);
- ``fresh``: a run into an empty output folder (no cache);
- ``one_feedback_changed``: a rerun after one feedback survey lost its last response (the next run puts it
  back, so every run sees a change);
- ``nothing_changed``: a rerun with the same inputs;
- ``one_rating_changed`` (no goal): a rerun after one rating of one feedback survey changed, its comments not.

Goals (issue 11): fresh ≤ 2 ×, one feedback survey changed ≤ 1.3 ×, nothing changed ≤ 1.1 × the baseline.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASELINE = ("import pandas, sklearn.feature_extraction.text, matplotlib.pyplot, scipy.stats, "
            "statsmodels.stats.proportion")
GOALS = {"fresh": 2.0, "one_feedback_changed": 1.3, "nothing_changed": 1.1}
BENCH_KEY = "bench-rerun-pseudonym-key"


def _seconds(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=REPO)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    return elapsed


def measure(repeat: int) -> dict:
    """Median seconds of each measurement and its ratio to the baseline."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    env["PIPELINE_PSEUDONYM_KEY"] = BENCH_KEY
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(REPO / "raw" / "demo", project)
        config = str(project / "project.toml")
        survey = project / "feedback_W03.csv"
        original = survey.read_bytes()
        lines = original.decode("utf-8-sig").splitlines()
        shorter = ("\n".join(lines[:-1]) + "\n").encode("utf-8")
        # the same survey with one rating changed and every comment as it was
        rated = ("\n".join([lines[0], lines[1].replace(",5,", ",4,", 1), *lines[2:]]) + "\n").encode("utf-8")

        def run(out: Path) -> float:
            return _seconds([py, "-m", "pipeline", "run", "--config", config, "--out", str(out), "--quiet"], env)

        times: dict[str, list[float]] = {name: [] for name in ("baseline", *GOALS, "one_rating_changed")}
        run(Path(tmp) / "warm-up")  # file-system caches and .pyc files, as on any second use
        for i in range(repeat):
            times["baseline"].append(_seconds([py, "-c", BASELINE], env))
            times["fresh"].append(run(Path(tmp) / f"fresh-{i}"))
        out = Path(tmp) / "fresh-0"
        for i in range(repeat):
            survey.write_bytes(shorter if i % 2 == 0 else original)
            times["one_feedback_changed"].append(run(out))
        for _ in range(repeat):
            times["nothing_changed"].append(run(out))
        for i in range(repeat):
            survey.write_bytes(rated if i % 2 == 0 else original)
            times["one_rating_changed"].append(run(out))
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "repeat": repeat,
        "seconds": {name: round(value, 2) for name, value in medians.items()},
        "ratio": {name: round(medians[name] / medians["baseline"], 2) for name in (*GOALS, "one_rating_changed")},
        "goal": GOALS,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.repeat)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{'measurement':<22} {'median s':>9} {'× baseline':>11} {'goal':>6}")
    print(f"{'baseline (imports)':<22} {result['seconds']['baseline']:>9.2f}")
    for name, goal in GOALS.items():
        print(f"{name:<22} {result['seconds'][name]:>9.2f} {result['ratio'][name]:>11.2f} {goal:>6.1f}")
    name = "one_rating_changed"
    print(f"{name:<22} {result['seconds'][name]:>9.2f} {result['ratio'][name]:>11.2f} {'–':>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
