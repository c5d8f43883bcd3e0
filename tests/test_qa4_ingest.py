"""Ingest faults found by a QA run (qa4, 2026-12-02): a Google Forms checkbox question whose two options were
often chosen together had that pair read as one option label with a comma in it (and an option never chosen
alone lost to the "other" text), and Google Forms timestamps ending in a zone abbreviation ("2025/11/03
10:00:00 EET") were left empty. Each test on a few inline rows."""
from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_series_equal

from pipeline.ingest import inspect_file, read_survey
from pipeline.ingest.qtypes import parse_datetimes

from conftest import write_csv

KEY = b"k"


def _google_csv(path, header, cells):
    """A Google Forms CSV of one question: a timestamp column and ``cells`` (quoted when they hold a comma)."""
    rows = "".join(f"2025/02/{3 + i:02d} 10:00:00,\"{cell}\"\n" for i, cell in enumerate(cells))
    return write_csv(path, f"Aikaleima,{header}\n{rows}")


def _option_counts(path, header):
    """``(options, respondents per option)`` of the one question of ``path`` as ingest reads it."""
    question = next(q for q in inspect_file(path)["questions"] if header in q["columns"])
    survey = read_survey(path, key=KEY)
    answers = survey.answers[survey.answers["question_id"] == question["id"]]
    return question, answers.groupby("value")["respondent_id"].nunique().to_dict()


# --- checkbox answers that join options ------------------------------------------------------------------

def test_a_recurring_pair_of_options_is_two_options_and_an_option_never_chosen_alone_is_kept(tmp_path):
    # "Markkinointi, Verkkokauppa" is given twice as a whole answer and inside a third one; "Vienti" is never
    # chosen alone but stands beside known options in four different answers: every cell splits into options
    header = "Mistä aiheista yrityksenne tarvitsisi koulutusta?"
    cells = ["Myynti", "Myynti", "Digitalisaatio", "Digitalisaatio", "Markkinointi", "Verkkokauppa",
             "Markkinointi, Verkkokauppa", "Markkinointi, Verkkokauppa", "Markkinointi, Verkkokauppa, Vienti",
             "Vienti, Myynti", "Vienti, Myynti, Digitalisaatio", "Digitalisaatio, Vienti", "Myynti, Markkinointi"]
    question, counts = _option_counts(_google_csv(tmp_path / "tarve.csv", header, cells), header)
    assert question["type"] == "multi"
    assert sorted(question["options"]) == ["Digitalisaatio", "Markkinointi", "Myynti", "Verkkokauppa", "Vienti"]
    assert counts == {"Myynti": 5, "Digitalisaatio": 4, "Markkinointi": 5, "Verkkokauppa": 4, "Vienti": 4}


def test_a_pair_of_options_each_chosen_alone_is_not_one_option(tmp_path):
    # the Swedish impact survey's attendance question: "Digitala verktyg och data, Export till Norden" joins two
    # options each chosen alone, and a three-option answer holds that pair
    header = "Vilka verkstäder deltog ni i?"
    cells = ["Digitala verktyg och data", "Digitala verktyg och data", "Export till Norden",
             "Sälj mer – kundanskaffning", "Digitala verktyg och data, Export till Norden",
             "Sälj mer – kundanskaffning, Export till Norden",
             "Sälj mer – kundanskaffning, Digitala verktyg och data, Export till Norden",
             "Synlighet i sociala medier", "Synlighet i sociala medier"]
    question, counts = _option_counts(_google_csv(tmp_path / "genomslag.csv", header, cells), header)
    assert question["type"] == "multi"
    assert "Digitala verktyg och data, Export till Norden" not in question["options"]
    assert counts == {"Digitala verktyg och data": 4, "Export till Norden": 4, "Sälj mer – kundanskaffning": 3,
                      "Synlighet i sociala medier": 2}


def test_an_option_never_chosen_alone_beside_option_labels_holding_a_comma(tmp_path):
    # options that really hold ", " stay whole; "Ateliers", never chosen alone, stands beside them in two
    # different answers: an option, not a typed "other" text ("Former les enseignants", given once, is one)
    header = "Aimeriez-vous être formé ?"
    cells = ["Non, je connais suffisamment.", "Non, je connais suffisamment.", "Oui, comprendre la démarche.",
             "Oui, comprendre la démarche.", "Oui, savoir agir.", "Oui, comprendre la démarche., Oui, savoir agir.",
             "Oui, comprendre la démarche., Ateliers", "Oui, savoir agir., Ateliers",
             "Oui, savoir agir., Former les enseignants"]
    question, counts = _option_counts(_google_csv(tmp_path / "reponses.csv", header, cells), header)
    assert question["type"] == "multi"
    assert sorted(question["options"]) == ["Ateliers", "Non, je connais suffisamment.",
                                           "Oui, comprendre la démarche.", "Oui, savoir agir."]
    assert counts == {"Ateliers": 2, "Non, je connais suffisamment.": 2, "Oui, comprendre la démarche.": 4,
                      "Oui, savoir agir.": 4}


# --- timestamps with a zone abbreviation -----------------------------------------------------------------

def test_google_forms_timestamps_with_a_zone_abbreviation_keep_the_wall_clock(tmp_path):
    # "2025/11/03 10:00:00 EET" (24-hour clock, no AM/PM) and the 12-hour form with one: the abbreviation is
    # dropped like "GMT+2", the time kept as written (naive local)
    path = write_csv(tmp_path / "svar.csv", "Tidsstämpel,Kommun\n2025/11/03 10:00:00 EET,Jakobstad\n"
                                            "2025/06/04 16:30:05 EEST,Larsmo\n2025/11/05 9:15:00 PM CET,Kronoby\n"
                                            "2025/07/06 08:00:00 cest,Jakobstad\n2025/11/07 23:59:59 UTC,Larsmo\n")
    survey = read_survey(path, key=KEY)
    expected = pd.Series(pd.to_datetime(["2025-11-03 10:00:00", "2025-06-04 16:30:05", "2025-11-05 21:15:00",
                                         "2025-07-06 08:00:00", "2025-11-07 23:59:59"]),
                         name="submitted_at").astype("datetime64[ns]")
    assert_series_equal(survey.respondents["submitted_at"], expected)
    assert survey.report["warnings"] == []


@pytest.mark.parametrize("text, expected", [
    ("2025/11/03 10:00:00 EET", "2025-11-03 10:00:00"),
    ("3.11.2025 10.00.00 EET", "2025-11-03 10:00:00"),
    ("Mar 14, 2017 5:45 PM BST", "2017-03-14 17:45:00"),
    ("2025-11-03T10:00:00 CET", "2025-11-03 10:00:00"),
])
def test_a_zone_abbreviation_after_any_date_form_is_dropped(text, expected):
    # only the abbreviations of answers.time_zones are dropped: another trailing word leaves the value unread
    parsed, _ = parse_datetimes(pd.Series([text, text + "X", text.rsplit(" ", 1)[0] + " XYZ"], dtype=object))
    assert parsed.iloc[0] == pd.Timestamp(expected)
    assert parsed.iloc[1:].isna().all()


def test_very_good_and_excellent_are_two_levels_of_a_quality_scale():
    """A QA project's LimeSurvey grid "Poor / Fair / Good / Very good / Excellent" (the common English quality
    scale) was read as "Very poor … Very good" with Excellent a synonym of Very good: both scored 5."""
    from pipeline.ingest.qtypes import match_scale, norm_label

    five = {norm_label(x) for x in ("Poor", "Fair", "Good", "Very good", "Excellent")}
    assert match_scale(five) == "en_quality_excellent"
    # without both top answers nothing tells the two scales apart: the reading stays what it was
    assert match_scale({norm_label(x) for x in ("Poor", "Fair", "Good", "Excellent")}) == "en_quality"
