"""The public edition's rules beyond the WP1 count tables (found by a QA run on real-text projects, 2026-12-02):
the funnel's small bases and whole groups, the processed quote files of a public run, and the funnel's words when
nothing is known or no workshop exists."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from pipeline import outputs
from pipeline.analysis.linking import disclosed
from pipeline.charts.linking import funnel_headline
from pipeline.config import defaults
from pipeline.i18n import Messages
from pipeline.report.content import Formatter
from pipeline.runner import output_files

from conftest import StubResults

PARAMS = dict(defaults()["analysis"])
PUBLIC = dict(PARAMS, edition="public")
COUNTS = ("asked", "traced", "attended", "impact_base", "impact_yes")
BASES = {"traced": ("share",), "impact_base": ("impact_share",)}
PARTS = {"traced": ("attended",), "impact_base": ("impact_yes",)}


def funnel(rows: list[tuple[int, int, int, int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COUNTS))
    return frame.assign(share=frame["attended"] / frame["traced"], impact_share=frame["impact_yes"] / frame["impact_base"])


def test_public_funnel_hides_a_small_base_with_its_parts_and_a_group_that_answered_alike():
    # data: 4 of 4 attending askers said the workshop helped -- the hidden share, told by its two counts
    frame = funnel([(10, 5, 4, 4, 4), (13, 7, 5, 5, 3), (18, 9, 9, 6, 4)])
    shown = disclosed(frame, PUBLIC, counts=COUNTS, bases=BASES, parts=PARTS)
    assert shown["impact_base"].isna().tolist() == [True, False, False]
    assert shown["impact_yes"].isna().tolist() == [True, False, False]
    assert shown["impact_share"].isna().tolist() == [True, False, False]
    # 9 of 9 traced askers attended: every one of them did
    assert shown["attended"].isna().tolist() == [False, False, True]
    assert shown["share"].isna().tolist() == [False, False, True]
    assert shown["suppressed"].tolist() == [False, False, True]
    assert shown["asked"].tolist() == [10, 13, 18]
    steering = disclosed(frame, PARAMS, counts=COUNTS, bases=BASES, parts=PARTS)
    assert steering["impact_yes"].tolist() == [4, 3, 4] and steering["attended"].tolist() == [4, 5, 9]
    assert frame["impact_yes"].tolist() == [4, 3, 4]          # input untouched


def test_a_suppressed_funnel_row_still_shows_how_many_asked():
    # "asked" is the theme's survey total, published in full in the theme table beside it
    from pipeline.report.content import masked_when_suppressed

    assert not masked_when_suppressed("asked", (), "funnel")
    assert masked_when_suppressed("attended", (), "funnel")


def test_funnel_with_no_known_attendance_says_what_is_missing():
    frame = pd.DataFrame({"theme": ["sales", "data"], "theme_name": ["Sales", "Data"], "asked": [13, 7],
                          "traced": [0, 0], "attended": [0, 0], "share": [float("nan")] * 2,
                          "ci_low": [float("nan")] * 2, "ci_high": [float("nan")] * 2})
    fmt = Formatter(Messages("en"))
    assert funnel_headline({"funnel": frame}, {}, fmt, {}) == Messages("en")("linking.finding.funnel_untraced")
    assert funnel_headline({"funnel": frame.assign(traced=[4, 0])}, {}, fmt, {}) is None


def test_processed_quote_files_of_a_public_run_hold_the_public_reports_quotes(one_question_settings, tmp_path):
    settings = one_question_settings
    quotes = pd.DataFrame({"theme": ["sales"] * 2, "theme_name": ["Sales"] * 2, "text_id": ["a:q1", "b:q1"],
                           "text": ["Olemme alueen ainoa saha.", "Tarvitsemme apua myyntiin."]})
    shown = quotes.iloc[[1]].reset_index(drop=True)
    results = StubResults({o.name: None for o in outputs.written()}, quotes=quotes, report_tables={"quotes": shown})
    skip = ["figures", "coding_review", "reports"]
    public = output_files(replace(settings, analysis={**settings.analysis, "edition": "public"}), results, skip)
    steering = output_files(settings, results, skip)
    file = tmp_path / "out" / outputs.BY_NAME["quotes"].file
    assert public["quotes"][file]["text"].tolist() == ["Tarvitsemme apua myyntiin."]
    assert steering["quotes"][file]["text"].tolist() == quotes["text"].tolist()
