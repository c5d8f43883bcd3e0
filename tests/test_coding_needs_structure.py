"""Decision logic of the lexicon coder on real-text patterns (issue 14): cross-language seeds in English
answers, English look-alike affixes, per-language seed index."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.coding import ThemeCoder, load_taxonomy


@pytest.fixture(scope="module")
def coder():
    # the simplemma path: the affix and cross-language rules are what decides there (and without Voikko)
    return ThemeCoder(load_taxonomy("needs"), use_voikko=False)


def themes(coder, text: str) -> list[str]:
    coded = coder.code(pd.DataFrame({"text_id": ["t"], "text": [text]}))
    return coded.at[0, "themes"].split(";")


def test_english_words_do_not_match_seeds_through_their_affixes(coder):
    # "important" is not "import", "competence" not "compete": English has no one-word compounds to split
    assert "export" not in themes(coder, "It is important for a small company to plan ahead.")
    assert "sales" not in themes(coder, "Our staff lack competence.")


def test_finnish_or_swedish_seed_spelt_like_an_english_word_is_that_word(coder):
    # the Finnish/Swedish seed "excel" (the spreadsheet) is the verb in an English answer
    assert "data" not in themes(coder, "Many owners excel in their industries.")
    # ... but a Finnish or Swedish word English does not know still counts in an English answer
    assert "ecommerce" in themes(coder, "Verkkokauppa and export to Sweden")
    # ... and in Finnish the seed still counts
    assert "data" in themes(coder, "Excel-osaamisen parantaminen ja taulukkolaskenta")


def test_seed_index_keeps_each_language_of_a_term(coder):
    # "excel" is a seed in the Finnish and in the Swedish list: both must stay in the index, the language
    # rules look at the seed's own language
    assert {s.lang for s in coder._single["excel"]} == {"fi", "sv"}

