"""Text tools: tokens, sentences, quotations, units and the cue lexicon."""

from __future__ import annotations

import pytest

from claimgraph.errors import InputError
from claimgraph.extract.text import (
    PATTERNS,
    _cue,
    find_cues,
    inside_quotes,
    load_lexicon,
    normalise,
    quotations,
    sentences,
    tokenize,
    units,
)
from claimgraph.model import Span


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_tokens_keep_abbreviations_titles_hyphens_and_numbers_whole():
    text = (
        "Lt. Col. Ahmed al-Saleh of the U.S. Air Force’s Baghdad-based unit counted 3,400 and 5.2."
    )
    assert words(text) == [
        "Lt.", "Col.", "Ahmed", "al-Saleh", "of", "the", "U.S.", "Air", "Force", "’s",
        "Baghdad-based", "unit", "counted", "3,400", "and", "5.2", ".",
    ]  # fmt: skip


def test_numbers_stay_whole_and_compounds_with_numbers_are_words():
    text = "a 45-year-old man, 3,400 people, 5.2 million, the 1990s"
    assert words(text) == [
        "a", "45-year-old", "man", ",", "3,400", "people", ",", "5.2", "million", ",",
        "the", "1990s",
    ]  # fmt: skip
    kinds = {t.text: t.kind for t in tokenize(text)}
    assert kinds["3,400"] == "number" and kinds["45-year-old"] == "word"


def test_token_offsets_point_into_the_text():
    text = "The ministry’s spokesman said: “No.”"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
    kinds = {t.text: t.kind for t in tokenize(text)}
    assert kinds["’s"] == "poss" and kinds["“"] == "punct" and kinds["ministry"] == "word"


def test_tokenize_within_a_span_only():
    text = "one two three four"
    assert [t.text for t in tokenize(text, Span(4, 13))] == ["two", "three"]


def test_sentences_do_not_break_after_abbreviations_or_titles():
    text = "Col. Ahmed Saleh of the U.S. Army spoke. Gen. Smith left.\nA new paragraph"
    spans = [s.of(text) for s in sentences(text)]
    assert spans == [
        "Col. Ahmed Saleh of the U.S. Army spoke.",
        "Gen. Smith left.",
        "A new paragraph",
    ]


def test_closing_quotes_stay_with_their_sentence():
    text = "“It was false.” The ministry said so."
    assert [s.of(text) for s in sentences(text)] == ["“It was false.”", "The ministry said so."]


def test_an_ellipsis_inside_a_sentence_does_not_end_it():
    text = "They entered from … Turkey and left. Then silence."
    assert [s.of(text) for s in sentences(text)][0] == "They entered from … Turkey and left."


def test_quotations_pair_curly_and_straight_marks_per_paragraph():
    text = 'He said “one” and "two".\n“Unclosed quote runs on'
    found = [q.of(text) for q in quotations(text)]
    assert found == ["“one”", '"two"', "“Unclosed quote runs on"]


def test_inside_quotes_drops_marks_and_a_final_comma():
    text = "“Strikes hit the city,” he said."
    quote = quotations(text)[0]
    assert inside_quotes(text, quote).of(text) == "Strikes hit the city"


def test_units_join_sentences_a_quotation_runs_across():
    text = "“First sentence. Second sentence,” said an official. Next sentence."
    assert [u.of(text) for u in units(text)] == [
        "“First sentence. Second sentence,” said an official.",
        "Next sentence.",
    ]


def test_normalise_ignores_case_curly_apostrophes_and_spacing():
    assert normalise("Russia’s   ALLEGATIONS") == "russia's allegations"


def cue_words(text: str) -> list[str]:
    return [m.words(text) for m in find_cues(text, tokenize(text), quotations(text))]


def test_cues_are_found_with_their_multiword_forms_and_tails():
    text = "The group went on to lay much of the blame on the army, according to residents."
    assert cue_words(text) == ["lay much of the blame", "according to"]


def test_cues_inside_quotations_are_the_speaker_s_words_not_cues():
    text = "“They claimed it, we denied it,” an official said."
    assert cue_words(text) == ["said"]


def test_not_before_keeps_other_senses_out():
    text = (
        "The blast claimed the lives of four. Rebels charged into the town. "
        "Officials denied access."
    )
    assert cue_words(text) == []


def test_passive_quoted_as_saying_with_an_outlet_is_one_cue():
    text = "Peskov was quoted by Interfax as saying the report was false."
    assert cue_words(text) == ["was quoted by Interfax as saying"]


def test_the_lexicon_is_data_with_polarity_and_commitment():
    lexicon = load_lexicon()
    by_lemma = {c.lemma: c for c in lexicon.cues}
    assert by_lemma["deny"].negative and not by_lemma["say"].negative
    assert by_lemma["claim"].commitment == "alleged"
    assert by_lemma["according to"].commitment == "reported"
    assert by_lemma["estimate"].kind == "estimate"
    assert by_lemma["believe"].commitment == "suspected"
    assert all(c.patterns <= PATTERNS for c in lexicon.cues)
    assert any(m.search("the claims are false") for m in lexicon.denial_markers)
    assert not any(m.search("the town lies 10 km from the border") for m in lexicon.denial_markers)
    assert any(h.search("jets may have dropped bombs") for h in lexicon.hedges)


@pytest.mark.parametrize(
    "raw",
    [
        {
            "lemma": "x",
            "forms": ["x"],
            "polarity": "positive",
            "commitment": "asserted",
            "patterns": ["nope"],
        },
        {
            "lemma": "x",
            "forms": ["x"],
            "polarity": "sideways",
            "commitment": "asserted",
            "patterns": ["clause"],
        },
        {
            "lemma": "x",
            "forms": ["x"],
            "polarity": "positive",
            "commitment": "sure",
            "patterns": ["clause"],
        },
        {"lemma": "x", "polarity": "positive", "commitment": "asserted", "patterns": ["clause"]},
    ],
)
def test_a_malformed_cue_is_an_input_error(raw):
    with pytest.raises(InputError):
        _cue(raw, 1, "cues.yaml")
