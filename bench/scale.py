"""How the whole pipeline scales: synthetic needs surveys of N respondents, one full run each.

    python bench/scale.py --sizes 10000,100000 --json     # one JSON line per size
    python bench/scale.py --sizes 1000,10000              # a readable table
    python bench/scale.py --sizes 100000 --cores 2        # pin the run to two cores (Linux)

For each size the survey comes from ``pipeline.demo.scale_survey_csv(respondents, seed)`` (the demo's needs
questions in the Google Forms CSV layout, open answers in Finnish, Swedish and English). It is written with a
config file ``[needs] file = "needs.csv"`` into a temporary folder, and ``python -m pipeline run --config CFG
--out DIR --quiet`` runs in a child process. Measured: wall seconds of that process (start-up and imports
included; generating the survey is not), its peak resident memory (``os.wait4`` resource usage: the largest
of the run and any process it waited for), and the seconds of each stage as the run recorded them in
``processed/manifest.json`` (``stage_seconds``).

Goals (issue 8): 100,000 respondents in at most 60 s and 2 GB on two cores, and at most 12 times the time
of 10,000.

Each JSON line: ``respondents``, ``seconds``, ``peak_rss_mb``, ``stage_seconds`` ({stage: seconds}),
``input_mb``, ``cores`` (the cores the run could use) and ``machine``. Exit status 1 when a run fails (its
stderr is shown), 0 otherwise.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pipeline import io as pio  # noqa: E402 - after the path set-up so that the script runs from anywhere
from pipeline.demo import scale_survey_csv  # noqa: E402

BENCH_KEY = "bench-scale-pseudonym-key"  # pseudonyms of synthetic data: any fixed key will do


@functools.cache
def machine() -> str:
    """One line naming the CPU, the cores this process may use, the memory and the OS."""
    cpu = platform.machine()
    with_cpuinfo = Path("/proc/cpuinfo")
    if with_cpuinfo.exists():
        for line in with_cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with_meminfo = Path("/proc/meminfo")
    if with_meminfo.exists():
        first = with_meminfo.read_text().splitlines()[0].split()
        memory = f", {int(first[1]) / 1024 / 1024:.0f} GB RAM"
    return (f"{cpu}, {len(_available_cores())} cores{memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def _available_cores() -> list[int]:
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


def _max_rss_mb(maxrss: int) -> float:
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def run_once(respondents: int, seed: int, cores: int | None) -> dict:
    """Generates a survey of ``respondents``, runs the whole pipeline on it in a child process and returns
    the measurements (see the module docstring); raises RuntimeError with the run's stderr if it fails."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{respondents}-") as tmp:
        folder = Path(tmp)
        survey = pio.write_bytes_atomic(folder / "needs.csv", scale_survey_csv(respondents, seed))
        config = pio.write_text_atomic(folder / "project.toml", '[needs]\nfile = "needs.csv"\n')
        out = folder / "out"
        command = [sys.executable, "-m", "pipeline", "run", "--config", str(config), "--out", str(out), "--quiet"]
        env = {**os.environ, "PIPELINE_PSEUDONYM_KEY": BENCH_KEY, "HOME": str(folder)}
        use = _available_cores()[:cores] if cores else _available_cores()
        pin = (lambda: os.sched_setaffinity(0, use)) if cores and hasattr(os, "sched_setaffinity") else None
        with tempfile.TemporaryFile() as stderr:
            start = time.perf_counter()
            child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
                                     preexec_fn=pin)
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)
            stderr.seek(0)
            errors = stderr.read().decode("utf-8", "replace")
        if child.returncode != 0:
            raise RuntimeError(f"{respondents} respondents: the run exited with {child.returncode}:\n{errors}")
        manifest_path = out / "processed" / "manifest.json"
        stage_seconds = json.loads(manifest_path.read_text(encoding="utf-8")).get("stage_seconds", {})
        return {
            "respondents": respondents,
            "seconds": round(seconds, 2),
            "peak_rss_mb": round(_max_rss_mb(usage.ru_maxrss), 1),
            "stage_seconds": {k: round(float(v), 2) for k, v in stage_seconds.items()},
            "input_mb": round(survey.stat().st_size / 1024 / 1024, 2),
            "cores": len(use),
            "machine": machine(),
        }


def table(results: list[dict]) -> str:
    """The results as a fixed-width text table, one row per size, a column per stage, and the goals."""
    stages = list(dict.fromkeys(s for r in results for s in r["stage_seconds"]))
    head = ["respondents", "seconds", "peak MB", *stages]
    rows = [[f"{r['respondents']:,}", f"{r['seconds']:.1f}", f"{r['peak_rss_mb']:.0f}",
             *(f"{r['stage_seconds'][s]:.2f}" if s in r["stage_seconds"] else "-" for s in stages)]
            for r in results]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    lines = [f"machine: {results[0]['machine']} (run on {results[0]['cores']} cores)" if results else "",
             "  ".join(h.rjust(w) for h, w in zip(head, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows]
    by_size = {r["respondents"]: r for r in results}
    if 100_000 in by_size:
        big = by_size[100_000]
        lines.append(f"goal 100,000 in <= 60 s and <= 2048 MB: {big['seconds']:.1f} s, {big['peak_rss_mb']:.0f} MB")
        if 10_000 in by_size:
            lines.append(f"goal time(100,000) <= 12 x time(10,000): "
                         f"{big['seconds'] / by_size[10_000]['seconds']:.1f} x")
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes {text!r}: give whole numbers separated by commas") from None
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError(f"--sizes {text!r}: give one or more positive numbers")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_sizes, default=[10_000, 100_000],
                        help="respondents per synthetic survey, comma-separated (default 10000,100000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic surveys (default 0)")
    parser.add_argument("--cores", type=int, default=None,
                        help="pin each run to this many cores (Linux; default: all this process may use)")
    parser.add_argument("--json", action="store_true", help="print one JSON line per size")
    args = parser.parse_args(argv)
    results = []
    for size in args.sizes:
        try:
            result = run_once(size, args.seed, args.cores)
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        results.append(result)
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
        else:
            print(f"{size:,} respondents: {result['seconds']:.1f} s, {result['peak_rss_mb']:.0f} MB",
                  file=sys.stderr, flush=True)
    if not args.json:
        print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
