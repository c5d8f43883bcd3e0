"""The coding review loop: the workbook written, read back, validated, applied, and the agreement measured."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.coding.review import (COLUMNS, agreement, answer_id, read_review, review_pairs, review_rows,
                                    review_workbook, sorted_for_review, stale_rows, with_reviews)
from pipeline.coding.texts import coded_texts
from pipeline.errors import InputError
from pipeline.schemas import conform

THEMES = conform(pd.DataFrame({
    "theme": ["sales", "export", "other", "trainer", "positive"],
    "taxonomy": ["needs", "needs", "needs", "feedback", "feedback"],
    "theme_name": ["Myynti", "Vienti", "Muu", "Kouluttaja", "Myönteinen"],
    "is_other": [False, False, True, False, False],
}), "themes")

Q = "Mitä tarvitsette?"
ANSWERS = ["Lisää asiakkaita", "Vientiä Ruotsiin", "Rekrytointi", "Lisää asiakkaita"]


def texts_frame(answers=ANSWERS, question=Q):
    return conform(pd.DataFrame({
        "text_id": [f"r{i}:q1" for i in range(len(answers))], "respondent_id": [f"r{i}" for i in range(len(answers))],
        "question_id": "q1", "source": "open", "text": answers, "question": question,
        "answer_id": [answer_id(question, a) for a in answers]}), "texts")


def codes_frame(themes, confidence):
    texts = texts_frame()
    return conform(pd.DataFrame({"text_id": texts["text_id"], "lang": "fi", "theme": [t.split(";")[0] for t in themes],
                                 "themes": themes, "confidence": confidence}), "codes")


def workbook(tmp_path, edits: dict[int, dict[str, str]], texts=None, codes=None, reviewed=None, name="review.xlsx"):
    """The review workbook the pipeline writes for the inline answers, with ``edits`` (sheet row → column → value)
    typed in as an analyst would; returns its path."""
    texts = texts_frame() if texts is None else texts
    codes = codes_frame(["sales", "export", "other", "sales"], [0.9, 0.6, 1.0, 0.9]) if codes is None else codes
    coded = coded_texts(texts, codes, reviewed, 0.75)
    rows = sorted_for_review(review_rows(coded, codes, reviewed, "needs"))
    data = review_workbook(rows, stale_rows(reviewed, rows["answer_id"]), THEMES, ["about"])
    book = load_workbook(io.BytesIO(data))
    sheet = book["review"]
    for row, values in edits.items():
        for column, value in values.items():
            sheet.cell(row=row, column=COLUMNS.index(column) + 1).value = value
    path = tmp_path / name
    book.save(path)
    return path


def test_the_workbook_lists_each_distinct_answer_once_least_confident_first(tmp_path):
    path = workbook(tmp_path, {})
    frame = pd.read_excel(path, sheet_name="review", dtype=object, engine="calamine")
    assert list(frame.columns) == list(COLUMNS)
    assert frame["text"].tolist() == ["Vientiä Ruotsiin", "Lisää asiakkaita", "Rekrytointi"]
    assert frame["answer_id"].tolist() == [answer_id(Q, t) for t in frame["text"]]
    assert frame["proposed_themes"].tolist() == ["export", "sales", "other"]
    assert pd.read_excel(path, sheet_name=None, engine="calamine").keys() == {"review", "themes", "stale", "about"}


def test_the_workbook_offers_the_rows_taxonomy_slugs_in_a_drop_down(tmp_path):
    book = load_workbook(workbook(tmp_path, {}))
    checks = book["review"].data_validations.dataValidation
    # the themes sheet lists feedback's themes (rows 2-4), then the needs taxonomy's (rows 5-7)
    assert len(checks) == 1 and checks[0].formula1 == "=themes!$A$5:$A$7"
    assert [c.value for c in book["themes"]["A"][4:7]] == ["export", "other", "sales"]
    assert str(checks[0].sqref) == "H2 H3 H4"


def test_the_themes_sheet_names_feedbacks_other_in_the_report_language(tmp_path):
    # the feedback taxonomy has no `other` of its own; the sheet named it "other" beside the needs' "Muu"
    book = load_workbook(workbook(tmp_path, {}))
    rows = [(r[0].value, r[1].value, r[2].value) for r in book["themes"].iter_rows(min_row=2)]
    assert ("other", "feedback", "Muu") in rows and ("other", "needs", "Muu") in rows


def test_same_content_same_bytes():
    texts, codes = texts_frame(), codes_frame(["sales", "export", "other", "sales"], [0.9, 0.6, 1.0, 0.9])
    rows = sorted_for_review(review_rows(coded_texts(texts, codes), codes, None, "needs"))
    stale = stale_rows(None, [])
    assert review_workbook(rows, stale, THEMES, ["x"]) == review_workbook(rows.copy(), stale, THEMES, ["x"])


def test_reviewed_themes_are_read_as_slugs_from_slugs_or_names_main_first(tmp_path):
    path = workbook(tmp_path, {2: {"reviewed_themes": "Myynti; export"}, 4: {"note": "rekrytointi: muu"}})
    got = read_review(path, THEMES)
    expected = pd.DataFrame({"answer_id": [answer_id(Q, "Vientiä Ruotsiin"), answer_id(Q, "Rekrytointi")],
                             "taxonomy": ["needs", "needs"], "question": [Q, Q],
                             "text": ["Vientiä Ruotsiin", "Rekrytointi"], "themes": [["sales", "export"], []],
                             "note": ["", "rekrytointi: muu"], "row": [2, 4], "sheet": ["review", "review"]})
    pd.testing.assert_frame_equal(got, expected.sort_values("answer_id").reset_index(drop=True))


def test_other_beside_a_theme_is_dropped(tmp_path):
    got = read_review(workbook(tmp_path, {2: {"reviewed_themes": "other, export"}}), THEMES)
    assert got["themes"].tolist() == [["export"]]


@pytest.mark.parametrize("edits, message", [
    ({3: {"reviewed_themes": "salse"}}, "sheet review, row 3: reviewed_themes 'salse' is not a theme of the needs"),
    ({3: {"reviewed_themes": "trainer"}}, "row 3: reviewed_themes 'trainer' is not a theme of the needs taxonomy"),
    ({3: {"reviewed_themes": "sales", "text": "Lisää asiakkaita!"}}, "row 3: the question or text differs"),
    ({3: {"reviewed_themes": "sales", "answer_id": None}}, "row 3: answer_id is empty"),
])
def test_a_review_that_cannot_be_applied_is_one_line_naming_the_row(tmp_path, edits, message):
    with pytest.raises(InputError) as err:
        read_review(workbook(tmp_path, edits), THEMES)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_a_missing_column_is_named(tmp_path):
    path = workbook(tmp_path, {})
    book = load_workbook(path)
    book["review"].delete_cols(COLUMNS.index("reviewed_themes") + 1)
    book.save(path)
    with pytest.raises(InputError, match="sheet review: no column reviewed_themes; keep the columns"):
        read_review(path, THEMES)


def test_a_file_that_is_no_workbook_is_one_line(tmp_path):
    path = tmp_path / "review.xlsx"
    path.write_text("answer_id,text\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable .xlsx workbook"):
        read_review(path, THEMES)


def test_one_answer_reviewed_twice_differently_is_refused(tmp_path):
    path = workbook(tmp_path, {2: {"reviewed_themes": "export"}})
    book = load_workbook(path)
    sheet = book["review"]
    sheet.append([c.value for c in sheet[2]])
    sheet.cell(row=5, column=COLUMNS.index("reviewed_themes") + 1, value="sales")
    book.save(path)
    with pytest.raises(InputError, match="reviewed twice with different themes .*row 2.*row 5"):
        read_review(path, THEMES)


def test_reviewed_answers_carry_exactly_the_reviewed_themes_everywhere_they_occur():
    texts = texts_frame()
    codes = codes_frame(["sales", "export", "other", "sales"], [0.9, 0.6, 1.0, 0.9])
    reviewed = pd.DataFrame({"answer_id": [answer_id(Q, "Lisää asiakkaita")], "taxonomy": ["needs"], "question": [Q],
                             "text": ["Lisää asiakkaita"], "themes": [["branding", "sales"]], "note": [""],
                             "row": [2], "sheet": ["review"]})
    got = with_reviews(codes, texts, reviewed)
    expected = codes.copy()
    expected.loc[[0, 3], ["theme", "themes", "confidence"]] = [["branding", "branding;sales", 1.0]] * 2
    pd.testing.assert_frame_equal(got, expected)
    joined = coded_texts(texts, got, reviewed, 0.75)
    assert joined["reviewed"].tolist() == [True, False, False, True]
    # the export code (0.6) is below the review threshold and unreviewed: uncertain
    assert joined["uncertain_themes"].tolist() == [[], ["export"], [], []]


def test_the_regenerated_workbook_keeps_reviews_and_lists_answers_gone_as_stale(tmp_path):
    reviewed = read_review(workbook(tmp_path, {2: {"reviewed_themes": "sales", "note": "asiakas"},
                                               4: {"reviewed_themes": "other"}}), THEMES)
    fewer = texts_frame(ANSWERS[:2])  # "Rekrytointi" is no longer in the survey
    codes = conform(pd.DataFrame({"text_id": fewer["text_id"], "lang": "fi", "theme": ["sales", "export"],
                                  "themes": ["sales", "export"], "confidence": [0.9, 0.6]}), "codes")
    final = with_reviews(codes, fewer, reviewed)
    rows = review_rows(coded_texts(fewer, final, reviewed, 0.75), codes, reviewed, "needs")
    assert rows.set_index("text")[["proposed_themes", "reviewed_themes", "note"]].to_dict("index") == {
        "Lisää asiakkaita": {"proposed_themes": "sales", "reviewed_themes": "", "note": ""},
        # the machine's blind proposal is shown beside the analyst's themes
        "Vientiä Ruotsiin": {"proposed_themes": "export", "reviewed_themes": "sales", "note": "asiakas"}}
    stale = stale_rows(reviewed, rows["answer_id"])
    assert stale[["text", "reviewed_themes"]].values.tolist() == [["Rekrytointi", "other"]]
    again = read_review(workbook(tmp_path, {}, texts=fewer, codes=codes, reviewed=reviewed, name="again.xlsx"),
                        THEMES)
    assert sorted(map(tuple, again[["text", "sheet"]].values.tolist())) == [("Rekrytointi", "stale"),
                                                                             ("Vientiä Ruotsiin", "review")]


def test_agreement_per_theme_and_in_all():
    pairs = pd.DataFrame({"answer_id": ["a", "b", "c", "d"],
                          "analyst": [["sales"], ["sales", "export"], ["export"], ["other"]],
                          "machine": [["sales"], ["sales"], ["sales"], ["other"]]})
    coded = pd.DataFrame({"answer_id": ["a", "b", "c", "d", "e", "e"],
                          "uncertain_themes": [[], [], [], [], ["export"], ["export"]]})
    got = agreement(pairs, "needs", ["sales", "export", "other"], coded)
    expected = pd.DataFrame({
        "taxonomy": "needs", "theme": ["sales", "export", "other", "all"], "reviewed": 4,
        "analyst": [2, 2, 1, 5], "machine": [3, 0, 1, 4],
        "precision": [0.667, np.nan, 1.0, 0.75], "recall": [1.0, 0.0, 1.0, 0.6],
        "kappa": [0.5, 0.0, 1.0, 0.556], "alpha": [np.nan, np.nan, np.nan, 0.397],
        "answers": 5, "share_reviewed": 0.8, "uncertain": [0, 1, 0, 1]})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_without_reviews_only_the_count_a_review_would_settle():
    coded = pd.DataFrame({"answer_id": ["a", "b"], "uncertain_themes": [["sales"], []]})
    got = agreement(review_pairs(coded, pd.DataFrame(), None), "needs", ["sales"], coded)
    assert got[["theme", "reviewed", "answers", "uncertain"]].values.tolist() == [["all", 0, 2, 1]]
