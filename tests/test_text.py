"""Text normalisation: tokens, language id, Finnish lemmas and compound parts on both paths, stop words."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.errors import ConfigError
from pipeline.text import TextNormaliser, tokenise
from pipeline.text.normalise import _voikko_parts

PARAMS = {"keep_words": ["hyvä"], "extra_stop_words": ["apu", "help"]}


@pytest.fixture(scope="module")
def voikko():
    return TextNormaliser(PARAMS, use_voikko=True)


@pytest.fixture(scope="module")
def simple():
    return TextNormaliser(PARAMS, use_voikko=False)


def test_tokenise_keeps_hyphenated_words_and_drops_abbreviation_endings():
    assert tokenise("CRM:n käyttöönotto, pk-yritys & e-handel!") == ["CRM", "käyttöönotto", "pk-yritys", "e-handel"]


def test_tokenise_empty_text():
    assert tokenise("") == []
    assert tokenise("  ... ") == []


@pytest.mark.parametrize("text, lang", [
    ("Tarvitsemme apua asiakashankintaan ja verkkokaupan kehittämiseen", "fi"),
    ("Vi behöver hjälp med export till Norge", "sv"),
    ("We need help finding new customers abroad", "en"),
])
def test_language_of_full_sentences(simple, text, lang):
    assert simple.identify_language(text)[0] == lang


def test_short_label_decided_by_dictionaries(voikko):
    # py3langid is unsure of one word; Voikko knows the Finnish compound
    assert voikko.identify_language("Asiakashankinta")[0] == "fi"
    assert voikko.identify_language("Marknadsföring")[0] == "sv"


def test_word_known_everywhere_takes_the_fallback_language(voikko):
    assert voikko.identify_language("data", fallback="fi") == ("fi", pytest.approx(1 / 3))
    assert voikko.identify_language("data", fallback="en")[0] == "en"


def test_text_without_words_takes_fallback(simple):
    assert simple.identify_language("123 456", fallback="sv") == ("sv", 0.0)


def test_voikko_parts_group_derivations():
    assert _voikko_parts("+vie(viedä)+nti(+ti)+markkina(markkina)") == ["vienti", "markkina"]
    assert _voikko_parts("+ulko+maa(maa)") == ["ulko", "maa"]
    assert _voikko_parts("+suku(suku)+polven(polvi)+vaihdos(vaihdos)") == ["suku", "polvi", "vaihdos"]


@pytest.mark.parametrize("word, lemma, parts", [
    ("verkkokauppakoulutukseen", "verkkokauppakoulutus", ("verkko", "kauppa", "koulutus")),
    ("asiakkaiden", "asiakas", ()),
    ("vientimarkkinoille", "vientimarkkina", ("vienti", "markkina")),
    ("verkkosivuista", "verkkosivu", ("verkko", "sivu")),
    ("some-markkinointi", "somemarkkinointi", ("some", "markkinointi")),
    ("myymään", "myydä", ()),          # the MA-infinitive "to sell", not the agent participle "myymä"
    ("markkinoimaan", "markkinoida", ()),
])
def test_voikko_lemmas_and_compound_parts(voikko, word, lemma, parts):
    assert voikko.word(word, "fi")[:2] == (lemma, parts)


@pytest.mark.parametrize("word, lemma", [
    ("asiakkaiden", "asiakas"),
    ("verkkokauppakoulutukseen", "verkkokauppakoulutus"),
    ("datan", "data"),          # simplemma says "data." - the dot is stripped
    ("markkinointiin", "markkinointi"),
])
def test_simplemma_lemmas(simple, word, lemma):
    assert simple.word(word, "fi")[0] == lemma


def test_simplemma_path_splits_only_hyphenated_compounds(simple):
    assert simple.word("some-markkinointi", "fi")[:2] == ("somemarkkinointi", ("some", "markkinointi"))
    assert simple.word("asiakashankintaan", "fi")[1] == ()


def test_swedish_and_english_lemmas(simple):
    assert simple.word("kunder", "sv")[0] == "kund"
    assert simple.word("customers", "en")[0] == "customer"


def test_stop_words_after_lemmatising_with_allow_list(simple):
    analysed = simple.analyse("Tarvitsemme apua, hyvä että autatte", lang="fi")
    flags = {t.lemma: t.is_stop for t in analysed.tokens}
    assert flags["apu"] is True            # project stop word
    assert flags["hyvä"] is False          # allow-listed although stopwords-iso lists it
    assert flags["että"] is True


def test_content_lemmas_add_compound_parts(voikko):
    analysed = voikko.analyse("apua vientimarkkinoille", lang="fi")
    assert analysed.content_lemmas == ["vientimarkkina", "vienti", "markkina"]


def test_forcing_voikko_when_missing_is_a_config_error(monkeypatch):
    import pipeline.text.normalise as normalise

    monkeypatch.setattr(normalise, "_voikko", lambda: None)
    with pytest.raises(ConfigError, match="Voikko"):
        TextNormaliser(use_voikko=True)


def test_unknown_default_language_is_a_config_error():
    with pytest.raises(ConfigError, match="default_lang"):
        TextNormaliser({"default_lang": "de"})


@pytest.mark.voikko
def test_finnish_past_participle_carries_its_verb(voikko):
    # "ovat menettäneet asiakkaita": Voikko reads the participle as an adjective; the token also names the verb
    tokens = {t.surface: t for t in voikko.analyse("Kahvilat ovat menettäneet asiakkaitaan", lang="fi").tokens}
    assert tokens["menettäneet"].stem == "menettää"
    assert tokens["Kahvilat"].stem == ""
    assert voikko.participle_verb("myynti") == ""


def test_simplemma_still_writes_its_tries_through_the_method_the_atomic_writer_overrides():
    # pipeline.text.lemmas overrides a private method of simplemma's trie factory; an upgrade that renames it
    # would quietly bring back non-atomic writes (two processes building one trie at once)
    import inspect

    from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

    from pipeline.text.lemmas import _AtomicTrieFactory

    assert "_write_trie_to_disk(" in inspect.getsource(TrieDictionaryFactory)
    assert list(inspect.signature(_AtomicTrieFactory._write_trie_to_disk).parameters) == \
        list(inspect.signature(TrieDictionaryFactory._write_trie_to_disk).parameters)


def test_a_text_in_none_of_the_three_languages_is_foreign_and_coded_without_a_language():
    # a French survey's answers read as Swedish made its companies Swedish-speaking in the language figures
    from pipeline.coding import ThemeCoder, load_taxonomy
    from pipeline.coding.coder import coding_params
    from pipeline.text.normalise import TextNormaliser

    normaliser = TextNormaliser(coding_params())
    assert [normaliser.is_foreign(t) for t in ("Je ne sais pas", "Le coût de la connexion est trop élevé",
                                               "Wir brauchen mehr Kunden im Ausland")] == [True, True, True]
    # fi, sv, en and their close neighbours are not foreign, nor is a one-word answer
    assert not any(normaliser.is_foreign(t) for t in ("Vi behöver fler kunder", "Tarvitsemme lisää asiakkaita",
                                                      "We need more customers", "Vi trenger flere kunder i Norge",
                                                      "Non", "Bra kurs"))
    texts = pd.DataFrame({"text_id": ["a", "b"], "text": ["Le coût est trop élevé", "Vi behöver fler kunder"]})
    coded = ThemeCoder(load_taxonomy("needs"), use_voikko=False).code(texts)
    assert coded["lang"].tolist() == ["", "sv"]
