"""Quirks found on round 14 of unseen real exports (issue 12): one test per rule, each on a few inline rows built
the way files of that layout look (synthetic values, not copies of the files)."""
from __future__ import annotations

import pandas as pd

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

KEY = b"round-fourteen-test-key"


def _wjx_rows(n: int) -> list[list[str]]:
    """``n`` rows of a 问卷星 download by text: 序号, a single choice, a matrix of two rows, a skipped question."""
    return [[str(i + 1), ["男", "女"][i % 2], ["同意", "完全同意", "一般"][i % 3], ["不同意", "同意"][i % 2],
             "(跳过)" if i % 3 == 0 else ["每天", "每周"][i % 2]] for i in range(n)]


_WJX_HEADER = ["序号", "1、您的性别：", "2、请根据您的实际感受评分：—我会紧张", "2、我害怕拒绝别人", "3、您使用的频率是："]


def test_wenjuanxing_download_without_its_metadata_columns_is_told_by_numbered_headings(tmp_path):
    """A 问卷星 workbook shared with 提交答卷时间, 所用时间, 来源 and 来自IP deleted (round 14) keeps 序号 first and
    heads its questions "1、…": it is read as 问卷星, so "(跳过)" (a question the logic skipped) is no answer
    rather than an option."""
    found = inspect_file(write_csv(tmp_path / "wjx.csv", csv_text(_WJX_HEADER, _wjx_rows(6))))
    assert found["tool"] == "wenjuanxing"
    question = questions_by_text(found)["3、您使用的频率是："]
    assert "(跳过)" not in question["options"] and set(question["options"]) == {"每天", "每周"}


def test_wenjuanxing_matrix_rows_under_one_number_are_one_grid(tmp_path):
    """问卷星's download by text heads a matrix question "2、<question>—<first row>", then "2、<second row>": the
    columns sharing the number are one grid of that question, its statements the rows."""
    found = inspect_file(write_csv(tmp_path / "wjx.csv", csv_text(_WJX_HEADER, _wjx_rows(6))))
    grid = next(q for q in found["questions"] if q["text"] == "请根据您的实际感受评分：")
    assert grid["type"] == "likert"
    assert grid["items"] == ["我会紧张", "我害怕拒绝别人"]


def test_chinese_none_answers_leave_an_open_question_open(tmp_path):
    """The last open question of a 问卷星 export (round 14) was answered mostly "无" / "没有" / "暂无" ("none"),
    beside a few typed sentences (84 % of the answers): those words say nothing was typed, like "ei mitään", so the column is open
    text, not a single choice of "无" and "没有"."""
    header = ["序号", "1、您的性别：", "2、请问您还在什么场景下使用ai进行社交"]
    typed = ["1.工作中用AI生成图片，省去自己手绘的过程。2.用AI编程，帮我写一些简单的小程序。3.导师说的话经常听不懂，"
             "这时我会让AI帮我解释一下他到底想要什么，再决定怎么回复。",
             "让ai润色我的话", "平台发帖文案润色", "道歉不知道怎么说的时候", "会让AI模拟面试",
             "尴尬不知道干啥的时候", "创作的时候与自己的内心对话", "无话可说的时候找它聊天"]
    answers = ["无", "没有", "无", "暂无"] * 12 + typed
    rows = [[str(i + 1), ["男", "女"][i % 2], a] for i, a in enumerate(answers)]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "wjx.csv", csv_text(header, rows))))
    assert found[header[2]]["type"] == "open"


def test_chinese_agreement_scale_worded_with_rentong_is_likert(tmp_path):
    """A 问卷星 grid (round 14) is answered on "完全不认同 … 非常认同" (认同: identify with, agree), 同意's other
    usual wording: a five-point agreement scale, so the statements are a likert grid in scale order."""
    header = ["序号", "1、评价以下说法：—我对组织有归属感", "1、我能清晰表达自己"]
    levels = ["完全不认同", "不认同", "一般", "认同", "非常认同"]
    rows = [[str(i + 1), levels[i % 5], levels[(i + 2) % 5]] for i in range(8)]
    found = inspect_file(write_csv(tmp_path / "wjx.csv", csv_text(header, rows)))
    grid = next(q for q in found["questions"] if q["text"] == "评价以下说法：")
    assert grid["type"] == "likert"
    assert grid["options"] == levels


def test_row_counter_that_starts_over_is_not_a_response_id(tmp_path):
    """Two 问卷星 downloads appended one under the other (round 14: 序号 runs 1 … 904, a few deleted, then 2 …
    141 again) repeat the numbers on other people's answers: the number counts rows and is no response id, so
    no row is dropped as "a submission sent again", and a warning says so."""
    header = ["序号", "1、您的性别：", "2、您的年龄段："]
    numbers = [1, 2, *range(4, 24), 1, 2, 3]
    rows = [[str(n), ["男", "女"][i % 2], ["18~20", "20~22", "22~25"][i % 3]] for i, n in enumerate(numbers)]
    found = inspect_file(write_csv(tmp_path / "wjx.csv", csv_text(header, rows)))
    assert found["respondents"] == len(numbers) and found["resubmitted"] == 0
    assert found["respondent_id"] is None
    assert any("starts over" in w for w in found["warnings"])


def test_export_appended_twice_still_counts_each_response_once(tmp_path):
    """The guard of the rule above: the same download pasted twice repeats its numbers with the same answers,
    which is one submission exported twice, so the number stays the response id and each counts once."""
    header = ["序号", "1、您的性别：", "2、您的年龄段："]
    block = [[str(n), ["男", "女"][n % 2], ["18~20", "20~22", "22~25"][n % 3]] for n in range(1, 7)]
    found = inspect_file(write_csv(tmp_path / "wjx.csv", csv_text(header, block + block)))
    assert found["respondent_id"] == "序号"
    assert found["respondents"] == 6 and found["resubmitted"] == 6


def test_empty_respondent_id_column_is_not_the_response_id(tmp_path):
    """A cleaned file keeps an empty "Respondent ID" column (round 13): with no id in any row it cannot tell
    respondents apart, so it is not the response id, and a column of distinct panel ids takes its place."""
    header = ["Respondent ID", "Panel code", "How satisfied are you?"]
    codes = ["5f8a1c2e9b3d4a7f6e0c1b2a", "60b7d3e1f2a4c5b6d7e8f901", "5e4d3c2b1a0f9e8d7c6b5a49",
             "61a2b3c4d5e6f708192a3b4c", "5c6d7e8f9a0b1c2d3e4f5a6b"]
    rows = [["", c, ["Satisfied", "Very satisfied", "Neutral"][i % 3]] for i, c in enumerate(codes)]
    found = inspect_file(write_csv(tmp_path / "clean.csv", csv_text(header, rows)))
    assert found["respondent_id"] == "Panel code"
    assert found["respondents"] == len(codes)
    assert any("holds none" in w for w in found["warnings"])


def test_interviewing_system_variables_of_an_spss_file_are_metadata(tmp_path):
    """A telephone survey's SPSS file (round 14) opens with the interviewing system's variables, filled in every
    row: record number, interview start, duration, status, language. An interview begun and left before any
    question holds nothing else and is no respondent; the record number is the response id."""
    import pyreadstat
    data = pd.DataFrame({"REGISTRO": [1.0, 2.0, 3.0, 4.0], "DURACION": [12.0, 0.0, 9.0, 0.0],
                         "ESTADO": [1.0, 0.0, 1.0, 0.0], "IDIOMA": [1.0, 1.0, 1.0, 1.0],
                         "Q01": [1.0, float("nan"), 2.0, float("nan")]})
    pyreadstat.write_sav(data, str(tmp_path / "cati.sav"),
                         column_labels=["Número de registro", "Duración de la entrevista", "Estado", "Idioma",
                                        "Q01.conexión a internet"],
                         variable_value_labels={"ESTADO": {0.0: "Entrevista en curso", 1.0: "Finalizada"},
                                                "IDIOMA": {1.0: "es"}, "Q01": {1.0: "sí", 2.0: "no"}})
    found = inspect_file(tmp_path / "cati.sav")
    assert found["respondents"] == 2
    assert found["respondent_id"] == "REGISTRO"
    assert [q["type"] for q in found["questions"] if q["columns"] == ["Q01"]] == ["single"]


def test_workbook_wider_than_max_columns_only_by_unanswered_columns_is_read(tmp_path):
    """Round 13 left a workbook refused that a CSV of the same table passes: a survey loop's blocks of columns
    nobody answered make it wider than ``[ingest] max_columns``. The workbook is now read like the CSV: those
    columns are left out with a warning; its answered columns alone wider than the limit are still refused."""
    from openpyxl import Workbook

    import pytest

    from pipeline.errors import InputError

    def workbook(path, answered):
        book = Workbook()
        sheet = book.active
        sheet.append(["Respondent", "Have you hosted before?", *[f"{k} - Facility name" for k in range(1, 31)]])
        for i in range(4):
            sheet.append([f"R{i}", ["Yes", "No"][i % 2], *[f"Camp {i}-{k}" if k < answered else None
                                                           for k in range(30)]])
        book.save(path)
        return path

    found = inspect_file(workbook(tmp_path / "loop.xlsx", answered=2), params={"max_columns": 20})
    assert found["respondents"] == 4
    assert any("28 of 32 columns hold no answer" in w for w in found["warnings"])
    with pytest.raises(InputError, match=r"columns, more than the limit of 20"):
        inspect_file(workbook(tmp_path / "wide.xlsx", answered=25), params={"max_columns": 20})


def test_qualifio_export_is_recognised_and_its_metadata_left_out(tmp_path):
    """A Qualifio participation export (round 13: a Finnish city's survey) opens with "Game Id" and "Code" and
    closes with the platform's own columns (Server Time, Browser, MiniGameScore …, googleId, IP, backUrl,
    utm_*): read as Qualifio, those are metadata or personal data rather than questions, "Game Id" is the
    response id, and the browser's Google Analytics id reaches no output."""
    header = ["Game Id", "Code", "Ikäsi?", "Mitä parannuksia toivoisit?", "Score", "Server Time", "Date", "Time",
              "Browser", "Device", "MiniGameScore", "googleId", "IP", "utm_source"]
    rows = [[f"9C56ECD9-A391-47B6-BC19-1696B64B91{i:02d}", "", ["25-40", "41-65", "Yli 65"][i % 3],
             ["Lisää penkkejä", "Enemmän puita", "Valaistusta polulle", "Roskiksia"][i % 4], "0", str(200 + 37 * i),
             "2023-05-27", f"21:3{i}:54", ["Chrome", "Mobile Safari"][i % 2], ["Mobile", "Desktop"][i % 2], "",
             f"12696{i}0411.16852{i}7", f"91.15{i}.12.3", "Iterable"] for i in range(6)]
    path = write_csv(tmp_path / "qualifio.csv", csv_text(header, rows))
    found = inspect_file(path)
    assert found["tool"] == "qualifio" and found["respondent_id"] == "Game Id"
    typed = {q["columns"][0]: q["type"] for q in found["questions"]}
    assert {typed[c] for c in ("Code", "Score", "Server Time", "Browser", "MiniGameScore", "utm_source")} == {"meta"}
    assert typed["Ikäsi?"] == "single"
    assert {"column": "googleId", "kind": "identifier"} in found["personal_data_columns"]
    assert "12696" not in _all_text(read_survey(path, key=KEY))


def _all_text(survey) -> str:
    """Every table of a read survey as one text, to look for a value that must not be there."""
    return "\n".join(t.astype(str).to_csv() for t in (survey.questions, survey.respondents, survey.answers))
