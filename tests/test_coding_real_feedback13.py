"""Rules of the feedback coder from the fifteenth round (issue 14: blind batch 15, Finnish course-report answers
and Swedish student course reports), made from the errors of half the batch and judged on the other half and
the other real sets with their errors unread.

- A lecture or teaching session seen as a recording is a recording (labelling rule: links and recordings are
  `communication`): a seed of another theme in the same word as a recording word ("luentovideo",
  "videoföreläsning") or in the word just before or after one ("opetus videot", "lecture recordings") counts for
  nothing. The words are data (``recording_words`` in ``pipeline/text/sentence_words.yaml``); the theme is the
  one whose seeds hold them, so the needs taxonomy has no such theme and is not touched.
- Installing the course's tools is a technical arrangement (`organisation`): "asentaa", "installera",
  "install" are seeds.

The rows below are written for the test (no real comment is shipped)."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.coding.coder import ThemeCoder
from pipeline.coding.taxonomy import load_taxonomy
# the feedback coder on both morphology paths, and one comment coded alone: as batch 7's tests
from test_coding_real_feedback7 import code, coder  # noqa: F401


@pytest.mark.parametrize("text", [
    "Opetus videoita voisi lisätä.",
    "Luentovideoita saisi olla enemmän.",
    "Videoföreläsningarna borde vara kortare.",
    "More lecture recordings please.",
])
def test_a_lecture_seen_as_a_recording_is_a_recording_not_the_trainer(coder, text):
    # the lecture word had made the trainer a theme beside the video, or the main theme
    main, themes = code(coder, text)
    assert main == "communication"
    assert "trainer" not in themes


@pytest.mark.parametrize("text", ["Luennoitsija selitti asiat hyvin.", "The lecturer explained everything well."])
def test_a_lecturer_without_a_recording_word_stays_the_trainer(coder, text):
    assert "trainer" in code(coder, text)[1]


def test_praise_beside_a_recording_word_is_not_touched(coder):
    # "hyvät videot": the praise word stands next to the recording word and is still praise
    main, themes = code(coder, "Hyvät videot, kiitos!")
    assert main == "positive" and "communication" in themes


def test_needs_have_no_recording_theme():
    needs = ThemeCoder(load_taxonomy("needs"), use_voikko=False)
    assert needs._recording_theme == ""
    coded = needs.code(pd.DataFrame({"text_id": ["t"], "text": ["We need video marketing to reach customers."]}))
    assert coded.at[0, "theme"] != "other"


@pytest.mark.parametrize("text", [
    "Ohjelmia oli vaikea asentaa.",
    "Det var svårt att installera programmen.",
    "Installing the software took ages.",
])
def test_installing_the_tools_is_a_technical_arrangement(coder, text):
    assert code(coder, text)[0] == "organisation"
