"""Service routing to the region's providers (issue 16)."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.analysis.routing import read_catalogue, routing_tables
from pipeline.errors import ConfigError

SLUGS = ["sales", "branding", "data", "ecommerce", "export"]
PARAMS = {"min_count": 3, "min_base": 5, "edition": "steering"}
CATALOGUE = """providers:
  - name: "Sales coach (example)"
    themes: [sales, branding]
    languages: [fi]
"""


def _links(ids):
    return pd.DataFrame({"source": "needs", "record_id": ids, "company_id": ids, "source_company_id": ids,
                         "basis": "business_id", "name_id": "", "is_identified": True})


def test_gap_and_language_gap(tmp_path):
    path = tmp_path / "providers.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    catalogue = read_catalogue(path, SLUGS)
    ids = [f"c{i}" for i in range(4)]
    demand = pd.DataFrame({"company_id": ids + ids[:2], "theme": ["sales"] * 4 + ["data"] * 2})
    languages = pd.DataFrame({"company_id": ["c0", "c1"], "language": ["sv", "fi"], "basis": "question"})
    out = routing_tables(catalogue, demand, _links(ids), languages, {}, PARAMS)
    got = out["service_routing"].set_index("theme")[["demand_companies", "is_gap", "is_language_gap"]]
    assert got.to_dict("index") == {
        "sales": {"demand_companies": 4, "is_gap": False, "is_language_gap": True},
        "data": {"demand_companies": 2, "is_gap": True, "is_language_gap": True},
        "branding": {"demand_companies": 0, "is_gap": False, "is_language_gap": False}}
    assert len(out["company_routing"]) == 6
    public = routing_tables(catalogue, demand, _links(ids), languages, {}, {**PARAMS, "edition": "public"})
    assert public["company_routing"].empty


@pytest.mark.parametrize("text, message", [
    ("providers:\n  - name: X\n    themes: [marketing]\n", "unknown theme 'marketing'"),
    ("providers:\n  - name: X\n    themes: [sales]\n    phone: 1\n", "unknown key"),
    ("providers: [\n", "not valid YAML"),
    ("providers:\n  - themes: [sales]\n", "no name"),
])
def test_bad_catalogue_is_refused_naming_the_provider(tmp_path, text, message):
    path = tmp_path / "providers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        read_catalogue(path, SLUGS)
