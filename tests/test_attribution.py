"""Attribution patterns, speakers and meaning, one construction per test.

Each test runs the whole extractor on a sentence or two written for it and checks
the statements, actors, strikes and figures it returns.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from claimgraph.extract import extract
from claimgraph.extract.actors import left_phrase, right_phrase
from claimgraph.extract.text import tokenize
from claimgraph.model import Article, Extraction, Statement


def run(text: str, published: dt.date | None = None) -> Extraction:
    return extract(Article(key="t", text=text, published=published))


def labels(found: Extraction, keys: list[str]) -> list[str]:
    actors = {a.key: a.label for a in found.actors}
    return [actors[k] for k in keys]


def via(found: Extraction, statement: Statement) -> list[str]:
    sources = {s.key: s.label for s in found.sources}
    return [sources[k] for k in statement.via]


def only(found: Extraction) -> Statement:
    assert len(found.statements) == 1, [s.content.of(found.article.text) for s in found.statements]
    return found.statements[0]


def summary(found: Extraction) -> list[tuple[str, list[str], str, str]]:
    text = found.article.text
    return [
        (s.kind, labels(found, s.claimants), s.cue, s.content.of(text)) for s in found.statements
    ]


def actor(found: Extraction, label: str):
    return next(a for a in found.actors if a.label == label)


# ---------------------------------------------------------------------------
# Phrases


def test_left_phrase_reads_titles_and_prepositional_phrases_back_from_a_cue():
    text = "Later, a Baghdad-based spokesman for the coalition said"
    tokens = tokenize(text)
    phrase = left_phrase(tokens, 0, len(tokens) - 1)
    assert (
        phrase is not None and phrase.words(text) == "a Baghdad-based spokesman for the coalition"
    )


def test_right_phrase_stops_at_a_verb_after_a_name():
    text = "as Reuters characterized Turkey's fears"
    tokens = tokenize(text)
    phrase = right_phrase(tokens, 1, len(tokens))
    assert phrase is not None and phrase.words(text) == "Reuters"


# ---------------------------------------------------------------------------
# Constructions


def test_quote_then_speaker_then_cue():
    found = run("“The bridge was hit twice,” the governor of Kherson said.")
    statement = only(found)
    assert (
        statement.quoted and statement.content.of(found.article.text) == "The bridge was hit twice"
    )
    assert labels(found, statement.claimants) == ["the governor of Kherson"]


def test_speaker_cue_colon_quote():
    found = run("The army said: “Our units repelled the assault.”")
    assert summary(found) == [("claim", ["the army"], "said", "Our units repelled the assault")]
    assert only(found).quoted


def test_speaker_cue_that_clause_and_without_that():
    with_that = run("Hamas said that the convoy had been attacked.")
    without = run("Hamas said the convoy had been attacked.")
    assert (
        summary(with_that)
        == summary(without)
        == [("claim", ["Hamas"], "said", "the convoy had been attacked")]
    )


def test_clause_then_speaker_then_cue():
    found = run("The ceasefire collapsed within hours, local officials said.")
    assert summary(found) == [
        ("claim", ["local officials"], "said", "The ceasefire collapsed within hours")
    ]
    assert actor(found, "local officials").unnamed


def test_inverted_cue_with_an_apposed_role():
    found = run("“Nobody warned us,” said Amina Yusuf, a nurse who stayed behind.")
    statement = only(found)
    assert labels(found, statement.claimants) == ["Amina Yusuf"]
    assert actor(found, "Amina Yusuf").role == "nurse"


def test_according_to_before_and_after_the_clause():
    first = run("According to the Yemeni health ministry, nine people died.")
    second = run("Nine people died, according to the Yemeni health ministry.")
    assert [s[1:] for s in summary(first)] == [
        (["Yemeni health ministry"], "According to", "nine people died")
    ]
    assert [s[1:] for s in summary(second)] == [
        (["Yemeni health ministry"], "according to", "Nine people died")
    ]
    assert only(first).commitment == "reported"


def test_according_to_an_outlet_after_a_speaker_is_a_via():
    found = run("“We will not leave,” said a local imam, according to Al Jazeera.")
    statement = only(found)
    assert via(found, statement) == ["Al Jazeera"]
    assert labels(found, statement.claimants) == ["a local imam"]


def test_told_an_outlet_is_a_via_and_told_reporters_is_not():
    outlet = run("A police officer told the BBC the blast was caused by a drone.")
    reporters = run("A police officer told reporters the blast was caused by a drone.")
    assert via(outlet, only(outlet)) == ["BBC"]
    assert via(reporters, only(reporters)) == []
    text = outlet.article.text
    assert only(outlet).content.of(text) == "the blast was caused by a drone"


def test_an_unknown_newspaper_after_told_is_an_outlet():
    found = run("A medic told the Sudan Tribune newspaper that the clinic was looted.")
    assert via(found, only(found)) == ["Sudan Tribune"]


def test_as_reported_by_and_as_outlet_verb_are_vias():
    one = run("The ministry said 40 soldiers had surrendered, as reported by Reuters.")
    two = run("The ministry said 40 soldiers had surrendered, as Reuters reported.")
    for found in (one, two):
        statement = only(found)
        assert via(found, statement) == ["Reuters"]
        assert statement.content.of(found.article.text) == "40 soldiers had surrendered"


def test_outlet_reports_that_speaker_said_nests_the_via():
    found = run("CNN reports that a Pentagon official said the drone was Iranian-made.")
    statement = only(found)
    assert labels(found, statement.claimants) == ["a Pentagon official"]
    assert via(found, statement) == ["CNN"]


def test_nested_chain_keeps_the_outlet_nearest_the_speaker_first():
    found = run("The Guardian reports that a spokesman told Reuters the port was shelled.")
    assert via(found, only(found)) == ["Reuters", "The Guardian"]


def test_an_outlet_speaking_as_itself_is_the_claimant():
    found = run("Al Jazeera reported that the hospital had lost power.")
    assert labels(found, only(found).claimants) == ["Al Jazeera"]
    assert via(found, only(found)) == []


def test_accused_and_blamed_name_the_alleged_perpetrator():
    found = run(
        "Ukraine accused Russia of shelling the plant. "
        "The Houthis blamed American jets for the raid. "
        "Kyiv blamed the outage on Russian drones."
    )
    perpetrators = [labels(found, s.alleged_perpetrators) for s in found.statements]
    assert perpetrators == [["Russia"], ["United States"], ["Russia"]]
    assert all(s.commitment == "alleged" for s in found.statements)


def test_went_on_to_and_a_pronoun_continue_the_same_speaker():
    found = run(
        "Syrian Foreign Minister Walid Haddad said the strikes were illegal. "
        "He went on to blame Israel for the damage."
    )
    assert [labels(found, s.claimants) for s in found.statements] == [
        ["Walid Haddad"],
        ["Walid Haddad"],
    ]
    assert found.statements[1].cue == "blame"


def test_has_said_keeps_the_auxiliary_in_the_cue():
    found = run("Turkey has said the border will stay closed.")
    assert only(found).cue == "has said"


def test_said_in_a_statement_and_in_a_statement_said():
    one = run("The army said in a statement that two drones were downed.")
    two = run("In a statement, the army said two drones were downed.")
    assert (
        summary(one) == summary(two) == [("claim", ["the army"], "said", "two drones were downed")]
    )


def test_was_quoted_as_saying():
    found = run("A commander was quoted as saying that the town had fallen.")
    assert summary(found) == [
        ("claim", ["a commander"], "was quoted as saying", "the town had fallen")
    ]


def test_both_x_and_y_are_two_claimants():
    found = run("Both Egypt and Qatar said talks would resume on Monday.")
    assert labels(found, only(found).claimants) == ["Egypt", "Qatar"]


def test_and_denied_and_saying_continue_the_speaker():
    found = run(
        "The Russian Defense Ministry said its jets hit depots and denied striking homes. "
        "Hezbollah rejected the charge, saying its fighters were not in the area."
    )
    speakers = [labels(found, s.claimants) for s in found.statements]
    assert speakers == [["Russian Defense Ministry"]] * 2 + [["Hezbollah"]] * 2
    assert [s.kind for s in found.statements][:2] == ["claim", "denial"]


def test_a_quote_split_by_its_attribution_gives_both_parts():
    found = run("“We heard the jets first,” she said, “then the explosions.”")
    # "she" has no antecedent here: nothing is attributed to no one.
    assert found.statements == []
    found = run(
        "Fatima Nour runs the clinic. “We heard the jets first,” she said, “then the explosions.”"
    )
    assert [s.content.of(found.article.text) for s in found.statements] == [
        "We heard the jets first",
        "then the explosions",
    ]


def test_a_following_quote_continues_the_quoted_speaker():
    found = run("“The road is cut,” a driver said. “Nobody can get through.”")
    assert [labels(found, s.claimants) for s in found.statements] == [["a driver"], ["a driver"]]
    assert found.statements[1].quoted


def test_a_quote_of_several_sentences_is_one_statement():
    found = run("“They came at night. They burned everything,” a villager told AFP.")
    statement = only(found)
    assert statement.content.of(found.article.text) == "They came at night. They burned everything"
    assert via(found, statement) == ["Agence France-Presse"]


def test_no_statement_without_a_speaker_or_with_another_sense():
    texts = [
        "The blast claimed the lives of six people.",
        "The army was accused of looting the town.",
        "The governor did not say when the roads would reopen.",
        "It is believed that the bridge was mined.",
        "Fighters charged into the building at dawn.",
        "The report was published on Monday.",
    ]
    for text in texts:
        assert run(text).statements == [], text


# ---------------------------------------------------------------------------
# Speakers


def test_title_role_and_affiliation_before_a_name():
    found = run("Iranian Foreign Ministry spokesman Nasser Rahimi said the talks had stalled.")
    speaker = actor(found, "Nasser Rahimi")
    assert speaker.kind == "person" and speaker.role == "spokesman"
    parent = next(a for a in found.actors if a.key == speaker.affiliation)
    assert parent.label == "Iranian Foreign Ministry" and parent.kind == "organization"


def test_an_unnamed_source_keeps_its_affiliation():
    found = run("A U.S. State Department official said the report was under review.")
    speaker = actor(found, "a U.S. State Department official")
    assert speaker.unnamed and speaker.kind == "person"
    assert (
        next(a for a in found.actors if a.key == speaker.affiliation).label
        == "U.S. State Department"
    )


def test_a_demonym_plural_is_the_country_speaking():
    found = run("The Israelis insisted the tunnel was used by militants.")
    speaker = actor(found, "Israel")
    assert speaker.kind == "country" and not speaker.unnamed


def test_later_mentions_resolve_to_the_same_actor():
    found = run(
        "Ukraine’s Defense Ministry spokesman Oleh Marchenko said 12 drones were shot down. "
        "Marchenko added that debris fell on a school. The ministry later said no one was hurt."
    )
    assert [labels(found, s.claimants) for s in found.statements] == [
        ["Oleh Marchenko"],
        ["Oleh Marchenko"],
        ["Ukrainian Defense Ministry"],
    ]


# ---------------------------------------------------------------------------
# Meaning


def test_content_that_calls_a_claim_false_is_a_denial():
    found = run("“These reports are completely false,” the Kremlin said.")
    assert only(found).kind == "denial"


def test_estimates_and_hedges_set_kind_and_commitment():
    estimate = run("The monitor estimates that 300 fighters have died.")
    hedged = run("Officials said the jets may have used cluster bombs.")
    assert only(estimate).kind == "estimate" and only(estimate).commitment == "estimated"
    assert only(hedged).commitment == "suspected"


def test_denials_link_to_the_claims_they_reject_before_or_after():
    found = run(
        "Israel denied striking the clinic in Rafah. "
        "Palestinian officials said an Israeli airstrike hit the clinic in Rafah on Monday. "
        "Residents said the market reopened."
    )
    denial, accusation, unrelated = found.statements
    assert denial.kind == "denial" and denial.denies == [accusation.key]
    assert unrelated.key not in denial.denies


def test_that_account_rejects_the_claim_just_before_not_an_accusation_of_the_enemy():
    found = run(
        "Regional governor Petro Kovalenko said a Russian glide bomb struck a bakery in Sumy. "
        "Russia's Defence Ministry said its aircraft had destroyed a fuel depot in the city. "
        "Ukraine's General Staff rejected that account as invented."
    )
    accusation, account, denial = found.statements
    assert denial.kind == "denial" and denial.denies == [account.key]


def test_the_reports_reject_every_earlier_account_of_the_strike():
    found = run(
        "Rebels said government jets bombed a clinic in Kutum, killing 12 patients. "
        "A nurse told Radio Dabanga that rockets hit the maternity ward. "
        "Army spokesman Nabil Abdalla dismissed the reports as lies. "
        "He said the army had repaired the airport road."
    )
    rebels, nurse, denial, later = found.statements
    assert denial.kind == "denial" and denial.denies == [rebels.key, nurse.key]


def test_a_denial_of_its_own_presence_rejects_the_claim_naming_its_side():
    found = run(
        "The Israeli military said it had struck Hezbollah operatives hiding in a warehouse. "
        "Hezbollah denied that any of its members were in the warehouse."
    )
    accusation, denial = found.statements
    assert denial.kind == "denial" and denial.denies == [accusation.key]


def test_reports_of_something_reject_the_claims_about_it():
    found = run(
        "Aid workers said the militia had burned a market in Tawila. "
        "Doctors said the clinic was out of fuel. "
        "The militia denied reports of burning, saying its units were protecting traders."
    )
    burned, fuel, denial = found.statements[:3]
    assert denial.kind == "denial" and denial.denies == [burned.key]


def test_calling_them_lies_after_a_denial_rejects_the_same_claims():
    found = run(
        "Amnesty International said soldiers executed at least 20 villagers near Djibo. "
        "Burkina Faso's government rejected the findings, calling them a pack of lies."
    )
    report, rejected, calling = found.statements
    assert [rejected.kind, calling.kind] == ["denial", "denial"]
    assert rejected.denies == [report.key] and calling.denies == [report.key]


def test_a_group_named_before_it_speaks_is_the_side_a_claim_accuses():
    found = run(
        "Shells fired by Twirwaneho fighters hit a camp near Minembwe, killing four people, "
        "local officials said. "
        "The Twirwaneho said in a statement that its fighters had not fired on civilians. "
        "UNHCR said more than 40,000 people had been displaced in the province."
    )
    accusation, denial, displaced = found.statements
    assert denial.kind == "denial" and denial.denies == [accusation.key]


def test_a_denial_with_nothing_to_reject_links_nowhere():
    found = run("The army denied any role in the disappearance of the activist.")
    assert only(found).kind == "denial" and only(found).denies == []


def test_figures_are_estimated_by_the_speaker_or_stated_by_the_article():
    found = run("At least 9 people were killed in the raid. Medics said 14 others were wounded.")
    by_count = {f.count_text: f for f in found.figures}
    assert by_count["At least 9"].estimated_by == []
    assert labels(found, by_count["14"].estimated_by) == ["medics"]


def test_the_perpetrator_goes_on_the_claim_not_the_strike():
    found = run("Local officials said Russian shelling hit the market in Kharkiv.")
    statement = only(found)
    assert labels(found, statement.alleged_perpetrators) == ["Russia"]
    assert len(found.strikes) == 1 and statement.about == [found.strikes[0].key]
    assert not hasattr(found.strikes[0], "perpetrator")


def test_relative_days_resolve_against_the_publication_date():
    found = run(
        "The ministry said on Tuesday that drones struck Odesa on Monday.", dt.date(2023, 7, 20)
    )
    statement = only(found)
    assert statement.stated_on == dt.date(2023, 7, 18)
    assert found.strikes[0].date == dt.date(2023, 7, 17) and found.strikes[0].date_text == "Monday"


def test_relative_days_without_an_anchor_keep_only_the_words():
    found = run("The ministry said drones struck Odesa on Monday.")
    assert found.strikes[0].date is None and found.strikes[0].date_text == "Monday"


def test_evidence_covers_speaker_cue_and_content():
    found = run("Officials in Kyiv said the dam was destroyed.")
    statement = only(found)
    assert (
        statement.evidence.of(found.article.text) == "Officials in Kyiv said the dam was destroyed"
    )
    assert statement.cue_span.of(found.article.text) == "said"


def test_the_same_text_gives_the_same_extraction():
    text = "“It was a massacre,” said a witness. The army denied it, blaming rebels for the deaths."
    assert run(text) == run(text)


def test_an_interview_with_an_outlet_is_a_via():
    one = run("“The roads are closed,” the governor said in an interview with the BBC.")
    two = run("Speaking to Al Arabiya, a senior Hamas official said the talks had stalled.")
    assert via(one, only(one)) == ["BBC"]
    assert via(two, only(two)) == ["Al Arabiya"]


def test_an_outlet_citing_a_source_relays_it():
    found = run("Syrian state TV, citing a military source, said most missiles were intercepted.")
    statement = only(found)
    assert labels(found, statement.claimants) == ["a military source"]
    assert via(found, statement) == ["Syrian state TV"]


def test_a_trailing_speaker_followed_by_more_words_spoke_the_words_before():
    found = run("Two sailors were killed in the attack, the navy said, the first deaths since May.")
    assert summary(found) == [
        ("claim", ["the navy"], "said", "Two sailors were killed in the attack")
    ]


def test_which_also_accused_continues_the_statement_s_speaker():
    found = run(
        "The bridge was destroyed, the army said in a statement, which also accused "
        "the rebels of mining the road."
    )
    assert [labels(found, s.claimants) for s in found.statements] == [["the army"]] * 2
    assert found.statements[1].cue == "accused"


def test_according_to_two_sources_joined_by_and():
    found = run("Forty people died, according to witnesses and the Red Crescent.")
    assert labels(found, only(found).claimants) == ["witnesses", "Red Crescent"]


def test_put_the_toll_at_is_an_estimate():
    found = run("The monitoring group put the death toll at 36.")
    statement = only(found)
    assert statement.kind == "estimate" and statement.cue == "put the death toll at"
    assert [f.count_text for f in found.figures] == ["36"]
    assert found.figures[0].estimated_by == statement.claimants


def test_words_that_name_nothing_said_give_no_statement():
    texts = [
        "Officials have said little about the negotiations.",
        "What the army calls a security zone stretches for ten kilometres.",
        "The talks, which diplomats described as fragile, resumed on Monday.",
        "She told her children to hide under the stairs.",
    ]
    for text in texts:
        assert run(text).statements == [], text


def test_a_generic_name_refers_to_the_organisation_that_spoke_before():
    found = run(
        "Doctors Without Borders said its clinic in Gaza was hit. "
        "Hamas fighters were nearby, the army said. The charity said it had shared its location."
    )
    assert labels(found, found.statements[-1].claimants) == ["Médecins Sans Frontières"]


def test_an_attribution_set_off_by_commas_inside_the_clause():
    found = run("The strike, officials said, hit a school.")
    assert summary(found) == [
        ("claim", ["officials"], "said", "The strike, officials said, hit a school")
    ]


def test_an_aside_between_speaker_and_cue():
    found = run("The ministry, however, said the school had been empty.")
    assert summary(found) == [("claim", ["the ministry"], "said", "the school had been empty")]


def test_a_name_with_an_age_or_a_described_apposition():
    found = run(
        "Mohammed Ali, a 45-year-old father of three who lost his home, said he had nowhere to go. "
        "Amal, 34, said the bakery was hit twice."
    )
    assert [labels(found, s.claimants) for s in found.statements] == [["Mohammed Ali"], ["Amal"]]
    assert actor(found, "Mohammed Ali").role == "father"


def test_any_fragment_of_the_test_texts_gives_a_consistent_extraction():
    folder = Path(__file__).resolve().parent / "texts"
    texts = [yaml.safe_load(p.read_text("utf-8"))["text"] for p in sorted(folder.rglob("*.yaml"))]
    rng = random.Random(7)
    fragments = ["", "“", "said", "according to.", ", said ,", "“Unclosed, said the official"]
    for _ in range(60):
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        fragments.append(text[start : rng.randrange(start, len(text) + 1)])
    for fragment in fragments:
        found = run(fragment)
        actors = {a.key for a in found.actors}
        for statement in found.statements:
            assert statement.claimants and set(statement.claimants) <= actors
            assert set(statement.alleged_perpetrators) <= actors
            assert statement.evidence.start <= statement.content.start < statement.content.end
            assert statement.content.end <= statement.evidence.end <= len(fragment)
            assert set(statement.via) <= {s.key for s in found.sources}
        assert all(a.affiliation in actors for a in found.actors if a.affiliation)


def test_a_hedged_figure_after_that_is_still_the_content():
    found = run(
        "The refugee agency estimates that roughly 60,000 people have crossed the border. "
        "Aid workers said that about half of them were children."
    )
    assert summary(found) == [
        (
            "estimate",
            ["the refugee agency"],
            "estimates",
            "roughly 60,000 people have crossed the border",
        ),
        ("claim", ["Aid workers"], "said", "about half of them were children"),
    ]


def test_a_quote_told_to_an_outlet_closing_the_sentence_is_the_content():
    found = run(
        "Lina Hadad, a teacher, stayed behind. “The road is cut,” she told Radio Tamazuj. "
        "“Nobody came to help,” a farmer who gave only his first name told the private "
        "news agency KANA."
    )
    assert [
        (labels(found, s.claimants), s.content.of(found.article.text)) for s in found.statements
    ] == [
        (["Lina Hadad"], "The road is cut"),
        (["a farmer"], "Nobody came to help"),
    ]
    assert [via(found, s) for s in found.statements] == [["Radio Tamazuj"], ["KANA"]]


def test_a_quote_told_to_a_named_person_has_no_outlet():
    found = run("Omar Saleh returned home. “It is all ash,” he told Fatima Idris.")
    statement = only(found)
    assert labels(found, statement.claimants) == ["Omar Saleh"]
    assert statement.content.of(found.article.text) == "It is all ash"
    assert via(found, statement) == []


def test_an_unknown_capitalised_name_right_before_the_cue_is_an_organisation():
    found = run(
        "Ukrhydroenergo said the dam had been damaged. "
        "Kernelgrain has denied that its silos were used by soldiers. "
        "Others said the water was rising."
    )
    assert summary(found) == [
        ("claim", ["Ukrhydroenergo"], "said", "the dam had been damaged"),
        ("denial", ["Kernelgrain"], "has denied", "its silos were used by soldiers"),
    ]
    assert actor(found, "Ukrhydroenergo").kind == "organization"


# ---------------------------------------------------------------------------
# Subjects split from their cue by a comma-closed aside


def test_name_inside_a_named_apposition_is_the_speaker_and_the_rest_is_content():
    text = (
        "One of the displaced farmers, a 52-year-old driver named Tariq Haddad, "
        "said the militia had looted the granary."
    )
    found = run(text)
    statement = only(found)
    assert labels(found, statement.claimants) == ["Tariq Haddad"]
    assert statement.content.of(text) == "the militia had looted the granary"
    assert actor(found, "Tariq Haddad").role == "driver"


def test_head_before_a_participle_and_relative_clause_is_the_speaker():
    text = (
        "A trader contacted by text message, who asked that her name be withheld, "
        "said the generators had run dry."
    )
    found = run(text)
    statement = only(found)
    assert labels(found, statement.claimants) == ["a trader"]
    assert statement.content.of(text) == "the generators had run dry"


# ---------------------------------------------------------------------------
# Cue forms: adverb inside the perfect, infinitive complement, "quoted X as saying"


def test_has_long_accused_keeps_speaker_and_accused():
    text = "The interior ministry has long accused the separatists of mining farm roads."
    found = run(text)
    statement = only(found)
    assert labels(found, statement.claimants) == ["the interior ministry"]
    assert statement.content.of(text) == "the separatists of mining farm roads"
    assert labels(found, statement.alleged_perpetrators) == ["the separatists"]


def test_claimed_with_a_date_and_an_infinitive_complement():
    text = "The rebels claimed late on Friday to have seized two border posts."
    found = run(text)
    statement = only(found)
    assert labels(found, statement.claimants) == ["the rebels"]
    assert statement.content.of(text) == "to have seized two border posts"
    assert statement.commitment == "alleged"


def test_outlet_quoted_speaker_as_saying_relays_the_words():
    text = "Reuters quoted a port official as saying that the cranes had been hit twice."
    found = run(text)
    statement = only(found)
    assert labels(found, statement.claimants) == ["a port official"]
    assert via(found, statement) == ["Reuters"]
    assert statement.content.of(text) == "the cranes had been hit twice"


def test_quoted_speaker_with_apposed_role_as_saying():
    text = (
        "Reuters quoted Leyla Demir, a district official, as saying that the road was shut."
    )
    found = run(text)
    statement = only(found)
    assert labels(found, statement.claimants) == ["Leyla Demir"]
    assert actor(found, "Leyla Demir").role == "official"
    assert statement.content.of(text) == "the road was shut"
