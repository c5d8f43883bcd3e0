"""Real-text patterns of the tenth round (issue 14), made from the misses of blind needs batches 8 and 9 only:
a word said twice names one activity (the phrase says which), the costs of running a firm, cancelled orders and
bookings, delivery terms of online sales, and signage and the general public; and why "people (don't) know" is
no visibility seed."""
from __future__ import annotations

import pandas as pd

from test_coding_real_needs9 import coded, needs  # noqa: F401  (the simplemma needs coder fixture)


def test_word_said_twice_takes_the_theme_of_the_phrase_that_repeats_it(needs):
    # the first "sell" is the same activity as "sell abroad": an export need, not also a sales one
    assert coded(needs, "We sell furniture here and would like to sell abroad.") == ["export"]
    assert coded(needs, "Vi säljer möbler och vill sälja utomlands.") == ["export"]
    # a lone "sell" with no phrase repeating it is still sales
    assert coded(needs, "We need to sell more furniture.") == ["sales"]


def evidence(coder, text: str) -> str:
    """Return the evidence column of one answer coded alone."""
    return coder.code(pd.DataFrame({"text_id": ["t"], "text": [text]})).at[0, "evidence"]


def test_costs_of_running_the_firm_are_other(needs):
    # costs are evidence of a need outside the five themes, not an answer with no known word
    assert evidence(needs, "Kulut ovat nousseet liian suuriksi.").startswith("other: kul")
    assert evidence(needs, "Kustannukset nousevat koko ajan.").startswith("other: kustannus")
    assert evidence(needs, "Kostnaderna ökar hela tiden.").startswith("other: kostnad")
    assert coded(needs, "We have customers but our costs are too high.") == ["other"]
    assert evidence(needs, "We have customers but our costs are too high.").startswith("other: cost")
    # a theme named beside the cost is still the need
    assert coded(needs, "Marketing costs too much for a shop our size.")[0] == "branding"


def test_people_not_knowing_how_to_use_a_tool_is_no_visibility_need(needs):
    # "people know" as a visibility seed (tried this round for "people don't know we're open") read every
    # "people don't know how to use Excel" as branding, in all three languages: it was left out
    for text in ("Folk vet inte hur man använder Excel.", "Ihmiset eivät tiedä, miten Exceliä käytetään.",
                 "Few people know how to use our booking system."):
        assert "branding" not in coded(needs, text), text


def test_cancelled_orders_and_bookings_are_sales_lost(needs):
    assert coded(needs, "All our bookings were cancelled in spring.") == ["sales"]
    assert coded(needs, "Keväällä tilauksia peruuntui paljon.") == ["sales"]
    assert coded(needs, "Varauksia peruttiin koko kesältä.") == ["sales"]
    assert coded(needs, "Många avbokningar i våras.") == ["sales"]


def test_delivery_terms_of_online_sales_are_ecommerce(needs):
    assert coded(needs, "Ilmaistoimitukset piti muuttaa maksullisiksi.") == ["ecommerce"]
    assert coded(needs, "Fri frakt äter upp marginalen.") == ["ecommerce"]
    # the phrase takes its words: "shipping costs" is a delivery term, not a cost of running the firm
    assert coded(needs, "Shipping costs eat our margin.") == ["ecommerce"]


def test_signage_and_the_general_public_are_being_seen(needs):
    assert coded(needs, "Vi behöver bättre skyltning vid vägen.") == ["branding"]
    assert coded(needs, "Tienvarressa ei ole opastekylttiä.") == ["branding"]
    assert coded(needs, "We need better signage on the main road.") == ["branding"]
    assert coded(needs, "Emme jaksa kertoa suurelle yleisölle tuotteistamme.") == ["branding"]
