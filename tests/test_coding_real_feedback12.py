"""A rule of the feedback coder from the fourteenth round (issue 14: real workshop and training-day feedback,
blind batch 14), judged leave-one-batch-out on feedback batches 7, 11, 12 and 14 with their errors unread.

A comment that names the participant's level ("for a beginner", "nybörjare", "aloittelijalle") is about the fit
to that level (labelling rule 9, `sme_relevance`), whatever aspect it names first; praise that asks nothing stays
praise ("good for beginners"), and a comment with no level word keeps its aspect. The level words are data
(``level_words`` in ``pipeline/text/sentence_words.yaml``); the theme is the one whose seeds hold them, so the
needs taxonomy has no such theme and is not touched.

The rows below are written for the test (no real comment is shipped)."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.coding.coder import ThemeCoder
from pipeline.coding.taxonomy import load_taxonomy
# the feedback coder on both morphology paths, and one comment coded alone: as batch 7's tests
from test_coding_real_feedback7 import code, coder  # noqa: F401


@pytest.mark.parametrize("text,aspect", [
    ("The afternoon went far too quick for a beginner like me.", "organisation"),
    ("The exercises moved too fast for us beginners.", "organisation"),
    ("The instructions assumed a lot, hard to follow for a beginner.", "communication"),
    ("Eftermiddagen gick för fort för en nybörjare som jag.", "organisation"),
    ("Instruktionerna var svåra att följa för en nybörjare.", "communication"),
    ("Iltapäivän tahti oli liian kova aloittelijalle.", "organisation"),
    ("Tehtävänannot olivat epäselviä aloittelijalle.", "communication"),
])
def test_a_comment_naming_the_participants_level_is_about_the_fit(coder, text, aspect):
    # the pace or the instructions were named first and had been the main theme; they stay beside it
    main, themes = code(coder, text)
    assert main == "sme_relevance"
    assert aspect in themes


@pytest.mark.parametrize("text", ["Great course, very good for beginners!", "Bra kurs, perfekt för nybörjare."])
def test_praise_that_names_beginners_stays_praise(coder, text):
    main, themes = code(coder, text)
    assert main == "positive"
    assert "sme_relevance" in themes


@pytest.mark.parametrize("text,aspect", [
    ("The afternoon went far too quick for me.", "organisation"),
    ("Instruktionerna var svåra att följa.", "communication"),
])
def test_without_a_level_word_the_aspect_leads(coder, text, aspect):
    assert code(coder, text)[0] == aspect


def test_needs_have_no_level_theme():
    # the rule follows the taxonomy: no needs theme holds a level word, so need statements are coded as before
    needs = ThemeCoder(load_taxonomy("needs"), use_voikko=False)
    assert needs._level_theme == ""
    coded = needs.code(pd.DataFrame({"text_id": ["t"], "text": ["We need more customers, we are beginners in sales."]}))
    assert coded.at[0, "theme"] == "sales"
