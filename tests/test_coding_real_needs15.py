"""Two needs-coder rules from a QA run (issue 14, QA round 35 F7).

1. A phrase seed found through a compound's head keeps the order of an attribute and its noun: "kansainvälinen
   verkkokauppa" holds "kansainvälinen kauppa" (export), "verkkokauppa kansainvälisille asiakkaille" does not; and
   a phrase so found does not consume the compound, whose own seed still counts for its theme (e-commerce).
2. A need stated in full by a phrase seed ("hitta kunder", "find customers") is kept beside needs outside the
   workshop themes (financing, premises: ``other`` seeds, counted as the taxonomy's ``other_topics``); a single
   seed word of a theme still yields to more ``other`` seeds.

The rows below are written for the test (no real statement is shipped)."""
from __future__ import annotations

import pytest

from pipeline.coding import ThemeCoder, load_taxonomy
from test_coding_real_needs9 import coded, needs  # noqa: F401  (the simplemma needs coder fixture)


@pytest.fixture(scope="module")
def voikko_coder():
    """The needs coder with Voikko for Finnish (compound parts); conftest marks its tests not run, with the
    reason, where the library is missing (``VOIKKO_FIXTURES``)."""
    return ThemeCoder(load_taxonomy("needs"), use_voikko=True)


def test_phrase_through_a_compound_head_keeps_attribute_order_and_leaves_the_compound_counting(voikko_coder):
    # before: export only ("kansainvälinen kauppa" read backwards across "verkkokauppa", which it then consumed)
    assert coded(voikko_coder, "Tarvitsemme verkkokaupan kansainvälisille asiakkaillemme.") == ["ecommerce", "export"]
    # in the attribute's order the phrase holds, and the compound still counts for its own theme (before: export)
    assert set(coded(voikko_coder, "Haluamme kansainvälisen verkkokaupan.")) == {"ecommerce", "export"}
    # a seed that writes the compound's word first matches in either order, as before
    assert coded(voikko_coder, "Yritysasiakkaiden tavoittaminen on vaikeaa.") == ["sales"]
    assert coded(voikko_coder, "Haluamme löytää uusia yritysasiakkaita.") == ["sales"]


@pytest.mark.parametrize("text", [
    "Behöver finansiering till en ny maskin och hjälp att hitta kunder.",
    "Vi behöver lån från banken och nya lokaler för att kunna nå kunder.",
    "We need funding for a new building and to find customers.",
])
def test_need_stated_in_full_is_kept_beside_needs_outside_the_themes(needs, text):
    # before: other only ("outweighed by other": the financing and premises words outnumbered the one phrase)
    assert coded(needs, text) == ["sales"]


def test_single_theme_word_still_yields_to_more_other_seeds(needs):
    # "förhandla" (a sales seed word) with the bank about financing and costs is no sales need
    assert coded(needs, "Vi försöker förhandla med banken om finansieringen och kostnaderna.") == ["other"]


def test_using_information_is_a_data_need(needs):
    # the data theme's own description ("tiedon hyödyntäminen", as "datan hyödyntäminen"); before: other
    # ("tieto" alone is a weak seed and "tuotanto" an `other` seed)
    assert coded(needs, "Kaipaamme apua keräämämme tiedon hyödyntämiseen tuotannossa.")[0] == "data"
