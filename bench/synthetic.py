"""A synthetic corpus of war-reporting articles for benchmarks.

Every article is assembled from templates: attributed claims in the common
forms (said, told OUTLET, according to, claimed, accused ... of), denials,
casualty figures and strikes, with invented speakers and a rotating cast of
places and outlets. Nothing is copied from real articles. The same seed gives
the same corpus.

    python bench/synthetic.py 500 /tmp/corpus        # writes 500 .txt (+ .meta.json) files
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

PLACES = (
    "Kharkiv", "Idlib", "Mosul", "Gaza City", "Khartoum", "Sanaa", "Homs", "Mariupol",
    "Raqqa", "El Fasher", "Hodeidah", "Rafah", "Donetsk", "Aleppo", "Tripoli", "Kabul",
)
OUTLETS = (
    "Reuters", "the Associated Press", "AFP", "Al Jazeera", "the BBC", "CNN",
    "The Guardian", "Middle East Eye", "Anadolu Agency",
)
COUNTRIES = (
    ("Russia", "Russian"), ("Ukraine", "Ukrainian"), ("Syria", "Syrian"), ("Israel", "Israeli"),
    ("Turkey", "Turkish"), ("Iran", "Iranian"), ("the United States", "American"),
    ("Sudan", "Sudanese"),
)
FIRST_NAMES = (
    "Oleh", "Marta", "Yusuf", "Leila", "Dmitri", "Hana", "Karim", "Ines", "Tomas", "Amira",
    "Farid", "Nadia", "Pavel", "Salma", "Idris", "Vera",
)
LAST_NAMES = (
    "Haddad", "Koval", "Mansour", "Petrenko", "Saleh", "Orlov", "Darwish", "Lindqvist",
    "Nasser", "Bakri", "Hrytsenko", "Aziz", "Volkova", "Qasim",
)
ROLES = ("spokesman", "spokeswoman", "military spokesman", "press officer")
BODIES = (
    "Defence Ministry", "Interior Ministry", "regional military administration",
    "health ministry", "civil defence service", "army command",
)
UNNAMED = (
    "a senior military official", "two local residents", "a hospital director",
    "a rebel commander", "a United Nations official", "an aid worker", "a witness",
)
MONITORS = (
    "the Syrian Observatory for Human Rights", "Human Rights Watch", "Amnesty International",
    "the local health authority", "the UN humanitarian office",
)
TRIGGERS = (
    "airstrikes", "an air strike", "shelling", "a drone strike", "a missile attack",
    "artillery fire", "rocket attacks", "a bombing raid",
)
TARGETS = (
    "a residential block", "a market", "a hospital", "a school", "a bakery",
    "a water station", "a displacement camp", "a bus station",
)
VICTIMS = ("people", "civilians", "children", "residents", "aid workers", "patients")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True)
class Cast:
    """The people and places of one article."""

    place: str
    outlet: str
    accuser: tuple[str, str]
    accused: tuple[str, str]
    spokesperson: str
    monitor: str
    witness: str


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _cast(rng: random.Random) -> Cast:
    accuser, accused = rng.sample(COUNTRIES, 2)
    body = rng.choice(BODIES)
    spokesperson = f"{accuser[1]} {body} {rng.choice(ROLES)} {_person(rng)}"
    return Cast(
        place=rng.choice(PLACES),
        outlet=rng.choice(OUTLETS),
        accuser=accuser,
        accused=accused,
        spokesperson=spokesperson,
        monitor=rng.choice(MONITORS),
        witness=rng.choice(UNNAMED),
    )


def _figure(rng: random.Random) -> str:
    number = rng.choice((str(rng.randint(3, 140)), rng.choice(NUMBER_WORDS)))
    qualifier = rng.choice(("", "at least ", "more than ", "about ", "nearly ", "up to "))
    return f"{qualifier}{number} {rng.choice(VICTIMS)}"


def _sentences(rng: random.Random, cast: Cast) -> list[str]:
    """Candidate sentences; each article uses a shuffled subset of them."""
    day, target = rng.choice(DAYS), rng.choice(TARGETS)
    trigger = rng.choice(TRIGGERS)
    figure, wounded = _figure(rng), _figure(rng)
    accused_country, accused_adjective = cast.accused
    last_name = cast.spokesperson.split()[-1]
    witness = cast.witness[0].upper() + cast.witness[1:]
    return [
        f"{cast.spokesperson} said {accused_adjective} {trigger} hit {target} in {cast.place} "
        f"on {day}, killing {figure}.",
        f"\u201cThey struck {target} knowing families were inside,\u201d {last_name} told "
        f"{cast.outlet}.",
        f"{accused_country} denied carrying out any strike in {cast.place} and called the "
        f"accusation \u201ca fabrication.\u201d",
        f"According to {cast.monitor}, {figure} were killed and {wounded} were wounded "
        f"in {cast.place} since {day}.",
        f"{witness} told {cast.outlet} that the {trigger.split()[-1]} began before dawn.",
        f"{cast.accuser[0]} accused {accused_country} of targeting {target} in {cast.place}.",
        f"The claims could not be independently verified, {cast.outlet} reported.",
        f"Officials in {cast.place} estimated that {wounded} needed hospital treatment.",
        f"A spokesperson for {accused_country} rejected the figures as \u201cpropaganda\u201d "
        f"on {day}.",
    ]


def article_text(rng: random.Random) -> str:
    """One article: five to eight sentences in one to three paragraphs."""
    cast = _cast(rng)
    sentences = _sentences(rng, cast)
    chosen = [sentences[0], *rng.sample(sentences[1:], rng.randint(4, len(sentences) - 1))]
    cut = sorted(rng.sample(range(1, len(chosen)), rng.randint(0, 2)))
    paragraphs, start = [], 0
    for end in [*cut, len(chosen)]:
        paragraphs.append(" ".join(chosen[start:end]))
        start = end
    return "\n".join(paragraphs) + "\n"


def article_meta(rng: random.Random, index: int) -> dict[str, str]:
    published = dt.date(2015, 1, 1) + dt.timedelta(days=(index * 37) % 3000)
    return {"published": published.isoformat(), "publisher": rng.choice(OUTLETS)}


def write_corpus(count: int, folder: Path, *, seed: int = 1) -> list[Path]:
    """Write ``count`` articles (and a sidecar for every other one) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        rng = random.Random(f"{seed}-{index}")
        path = folder / f"synthetic_{index:06d}.txt"
        path.write_text(article_text(rng), encoding="utf-8")
        if index % 2 == 0:
            meta = folder / f"synthetic_{index:06d}.meta.json"
            meta.write_text(json.dumps(article_meta(rng, index)), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write_corpus(args.count, args.folder, seed=args.seed)
    print(f"{len(paths)} articles -> {args.folder}")


if __name__ == "__main__":
    main()
