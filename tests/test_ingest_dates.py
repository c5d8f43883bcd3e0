"""Submission times and date answers in the forms real exports write them (issue 12): one test per form,
on a few inline rows. Day/month order is decided per column; offsets are dropped (wall-clock time kept)."""
from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal, assert_series_equal

from pipeline.ingest import read_survey
from pipeline.ingest.qtypes import parse_datetimes

KEY = b"k"


def times(*stamps):
    return pd.Series(pd.to_datetime(list(stamps), format="mixed"), name="submitted_at").astype("datetime64[ns]")


def submitted(tmp_path, text, name="responses.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    survey = read_survey(path, key=KEY)
    return survey, survey.respondents["submitted_at"]


def test_month_first_two_digit_year_with_seconds(tmp_path):
    # Google Forms, US locale: M/D/YY H:MM:SS
    survey, at = submitted(tmp_path, "Timestamp,Kunta,Palaute\n9/13/22 11:05:00,Kokkola,Hyvä\n"
                                     "1/2/22 9:00:01,Kannus,Ok\n12/31/99 23:59:59,Kokkola,Ok\n")
    assert_series_equal(at, times("2022-09-13 11:05:00", "2022-01-02 09:00:01", "1999-12-31 23:59:59"))
    assert survey.report["warnings"] == []


def test_year_first_twelve_hour_clock_with_gmt_offset_keeps_the_wall_clock(tmp_path):
    # Google Sheets in some locales: 2017/03/14 5:45:49 PM GMT+2; the offset is dropped, not applied
    _, at = submitted(tmp_path, "Timestamp,Kunta,Palaute\n2017/03/14 5:45:49 PM GMT+2,Kokkola,Hyvä\n"
                                "2017/03/15 12:05:00 AM GMT+2,Kannus,Ok\n2017/03/26 12:30:00 PM GMT+3,Kannus,Ok\n")
    assert_series_equal(at, times("2017-03-14 17:45:49", "2017-03-15 00:05:00", "2017-03-26 12:30:00"))


def test_finnish_sheets_form_with_dots_in_the_time(tmp_path):
    # Google Sheets, Finnish locale: "Aikaleima" 13.9.2022 11.05.00 (day first, dots in the time too)
    survey, at = submitted(tmp_path, "Aikaleima,Kunta,Palaute\n13.9.2022 11.05.00,Kokkola,Hyvä\n"
                                     "1.10.2022 9.00.00,Kannus,Ok\n2.10.2022 17.45.30,Kokkola,Ok\n")
    assert_series_equal(at, times("2022-09-13 11:05:00", "2022-10-01 09:00:00", "2022-10-02 17:45:30"))
    assert survey.report["warnings"] == []


def test_excel_serial_day_numbers(tmp_path):
    # a workbook re-saved as CSV with the date format lost: Excel serial days, decimal point or comma
    _, at = submitted(tmp_path, "Timestamp;Kunta;Palaute\n44834.5;Kokkola;Hyvä\n44835;Kannus;Ok\n"
                                "44835,25;Kokkola;Ok\n")
    assert_series_equal(at, times("2022-09-30 12:00:00", "2022-10-01 00:00:00", "2022-10-01 06:00:00"))


def test_iso_times_with_different_offsets_read_as_written(tmp_path):
    # KoboToolbox-style ISO 8601 with offsets that change with summer time, and a UTC "Z": no error,
    # each the wall-clock time written
    _, at = submitted(tmp_path, "Timestamp,Kunta,Palaute\n2022-03-26T10:00:00.123+02:00,Kokkola,Hyvä\n"
                                "2022-03-28T10:00:00+03:00,Kannus,Ok\n2022-03-29T08:00:00Z,Kokkola,Ok\n")
    assert_series_equal(at, times("2022-03-26 10:00:00.123", "2022-03-28 10:00:00", "2022-03-29 08:00:00"))


def test_day_first_when_one_value_reads_only_that_way_for_the_whole_column(tmp_path):
    # 1/2/2022 alone could be either; 13/2/2022 can only be day first, so the whole column is read day first
    _, at = submitted(tmp_path, "Timestamp,Kunta,Palaute\n1/2/2022 10:00:00,Kokkola,Hyvä\n"
                                "13/2/2022 10:00:00,Kannus,Ok\n3/2/2022 10:00:00,Kokkola,Ok\n")
    assert_series_equal(at, times("2022-02-01 10:00:00", "2022-02-13 10:00:00", "2022-02-03 10:00:00"))


def test_month_first_when_one_value_reads_only_that_way_and_when_every_value_is_ambiguous():
    # the deciding value may come last (after any sample); all-ambiguous slashes read month first, dots day first
    values = pd.Series(["1/2/2022"] * 600 + ["2/13/2022"], dtype=object)
    parsed, order = parse_datetimes(values)
    assert order == "mdy" and parsed.iloc[0] == pd.Timestamp("2022-01-02") and parsed.notna().all()
    ambiguous = pd.Series(["1/2/2022", "3/4/2022", ""], dtype=object)
    assert_series_equal(parse_datetimes(ambiguous)[0],
                        pd.Series(pd.to_datetime(["2022-01-02", "2022-03-04", None])).astype("datetime64[ns]"))
    assert parse_datetimes(ambiguous, dayfirst_first=True)[0].iloc[0] == pd.Timestamp("2022-02-01")
    assert parse_datetimes(pd.Series(["1.2.2022", "3.4.2022"], dtype=object))[0].tolist() == \
        [pd.Timestamp("2022-02-01"), pd.Timestamp("2022-04-03")]


def test_value_that_fits_neither_order_is_left_empty_with_a_warning(tmp_path):
    # 13/2 needs day first, 2/13 and 2/14 month first: the column is read the way that reads more values
    survey, at = submitted(tmp_path, "Timestamp,Kunta,Palaute\n2/13/2022 10:00:00,Kokkola,Hyvä\n"
                                     "13/2/2022 10:00:00,Kannus,Ok\n2/14/2022 10:00:00,Kokkola,Ok\n")
    assert_series_equal(at, times("2022-02-13 10:00:00", None, "2022-02-14 10:00:00"))
    assert survey.report["warnings"] == [
        "responses.csv, row 3, column 'Timestamp': 1 impossible or unreadable date(s) such as '13/2/2022 10:00:00' "
        "left empty"]


def test_date_answer_column_is_read_one_way(tmp_path):
    # a date question (not the submission time): the same per-column rule, shown as ISO dates
    path = tmp_path / "dates.csv"
    path.write_text("Kunta,Milloin yritys perustettiin?\nKokkola,1/2/2020\nKannus,25/12/2019\nKokkola,3/4/2021\n",
                    encoding="utf-8")
    survey = read_survey(path, key=KEY)
    q = survey.questions.set_index("question_id")
    assert q.loc["q02", "type"] == "date"
    values = survey.answers.query("question_id == 'q02'")["value"].tolist()
    assert values == ["2020-02-01", "2019-12-25", "2021-04-03"]


def test_duplicate_window_works_on_two_digit_year_times(tmp_path):
    # the reason parsing matters: the same answers 30 s apart are one submission (the first kept)
    survey, at = submitted(tmp_path, "Timestamp,Kunta,Toimiala,Koko,Vienti,Palaute\n"
                                     "9/13/22 11:05:00,Kokkola,Palvelut,1,Ei,Hyvä\n"
                                     "9/13/22 11:05:30,Kokkola,Palvelut,1,Ei,Hyvä\n"
                                     "9/13/22 15:00:00,Kannus,Kauppa,2,Ei,Ok\n")
    report = survey.report
    assert (report["rows_in"], report["accepted"], report["rejected"], report["duplicates"]) == (3, 2, 0, 1)
    assert_frame_equal(survey.respondents[["source_row", "submitted_at"]],
                       pd.DataFrame({"source_row": pd.array([2, 4], dtype="Int64"),
                                     "submitted_at": times("2022-09-13 11:05:00", "2022-09-13 15:00:00")}))


def test_earlier_forms_still_read():
    values = pd.Series(["10/1/2021 9:00:00", "10/1/2021 9:00", "2021-01-01 10:00:00", "2022-09-13",
                        "2022-09-13 11:05:00.250000", "14 Mar 2017 5:45 PM", "Kokkola", "25-Jun", "2021-02-30"],
                       dtype=object)
    parsed, _ = parse_datetimes(values)
    expected = pd.to_datetime(["2021-10-01 09:00:00", "2021-10-01 09:00", "2021-01-01 10:00:00", "2022-09-13",
                               "2022-09-13 11:05:00.25", "2017-03-14 17:45", None, None, None], format="mixed")
    assert_series_equal(parsed, pd.Series(expected).astype("datetime64[ns]"))


def test_plain_text_and_mixed_cells_read_alike():
    # parse_datetimes reads a column of plain ASCII strings without pandas string operations and anything else
    # (missing cells, other scripts) through them: both ways must give the same times and the same order
    values = ["13.9.2022 11.05.00", " 9/13/22 1:05 PM ", "2022-09-13T10:00:00.5+02:00", "31.2.2022", "44834.5",
              "14 Mar 2017", "12/03/2022 10:30:00.123456789", "2022-09-13", "1.2.2022 25:00", "junk", ""]
    for kwargs in ({}, {"dayfirst_first": True}, {"order": "mdy"}, {"order": "dmy"}):
        plain, plain_order = parse_datetimes(pd.Series(values, dtype=object), **kwargs)
        mixed, mixed_order = parse_datetimes(pd.Series(values + [None], dtype=object), **kwargs)
        assert plain_order == mixed_order
        assert_series_equal(plain, mixed.iloc[:-1])
        assert pd.isna(mixed.iloc[-1])
