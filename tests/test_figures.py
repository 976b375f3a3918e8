"""Casualty figures: counts, hedges, bounds, types, victims, part-of and what stays out."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from claimgraph.extract.figures import FigureMention, count_at, find_figures, tokenize
from claimgraph.model import Span
from claimgraph.resources import data_file


def figures(text: str) -> list[FigureMention]:
    return find_figures(text, Span(0, len(text)))


def summary(figure: FigureMention) -> dict[str, Any]:
    return {
        "count": figure.count_text,
        "min": figure.min_count,
        "max": figure.max_count,
        "qualifier": figure.qualifier,
        "type": figure.casualty_type,
        "victims": figure.victims,
        "part_of": figure.part_of,
        "location": figure.location,
    }


def fig(count, low, high, qualifier, ctype, victims=None, part_of=None, location=None):
    return {
        "count": count,
        "min": low,
        "max": high,
        "qualifier": qualifier,
        "type": ctype,
        "victims": victims,
        "part_of": part_of,
        "location": location,
    }


CASES = [
    # passive and intransitive predicates after the figure
    (
        "Medics in Mariupol said 23 civilians were killed when the theatre was hit.",
        [fig("23", 23, 23, "exact", "killed", "civilians")],
    ),
    (
        "At least 40 people died in the blast, the health ministry in Kabul said.",
        [fig("At least 40", 40, None, "at-least", "killed", "people")],
    ),
    (
        "More than 200 Palestinians have been wounded in Khan Younis since Sunday.",
        [
            fig(
                "More than 200",
                201,
                None,
                "more-than",
                "wounded",
                "Palestinians",
                None,
                "Khan Younis",
            )
        ],
    ),
    (
        "Nearly 100 Rohingya villagers were feared dead after soldiers stormed the hamlet.",
        [fig("Nearly 100", None, 99, "nearly", "killed", "villagers")],
    ),
    (
        "As many as 50 Houthi fighters may have died, the coalition claimed.",
        [fig("As many as 50", None, 50, "up-to", "killed", "fighters")],
    ),
    (
        "Scores of students were reported missing after the raid on the dormitory.",
        [fig("Scores", 40, None, "vague", "missing", "students")],
    ),
    (
        "Some 1.5 million people have been displaced by the fighting in Sudan.",
        [
            fig(
                "Some 1.5 million",
                1_500_000,
                1_500_000,
                "about",
                "displaced",
                "people",
                None,
                "Sudan",
            )
        ],
    ),
    (
        "Roughly 30 soldiers were hurt when the barracks came under fire.",
        [fig("Roughly 30", 30, 30, "about", "wounded", "soldiers")],
    ),
    (
        "Twenty-five aid workers lost their lives in Darfur last year.",
        [fig("Twenty-five", 25, 25, "exact", "killed", "aid workers", None, "Darfur")],
    ),
    (
        "Fewer than 10 peacekeepers were injured, a UN spokesperson said.",
        [fig("Fewer than 10", None, 9, "up-to", "wounded", "peacekeepers")],
    ),
    (
        "Between 20 and 30 militants were killed in the clashes near Tripoli.",
        [fig("Between 20 and 30", 20, 30, "about", "killed", "militants", None, "Tripoli")],
    ),
    (
        "Hundreds of thousands of people have fled their homes in Tigray.",
        [
            fig(
                "Hundreds of thousands",
                200_000,
                None,
                "vague",
                "displaced",
                "people",
                None,
                "Tigray",
            )
        ],
    ),
    (
        "Thousands of families were uprooted by the floods of shelling.",
        [fig("Thousands", 2000, None, "vague", "displaced", "families")],
    ),
    (
        "Sixteen civilians were killed by Russian bombing, officials alleged.",
        [fig("Sixteen", 16, 16, "exact", "killed", "civilians")],
    ),
    (
        "A dozen protesters were shot dead outside the governor's office.",
        [fig("A dozen", 12, 12, "about", "killed", "protesters")],
    ),
    (
        "Two dozen worshippers were wounded at the mosque in Quetta.",
        [fig("Two dozen", 24, 24, "about", "wounded", "worshippers", None, "Quetta")],
    ),
    (
        "Half a dozen fishermen remain unaccounted for off the coast.",
        [fig("Half a dozen", 6, 6, "about", "missing", "fishermen")],
    ),
    (
        "Five people died and 30 others were hurt in Odesa.",
        [
            fig("Five", 5, 5, "exact", "killed", "people", None, "Odesa"),
            fig("30", 30, 30, "exact", "wounded", None, None, "Odesa"),
        ],
    ),
    # verbs before the figure
    (
        "The drone strike killed at least 12 members of one family, relatives said.",
        [fig("at least 12", 12, None, "at-least", "killed", "members")],
    ),
    (
        "The blast in Mogadishu killed seven soldiers and injured dozens more.",
        [
            fig("seven", 7, 7, "exact", "killed", "soldiers", None, "Mogadishu"),
            fig("dozens", 24, None, "vague", "wounded", None, None, "Mogadishu"),
        ],
    ),
    (
        "Mortar rounds landed on the market, killing 14 and wounding 60.",
        [fig("14", 14, 14, "exact", "killed"), fig("60", 60, 60, "exact", "wounded")],
    ),
    (
        "The offensive has displaced more than 80,000 residents of Sagaing region.",
        [
            fig(
                "more than 80,000",
                80_001,
                None,
                "more-than",
                "displaced",
                "residents",
                None,
                "Sagaing region",
            )
        ],
    ),
    (
        "The explosion claimed the lives of 31 pilgrims on the road to Karbala.",
        [fig("31", 31, 31, "exact", "killed", "pilgrims")],
    ),
    (
        "The shelling left 11 people dead and the clinic in ruins.",
        [fig("11", 11, 11, "exact", "killed", "people")],
    ),
    # tolls
    (
        "The death toll from the quake-struck camp rose to 58 on Tuesday.",
        [fig("58", 58, 58, "exact", "killed")],
    ),
    (
        "Health authorities in Gaza said the toll had climbed to more than 1,200.",
        [fig("more than 1,200", 1201, None, "more-than", "killed")],
    ),
    (
        "The number of people injured has reached 340, according to the Red Crescent.",
        [fig("340", 340, 340, "exact", "wounded")],
    ),
    (
        "The regional governor put the casualty toll at 75.",
        [fig("75", 75, 75, "exact", "casualties")],
    ),
    (
        "The toll rose from 12 to 40 overnight.",
        [fig("40", 40, 40, "exact", "killed")],
    ),
    (
        "The attacks caused 40 casualties, the ministry said.",
        [fig("40", 40, 40, "exact", "casualties")],
    ),
    # part-of
    (
        "Over 500 people, including dozens of civilians, have been killed in Aleppo this month.",
        [
            fig("Over 500", 501, None, "more-than", "killed", "people", None, "Aleppo"),
            fig("dozens", 24, None, "vague", "killed", "civilians", 0, "Aleppo"),
        ],
    ),
    (
        "The strike on Kramatorsk station killed 61 people, among them seven children.",
        [
            fig("61", 61, 61, "exact", "killed", "people", None, "Kramatorsk"),
            fig("seven", 7, 7, "exact", "killed", "children", 0, "Kramatorsk"),
        ],
    ),
    (
        "Thirty people, 12 of whom were children, lost their lives in the shelling of Kharkiv.",
        [
            fig("Thirty", 30, 30, "exact", "killed", "people", None, "Kharkiv"),
            fig("12", 12, 12, "exact", "killed", "children", 0, "Kharkiv"),
        ],
    ),
    (
        "Militia leaders said 45 fighters were wounded, of whom 9 were women.",
        [
            fig("45", 45, 45, "exact", "wounded", "fighters"),
            fig("9", 9, 9, "exact", "wounded", "women", 0),
        ],
    ),
    (
        "Among the dead were five journalists, the press union said.",
        [fig("five", 5, 5, "exact", "killed", "journalists")],
    ),
    (
        "Three paramedics were among those killed in the double-tap strike.",
        [fig("Three", 3, 3, "exact", "killed", "paramedics")],
    ),
    (
        "An Israeli strike on a school in Nuseirat killed at least 33 people, among them 12 "
        "women and children, health officials said.",
        [
            fig("at least 33", 33, None, "at-least", "killed", "people", None, "Nuseirat"),
            fig("12", 12, 12, "exact", "killed", "women and children", 0, "Nuseirat"),
        ],
    ),
    (
        "Seven members of the same family, four of them children, died when the roof fell in.",
        [
            fig("Seven", 7, 7, "exact", "killed", "members"),
            fig("four", 4, 4, "exact", "killed", "children", 0),
        ],
    ),
    (
        "The toll from Sunday's blast in Peshawar climbed past 100.",
        [fig("100", 100, 100, "exact", "killed")],
    ),
    (
        "Officials said 40 people at the market in Kherson were wounded by the blast.",
        [fig("40", 40, 40, "exact", "wounded", "people", None, "Kherson")],
    ),
    (
        "More than 1,000 civilians have fled Tal Afar since the offensive began, aid agencies say.",
        [
            fig(
                "More than 1,000",
                1001,
                None,
                "more-than",
                "displaced",
                "civilians",
                None,
                "Tal Afar",
            )
        ],
    ),
    (
        "The junta's jets dropped two bombs on a school in Sagaing, killing at least 11 children.",
        [fig("at least 11", 11, None, "at-least", "killed", "children", None, "Sagaing")],
    ),
    (
        "Police in Kano said the attack killed nine traders.",
        [fig("nine", 9, 9, "exact", "killed", "traders")],
    ),
    (
        "A dozen civilians and two soldiers were killed in Idlib on Tuesday.",
        [
            fig("A dozen", 12, 12, "about", "killed", "civilians", None, "Idlib"),
            fig("two", 2, 2, "exact", "killed", "soldiers", None, "Idlib"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_figures_found_with_bounds_type_and_victims(text: str, expected: list[dict]) -> None:
    assert [summary(f) for f in figures(text)] == expected


NOT_CASUALTIES = [
    "Konashenkov said no Russian planes were within 12 miles of the city.",
    "About 4,000 people at the station waited for the last train west.",
    "The convoy left at 2 a.m. and reached the border at 5:30.",
    "Two A-10 attack aircraft entered the airspace from the north.",
    "A rebel fighter said the area was seeing over 250 airstrikes per day.",
    "The missiles have a range of 500 km, the ministry said.",
    "Inflation rose 20 percent and the reconstruction will cost $50 million.",
    "In 2014, the city was captured; by 2016 it had changed hands twice.",
    "The offensive began on March 3 with 40 tanks and 12 helicopters.",
    "More than 300 trucks of aid crossed at Rafah, carrying 1,200 tons of flour.",
    "The brigade of 2,000 soldiers withdrew to new positions near Bakhmut.",
    "No one was killed in the attack, the governor said.",
    "The air campaign has inflicted heavy civilian casualties, critics say.",
    "Some 30 journalists attended the briefing in Kyiv on Monday.",
    "The ceasefire was agreed by 12 of the 15 council members.",
    "Officials said 16 schools and three hospitals were damaged.",
]


@pytest.mark.parametrize("text", NOT_CASUALTIES, ids=[t[:40] for t in NOT_CASUALTIES])
def test_numbers_that_are_not_casualties_stay_out(text: str) -> None:
    assert figures(text) == []


def test_evidence_span_covers_the_count_and_its_predicate() -> None:
    text = "Officials say over 500 people, including dozens of civilians, have been killed."
    parent, child = figures(text)
    assert (
        parent.span.of(text) == "over 500 people, including dozens of civilians, have been killed"
    )
    assert child.span.of(text) == "dozens of civilians"


def test_only_the_span_within_is_read_and_offsets_are_code_points() -> None:
    first = "𝔄 prelude 🙂: 12 soldiers were killed near Bakhmut. "
    second = "In Kherson, 7 civilians were wounded."
    text = first + second
    found = find_figures(text, Span(len(first), len(text)))
    assert [f.count_text for f in found] == ["7"]
    assert found[0].span.of(text) == "7 civilians were wounded"
    assert found[0].location == "Kherson"
    assert text.index("7 civilians") == found[0].span.start


def test_figures_across_sentences_keep_their_own_parents() -> None:
    text = (
        "Forty people were killed in Sanaa. Separately, 12 children were hurt, "
        "including three girls, in Taiz."
    )
    found = figures(text)
    assert [(f.count_text, f.part_of, f.casualty_type) for f in found] == [
        ("Forty", None, "killed"),
        ("12", None, "wounded"),
        ("three", 1, "wounded"),
    ]


def test_places_fall_back_on_capitalised_words_without_a_gazetteer(monkeypatch) -> None:
    monkeypatch.setattr("claimgraph.extract.figures._gazetteer", lambda: None)
    text = "Eleven fishermen were killed near Xylotown. Five pilots died over Syrian airspace."
    found = figures(text)
    assert [(f.count_text, f.location) for f in found] == [("Eleven", "Xylotown"), ("Five", None)]


def test_number_words_are_data() -> None:
    raw = yaml.safe_load(data_file("numbers.yaml").read_text(encoding="utf-8"))
    relations = {"more-than", "at-least", "about", "nearly", "up-to", "fewer-than"}
    assert set(raw["hedges"]) == relations
    phrases = [phrase for group in raw["hedges"].values() for phrase in group]
    assert len(phrases) == len(set(phrases)), "a hedge belongs to one relation only"
    assert all(isinstance(v, int) and v > 0 for v in raw["vague"].values())
    assert raw["units"]["sixteen"] == 16 and raw["tens"]["ninety"] == 90


def test_same_text_gives_the_same_figures() -> None:
    text = "Nearly 70 people were killed and about 300 wounded, including 40 children."
    assert figures(text) == figures(text)
    assert [f.count_text for f in figures(text)] == ["Nearly 70", "about 300", "40"]


@pytest.mark.parametrize(
    ("words", "low", "high", "qualifier"),
    [
        ("over 500", 501, None, "more-than"),
        ("more than 500", 501, None, "more-than"),
        ("at least 16", 16, None, "at-least"),
        ("dozens", 24, None, "vague"),
        ("hundreds", 200, None, "vague"),
        ("scores", 40, None, "vague"),
        ("thousands", 2000, None, "vague"),
        ("tens of thousands", 20000, None, "vague"),
        ("a dozen", 12, 12, "about"),
        ("two dozen", 24, 24, "about"),
        ("more than a dozen", 13, None, "more-than"),
        ("16", 16, 16, "exact"),
        ("sixteen", 16, 16, "exact"),
        ("1,200", 1200, 1200, "exact"),
        ("two hundred and fifty", 250, 250, "exact"),
        ("about 30", 30, 30, "about"),
        ("around 30", 30, 30, "about"),
        ("approximately 30", 30, 30, "about"),
        ("some 30", 30, 30, "about"),
        ("nearly 100", None, 99, "nearly"),
        ("almost 100", None, 99, "nearly"),
        ("up to 50", None, 50, "up-to"),
        ("as many as 50", None, 50, "up-to"),
        ("a hundred", 100, 100, "about"),
        ("2.5 million", 2_500_000, 2_500_000, "exact"),
        ("between 20 and 30", 20, 30, "about"),
        ("20-30", 20, 30, "about"),
        ("two or three", 2, 3, "about"),
    ],
)
def test_count_bounds_follow_the_hedge(words: str, low, high, qualifier) -> None:
    tokens = tokenize(words, Span(0, len(words)))
    count = count_at(tokens, 0)
    assert count is not None
    assert count.last == len(tokens)
    assert (count.min_count, count.max_count, count.qualifier) == (low, high, qualifier)


# ---------------------------------------------------------------------------
# Issue 3: compound victims and place names


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Three ferry crew members were killed when the vessel was hit.", "ferry crew members"),
        ("Two other crew members were hurt, the operator said.", "crew members"),
        ("Nine hospital staff were wounded in the shelling.", "hospital staff"),
        ("Eleven factory workers died when the plant was struck.", "factory workers"),
        ("Six Sudanese market traders died in the blast.", "market traders"),
        # adjectives and names of peoples stay out of the victims
        ("Eight young conscripts were killed near Vuhledar.", "conscripts"),
        ("Four local journalists were injured in Khartoum.", "journalists"),
        ("Thirty Houthi fighters were killed, the coalition said.", "fighters"),
        ("Five unarmed protesters were shot dead.", "protesters"),
    ],
)
def test_victims_keep_their_compound_noun(text: str, victims: str) -> None:
    (figure,) = figures(text)
    assert figure.victims == victims


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Seven sailors were killed in the Gulf of Aden on Monday.", "Gulf of Aden"),
        ("Four fishermen died in the Bay of Bengal after the raid.", "Bay of Bengal"),
        ("Twelve people were killed in Maarat al-Numan, medics said.", "Maarat al-Numan"),
        ("Six civilians were wounded in Deir ez-Zor province.", "Deir ez-Zor province"),
        # the "of" after an ordinary name does not join another name to it
        ("Ten soldiers were killed in Kharkiv of all places.", "Kharkiv"),
    ],
)
def test_places_extend_over_particles_and_features(text: str, location: str) -> None:
    (figure,) = figures(text)
    assert figure.location == location


def test_a_hyphenated_adjective_is_not_the_figure_place() -> None:
    (aboard,) = figures("Two crew members were killed on the Malta-flagged freighter.")
    assert aboard.location is None
    (at_sea,) = figures("Two crew members were killed on a Malta-flagged freighter in the Red Sea.")
    assert at_sea.location == "Red Sea"
