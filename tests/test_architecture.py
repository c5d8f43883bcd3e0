"""docs/architecture.md shows the graph as declared (redraw it with `make docs`)."""
from __future__ import annotations

import re

from conftest import ROOT

from pipeline.stages import GRAPH


def test_the_documented_graph_is_the_declared_graph():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented = re.search(r"<!-- graph:start -->\n```mermaid\n(.*?)\n```\n<!-- graph:end -->", text, re.S)
    assert documented, "docs/architecture.md lost its graph markers"
    assert documented.group(1) == GRAPH.mermaid(), "the stages changed: run `make docs`"


def test_every_stage_and_run_input_appears_in_the_diagram():
    diagram = GRAPH.mermaid()
    for s in GRAPH.stages:
        assert f"    {s.name}[" in diagram
    for name in GRAPH.inputs:
        assert f"    {name}([" in diagram
