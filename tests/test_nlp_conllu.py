"""CoNLL-U / .cupt reading and writing, and `manage.py annotate` on them."""

import io
import json

import pytest
from django.core.management import call_command

from nlp.conllu import annotation_to_conllu, fill_conllu, mwe_column, read_conllu

CONLLU = (
    "# sent_id = t1\n"
    "# text = Er stellte sich im Haus vor.\n"
    "1\tEr\t_\t_\t_\t_\t2\tnsubj\t_\t_\n"
    "2\tstellte\t_\t_\t_\t_\t0\troot\t_\t_\n"
    "3\tsich\t_\t_\t_\t_\t2\tobj\t_\t_\n"
    "4-5\tim\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "4\tin\t_\t_\t_\t_\t6\tcase\t_\t_\n"
    "5\tdem\t_\t_\t_\t_\t6\tdet\t_\t_\n"
    "6\tHaus\t_\t_\t_\t_\t2\tobl\t_\t_\n"
    "7\tvor\t_\t_\t_\t_\t2\tcompound:prt\t_\tSpaceAfter=No\n"
    "8\t.\t_\t_\t_\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# sent_id = t2\n"
    "1\tHaubitzen\t_\t_\t_\t_\t0\troot\t_\t_\n"
    "\n"
)


def test_reader_keeps_word_lines_only_as_tokens():
    _, sentences = read_conllu(CONLLU)
    assert sentences[0].words == ["Er", "stellte", "sich", "in", "dem", "Haus", "vor", "."]
    assert sentences[1].words == ["Haubitzen"]


def test_fill_changes_only_lemma_upos_xpos_feats():
    _, sentences = read_conllu(CONLLU)
    annotation = {
        "sentences": [
            {
                "tokens": [
                    {"lemma": w.lower(), "upos": "X", "xpos": "XY", "feats": ""} for w in s.words
                ],
                "expressions": [],
            }
            for s in sentences
        ]
    }
    out = fill_conllu(sentences, annotation).splitlines()
    assert out[0] == "# sent_id = t1"
    assert out[5] == "4-5\tim\t_\t_\t_\t_\t_\t_\t_\t_"
    assert out[2] == "1\tEr\ter\tX\tXY\t_\t2\tnsubj\t_\t_"
    assert out[9] == "7\tvor\tvor\tX\tXY\t_\t2\tcompound:prt\t_\tSpaceAfter=No"


def test_mwe_column_marks_first_token_with_category():
    sent = {
        "tokens": [{}] * 4,
        "expressions": [
            {"type": "separable_verb", "tokens": [3, 1]},
            {"type": "idiom", "tokens": [1, 2]},
        ],
    }
    assert mwe_column(sent) == ["*", "1:VPC.full;2:VID", "2", "1"]


def test_text_annotation_to_conllu_numbers_words_and_marks_space_after():
    annotation = {
        "sentences": [
            {
                "tokens": [
                    {
                        "text": "Ja",
                        "ws": "",
                        "lemma": "ja",
                        "upos": "PART",
                        "xpos": "PTKANT",
                        "feats": "",
                    },
                    {
                        "text": ".",
                        "ws": "\n",
                        "lemma": ".",
                        "upos": "PUNCT",
                        "xpos": "$.",
                        "feats": "",
                    },
                ],
                "expressions": [],
            }
        ]
    }
    lines = annotation_to_conllu(annotation).splitlines()
    assert lines[:2] == ["# sent_id = 1", "# text = Ja."]
    assert lines[2] == "1\tJa\tja\tPART\tPTKANT\t_\t_\t_\t_\tSpaceAfter=No"


@pytest.mark.django_db
def test_annotate_command_from_conllu_keeps_tokens_and_fills_columns(tmp_path):
    path = tmp_path / "in.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "annotate",
        str(path),
        "--from",
        "conllu",
        "--to",
        "conllu",
        stdout=out,
        stderr=io.StringIO(),
    )
    lines = out.getvalue().splitlines()
    assert lines[5] == "4-5\tim\t_\t_\t_\t_\t_\t_\t_\t_"
    stellte = lines[3].split("\t")
    assert stellte[:5] == ["2", "stellte", "stellen", "VERB", "VVFIN"]
    assert "VerbForm=Fin" in stellte[5].split("|")
    assert stellte[6:] == ["0", "root", "_", "_"]
    assert lines[6].split("\t")[2:5] == ["in", "ADP", "APPR"]
    haus = lines[8].split("\t")
    assert haus[2:5] == ["Haus", "NOUN", "NN"]
    word_lines = [line for line in lines if line[:1].isdigit() and "-" not in line.split("\t")[0]]
    assert len(word_lines) == 9


@pytest.mark.django_db
def test_annotate_command_text_to_json(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("Er kam.\nSie ging.", encoding="utf-8")
    out = io.StringIO()
    call_command("annotate", str(path), stdout=out, stderr=io.StringIO())
    result = json.loads(out.getvalue())
    assert [s["paragraph"] for s in result["sentences"]] == [0, 1]
    assert "".join(t["text"] + t["ws"] for s in result["sentences"] for t in s["tokens"]) == (
        "Er kam.\nSie ging."
    )


@pytest.mark.django_db
def test_annotate_command_missing_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cannot read"):
        call_command("annotate", str(tmp_path / "nope.txt"), stdout=io.StringIO())


CUPT = (
    "# global.columns = ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC PARSEME:MWE\n"
    "# source_sent_id = x\n"
    "1\tEr\t_\t_\t_\t_\t2\tnsubj\t_\t_\t*\n"
    "2\tstellte\t_\t_\t_\t_\t0\troot\t_\t_\t*\n"
    "3\tsie\t_\t_\t_\t_\t2\tobj\t_\t_\t*\n"
    "4\tvor\t_\t_\t_\t_\t2\tcompound:prt\t_\tSpaceAfter=No\t*\n"
    "5\t.\t_\t_\t_\t_\t2\tpunct\t_\t_\t*\n"
    "\n"
)


def test_annotate_command_cupt_fills_parseme_column_with_vpc(tmp_path, sample_lexicon):
    # The sample dictionary knows "vorstellen": a particle verb of its own, so a PARSEME VPC.
    path = tmp_path / "in.cupt"
    path.write_text(CUPT, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "annotate", str(path), "--from", "cupt", "--to", "cupt", stdout=out, stderr=io.StringIO()
    )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("# global.columns")
    assert lines[1] == "# source_sent_id = x"
    mwe = [line.split("\t")[10] for line in lines[2:7]]
    assert mwe == ["*", "1:VPC.full", "*", "1", "*"]
    assert lines[3].split("\t")[2] == "stellen"  # each word keeps its own lemma in the columns


@pytest.mark.django_db
def test_annotate_command_cupt_to_conllu_has_ten_columns(tmp_path):
    path = tmp_path / "in.cupt"
    path.write_text(CUPT, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "annotate", str(path), "--from", "cupt", "--to", "conllu", stdout=out, stderr=io.StringIO()
    )
    word_lines = [line for line in out.getvalue().splitlines() if line[:1].isdigit()]
    assert all(len(line.split("\t")) == 10 for line in word_lines)


def test_cupt_column_leaves_out_expressions_without_a_verb():
    from nlp.conllu import mwe_column

    sentence = {
        "tokens": [{"text": w} for w in ["Auf", "dem", "Papier", "gilt", "es"]],
        "expressions": [
            {"type": "idiom", "tokens": [0, 1, 2], "verbal": False, "lemma": "auf dem Papier"}
        ],
    }
    assert mwe_column(sentence) == ["*"] * 5
