"""Real-text pattern of the eleventh needs round (issue 14), made from the misses of blind needs batch 11 and
judged on the unread batch 10: customers said to be missing are a sales need."""
from __future__ import annotations

from test_coding_real_needs9 import coded, needs  # noqa: F401  (the simplemma needs coder fixture)


def test_customers_said_to_be_missing_are_a_sales_need(needs):
    # a customer word is a weak sales seed (customers are named beside every need); with a negation or a verb
    # of lacking just before it, the missing customers are the need itself
    assert coded(needs, "Jos ei ole markkinoita tai asiakkaita, niin mihin tuotteet tungetaan.") == ["sales"]
    assert coded(needs, "Meillä ei ole tarpeeksi asiakkaita.") == ["sales"]
    assert coded(needs, "Vi har inga kunder på vintern.") == ["sales"]
    assert coded(needs, "Vi saknar kunder.") == ["sales"]
    assert coded(needs, "We don't get enough clients.") == ["sales"]
    # customers named without a lack stay a weak seed: no sales need of their own
    assert coded(needs, "Our customers are happy.") == ["other"]
    assert coded(needs, "Kunderna är nöjda.") == ["other"]
