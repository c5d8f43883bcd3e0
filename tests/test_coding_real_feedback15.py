"""Rules of the feedback coder from the seventeenth round (issue 14: blind batch 17, a Finnish course report's
answers and Swedish student course reports), made from the errors of half the batch and judged on the other half
and the other real sets with their errors unread.

- An acronym may be written in lower case when it has no vowel ("sql", "php"), and an English seed right after
  any acronym in a Finnish or Swedish answer is part of a product's name whatever its case ("SQL trainer",
  "sql trainer tehtäviä"), not the trainer (the sixteenth round's rule needed "SQL Trainer").
- Depth asked with the comparative "syvempi" is practicality; workload said as "paljon tekemistä" (the simplemma
  reading) and the platform's user interface ("käyttöliittymä", "gränssnitt", "user interface") are
  organisation.
- Finnish "ohje" (instructions) is no practicality seed: instructions are communication ("ohjeet"), a guide
  ("opas") stays practical.

The rows below are written for the test (no real comment is shipped)."""
from __future__ import annotations

import pytest

# the feedback coder on both morphology paths, and one comment coded alone: as batch 7's tests
from test_coding_real_feedback7 import code, coder  # noqa: F401


@pytest.mark.parametrize("text", [
    "Vähemmän sql trainer harjoituksia ja enemmän omaa projektia.",
    "SQL trainer harjoituksia oli liikaa.",
    "php trainer -sivusto oli hidas.",
])
def test_an_english_word_after_a_lower_case_acronym_names_a_product(coder, text):
    # before: trainer (from the product's name), beside practicality or organisation
    assert "trainer" not in code(coder, text)[1]


def test_a_trainer_after_an_ordinary_word_stays_the_trainer(coder):
    # "hyvä" has vowels: no acronym, and the English seed keeps its theme
    assert "trainer" in code(coder, "Kurssilla oli hyvä trainer, joka vastasi kysymyksiin.")[1]


def test_what_is_written_as_an_acronym():
    from pipeline.coding.coder import _acronym
    assert _acronym("SQL") and _acronym("sql") and _acronym("html") and _acronym("php")
    assert not _acronym("hyvä") and not _acronym("sql3") and not _acronym("s") and not _acronym("strength")


@pytest.mark.parametrize("text", [
    "Materiaali voisi mennä syvempään tasoon.",
    "Syvempi katsaus transaktioihin olisi ollut hyvä.",
])
def test_depth_asked_with_the_comparative_is_practicality(coder, text):
    assert code(coder, text)[0] == "practicality"


@pytest.mark.parametrize("text", [
    "Käyttöliittymä oli sekava puhelimella.",
    "Gränssnittet i övningsverktyget var rörigt.",
    "The user interface of the exercise tool was clumsy.",
])
def test_the_user_interface_of_the_platform_is_organisation(coder, text):
    assert code(coder, text)[0] == "organisation"


def test_plenty_to_do_is_workload_on_the_simplemma_path():
    # Voikko reads "tekemistä" as "tehdä" (to do), and "paljon tehdä" would make "tehtiin paljon esimerkkejä"
    # a workload comment, so only the simplemma reading ("tekeminen") is a seed
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.taxonomy import load_taxonomy
    simple = ThemeCoder(load_taxonomy("feedback"), use_voikko=False)
    assert code(simple, "Viikoittain oli aivan liian paljon tekemistä.")[0] == "organisation"


def test_instructions_are_communication_not_practicality(coder):
    # "ohje" counted for practicality beside "ohjeet" for communication, and the task word tipped it
    main, themes = code(coder, "Tehtäviin voisi antaa selkeämmät ohjeet.")
    assert main == "communication" and "practicality" not in themes


def test_a_guide_is_still_practical(coder):
    assert code(coder, "Opas oli hyödyllinen.")[1][:2] in (["positive", "practicality"], ["practicality", "positive"])
