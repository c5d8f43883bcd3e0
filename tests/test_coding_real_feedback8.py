"""General rules of the feedback coder made from the misses of the earlier real feedback sets only (issue 14,
eleventh round: blind batch 7, the development set and the shipped set), before a fresh blind batch (11) that
was scored before and after them with its errors unread.

The rows below are written for the test (no real comment is shipped); each illustrates one rule: an
intensifier is no praise ("otroligt"), a Swedish assignment is a weak cue, time spent said with a verb is
workload, a phrase opened by a degree word keeps its word order, a comparative is no praise, confusion is a
weak cue of communication, and two Voikko readings (an imperative loses to a case form; another reading of a
word may name a seed the chosen one does not)."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.coding import ThemeCoder, load_taxonomy
from pipeline.text.normalise import TextNormaliser


@pytest.fixture(scope="module", params=[False, True], ids=["simplemma", "voikko"])
def coder(request):
    return ThemeCoder(load_taxonomy("feedback"), use_voikko=request.param)


@pytest.fixture(scope="module")
def voikko_coder():
    return ThemeCoder(load_taxonomy("feedback"), use_voikko=True)


def code(coder, text: str) -> tuple[str, list[str]]:
    """Return the main theme and the themes of one comment coded alone."""
    coded = coder.code(pd.DataFrame({"text_id": ["t"], "text": [text]}))
    return coded.at[0, "theme"], coded.at[0, "themes"].split(";")


@pytest.mark.parametrize("text", ["Uppgifterna var otroligt tidskrävande.", "Föreläsningarna gick otroligt fort."])
def test_incredibly_is_an_intensifier_not_fun(coder, text):
    # "otroligt" was cut as o-"rolig"-t (fun): praise beside every complaint it intensified
    assert "positive" not in code(coder, text)[1]


def test_a_swedish_assignment_is_a_weak_cue_of_practicality(coder):
    # "uppgift" names what a course is made of, as the Finnish "tehtävä" does, not a wish for exercises: help
    # with the assignments is about the assistants
    assert code(coder, "Assistenterna hjälpte till med uppgifterna.")[1] == ["trainer"]
    # a real wish for exercises still reads as one
    assert code(coder, "Fler övningar hade varit bra.")[0] == "practicality"


@pytest.mark.parametrize("text", ["Jag har lagt ner mer tid på kursen än på något annat.",
                                  "Projektet tog mycket tid från andra kurser."])
def test_time_spent_said_with_a_verb_is_workload(coder, text):
    # "lägga tid", "ta tid" say what "tidskrävande" says (the Finnish seed "viedä aikaa")
    assert code(coder, text)[0] == "organisation"


def test_a_phrase_opened_by_a_degree_word_keeps_its_word_order(coder):
    # "för mycket" (too much) is not "mycket ... för att" (much ... in order to)
    assert "organisation" not in code(coder, "Jag fick titta mycket i materialet för att förstå det.")[1]
    assert code(coder, "Det var för mycket att göra varje vecka.")[0] == "organisation"


@pytest.mark.parametrize("text", ["Fixa bättre gui.", "We need a better projector."])
def test_a_comparative_is_no_praise(coder, text):
    # "bättre", "better", "parempi" compare or ask: 25 of the 28 labelled real comments with one were no praise
    assert "positive" not in code(coder, text)[1]
    # the plain praise word still is
    assert code(coder, "Det var en bra kurs.")[0] == "positive"


@pytest.mark.parametrize("text", ["The formulas were a source of confusion.",
                                  "Det rådde stor förvirring om redovisningen."])
def test_confusion_is_a_weak_cue_of_communication(coder, text):
    # confusion is most often about how a task or material was explained (batch 7, the shipped set)
    assert code(coder, text)[0] == "communication"


@pytest.mark.voikko
def test_an_imperative_reading_loses_to_a_case_form():
    # "epäselviä" is the adjective "epäselvä" (unclear, partitive plural), not "epäselvitä!" (become unclear)
    assert TextNormaliser(use_voikko=True).word("epäselviä", "fi")[0] == "epäselvä"


@pytest.mark.voikko
def test_another_reading_of_a_word_may_name_the_seed(voikko_coder):
    # Voikko reads "tehtävänannoista" as the rare "tehtävänanna" first; its other reading "tehtävänanto" (a
    # task description) is a seed of communication
    assert "communication" in code(voikko_coder, "Jotkin tehtävänannoista olivat vaikeita.")[1]
