"""Disclosure control over every published table (pipeline.disclosure) and the audit-disclosure command."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from pipeline import schemas
from pipeline.analysis.stats import wilson_interval
from pipeline.cli import main
from pipeline.config import defaults
from pipeline.disclosure import audit_tables, published, small_figures, whole_segment_figures

from conftest import run_cli

PARAMS = dict(defaults()["analysis"])
SIZES = ["1", "2–5", "6–25", "26–50", "yli 50"]


def ranking(counts: dict[str, int], n: int) -> pd.DataFrame:
    themes = list(counts)
    return pd.DataFrame({"theme": themes, "theme_name": themes, "companies": pd.array(list(counts.values()),
                         dtype="Int64"), "respondents": n})


def segments(cells: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    """(size class, theme, companies, base) rows of theme_by_segment, nothing hidden."""
    frame = pd.DataFrame(cells, columns=["segment", "theme", "companies", "base"])
    low, high = wilson_interval(frame["companies"], frame["base"])
    frame = frame.assign(segment_type="size", theme_name=frame["theme"], share=frame["companies"] / frame["base"],
                         suppressed=False, ci_low=low, ci_high=high, members=pd.NA)
    return schemas.conform(frame, "theme_by_segment")


def hide(frame: pd.DataFrame, rows: list[int]) -> pd.DataFrame:
    out = frame.copy()
    out["companies"] = out["companies"].astype("Int64")
    out.loc[rows, "companies"] = pd.NA
    out.loc[rows, "suppressed"] = True
    return out


# the demo's attack: sales by size class, the total 23 of 26 companies published in theme_ranking
DEMO = segments([("1", "sales", 4, 5), ("2–5", "sales", 8, 9), ("6–25", "sales", 7, 8), ("26–50", "sales", 3, 3),
                 ("yli 50", "sales", 1, 1)])


def test_audit_finds_the_demo_attack_by_subtraction():
    shown = hide(DEMO, [3, 4])   # what the old secondary suppression published
    out = audit_tables({"theme_ranking": ranking({"sales": 23}, 26), "theme_by_segment": shown}, PARAMS)
    # 23 - (4 + 8 + 7) = 4 = 3 + 1: both hidden cells are known exactly (a base of 1 can only ask for 0..1)
    assert out[["cell", "low", "high", "required", "is_protected"]].values.tolist() == [
        ["theme_by_segment[size=26–50, sales].companies", 3.0, 3.0, 3.0, False],
        ["theme_by_segment[size=yli 50, sales].companies", 1.0, 1.0, 1.0, False]]


def test_published_hides_partners_until_no_hidden_cell_can_be_narrowed():
    tables = published({"theme_ranking": ranking({"sales": 23}, 26), "theme_by_segment": DEMO}, PARAMS)
    seg = tables["theme_by_segment"]
    assert seg["suppressed"].tolist()[3:] == [True, True]
    assert seg["suppressed"].sum() >= 4
    assert seg.loc[seg["suppressed"], ["companies", "share", "ci_low", "ci_high"]].isna().all().all()
    audit = audit_tables(tables, PARAMS)
    assert len(audit) == seg["suppressed"].sum() and audit["is_protected"].all()
    # the theme total is a survey-level figure: published as it was
    pd.testing.assert_frame_equal(tables["theme_ranking"], ranking({"sales": 23}, 26))


def test_complement_within_a_segment_is_caught():
    # export readiness: a segment's three answers add up to its base
    frame = pd.DataFrame({"segment_type": ["all"] * 3 + ["sector"] * 6,
                          "segment": ["all"] * 3 + ["A"] * 3 + ["B"] * 3,
                          "answer": ["yes", "maybe", "no"] * 3,
                          "companies": [9, 6, 5, 5, 1, 4, 4, 5, 1], "base": [20] * 3 + [10] * 6})
    low, high = wilson_interval(frame["companies"], frame["base"])
    frame = schemas.conform(frame.assign(share=frame["companies"] / frame["base"], ci_low=low, ci_high=high,
                                         suppressed=False, question="Vienti?"), "export_readiness")
    only_primary = hide(frame, [4, 8])
    narrow = audit_tables({"export_readiness": only_primary}, PARAMS)
    assert not narrow["is_protected"].any()     # 10 - 5 - 4 = 1 and 10 - 4 - 5 = 1
    tables = published({"export_readiness": frame}, PARAMS)
    audit = audit_tables(tables, PARAMS)
    assert audit["is_protected"].all() and len(audit) >= 4
    assert not tables["export_readiness"]["suppressed"][:3].any()   # the survey row stays


def test_zero_and_all_company_themes_need_no_partner():
    # nobody chose "none", everybody chose "all": a small segment's cells follow from the survey totals alone
    cells = [(s, t, c, b) for (s, b) in (("1", 2), ("2–5", 8))
             for t, c in (("none", 0), ("every", b))]
    frame = segments(cells)
    tables = published({"theme_ranking": ranking({"none": 0, "every": 10}, 10), "theme_by_segment": frame},
                       PARAMS)
    seg = tables["theme_by_segment"]
    assert seg["suppressed"].tolist() == [True, True, False, False]
    audit = audit_tables(tables, PARAMS)
    assert audit[["low", "high", "required"]].values.tolist() == [[0, 0, 0], [2, 2, 0]]
    assert audit["is_protected"].all()


def test_public_edition_hides_small_totals_and_bases():
    frame = segments([("1", "sales", 4, 5), ("2–5", "sales", 3, 4), ("6–25", "sales", 6, 8)])
    params = dict(PARAMS, edition="public")
    tables = published({"theme_ranking": ranking({"sales": 13, "other": 2}, 17), "theme_by_segment": frame}, params)
    assert tables["theme_ranking"]["companies"].isna().tolist() == [False, True]
    assert tables["theme_by_segment"]["base"].isna().tolist() == [False, True, False]
    assert small_figures(tables, params).empty
    assert audit_tables(tables, params)["is_protected"].all()
    steering = published({"theme_ranking": ranking({"sales": 13, "other": 2}, 17), "theme_by_segment": frame},
                         PARAMS)
    assert small_figures(steering, PARAMS)[["table", "column", "value"]].values.tolist() == [
        ["theme_ranking", "companies", 2.0], ["theme_by_segment", "base", 4.0]]


def test_a_segment_type_whose_small_segment_the_other_bases_pin_down_is_left_out():
    # 30 companies: 15 and 14 in two size classes, 1 in the largest. Hiding the largest class's base and cells is
    # not enough: 30 - 15 - 14 says it holds at most one company, so its cells are 0 or 1 whatever else is hidden
    frame = segments([("1–9", "sales", 8, 15), ("10–49", "sales", 9, 14), ("50+", "sales", 1, 1),
                      ("1–9", "data", 5, 15), ("10–49", "data", 6, 14), ("50+", "data", 0, 1)])
    params = dict(PARAMS, edition="public")
    tables = published({"theme_ranking": ranking({"sales": 18, "data": 11}, 30), "theme_by_segment": frame}, params)
    shown = tables["theme_by_segment"]
    assert shown["companies"].isna().all() and shown["base"].isna().all()
    assert audit_tables(tables, params)["is_protected"].all()
    assert tables["theme_ranking"]["companies"].tolist() == [18, 11]


def write_run(root, tables, analysis=None):
    (root / "processed").mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_csv(root / "processed" / f"{name}.csv", index=False)
    (root / "processed" / "manifest.json").write_text(json.dumps(
        {"settings": {"analysis": dict(PARAMS, **(analysis or {}))}}), encoding="utf-8")


def test_audit_command_exit_codes(tmp_path, capsys):
    attacked, safe = tmp_path / "attacked", tmp_path / "safe"
    write_run(attacked, {"theme_ranking": ranking({"sales": 23}, 26), "theme_by_segment": hide(DEMO, [3, 4])})
    write_run(safe, published({"theme_ranking": ranking({"sales": 23}, 26), "theme_by_segment": DEMO}, PARAMS))
    assert main(["audit-disclosure", str(attacked)]) == 1
    out = capsys.readouterr().out
    assert "NARROW theme_by_segment[size=26–50, sales].companies: 3..3 (width 0, needs 3)" in out
    assert main(["audit-disclosure", str(safe)]) == 0
    assert main(["audit-disclosure", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "missing" in err[0]
    (tmp_path / "empty" / "processed").mkdir(parents=True)
    assert main(["audit-disclosure", str(tmp_path / "empty")]) == 2


def test_audit_command_flags_small_published_figures_in_the_public_edition(tmp_path, capsys):
    frame = segments([("1", "sales", 4, 5), ("2–5", "sales", 3, 4), ("6–25", "sales", 6, 8)])
    tables = published({"theme_ranking": ranking({"sales": 13}, 17), "theme_by_segment": frame}, PARAMS)
    write_run(tmp_path / "run", tables, {"edition": "public"})
    assert main(["audit-disclosure", str(tmp_path / "run")]) == 1
    assert "SMALL  theme_by_segment row 3 base = 4 published" in capsys.readouterr().out


@pytest.mark.slow
def test_demo_steering_edition_passes_the_audit(demo_out):
    result = run_cli("audit-disclosure", str(demo_out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 narrower than 3 companies" in result.stdout


def test_public_edition_hides_a_segment_whose_companies_all_answered_alike():
    # 6 of 6 companies of one size class want sales and none of the 7 of another wants data: published, each
    # cell tells every member company's answer; the survey totals (13 and 4 of 20) do not give them away
    frame = segments([("2–5", "sales", 6, 6), ("6–25", "sales", 4, 7), ("26–50", "sales", 3, 7),
                      ("2–5", "data", 4, 6), ("6–25", "data", 0, 7), ("26–50", "data", 0, 7)])
    totals = ranking({"sales": 13, "data": 4}, 20)
    params = dict(PARAMS, edition="public")
    public = published({"theme_ranking": totals, "theme_by_segment": frame}, params)
    shown = public["theme_by_segment"]
    assert shown["companies"].isna().tolist()[:1] == [True]
    assert shown["companies"].isna().tolist()[4:] == [True, True]
    assert whole_segment_figures(public, params).empty
    assert audit_tables(public, params)["is_protected"].all()
    steering = published({"theme_ranking": totals, "theme_by_segment": frame}, PARAMS)
    assert whole_segment_figures(steering, PARAMS)["row"].tolist() == [0, 4, 5]


def test_a_whole_segment_the_survey_total_already_gives_away_stays_published():
    # nobody of the 20 wants export: every segment's 0 follows from the published total, hiding it protects nothing
    frame = segments([("2–5", "export", 0, 6), ("6–25", "export", 0, 7), ("26–50", "export", 0, 7)])
    public = published({"theme_ranking": ranking({"export": 0}, 20), "theme_by_segment": frame},
                       dict(PARAMS, edition="public"))
    assert public["theme_by_segment"]["companies"].tolist() == [0, 0, 0]
    assert whole_segment_figures(public, dict(PARAMS, edition="public")).empty


def test_audit_of_a_public_run_fails_on_a_published_whole_segment(tmp_path, capsys):
    processed = tmp_path / "processed"
    processed.mkdir()
    frame = segments([("2–5", "sales", 6, 6), ("6–25", "sales", 4, 7), ("26–50", "sales", 3, 7)])
    frame.to_csv(processed / "theme_by_segment.csv", index=False)
    ranking({"sales": 13}, 20).to_csv(processed / "theme_ranking.csv", index=False)
    (processed / "manifest.json").write_text(json.dumps({"settings": {"analysis": {**PARAMS, "edition": "public"}}}),
                                             encoding="utf-8")
    assert main(["audit-disclosure", str(tmp_path)]) == 1
    assert "WHOLE  theme_by_segment row 2 companies = 6 published" in capsys.readouterr().out


def test_hidden_segments_whose_counts_add_up_to_their_bases_are_a_disclosure():
    # the demo's attack with the two largest size classes' bases hidden too: 23 - (4 + 8 + 7) = 4 companies chose
    # sales among the hidden classes, and 26 - 22 = 4 companies are in them at most, each cell at most its base:
    # every company of 26 staff or more chose sales, though each hidden cell's own range is 0..3 or 0..1
    shown = hide(DEMO, [3, 4])
    shown["base"] = shown["base"].astype("Int64").mask(shown.index >= 3)
    tables = {"theme_ranking": ranking({"sales": 23}, 26), "theme_by_segment": shown}
    assert whole_segment_figures(tables, PARAMS)["what"].tolist() == [
        "theme_by_segment[size, sales]: its hidden cells add up to none or all of the companies of their segments"]
    public = published({"theme_ranking": ranking({"sales": 23}, 26), "theme_by_segment": DEMO},
                       dict(PARAMS, edition="public"))
    assert whole_segment_figures(public, PARAMS).empty
    assert public["theme_by_segment"]["companies"].isna().sum() > 2
