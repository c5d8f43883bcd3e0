"""Coding quality on the labelled development sets, beside a plain substring-keyword baseline.

Usage: .venv/bin/python bench/coding_quality.py [--needs PATH ...] [--feedback PATH ...]
       .venv/bin/python bench/coding_quality.py --real DIR [--errors]
       .venv/bin/python bench/coding_quality.py --score feedback=PATH needs=PATH [--split A] [--errors]

``--real DIR`` scores real text instead: ``DIR/needs.csv`` and ``DIR/feedback.csv`` with columns id, text, lang,
label, label2, ambiguous (labelled by the rules tests/data/REAL_EXTRA.md describes; the development set is not
shipped with the project because most of its sources state no licence). Printed per taxonomy: main-theme
macro-F1 over the taxonomy's themes + other, where on a row with ambiguous=1 the coder's main theme counts as
right when it equals label or label2 ("lenient", the headline figure); the strict figure (label only);
accuracy per language; the same for the keyword baseline. ``--errors`` lists the rows coded wrong.

By default it scores the development sets (``tests/data/*_dev.csv``, written with the coder) and the blind
held-out sets (``tests/data/*_holdout.csv``, written by an independent annotator who never saw the coder or
its word lists; see ``tests/data/HOLDOUT.md``). Gold files have columns text and themes (";"-joined, first =
main theme, "other" when none applies), and optionally text_id.
Printed per taxonomy and method:

- main-theme macro-F1: one label per answer (gold first theme vs the coder's main theme), F1 per class over
  the taxonomy's themes + other, unweighted mean. This is the headline figure (target >= 0.80 for needs,
  >= 0.70 for feedback);
- multi-label macro-F1: per class, F1 of "the class is among the answer's themes", unweighted mean.

Methods: the coder with Voikko (when it loads) and on the simplemma path, for a taxonomy with a shipped
classifier (feedback, ``pipeline/coding/prior.py``) also the lexicon alone (``prior_weight = 0``; note that
the classifier was trained on ``tests/data/feedback_dev.csv`` and ``feedback_real_extra.csv``, so only the
held-out and the real development figures measure it), and the baseline (an answer gets
every theme one of whose seed terms occurs in its lower-cased text as a substring; main = first occurring).
Cross-check: the set is cut into two halves (by text_id hash) and each half is coded as a survey of its own,
so the self-training step sees only that half; the scores of the two halves are printed separately.
Nothing in the coder is fitted to these files (the lexicons are written from domain knowledge); the split
shows how much the figure depends on the particular batch.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.coding.coder import ThemeCoder  # noqa: E402
from pipeline.coding.taxonomy import OTHER, load_taxonomy  # noqa: E402
from pipeline.text.normalise import voikko_available  # noqa: E402


def f1_per_class(gold: list[set[str]], pred: list[set[str]], classes: list[str]) -> dict[str, float]:
    """Return F1 per class for label sets (one set per answer)."""
    out = {}
    for c in classes:
        tp = sum(c in g and c in p for g, p in zip(gold, pred))
        fp = sum(c not in g and c in p for g, p in zip(gold, pred))
        fn = sum(c in g and c not in p for g, p in zip(gold, pred))
        out[c] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
    return out


def macro(scores: dict[str, float]) -> float:
    values = [v for v in scores.values() if v == v]
    return sum(values) / len(values) if values else float("nan")


def baseline_codes(taxonomy, texts: pd.DataFrame) -> pd.DataFrame:
    """Substring keywords: every theme with a seed occurring in the lower-cased text; main = first occurring."""
    terms = [(t.lower(), slug) for slug in taxonomy.slugs
             for terms in taxonomy.themes[slug].seeds.values() for t in terms]
    rows = []
    for tid, text in zip(texts["text_id"], texts["text"]):
        low = text.lower()
        hits = {}
        for term, slug in terms:
            pos = low.find(term)
            if pos >= 0:
                hits[slug] = min(hits.get(slug, pos), pos)
        themes = sorted(hits, key=lambda s: (hits[s], s)) or [OTHER]
        rows.append((tid, themes[0], ";".join(themes)))
    return pd.DataFrame(rows, columns=["text_id", "theme", "themes"])


def scores(gold: pd.DataFrame, codes: pd.DataFrame, classes: list[str]) -> tuple[dict, dict]:
    merged = gold.merge(codes[["text_id", "theme", "themes"]], on="text_id", suffixes=("_gold", ""))
    gold_sets = [set(s.split(";")) for s in merged["themes_gold"]]
    pred_sets = [set(s.split(";")) for s in merged["themes"]]
    gold_main = [{s.split(";")[0]} for s in merged["themes_gold"]]
    pred_main = [{s} for s in merged["theme"]]
    return f1_per_class(gold_main, pred_main, classes), f1_per_class(gold_sets, pred_sets, classes)


def halves(gold: pd.DataFrame) -> list[pd.DataFrame]:
    key = gold["text_id"].map(lambda t: int(hashlib.sha256(t.encode()).hexdigest(), 16) % 2)
    return [gold[key == 0], gold[key == 1]]


def report(name: str, path: Path) -> None:
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "text_id" not in gold.columns:
        gold.insert(0, "text_id", [f"{path.stem}:{n:04d}" for n in range(len(gold))])
    taxonomy = load_taxonomy(name)
    # the taxonomy's themes, plus `other` where the gold set uses it (the feedback categories are seven;
    # a class no gold answer has would count as F1 = 0 for every false positive)
    uses_other = gold["themes"].str.split(";").map(lambda ts: OTHER in ts).any()
    classes = taxonomy.slugs + ([OTHER] if uses_other else [])
    methods = {}
    if voikko_available():
        methods["coder (voikko)"] = ThemeCoder(taxonomy, use_voikko=True)
    methods["coder (simplemma)"] = ThemeCoder(taxonomy, use_voikko=False)
    if methods["coder (simplemma)"].prior is not None:
        # the coder without its shipped classifier (pipeline/coding/prior.py): the lexicon alone
        methods["lexicon only (voikko)" if voikko_available() else "lexicon only (simpl.)"] = ThemeCoder(
            taxonomy, {"prior_weight": 0}, use_voikko=voikko_available())
    print(f"\n== {name}: {path.name}, {len(gold)} answers; classes {', '.join(classes)}")
    table = {}
    for label, coder in methods.items():
        table[label] = scores(gold, coder.code(gold[["text_id", "text"]]), classes)
    table["keyword baseline"] = scores(gold, baseline_codes(taxonomy, gold), classes)
    header = f"{'method':<22}{'kind':<8}" + "".join(f"{c[:12]:>13}" for c in classes) + f"{'macro-F1':>10}"
    print(header)
    for label, (main, multi) in table.items():
        for kind, per in (("main", main), ("multi", multi)):
            cells = "".join(f"{per[c]:>13.3f}" for c in classes)
            print(f"{label:<22}{kind:<8}{cells}{macro(per):>10.3f}")
    print("cross-check: each half coded as its own survey (main-theme / multi-label macro-F1)")
    for label, coder in methods.items():
        parts = []
        for i, half in enumerate(halves(gold)):
            main, multi = scores(half, coder.code(half[["text_id", "text"]]), classes)
            parts.append(f"half {i + 1} (n={len(half)}): {macro(main):.3f} / {macro(multi):.3f}")
        base = [scores(h, baseline_codes(taxonomy, h), classes) for h in halves(gold)]
        parts.append("baseline: " + ", ".join(f"{macro(m):.3f} / {macro(x):.3f}" for m, x in base))
        print(f"  {label}: " + "; ".join(parts))


def lenient_truth(gold: pd.DataFrame, predicted: list[str]) -> list[str]:
    """The gold main theme per row, except that on an ambiguous row a prediction equal to label2 counts."""
    out = []
    for label, label2, ambiguous, pred in zip(gold["label"], gold["label2"], gold["ambiguous"], predicted):
        out.append(pred if str(ambiguous) == "1" and label2 and pred == label2 else label)
    return out


def main_f1(truth: list[str], predicted: list[str], classes: list[str]) -> tuple[float, dict[str, float]]:
    per = f1_per_class([{t} for t in truth], [{p} for p in predicted], classes)
    return macro(per), per


def real_report(name: str, path: Path, show_errors: bool = False, split: str | None = None) -> dict:
    """Score the coder and the keyword baseline on a real labelled file; return the coder's figures.

    ``split``: keep only the rows whose ``split`` column equals it (a file cut into halves by source).
    """
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    if split is not None:
        gold = gold[gold["split"] == split].reset_index(drop=True)
    gold = gold.assign(text_id=gold["id"])
    taxonomy = load_taxonomy(name)
    # other is a class where the labels use it (needs); a feedback comment always has a category, so there
    # a main theme `other` is simply a miss of the gold category (as in tests/test_coding_quality.py)
    classes = taxonomy.slugs + ([OTHER] if (gold["label"] == OTHER).any() else [])
    methods = {}
    if voikko_available():
        methods["coder (voikko)"] = ThemeCoder(taxonomy, use_voikko=True)
    methods["coder (simplemma)"] = ThemeCoder(taxonomy, use_voikko=False)
    if methods["coder (simplemma)"].prior is not None:
        # the coder without its shipped classifier (pipeline/coding/prior.py): the lexicon alone
        methods["lexicon only (voikko)" if voikko_available() else "lexicon only (simpl.)"] = ThemeCoder(
            taxonomy, {"prior_weight": 0}, use_voikko=voikko_available())
    langs = sorted(set(gold["lang"]))
    print(f"\n== {name}: {path} (real text), {len(gold)} answers "
          f"({', '.join(f'{lang} {int((gold.lang == lang).sum())}' for lang in langs)}); classes {', '.join(classes)}")
    print(f"{'method':<22}{'macro-F1':>10}{'strict':>9}" + "".join(f"{'acc ' + lang:>9}" for lang in langs)
          + "".join(f"{c[:11]:>12}" for c in classes))
    figures = {}
    codes_by = {label: coder.code(gold[["text_id", "text"]]) for label, coder in methods.items()}
    codes_by["keyword baseline"] = baseline_codes(taxonomy, gold)
    for label, codes in codes_by.items():
        predicted = codes.set_index("text_id").loc[gold["text_id"], "theme"].tolist()
        truth = lenient_truth(gold, predicted)
        lenient, per = main_f1(truth, predicted, classes)
        strict, _ = main_f1(gold["label"].tolist(), predicted, classes)
        right = pd.Series([t == p for t, p in zip(truth, predicted)], index=gold.index)
        accuracy = {lang: right[gold["lang"] == lang].mean() for lang in langs}
        figures[label] = {"macro_f1": lenient, "strict": strict, **{f"acc_{k}": v for k, v in accuracy.items()}}
        print(f"{label:<22}{lenient:>10.3f}{strict:>9.3f}" + "".join(f"{accuracy[lang]:>9.2f}" for lang in langs)
              + "".join(f"{per[c]:>12.3f}" for c in classes))
        if show_errors and label.startswith("coder ("):
            for i in gold.index[~right]:
                print(f"   {gold.at[i, 'id']} [{gold.at[i, 'lang']}] gold {gold.at[i, 'label']}"
                      f"/{gold.at[i, 'label2'] or '-'} got {predicted[i]}: {gold.at[i, 'text'][:150]}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data = ROOT / "tests" / "data"
    parser.add_argument("--needs", type=Path, nargs="+",
                        default=[data / "needs_dev.csv", data / "needs_holdout.csv"])
    parser.add_argument("--feedback", type=Path, nargs="+",
                        default=[data / "feedback_dev.csv", data / "feedback_holdout.csv"])
    parser.add_argument("--real", type=Path, metavar="DIR",
                        help="score the real labelled texts DIR/needs.csv and DIR/feedback.csv instead")
    parser.add_argument("--errors", action="store_true", help="with --real: list the rows coded wrong")
    parser.add_argument("--score", nargs="+", metavar="TAXONOMY=PATH",
                        help="score any real labelled CSV (columns as --real), e.g. feedback=/tmp/new.csv")
    parser.add_argument("--split", help="with --score: only the rows whose `split` column has this value")
    parser.add_argument("--extra", action="store_true",
                        help="score the shipped real text tests/data/{needs,feedback}_real_extra.csv (issue 14)")
    args = parser.parse_args()
    if args.score:
        for item in args.score:
            name, _, path = item.partition("=")
            real_report(name, Path(path), args.errors, args.split)
        return
    if args.extra:
        for name in ("needs", "feedback"):
            real_report(name, data / f"{name}_real_extra.csv", args.errors)
        return
    if args.real is not None:
        for name in ("needs", "feedback"):
            if (args.real / f"{name}.csv").is_file():
                real_report(name, args.real / f"{name}.csv", args.errors)
        return
    for path in args.needs:
        report("needs", path)
    for path in args.feedback:
        report("feedback", path)


if __name__ == "__main__":
    main()
