"""Decision logic of the lexicon coder on real feedback (issue 14): the main theme between praise
(`positive`) and the aspect it names (LABELLING.md, feedback rules 1-3)."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.coding import ThemeCoder, load_taxonomy


@pytest.fixture(scope="module")
def coder():
    # the default coder (with the shipped classifier, which chooses among the seeds' themes)
    return ThemeCoder(load_taxonomy("feedback"), use_voikko=False)


def code(coder, text: str) -> tuple[str, list[str]]:
    coded = coder.code(pd.DataFrame({"text_id": ["t"], "text": [text]}))
    return coded.at[0, "theme"], coded.at[0, "themes"].split(";")


@pytest.mark.parametrize("text, aspect", [
    ("Jag gillar innehållet och upplägget av kursen.", "organisation"),
    ("Thank you for organizing this course.", "organisation"),
])
def test_praise_without_a_wish_or_criticism_is_the_main_theme(coder, text, aspect):
    # praise naming an aspect, with nothing to change, is `positive` (the aspect stays a second theme)
    main, themes = code(coder, text)
    assert main == "positive"
    assert aspect in themes


@pytest.mark.parametrize("text, aspect", [
    ("Bra kurs men upplägget borde ändras.", "organisation"),
    ("Good course, but it would be better organized in two days.", "organisation"),
])
def test_praise_beside_a_wish_or_criticism_yields_to_the_aspect(coder, text, aspect):
    # criticism or a wish plus general praise: the criticised aspect is the main theme (rule 3)
    main, _ = code(coder, text)
    assert main == aspect


@pytest.mark.parametrize("text, aspect, main", [
    ("Kiitos järjestelyistä!", "organisation", "positive"),
    ("Tack för ett bra upplägg och trevliga föreläsare.", "trainer", "positive"),
    ("Thanks for organising the workshop!", "organisation", "positive"),
    # thanks beside a wish or criticism: the aspect is the point (rule 3)
    ("Kiitos, mutta järjestelyt olivat sekavat.", "organisation", "organisation"),
])
def test_the_thing_thanked_for_is_praised(coder, text, aspect, main):
    # words of thanks (the taxonomy's `thanks`) make the aspect thanked for praise, not a complaint
    got, themes = code(coder, text)
    assert got == main
    assert aspect in themes


@pytest.mark.parametrize("text, main", [
    ("not good", "other"),
    ("It wasn't good at all", "other"),
    ("Ei ollut hyvä kurssi", "other"),
    ("Inte så bra", "other"),
    ("The lunch was not good", "organisation"),
    # a negation inside praise's own phrase is praise
    ("Ei moitittavaa, kiitos", "positive"),
])
def test_a_praise_word_denied_by_a_negation_is_no_praise(coder, text, main):
    # "not good" was coded positive feedback, from its seed, from similar answers and from the model
    got, themes = code(coder, text)
    assert got == main
    assert main == "positive" or "positive" not in themes
