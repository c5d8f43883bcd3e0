"""What a review of 40 answers gains: macro-F1 on the other answers with and without the review.

Usage: .venv/bin/python bench/review_gain.py --real DIR [--reviewed 40] [--draws 5]

``DIR/needs.csv`` and ``DIR/feedback.csv`` (columns id, text, label, label2, ambiguous; the labelling rules of
``../shared/data/real-texts/LABELLING.md``; not shipped with the project, most sources state no licence) are
each coded as one batch. For each of ``--draws`` fixed random draws (seeds 0, 1, ...), ``--reviewed`` answers
are taken as reviewed, with their gold labels as the analyst's themes (label, then label2); the batch is coded
again with ``ThemeCoder.code(texts, reviewed=...)``. Printed per draw: main-theme macro-F1 on the answers *not*
reviewed, without and with the review (lenient: on an ambiguous row label2 counts too; classes as in
``bench/coding_quality.py --real``), and the check that every reviewed answer carries exactly its reviewed
themes. The mean gain over the draws is the figure (the issue's target on the held-out needs: >= 0.05).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from coding_quality import lenient_truth, main_f1  # noqa: E402
from pipeline.coding.coder import ThemeCoder  # noqa: E402
from pipeline.coding.taxonomy import OTHER, load_taxonomy  # noqa: E402


def gold_themes(row) -> list[str]:
    themes = [row["label"]] + ([row["label2"]] if row["label2"] and row["label2"] != row["label"] else [])
    return [t for t in themes if t != OTHER] or [OTHER]


def gain(name: str, path: Path, n_reviewed: int, draws: int, extra: Path | None = None) -> list[float]:
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    if extra is not None:
        # the shipped real text (tests/data/*_real_extra.csv) joins the batch: more answers left to score
        gold = pd.concat([gold, pd.read_csv(extra, dtype=str, keep_default_na=False)[gold.columns.intersection(
            ["id", "text", "lang", "label", "label2", "ambiguous", "source", "genre"])]], ignore_index=True)
    gold = gold.assign(text_id=gold["id"]).drop_duplicates("text").reset_index(drop=True)
    taxonomy = load_taxonomy(name)
    classes = taxonomy.slugs + ([OTHER] if (gold["label"] == OTHER).any() else [])
    coder = ThemeCoder(taxonomy)
    texts = gold[["text_id", "text"]]
    plain_codes = coder.code(texts).set_index("text_id")
    plain = plain_codes["theme"]
    # the workbook's order: an analyst reviewing from the top reviews the least confident answers first
    workbook_order = np.argsort(plain_codes.loc[gold["text_id"], "confidence"].to_numpy(), kind="stable")
    print(f"\n== {name}: {path} ({len(gold)} answers), {n_reviewed} reviewed per draw")
    gains = []
    for seed in [*range(draws), "workbook"]:
        size = min(n_reviewed, len(gold) - 1)
        picked = workbook_order[:size] if seed == "workbook" else \
            np.random.default_rng(seed).choice(len(gold), size=size, replace=False)
        is_reviewed = np.zeros(len(gold), dtype=bool)
        is_reviewed[picked] = True
        review = pd.DataFrame({"text": gold.loc[is_reviewed, "text"],
                               "themes": [gold_themes(r) for _, r in gold[is_reviewed].iterrows()]})
        codes = coder.code(texts, reviewed=review).set_index("text_id")
        exact = all(codes.at[tid, "themes"].split(";") == themes and codes.at[tid, "confidence"] == 1.0
                    for tid, themes in zip(gold.loc[is_reviewed, "text_id"], review["themes"]))
        rest = gold[~is_reviewed]
        before = plain.loc[rest["text_id"]].tolist()
        after = codes.loc[rest["text_id"], "theme"].tolist()
        f_before, _ = main_f1(lenient_truth(rest, before), before, classes)
        f_after, _ = main_f1(lenient_truth(rest, after), after, classes)
        gains.append(f_after - f_before)
        print(f"  draw {seed}: other answers {len(rest)}: macro-F1 {f_before:.3f} -> {f_after:.3f} "
              f"({f_after - f_before:+.3f}); reviewed answers carry their reviewed themes: {exact}")
    random_gains = gains[:-1]
    print(f"  mean gain of the random draws {np.mean(random_gains):+.3f} (min {min(random_gains):+.3f}, "
          f"max {max(random_gains):+.3f}); the workbook's first {n_reviewed} (least confident): {gains[-1]:+.3f}")
    return gains


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, required=True, metavar="DIR")
    parser.add_argument("--reviewed", type=int, default=40)
    parser.add_argument("--draws", type=int, default=5)
    parser.add_argument("--with-extra", action="store_true",
                        help="add tests/data/needs_real_extra.csv to the needs batch (issue 14)")
    args = parser.parse_args()
    for name in ("needs", "feedback"):
        if (args.real / f"{name}.csv").is_file():
            extra = ROOT / "tests" / "data" / f"{name}_real_extra.csv" if args.with_extra and name == "needs" else None
            gain(name, args.real / f"{name}.csv", args.reviewed, args.draws, extra)


if __name__ == "__main__":
    main()
