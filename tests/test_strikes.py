"""Strike mentions: triggers, location, target, date, rate, perpetrator, one mention per event."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.extract.strikes import StrikeMention, find_strikes
from claimgraph.model import Span


def strikes(text: str) -> list[StrikeMention]:
    return find_strikes(text, Span(0, len(text)))


def summary(mention: StrikeMention) -> dict[str, Any]:
    return {
        "trigger": mention.trigger,
        "location": mention.location,
        "target": mention.target,
        "date": mention.date_text,
        "frequency": mention.frequency_text,
        "perpetrator": mention.perpetrator,
    }


def strike(trigger, location=None, target=None, date=None, frequency=None, perpetrator=None):
    return {
        "trigger": trigger,
        "location": location,
        "target": target,
        "date": date,
        "frequency": frequency,
        "perpetrator": perpetrator,
    }


CASES = [
    (
        "Moscow blamed American warplanes for bombing civilian areas in Aleppo on Wednesday.",
        [strike("bombing", "Aleppo", "civilian areas", "Wednesday", None, "American")],
    ),
    (
        "Israeli jets struck a refugee camp in central Gaza overnight, medics said.",
        [strike("struck", "central Gaza", "refugee camp", None, None, "Israeli")],
    ),
    (
        "A Russian missile strike hit a shopping centre in Kremenchuk on Monday afternoon.",
        [
            strike(
                "missile strike",
                "Kremenchuk",
                "shopping centre",
                "Monday afternoon",
                None,
                "Russian",
            )
        ],
    ),
    (
        "Saudi-led coalition airstrikes on Sanaa destroyed a wedding hall, the Houthis said.",
        [strike("airstrikes", "Sanaa", None, None, None, "Saudi-led coalition")],
    ),
    (
        "The hospital in Idlib was hit by a barrel bomb dropped from a helicopter.",
        [strike("barrel bomb", "Idlib", "hospital")],
    ),
    (
        "The Pentagon said U.S. aircraft carried out 14 strikes near Raqqa on Sunday.",
        [strike("strikes", "Raqqa", None, "Sunday", None, "U.S.")],
    ),
    (
        "Residents said Sudanese army warplanes bombed markets in Nyala.",
        [strike("bombed", "Nyala", "markets", None, None, "Sudanese army")],
    ),
    (
        "Yemen's Houthis launched a ballistic missile attack on Riyadh late on Friday.",
        [strike("ballistic missile attack", "Riyadh", None, "Friday", None, "Houthis")],
    ),
    (
        "The shelling of residential areas by government forces continued into the night.",
        [strike("shelling", None, "residential areas", None, None, "government")],
    ),
    (
        "The strike on the Kerch bridge was carried out by Ukrainian naval drones.",
        [strike("strike", "Kerch", "Kerch bridge", None, None, "Ukrainian")],
    ),
    (
        "Rebels accused the junta of striking a monastery near Mandalay with jets.",
        [strike("striking", "Mandalay", "monastery")],
    ),
    (
        "A rebel fighter told Reuters the area was seeing over 250 Russian airstrikes per day.",
        [strike("airstrikes", None, None, None, "over 250 Russian airstrikes per day", "Russian")],
    ),
    (
        "Residents of Khan Younis counted dozens of Israeli air strikes a day last month.",
        [
            strike(
                "air strikes",
                "Khan Younis",
                None,
                "last month",
                "dozens of Israeli air strikes a day",
                "Israeli",
            )
        ],  # fmt: skip
    ),
    (
        "Claims by Russian officials of US air strikes in Aleppo are false.",
        [strike("air strikes", "Aleppo", None, None, None, "US")],
    ),
    (
        "Kyiv said Russian artillery pounded Kherson yesterday, cutting power to thousands.",
        [strike("pounded", "Kherson", None, "yesterday", None, "Russian")],
    ),
    (
        "Shelling hit Kharkiv's central market early on Saturday.",
        [strike("Shelling", "Kharkiv", "Kharkiv's central market", "Saturday")],
    ),
    (
        "Two schools were shelled in Donetsk on March 3, the local administration said.",
        [strike("shelled", "Donetsk", "Two schools", "March 3")],
    ),
    (
        "The drone strike that hit a wedding party in Kunduz killed 11 guests.",
        [strike("drone strike", "Kunduz", "wedding party")],
    ),
    (
        "Hezbollah fired rockets at northern Israel on Tuesday.",
        [strike("rockets", "northern Israel", None, "Tuesday", None, "Hezbollah")],
    ),
    (
        "The RSF accused army jets of bombing a fuel depot in Omdurman on Thursday.",
        [strike("bombing", "Omdurman", "fuel depot", "Thursday", None, "army")],
    ),
    (
        "Iraqi security sources said a drone struck a convoy near the Syrian border late Tuesday.",
        [strike("struck", None, "convoy", "Tuesday")],
    ),
    (
        "Israeli warplanes carried out at least five raids on the southern suburbs.",
        [strike("raids", None, "southern suburbs", None, None, "Israeli")],
    ),
    (
        "The Ethiopian air force bombed a market in Togoga, witnesses told the BBC.",
        [strike("bombed", "Togoga", "market", None, None, "Ethiopian")],
    ),
    (
        "Officials said a coalition air raid on a market in Saada province had killed 14 people.",
        [strike("air raid", "Saada province", "market", None, None, "coalition")],
    ),
    (
        "The ministry said its forces had carried out a “massive strike” on military "
        "infrastructure and denied targeting civilian sites.",
        [strike("strike", None, "military infrastructure")],
    ),
    (
        "The junta's jets dropped two bombs on a school in Sagaing on Friday.",
        [strike("bombs", "Sagaing", "school", "Friday", None, "junta")],
    ),
    (
        "CENTCOM said it conducted a strike against an ISIS leader in Syria's Idlib province.",
        [strike("strike", "Idlib province", "ISIS leader")],
    ),
    (
        "Heavy artillery fire was reported across eastern Ghouta.",
        [strike("artillery fire", "eastern Ghouta")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_strike_mentions_with_their_arguments(text: str, expected: list[dict]) -> None:
    assert [summary(m) for m in strikes(text)] == expected


def test_one_event_with_a_nested_trigger_is_one_mention() -> None:
    text = (
        "The Turkish government alleged that 16 civilians were killed by Russian bombing, "
        "including airstrikes that hit schools and hospitals."
    )
    (mention,) = strikes(text)
    assert summary(mention) == strike(
        "bombing", None, "schools and hospitals", None, None, "Russian"
    )
    assert mention.span.of(text) == (
        "Russian bombing, including airstrikes that hit schools and hospitals"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ukrainian officials said Russian forces shelled Kharkiv on Tuesday "
            "and bombed Izium on Wednesday.",
            [("shelled", "Kharkiv", "Tuesday"), ("bombed", "Izium", "Wednesday")],
        ),
        (
            "Hamas fired rockets at Tel Aviv, and Israel responded with airstrikes on Gaza City.",
            [("rockets", "Tel Aviv", None), ("airstrikes", "Gaza City", None)],
        ),
        (
            "A missile hit the station in the morning; a second strike hit the same platform.",
            [("missile", None, None), ("strike", None, None)],
        ),
    ],
)
def test_separate_events_in_one_sentence_stay_apart(text: str, expected: list[tuple]) -> None:
    found = [(m.trigger, m.location, m.date_text) for m in strikes(text)]
    assert found == expected


def test_negated_aircraft_are_no_perpetrator_and_it_takes_the_place_before() -> None:
    text = (
        "He claimed no Russian planes were within 12 miles of Aleppo "
        "when it was bombed on Wednesday."
    )
    (mention,) = strikes(text)
    assert summary(mention) == strike("bombed", "Aleppo", None, "Wednesday")


def test_perpetrator_named_by_an_organisation_far_before_the_trigger() -> None:
    text = (
        "Yesterday, two A-10 attack aircraft of the U.S. Air Force entered Syrian airspace from "
        "Turkey and, reaching Aleppo by the shortest path, made strikes against objects in the "
        "city."
    )
    (mention,) = strikes(text)
    assert mention.trigger == "strikes"
    assert mention.perpetrator == "U.S. Air Force"
    assert mention.target == "objects"
    assert mention.date_text == "Yesterday"
    assert mention.location is None  # "from Turkey" is where they came from, not where they hit


def test_denied_strikes_have_no_perpetrator() -> None:
    text = "The army denied carrying out the strikes, saying no aircraft flew over the town."
    assert [summary(m) for m in strikes(text)] == [strike("strikes")]


NOT_STRIKES = [
    "Teachers went on strike in Kyiv to demand back pay.",
    "The general strike paralysed Khartoum for a third day.",
    "Negotiators hoped to strike a deal before the deadline.",
    "The workers' strike ended after the union won a pay rise.",
    "The air campaign has inflicted heavy civilian casualties, critics say.",
    "Air raid sirens sounded across Lviv before dawn.",
    "Talks on missile defence systems resumed in Geneva.",
    "A carrier strike group sailed into the eastern Mediterranean.",
    "Police raided the offices of the newspaper on Monday.",
    "The minister attacked the opposition's plan as reckless.",
    "She described a striking contrast between the two cities.",
    "Air defences shot down four of the six missiles over the region.",
    "Patriot batteries intercepted two ballistic missiles above Kyiv overnight.",
]


@pytest.mark.parametrize("text", NOT_STRIKES, ids=[t[:40] for t in NOT_STRIKES])
def test_words_that_are_not_strikes_stay_out(text: str) -> None:
    assert strikes(text) == []


def test_only_the_span_within_is_read() -> None:
    first = "Airstrikes pounded Idlib. "
    second = "“Drone strikes hit Belgorod overnight,” the governor said."
    text = first + second
    found = find_strikes(text, Span(len(first), len(text)))
    assert [(m.trigger, m.location) for m in found] == [("Drone strikes", "Belgorod")]
    assert found[0].span.of(text).startswith("Drone strikes hit Belgorod")


def test_same_text_gives_the_same_mentions() -> None:
    text = "Russian jets bombed Idlib on Monday and shelled Aleppo on Tuesday, monitors said."
    assert strikes(text) == strikes(text)
    assert len(strikes(text)) == 2


# ---------------------------------------------------------------------------
# Issue 3: misreadings of places, dates, intent and intercepted weapons


@pytest.mark.parametrize(
    ("text", "location", "target"),
    [
        (
            "A drone hit the Panama-flagged tanker Sea Lark in the Red Sea on Tuesday.",
            "Red Sea",
            "Panama-flagged tanker",
        ),
        (
            "Artillery shelled the Kyiv-based charity's warehouse outside Kherson.",
            "Kherson",
            "Kyiv-based charity's warehouse",
        ),
        (
            "Militants fired rockets at the Iran-backed militia's base near Deir ez-Zor.",
            "Deir ez-Zor",
            "Iran-backed militia's base",
        ),
        (
            "Two missiles struck a fishing boat in the Sea of Azov.",
            "Sea of Azov",
            "fishing boat",
        ),
    ],
)
def test_a_hyphenated_adjective_is_never_the_place(text: str, location: str, target: str) -> None:
    (mention,) = strikes(text)
    assert (mention.location, mention.target) == (location, target)


def test_a_count_opening_the_sentence_is_not_the_perpetrator() -> None:
    (mention,) = strikes("Two missiles struck a fishing boat in the Sea of Azov.")
    assert mention.perpetrator is None


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Warplanes bombed a bakery in Khan al-Assal on Thursday.", "Khan al-Assal"),
        ("Shelling of Ras al-Ain killed three people, a monitor said.", "Ras al-Ain"),
        ("Jets pounded the outskirts of Tell el-Kebir overnight.", "Tell el-Kebir"),
        # "as" before a lower-case word is no particle: the name ends there
        ("Drones struck a depot in Kramatorsk as crews slept.", "Kramatorsk"),
    ],
)
def test_place_names_extend_over_joined_particles(text: str, location: str) -> None:
    (mention,) = strikes(text)
    assert mention.location == location


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the date belongs to the statement, not to the strike
        (
            "In remarks broadcast on Tuesday, the military said its drones struck an arms "
            "depot near Omdurman.",
            None,
        ),
        (
            "In a briefing on Saturday, the navy said its helicopters hit two skiffs.",
            None,
        ),
        # the date stands in the strike's own clause
        (
            "On Tuesday, the military said its drones struck an arms depot near Omdurman.",
            "Tuesday",
        ),
        (
            "In a statement on Monday, the army said its jets hit a depot on Sunday.",
            "Sunday",
        ),
    ],
)
def test_a_statement_date_is_not_the_strike_date(text: str, date: str | None) -> None:
    (mention,) = strikes(text)
    assert mention.date_text == date


GENERIC_OR_STOPPED = [
    # intent and policy: what forces do or will do, not an event
    "The ministry insists its troops strike only legitimate military targets.",
    "Its air force never strikes residential areas, the junta insisted.",
    "The rebels say they will strike the airport if the offensive continues.",
    "Ankara has threatened to strike Kurdish positions across the border.",
    # weapons stopped in the air did not strike the ground
    "Air defences downed 11 of the 14 rockets launched overnight.",
    "Most of the missiles fired at Lviv were intercepted, officials said.",
    "Rockets that were shot down over Haifa caused no damage.",
]


@pytest.mark.parametrize("text", GENERIC_OR_STOPPED, ids=[t[:40] for t in GENERIC_OR_STOPPED])
def test_intended_generic_or_intercepted_strikes_stay_out(text: str) -> None:
    assert strikes(text) == []


@pytest.mark.parametrize(
    ("text", "trigger", "location"),
    [
        # a noun after "to" is still a strike
        ("The shelling came in response to strikes on Belgorod.", "shelling", "Belgorod"),
        ("Coalition strikes hit a fuel depot in Hodeidah on Friday.", "strikes", "Hodeidah"),
        # the launch is an event even when the rest were stopped later
        ("Six missiles were fired at Lviv; four were intercepted.", "missiles", "Lviv"),
        ("Russian forces struck Sumy only hours after the talks.", "struck", "Sumy"),
    ],
)
def test_real_strikes_next_to_those_rules_stay_in(text: str, trigger: str, location: str) -> None:
    found = strikes(text)
    assert [(m.trigger, m.location) for m in found][:1] == [(trigger, location)]
