"""Quirks of real exports found on round 6 of unseen files (issue 12): one test per quirk, each on a few inline
rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

import openpyxl
import pandas as pd

from pipeline.ingest import inspect_file, read_survey

from conftest import write_csv


def _types(found: dict) -> dict[str, str]:
    return {q["text"]: q["type"] for q in found["questions"]}


def test_the_sheet_starting_like_a_tool_export_wins_over_a_bigger_derived_sheet(tmp_path):
    # a thesis workbook keeps the Google Forms responses (Czech UI: "Časová značka") on its first tab and a long
    # coding table made from them on another, with more filled cells: the export is the tab that starts with the
    # tool's first column, not the biggest
    book = openpyxl.Workbook()
    raw = book.active
    raw.title = "results_raw"
    raw.append(["Časová značka", "Pohlaví / Gender", "Proč? / Why?"])
    for i, (gender, why) in enumerate([("muž / male", "barvy"), ("žena / female", "oči"), ("muž / male", ""),
                                       ("žena / female", "pozadí")], start=1):
        raw.append([f"2026-10-0{i} 16:10:10", gender, why])
    coding = book.create_sheet("coding")
    coding.append(["row_id", "image_id", "result", "eyes", "hair"])
    for i in range(1, 41):
        coding.append([i // 10 + 1, i % 10 + 1, "True", "", "1"])
    path = tmp_path / "results.xlsx"
    book.save(path)
    found = inspect_file(path)
    assert found["sheet"] == "results_raw"
    assert found["tool"] == "googleforms" and found["respondents"] == 4
    # a workbook with no such tab still reads the sheet with the most cells
    del book["results_raw"]
    other = tmp_path / "coding_only.xlsx"
    book.save(other)
    assert inspect_file(other)["sheet"] == "coding"


def test_chinese_five_point_scales_are_likert(tmp_path):
    # a 问卷星 download by text: satisfaction, reasonableness, frequency and difficulty questions answered in
    # words ("很满意 … 很不满意", "从不 … 非常频繁") were single choices, no Chinese scale being known
    header = "序号,提交答卷时间,所用时间,来源,1、性别,2、您对公共服务的满意度,3、收费是否合理,4、使用频率,5、看病的难易程度\n"
    rows = [("男", "很满意", "基本合理", "极少", "难"), ("女", "基本满意", "一般", "从不", "很难"),
            ("女", "一般", "不太合理", "比较频繁", "一般"), ("男", "不太满意", "很不合理", "非常频繁", "不难"),
            ("男", "很不满意", "很合理", "一般", "一点也不难"), ("女", "基本满意", "基本合理", "极少", "难")]
    body = "".join(f"{i},2026/5/12 19:0{i}:50,194秒,微信," + ",".join(r) + "\n" for i, r in enumerate(rows, start=1))
    found = inspect_file(write_csv(tmp_path / "wjx.csv", header + body))
    assert found["tool"] == "wenjuanxing" and found["respondents"] == 6
    types = _types(found)
    assert types["1、性别"] == "single"
    for text in ("2、您对公共服务的满意度", "3、收费是否合理", "4、使用频率", "5、看病的难易程度"):
        assert types[text] == "likert", text


def test_italian_value_labels_of_frequency_and_grade_scales_are_likert(tmp_path):
    # an Italian SPSS file labels its codes "molto spesso / spesso / qualche volta / raramente / mai" and
    # "ottimo / buono / sufficiente / insufficiente / mediocre" (high to low): Likert scales, not single choices
    pyreadstat = __import__("pyreadstat")
    frame = pd.DataFrame({"D1": [1.0, 2.0, 3.0, 4.0, 5.0, 3.0, 2.0, 1.0],
                          "D2": [2.0, 2.0, 1.0, 3.0, 4.0, 5.0, 2.0, 3.0],
                          "D3": [1.0, 2.0, 1.0, 2.0, 1.0, 1.0, 2.0, 2.0]})
    often = {1.0: "molto spesso", 2.0: "spesso", 3.0: "qualche volta", 4.0: "raramente", 5.0: "mai"}
    grade = {1.0: "ottimo", 2.0: "buono", 3.0: "sufficiente", 4.0: "insufficiente", 5.0: "mediocre"}
    path = tmp_path / "musica.sav"
    pyreadstat.write_sav(frame, str(path),
                         column_labels=["Con quale frequenza ascolti la radio?", "Qual è il tuo rendimento?",
                                        "Genere"],
                         variable_value_labels={"D1": often, "D2": grade, "D3": {1.0: "maschio", 2.0: "femmina"}})
    types = _types(inspect_file(path))
    assert types["Con quale frequenza ascolti la radio?"] == "likert"
    assert types["Qual è il tuo rendimento?"] == "likert"
    assert types["Genere"] == "single"


def test_a_single_choice_keeping_typed_other_answers_in_its_column_is_single(tmp_path):
    # Microsoft Forms writes the text typed into a choice question's "Other" option into the same column: three
    # options given by most people, then answers typed once each, one longer than single_max_length; the column
    # was read as open text because of that one long answer
    options = ["Video games"] * 20 + ["Film / television"] * 8 + ["Both"] * 4
    typed = ["Fine art", "Simulation", "All three, currently in games, but also as an educator, so a little bit of "
             "everything really", "Media"]
    answers = options + typed
    header = "ID,Start time,Completion time,Email,Name,What is your primary industry?,What should we change?\n"
    comments = [f"Comment number {i} about the programme, written in my own words" for i in range(len(answers))]
    body = "".join(f'{i},2026-09-17 13:12:00,2026-09-17 13:16:43,anonymous,,"{a}","{c}"\n'
                   for i, (a, c) in enumerate(zip(answers, comments), start=1))
    found = inspect_file(write_csv(tmp_path / "forms.csv", header + body))
    assert found["tool"] == "msforms" and found["respondents"] == len(answers)
    types = _types(found)
    assert types["What is your primary industry?"] == "single"
    assert types["What should we change?"] == "open"
    # mostly "No" with a few typed comments is no such choice: one recurring option is not a list of options
    many_no = ["No"] * 30 + ["None"] * 3 + ["The room was too warm for a whole afternoon of talks and exercises, so please book a cooler one next time"]
    body = "".join(f'{i},2026-09-17 13:12:00,2026-09-17 13:16:43,anonymous,,"{a}",x\n'
                   for i, a in enumerate(many_no, start=1))
    found = inspect_file(write_csv(tmp_path / "comments.csv",
                                   header.replace("What is your primary industry?", "Anything else?") + body))
    assert _types(found)["Anything else?"] == "open"


def test_a_count_question_in_another_language_is_a_number_not_a_rating(tmp_path):
    # a Google Forms column of bare 0-10 answers reads as a linear scale unless the question asks "how many"
    # (here in Czech, with a question number before it)
    path = tmp_path / "form.csv"
    rows = "".join(f"2024/03/0{i % 9 + 1} 10:00:00,{n}\n" for i, n in enumerate([0, 3, 5, 7, 10, 2, 8, 6]))
    path.write_text("Časová značka,3. Kolik obrázků poznáte?\n" + rows, encoding="utf-8")
    survey = read_survey(path, key=b"k")
    assert survey.questions["type"].tolist() == ["number"]


def test_an_item_of_a_rating_battery_that_nobody_rated_low_is_a_rating(tmp_path):
    # Google Forms 1-7 agreement items; the third was answered only 4-7 and is a rating like the others
    path = tmp_path / "form.csv"
    answers = [(1, 4, 5), (3, 7, 6), (7, 2, 7), (5, 1, 4), (6, 6, 6), (2, 5, 5)]
    rows = "".join(f"2024/03/0{i + 1} 10:00:00,{a},{b},{c}\n" for i, (a, b, c) in enumerate(answers))
    path.write_text("Timestamp,I trust the results,I understand the method,I would use it again\n" + rows,
                    encoding="utf-8")
    survey = read_survey(path, key=b"k")
    assert survey.questions["type"].tolist() == ["likert"] * 3
    again = survey.questions.set_index("text").loc["I would use it again"]
    assert list(again["options"]) == [str(n) for n in range(1, 8)]
