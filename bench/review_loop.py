"""The review loop end to end, as an analyst runs it: labelled answers put into a survey, the pipeline run, the
first N rows of reports/coding_review.xlsx reviewed with the gold labels, the pipeline run again.

Usage: .venv/bin/python bench/review_loop.py --real DIR [--reviewed 40] [--with-extra]

``DIR/needs.csv`` has columns ``id, text, lang, label, label2, ambiguous`` (a labelled set of real need statements;
none is shipped with the project); ``--with-extra`` adds the shipped ``tests/data/needs_real_extra.csv`` (100
answers then: with 54, reviewing 40 leaves too few to score). Each text becomes one company's answer to an
open needs question of a CSV survey. Printed: main-theme macro-F1 (label, or label2 on an ambiguous row,
counts as right) on the answers *not* reviewed, before and after the review; whether every reviewed answer
carries exactly its reviewed themes after the rerun; and the agreement row of ``processed/coding_agreement.csv``.
"""
from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from coding_quality import lenient_truth, main_f1  # noqa: E402

QUESTION = "Missä asioissa yrityksenne tarvitsisi tukea?"
CLASSES = ["sales", "branding", "data", "ecommerce", "export", "other"]


def run(config: Path, out: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "--config", str(config), "--out", str(out),
                             "--quiet"], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.stderr.strip())


def main_themes(out: Path, gold: pd.DataFrame) -> pd.Series:
    """The coded main theme of each gold answer (by its text), from the run's processed tables."""
    texts = pd.read_parquet(out / "processed" / "texts.parquet")
    codes = pd.read_parquet(out / "processed" / "codes.parquet").merge(texts[["text_id", "text"]], on="text_id")
    by_text = dict(zip(codes["text"], codes["theme"]))
    return gold["text"].map(by_text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, required=True, metavar="DIR")
    parser.add_argument("--reviewed", type=int, default=40)
    parser.add_argument("--with-extra", action="store_true", help="add tests/data/needs_real_extra.csv")
    args = parser.parse_args()
    gold = pd.read_csv(args.real / "needs.csv", dtype=str, keep_default_na=False)
    if args.with_extra:
        extra = pd.read_csv(ROOT / "tests" / "data" / "needs_real_extra.csv", dtype=str, keep_default_na=False)
        gold = pd.concat([gold, extra[gold.columns.intersection(extra.columns)]], ignore_index=True)
    gold = gold.drop_duplicates("text")
    gold = gold.reset_index(drop=True)
    folder = Path(tempfile.mkdtemp())
    with (folder / "needs.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Timestamp", "Y-tunnus", QUESTION])
        for i, text in enumerate(gold["text"]):
            writer.writerow([f"10/{i % 28 + 1}/2021 9:{i % 60:02d}:00", f"{2000000 + i}-{i % 10}", text])
    config = folder / "project.toml"
    config.write_text('[needs]\nfile = "needs.csv"\n', encoding="utf-8")
    out = folder / "out"
    run(config, out)
    before = main_themes(out, gold)

    book = load_workbook(out / "reports" / "coding_review.xlsx")
    sheet = book["review"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in ("text", "taxonomy", "reviewed_themes")}
    by_text = {t: (row["label"], row["label2"]) for t, (_, row) in zip(gold["text"], gold.iterrows())}
    reviewed: dict[str, list[str]] = {}
    for r in range(2, sheet.max_row + 1):
        text = sheet.cell(r, col["text"]).value
        if len(reviewed) == args.reviewed or sheet.cell(r, col["taxonomy"]).value != "needs" or text not in by_text:
            continue
        label, label2 = by_text[text]
        themes = [t for t in dict.fromkeys([label, label2]) if t]
        themes = [t for t in themes if t != "other"] or ["other"]
        sheet.cell(r, col["reviewed_themes"]).value = "; ".join(themes)
        reviewed[text] = themes
    book.save(folder / "coding_review.xlsx")
    with config.open("a", encoding="utf-8") as fh:
        fh.write('\n[coding]\nreview = "coding_review.xlsx"\n')
    run(config, out)
    after = main_themes(out, gold)

    rest = ~gold["text"].isin(reviewed)
    f_before, _ = main_f1(lenient_truth(gold[rest], before[rest].tolist()), before[rest].tolist(), CLASSES)
    f_after, _ = main_f1(lenient_truth(gold[rest], after[rest].tolist()), after[rest].tolist(), CLASSES)
    codes = pd.read_parquet(out / "processed" / "codes.parquet").merge(
        pd.read_parquet(out / "processed" / "texts.parquet")[["text_id", "text"]], on="text_id")
    exact = all(codes.loc[codes["text"] == t, "themes"].iloc[0].split(";") == themes for t, themes in reviewed.items())
    agreement = pd.read_csv(out / "processed" / "coding_agreement.csv")
    print(f"{len(gold)} answers in one survey; the workbook's first {len(reviewed)} needs rows reviewed "
          f"(least confident first)")
    print(f"macro-F1 on the {int(rest.sum())} answers not reviewed: {f_before:.3f} -> {f_after:.3f} "
          f"({f_after - f_before:+.3f})")
    print(f"reviewed answers carry exactly their reviewed themes: {exact}")
    print(agreement[agreement["theme"] == "all"].to_string(index=False))


if __name__ == "__main__":
    main()
