"""Misspelt answers: an unknown word one slip from a seed counts as the seed; nothing else changes."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.coding import ThemeCoder, load_taxonomy

@pytest.fixture(scope="module", params=[False, True], ids=["simplemma", "voikko"])
def needs(request):
    return ThemeCoder(load_taxonomy("needs"), use_voikko=request.param)


def coded(coder: ThemeCoder, texts: list[str]) -> pd.DataFrame:
    ids = [f"t{i:02d}" for i in range(len(texts))]
    return coder.code(pd.DataFrame({"text_id": ids, "text": texts})).set_index("text_id").loc[ids]


@pytest.mark.parametrize("written, misspelt, theme", [
    ("Vi behöver hjälp med försäljning", "Vi behöver hjälp med försäljnig", "sales"),          # a letter left out
    ("Vi behöver hjälp med försäljning", "Vi behover hjalp med forsaljning", "sales"),        # no diacritics
    ("Marknadsföring", "marknadsförning", "branding"),                                        # a letter added
    ("Digitalisering av företaget", "digitaliseringen av foretaget", "data"),                 # inflected, plain
    ("Verkkokauppa", "verkkokaupa", "ecommerce"),                                             # not a piece, "verkko"
    ("Export till Norge", "exprot till Norge", "export"),                                     # two letters swapped
])
def test_a_misspelt_seed_codes_as_the_seed(needs, written, misspelt, theme):
    right, wrong = coded(needs, [written, misspelt])["theme"]
    assert (right, wrong) == (theme, theme)


@pytest.mark.voikko
def test_a_misspelt_inflected_finnish_word_by_voikkos_suggestion():
    # "myynin" is no form of anything; Voikko suggests "myynnin" (of myynti), one letter away
    coder = ThemeCoder(load_taxonomy("needs"), use_voikko=True)
    assert coded(coder, ["myynin kehittäminen"])["theme"].tolist() == ["sales"]


def test_known_words_and_short_words_are_left_alone(needs):
    # "contact" is one letter from the seed "contract" but a word of its own; "expot" is one letter from
    # "export" but under six letters
    got = coded(needs, ["We need more contact with other firms", "expot"])
    assert got["evidence"].tolist() == ["", ""] and got["theme"].tolist() == ["other", "other"]


def test_typo_min_length_zero_turns_it_off():
    coder = ThemeCoder(load_taxonomy("needs"), {"typo_min_length": 0}, use_voikko=False)
    assert coded(coder, ["Vi behöver hjälp med försäljnig"])["theme"].tolist() == ["other"]


def test_seeds_of_two_themes_one_slip_away_leave_the_word_alone(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("name: t\nthemes:\n"
                    "  a:\n    names: {fi: A, sv: A, en: A}\n    description: d\n    seeds: {en: [planter]}\n"
                    "  b:\n    names: {fi: B, sv: B, en: B}\n    description: d\n    seeds: {en: [plaster]}\n",
                    encoding="utf-8")
    coder = ThemeCoder(load_taxonomy(str(path)), use_voikko=False)
    # "plaNter" and "plaSter" are both one letter from "plater"; "plantre" only from planter
    assert coded(coder, ["We need plater", "We need plantre"])["theme"].tolist() == ["other", "a"]
