"""Rules of the feedback coder from blind batch 18 (issue 14, eighteenth round: Finnish summer-course reports and
tutoring answers), each made from the errors of half A only and kept because the unread half B did not fall:

- How the material is written, structured and referenced is communication: typos ("kirjoitusvirhe", "stavfel",
  "typo"), hard reading ("vaikealukuinen"), structure ("jäsennellä"), sources ("lähde", "källa"), "info", the
  front page; being there in person ("läsnäolo", "paikan päällä", "på plats", "on-site") and debugging on the
  course's platform are organisation; high quality ("laadukas", "high quality") is praise.
- Nothing to change ("en muuttaisi", "ei muutettavaa") is praise, as "ei kehitettävää"; an aspect that the
  comment would change still leads.

The rows below are written for the test (no real comment is shipped)."""
from __future__ import annotations

import pytest

# the feedback coder on both morphology paths, and one comment coded alone: as batch 7's tests
from test_coding_real_feedback7 import code, coder  # noqa: F401


@pytest.mark.parametrize("text", [
    "Tekstissä oli paljon kirjoitusvirheitä.",
    "Luvut voisi jäsennellä paremmin.",
    "Lisää lähteitä aiheesta.",
    "Det fanns många stavfel i uppgifterna.",
    "Mer källor om ämnet.",
    "There were quite a few typos.",
])
def test_how_the_material_is_written_is_communication(coder, text):
    assert code(coder, text)[0] == "communication"


@pytest.mark.parametrize("text", [
    "Läsnäolo ei ollut pakollista.",
    "Närvaron var frivillig.",
    "Debugging the exercises was painful.",
])
def test_being_there_in_person_and_debugging_are_organisation(coder, text):
    assert code(coder, text)[0] == "organisation"


@pytest.mark.parametrize("text", ["Todella laadukas koulutus.", "Laadukas sisältö.", "High quality content."])
def test_high_quality_is_praise(coder, text):
    assert code(coder, text)[0] == "positive"


def test_nothing_to_change_is_praise(coder):
    assert code(coder, "En muuttaisi mitään.")[0] == "positive"


def test_an_aspect_to_change_still_leads_beside_nothing_else_to_change(coder):
    assert code(coder, "Aikataulua muuttaisin, muuten en muuttaisi mitään.")[0] == "organisation"

