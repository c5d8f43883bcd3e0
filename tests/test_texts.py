"""The texts table a survey hands to the coder."""
import pandas as pd

from pipeline.roles import settled
from pipeline.schemas import conform
from pipeline.survey import Survey
from pipeline.coding.review import answer_id
from pipeline.coding.texts import survey_texts


def make_survey():
    questions = conform(pd.DataFrame({
        "question_id": ["q1", "q2", "q3", "q4"],
        "text": ["Aiheet", "Osaaminen", "Tarpeet", "Muu, mikä"],
        "type": ["multi", "likert", "open", "other_text"],
        "columns": [["Aiheet"], ["O: Myynti", "O: Data"], ["Tarpeet"], ["Muu"]],
        "options": [["Vienti", "Verkkokauppa"], ["eri", "samaa"], [], []],
        "role": ["interests", "competence", "needs_text", ""],
    }), "questions")
    answers = conform(pd.DataFrame({
        "respondent_id": ["r1", "r1", "r2", "r2", "r1"],
        "question_id": ["q1", "q2", "q3", "q3", "q4"],
        "item": ["Vienti", "Myynti", "", "", ""],
        "value": ["Vienti", "samaa", None, None, None],
        "text": [None, None, "Apua vientiin", "  ", "Rahoitus"],
        "score": [float("nan"), 2.0, float("nan"), float("nan"), float("nan")],
        "is_dont_know": [False] * 5,
    }), "answers")
    empty = pd.DataFrame()
    return Survey("s.csv", "generic", "utf-8", ",", 1, questions, empty, answers, empty)


def test_open_answers_option_labels_and_items():
    result = survey_texts(make_survey())
    expected = conform(pd.DataFrame({
        "text_id": ["item:q2:0", "option:q1:0", "option:q1:1", "r1:q4", "r2:q3"],
        "respondent_id": [pd.NA, pd.NA, pd.NA, "r1", "r2"],
        "question_id": ["q2", "q1", "q1", "q4", "q3"],
        "source": ["item", "option", "option", "other_text", "open"],
        "text": ["Myynti", "Vienti", "Verkkokauppa", "Rahoitus", "Apua vientiin"],
        "question": ["Osaaminen", "Aiheet", "Aiheet", "Muu, mikä", "Tarpeet"],
        "answer_id": [answer_id("Osaaminen", "Myynti"), answer_id("Aiheet", "Vienti"),
                      answer_id("Aiheet", "Verkkokauppa"), answer_id("Muu, mikä", "Rahoitus"),
                      answer_id("Tarpeet", "Apua vientiin")],
    }), "texts")
    pd.testing.assert_frame_equal(result, expected)


def test_roles_restrict_open_answers_but_keep_other_texts():
    result = survey_texts(make_survey(), roles=("good_text",), with_labels=False)
    assert result["text_id"].tolist() == ["r1:q4"]


def test_free_text_read_as_single_choice_is_still_coded():
    survey = make_survey()
    questions = survey.questions.assign(type=survey.questions["type"].mask(
        survey.questions["question_id"] == "q3", "single"))
    answers = survey.answers.assign(value=survey.answers["value"].mask(
        survey.answers["question_id"] == "q3", survey.answers["text"]), text=survey.answers["text"].mask(
        survey.answers["question_id"] == "q3", None))
    result = survey_texts(settled(Survey("s.csv", "generic", "utf-8", ",", 1, questions, survey.respondents, answers,
                                         survey.rejected)), with_labels=False)
    assert result[["text_id", "source", "text"]].values.tolist() == [
        ["r1:q4", "other_text", "Rahoitus"], ["r2:q3", "open", "Apua vientiin"]]


def test_answer_id_is_stable_and_depends_on_question_and_text():
    # the id a coding review is matched by: white space and Unicode form do not matter, the words do
    assert answer_id("Tarpeet?", "Apua  vientiin") == answer_id(" Tarpeet? ", "Apua vientiin")
    assert answer_id("Tarpeet?", "Apua vientiin") == answer_id("Tarpeet?", "Apua vientiin".replace("i", "i"))
    assert answer_id("Tarpeet?", "Apua vientiin") != answer_id("Tarpeet?", "Apua viennin")
    assert answer_id("Tarpeet?", "Apua vientiin") != answer_id("Muuta?", "Apua vientiin")
    assert answer_id("Q", "caf\u00e9") == answer_id("Q", "cafe\u0301")
    assert len(answer_id("Q", "x")) == 12


def test_only_answers_coded_below_the_threshold_are_uncertain_not_option_labels():
    from pipeline.coding.texts import coded_texts, with_answer_ids

    texts = conform(with_answer_ids(pd.DataFrame({
        "text_id": ["option:q1:0", "r1:q3", "r2:q3"], "respondent_id": [pd.NA, "r1", "r2"],
        "question_id": ["q1", "q3", "q3"], "source": ["option", "open", "open"],
        "text": ["Asiakashankinta", "Lisää asiakkaita", "Vientiä"]}).astype("string"),
        pd.DataFrame({"question_id": ["q1", "q3"], "text": ["Aiheet", "Tarpeet"]})), "texts")
    codes = conform(pd.DataFrame({"text_id": ["option:q1:0", "r1:q3", "r2:q3"], "lang": "fi",
                                  "theme": ["sales", "sales", "export"], "themes": ["sales", "sales", "export"],
                                  "confidence": [0.667, 0.667, 0.9]}), "codes")
    got = coded_texts(texts, codes, None, 0.75)
    assert got.set_index("text_id")["uncertain_themes"].to_dict() == {"option:q1:0": [], "r1:q3": ["sales"],
                                                                      "r2:q3": []}
