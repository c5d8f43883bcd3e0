"""Rules of the feedback coder from the sixteenth round (issue 14: blind batch 16, Finnish course-report answers
and Swedish student course reports). The main-score share by language was chosen leave-one-source-out over the
real feedback sets (not from one half's errors); the others were made from the errors of half the batch. All
were judged on the other half and the other real sets with their errors unread.

- The main theme is the first mentioned among the themes within ``main_score_share`` of the top score; the
  taxonomy may set that share by language (feedback: Finnish 0.6, the others the [coding] 0.5), so in Finnish a
  theme well below the top that happens to come first no longer leads.
- A look-alike phrase (``not_seeds``) may stand inside one compound: "SQL-kielen", "SQL-språket" hold "kieli sql",
  "språk sql" (a programming language is not the course's language).
- An English seed word right after an acronym in a Finnish or Swedish answer is a product's name ("SQL Trainer",
  "SQL-trainerin"), not the trainer.
- Workload said with plain words is `organisation`: "paljon työtä", "mycket jobb", "mycket arbete", "a lot of
  work"; a phrase's words lie in one sentence ("Jag lärde mig mycket. Arbetet ..." holds no "mycket arbete").
- Finnish "hyvin" before a word of difficulty or want is "very", not praise ("hyvin vaikea"; ``intensifiers`` and
  ``hard_words`` in ``pipeline/text/sentence_words.yaml``).

The rows below are written for the test (no real comment is shipped)."""
from __future__ import annotations

import pytest

from pipeline.coding.coder import _Positions
from pipeline.coding.taxonomy import OTHER, load_taxonomy, taxonomy_from_mapping
from pipeline.errors import InputError
# the feedback coder on both morphology paths, and one comment coded alone: as batch 7's tests
from test_coding_real_feedback7 import code, coder  # noqa: F401


def test_a_finnish_theme_far_below_the_top_does_not_lead_because_it_comes_first(coder):
    # the breaks are named first with one seed, the examples after with more weight: at a share of 0.5 the
    # breaks led; the point of the wish is the examples
    main, themes = code(coder, "Tauot olivat lyhyitä, esimerkkejä voisi olla enemmän.")
    assert main == "practicality" and "organisation" in themes


def test_the_share_is_set_by_language(coder):
    assert coder.taxonomy.main_score_share == {"fi": 0.6}
    scores = {t: 0.0 for t in coder.themes + [OTHER]}
    scores.update(organisation=1.0, practicality=1.8)
    for lang, expected in (("fi", "practicality"), ("sv", "organisation"), ("en", "organisation")):
        first = _Positions({"organisation": 0, "practicality": 3})
        first.lang = lang
        assert coder._decide(dict(scores), first)[0] == expected, lang


def test_without_the_classifier_every_language_keeps_the_coding_share():
    # the share was calibrated with the shipped classifier's points; lexicon only (prior_weight 0), Finnish at 0.6
    # lost rows on the development set, so there the [coding] share holds
    from pipeline.coding.coder import ThemeCoder
    lexicon = ThemeCoder(load_taxonomy("feedback"), params={"prior_weight": 0}, use_voikko=False)
    scores = {t: 0.0 for t in lexicon.themes + [OTHER]}
    scores.update(organisation=1.0, practicality=1.8)
    first = _Positions({"organisation": 0, "practicality": 3})
    first.lang = "fi"
    assert lexicon._decide(scores, first)[0] == "organisation"


def test_a_swedish_comment_keeps_the_first_mentioned_theme(coder):
    # the same comment in Swedish: Swedish kept the share of 0.5 (0.6 cost Swedish rows on two real sets)
    assert code(coder, "Pauserna var korta, fler exempel skulle behövas.")[0] == "organisation"


def test_the_taxonomy_checks_its_main_score_share():
    raw = {"name": "t", "themes": {"a": {"names": {"fi": "A", "sv": "A", "en": "A"}, "description": "a",
                                         "seeds": {"en": ["apple"]}}}}
    assert taxonomy_from_mapping(raw, "t.yaml").main_score_share == {}
    assert taxonomy_from_mapping({**raw, "main_score_share": {"sv": 0.7}}, "t.yaml").main_score_share == {"sv": 0.7}
    with pytest.raises(InputError, match="main_score_share"):
        taxonomy_from_mapping({**raw, "main_score_share": {"fi": 2}}, "t.yaml")
    with pytest.raises(InputError, match="main_score_share"):
        taxonomy_from_mapping({**raw, "main_score_share": 0.6}, "t.yaml")
    assert load_taxonomy("needs").main_score_share == {}


@pytest.mark.parametrize("text", [
    "SQL-kielen perusteet voisi selittää tarkemmin.",
    "SQL-språket borde förklaras bättre.",
])
def test_a_programming_language_in_a_compound_is_not_the_course_language(coder, text):
    # the not_seed phrase "kieli sql" / "språk sql" needed two words; the compound holds both
    assert "language" not in code(coder, text)[1]


@pytest.mark.parametrize("text", ["Kurssi olisi hyvä saada myös ruotsin kielellä.", "Materialet borde finnas på svenska."])
def test_the_course_language_is_still_language(coder, text):
    assert code(coder, text)[0] == "language"


@pytest.mark.parametrize("text", ["SQL Trainer -tehtävät olivat liian vaikeita.", "SQL-trainerin tehtävät olivat vaikeita."])
def test_an_english_word_after_an_acronym_names_a_product_not_the_trainer(coder, text):
    assert "trainer" not in code(coder, text)[1]


def test_a_trainer_beside_an_acronym_in_the_answers_language_stays_the_trainer(coder):
    assert "trainer" in code(coder, "Kouluttaja selitti SQL:n hyvin.")[1]


@pytest.mark.parametrize("text", [
    "Kurssi vaati paljon työtä.",
    "Det var mycket jobb för lite poäng.",
    "Kursen krävde mycket arbete.",
    "It was a lot of work.",
])
def test_workload_said_with_plain_words_is_organisation(coder, text):
    assert code(coder, text)[0] == "organisation"


def test_a_phrase_does_not_reach_into_the_next_sentence(coder):
    main, themes = code(coder, "Jag lärde mig mycket. Arbetet med projektet var roligt.")
    assert main == "positive" and "organisation" not in themes


@pytest.mark.parametrize("text", ["Tehtävät olivat hyvin vaikeita.", "Materiaali oli hyvin suppea."])
def test_hyvin_before_a_word_of_difficulty_is_very_not_praise(coder, text):
    assert "positive" not in code(coder, text)[1]


@pytest.mark.parametrize("text", ["Kurssi oli hyvin toteutettu.", "Kaikki toimi hyvin."])
def test_hyvin_beside_a_verb_is_still_praise(coder, text):
    assert code(coder, text)[0] == "positive"
