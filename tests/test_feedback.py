"""WP3 evaluation (pipeline/analysis/feedback.py): register validation, rates, NPS, impact, coverage, reach."""
from __future__ import annotations

import logging
import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from pipeline.analysis.feedback import feedback_tables, nps_interval, register_texts, with_coded_themes
from pipeline.ingest.register import workshop_register
from pipeline.config import defaults
from pipeline.errors import InputError
from pipeline.schemas import conform, empty
from pipeline.survey import Survey

PARAMS = defaults()["analysis"]
NAMES = {"data": "Data", "brand": "Brand", "sales": "Sales", "practicality": "Practicality",
         "positive": "Positive"}


# --- helpers: tiny registers and surveys ---------------------------------------------------------------------

def raw_register(**overrides) -> pd.DataFrame:
    """Two workshops as read from a CSV with dtype=str; ``overrides`` replace whole columns."""
    data = {
        "workshop_id": ["W1", "W2"], "date": ["2022-02-10", "2022-04-05"], "title": ["Canva", "Tiedosta tuottoa"],
        "themes": ["brand", ""], "format": ["onsite", "Online"], "locality": ["Kokkola", ""],
        "organiser": ["KPEDU", ""], "language": ["fi", "FI"], "participants": ["60", "20"],
        "participants_note": ["almost 60", ""], "hours": ["3", "2,5"],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def register(rows: list[tuple]) -> pd.DataFrame:
    """A validated register from (workshop_id, date, title, themes, participants, hours) tuples."""
    return workshop_register(pd.DataFrame({
        "workshop_id": [r[0] for r in rows], "date": [r[1] for r in rows], "title": [r[2] for r in rows],
        "themes": [r[3] for r in rows], "format": "onsite",
        "participants": ["" if r[4] is None else str(r[4]) for r in rows],
        "hours": ["" if r[5] is None else str(r[5]) for r in rows]}))


def survey(source: str, questions: list[tuple], answers: list[tuple], companies: dict | None = None,
           submitted: dict | None = None) -> Survey:
    """A Survey from (question_id, type, role, options) and (respondent_id, question_id, value, text, score)."""
    q = conform(pd.DataFrame([{"question_id": qid, "text": qid, "type": typ, "columns": [qid], "options": opts,
                               "role": role} for qid, typ, role, opts in questions]), "questions")
    a = conform(pd.DataFrame([{"respondent_id": r, "question_id": qid, "item": "", "value": v, "text": t,
                               "score": s, "is_dont_know": False} for r, qid, v, t, s in answers]), "answers")
    ids = list(dict.fromkeys(a["respondent_id"]))
    r = conform(pd.DataFrame({"respondent_id": ids, "company_id": [(companies or {}).get(i, i) for i in ids],
                              "source_row": range(2, 2 + len(ids)),
                              "submitted_at": pd.to_datetime([(submitted or {}).get(i) for i in ids])}),
                "respondents")
    return Survey(source, "googleforms", "utf-8", ",", 1, q, r, a, empty("rejected"), {})


SAT = ("q1", "likert", "satisfaction", ["1", "2", "3", "4", "5"])
REC = ("q2", "likert", "recommend", [str(i) for i in range(11)])


def rated(source: str, sat: list[int], rec: list[int] | None = None, prefix: str = "r") -> Survey:
    answers = [(f"{prefix}{i}", "q1", str(v), None, float(v)) for i, v in enumerate(sat)]
    answers += [(f"{prefix}{i}", "q2", str(v), None, float(v + 1)) for i, v in enumerate(rec or [])]
    return survey(source, [SAT, REC], answers)


def tables(workshops, feedback, impact=None, codes=None, texts=None, demand=None, params=PARAMS):
    codes = empty("codes") if codes is None else codes
    texts = empty("texts") if texts is None else texts
    return feedback_tables(workshops, feedback, impact, codes, texts, demand, params, NAMES)


# --- the register --------------------------------------------------------------------------------------------

def test_register_is_typed_sorted_and_normalised():
    raw = raw_register(workshop_id=["W2", "W1"], date=["2022-04-05", "10.2.2022"])
    got = workshop_register(raw)
    expected = conform(pd.DataFrame({
        "workshop_id": ["W1", "W2"], "date": pd.to_datetime(["2022-02-10", "2022-04-05"]),
        "title": ["Tiedosta tuottoa", "Canva"], "themes": ["", "brand"], "format": ["online", "onsite"],
        "locality": ["", "Kokkola"], "organiser": ["", "KPEDU"], "language": ["fi", "fi"],
        "participants": pd.array([20, 60], dtype="Int64"), "participants_note": ["", "almost 60"],
        "hours": [2.5, 3.0], "participants_low": pd.array([20, 60], dtype="Int64"), "is_rate_known": [True, True],
        "is_themes_coded": [False, False], "source_row": [3, 2]}), "workshop_register")
    assert_frame_equal(got, expected)


def test_register_month_only_date_is_first_of_month():
    got = workshop_register(raw_register(date=["2022-02", "2022-04-05"]))
    assert list(got["date"]) == [pd.Timestamp("2022-02-01"), pd.Timestamp("2022-04-05")]


def test_register_missing_column_names_file_and_column():
    with pytest.raises(InputError, match=r"^workshops\.csv: column\(s\) participants missing"):
        workshop_register(raw_register().drop(columns=["participants"]))


def test_register_optional_columns_may_be_absent():
    got = workshop_register(raw_register().drop(columns=["hours", "organiser", "themes"]))
    assert got["hours"].isna().all() and list(got["organiser"]) == ["", ""] and list(got["themes"]) == ["", ""]


def test_register_duplicate_id_names_both_rows():
    with pytest.raises(InputError, match=r"workshops\.csv, row 3, column workshop_id: 'W1' repeats .* row 2"):
        workshop_register(raw_register(workshop_id=["W1", "W1"]))


def test_register_empty_id_is_rejected():
    with pytest.raises(InputError, match=r"row 3, column workshop_id: empty"):
        workshop_register(raw_register(workshop_id=["W1", " "]))


def test_register_spacer_row_with_every_cell_empty_is_skipped(caplog):
    # a hand-kept register's blank line between terms, as a CSV (empty strings) and a workbook (NaN) give it
    raw = raw_register()
    spacer = pd.DataFrame([{c: "" for c in raw.columns}, {c: float("nan") for c in raw.columns}])
    kept = pd.concat([raw.iloc[:1], spacer, raw.iloc[1:]], ignore_index=True)
    with caplog.at_level(logging.INFO, logger="pipeline.ingest.register"):
        got = workshop_register(kept)
    pd.testing.assert_frame_equal(got.drop(columns="source_row"),
                                  workshop_register(raw).drop(columns="source_row"))
    assert list(got["source_row"]) == [2, 5]
    assert "workshops.csv, row 3: empty; skipped" in caplog.text and "row 4: empty; skipped" in caplog.text


def test_register_dates_with_weekday_clock_span_or_month_in_words():
    got = workshop_register(raw_register(date=["ti 12.3.2024", "12.3.2024 klo 9-12"]))
    assert list(got["date"]) == [pd.Timestamp("2024-03-12")] * 2
    got = workshop_register(raw_register(date=["12. maaliskuuta 2024", "maaliskuu 2024"]))
    assert list(got["date"]) == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-12")]   # sorted by date
    got = workshop_register(raw_register(date=["Tue, 5 mars 2024", "March 12, 2024"]))
    assert list(got["date"]) == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-12")]


@pytest.mark.parametrize("written", ["12.3.", "to 2024", "31 feb 2024", "maaliskuu"])
def test_register_dates_missing_a_year_or_impossible_are_rejected_as_written(written):
    with pytest.raises(InputError, match=rf"^workshops\.csv, row 3, column date: '{written}' is not a date"):
        workshop_register(raw_register(date=["2024-03-12", written]))


def test_register_participants_with_a_unit_word_or_as_a_sum():
    got = workshop_register(raw_register(participants=["20 hlöä", "n. 30 st"]))
    assert (list(got["participants"]), list(got["participants_note"])) == ([20, 30], ["almost 60", "n. 30"])
    got = workshop_register(raw_register(participants=["12 + 3", "7-18 deltagare"]))
    assert list(got["participants"]) == [15, 18] and list(got["participants_low"]) == [15, 7]
    assert got["participants_note"].iloc[0].startswith("12 + 3")


def test_register_hours_as_a_clock_span():
    got = workshop_register(raw_register(hours=["klo 9–11.30", "13:00-16:00"]))
    assert list(got["hours"]) == [2.5, 3.0]


@pytest.mark.parametrize("written", ["9-12", "klo 12-9"])
def test_register_hours_span_without_clock_mark_is_rejected(written):
    # "2-3" may as well mean two to three hours: only "klo" or minutes make a span clock times
    with pytest.raises(InputError, match=rf"row 3, column hours: '{written}' is not a number of hours.*'klo 9-12'"):
        workshop_register(raw_register(hours=["3", written]))


def test_register_empty_title_is_rejected():
    with pytest.raises(InputError, match=r"row 2, column title: empty"):
        workshop_register(raw_register(title=["", "x"]))


def test_register_unparseable_date_names_row_and_column():
    with pytest.raises(InputError, match=r"^my\.csv, row 3, column date: '2022-13-40' is not a date"):
        workshop_register(raw_register(date=["2022-02-10", "2022-13-40"]), source="my.csv")


def test_register_format_is_read_from_the_words_people_write():
    got = workshop_register(raw_register(format=["Lähi", "etä (Teams)"]))
    assert got["format"].tolist() == ["onsite", "online"]
    got = workshop_register(raw_register(format=["hybridi", "På plats"]))
    assert got["format"].tolist() == ["hybrid", "onsite"]


def test_register_format_no_word_names_is_rejected_with_the_choices():
    with pytest.raises(InputError, match=r"row 2, column format: 'kahvila'; use one of onsite, online, hybrid"):
        workshop_register(raw_register(format=["kahvila", "online"]))


def test_register_participants_as_estimates_and_ranges_keep_their_wording():
    got = workshop_register(raw_register(participants=["noin 20", "7-18"], participants_note=["", "per osa"]))
    assert got["participants"].tolist() == [20, 18]
    assert got["participants_note"].tolist() == ["noin 20", "7-18; per osa"]
    got = workshop_register(raw_register(participants=["n. 25", "~15"]))
    assert got["participants"].tolist() == [25, 15]


def test_a_participants_range_gives_the_participations_as_a_range():
    w = workshop_register(raw_register(participants=["7-18", "20"]))
    assert w["participants_low"].tolist() == [7, 20] and w["participants"].tolist() == [18, 20]
    reach = tables(w, [])["reach"].set_index("indicator")["value"]
    assert (reach["participations"], reach["participations_low"]) == (38, 27)
    exact = tables(workshop_register(raw_register()), [])["reach"]
    assert "participations_low" not in exact["indicator"].tolist()


def test_register_participants_wording_is_rejected_with_hint():
    with pytest.raises(InputError, match=r"row 3, column participants: 'paljon' is not a number of participants; "
                                         r"write a whole number, an estimate such as 'noin 20' or a range"):
        workshop_register(raw_register(participants=["60", "paljon"]))


def test_register_short_dates_excel_serials_and_language_words():
    got = workshop_register(raw_register(date=["15.11.22", "44880"], language=["Svenska", "kaksikielinen"]))
    assert got["date"].tolist() == [pd.Timestamp("2022-11-15"), pd.Timestamp("2022-11-15")]
    assert got["language"].tolist() == ["sv", "fi;sv"]


def test_register_negative_participants_are_rejected():
    with pytest.raises(InputError, match=r"row 2, column participants: -3 is negative"):
        workshop_register(raw_register(participants=["-3", "20"]))


def test_register_bad_hours_are_rejected():
    with pytest.raises(InputError, match=r"row 3, column hours: 'two' is not a number"):
        workshop_register(raw_register(hours=["3", "two"]))


def test_register_numbers_read_as_floats_are_accepted():
    raw = raw_register(participants=[60.0, np.nan], hours=[3.0, np.nan])
    got = workshop_register(raw)
    assert list(got["participants"]) == [60, pd.NA] and list(got["is_rate_known"]) == [True, False]


def test_register_row_without_participants_is_kept_with_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="pipeline.analysis.feedback"):
        got = workshop_register(raw_register(participants=["60", ""]))
    assert list(got["workshop_id"]) == ["W1", "W2"]
    assert list(got["is_rate_known"]) == [True, False]
    assert "workshops.csv, row 3: workshop W2 has no participants figure" in caplog.text


def test_register_texts_and_coded_themes_fill_only_empty_themes():
    w = register([("W1", "2022-02-10", "Canva", "brand", 60, 3), ("W2", "2022-04-05", "Tiedosta tuottoa", "", 20, None),
                  ("W3", "2022-05-02", "Some", "", 13, None)])
    texts = register_texts(w, ["brand", "data", "crm", "sales"])
    assert_frame_equal(texts, pd.DataFrame({"text_id": ["workshop:W2", "workshop:W3"],
                                            "text": ["Tiedosta tuottoa", "Some"]}).astype("string"))
    codes = conform(pd.DataFrame({"text_id": ["workshop:W2", "workshop:W3", "workshop:W1"], "lang": "fi",
                                  "theme": ["data", "other", "sales"], "themes": ["data;crm", "", "sales"],
                                  "confidence": [0.8, 0.1, 0.9]}), "codes")
    got = with_coded_themes(w, codes, ["brand", "data", "crm", "sales"])
    assert list(got["themes"]) == ["brand", "data;crm", ""]
    assert list(got["is_themes_coded"]) == [False, True, False]
    assert list(w["themes"]) == ["brand", "", ""]  # input untouched


def test_register_theme_words_are_coded_into_slugs_and_a_word_that_codes_to_nothing_is_a_warning(caplog):
    # a register kept by hand: "brändi, vienti" and "Asiakashankinta" instead of slugs; "hyvinvointi" is no theme
    w = register([("W1", "2022-02-10", "Canva", "brändi, vienti", 60, 3),
                   ("W2", "2022-04-05", "Myyntityöpaja", "Asiakashankinta", 20, None),
                   ("W3", "2022-05-02", "Digitaalinen markkinointi", "hyvinvointi", 13, None),
                   ("W4", "2022-06-02", "Vientipäivä", "export", 13, None)])
    slugs = ["sales", "branding", "export", "data"]
    texts = register_texts(w, slugs)
    assert texts["text_id"].tolist() == ["workshop:W1", "workshop:W1:0", "workshop:W1:1", "workshop:W2",
                                         "workshop:W2:0", "workshop:W3", "workshop:W3:0"]
    codes = conform(pd.DataFrame({
        "text_id": ["workshop:W1", "workshop:W1:0", "workshop:W1:1", "workshop:W2", "workshop:W2:0", "workshop:W3",
                    "workshop:W3:0"], "lang": "fi",
        "theme": ["branding", "branding", "export", "sales", "sales", "branding", "other"],
        "themes": ["branding", "branding", "export", "sales", "sales", "branding;data", ""],
        "confidence": 0.8}), "codes")
    with caplog.at_level(logging.WARNING, logger="pipeline.analysis.feedback"):
        got = with_coded_themes(w, codes, slugs)
    # W3's register said "hyvinvointi": no theme of the taxonomy, and no guess from its title either
    assert got["themes"].tolist() == ["branding;export", "sales", "", "export"]
    assert got["is_themes_coded"].tolist() == [True, True, True, False]
    assert "theme 'hyvinvointi' of workshop W3 matches no theme of the needs taxonomy; left out" in caplog.text


# --- feedback summary ----------------------------------------------------------------------------------------

def summary_columns(result, columns):
    return result["feedback_summary"][columns]


def test_response_rate_is_responses_over_participants():
    w = register([("W1", "2022-02-10", "Canva", "brand", 8, None), ("W2", "2022-03-01", "Myynti", "sales", 20, None)])
    got = tables(w, [("W1", rated("a.csv", [5, 4, 3, 4, 5, 2])), ("W2", rated("b.csv", [4, 4], prefix="s"))])
    frame = summary_columns(got, ["workshop_id", "participants", "responses", "response_rate", "is_surveyed",
                                  "is_small_n"])
    expected = pd.DataFrame({"workshop_id": pd.array(["W1", "W2"], dtype="string"),
                             "participants": pd.array([8, 20], dtype="Int64"),
                             "responses": pd.array([6, 2], dtype="Int64"), "response_rate": [0.75, 0.1],
                             "is_surveyed": [True, True], "is_small_n": [False, True]})
    assert_frame_equal(frame, expected)


def test_satisfaction_distribution_top2_wilson_and_median():
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    got = tables(w, [("W1", rated("a.csv", [5, 4, 3, 4, 5, 2]))])
    frame = summary_columns(got, ["satisfaction_n", "n_1", "n_2", "n_3", "n_4", "n_5", "top2_share", "ci_low",
                                  "ci_high", "median"])
    expected = pd.DataFrame({"satisfaction_n": [6], "n_1": [0], "n_2": [1], "n_3": [1], "n_4": [2], "n_5": [2]},
                            dtype="Int64").assign(top2_share=4 / 6, ci_low=0.299993, ci_high=0.903235, median=4.0)
    assert_frame_equal(frame, expected, atol=1e-6)


def test_labelled_scale_without_numbers_uses_the_scale_position():
    labels = ["Erittäin tyytymätön", "Tyytymätön", "Ei kumpaakaan", "Tyytyväinen", "Erittäin tyytyväinen"]
    s = survey("a.csv", [("q1", "single", "satisfaction", labels)],
               [("r1", "q1", "Tyytyväinen", None, np.nan), ("r2", "q1", "Erittäin tyytymätön", None, np.nan)])
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    frame = summary_columns(tables(w, [("W1", s)]), ["n_1", "n_4", "top2_share"])
    assert_frame_equal(frame, pd.DataFrame({"n_1": [1], "n_4": [1]}, dtype="Int64").assign(top2_share=0.5))


def test_out_of_range_rating_is_left_out_and_reported():
    s = survey("a.csv", [("q1", "number", "satisfaction", [])],
               [("r1", "q1", "4", None, 4.0), ("r2", "q1", "7", None, 7.0), ("r3", "q1", "3.5", None, 3.5)])
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    got = tables(w, [("W1", s)])
    assert list(got["feedback_summary"][["responses", "satisfaction_n"]].iloc[0]) == [3, 1]
    problems = got["feedback_problems"][["source", "problem", "responses"]]
    assert_frame_equal(problems, pd.DataFrame({"source": ["a.csv"], "problem": ["out_of_range"],
                                               "responses": [2]}).astype({"source": "string", "problem": "string",
                                                                          "responses": "Int64"}))


def test_a_rating_on_a_longer_scale_is_left_out_whole_not_cut_to_its_low_end():
    # "How satisfied ... (1-10)": the answers 6-10 were dropped as off the scale and 4/10 and 5/10 read as
    # satisfied (4-5) on the kept low end
    values = [1, 4, 5, 5, 7, 8, 9, 10, 10, 6]
    s = survey("lunch.csv", [("q1", "number", "satisfaction", [])],
               [(f"r{i}", "q1", str(v), None, float(v)) for i, v in enumerate(values)])
    w = register([("W1", "2022-02-10", "Canva", "brand", 20, None)])
    got = tables(w, [("W1", s)])
    assert list(got["feedback_summary"][["responses", "satisfaction_n"]].iloc[0]) == [10, 0]
    assert pd.isna(got["feedback_overall"]["top2_share"].iloc[0])
    problems = got["feedback_problems"]
    assert problems["problem"].tolist() == ["other_scale"] and problems["responses"].tolist() == [6]


def test_nps_counts_score_and_interval():
    # 0-10 scale read from a likert question: the score is the position (1..11), the label is the answer
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    got = tables(w, [("W1", rated("a.csv", [5, 5, 5, 5, 5], rec=[10, 9, 8, 6, 0]))])
    frame = summary_columns(got, ["nps_n", "n_promoters", "n_passives", "n_detractors", "nps", "nps_ci_low",
                                  "nps_ci_high"])
    low, high = nps_interval(2, 2, 5, 0.95)
    expected = pd.DataFrame({"nps_n": [5], "n_promoters": [2], "n_passives": [1], "n_detractors": [2]},
                            dtype="Int64").assign(nps=0.0, nps_ci_low=float(low), nps_ci_high=float(high))
    assert_frame_equal(frame, expected)


def test_nps_interval_is_adjusted_wald_and_not_degenerate_at_all_promoters():
    # Rocks (2016): n' = 5 + 3, p' = 5.75 / 8, d' = 0.75 / 8; NPS' = 0.625, se = sqrt((p'+d'-NPS'^2)/n')
    low, high = nps_interval([5, 2], [0, 2], [5, 5], 0.95)
    se = math.sqrt((5.75 / 8 + 0.75 / 8 - 0.625 ** 2) / 8)
    assert low[0] == pytest.approx((0.625 - 1.959964 * se) * 100, abs=1e-4)
    assert high[0] == 100.0
    assert low[1] == pytest.approx(-high[1]) and 0 < high[1] < 100
    assert np.isnan(nps_interval(0, 0, 0, 0.95)[0])


def test_nps_interval_contains_the_published_score_for_every_n():
    # one promoter: +100, which the adjusted-Wald interval alone (-48.5..98.5) leaves out
    low, high = nps_interval(1, 0, 1, 0.95)
    assert (float(low), float(high)) == (pytest.approx(-48.5, abs=0.1), 100.0)
    for n in range(1, 31):
        for promoters in range(n + 1):
            detractors = np.arange(n - promoters + 1)
            low, high = nps_interval(np.full(len(detractors), promoters), detractors, np.full(len(detractors), n), 0.95)
            point = (promoters - detractors) / n * 100
            assert ((low <= point + 1e-9) & (point <= high + 1e-9)).all(), (n, promoters)


def test_small_n_flag_follows_min_responses():
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    feedback = [("W1", rated("a.csv", [5, 4, 3]))]
    assert bool(tables(w, feedback)["feedback_summary"]["is_small_n"].iloc[0]) is True
    assert bool(tables(w, feedback, params={**PARAMS, "min_responses": 3})["feedback_summary"]["is_small_n"].iloc[0]) \
        is False


def test_feedback_for_unknown_workshop_is_kept_out_and_reported(caplog):
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    with caplog.at_level(logging.WARNING, logger="pipeline.analysis.feedback"):
        got = tables(w, [("W1", rated("a.csv", [5, 4])), ("W9", rated("b.csv", [1, 1, 1], prefix="s"))])
    assert list(got["feedback_summary"][["responses", "satisfaction_n"]].iloc[0]) == [2, 2]
    assert got["feedback_overall"]["responses"].iloc[0] == 2
    problems = got["feedback_problems"][["source", "workshop_id", "problem", "responses"]]
    assert_frame_equal(problems, pd.DataFrame({"source": ["b.csv"], "workshop_id": ["W9"],
                                               "problem": ["unknown_workshop"], "responses": [3]}).astype(
        {"source": "string", "workshop_id": "string", "problem": "string", "responses": "Int64"}))
    assert "b.csv: workshop 'W9' named for this feedback file is not in the register" in caplog.text


def test_workshop_column_routes_by_id_or_title_and_reports_the_rest():
    s = survey("all.csv", [("q0", "single", "workshop", []), SAT],
               [("r1", "q0", "W1", None, np.nan), ("r1", "q1", "5", None, 5.0),
                ("r2", "q0", "myynti", None, np.nan), ("r2", "q1", "4", None, 4.0),
                ("r3", "q0", "Kahvitilaisuus", None, np.nan), ("r3", "q1", "1", None, 1.0),
                ("r4", "q1", "2", None, 2.0)])
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None), ("W2", "2022-03-01", "Myynti", "sales", 20, None)])
    got = tables(w, [(None, s)])
    assert list(got["feedback_summary"]["responses"]) == [1, 1]
    problems = got["feedback_problems"][["workshop_id", "problem", "responses"]]
    assert_frame_equal(problems, pd.DataFrame({"workshop_id": [pd.NA, "Kahvitilaisuus"],
                                               "problem": ["no_workshop", "unknown_workshop"],
                                               "responses": [1, 1]}).astype(
        {"workshop_id": "string", "problem": "string", "responses": "Int64"}))


def test_workshop_without_participants_has_no_rate_and_is_reported():
    w = register([("W1", "2022-02-10", "Canva", "brand", None, None),
                  ("W2", "2022-03-01", "Myynti", "sales", 20, None)])
    got = tables(w, [("W1", rated("a.csv", [5, 4])), ("W2", rated("b.csv", [4] * 5, prefix="s"))])
    rates = got["feedback_summary"]["response_rate"]
    assert math.isnan(rates.iloc[0]) and rates.iloc[1] == 0.25
    overall = got["feedback_overall"][["responses", "participants_rate_known", "responses_rate_known",
                                       "response_rate"]]
    assert list(overall.iloc[0]) == [7, 20, 5, 0.25]
    problems = got["feedback_problems"][["workshop_id", "problem", "responses"]]
    assert list(problems.iloc[0]) == ["W1", "participants_unknown", 2]


def test_workshop_without_feedback_survey_has_no_rate():
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None), ("W2", "2022-03-01", "Myynti", "sales", 20, None)])
    frame = summary_columns(tables(w, [("W1", rated("a.csv", [5]))]), ["workshop_id", "responses", "response_rate",
                                                                      "is_surveyed"])
    expected = pd.DataFrame({"workshop_id": pd.array(["W1", "W2"], dtype="string"),
                             "responses": pd.array([1, 0], dtype="Int64"), "response_rate": [0.1, np.nan],
                             "is_surveyed": [True, False]})
    assert_frame_equal(frame, expected)


def test_satisfaction_distribution_table_for_diverging_bars():
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None), ("W2", "2022-03-01", "Myynti", "sales", 20, None)])
    got = tables(w, [("W1", rated("a.csv", [5, 5, 3, 1]))])["feedback_distribution"]
    expected = conform(pd.DataFrame({
        "workshop_id": "W1", "title": "Canva", "date": pd.Timestamp("2022-02-10"), "level": [1, 2, 3, 4, 5],
        "responses": [1, 0, 1, 0, 2], "base": 4, "is_small_n": True, "share": [0.25, 0, 0.25, 0, 0.5]}),
        "feedback_distribution")
    assert_frame_equal(got, expected)


# --- open comments ---------------------------------------------------------------------------------------

def comment_survey():
    return survey("a.csv", [SAT, ("q3", "open", "good_text", []), ("q4", "open", "improve_text", [])],
                  [("r1", "q1", "5", None, 5.0), ("r1", "q3", None, "Käytännönläheinen ja hyvä", np.nan),
                   ("r2", "q1", "4", None, 4.0), ("r2", "q4", None, "Enemmän esimerkkejä", np.nan),
                   ("r3", "q1", "4", None, 4.0), ("r3", "q3", None, "Kiitos", np.nan)])


def comment_codes():
    texts = conform(pd.DataFrame({"text_id": ["t1", "t2", "t3"], "respondent_id": ["r1", "r2", "r3"],
                                  "question_id": ["q3", "q4", "q3"], "source": "open",
                                  "text": ["Käytännönläheinen ja hyvä", "Enemmän esimerkkejä", "Kiitos"],
                                  "question": "", "answer_id": ["a1", "a2", "a3"]}),
                    "texts")
    codes = conform(pd.DataFrame({"text_id": ["t1", "t2", "t3"], "lang": "fi",
                                  "theme": ["practicality", "practicality", "positive"],
                                  "themes": ["practicality;positive", "practicality", "positive"],
                                  "confidence": [0.9, 0.7, 0.8]}), "codes")
    return codes, texts


def test_feedback_themes_count_comments_per_prompt_overall_and_per_workshop():
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    codes, texts = comment_codes()
    got = tables(w, [("W1", comment_survey())], codes=codes, texts=texts)["feedback_themes"]
    overall = got[got["scope"] == "overall"].drop(columns=["scope", "workshop_id", "ci_low", "ci_high"])
    expected = pd.DataFrame({
        "prompt": ["good", "good", "improve", "all", "all"],
        "theme": ["positive", "practicality", "practicality", "positive", "practicality"],
        "theme_name": ["Positive", "Practicality", "Practicality", "Positive", "Practicality"],
        "comments": [2, 1, 1, 2, 2], "base": [2, 2, 1, 3, 3], "share": [1.0, 0.5, 1.0, 2 / 3, 2 / 3],
        "is_small_n": True}).astype({"prompt": "string", "theme": "string", "theme_name": "string",
                                     "comments": "Int64", "base": "Int64"})
    assert_frame_equal(overall.reset_index(drop=True), expected)
    assert (got["scope"] == "workshop").sum() == 5
    assert got["ci_low"].notna().all()


def test_quotes_pick_the_most_confident_per_prompt_and_theme():
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    codes, texts = comment_codes()
    got = tables(w, [("W1", comment_survey())], codes=codes, texts=texts,
                 params={**PARAMS, "quotes_per_theme": 1})["feedback_quotes"]
    expected = conform(pd.DataFrame({
        "prompt": ["good", "good", "improve"], "theme": ["positive", "practicality", "practicality"],
        "theme_name": ["Positive", "Practicality", "Practicality"], "workshop_id": "W1",
        "text_id": ["t3", "t1", "t2"], "text": ["Kiitos", "Käytännönläheinen ja hyvä", "Enemmän esimerkkejä"],
        "confidence": [0.8, 0.9, 0.7], "rank": 1}), "feedback_quotes")
    assert_frame_equal(got, expected)


def test_uncoded_comments_are_reported():
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    codes, texts = comment_codes()
    got = tables(w, [("W1", comment_survey())], codes=codes.iloc[:1], texts=texts)
    assert list(got["feedback_problems"][["problem", "responses"]].iloc[0]) == ["uncoded_comments", 2]
    assert got["feedback_themes"]["base"].max() == 1


# --- impact --------------------------------------------------------------------------------------------

IMPACT_QUESTIONS = [("i1", "single", "impact", ["Kyllä", "Osittain", "Ei"]),
                    ("i2", "single", "contacts", ["Kyllä", "Ei"]), ("i3", "open", "impact_text", [])]


def test_impact_shares_with_wilson_and_kirkpatrick_levels():
    answers = [(f"c{i}", "i1", v, None, np.nan) for i, v in enumerate(["Kyllä"] * 4 + ["Osittain"] * 3 + ["Ei"] * 3)]
    answers += [("c0", "i2", "Kyllä", None, np.nan), ("c1", "i2", "Ei", None, np.nan),
                ("c2", "i3", None, "Uudistimme verkkosivut", np.nan)]
    imp = survey("impact.csv", IMPACT_QUESTIONS, answers)
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    got = tables(w, [], impact=imp)["impact_summary"]
    # (the contacts question asks yes or no: no "partly" row of 0 since QA round 14)
    counts = [4, 3, 3, 7, 1, 1, 1]
    bases = [10, 10, 10, 10, 2, 2, 10]
    from pipeline.analysis.stats import wilson_interval
    low, high = wilson_interval(np.array(counts), np.array(bases), 0.95)
    expected = conform(pd.DataFrame({
        "measure": ["impact"] * 4 + ["contacts"] * 2 + ["impact_text"],
        "answer": ["yes", "partly", "no", "yes_or_partly", "yes", "no", "answered"],
        "kirkpatrick_level": ["behaviour"] * 4 + ["results"] * 2 + ["behaviour"],
        "companies": counts, "base": bases, "share": np.array(counts) / np.array(bases),
        "ci_low": low, "ci_high": high, "is_small_n": [False] * 4 + [True] * 2 + [False]}), "impact_summary")
    assert_frame_equal(got, expected)
    assert got.loc[3, "ci_low"] == pytest.approx(0.3968, abs=1e-4)  # 7/10 Wilson 95 %


def test_impact_shares_leave_out_a_respondent_who_attended_no_workshop():
    # "En osallistunut mihinkään" and then "Ei": 6 yes, 3 partly, 3 no read 9/12 = 75 %; of those who came, 9/11
    questions = IMPACT_QUESTIONS + [("a1", "multi", "attended", ["Canva", "Myynti", "En osallistunut mihinkään"])]
    answers = [(f"c{i}", "i1", v, None, np.nan) for i, v in enumerate(["Kyllä"] * 6 + ["Osittain"] * 3 + ["Ei"] * 3)]
    answers += [(f"c{i}", "a1", "Canva", None, np.nan) for i in range(11)]
    answers += [("c11", "a1", "En osallistunut mihinkään", None, np.nan)]
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None), ("W2", "2022-03-10", "Myynti", "sales", 10, None)])
    summary = tables(w, [], impact=survey("impact.csv", questions, answers))["impact_summary"]
    impact = summary[summary["measure"] == "impact"].set_index("answer")
    assert (impact.at["yes_or_partly", "companies"], impact.at["yes_or_partly", "base"]) == (9, 11)
    assert impact.at["no", "companies"] == 2


def test_the_public_impact_table_hides_a_measure_with_a_count_of_one_or_two():
    # 8 yes, 3 partly, 1 no of 12: the "no" is one company, and hiding it alone leaves 12 - 8 - 3 (and 12 - 11)
    answers = [(f"c{i}", "i1", v, None, np.nan) for i, v in enumerate(["Kyllä"] * 8 + ["Osittain"] * 3 + ["Ei"])]
    answers += [(f"c{i}", "i2", v, None, np.nan) for i, v in enumerate(["Kyllä"] * 7 + ["Ei"] * 5)]
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    imp = survey("impact.csv", IMPACT_QUESTIONS, answers)
    public = tables(w, [], impact=imp, params={**PARAMS, "edition": "public"})["impact_summary"]
    impact, contacts = (public[public["measure"] == m] for m in ("impact", "contacts"))
    assert impact["companies"].isna().all() and impact["share"].isna().all() and set(impact["base"]) == {12}
    assert contacts["companies"].tolist() == [7, 5]      # yes / no: no "partly" row (QA round 14)
    steering = tables(w, [], impact=imp)["impact_summary"]
    assert steering.loc[steering["measure"] == "impact", "companies"].tolist() == [8, 3, 1, 11]


def test_impact_counts_each_company_once_with_its_latest_answer():
    imp = survey("impact.csv", IMPACT_QUESTIONS,
                 [("a", "i1", "Ei", None, np.nan), ("b", "i1", "Kyllä, selvästi", None, np.nan),
                  ("c", "i1", "Osittain", None, np.nan)],
                 companies={"a": "X", "b": "X", "c": "Y"},
                 submitted={"a": "2023-05-01", "b": "2023-05-02", "c": "2023-05-01"})
    got = tables(register([("W1", "2022-02-10", "Canva", "brand", 10, None)]), [], impact=imp)["impact_summary"]
    impact = got[got["measure"] == "impact"].set_index("answer")
    assert list(impact["companies"]) == [1, 1, 0, 2] and set(impact["base"]) == {2}


def test_an_impact_answer_written_word_for_word_by_two_companies_is_quoted_once():
    imp = survey("impact.csv", IMPACT_QUESTIONS,
                 [("a", "i3", None, "Aloitimme somemarkkinoinnin.", np.nan),
                  ("b", "i3", None, "ALOITIMME somemarkkinoinnin.", np.nan),
                  ("c", "i3", None, "Uudistimme verkkosivut", np.nan)])
    got = tables(register([("W1", "2022-02-10", "Canva", "brand", 10, None)]), [], impact=imp)["feedback_quotes"]
    assert got.loc[got["prompt"] == "impact", "text"].tolist() == ["Aloitimme somemarkkinoinnin.",
                                                                    "Uudistimme verkkosivut"]


def test_unrecognised_impact_answer_is_reported_and_left_out_of_the_base():
    imp = survey("impact.csv", IMPACT_QUESTIONS[:1],
                 [("a", "i1", "Kyllä", None, np.nan), ("b", "i1", "En tiedä", None, np.nan)])
    got = tables(register([("W1", "2022-02-10", "Canva", "brand", 10, None)]), [], impact=imp)
    assert set(got["impact_summary"]["base"]) == {1}
    assert list(got["feedback_problems"][["problem", "responses"]].iloc[0]) == ["unrecognised_answer", 1]


def test_kirkpatrick_table_names_each_level_and_what_is_not_measured():
    got = tables(register([("W1", "2022-02-10", "Canva", "brand", 10, None)]),
                 [("W1", rated("a.csv", [5, 4], rec=[9, 9]))])["kirkpatrick"]
    assert list(dict.fromkeys(got["level"])) == ["reaction", "learning", "behaviour", "results"]
    measured = got.set_index(["level", "figure"])["is_measured"]
    assert measured[("reaction", "top2_share")] and measured[("reaction", "nps")]
    assert not measured[("learning", "")] and not measured[("behaviour", "impact")]


# --- coverage, timeline, reach ---------------------------------------------------------------------------

def test_coverage_sets_demand_against_supply_and_flags_unmet_needs():
    w = register([("W1", "2022-02-10", "Canva", "brand", 60, 3),
                  ("W2", "2022-03-01", "Brändi 2", "brand;sales", None, 2),
                  ("W3", "2022-04-01", "Myynti", "sales", 20, None), ("W4", "2022-05-01", "Kahvit", "", 8, None)])
    demand = pd.DataFrame({"theme": ["data", "brand", "sales", "export"], "share": [0.6, 0.5, 0.4, 0.1],
                           "ci_low": [0.4, 0.3, 0.2, 0.02], "ci_high": [0.8, 0.7, 0.6, 0.3], "rank": [1, 2, 3, 4],
                           "respondents": 26, "tier": [1, 1, 2, 3]})
    got = tables(w, [], demand=demand)["coverage"]
    expected = conform(pd.DataFrame({
        "theme": ["data", "brand", "sales", "export", "other"],
        "theme_name": ["Data", "Brand", "Sales", "export", "other"],
        "demand_share": [0.6, 0.5, 0.4, 0.1, np.nan], "demand_ci_low": [0.4, 0.3, 0.2, 0.02, np.nan],
        "demand_ci_high": [0.8, 0.7, 0.6, 0.3, np.nan], "demand_base": [26, 26, 26, 26, None],
        "demand_rank": [1, 2, 3, 4, None],
        "demand_tier": [1, 1, 2, 3, None], "workshops": [0, 2, 2, 0, 1], "hours": [np.nan, 5.0, 2.0, np.nan, np.nan],
        "workshops_hours_known": [0, 2, 1, 0, 0], "participations": [None, 60, 20, None, 8],
        "workshops_participants_known": [0, 1, 1, 0, 1], "is_unmet": [True, False, False, False, False]}),
        "coverage")
    assert_frame_equal(got, expected)


def test_coverage_without_demand_lists_supply_only():
    w = register([("W1", "2022-02-10", "Canva", "brand", 60, 3)])
    got = tables(w, [], demand=None)["coverage"]
    assert list(got["theme"]) == ["brand"] and got["demand_share"].isna().all() and not got["is_unmet"].any()


def test_participation_timeline_fills_empty_months_and_accumulates_known_participants():
    w = register([("W1", "2022-02-10", "Canva", "brand", 60, None), ("W2", "2022-02-20", "Brändi", "brand", 18, None),
                  ("W3", "2022-04-01", "Myynti", "sales", None, None), ("W4", "2022-05-03", "Some", "", 13, None)])
    got = tables(w, [])["participation_timeline"]
    expected = conform(pd.DataFrame({
        "month": pd.to_datetime(["2022-02-01", "2022-03-01", "2022-04-01", "2022-05-01"]),
        "workshops": [2, 0, 1, 1], "workshops_participants_unknown": [0, 0, 1, 0],
        "participations": [78, 0, 0, 13], "cumulative_participations": [78, 78, 78, 91]}), "participation_timeline")
    assert_frame_equal(got, expected)


def test_reach_counts_attendances_and_unique_companies_only_when_identified():
    w = register([("W1", "2022-02-10", "Canva", "brand", 60, None),
                  ("W2", "2022-03-01", "Myynti", "sales", None, None)])
    anonymous = tables(w, [("W1", rated("a.csv", [5, 4]))])["reach"]
    expected = conform(pd.DataFrame({
        "indicator": ["workshops", "participations", "workshops_participants_unknown", "feedback_responses",
                      "impact_companies", "unique_companies"],
        "value": [2, 60, 1, 2, None, None], "is_known": [True, True, True, True, False, False],
        "basis": ["register", "register_attendances", "register", "feedback_surveys", "impact_survey", "company_ids"],
        "note_key": ["feedback.reach.workshops", "feedback.reach.participations", "feedback.reach.unknown",
                     "feedback.reach.feedback_responses", "feedback.reach.impact_companies",
                     "feedback.reach.unique_companies_unknown"]}), "reach")
    assert_frame_equal(anonymous, expected)
    imp = survey("impact.csv", IMPACT_QUESTIONS[:1],
                 [("a", "i1", "Kyllä", None, np.nan), ("b", "i1", "Ei", None, np.nan),
                  ("c", "i1", "Ei", None, np.nan)],
                 companies={"a": "X", "b": "X", "c": "Y"})
    identified = tables(w, [("W1", rated("a.csv", [5, 4]))], impact=imp)["reach"].set_index("indicator")
    assert identified.loc["unique_companies", "value"] == 2 and identified.loc["impact_companies", "value"] == 2
    assert identified.loc["unique_companies", "note_key"] == "feedback.reach.unique_companies"


def test_inputs_are_not_modified():
    w = register([("W1", "2022-02-10", "Canva", "", 60, None)])
    s = comment_survey()
    codes, texts = comment_codes()
    before = [w.copy(), s.answers.copy(), s.respondents.copy(), codes.copy(), texts.copy()]
    tables(w, [("W1", s)], codes=codes, texts=texts)
    for old, new in zip(before, [w, s.answers, s.respondents, codes, texts]):
        assert_frame_equal(old, new)


def test_every_table_matches_its_schema_when_there_is_no_feedback_at_all():
    from pipeline.schemas import validate
    got = tables(register([("W1", "2022-02-10", "Canva", "brand", 10, None)]), [])
    for name, frame in got.items():
        validate(frame, name)
    assert got["feedback_summary"]["responses"].tolist() == [0]
    assert got["feedback_themes"].empty and got["impact_summary"].empty


def test_comment_typed_as_a_choice_label_takes_the_code_of_the_same_text():
    # ingest can type short comments that repeat word for word as a multi-select: each label is a comment
    s = survey("a.csv", [SAT, ("q3", "multi", "good_text", ["Kiitos"]), ("q4", "open", "improve_text", [])],
               [("r1", "q1", "5", None, 5.0), ("r1", "q3", "Kiitos", None, np.nan),
                ("r2", "q1", "4", None, 4.0), ("r2", "q4", None, "Kiitos", np.nan)])
    texts = conform(pd.DataFrame({"text_id": ["t2"], "respondent_id": ["r2"], "question_id": ["q4"],
                                  "source": "open", "text": ["Kiitos"], "question": "", "answer_id": ["a2"]}),
                    "texts")
    codes = conform(pd.DataFrame({"text_id": ["t2"], "lang": "fi", "theme": ["positive"], "themes": ["positive"],
                                  "confidence": [0.8]}), "codes")
    got = tables(register([("W1", "2022-02-10", "Canva", "brand", 10, None)]), [("W1", s)], codes=codes, texts=texts)
    overall = got["feedback_themes"].query("scope == 'overall'")[["prompt", "theme", "comments", "base"]]
    assert overall.values.tolist() == [["good", "positive", 1, 1], ["improve", "positive", 1, 1],
                                       ["all", "positive", 2, 2]]
    assert got["feedback_problems"].empty


def test_identical_comments_make_one_quote():
    s = survey("a.csv", [SAT, ("q3", "open", "good_text", [])],
               [("r1", "q3", None, "Hyvä tilaisuus, kiitos!", np.nan),
                ("r2", "q3", None, "Hyvä tilaisuus, kiitos!", np.nan),
                ("r3", "q3", None, "Kiitos paljon", np.nan)])
    texts = conform(pd.DataFrame({"text_id": ["t1", "t2", "t3"], "respondent_id": ["r1", "r2", "r3"],
                                  "question_id": "q3",
                                  "source": "open", "text": ["Hyvä tilaisuus, kiitos!"] * 2 + ["Kiitos paljon"],
                                  "question": "", "answer_id": ["a1", "a1", "a3"]}),
                    "texts")
    codes = conform(pd.DataFrame({"text_id": ["t1", "t2", "t3"], "lang": "fi", "theme": "positive",
                                  "themes": "positive", "confidence": [0.8, 0.8, 0.5]}), "codes")
    got = tables(register([("W1", "2022-02-10", "Canva", "brand", 10, None)]), [("W1", s)], codes=codes,
                 texts=texts)["feedback_quotes"]
    assert got["text"].tolist() == ["Hyvä tilaisuus, kiitos!", "Kiitos paljon"] and got["rank"].tolist() == [1, 2]


def test_without_register_the_feedback_names_the_workshops():
    got = feedback_tables(None, [("W1", rated("a.csv", [5, 4, 4, 5, 3]))], None, empty("codes"), empty("texts"),
                          None, PARAMS, NAMES)
    frame = got["feedback_summary"][["workshop_id", "title", "participants", "responses", "response_rate",
                                     "satisfaction_n"]]
    expected = pd.DataFrame({"workshop_id": ["W1"], "title": ["W1"], "participants": pd.array([pd.NA], dtype="Int64"),
                             "responses": [5], "response_rate": [np.nan], "satisfaction_n": [5]}).astype(
        {"workshop_id": "string", "title": "string", "responses": "Int64", "satisfaction_n": "Int64"})
    assert_frame_equal(frame, expected)
    assert got["feedback_problems"]["problem"].tolist() == ["no_register", "participants_unknown"]
    assert got["participation_timeline"].empty


def test_register_with_finnish_headers_reads_like_the_canonical_one():
    finnish = pd.DataFrame({"Nro": ["W1"], "Päivämäärä": ["2022-02-10"], "Työpajan nimi": ["Canva"],
                            "Teema": ["brand"], "Toteutus": ["onsite"], "Osallistujia": ["10"], "Kesto (h)": ["3"]})
    canonical = pd.DataFrame({"workshop_id": ["W1"], "date": ["2022-02-10"], "title": ["Canva"], "themes": ["brand"],
                              "format": ["onsite"], "participants": ["10"], "hours": ["3"]})
    assert_frame_equal(workshop_register(finnish), workshop_register(canonical))


def test_register_totals_row_is_skipped_not_an_error():
    raw = pd.DataFrame({"workshop_id": ["W1", "Yhteensä"], "date": ["2022-02-10", ""], "title": ["Canva", ""],
                        "format": ["onsite", ""], "participants": ["10", "10"]})
    got = workshop_register(raw)
    assert got["workshop_id"].tolist() == ["W1"] and got["participants"].tolist() == [10]


def test_register_means_row_is_skipped_like_a_totals_row():
    raw = pd.DataFrame({"workshop_id": ["W1", "W2", "Keskiarvo"], "date": ["2022-02-10", "2022-03-01", ""],
                        "title": ["Canva", "Myynti", ""], "format": ["onsite", "online", ""],
                        "participants": ["10", "20", "15"]})
    assert workshop_register(raw)["workshop_id"].tolist() == ["W1", "W2"]


def test_register_errors_name_the_row_as_the_file_shows_it_below_a_title(tmp_path):
    from pipeline.ingest import read_table

    path = tmp_path / "rekisteri.csv"
    path.write_text("Työpajarekisteri 2022\n\nNro,Päivämäärä,Työpajan nimi,Toteutus,Osallistujia\n"
                    "1,2022-02-10,Canva,onsite,10\n2,2022-02-11,,onsite,10\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"rekisteri.csv, row 5, column title: empty"):
        workshop_register(read_table(path), "rekisteri.csv")


def test_more_responses_than_participants_publishes_no_rate_and_stays_out_of_the_pooled_rate():
    w = register([("W1", "2022-02-10", "Canva", "brand", 2, None),
                  ("W2", "2022-03-01", "Myynti", "sales", 20, None)])
    got = tables(w, [("W1", rated("a.csv", [5, 4, 4])), ("W2", rated("b.csv", [4] * 5, prefix="s"))])
    rates = got["feedback_summary"]["response_rate"]
    assert math.isnan(rates.iloc[0]) and rates.iloc[1] == 0.25
    overall = got["feedback_overall"][["responses", "participants_rate_known", "responses_rate_known",
                                       "response_rate"]]
    assert list(overall.iloc[0]) == [8, 20, 5, 0.25]
    problems = got["feedback_problems"]
    assert problems.loc[problems["problem"] == "responses_over_participants", "workshop_id"].tolist() == ["W1"]


def test_public_pooled_ratings_leave_out_the_workshops_whose_ratings_are_hidden():
    # pooled over every workshop, the overall minus the shown workshops gave a small workshop's answers away
    w = register([("W1", "2022-02-10", "Canva", "brand", 20, None), ("W2", "2022-03-10", "Myynti", "sales", 10, None)])
    feedback = [("W1", rated("w1.csv", [5, 4, 4, 5, 3, 5], prefix="a")), ("W2", rated("w2.csv", [1, 5], prefix="b"))]
    steering = tables(w, feedback)["feedback_overall"].iloc[0]
    assert (steering["satisfaction_n"], steering["n_1"]) == (8, 1)
    public = tables(w, feedback, params={**PARAMS, "edition": "public"})
    overall, summary = public["feedback_overall"].iloc[0], public["feedback_summary"].set_index("workshop_id")
    assert pd.isna(summary.at["W2", "n_1"]) and pd.isna(summary.at["W2", "top2_share"])
    assert (overall["satisfaction_n"], overall["n_1"], overall["n_5"]) == (6, 0, 3)
    assert overall["top2_share"] == 5 / 6 and overall["responses"] == 8


def test_public_ratings_withheld_from_every_workshop_are_measured_not_missing():
    # four workshops of 2-4 ratings each: the public edition shows none of them, but they were asked; the
    # Kirkpatrick table said "not measured, n 0" and the pooled table "0 ratings"
    w = register([("W1", "2022-02-10", "Canva", "brand", 20, None), ("W2", "2022-03-10", "Myynti", "sales", 10, None)])
    feedback = [("W1", rated("w1.csv", [5, 4, 3], prefix="a")), ("W2", rated("w2.csv", [1, 5], prefix="b"))]
    public = tables(w, feedback, params={**PARAMS, "edition": "public"})
    overall = public["feedback_overall"].iloc[0]
    assert pd.isna(overall["satisfaction_n"]) and pd.isna(overall["top2_share"])
    satisfaction = public["kirkpatrick"].set_index("figure").loc["top2_share"]
    assert (satisfaction["n"], bool(satisfaction["is_measured"])) == (5, True)


def test_a_register_totals_row_that_disagrees_with_its_workshops_is_a_warning(caplog):
    # "Yhteensä 500" under workshops summing to 30 was skipped with no word on the disagreement
    raw = pd.DataFrame({"workshop_id": ["W1", "W2", "Yhteensä", "Keskiarvo"], "date": ["2022-02-10", "2022-03-01", "", ""],
                        "title": ["Canva", "Myynti", "", ""], "format": ["onsite", "online", "", ""],
                        "participants": ["10", "20", "500", "15"]})
    with caplog.at_level("WARNING"):
        got = workshop_register(raw)
    assert got["workshop_id"].tolist() == ["W1", "W2"]
    disagree = [r.getMessage() for r in caplog.records if "sum to" in r.getMessage()]
    assert disagree == ["workshops.csv, row 4: the totals row gives 500 participants, but the workshops' participants "
                        "sum to 30; the figures use the workshops' own: check the register"]
    caplog.clear()
    with caplog.at_level("WARNING"):
        workshop_register(raw.assign(participants=["10", "20", "30", "15"]))
    assert not [r for r in caplog.records if "sum to" in r.getMessage()]


def test_a_register_total_against_workshops_given_as_a_range_names_the_range(caplog):
    # "7-18" and "20": the workshops sum to 27-38; a total of 30 lies within, 56 does not
    raw = pd.DataFrame({"workshop_id": ["W1", "W2", "Yhteensä"], "date": ["2022-02-10", "2022-03-01", ""],
                        "title": ["Canva", "Myynti", ""], "format": ["onsite", "online", ""],
                        "participants": ["7-18", "20", "30"]})
    with caplog.at_level("WARNING"):
        workshop_register(raw)
    assert not [r for r in caplog.records if "sum to" in r.getMessage()]
    with caplog.at_level("WARNING"):
        workshop_register(raw.assign(participants=["7-18", "20", "56"]))
    assert [r.getMessage() for r in caplog.records if "sum to" in r.getMessage()] == [
        "workshops.csv, row 4: the totals row gives 56 participants, but the workshops' participants sum to 27–38; "
        "the figures use the workshops' own: check the register"]


def test_the_impact_text_base_leaves_out_a_respondent_who_attended_no_workshop():
    """QA round 6: "told what they did" read 5/10 while the yes / partly / no rows left the company that
    attended nothing out (9): the open question asks those who came, too."""
    questions = IMPACT_QUESTIONS + [("a1", "multi", "attended", ["Canva", "En osallistunut mihinkään"])]
    answers = [(f"c{i}", "i1", v, None, np.nan) for i, v in enumerate(["Kyllä"] * 5 + ["Ei"] * 4)]
    answers += [(f"c{i}", "a1", "Canva", None, np.nan) for i in range(8)]
    answers += [("c8", "a1", "En osallistunut mihinkään", None, np.nan)]
    answers += [(f"c{i}", "i3", None, "Päivitimme verkkosivut", np.nan) for i in (0, 1, 8)]
    w = register([("W1", "2022-02-10", "Canva", "brand", 10, None)])
    summary = tables(w, [], impact=survey("impact.csv", questions, answers))["impact_summary"]
    told = summary[summary["measure"] == "impact_text"].iloc[0]
    said = summary[(summary["measure"] == "impact") & (summary["answer"] == "yes")].iloc[0]
    assert (told["companies"], told["base"]) == (2, 8) and said["base"] == 8
