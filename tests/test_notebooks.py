"""The three analyst notebooks run top to bottom on a fresh demo run (and are stored without outputs)."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_three_notebooks_exist_and_are_stored_without_outputs():
    assert [path.name for path in NOTEBOOKS] == ["01-needs-survey.ipynb", "02-theme-coding.ipynb",
                                                  "03-workshop-feedback.ipynb"]
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert [cell.outputs for cell in code if cell.outputs] == [], path.name
        assert [cell.execution_count for cell in code if cell.execution_count is not None] == [], path.name


@pytest.mark.slow
@pytest.mark.parametrize("name", ["01-needs-survey", "02-theme-coding", "03-workshop-feedback"])
def test_notebook_runs_top_to_bottom(name, demo_out, monkeypatch):
    # demo_out (conftest): one `python -m pipeline run --out TMP` on the bundled demo, shared with end-to-end tests.
    # The kernel inherits this process's environment: the notebooks read the run from PIPELINE_OUT.
    monkeypatch.setenv("PIPELINE_OUT", str(demo_out))
    monkeypatch.setenv("PIPELINE_PSEUDONYM_KEY", "test-key-not-secret")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    client = NotebookClient(notebook, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    errors = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
              if output.output_type == "error"]
    assert errors == []
    shown = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
             if output.output_type == "display_data" and "image/png" in output.get("data", {})]
    assert shown, f"{name} showed no chart"
    # what a notebook shows is a report (written under reports/notebooks/ by `make notebooks`): no respondent
    # pseudonym, not even inside an answer id (notebook 02 listed "170ea7ac2b0ae026:q07", QA round 14)
    import pandas as pd
    pseudonyms = set(pd.read_parquet(demo_out / "processed" / "respondents.parquet")["respondent_id"].astype(str))
    printed = " ".join(str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
                       + str(output.get("data", {}).get("text/html", ""))
                       for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs)
    assert sorted(p for p in pseudonyms if p in printed) == []


@pytest.mark.slow
def test_notebook_02_shows_the_runs_emerging_themes(demo_out, monkeypatch):
    """QA round 35 F5: the notebook clustered without the taxonomy's other topics and companies: other labels and
    counts than the report, no share."""
    import pandas as pd

    monkeypatch.setenv("PIPELINE_OUT", str(demo_out))
    monkeypatch.setenv("PIPELINE_PSEUDONYM_KEY", "test-key-not-secret")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(ROOT / "notebooks" / "02-theme-coding.ipynb", as_version=4)
    NotebookClient(notebook, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    cell = next(c for c in notebook.cells if c.cell_type == "code" and "with_company_shares(" in c.source)
    shown = "".join(str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
    run = pd.read_csv(demo_out / "processed" / "emerging_themes.csv")
    assert len(run) and all(str(label) in shown for label in run["label"])
