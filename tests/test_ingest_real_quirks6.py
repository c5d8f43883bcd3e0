"""Quirks of real exports found on a seventh round of unseen files (issue 12, round g12): one test per quirk, each on
a few inline rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

import openpyxl
from openpyxl.chart import BarChart, Reference

from pipeline.ingest import inspect_file

from conftest import write_csv


def test_a_chart_sheet_in_the_workbook_is_not_a_candidate_sheet(tmp_path):
    # a Google Sheets responses workbook downloaded as xlsx with a chart moved to a tab of its own: the chart
    # sheet is listed among the sheets but holds no cells, and reading it by name failed the whole file
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form Responses 1"
    sheet.append(["Timestamp", "Favourite colour"])
    for i, colour in enumerate(["Red", "Blue", "Red", "Green", "Blue", "Red"], start=1):
        sheet.append([f"2026-03-0{i} 10:00:00", colour])
    counts = book.create_sheet("Counts")
    counts.append(["Colour", "Votes"])
    for row in (["Red", 3], ["Blue", 2], ["Green", 1]):
        counts.append(row)
    chart = BarChart()
    chart.add_data(Reference(counts, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    book.create_chartsheet("Counts Chart").add_chart(chart)
    path = tmp_path / "colours.xlsx"
    book.save(path)
    found = inspect_file(path)
    assert found["tool"] == "googleforms" and found["sheet"] == "Form Responses 1"
    assert found["respondents"] == 6
    assert "Counts Chart" not in found["sheets"]


def test_typeform_export_without_its_metadata_columns_is_told_by_its_tokens(tmp_path):
    # a Typeform download whose date and Network ID columns were cut before it was published keeps its "#"
    # column of 32-character response tokens, under a row of question titles spanning the option columns
    header = (",Which systems do you use?,,,How often do you use it?,What would you improve?\n"
              "#,Linux,macOS,Windows,How often do you use it?,What would you improve?\n")
    rows = [("r2w0retelulfeavbz8nkr2w04hf2b6nx", "Linux", "", "", "Often", "Better docs"),
            ("twg8u7g64abr2oatwg8ucv1b7s986kai", "", "macOS", "Windows", "Rarely", ""),
            ("tka9zbm6vm95yi8htka9z4pw4f40lsi4", "Linux", "", "Windows", "Often", "Faster builds"),
            ("1ye8f3owozejbsniw71ye8fh0bss35gw", "", "", "Windows", "Sometimes", "More examples"),
            ("wm9wegazlc9lec5q2rp9wm9weqhfph4m", "Linux", "macOS", "", "Often", "")]
    body = "".join(",".join(r) + "\n" for r in rows)
    found = inspect_file(write_csv(tmp_path / "responses.csv", header + body))
    assert found["tool"] == "typeform" and found["respondents"] == 5
    assert found["respondent_id"] == "#"
    # the same "#" column holding row numbers is no Typeform signature
    numbered = "".join(f"{i}," + ",".join(r[1:]) + "\n" for i, r in enumerate(rows, start=1))
    plain = inspect_file(write_csv(tmp_path / "numbered.csv", header + numbered))
    assert plain["tool"] == "generic"


def test_four_point_amount_scale_not_at_all_some_quite_a_bit_very_much_is_likert(tmp_path):
    # the engagement-survey amount scale ("Not at All / Some / Quite a Bit / Very Much", "Not Applicable" off the
    # scale) asked of several items was read as single choices: "quite a bit" and "very much" share a level in
    # the five-point amount scale, so no scale matched
    levels = ["Not at All", "Some", "Quite a Bit", "Very Much", "Not Applicable"]
    picks = [(0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 0, 1), (1, 1, 2), (2, 4, 0), (3, 2, 3)]
    header = "Support [Policies],Support [Staff],Support [Funding]\n"
    body = "".join(",".join(levels[i] for i in row) + "\n" for row in picks)
    found = inspect_file(write_csv(tmp_path / "support.csv", header + body))
    first = next(q for q in found["questions"] if "Support [Policies]" in q["columns"])
    assert first["type"] == "likert"
    assert first["options"] == ["Not at All", "Some", "Quite a Bit", "Very Much"]
