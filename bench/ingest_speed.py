"""Ingest speed: a generated 10,000 × 30 export (Microsoft Forms-like: metadata, single choice, ";"-joined
multi-selects, a Finnish Likert grid, numbers and open text) written as .xlsx and .csv to a temporary folder;
prints the seconds ``read_survey`` takes for each. Goal: under 5 s per file. ``--demo`` instead prints the median
milliseconds of 7 reads of each small export of the demo (raw/demo: feedback CSVs, the needs xlsx), where the
fixed cost per file, not the rows, decides.

Run: ``.venv/bin/python bench/ingest_speed.py [rows]`` or ``.venv/bin/python bench/ingest_speed.py --demo``
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.ingest import read_survey

SCALE = ["täysin eri mieltä", "jokseenkin eri mieltä", "ei samaa eikä eri mieltä", "jokseenkin samaa mieltä",
         "täysin samaa mieltä", "En osaa sanoa"]
TOPICS = ["Verkkokauppa", "Vienti ja kansainvälistyminen", "Somemarkkinointi, sisällöt", "Rahoitus", "Johtaminen"]
TOWNS = ["Kokkola", "Kruunupyy", "Kannus", "Kaustinen", "Pietarsaari", "Veteli", "Toholampi", "Lestijärvi"]


def export_frame(rows: int, seed: int = 1) -> pd.DataFrame:
    """A 30-column Microsoft Forms-like export with ``rows`` responses."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2022-02-01 09:00") + pd.to_timedelta(rng.integers(0, 90 * 86400, rows), unit="s")
    frame = {
        "Id": np.arange(1, rows + 1),
        "Start time": start,
        "Completion time": start + pd.to_timedelta(rng.integers(60, 1800, rows), unit="s"),
        "Email": "anonymous",
        "Name": "",
        "Kunta": rng.choice(TOWNS, rows),
        "Toimiala": rng.choice(["Kauppa", "Teollisuus", "Palvelut", "Maatalous", "Matkailu"], rows),
        "Henkilöstö": rng.choice(["1-5", "6-25", "26-100", "yli 100"], rows),
    }
    for q in range(1, 4):
        picks = rng.random((rows, len(TOPICS))) < 0.4
        frame[f"Mistä aiheista olette kiinnostuneita? {q}"] = [
            "".join(t + ";" for t, p in zip(TOPICS, row) if p) for row in picks]
    for s in range(1, 13):
        frame[f"Osaaminen: väite {s}"] = rng.choice(SCALE, rows)
    for n in range(1, 4):
        frame[f"Luku {n}"] = rng.integers(0, 500, rows)
    for t in range(1, 5):
        words = rng.choice(["tarvitsemme", "apua", "koulutusta", "verkkokauppaan", "vientiin", "rahoitusta",
                            "soita", "kiitos", "ensi", "vuonna"], (rows, 8))
        frame[f"Mitä muuta tarvitsette {t}?"] = [" ".join(w) + f" {i}" for i, w in enumerate(words)]
    return pd.DataFrame(frame)


def main(rows: int = 10_000) -> None:
    frame = export_frame(rows)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "bench.xlsx"
        csv = Path(tmp) / "bench.csv"
        frame.to_excel(xlsx, index=False, engine="xlsxwriter")
        frame.to_csv(csv, index=False)
        for path in (xlsx, csv):
            t0, c0 = time.perf_counter(), time.process_time()
            survey = read_survey(path, key=b"bench-key")
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            print(f"{path.suffix[1:]}: {rows} rows x {frame.shape[1]} columns read in {seconds:.2f} s "
                  f"(CPU {cpu:.2f} s) "
                  f"({survey.report['accepted']} accepted, {len(survey.answers)} answer rows, tool {survey.tool})")


def demo(runs: int = 7) -> None:
    """Median milliseconds per read of the demo's small exports (after one read to warm caches)."""
    folder = Path(__file__).resolve().parents[1] / "raw" / "demo"
    for path in sorted(folder.glob("feedback_W0[1-3].csv")) + [folder / "needs_survey.xlsx"]:
        read_survey(path, key=b"bench-key")
        seconds = []
        for _ in range(runs):
            t0 = time.perf_counter()
            read_survey(path, key=b"bench-key")
            seconds.append(time.perf_counter() - t0)
        print(f"{path.name}: {statistics.median(seconds) * 1000:.1f} ms (median of {runs})")


if __name__ == "__main__":
    if sys.argv[1:] == ["--demo"]:
        demo()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
