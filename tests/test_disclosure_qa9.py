"""The public edition, QA round 9 (2026-12-03, a new project from real text, P9, and the earlier six): emerging
themes of two answers printed in full, one interval given for tied themes, a funnel row whose attendance share a
small impact count hid, and a report that hid counts its own files publish."""
from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.disclosure import disclosed, small_figures
from pipeline.i18n import Messages
from pipeline.report import edition_tables
from pipeline.report.content import Formatter, display_table

PUBLIC = {"edition": "public", "min_count": 3, "min_base": 5, "min_responses": 5, "protection_interval": 3,
          "confidence": 0.95}
STEERING = {**PUBLIC, "edition": "steering"}


def _emerging() -> pd.DataFrame:
    return pd.DataFrame({"cluster_id": [1, 2], "label": ["toiminta, yritys", "kivi, jalka"], "answers": [3, 2],
                         "examples": [["Aloittavat yritykset lopettavat.", "Valvonta rasittaa pienyrityksiä.",
                                       "He näkevät syyksi Kivihaan kauppakeskuksen imun."],
                                      ["Kivijalka ei kannata.", "Siitä on suuret kulut."]]})


def test_public_emerging_themes_leave_out_clusters_of_two_and_identifying_examples():
    """QA9: a cluster of 2 answers printed both in full, one naming a shopping centre."""
    found = small_figures({"emerging_themes": _emerging()}, PUBLIC)
    assert found[["table", "row", "column"]].values.tolist() == [["emerging_themes", 1, "answers"]]
    public = edition_tables({"emerging_themes": _emerging()}, {"edition": "public", "min_count": 3}, "fi")
    shown = public["emerging_themes"]
    assert shown["label"].tolist() == ["toiminta, yritys"]
    # a cluster of fewer than min_base (5) answers shows no example: its examples are nearly all its answers, and a
    # trade word in one names the firm (QA round 24); with min_base 3 the non-identifying ones are shown
    assert shown["examples"].tolist() == [[]]
    wider = edition_tables({"emerging_themes": _emerging()}, {"edition": "public", "min_count": 3, "min_base": 3},
                           "fi")["emerging_themes"]
    assert wider["examples"].tolist() == [["Aloittavat yritykset lopettavat.", "Valvonta rasittaa pienyrityksiä."]]
    assert small_figures(public, PUBLIC).empty
    steering = edition_tables({"emerging_themes": _emerging()}, {"edition": "steering"}, "en")["emerging_themes"]
    mark = Messages("en")("report.quote.identifying")
    assert steering["answers"].tolist() == [3, 2]
    assert steering["examples"].iloc[0][2] == f"He näkevät syyksi Kivihaan kauppakeskuksen imun. {mark}"
    assert steering["examples"].iloc[1] == ["Kivijalka ei kannata.", "Siitä on suuret kulut."]


def test_tied_most_wanted_themes_each_carry_their_own_interval():
    """QA9: "48 % each, 95 % CI 23–67 %" for three tied themes whose intervals differ (sales 11–67 %: uncertain
    companies widen it)."""
    from pipeline.report.headlines import theme_ranking

    ranking = pd.DataFrame({"theme": ["export", "sales"], "theme_name": ["Export", "Sales"], "rank": [1, 1],
                            "share": [0.48, 0.48], "ci_low": [0.23, 0.11], "ci_high": [0.67, 0.67]})
    line = theme_ranking({"theme_ranking": ranking}, {"confidence": 0.95}, Formatter(Messages("en")), {})
    assert line == "Most wanted, equally (48% each; 95% CI): Export 23–67%, Sales 11–67%"


FUNNEL = dict(counts=("asked", "traced", "attended", "impact_base", "impact_yes", "attended_without_asking"),
              bases={"traced": ("share", "ci_low", "ci_high"),
                     "impact_base": ("impact_share", "impact_ci_low", "impact_ci_high")},
              parts={"traced": ("attended",), "impact_base": ("impact_yes",)},
              no_zero=("attended_without_asking",), complement={"attended": "traced", "impact_yes": "impact_base"},
              within={"attended": ("impact_base", "impact_yes")})


def test_a_small_impact_or_without_asking_count_does_not_hide_the_attendance_share():
    """QA9: sales traced 12, attended 5, the share hidden (and the row's counts ':c' in the report while the
    file published them) because 2 of the 5 said the workshop helped."""
    frame = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "asked": [21], "traced": [12],
                          "attended": [5], "impact_base": [5], "impact_yes": [2], "attended_without_asking": [1],
                          "share": [5 / 12], "ci_low": [0.19], "ci_high": [0.68], "impact_share": [0.4],
                          "impact_ci_low": [0.12], "impact_ci_high": [0.77]})
    public = disclosed(frame, PUBLIC, **FUNNEL)
    assert public.loc[0, ["share", "ci_low", "ci_high"]].tolist() == [5 / 12, 0.19, 0.68]
    assert public.loc[0, ["impact_yes", "impact_share", "attended_without_asking"]].isna().all()
    assert not bool(public.at[0, "suppressed"])
    assert small_figures({"funnel": public}, PUBLIC).empty
    # the main count small: the share goes with it, and the row is marked
    few = disclosed(frame.assign(attended=2, share=2 / 12), PUBLIC, **FUNNEL)
    assert few.loc[0, ["attended", "share"]].isna().all() and bool(few.at[0, "suppressed"])


def test_the_report_shows_the_published_counts_of_a_row_whose_share_is_hidden():
    """QA9: the public funnel table read ':c' in every cell of a row whose file published traced 7 (steering: 4
    askers traced, 3 attended, all ':c' in the report beside the file's figures)."""
    frame = pd.DataFrame({"theme": ["export"], "theme_name": ["Export"], "workshops": [1], "asked": [11],
                          "traced": [7.0], "attended": [np.nan], "impact_base": [np.nan], "impact_yes": [np.nan],
                          "attended_without_asking": [np.nan], "share": [np.nan], "ci_low": [np.nan],
                          "ci_high": [np.nan], "impact_share": [np.nan], "impact_ci_low": [np.nan],
                          "impact_ci_high": [np.nan], "suppressed": [True]})
    from pipeline.report.content import viewed

    table = display_table(viewed(frame, "funnel"), "Funnel", Formatter(Messages("en")), {}, "funnel")
    row = dict(zip(table.headers, table.rows[0]))
    assert list(row.values())[:4] == ["Export", "1", "11", "7"]
    assert list(row.values())[4:6] == [":c", ":c"]


def _grid() -> tuple[pd.DataFrame, pd.DataFrame]:
    # three statements answered by the same 24 companies: sales 23 on the scale and 1 "don't know", marketing
    # 19 and 5, tools 20 and 4
    statements = {"Sales": [5, 6, 6, 6, 1], "Marketing": [4, 5, 5, 5, 5], "Tools": [4, 6, 5, 5, 4]}
    rows, summary = [], []
    for item, counts in statements.items():
        n = sum(counts[:4])
        for score, count in enumerate(counts[:4], start=1):
            rows.append(("q5", item, f"L{score}", score, False, count, n, count / n))
        rows.append(("q5", item, "Vet inte", np.nan, True, counts[4], 24, counts[4] / 24))
        summary.append(("q5", item, n, counts[4], counts[2] + counts[3], (counts[2] + counts[3]) / n, 0.3, 0.8,
                        3.0, "L3"))
    distribution = pd.DataFrame(rows, columns=["question_id", "item", "label", "score", "is_dont_know", "count",
                                               "base", "share"])
    summary = pd.DataFrame(summary, columns=["question_id", "item", "n", "n_dont_know", "top2", "share", "ci_low",
                                             "ci_high", "median_score", "median_label"])
    return distribution, summary.astype({"n": "Int64", "n_dont_know": "Int64", "top2": "Int64"})


def test_a_hidden_dont_know_count_is_not_told_by_the_grid_total_minus_the_statements_n():
    """QA9: "Vet inte" base 24 on two statements, sales n = 23 published: its hidden don't-know is 24 - 23 = 1.
    The statement's n is hidden too (in both tables), with a scale count, so that no sum gives it back."""
    from pipeline.disclosure import audit_tables, published

    distribution, summary = _grid()
    primary = distribution.assign(count=distribution["count"].mask((distribution["item"] == "Sales")
                                                                   & distribution["is_dont_know"]))
    told = audit_tables({"likert_distribution": primary, "likert_summary": summary.assign(n_dont_know=pd.NA)},
                        PUBLIC)
    assert not told[told["cell"].str.contains("Sales.*Vet inte")]["is_protected"].any()
    shown = published({"likert_distribution": distribution, "likert_summary": summary}, PUBLIC)
    sales = shown["likert_distribution"][shown["likert_distribution"]["item"] == "Sales"]
    assert sales["base"].isna().all() and sales["count"].isna().sum() >= 2
    assert sales["share"].isna().all()      # 6 at 26.1 % would give n = 23 back
    assert shown["likert_summary"].set_index("item").loc["Sales", ["n", "n_dont_know", "share"]].isna().all()
    assert audit_tables(shown, PUBLIC)["is_protected"].all()
    assert small_figures(shown, PUBLIC).empty
    # the summary's copy of the hidden n is caught by the audit
    copied = {**shown, "likert_summary": shown["likert_summary"].assign(n=summary["n"])}
    assert small_figures(copied, PUBLIC)[["table", "column"]].values.tolist() == [["likert_summary", "n"]]


def test_a_municipality_of_which_nothing_is_published_is_not_named_in_public():
    """QA9: the public segment file named the one company's misspelt municipality ("Kaustinnen") in rows of
    nothing but hidden figures; a size class so hidden stays (the questionnaire names it, not the answers)."""
    from pipeline.disclosure import published

    rows = [("all", "all", "sales", 13, 25), ("municipality", "Kokkola", "sales", 6, 12),
            ("municipality", "Kaustinen", "sales", 5, 9), ("municipality", "Kaustinnen", "sales", 1, 1),
            ("size", "1–9", "sales", 9, 21), ("size", "10–49", "sales", 3, 4)]
    frame = pd.DataFrame(rows, columns=["segment_type", "segment", "theme", "companies", "base"]).assign(
        theme_name="Sales", members=pd.NA)
    frame = frame.assign(share=frame["companies"] / frame["base"], ci_low=0.1, ci_high=0.9, suppressed=False)
    ranking = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "companies": [13], "respondents": [25],
                            "companies_uncertain": pd.array([0], dtype="Int64"), "share": [0.52],
                            "ci_low": [0.3], "ci_high": [0.7]})
    shown = published({"theme_ranking": ranking, "theme_by_segment": frame}, PUBLIC)["theme_by_segment"]
    assert "Kaustinnen" not in shown["segment"].tolist()
    assert "10–49" in shown["segment"].tolist()
    steering = published({"theme_ranking": ranking, "theme_by_segment": frame}, STEERING)["theme_by_segment"]
    assert "Kaustinnen" in steering["segment"].tolist()
