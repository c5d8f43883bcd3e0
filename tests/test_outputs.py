"""The registry of outputs agrees with the graph, the schemas, the charts and the message catalogue."""
from __future__ import annotations

from pipeline import outputs
from pipeline.i18n import Messages
from pipeline.schemas import SCHEMAS
from pipeline.stages import GRAPH


def test_every_output_is_returned_by_the_stage_the_registry_names():
    for output in outputs.OUTPUTS:
        assert GRAPH.producer[output.name].name == output.stage, output.name


def test_every_written_table_has_a_schema():
    missing = [o.name for o in outputs.written() if o.format in ("csv", "parquet") and o.schema_name not in SCHEMAS]
    assert missing == []


def test_every_shown_column_is_in_its_schema():
    for output in outputs.OUTPUTS:
        if output.columns and output.schema_name in SCHEMAS:
            assert set(output.columns) <= set(SCHEMAS[output.schema_name]), output.name


def test_every_block_and_chart_is_known_to_the_report_and_the_catalogue():
    blocks = {b.key for b in outputs.BLOCKS}
    assert {o.block for o in outputs.OUTPUTS if o.block} <= blocks
    assert {c.block for c in outputs.CHARTS} <= blocks
    for lang in ("fi", "sv", "en"):
        msgs = Messages(lang)
        for block in blocks:
            assert f"report.block.{block}" in msgs, (lang, block)
        for chart in outputs.CHARTS:
            assert f"report.chart.{chart.stem}" in msgs, (lang, chart.stem)


def test_every_chart_draws_a_registered_table_and_has_its_functions():
    names = {o.name for o in outputs.OUTPUTS}
    for chart in outputs.CHARTS:
        assert chart.table in names
        assert callable(chart.draw_function()) and callable(chart.headline_function())


def test_declared_column_kinds_name_real_columns_and_known_kinds():
    for output in outputs.OUTPUTS:
        assert set(output.kinds.values()) <= {outputs.SHARE, outputs.COUNT, outputs.ID, outputs.PSEUDONYM, outputs.FLAG,
                                              outputs.TEXT}
        if output.schema_name in SCHEMAS:
            assert set(output.kinds) <= set(SCHEMAS[output.schema_name]), output.name


def test_a_registered_table_is_formatted_by_its_declaration_not_by_column_names():
    # coverage.demand_share is declared a share; a column merely named like one in a registered table is not
    assert outputs.column_kind("coverage", "demand_share") == outputs.SHARE
    assert outputs.column_kind("reach", "value_share") == ""
    # a table the registry does not know falls back on the naming convention
    assert outputs.column_kind("my_table", "value_share") == outputs.SHARE
    assert outputs.column_kind("my_table", "nps_ci_low", ["nps", "nps_ci_low", "nps_ci_high"]) == ""


def test_a_feedback_setting_does_not_reach_the_wp1_stages():
    from pipeline.config import defaults
    from pipeline.stages import feedback_params, needs_params

    analysis = defaults()["analysis"]
    changed = {**analysis, "min_responses": 3, "feedback_unmet_max_tier": 1}
    assert needs_params(changed) == needs_params(analysis)
    assert feedback_params(changed) != feedback_params(analysis)
    needs_inputs = set(GRAPH.producer["theme_ranking"].inputs.values())
    assert "needs_params" in needs_inputs and "analysis" not in needs_inputs
    assert "analysis" not in GRAPH.producer["coverage"].inputs.values()


def test_no_respondent_or_company_pseudonym_reaches_the_workbook():
    import io

    import pandas as pd
    from openpyxl import load_workbook

    from pipeline.report.xlsx import summary_xlsx

    answers = pd.DataFrame({"text_id": ["3f9a2c:q8"], "question": ["Tarpeet"], "text": ["Myynti"],
                            "themes": ["Myynti"]})
    quotes = pd.DataFrame({"theme": ["sales"], "theme_name": ["Myynti"], "quote_no": [1], "text_id": ["3f9a2c:q8"],
                           "text": ["Myynti"], "lang": ["fi"], "confidence": [0.8]})
    book = load_workbook(io.BytesIO(summary_xlsx({"open_answers": answers, "quotes": quotes},
                                                 {"confidence": 0.95}, "fi")))
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells and not any("3f9a2c" in c for c in cells)


def test_usefulness_and_practicality_ratings_are_shown_where_a_survey_asked_them():
    # "data used" listed them as used while no summary table showed them
    import pandas as pd

    from pipeline.analysis.feedback import _feedback_ratings
    from pipeline.schemas import conform

    overall = pd.DataFrame({"satisfaction_n": [20], "top2_share": [0.8], "ci_low": [0.6], "ci_high": [0.9],
                            "median": [4.0], "usefulness_n": [18], "usefulness_top2_share": [0.5],
                            "usefulness_ci_low": [0.3], "usefulness_ci_high": [0.7], "usefulness_median": [3.5],
                            "practicality_n": [0]})
    got = _feedback_ratings(overall)
    expected = conform(pd.DataFrame({"measure": ["satisfaction", "usefulness"], "n": [20, 18], "top2": [16, 9],
                                     "share": [0.8, 0.5], "ci_low": [0.6, 0.3], "ci_high": [0.9, 0.7],
                                     "median": [4.0, 3.5]}), "feedback_ratings")
    pd.testing.assert_frame_equal(got, expected)
    assert "feedback_ratings" in [o.name for o in outputs.OUTPUTS if o.block == "feedback"]
