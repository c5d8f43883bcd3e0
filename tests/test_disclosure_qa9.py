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
    assert shown["examples"].tolist() == [["Aloittavat yritykset lopettavat.", "Valvonta rasittaa pienyrityksiä."]]
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
