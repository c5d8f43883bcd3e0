"""Roles by question text in fi/sv/en, by type, and by config override."""
import pandas as pd
import pytest

from pipeline.errors import ConfigError
from pipeline.roles import assign_roles


def questions(rows):
    return pd.DataFrame(rows, columns=["question_id", "text", "type", "columns", "options"]).assign(role="")


NEEDS = questions([
    ("q1", "Y-tunnus", "open", ["Y-tunnus"], []),
    ("q2", "Kunta", "single", ["Kunta"], []),
    ("q3", "Toimiala", "single", ["Toimiala"], []),
    ("q4", "Henkilöstön määrä", "single", ["Henkilöstön määrä"], []),
    ("q5", "Mistä aiheista olette kiinnostuneita?", "multi", ["Mistä aiheista olette kiinnostuneita?"], []),
    ("q6", "Arvioikaa yrityksenne osaamista", "likert", ["a", "b"], []),
    ("q7", "Onko yrityksellänne kiinnostusta kehittää vientiä?", "single", ["x"], []),
    ("q8", "Missä asioissa yrityksenne tarvitsisi tukea?", "open", ["y"], []),
])


def test_finnish_needs_survey_gets_every_role():
    roles = assign_roles(NEEDS, "needs")["role"].tolist()
    assert roles == ["business_id", "municipality", "sector", "size", "interests", "competence", "export",
                     "needs_text"]


def test_swedish_and_english_headers():
    q = questions([
        ("a", "Kommun", "single", [], []), ("b", "Bransch", "single", [], []),
        ("c", "Antal anställda", "single", [], []), ("d", "Vad behöver ert företag stöd med?", "open", [], []),
        ("e", "Industry sector", "single", [], []),
    ])
    assert assign_roles(q, "needs")["role"].tolist() == ["municipality", "sector", "size", "needs_text", ""]


def test_type_must_fit_the_role():
    q = questions([("a", "Kunta (vapaa teksti)", "number", [], [])])
    assert assign_roles(q, "needs")["role"].tolist() == [""]


def test_override_names_a_question_by_header_and_takes_precedence():
    q = questions([("a", "Kotipaikka", "single", ["Kotipaikka"], []), ("b", "Kunta", "single", ["Kunta"], [])])
    result = assign_roles(q, "needs", {"municipality": "kotipaikka"})
    assert result["role"].tolist() == ["municipality", ""]


def test_override_errors_name_the_role_and_question():
    with pytest.raises(ConfigError, match="nosuch"):
        assign_roles(NEEDS, "needs", {"municipality": "nosuch"})
    with pytest.raises(ConfigError, match="favourite_colour"):
        assign_roles(NEEDS, "needs", {"favourite_colour": "q1"})


def test_input_frame_is_not_modified():
    before = NEEDS.copy()
    assign_roles(NEEDS, "needs")
    pd.testing.assert_frame_equal(NEEDS, before)


def test_feedback_roles():
    q = questions([
        ("t", "Timestamp", "meta", [], []),
        ("s", "Kuinka tyytyväinen olit tilaisuuteen kokonaisuutena?", "likert", [], []),
        ("r", "Kuinka todennäköisesti suosittelisit tilaisuutta kollegalle?", "number", [], []),
        ("g", "Mikä oli hyvää?", "open", [], []),
        ("i", "Mitä pitäisi kehittää?", "open", [], []),
    ])
    assert assign_roles(q, "feedback")["role"].tolist() == ["", "satisfaction", "recommend", "good_text",
                                                          "improve_text"]


def test_free_text_role_prefers_an_open_question_but_takes_a_single_choice():
    q = questions([("a", "Missä tarvitsette tukea? (valitse)", "single", [], []),
                   ("b", "Missä asioissa tarvitsette tukea?", "open", [], [])])
    assert assign_roles(q, "needs")["role"].tolist() == ["", "needs_text"]
    only_single = questions([("a", "Mitä muuta tarvitsette?", "single", [], [])])
    assert assign_roles(only_single, "needs")["role"].tolist() == ["needs_text"]


def test_settled_makes_a_free_text_role_read_as_single_choice_open_and_keeps_other_questions():
    from pipeline.roles import settled
    from pipeline.schemas import conform, empty
    from pipeline.survey import Survey

    qs = conform(pd.DataFrame({"question_id": ["q1", "q2"], "text": ["Mikä oli hyvää?", "Kunta"],
                               "type": ["single", "single"], "columns": [["a"], ["b"]], "options": [[], []],
                               "role": ["good_text", "municipality"]}), "questions")
    answers = conform(pd.DataFrame({"respondent_id": ["r1", "r1"], "question_id": ["q1", "q2"], "item": ["", ""],
                                    "value": ["Kaikki", "Kokkola"], "text": [None, None], "score": [None, None],
                                    "is_dont_know": [False, False]}), "answers")
    survey = Survey("f.csv", "generic", "utf-8", ",", 1, qs, empty("respondents"), answers, empty("rejected"))
    got = settled(survey)
    assert got.questions["type"].tolist() == ["open", "single"]
    assert got.answers["text"].iloc[0] == "Kaikki" and pd.isna(got.answers["text"].iloc[1])
    assert survey.questions["type"].tolist() == ["single", "single"]  # the input is not modified


def test_a_check_all_named_only_by_its_options_is_the_interests_question_when_they_name_topics():
    # a hand-kept sheet's ticked columns: the question text is the options joined
    topics = ["Myynti", "Brändi ja markkinointi", "Data", "Verkkokauppa", "Vienti"]
    q = questions([
        ("q1", "Toimiala", "single", [], ["Kauppa", "Palvelut"]),
        ("q2", "Kahvi / Tee / Mehu", "multi", [], ["Kahvi", "Tee", "Mehu"]),
        ("q3", " / ".join(topics), "multi", [], topics),
    ])
    assert assign_roles(q, "needs")["role"].tolist() == ["sector", "", "interests"]
    # a question whose text says so still wins over one whose options do
    named = pd.concat([q, questions([("q4", "Mistä aiheista olette kiinnostuneita?", "multi", [], ["A", "B"])])],
                      ignore_index=True)
    assert assign_roles(named, "needs")["role"].tolist() == ["sector", "", "", "interests"]
