"""A needs-coder rule from a Swedish QA run (issue 14, QA round 29 F15): selling to a place is export.

"sälja till <land>", "myydä <maahan>", "sell to <country>" is the usual way to say export; the sales verb came
first and so made sales the main theme, though the country words gave export the higher score. A weak export
seed ("Sverige", "Ruotsi": also a home market or a language) is a destination only after "till" / "to" or in a
Finnish case of destination; the home country, a market or a conjunction between keeps the sales.

The rows below are written for the test (no real statement is shipped)."""
from __future__ import annotations

import pytest

from test_coding_real_needs9 import coded, needs  # noqa: F401  (the simplemma needs coder fixture)


@pytest.mark.parametrize("text", [
    "Vi vill sälja till Norge och Danmark.",
    "Hur kan vi sälja till sverige?",
    "Haluamme myydä tuotteitamme Viroon.",
    "Myynti Ruotsiin on vielä pientä.",
    "We would like to sell to Germany.",
])
def test_selling_to_a_country_is_export(needs, text):
    # before: sales first (the verb comes before the country), or sales only for a weak country seed
    assert coded(needs, text)[0] == "export"


@pytest.mark.parametrize("text", [
    "Vi vill sälja till hela Finland.",
    "Haluamme myydä koko Suomeen.",
    "Ökad försäljning och export till Tyskland.",
])
def test_selling_at_home_or_beside_export_keeps_the_sales(needs, text):
    # the home market is no destination abroad; "och" joins two needs
    assert "sales" in coded(needs, text)
