"""Rules of the feedback coder from the nineteenth round (issue 14: blind batch 19, Swedish and Finnish event and
course feedback). One rule came from the errors of half the batch; the others from the per-theme confusions of
every readable real feedback set taken together (praise that says there is nothing to improve coded as the
aspect it also names; a wish for more time left to another theme). All were judged on the other half of the
batch and on the other real sets.

- The Swedish preposition "beträffande" (regarding) holds "träff" (a meeting) but names none (``not_seeds``).
- A praise word after a word of "more" in a sentence that asks for something ("Önskar få lite mer intressanta
  nyheter") is the object of the wish, not praise (``comparative_degree`` in
  ``pipeline/text/sentence_words.yaml``); a plain comparison ("mer intressant än jag trodde") stays praise.
- A clause that says there is nothing to improve ("Ei tule mieleen juurikaan mitään kehitettävää", "vet inte vad
  jag skulle vilja föreslå") is praise however it is worded, and its words are no wish cues (``none_words``,
  ``improvement_words``).
- A wish for more time ("mer tid", "enemmän aikaa", "more time") is `organisation`.

The rows below are written for the test (no real comment is shipped)."""
from __future__ import annotations

from pipeline.coding.coder import _no_complaint
# the feedback coder on both morphology paths, and one comment coded alone: as batch 7's tests
from test_coding_real_feedback7 import code, coder  # noqa: F401


def test_regarding_is_no_meeting(coder):
    # "Beträffande" held the organisation seed "träff": the unclear text is the point
    main, themes = code(coder, "Beträffande kapitlet om databaser tyckte jag att det var otydligt förklarat.")
    assert main == "communication" and "organisation" not in themes
    # a meeting named after it is still a meeting
    main, _ = code(coder, "Beträffande träffarna var de alldeles för korta.")
    assert main == "organisation"


def test_a_praise_word_after_more_in_a_wish_is_what_is_asked_for(coder):
    # "spännande" after "mer" in a wish ("önskar") praises nothing: the comment asks for other content, whatever
    # theme the classifier then reads in it
    for text in ("Jag önskar mer spännande nyheter nästa gång.", "Toivoisin enemmän mielenkiintoisia uutisia."):
        main, themes = code(coder, text)
        assert main != "positive" and "positive" not in themes, text
    # beside an aspect the aspect leads
    main, themes = code(coder, "Jag önskar mer intressanta exempel från verkliga företag.")
    assert main == "practicality" and "positive" not in themes


def test_a_plain_comparison_with_more_stays_praise(coder):
    # no wish in the sentence: "more interesting than I thought" is praise
    main, _ = code(coder, "Kursen var mer intressant än jag trodde.")
    assert main == "positive"
    main, _ = code(coder, "Mer sådant, tack!")
    assert main == "positive"


def test_nothing_to_improve_is_praise_however_it_is_worded(coder):
    # the seeds "ei kehitettävää", "inget att förbättra" need the words side by side; said with words between
    # them, the negation was a wish cue and the material named beside it led
    for text in ("Ei tule mieleen oikeastaan mitään kehitettävää, materiaali oli hyvää ja tehtävät monipuolisia.",
                 "Jag vet ärligt talat inte vad jag skulle vilja föreslå, materialet var bra.",
                 "I have no real suggestions, the material was great."):
        main, themes = code(coder, text)
        assert main == "positive", text
        assert "positive" in themes


def test_a_wish_after_nothing_to_improve_still_leads(coder):
    # a named aspect to change after the clause is still the point of the comment
    main, _ = code(coder, "En keksi mitään kehitettävää, mutta tehtävänannot voisivat olla selkeämpiä.")
    assert main == "communication"


def test_the_clause_is_a_negation_followed_by_a_word_of_improving(coder):
    # the positions run from the negation to the word of improving, in one sentence, with no contrast between;
    # a verb that reports ("did not improve") settles nothing
    def clause(text):
        analysis = coder._analyse(text, None)
        return _no_complaint(analysis.tokens, analysis.lang)
    assert clause("Ei tule mieleen mitään kehitettävää.") == set(range(0, 5))
    assert clause("The course did not improve my skills at all.") == set()
    assert clause("Aikaa ei ollut, mutta kehitettävää on paljon.") == set()


def test_a_wish_for_more_time_is_the_schedule(coder):
    for text in ("Det hade varit bättre om vi hade haft mer tid i slutet.",
                 "Olisin kaivannut enemmän aikaa loppuun.",
                 "I would have liked more time at the end."):
        main, themes = code(coder, text)
        assert main == "organisation", text
