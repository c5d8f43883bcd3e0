"""Two readings from a QA run (issue 14, QA round 40: "the web shop does not sell").

1. A web channel that sells (or does not) is the channel's need: a selling verb (``sell_verbs``) whose subject is
   an e-commerce seed counts for e-commerce, not also for sales ("Verkkokauppa ei myy tarpeeksi", "E-handeln säljer
   inte"), as the phrase seeds "myydä verkossa", "sälja på nätet" already say. A sales need of the company's own
   (another subject, the noun "myynti", the channel in another case) keeps its sales.
2. The sentence splitter begins no sentence after an abbreviation that introduces what follows ("bl.a.",
   "t.ex.", "esim.", "mm.", "e.g."): "sälja t.ex. utomlands" is one sentence, so the phrase "sälja utomlands"
   (export) is read whole.

The rows below are written for the test (no real statement is shipped)."""
from __future__ import annotations

import pytest

from pipeline.text.normalise import TextNormaliser
from test_coding_real_needs9 import coded, needs  # noqa: F401  (the simplemma needs coder fixture)


@pytest.mark.parametrize("text, themes", [
    # the channel sells: e-commerce only (before: e-commerce and sales)
    ("Verkkokauppa ei myy tarpeeksi.", ["ecommerce"]),
    ("Verkkokauppamme ei ole myynyt mitään.", ["ecommerce"]),
    ("E-handeln säljer inte.", ["ecommerce"]),
    ("Our web shop does not sell enough.", ["ecommerce"]),
    # the company sells, or the web shop's sales (a noun), or the channel in another case: sales stays
    ("Meillä on verkkokauppa mutta haluamme myydä enemmän.", ["ecommerce", "sales"]),
    ("Verkkokaupan myynti on laskenut.", ["ecommerce", "sales"]),
    ("Verkkokaupassa myydään liian vähän.", ["ecommerce", "sales"]),
    ("E-handeln säljer inte och vi behöver bättre försäljning.", ["ecommerce", "sales"]),
])
def test_a_web_channel_that_sells_is_the_channels_need(needs, text, themes):
    assert sorted(coded(needs, text)) == themes


@pytest.mark.parametrize("text, lang, count", [
    ("Vi vill förhandla med bl.a. banken. Och sedan?", "sv", 2),
    ("Haluamme myydä esim. ulkomaille ja mm. verkossa.", "fi", 1),
    ("We want to sell e.g. abroad.", "en", 1),
    # a line break still ends a sentence; "mm." closes nothing in English (millimetres)
    ("Vi vill sälja t.ex.\nutomlands", "sv", 2),
    ("The board is 5 mm. Next year more.", "en", 2),
])
def test_no_sentence_ends_after_an_introducing_abbreviation(text, lang, count):
    tokens = TextNormaliser(use_voikko=False).analyse(text, lang).tokens
    assert max(t.sentence for t in tokens) + 1 == count


def test_a_phrase_across_an_abbreviation_is_read_whole(needs):
    # before: "sälja t.ex." | "utomlands" were two sentences, so sales and export
    assert coded(needs, "Vi vill sälja t.ex. utomlands.") == ["export"]
    assert coded(needs, "We want to sell e.g. abroad.") == ["export"]
