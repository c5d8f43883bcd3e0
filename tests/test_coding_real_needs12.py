"""Real-text patterns of the needs round on `sales` given to statements that only mention sales (QA round 18,
finding 1): a sales word naming a figure (turnover, sales data) is no sales need, a buyer named in passing is
no sales need, people drawn in or made to buy are one, a sales tax is a tax."""
from __future__ import annotations

import pytest

from pipeline.coding import ThemeCoder, load_taxonomy
from test_coding_real_needs9 import coded, needs  # noqa: F401  (the simplemma needs coder fixture)


@pytest.fixture(scope="module")
def voikko_coder():
    """The needs coder with Voikko for Finnish (compound parts); conftest marks its tests not run, with the
    reason, where the library is missing (``VOIKKO_FIXTURES``)."""
    return ThemeCoder(load_taxonomy("needs"), use_voikko=True)


def test_sales_measured_in_money_is_turnover_not_a_sales_need(needs):
    # "sales of 10 million" states a turnover: the need of the sentence is the foreign market
    assert coded(needs, "We have sales of 10 million in Italy and we can't sell at least 1 million in the rest "
                        "of the world?") == ["export"]
    assert "sales" not in coded(needs, "Omsättningen är 5 miljoner kronor och vi vill exportera till Norge.")
    # a change of sales is reported, not measured: still a sales need
    assert coded(needs, "Our sales fell 30 percent last year.") == ["sales"]
    assert coded(needs, "We need more sales.") == ["sales"]


def test_sales_word_modifying_a_data_word_is_a_data_need(needs):
    assert coded(needs, "Sales data lives in one spreadsheet. Project hours in another. Client contacts in a "
                        "third. Invoices in an email thread somewhere.") == ["data"]
    assert coded(needs, "Försäljningsstatistiken finns i olika filer.") == ["data"]
    # sales as the need itself stays sales
    assert coded(needs, "Vi behöver öka försäljningen.") == ["sales"]


def test_a_finnish_sales_compound_of_a_data_word_is_a_data_need(voikko_coder):
    # Voikko splits the compound ("myynti" + "luku"): the last part names the data object
    assert coded(voikko_coder, "Myyntiluvut ovat hajallaan eri tiedostoissa.") == ["data"]


def test_buyer_named_in_passing_is_no_sales_need(needs):
    # a buyer is a customer word: weak alone, a sales need when said to be missing
    assert "sales" not in coded(needs, "En försening, ett skadat paket eller krångliga returrutiner kan förvandla "
                                       "en nöjd köpare till en besviken kritiker på sociala medier.")
    assert coded(needs, "Vi saknar köpare.") == ["sales"]
    assert coded(needs, "We have no buyers for our new products.") == ["sales"]


def test_people_drawn_in_or_made_to_buy_are_a_sales_need(needs):
    assert coded(needs, "Hur ska man locka ut folk efter att sommaren är slut?") == ["sales"]
    assert coded(needs, "Det har varit svårt att få folk att köpa inhemska plagg.") == ["sales"]
    assert coded(needs, "It is hard to get people to buy local produce.") == ["sales"]


def test_sales_tax_is_no_sales_need(needs):
    assert coded(needs, "You have to worry about customs duties, international shipping fees and local sales "
                        "taxes.") == ["export"]
