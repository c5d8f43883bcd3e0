"""A Webropol check-all with an "other, what?" text field (issue 12, ingest round 20, QA round 14): one test per
rule, each on a few inline rows built the way Webropol writes such an export (synthetic values, not copies of a
real file)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import write_csv

KEY = b"round-twenty-test-key"


def _webropol(tmp_path, name: str, header: list[str], rows: list[list[str]]):
    """A Webropol CSV download: ``;``-separated, UTF-8 with a BOM, ``Vastaaja;Vastausaika`` before ``header``."""
    lines = [";".join(["Vastaaja", "Vastausaika", *header])]
    lines += [";".join([str(i + 1), f"{3 + i}.2.2026 9:00", *row]) for i, row in enumerate(rows)]
    path = tmp_path / name
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _chosen(survey, qid: str) -> dict[str, int]:
    """How many respondents chose each option of multi-select ``qid``."""
    rows = survey.answers[survey.answers["question_id"] == qid]
    return rows.groupby("value")["respondent_id"].nunique().to_dict()


def _other_texts(survey, qid: str) -> list[str]:
    return sorted(survey.answers.loc[survey.answers["question_id"] == f"{qid}_other", "text"].astype(str))


def test_webropol_check_all_with_two_different_other_texts_is_one_multi_select(tmp_path):
    """QA round 14 (the first user's needs survey): ``Aiheet:Myynti;…;Aiheet:Muu, mikä?`` with 1 or blank in each
    option's column and the typed text in the last one was read as one number question per option plus an open
    one once two different "Muu, mikä?" texts occurred, and the demand headline came from open text alone. An
    option-per-column group whose last column is its "other, what?" field (``answers.other_headers``) is one
    multi-select with that column as its "other" option: a typed text ticks "other" and is its other text."""
    header = ["Aiheet:Myynti", "Aiheet:Brändi", "Aiheet:Vienti", "Aiheet:Muu, mikä?"]
    rows = [["1", "", "1", ""], ["", "1", "", "Rekrytointi"], ["1", "1", "", ""], ["", "", "1", "Sukupolvenvaihdos"],
            ["1", "", "", ""]]
    path = _webropol(tmp_path, "tarve.csv", header, rows)
    questions = inspect_file(path)["questions"]
    assert [(q["type"], q["options"]) for q in questions] == [
        ("multi", ["Myynti", "Brändi", "Vienti", "Muu, mikä?"])], questions
    survey = read_survey(path, key=KEY)
    qid = questions[0]["id"]
    assert _chosen(survey, qid) == {"Myynti": 3, "Brändi": 2, "Vienti": 2, "Muu, mikä?": 2}
    assert _other_texts(survey, qid) == ["Rekrytointi", "Sukupolvenvaihdos"]
    kinds = dict(zip(survey.questions["question_id"], survey.questions["type"]))
    assert kinds == {qid: "multi", f"{qid}_other": "other_text"}, kinds


def test_swedish_check_all_with_annat_vad_texts_is_one_multi_select(tmp_path):
    """The same export of a Swedish form (``Ämnen:Försäljning;…;Ämnen:Annat, vad?``), ticks written as X: one
    multi-select whose "Annat, vad?" option counts the typed texts and an X alike; a blank is no choice."""
    header = ["Ämnen:Försäljning", "Ämnen:Varumärke", "Ämnen:Export", "Ämnen:Annat, vad?"]
    rows = [["X", "", "X", ""], ["", "X", "", "Rekrytering"], ["X", "", "", "Generationsskifte"], ["", "", "X", "X"],
            ["X", "X", "", ""]]
    path = _webropol(tmp_path, "behov.csv", header, rows)
    questions = inspect_file(path)["questions"]
    assert [(q["type"], q["options"]) for q in questions] == [
        ("multi", ["Försäljning", "Varumärke", "Export", "Annat, vad?"])], questions
    survey = read_survey(path, key=KEY)
    qid = questions[0]["id"]
    assert _chosen(survey, qid) == {"Försäljning": 3, "Varumärke": 2, "Export": 2, "Annat, vad?": 3}
    assert _other_texts(survey, qid) == ["Generationsskifte", "Rekrytering"]


def test_zero_one_check_all_reads_a_zero_in_the_other_field_as_not_chosen(tmp_path):
    """Webropol's "multi-select as 1/0" export option writes 0 in every unticked option's column; the "Muu,
    mikä?" field then holds a 0, a 1 or the typed text. A 0 there is no "other" and no other text; 1 and a text
    both tick "other", and only the text is other text."""
    header = ["Aiheet:Myynti", "Aiheet:Brändi", "Aiheet:Vienti", "Aiheet:Muu, mikä?"]
    rows = [["1", "0", "1", "0"], ["0", "1", "0", "Rekrytointi"], ["1", "1", "0", "1"], ["0", "0", "1", "Omistajanvaihdos"]]
    path = _webropol(tmp_path, "nollat.csv", header, rows)
    survey = read_survey(path, key=KEY)
    qid = inspect_file(path)["questions"][0]["id"]
    assert _chosen(survey, qid) == {"Myynti": 2, "Brändi": 2, "Vienti": 2, "Muu, mikä?": 3}
    assert _other_texts(survey, qid) == ["Omistajanvaihdos", "Rekrytointi"]
