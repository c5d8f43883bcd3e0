"""How the coder holds up when real answers are misspelt: macro-F1 on real text, as written and with typos.

Usage: .venv/bin/python bench/coding_typos.py [--rate 0.3] [--draws 3] [--score TAXONOMY=CSV ...]

By default it reads the shipped real sets (``tests/data/needs_real_extra.csv``, ``feedback_real_extra.csv``; real
people's words, see ``tests/data/REAL_EXTRA.md``); ``--score`` adds labelled files of the same columns. Each
set is scored as written and then, for each of ``--draws`` fixed random draws, with typos put into its words:
every word of six letters or more gets, with probability ``--rate``, one slip of the kinds people make when
they type an answer: a letter left out, two neighbouring letters swapped, a letter doubled, or the word typed
without its diacritics (ä, ö, å as a, o, a: a keyboard without them). The typos are made up, the answers and
their labels are real; so the figure says how much a misspelling costs, not how often people misspell.
Printed: main-theme macro-F1 (lenient, as ``bench/coding_quality.py --real``) as written, the mean and range
with typos, and the share of answers whose main theme the typos changed.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from coding_quality import lenient_truth, main_f1  # noqa: E402
from pipeline.coding.coder import ThemeCoder  # noqa: E402
from pipeline.coding.taxonomy import OTHER, load_taxonomy  # noqa: E402

_WORD = re.compile(r"[^\W\d_]{6,}")
_PLAIN = str.maketrans("äöåÄÖÅ", "aoaAOA")


def misspelt(text: str, rng: random.Random, rate: float) -> str:
    """``text`` with one slip in each word of six letters or more, with probability ``rate``."""
    def slip(match: re.Match) -> str:
        word = match.group(0)
        if rng.random() >= rate:
            return word
        kinds = ["drop", "swap", "double"] + (["plain"] if word != word.translate(_PLAIN) else [])
        kind = rng.choice(kinds)
        i = rng.randrange(1, len(word) - 1)      # the first and last letters are seldom the slip
        if kind == "drop":
            return word[:i] + word[i + 1:]
        if kind == "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if kind == "double":
            return word[:i] + word[i] + word[i:]
        return word.translate(_PLAIN)
    return _WORD.sub(slip, text)


def main_themes(coder: ThemeCoder, gold: pd.DataFrame, texts: list[str]) -> list[str]:
    codes = coder.code(pd.DataFrame({"text_id": gold["id"], "text": texts}))
    return codes.set_index("text_id").loc[gold["id"], "theme"].tolist()


def score(gold: pd.DataFrame, predicted: list[str], classes: list[str]) -> float:
    return main_f1(lenient_truth(gold, predicted), predicted, classes)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=0.3)
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--score", nargs="*", default=[], metavar="TAXONOMY=CSV")
    parser.add_argument("--params", nargs="*", default=[], metavar="KEY=VALUE", help="[coding] settings")
    args = parser.parse_args()
    params = {k: float(v) for k, v in (p.split("=", 1) for p in args.params)}
    data = ROOT / "tests" / "data"
    sets = [("needs", data / "needs_real_extra.csv"), ("feedback", data / "feedback_real_extra.csv")]
    sets += [(spec.split("=", 1)[0], Path(spec.split("=", 1)[1])) for spec in args.score]
    print(f"typo rate {args.rate} per word of 6+ letters, {args.draws} draws")
    print(f"{'set':<32}{'n':>5}{'as written':>12}{'with typos':>28}{'main changed':>14}")
    for name, path in sets:
        gold = pd.read_csv(path, dtype=str, keep_default_na=False)
        taxonomy = load_taxonomy(name)
        classes = taxonomy.slugs + ([OTHER] if (gold["label"] == OTHER).any() else [])
        coder = ThemeCoder(taxonomy, params)
        clean = main_themes(coder, gold, gold["text"].tolist())
        typo_scores, changed = [], []
        for draw in range(args.draws):
            rng = random.Random(draw)
            predicted = main_themes(coder, gold, [misspelt(t, rng, args.rate) for t in gold["text"]])
            typo_scores.append(score(gold, predicted, classes))
            changed.append(sum(a != b for a, b in zip(clean, predicted)) / len(gold))
        mean = sum(typo_scores) / len(typo_scores)
        spread = f"{mean:.3f} ({min(typo_scores):.3f} .. {max(typo_scores):.3f})"
        print(f"{name + ': ' + path.name:<32}{len(gold):>5}{score(gold, clean, classes):>12.3f}{spread:>28}"
              f"{sum(changed) / len(changed):>14.1%}")


if __name__ == "__main__":
    main()
