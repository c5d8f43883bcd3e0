"""Content-free answers are no theme (issue 14, fifteenth round).

The shipped feedback classifier gives even an empty answer ``positive`` at about 0.57 confidence, just under the
threshold, so a small lift from the rest of the batch (the similar answers, the reviewed ones) made "Nej", "ok"
and "123" praise and "N/A" organisation in one batch, and "En tiedä", "Hmm", "No idea" praise and "Vet ej"
organisation coded alone. An answer with no content word (stop words, numbers, single letters, filler words;
one word no dictionary knows) or a whole don't-know / no-comment answer is now ``other`` with evidence
``no content: ...`` and no points from any learner. "Nothing to improve" answers stay praise, as the real
development set labels them ("En keksi mitään moitittavaa"). The rows are written for the test."""
from __future__ import annotations

import pandas as pd
import pytest

# the feedback coder on both morphology paths, and one comment coded alone: as batch 7's tests
from test_coding_real_feedback7 import code, coder  # noqa: F401

from pipeline.coding.coder import ThemeCoder
from pipeline.coding.taxonomy import load_taxonomy

EMPTY = ["-", "--", ".", "?", "x", "xxx", "123", "N/A", "n/a", "ei", "Ei.", "-ei-", "nej", "no", "ok", "Ok.",
         "Hmm", "asdf", "nothing", "ei mitään", "inget", "Ingenting", "none"]
DONT_KNOW = ["En tiedä", "en osaa sanoa", "Vet ej", "vet inte", "No idea", "Don't know", "I don\u2019t know",
             "Not sure", "ei kommentteja", "Inga kommentarer.", "no comments", "No comment", "Nothing to add",
             "Inget att tillägga", "Ei muuta", "Hmm, en tiedä"]


def frame(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"text_id": [f"t{i:03d}" for i in range(len(texts))], "text": texts})


@pytest.mark.parametrize("text", EMPTY + DONT_KNOW)
def test_content_free_answer_alone_is_other_with_its_reason(coder, text):
    coded = coder.code(frame([text]))
    # before: "Hmm", "En tiedä", "No idea", "no comments" positive, "Vet ej", "Not sure" organisation, and every
    # other one `other` as a 0.4-0.6 guess with the classifier's near misses as its evidence
    assert coded.at[0, "theme"] == "other"
    assert coded.at[0, "themes"] == "other"
    assert coded.at[0, "evidence"].startswith("no content: ")
    assert coded.at[0, "confidence"] == pytest.approx(1.0)


@pytest.mark.parametrize("text,reason", [("N/A", "no word a theme could be read from"),
                                         ("Vet ej", "a don't-know or no-comment answer"),
                                         ("En tiedä", "a don't-know or no-comment answer")])
def test_explain_says_why_a_content_free_answer_is_other_and_gives_it_no_model_points(coder, text, reason):
    # the classifier alone leans to a theme even for these ...
    probabilities = coder.prior.probabilities([text])[0]
    assert max(probabilities) > 1.5 / len(coder.prior.classes)
    explained = coder.explain(text, context=frame(EMPTY + DONT_KNOW))
    # ... the rule gives it no points
    assert explained["model_bonus"] == {} and explained["similarity_bonus"] == {}
    assert explained["theme"] == "other" and explained["themes"] == ["other"]
    assert explained["evidence"] == f"no content: {reason}"
    # a seed inside the phrase ("vet" is a weak communication seed) is not given for the same reason
    assert set(explained["not_given"].values()) <= {f"no content: {reason}"}


def test_content_free_answers_get_no_lift_from_their_batch(coder):
    # the previous round's batch of content-free answers: "Nej", "ok" and "123" became praise, "N/A"
    # organisation, only because of each other
    batch = ["-", "Ei", "Ei mitään", "Ei ole", "En tiedä", "En osaa sanoa", "Vet ej", "Inget", "Ingenting",
             "Inga kommentarer", "Nej", "Nope", "No", "Don't know", "Nothing to add", "Hmm", "?", "ok", "Ok.",
             "Joo", "xxx", "123", "none", "N/A", "No idea", "asdf", "kyllä"]
    coded = coder.code(frame(batch))
    assert dict(zip(batch, coded["theme"])) == {t: "other" for t in batch}
    assert coded["evidence"].str.startswith("no content: ").all()


def test_content_free_answers_among_praise_and_reviewed_answers_stay_other(coder):
    # a batch of praise, reviewed as praise with "99 %": before, the nearest reviewed answer made "99" praise
    # (0.73) and the classifier "Hmm" and "Okei" (0.60, 0.62)
    praise = ["Hyvä kurssi, kiitos!", "Todella hyödyllinen kurssi.", "Great workshop, thank you!",
              "Bra kurs, tack!", "Excellent and useful session.", "Mahtava koulutus, kiitos paljon.",
              "Really good course, I learned a lot.", "Mycket bra och lärorik dag."]
    empty = ["ok", "123", "kyllä", "Joo", "Nej", "-", "Hmm", "Okei", "99"]
    reviewed = pd.DataFrame({"text": praise + ["99 %", "1234"], "themes": ["positive"] * (len(praise) + 2)})
    texts = praise + empty + ["1234"]
    coded = coder.code(frame(texts), reviewed=reviewed)
    themes = dict(zip(texts, coded["theme"]))
    assert all(themes[t] == "positive" for t in praise)
    assert {t: themes[t] for t in empty} == {t: "other" for t in empty}
    # an analyst's own code of a content-free answer stands
    assert themes["1234"] == "positive"


@pytest.mark.parametrize("text", ["En keksi mitään moitittavaa", "Inget att förbättra", "Nothing to improve",
                                  "Inget att klaga på", "Ok, hyvä kurssi", "Nej, inget negativt"])
def test_nothing_to_improve_and_praise_beside_a_filler_stay_praise(coder, text):
    # the development set labels "nothing to criticise" praise; "inget att förbättra" and "nothing to improve"
    # are praise seeds now ("Inget att förbättra" was `other`)
    theme, _ = code(coder, text)
    assert theme == "positive"
    assert not coder.explain(text)["evidence"].startswith("no content")


@pytest.mark.parametrize("text", [
    # colloquial words no dictionary knows, beside each other, are content (an earlier draft took every word
    # unknown to the dictionaries and the classifier for no word at all)
    "somee pitäis osata paremmin",
    # words the classifier read in training are content though a lemma of the project's stop list
    # ("kehitettävää" is "kehittää" to simplemma)
    "Ei kehitettävää",
    "Hire conference coordinator.",
])
def test_answers_with_words_are_not_content_free(coder, text):
    assert not coder.explain(text)["evidence"].startswith("no content")
    assert not coder.code(frame([text])).at[0, "evidence"].startswith("no content")


@pytest.mark.parametrize("use_voikko", [False, True], ids=["simplemma", "voikko"])
def test_a_kept_word_written_as_a_stop_word_is_content(use_voikko):
    # the lemma decides in the answer's own language: "aikaa" is a stop word as written, its lemma "aika" a
    # kept word (an earlier draft read every stop word as written, in any language, and called this need
    # statement `no content`; the needs coder has no classifier vocabulary to catch it)
    needs = ThemeCoder(load_taxonomy("needs"), use_voikko=use_voikko)
    text = "Ei ole nyt aikaa mihinkään kehittämiseen"
    assert not needs.explain(text)["evidence"].startswith("no content")
    # a don't-know answer is empty in a needs survey too
    assert needs.explain("En osaa sanoa")["evidence"] == "no content: a don't-know or no-comment answer"
