"""Rules of the feedback coder from a Swedish QA run (issue 14, QA rounds 26 and 29): improvement comments were
coded as praise.

- A word of thanks that ends a request ("Mera material på svenska tack": "tack" = please) is politeness, not
  praise (a request: a wish cue, or a word asking for more - "mera", "fler", "please"). Thanks that
  opens a sentence or stands alone still thanks.
- A praise word after a phrase of too little ("för lite praktiska övningar", "liian vähän hyödyllistä", "too few
  practical exercises") names what was lacking: no praise.
- Time set aside for questions or discussion ("enemmän aikaa kysymyksille", "tid för frågor") is the schedule
  (organisation), as the English seed "discussion time" already was.

The rows below are written for the test (no real comment is shipped)."""
from __future__ import annotations

import pytest

# the feedback coder on both morphology paths, and one comment coded alone: as batch 7's tests
from test_coding_real_feedback7 import code, coder  # noqa: F401


@pytest.mark.parametrize("text", [
    "Fler övningar på svenska tack",
    "Mera exempel från småföretag tack!",
    "More examples from real companies please, thanks",
])
def test_thanks_ending_a_request_is_no_praise(coder, text):
    # before: positive (main) through "tack" for the Swedish rows
    assert "positive" not in code(coder, text)[1]


@pytest.mark.parametrize("text", ["Tack!", "Bra kurs, tack", "Kiitos kurssista"])
def test_thanks_that_thanks_is_still_praise(coder, text):
    assert code(coder, text)[0] == "positive"


@pytest.mark.parametrize("text", [
    "För lite praktiska uppgifter under dagen.",
    "Det blev för få praktiska moment.",
    "Liian vähän hyödyllistä sisältöä.",
])
def test_a_praise_word_named_as_too_scarce_is_no_praise(coder, text):
    # before: positive beside the aspect (or as the main theme) through "praktisk", "hyödyllinen" (the English
    # "too few practical tasks" was damped already: "too" is a wish cue)
    assert "positive" not in code(coder, text)[1]


def test_praise_in_another_sentence_than_the_scarcity_still_praises(coder):
    # only a scarcity phrase just before the praise word, in its sentence, takes the praise away
    assert "positive" in code(coder, "För lite pauser. Annars en mycket givande dag.")[1]


@pytest.mark.parametrize("text", [
    "Kaipaisin enemmän aikaa kysymyksille.",
    "Det behövs mer tid för frågor.",
    "More time for questions at the end.",
])
def test_time_for_questions_is_the_schedule(coder, text):
    # before (Finnish): trainer through the shipped classifier's "kysymys"; the English "discussion time" was
    # organisation already
    assert code(coder, text)[0] == "organisation"
