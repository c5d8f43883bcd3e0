"""General rules of the feedback coder added after a blind batch of real comments (issue 14, round 7).

The rows below are written for the test (no real comment is shipped); each illustrates one rule:
un-cued praise is the main theme whichever aspect it names first, a cue word inside a praise phrase is not
a wish, a request "for next time" is a wish, and the idiom "ärligt talat" (honestly) is not a trainer."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.coding import ThemeCoder, load_taxonomy


@pytest.fixture(scope="module", params=[False, True], ids=["simplemma", "voikko"])
def coder(request):
    return ThemeCoder(load_taxonomy("feedback"), use_voikko=request.param)


def code(coder, text: str) -> tuple[str, list[str]]:
    coded = coder.code(pd.DataFrame({"text_id": ["t"], "text": [text]}))
    return coded.at[0, "theme"], coded.at[0, "themes"].split(";")


@pytest.mark.parametrize("text", [
    "Videoklippen var mycket uppskattade och lärarna gjorde ett bra jobb med att göra ämnet intressant.",
    "Text- och videomaterialet har varit bra och lärarna har skött sig mycket bra, jag rekommenderar kursen.",
    "The videos were great and the teachers did a really good job, thank you.",
])
def test_praise_naming_aspects_without_a_wish_is_praise_even_when_the_aspect_comes_first(coder, text):
    # the aspect named first used to win the tie among the leading themes; with no wish or criticism the
    # praise is the point (REAL_EXTRA.md: positive, the aspect as a second theme)
    main, _ = code(coder, text)
    assert main == "positive"


def test_a_cue_inside_a_praise_phrase_is_not_a_wish(coder):
    # "inte" / "ei" belong to the praise ("inte klaga", "ei kehitettävää"), they ask for nothing
    assert code(coder, "Kursmaterialet var bra, jag kan inte klaga.")[0] == "positive"


@pytest.mark.voikko
def test_a_finnish_cue_inside_a_praise_phrase_is_not_a_wish():
    # needs Voikko: simplemma does not reduce "kehitettävää" to the seed's lemma, so the phrase is not found
    coder = ThemeCoder(load_taxonomy("feedback"), use_voikko=True)
    assert code(coder, "Materiaali oli hyvä ja selkeä, ei kehitettävää.")[0] == "positive"


@pytest.mark.parametrize("text, aspect", [
    ("Ruotsiksi kiitos ensi kerralla.", "language"),
    ("Gärna på svenska nästa gång, tack.", "language"),
    ("Please share the recordings next time, thanks.", "communication"),
])
def test_a_request_for_next_time_is_a_wish_about_the_aspect(coder, text, aspect):
    # "kiitos" / "tack" / "thanks" here are "please": the request is about the aspect, not praise
    main, _ = code(coder, text)
    assert main == aspect


def test_arligt_talat_is_not_a_trainer(coder):
    main, themes = code(coder, "Ärligt talat var kursen bra.")
    assert main == "positive"
    assert "trainer" not in themes
