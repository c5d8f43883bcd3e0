"""General rules of the feedback coder made from the misses of real feedback batch 12 (issue 14, thirteenth
round: 192 CodeRefinery, Carpentries instructor-training and Swedish student course comments), checked on
batches 7 and 11 with their errors unread.

The rows below are written for the test (no real comment is shipped); each illustrates one rule: a praise word in
the conditional is a wish ("it would have been nice to ..."), a recommendation in the conditional stays praise;
Swedish "väl" alone is a particle, not praise; met or beaten expectations are praise; "as well" is no "well";
"abstract" and "depth" are practicality; confusion and vagueness are (weak) communication cues; the shipped
classifier gives no praise to what an answer says it missed ("I missed ...", "saknade ...")."""
from __future__ import annotations

import pytest

# the feedback coder on both morphology paths, and one comment coded alone: as batch 7's tests
from test_coding_real_feedback7 import code, coder  # noqa: F401


@pytest.mark.parametrize("text", [
    "It would have been nice to spend a few minutes on the desktop client.",
    "I would appreciate more depth on the key concepts.",
    "It would be helpful if the slides were shared before the session.",
    "I'd love a longer break in the afternoon.",
    "Det vore kul att få prova själv.",
    "Det hade varit trevligt med en paus till.",
    "Olisi ollut kiva kuulla lisää.",
])
def test_praise_word_in_the_conditional_is_a_wish(coder, text):
    # "nice", "appreciate", "helpful", "love", "kul", "kiva" in a conditional ask for something; they had made
    # the wish praise when no other seed named what was wished for
    explained = coder.explain(text)
    assert "positive" not in explained["seed_scores"]
    assert "positive" not in code(coder, text)[1]


@pytest.mark.parametrize("text,praise", [
    ("I would recommend this course to anyone.", True),
    ("Jag skulle rekommendera kursen till alla.", True),
    ("It was nice to meet the other participants.", True),
    ("Vi hade kul på kursen.", True),
])
def test_recommendation_in_the_conditional_and_plain_praise_stay_praise(coder, text, praise):
    assert ("positive" in coder.explain(text)["seed_scores"]) is praise
    assert code(coder, text)[0] == "positive"


@pytest.mark.parametrize("text", ["I missed an overview of the other courses.",
                                  "Jag saknade en del om kursens struktur."])
def test_model_gives_no_praise_to_what_an_answer_missed(coder, text):
    # the classifier alone reads praise in these words, so the rule is what keeps it out ...
    assert coder.prior is not None
    probabilities = dict(zip(coder.prior.classes, coder.prior.probabilities([text])[0]))
    assert probabilities["positive"] > 1 / len(coder.prior.classes)
    assert "positive" not in coder.explain(text)["seed_scores"]
    # ... what an answer missed is no praise
    assert "positive" not in code(coder, text)[1]


def test_model_may_still_read_praise_said_without_a_seed(coder):
    # the rule is narrow: a double negation with no verb of missing ("inget stort fel ... inte orimlig") stays
    # the model's to read; all cues of a wish would have taken it away (tried and dropped: it cost real rows)
    text = "Jag har inte sett något stort fel i kursen, så en 10:a borde inte vara helt orimlig."
    assert code(coder, text)[0] == "positive"


@pytest.mark.parametrize("text", ["Jag tycker väl att videorna var sådär.", "När jag väl satte igång gick det fort."])
def test_swedish_particle_val_is_no_praise(coder, text):
    assert "positive" not in coder.explain(text)["seed_scores"]


@pytest.mark.parametrize("text", ["Allt har fungerat mycket väl.", "Kursen var väl organiserad."])
def test_swedish_val_beside_a_verb_or_participle_is_praise(coder, text):
    assert "positive" in coder.explain(text)["seed_scores"]


@pytest.mark.parametrize("text", ["Kursen var över all förväntan.", "The workshop exceeded my expectations.",
                                  "Kurssi ylitti odotukset."])
def test_met_expectations_are_praise_not_communication(coder, text):
    main, themes = code(coder, text)
    assert main == "positive"
    assert "communication" not in themes


def test_as_well_is_no_praise(coder):
    assert "positive" not in coder.explain("I have told my colleagues about the workshops as well.")["seed_scores"]


@pytest.mark.parametrize("text", ["The second day felt pretty abstract.", "Begreppen var för abstrakta.",
                                  "Sisältö oli liian abstraktia.", "I would appreciate more depth on the key concepts."])
def test_abstract_and_depth_are_practicality(coder, text):
    # abstract is the opposite of concrete (a seed), as theory is of practice; depth asks for more of the content
    assert code(coder, text)[0] == "practicality"


@pytest.mark.parametrize("text", ["More clarity on what to do in the rooms.", "The aims were a little vague."])
def test_confusion_and_vagueness_are_communication(coder, text):
    assert "communication" in coder.explain(text)["seed_scores"]
