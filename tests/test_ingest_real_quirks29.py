"""Quirks found by QA rounds 24 and 25 (issue 12 round 30): competence scales the vocabulary missed, a pasted
language copy's scale labels, and a file whose header row was deleted. One test per rule, each on a few inline
rows built the way those files look (invented statements and answers, not copies of the files)."""
from __future__ import annotations

import pytest

from pipeline.errors import InputError
from pipeline.ingest import build, ingest_params, inspect_file, read_survey
from pipeline.ingest.spec import load_spec

from conftest import csv_text, refused_in_one_line, run_cli, webropol_csv, write_csv

KEY = b"k29"
AREAS = ["Försäljning", "Export", "Dataanalys"]


@pytest.mark.parametrize("labels", [
    ["Mycket svag", "Svag", "Medelmåttig", "God", "Mycket god"],
    ["Mycket dålig", "Dålig", "Medel", "Bra", "Mycket bra"],
    ["Mycket svag", "Svag", "Medelgod", "God", "Mycket god"],
    ["svag", "försvarlig", "nöjaktig", "god", "utmärkt"],
    ["Inga kunskaper", "Lite kunskaper", "Medelgoda kunskaper", "Goda kunskaper", "Mycket goda kunskaper"],
    ["Heikko", "Välttävä", "Keskinkertainen", "Hyvä", "Erinomainen"],
    ["Beginner", "Novice", "Intermediate", "Advanced", "Expert"],
    ["Beginner", "Intermediate", "Advanced"],
    ["Aloittelija", "Perustaso", "Keskitaso", "Edistynyt", "Asiantuntija"],
    ["Nybörjare", "Grundläggande", "Medel", "Avancerad", "Expert"],
])
def test_a_competence_grid_on_a_common_competence_scale_is_one_likert_grid(tmp_path, labels):
    """A Google Forms competence grid answered on a scale the vocabulary lacked ("Medelmåttig" in the middle of
    "svag … god", the Finland-Swedish grade words, "Keskinkertainen", proficiency "Beginner … Expert") was read
    as one single choice per statement, and the competence analysis was lost. Each is one grid whose options
    are the scale's levels, low to high."""
    header = ["Tidstämpel"] + [f"Hur bedömer ni ert företags kunnande inom följande områden? [{a}]" for a in AREAS]
    rows = [[f"{1 + i % 28}.5.2025 10.{i:02d}.00"] + [labels[(i + k) % len(labels)] for k in range(len(AREAS))]
            for i in range(12)]
    rows[3][2] = "Vet inte"
    found = inspect_file(write_csv(tmp_path / "behov.csv", csv_text(header, rows)))
    grids = [q for q in found["questions"] if q["type"] == "likert"]
    assert len(grids) == 1 and len(grids[0]["columns"]) == len(AREAS), found["questions"]
    assert [o.lower() for o in grids[0]["options"]] == [lbl.lower() for lbl in labels]


def test_a_pasted_language_copy_reads_its_scale_words_as_the_masters_levels(tmp_path):
    """The README's way of merging two language versions: the Swedish copy's rows pasted under the Finnish
    header. A grid column then holds "heikko … erinomainen" in the Finnish rows and the Finland-Swedish grade
    words "svag … utmärkt" in the Swedish ones, and was read as single choices. It is one Likert grid: each word
    scores as its level, the options are the header's language, and a single choice whose two row groups chose
    different labels (sectors "Teollisuus" / "Industri") is named in one warning line."""
    fi = ["heikko", "välttävä", "tyydyttävä", "hyvä", "erinomainen"]
    sv = ["svag", "försvarlig", "nöjaktig", "god", "utmärkt"]
    header = ["Toimiala"] + [f"Arvioikaa yrityksenne osaamista seuraavilla osa-alueilla:{a}"
                             for a in ["Myynti", "Markkinointi", "Vienti"]]
    rows = [[["Teollisuus", "Kauppa", "Palvelut"][i % 3]] + [fi[(i + k) % 5] for k in range(3)] for i in range(9)]
    rows += [[["Industri", "Handel"][i % 2]] + [sv[(i + k) % 5] for k in range(3)] for i in range(5)]
    rows[-1][3] = "vet inte"
    path = webropol_csv(tmp_path / "raakadata.csv", header, rows)
    survey = read_survey(path, key=KEY)
    grids = survey.questions[survey.questions["type"] == "likert"]
    assert len(grids) == 1, survey.questions[["text", "type"]]
    assert list(grids.iloc[0]["options"]) == fi
    answers = survey.answers[survey.answers["question_id"] == grids.iloc[0]["question_id"]]
    scores = answers.dropna(subset=["score"]).groupby("value")["score"].first().to_dict()
    for fi_word, sv_word in zip(fi, sv):
        if fi_word in scores and sv_word in scores:
            assert scores[fi_word] == scores[sv_word], scores
    assert scores["svag"] == 1 and scores["utmärkt"] == 5
    warned = [w for w in build.analyse(path, None, ingest_params()).warnings if "Toimiala" in w]
    assert len(warned) == 1 and "Teollisuus" in warned[0] and "Industri" in warned[0], warned


def test_a_file_whose_header_row_was_deleted_is_refused(tmp_path):
    """A Google Forms feedback CSV opened in Excel and saved without its header row: the first response
    ("5.6.2025 12.51.24", "3", "4", a comment) was read as the header, one response lost and no column known,
    exit 0. A submission time over a column of times, beside a bare number over numbers, is a response, not a
    header: refused in one line naming the file and the fix. A real header of numbers (a rating column headed
    "1", "2" under a "Timestamp" header) still reads."""
    rows = [["5.6.2025 12.51.24", "3", "4", "Käytännön esimerkit olivat hyviä.", "Ei mitään kehitettävää."]]
    rows += [[f"{4 - i % 3}.6.2025 1{i}.{10 + i}.24", str(4 + i % 2), str(8 + i % 3),
              ["", f"Hyvä tunnelma {i}.", ""][i % 3], ["Materiaalit etukäteen.", ""][i % 2]] for i in range(8)]
    lost = write_csv(tmp_path / "palaute.csv", csv_text(rows[0], rows[1:]))
    with pytest.raises(InputError, match="looks like an answer, not a header"):
        inspect_file(lost)
    message = refused_in_one_line(run_cli("inspect", str(lost)))
    assert "palaute.csv" in message and "export the file again with its header row" in message
    kept = write_csv(tmp_path / "numbered.csv", csv_text(["Aikaleima", "1", "2", "Kommentti", "Kehitettävää"],
                                                                     rows))
    assert inspect_file(kept)["respondents"] == 9


def test_a_spec_maps_a_pasted_copys_own_labels_onto_the_masters(tmp_path):
    """What the pasted copy's warning asks a user to do: a questionnaire spec's ``aliases`` for the question
    ("Industri: Teollisuus") reads the copy's label as the master's, so the sector is one answer, not two."""
    header = ["Toimiala", "Arvioikaa osaamista:Myynti", "Arvioikaa osaamista:Vienti"]
    fi = ["heikko", "välttävä", "tyydyttävä", "hyvä", "erinomainen"]
    sv = ["svag", "försvarlig", "nöjaktig", "god", "utmärkt"]
    rows = [[["Teollisuus", "Kauppa"][i % 2], fi[i % 5], fi[(i + 2) % 5]] for i in range(8)]
    rows += [[["Industri", "Handel"][i % 2], sv[i % 5], sv[(i + 1) % 5]] for i in range(4)]
    path = webropol_csv(tmp_path / "raakadata.csv", header, rows)
    spec = {"questions": [{"columns": ["Toimiala"], "aliases": {"Industri": "Teollisuus", "handel": "Kauppa"}}]}
    survey = read_survey(path, key=KEY, spec=spec)
    sector = survey.questions[survey.questions["text"] == "Toimiala"].iloc[0]["question_id"]
    values = survey.answers[survey.answers["question_id"] == sector]["value"].value_counts().to_dict()
    assert values == {"Teollisuus": 6, "Kauppa": 6}, values
    warned = build.analyse(path, load_spec(spec), ingest_params()).warnings
    assert not [w for w in warned if "Toimiala" in w], warned
