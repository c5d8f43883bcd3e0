"""Real-text pattern of the seventeenth round's needs batch (issue 14, blind needs batch 14, Swedish need
statements first), made from the misses of half the batch and judged on the other half and a second unread
Swedish batch: fewer bookings and orders are a sales need, like cancelled ones; setting a price is pricing.

The rows below are written for the test (no real statement is shipped)."""
from __future__ import annotations

import pytest

from test_coding_real_needs9 import coded, needs  # noqa: F401  (the simplemma needs coder fixture)


@pytest.mark.parametrize("text", [
    "Bokningarna har minskat kraftigt i år.",
    "Vi får färre bokningar än förra sommaren.",
    "Beställningarna har minskat sedan i våras.",
    "We are getting fewer bookings every month.",
])
def test_fewer_bookings_and_orders_are_a_sales_need(needs, text):
    # before: other (no seed); cancelled bookings were already sales
    assert coded(needs, text)[0] == "sales"


def test_setting_a_price_is_pricing(needs):
    assert coded(needs, "Vi vet inte hur vi ska sätta priset på tjänsten.")[0] == "sales"


@pytest.mark.parametrize("text", ["Varaukset ovat vähentyneet syksyn aikana.", "Varaukset vähentyivät keväällä."])
def test_fewer_bookings_in_finnish_on_the_voikko_path(text):
    # simplemma reads the participle "vähentyneet" as "vähentynyt", not the verb (as it does for "asiakkaat ovat
    # vähentyneet"); Voikko reads the verb
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.taxonomy import load_taxonomy
    assert coded(ThemeCoder(load_taxonomy("needs"), use_voikko=True), text)[0] == "sales"


def test_a_booking_named_without_a_fall_is_no_sales_need(needs):
    assert coded(needs, "Vi tar emot bokningar per telefon och har ett nytt kassasystem.")[0] != "sales"
