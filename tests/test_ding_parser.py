"""The Ding parser on hand-written lines in Ding's format (no database needed)."""

from pathlib import Path

from lexicon.importers.ding import normalise_headword, parse_file, parse_line
from lexicon.importers.ding_entries import build_lexicon
from lexicon.importers.ding_labels import annotate, split_top

SAMPLE = Path(__file__).parent / "fixtures" / "ding_sample.txt"


def words_by_headword(line: str) -> dict[str, list]:
    parsed = parse_line(line, 1)
    assert parsed is not None
    found: dict[str, list] = {}
    for word in parsed.words:
        found.setdefault(word.headword, []).append(word)
    return found


def phrases_of(line: str) -> dict[str, object]:
    parsed = parse_line(line, 1)
    assert parsed is not None
    return {p.phrase: p for p in parsed.phrases}


def test_noun_gets_gender_plural_and_gloss_without_notes():
    words = words_by_headword(
        "Haubitze {f} [mil.] | Haubitzen {pl} | Feldhaubitze {f} :: howitzer | howitzers | "
        "field howitzer"
    )
    haubitze = words["Haubitze"][0]
    assert (haubitze.pos, haubitze.gender, haubitze.plural) == ("NOUN", "f", "Haubitzen")
    assert [g.gloss for g in haubitze.glosses] == ["howitzer"]
    assert "Haubitzen" not in words  # the plural is not a headword of its own


def test_compound_sub_entry_becomes_its_own_headword():
    words = words_by_headword(
        "Haubitze {f} [mil.] | Haubitzen {pl} | Feldhaubitze {f} :: howitzer | howitzers | "
        "field howitzer"
    )
    assert [g.gloss for g in words["Feldhaubitze"][0].glosses] == ["field howitzer"]
    assert words["Feldhaubitze"][0].gender == "f"


def test_plurals_align_with_synonyms_by_position():
    words = words_by_headword(
        "Raketenwerfer {m}; Raketenstartgerät {n} [mil.] | Raketenwerfer {pl}; "
        "Raketenstartgeräte {pl} :: rocket launcher | rocket launchers"
    )
    assert words["Raketenwerfer"][0].plural == "Raketenwerfer"
    assert words["Raketenstartgerät"][0].plural == "Raketenstartgeräte"
    assert words["Raketenstartgerät"][0].gender == "n"


def test_comment_is_kept_as_detail_not_in_gloss():
    words = words_by_headword(
        "Rakete {f} (Flugkörper mit Rückstoßantrieb) | Raketen {pl} :: rocket (missile with "
        "thrust propulsion) | rockets"
    )
    gloss = words["Rakete"][0].glosses[0]
    assert gloss.gloss == "rocket"
    assert "(missile with thrust propulsion)" in gloss.detail


def test_article_is_stripped_from_headword():
    words = words_by_headword(
        "die Polizei {f} | berittene Polizei :: the police [Br.] | mounted police"
    )
    assert "Polizei" in words
    assert words["Polizei"][0].glosses[0].gloss == "the police"
    assert words["Polizei"][0].glosses[0].detail == "[Br.]"


def test_frame_with_preposition_and_slot_is_stripped():
    words = words_by_headword(
        "auf etw. verzichten {vi}; etw. aufgeben {vt} | verzichtend; aufgebend | verzichtet; "
        "aufgegeben :: to do without sth.; to give up sth. | doing without | done without"
    )
    verzichten = words["verzichten"][0]
    assert verzichten.pos == "VERB"
    assert verzichten.frame == "auf etw. verzichten"
    assert "aufgeben" in words


def test_verb_inflected_forms_are_not_headwords_or_phrases():
    parsed = parse_line(
        "vorstellen; präsentieren {vt} | vorstellend; präsentierend | vorgestellt; präsentiert | "
        "stellt vor; präsentiert | stellte vor; präsentierte :: to present | presenting | "
        "presented | presents | presented",
        1,
    )
    assert {w.headword for w in parsed.words} == {"vorstellen", "präsentieren"}
    assert parsed.phrases == []
    assert all(w.pos == "VERB" for w in parsed.words)  # the tag on the last synonym counts


def test_sich_makes_a_reflexive_verb():
    words = words_by_headword(
        "sich konzentrieren {vi} [psych.] | sich konzentrierend | sich konzentriert :: "
        "to concentrate | concentrating | concentrated"
    )
    assert words["konzentrieren"][0].reflexive is True
    words = words_by_headword(
        "sich etw. vorstellen {vr} | sich vorstellend :: to imagine sth. | imagining"
    )
    assert words["vorstellen"][0].reflexive is True


def test_slash_alternatives_make_two_headwords():
    words = words_by_headword(
        "etw. (ungern) aufgeben/abgeben {vt} | aufgebend; abgebend | aufgegeben; abgegeben :: "
        "to relinquish sth. | relinquishing | relinquished"
    )
    assert set(words) == {"aufgeben", "abgeben"}


def test_adjective_comparison_forms_are_skipped():
    parsed = parse_line("gut {adj} | besser | am besten :: good | better | best", 1)
    assert [w.headword for w in parsed.words] == ["gut"]
    assert parsed.phrases == []


def test_adjective_built_on_the_headword_below_it_is_a_headword_of_its_own():
    words = words_by_headword(
        "koreanisch {adj} [geogr.] | gesamtkoreanisch | nordkoreanisch | südkoreanisch :: "
        "Korean | unified Korean | North Korean | South Korean"
    )
    assert set(words) == {"koreanisch", "gesamtkoreanisch", "nordkoreanisch", "südkoreanisch"}
    nord = words["nordkoreanisch"][0]
    assert (nord.pos, nord.sub_index, [g.gloss for g in nord.glosses]) == (
        "ADJ",
        2,
        ["North Korean"],
    )


def test_untagged_noun_below_a_noun_line_stays_a_headword():
    words = words_by_headword("Koreaner {m} | Nordkoreaner :: Korean | North Korean")
    assert [g.gloss for g in words["Nordkoreaner"][0].glosses] == ["North Korean"]


def test_verb_forms_ending_in_the_verb_stay_inflections():
    parsed = parse_line(
        "kommen {vi} | kommend | gekommen | zurückkommen :: to come | coming | come | to come back",
        1,
    )
    assert [w.headword for w in parsed.words] == ["kommen"]


def test_figurative_sub_entry_is_an_idiom():
    phrases = phrases_of(
        "Säbel {m} [mil.] | Säbel {pl} | mit dem Säbel rasseln [übtr.] :: sabre | sabres | "
        "to rattle the sabre [fig.]"
    )
    idiom = phrases["mit dem Säbel rasseln"]
    assert idiom.meaning == "to rattle the sabre"
    assert (idiom.kind, idiom.figurative, idiom.selected) == ("idiom", True, True)


def test_slash_separated_phrases_share_a_meaning_and_slot_phrase_is_selected():
    phrases = phrases_of(
        "Argusaugen {pl} | jdn. mit Argusaugen beobachten / etw. mit Argusaugen bewachen :: "
        "eagle eyes | to watch sb./sth. like a hawk"
    )
    assert set(phrases) == {"jdn. mit Argusaugen beobachten", "etw. mit Argusaugen bewachen"}
    assert all(p.selected for p in phrases.values())
    assert phrases["jdn. mit Argusaugen beobachten"].meaning == "to watch sb./sth. like a hawk"


def test_sentence_on_a_line_of_its_own_is_a_proverb():
    phrases = phrases_of(
        "Eine Hand wäscht die andere. :: One hand washes the other.; "
        "One good turn deserves another."
    )
    proverb = phrases["Eine Hand wäscht die andere."]
    assert proverb.kind == "proverb" and proverb.selected
    assert proverb.meaning.startswith("One hand washes the other.")


def test_labelled_proverb_is_a_proverb():
    phrases = phrases_of(
        "Morgenstund hat Gold im Mund. [Sprw.] :: The early bird catches the worm."
    )
    assert phrases["Morgenstund hat Gold im Mund."].kind == "proverb"


def test_light_verb_construction_is_recognised():
    phrases = phrases_of("eine Entscheidung treffen {vt} :: to make a decision")
    assert phrases["eine Entscheidung treffen"].kind == "light_verb"


def test_literal_example_is_kept_but_not_selected():
    phrases = phrases_of("einen Apfel schälen :: to peel an apple")
    assert phrases["einen Apfel schälen"].kind == "phrase"
    phrases = phrases_of("Polizei {f} | die Polizei rufen :: police | to call the police")
    assert phrases["die Polizei rufen"].selected is False


def test_example_sentences_below_the_headword_are_dropped():
    phrases = phrases_of(
        "die Polizei {f} | Die Polizei rät zur Vorsicht. :: the police | The police advise caution."
    )
    assert phrases == {}


def test_word_formation_elements_and_malformed_lines_are_ignored():
    assert parse_line("Mund… :: oral", 1).words == []
    assert parse_line("this line has no separator", 1) is None
    assert parse_line("# Version :: devel", 1) is None


def test_split_top_ignores_separators_inside_brackets():
    assert split_top("to forswear {forswore; forsworn}; to abjure", "; ") == [
        "to forswear {forswore; forsworn}",
        "to abjure",
    ]
    assert split_top("in {prp; +Dat.}", "; ") == ["in {prp; +Dat.}"]


def test_annotate_takes_out_tags_labels_comments_and_abbreviations():
    ann = annotate("Schutzpolizei {f} /Schupo/ [Dt.] (uniformiert)")
    assert ann.text == "Schutzpolizei"
    assert ann.tags == ["f"] and ann.labels == ["Dt."]
    assert "/Schupo/" in ann.notes and "(uniformiert)" in ann.notes


def test_abbreviation_with_a_semicolon_does_not_split_the_gloss():
    words = words_by_headword(
        "Regierung {f} [pol.] | Regierungen {pl} :: government /Gov.; Govt./; administration "
        "[Am.] | governments; administrations"
    )
    assert [g.gloss for g in words["Regierung"][0].glosses] == ["government", "administration"]


def test_preposition_before_a_slot_is_the_frame_unless_it_is_the_headword():
    verzichten = normalise_headword("auf etw. verzichten", "VERB")
    assert (verzichten.headword, verzichten.framed) == ("verzichten", True)
    trotz = normalise_headword("trotz etw. weitermachen", "VERB")
    assert trotz.headword == "weitermachen"
    assert normalise_headword("außer jdm./etw.", "ADP").headword == "außer"


def test_normalise_headword_keeps_multiword_phrases():
    assert normalise_headword("jdn./etw. vorstellen", "VERB").headword == "vorstellen"
    assert normalise_headword("einer Sache entsagen", "VERB").headword == "entsagen"
    norm = normalise_headword("mit dem Säbel rasseln", "VERB")
    assert norm.words == ["mit", "dem", "Säbel", "rasseln"]


def test_build_lexicon_merges_lines_and_puts_everyday_sense_first():
    entries, _ = build_lexicon(parse_file(SAMPLE))
    by_ident = {(e.key, e.pos, e.reflexive): e for e in entries}
    vorstellen = by_ident[("vorstellen", "VERB", False)]
    glosses = [s.gloss for s in vorstellen.senses]
    # "to launch" comes from an [econ.] line where vorstellen is a later synonym: last.
    assert glosses[0] == "to present"
    assert glosses[-1] == "to launch sth."
    werfer = by_ident[("werfer", "NOUN", False)]
    assert [s.gloss for s in werfer.senses] == ["thrower", "pitcher", "launcher"]
    # "sich konzentrieren" itself before the framed "sich auf etw. konzentrieren".
    konzentrieren = by_ident[("konzentrieren", "VERB", True)]
    assert [s.gloss for s in konzentrieren.senses][:2] == [
        "to concentrate",
        "to focus your attention",
    ]
    assert "to concentrate on sth." in [s.gloss for s in konzentrieren.senses]
    assert by_ident[("konzentrieren", "VERB", False)].senses[0].gloss == "to upgrade"


def test_main_line_of_a_word_beats_a_short_unlabelled_one():
    # A word's main line is long (forms, examples, compounds) even when it has a subject label.
    entries, _ = build_lexicon(
        [
            parse_line(
                "Angriff {m} [mil.] | Angriffe {pl} | Luftangriff {m} | Gegenangriff {m} | "
                "bewaffneter Angriff :: attack | attacks | air raid | counter-attack | "
                "armed attack",
                1,
            ),
            parse_line("Angriff {m} | Angriffe {pl} :: whammy | whammies", 2),
        ]
    )
    angriff = next(e for e in entries if e.key == "angriff")
    assert [s.gloss for s in angriff.senses] == ["attack", "whammy"]


def test_rare_label_belongs_to_its_own_synonym_only():
    words = words_by_headword(
        "Herrscher {m}; Machthaber {m}; Potentat {m} [pej.] [veraltend] [pol.] :: ruler"
    )
    assert words["Machthaber"][0].penalty == 1  # [pol.] covers the line
    assert words["Potentat"][0].penalty == 2
    words = words_by_headword("Herrscher {m}; Potentat {m} [veraltend] :: ruler")
    assert words["Herrscher"][0].penalty == 0


def test_plural_only_entry_comes_after_the_singular_it_is_the_plural_of():
    entries, _ = build_lexicon(
        [
            parse_line(
                "Herrscher {m}; Machthaber {m} [pol.] | Herrscher {pl}; Machthaber {pl} :: "
                "ruler | rulers",
                1,
            ),
            parse_line("Machthaber {pl} [phil.] :: the powers-that-be", 2),
            parse_line("Leute {pl} :: people", 3),
        ]
    )
    machthaber = sorted((e for e in entries if e.key == "machthaber"), key=lambda e: e.rank)
    assert [(e.gender, e.senses[0].gloss) for e in machthaber] == [
        ("m", "ruler"),
        ("", "the powers-that-be"),
    ]
    leute = next(e for e in entries if e.key == "leute")
    assert leute.rank < machthaber[1].rank  # no singular of its own: its rank stands


def test_adjective_with_sein_or_werden_is_also_an_entry_under_the_whole_phrase():
    parsed = parse_line(
        "verfeindet sein; Feinde sein {v} | verfeindete Staaten :: to be enemies | enemy states",
        1,
    )
    assert [(w.headword, w.pos, [g.gloss for g in w.glosses]) for w in parsed.words] == [
        ("verfeindet sein", "VERB", ["to be enemies"])
    ]
    assert "verfeindet sein" in {p.phrase for p in parsed.phrases}  # still an idiom candidate
    # An inflected form or a longer example is not.
    assert parse_line("total fertig sein {v} :: to be knackered", 2).words == []


def test_framed_line_comes_after_the_plain_verb():
    entries, _ = build_lexicon(
        [
            parse_line("nach jdm. kommen {vi} :: to take after sb.", 1),
            parse_line("kommen {vi} | kommend | gekommen :: to come | coming | come", 2),
        ]
    )
    kommen = next(e for e in entries if e.key == "kommen")
    assert [s.gloss for s in kommen.senses] == ["to come", "to take after sb."]


def test_build_lexicon_keeps_homographs_of_different_gender_apart():
    entries, _ = build_lexicon(parse_file(SAMPLE))
    see = {e.gender: e for e in entries if e.key == "see"}
    assert see["m"].senses[0].gloss == "lake" and see["m"].plural == "Seen"
    assert see["f"].senses[0].gloss == "sea"


def test_build_lexicon_ranks_flagged_idioms_before_plain_phrases():
    _, idioms = build_lexicon(parse_file(SAMPLE))
    by_phrase = {i.phrase: i for i in idioms}
    assert (
        by_phrase["mit dem Säbel rasseln"].rank < by_phrase["jdn. mit Argusaugen beobachten"].rank
    )
    assert by_phrase["jdn. mit Argusaugen beobachten"].rank < by_phrase["einen Apfel schälen"].rank
