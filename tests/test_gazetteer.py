"""The gazetteer as data (IDs, names, checks log) and as a matcher over prose."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.extract.gazetteer import Entry, Gazetteer, load_gazetteer, name_key
from claimgraph.model import Span
from claimgraph.resources import data_file

CHECKS = data_file("gazetteer-checks.tsv")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    """(words, label) for every match, in text order."""
    return [(span.of(text), entry.label) for span, entry in gazetteer.find(text)]


def checks_rows() -> list[dict[str, str]]:
    with CHECKS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


# ---------------------------------------------------------------- the data file


def test_bundled_file_loads_with_every_kind(gazetteer: Gazetteer) -> None:
    kinds = {entry.kind for entry in gazetteer.entries()}
    assert kinds == {"person", "organization", "country", "outlet", "place"}
    assert len(gazetteer.entries()) >= 100


def test_wikidata_ids_are_qids_and_unique(gazetteer: Gazetteer) -> None:
    qids = [e.wikidata for e in gazetteer.entries() if e.wikidata is not None]
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids)
    assert len(qids) == len(set(qids))


def test_no_name_belongs_to_two_entries(gazetteer: Gazetteer) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entry in gazetteer.entries():
        for name in entry.names():
            previous = owner.setdefault(name_key(name), entry.label)
            if previous != entry.label:
                clashes.append((name, previous, entry.label))
    assert clashes == []


def test_affiliations_name_entries(gazetteer: Gazetteer) -> None:
    labels = {e.label for e in gazetteer.entries()}
    dangling = [
        e.label for e in gazetteer.entries() if e.affiliation and e.affiliation not in labels
    ]
    assert dangling == []


def test_every_linked_entry_is_logged_in_the_checks_file(gazetteer: Gazetteer) -> None:
    logged = {(row["label"], row["qid"]) for row in checks_rows()}
    linked = {(e.label, e.wikidata) for e in gazetteer.entries() if e.wikidata}
    assert linked - logged == set()


def test_checks_file_says_how_each_id_was_confirmed(gazetteer: Gazetteer) -> None:
    rows = checks_rows()
    assert rows, "the checks log is empty"
    assert all(row["how_confirmed"].strip() for row in rows)
    current = {(e.label, e.wikidata) for e in gazetteer.entries() if e.wikidata}
    stale = [(r["label"], r["qid"]) for r in rows if (r["label"], r["qid"]) not in current]
    assert stale == []


def test_demonyms_only_on_countries(gazetteer: Gazetteer) -> None:
    assert [e.label for e in gazetteer.entries() if e.demonyms and e.kind != "country"] == []


# ---------------------------------------------------------------- lookup


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("Russia", "Russia"),
        ("russia", "Russia"),
        ("Russia’s", "Russia"),
        ("Russia's", "Russia"),
        ("the Kremlin", "Russia"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("the United States", "United States"),
        ("United States of America", "United States"),
        ("The Guardian", "The Guardian"),
        ("the UK Guardian", "The Guardian"),
        ("the U.K. Guardian", "The Guardian"),
        ("Reuters", "Reuters"),
        ("Reuters'", "Reuters"),
        ("the U.N.", "United Nations"),
        ("U.N. Security Council", "United Nations Security Council"),
        ("UN Security Council", "United Nations Security Council"),
        ("the Turkish government", "Turkey"),
    ],
)
def test_lookup_forgives_spelling(gazetteer: Gazetteer, written: str, label: str) -> None:
    entry = gazetteer.lookup(written)
    assert entry is not None and entry.label == label


@pytest.mark.parametrize("written", ["", "the", "Abu Mahmoud", "local civil-defense committee"])
def test_lookup_of_unknown_names_is_none(gazetteer: Gazetteer, written: str) -> None:
    assert gazetteer.lookup(written) is None


def test_lookup_gives_the_data_of_the_entry(gazetteer: Gazetteer) -> None:
    russia = gazetteer.lookup("Russian Federation")
    assert russia is not None
    assert (russia.kind, russia.wikidata) == ("country", "Q159")
    assert "Russians" in russia.demonyms


# ---------------------------------------------------------------- demonyms


@pytest.mark.parametrize(
    ("word", "label"),
    [
        ("American", "United States"),
        ("Americans", "United States"),
        ("Russian", "Russia"),
        ("russians", "Russia"),
        ("Israeli", "Israel"),
        ("Turkish", "Turkey"),
    ],
)
def test_demonym_names_a_country(gazetteer: Gazetteer, word: str, label: str) -> None:
    entry = gazetteer.demonym(word)
    assert entry is not None and entry.label == label


@pytest.mark.parametrize("word", ["Russia", "Aleppo", "rebel", ""])
def test_demonym_of_other_words_is_none(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.demonym(word) is None


# ---------------------------------------------------------------- find


def test_find_reports_names_in_text_order(gazetteer: Gazetteer) -> None:
    text = (
        "Monitors told Reuters that jets struck northern Aleppo, while the UK Guardian said less."
    )
    assert found(gazetteer, text) == [
        ("Reuters", "Reuters"),
        ("Aleppo", "Aleppo"),
        ("the UK Guardian", "The Guardian"),
    ]


def test_find_spans_are_offsets_into_the_text(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Idlib. Later, the U.S. denied it."
    spans = {entry.label: span for span, entry in gazetteer.find(text)}
    assert spans["United States"] == Span(text.index("U.S."), text.index("U.S.") + 4)
    assert spans["Idlib"].of(text) == "Idlib"


def test_lower_case_us_is_not_the_united_states(gazetteer: Gazetteer) -> None:
    text = "None of us saw the planes; the shelling frightened all of us."
    assert found(gazetteer, text) == []


def test_short_capitals_need_capitals(gazetteer: Gazetteer) -> None:
    text = "Who fired first? AP asked. The WHO said the US and the ap never replied to who."
    assert found(gazetteer, text) == [
        ("AP", "Associated Press"),
        ("WHO", "World Health Organization"),
        ("US", "United States"),
    ]


def test_common_words_inside_names_need_capitals(gazetteer: Gazetteer) -> None:
    text = "An independent monitor and a guardian of the children spoke; The Independent did not."
    assert found(gazetteer, text) == [("The Independent", "The Independent")]


def test_longest_name_wins(gazetteer: Gazetteer) -> None:
    text = "The U.N. Security Council met as the United Nations Children's Fund warned."
    assert found(gazetteer, text) == [
        ("U.N. Security Council", "United Nations Security Council"),
        ("United Nations Children's Fund", "UNICEF"),
    ]


def test_names_inside_longer_words_are_not_found(gazetteer: Gazetteer) -> None:
    text = "Russian-backed forces and Syrian troops advanced; Aleppine families fled."
    assert found(gazetteer, text) == []


def test_possessives_and_curly_apostrophes(gazetteer: Gazetteer) -> None:
    text = "Russia’s allegations and Aleppo’s supply route to Turkey"
    assert found(gazetteer, text) == [
        ("Russia", "Russia"),
        ("Aleppo", "Aleppo"),
        ("Turkey", "Turkey"),
    ]


def test_accents_are_optional(gazetteer: Gazetteer) -> None:
    text = "Medecins Sans Frontieres and Médecins Sans Frontières both said so."
    labels = [label for _, label in found(gazetteer, text)]
    assert labels == ["Médecins Sans Frontières", "Médecins Sans Frontières"]


def test_abbreviation_spellings_inside_names(gazetteer: Gazetteer) -> None:
    text = "A US State Department official and a United States Air Force pilot."
    assert found(gazetteer, text) == [
        ("US State Department", "U.S. State Department"),
        ("United States Air Force", "U.S. Air Force"),
    ]


def test_a_government_is_its_country(gazetteer: Gazetteer) -> None:
    text = "The Turkish government alleged that 16 civilians were killed."
    assert found(gazetteer, text) == [("Turkish government", "Turkey")]


def test_find_within_a_span_only(gazetteer: Gazetteer) -> None:
    text = "Reuters said. Then CNN said."
    window = Span(text.index("Then"), len(text))
    assert [(s.of(text), e.label) for s, e in gazetteer.find(text, window)] == [("CNN", "CNN")]


def test_find_is_deterministic(gazetteer: Gazetteer) -> None:
    text = "Hamas and Hezbollah, the IDF and the Pentagon, TASS and RT, Kyiv and Kharkiv."
    rebuilt = Gazetteer(reversed(gazetteer.entries()))
    assert gazetteer.find(text) == rebuilt.find(text)
    assert [label for _, label in found(gazetteer, text)] == [
        "Hamas",
        "Hezbollah",
        "Israel Defense Forces",
        "U.S. Department of Defense",
        "TASS",
        "RT",
        "Kyiv",
        "Kharkiv",
    ]


# ---------------------------------------------------------------- loading errors


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "gazetteer.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_small_file_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "entries:\n"
        "- {label: Ruritania, kind: country, wikidata: Q1, demonyms: [Ruritanian]}\n"
        "- {label: Ruritanian Army, kind: organization, affiliation: Ruritania}\n",
    )
    loaded = load_gazetteer(path)
    assert loaded.entries("country") == [
        Entry("Ruritania", "country", "Q1", (), ("Ruritanian",), None)
    ]
    assert loaded.lookup("the Ruritanian army") == loaded.entries("organization")[0]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("entries: [", "not valid YAML"),
        ("- just a list\n", "list under 'entries'"),
        ("entries:\n- {label: X, kind: planet}\n", "entry 1 (X): 'kind'"),
        ("entries:\n- {label: X, kind: place, wikidata: 159}\n", "entry 1 (X): 'wikidata'"),
        ("entries:\n- {label: X, kind: place, wikidata: Q0}\n", "entry 1 (X): 'wikidata'"),
        ("entries:\n- {label: X, kind: place, colour: red}\n", "entry 1 (X): unknown field"),
        ("entries:\n- {kind: place}\n", "entry 1: 'label'"),
        ("entries:\n- {label: X, kind: place, aliases: Y}\n", "entry 1 (X): 'aliases'"),
        ("entries:\n- {label: X, kind: place, affiliation: Y}\n", "entry 1 (X): affiliation"),
        (
            "entries:\n- {label: X, kind: place}\n- {label: X, kind: place}\n",
            "entry 2 (X): label used twice",
        ),
        (
            "entries:\n- {label: X, kind: place, wikidata: Q5}\n"
            "- {label: Y, kind: place, wikidata: Q5}\n",
            "entry 2 (Y): Q5 is also 'X'",
        ),
        (
            "entries:\n- {label: X, kind: place, aliases: [the Z]}\n"
            "- {label: Y, kind: place, aliases: [Z]}\n",
            "entry 2 (Y): 'Z' also names 'X'",
        ),
    ],
)
def test_malformed_files_name_the_file_and_entry(tmp_path: Path, body: str, problem: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(InputError) as caught:
        load_gazetteer(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert problem in message
    assert "\n" not in message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_gazetteer(tmp_path / "absent.yaml")


def test_default_gazetteer_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


# ---------------------------------------------------------------- conflict additions (issue 3)


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("Kigali", "Rwanda"),
        ("Asmara", "Eritrea"),
        ("Kinshasa", "Democratic Republic of the Congo"),
        ("Goma", "Democratic Republic of the Congo"),
        ("Bamako", "Mali"),
        ("Mogadishu", "Somalia"),
        ("Addis Ababa", "Ethiopia"),
        ("Tigray", "Ethiopia"),
        ("Yerevan", "Armenia"),
        ("Nagorno-Karabakh", "Azerbaijan"),
        ("Islamabad", "Pakistan"),
        ("New Delhi", "India"),
        ("Abuja", "Nigeria"),
    ],
)
def test_capitals_and_regions_are_places_of_their_country(
    gazetteer: Gazetteer, place: str, country: str
) -> None:
    entry = gazetteer.lookup(place)
    assert entry is not None and entry.kind == "place"
    parent = gazetteer.get(entry.affiliation or "")
    assert parent is not None and (parent.label, parent.kind) == (country, "country")


def test_a_capital_used_as_a_speaker_is_found_with_its_country(gazetteer: Gazetteer) -> None:
    text = "The army accused Rwanda of arming the rebels, an allegation Kigali has long rejected."
    matches = gazetteer.find(text)
    assert [(s.of(text), e.label) for s, e in matches] == [
        ("Rwanda", "Rwanda"),
        ("Kigali", "Kigali"),
    ]
    assert matches[1][1].affiliation == "Rwanda"


def test_disputed_kashmir_belongs_to_no_country(gazetteer: Gazetteer) -> None:
    kashmir = gazetteer.lookup("Kashmir")
    assert kashmir is not None and kashmir.affiliation is None


@pytest.mark.parametrize(
    ("written", "label", "country"),
    [
        ("Pakistan's military", "Pakistan Armed Forces", "Pakistan"),
        ("Pakistan’s military", "Pakistan Armed Forces", "Pakistan"),
        ("the Pakistani military", "Pakistan Armed Forces", "Pakistan"),
        ("the U.S. military", "United States Armed Forces", "United States"),
        ("US military", "United States Armed Forces", "United States"),
        ("the Russian military", "Russian Armed Forces", "Russia"),
        ("Russia's army", "Russian Armed Forces", "Russia"),
        ("the Israeli military", "Israel Defense Forces", "Israel"),
        ("Ukraine's military", "Ukrainian Armed Forces", "Ukraine"),
        ("the Sudanese army", "Sudanese Armed Forces", "Sudan"),
        ("the Ethiopian army", "Ethiopian National Defense Force", "Ethiopia"),
        (
            "the Congolese army",
            "Armed Forces of the Democratic Republic of the Congo",
            "Democratic Republic of the Congo",
        ),
        ("Eritrean military", "Eritrean Defence Forces", "Eritrea"),
        ("Myanmar's military", "Myanmar Armed Forces", "Myanmar"),
    ],
)
def test_armed_forces_belong_to_their_country(
    gazetteer: Gazetteer, written: str, label: str, country: str
) -> None:
    entry = gazetteer.lookup(written)
    assert entry is not None and (entry.label, entry.kind) == (label, "organization")
    assert entry.affiliation == country


def test_the_russian_military_is_not_the_defense_ministry(gazetteer: Gazetteer) -> None:
    text = "The Russian Defense Ministry said so; the Russian military did not comment."
    assert found(gazetteer, text) == [
        ("Russian Defense Ministry", "Russian Defense Ministry"),
        ("Russian military", "Russian Armed Forces"),
    ]


def test_armed_forces_are_found_before_their_country(gazetteer: Gazetteer) -> None:
    text = "Pakistan's military said two Indian jets were downed; the U.S. military said nothing."
    assert found(gazetteer, text) == [
        ("Pakistan's military", "Pakistan Armed Forces"),
        ("U.S. military", "United States Armed Forces"),
    ]


@pytest.mark.parametrize(
    "written",
    ["UN migration agency", "the U.N. migration agency", "United Nations migration agency"],
)
def test_un_migration_agency_is_iom(gazetteer: Gazetteer, written: str) -> None:
    entry = gazetteer.lookup(written)
    assert entry is not None and (entry.label, entry.wikidata) == (
        "International Organization for Migration",
        "Q472311",
    )


@pytest.mark.parametrize(
    ("word", "label"),
    [
        ("Rwandan", "Rwanda"),
        ("Eritreans", "Eritrea"),
        ("Congolese", "Democratic Republic of the Congo"),
        ("Nigerien", "Niger"),
        ("Nigerian", "Nigeria"),
        ("Burkinabe", "Burkina Faso"),
    ],
)
def test_new_demonyms(gazetteer: Gazetteer, word: str, label: str) -> None:
    entry = gazetteer.demonym(word)
    assert entry is not None and entry.label == label


def test_niger_inside_niger_delta_is_not_the_country(gazetteer: Gazetteer) -> None:
    text = "Militants in the Niger Delta attacked a pipeline, while Niger closed its border."
    assert found(gazetteer, text) == [("Niger Delta", "Niger Delta"), ("Niger", "Niger")]


def test_new_countries_carry_their_checked_ids(gazetteer: Gazetteer) -> None:
    ids = {
        label: entry.wikidata
        for label in ("Rwanda", "Eritrea", "Democratic Republic of the Congo", "Kigali")
        if (entry := gazetteer.get(label)) is not None
    }
    assert ids == {
        "Rwanda": "Q1037",
        "Eritrea": "Q986",
        "Democratic Republic of the Congo": "Q974",
        "Kigali": "Q3859",
    }
