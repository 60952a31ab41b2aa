"""Which mentions of one article are the same person (ingest/extract/coreference.py)."""
from __future__ import annotations

from tests.ingest.extract.conftest import meetings, names, person


def test_surnames_hyphenations_and_partial_names_join_the_full_name(extracted):
    x = extracted("Iranian envoy Ahmad Reza Massoud-Karimi arrived on Sunday. Massoud-Karimi said he was hopeful. "
                  "Massoud Karimi later added that Ahmad Reza would stay a week.")
    karimi = person(x, "Ahmad Reza Massoud-Karimi")
    assert {"Massoud-Karimi", "Massoud Karimi"} <= set(karimi.aliases)
    assert len([a for a in x.actors if a.kind == "person"]) == 1


def test_a_surname_the_tagger_missed_is_read_as_the_person(extracted):
    x = extracted("Swedish Foreign Minister Erik Lindqvist visited Oslo. Lindqvist said the talks went well.")
    lindqvist = person(x, "Erik Lindqvist")
    assert len(lindqvist.evidence) == 2


def test_a_first_name_two_people_share_is_left_alone(extracted):
    x = extracted("Iraqi Defence Minister Ali Hassan met Egyptian envoy Ali Fahmy in Cairo. Ali said little.")
    hassan, fahmy = person(x, "Ali Hassan"), person(x, "Ali Fahmy")
    assert "Ali" not in hassan.aliases and "Ali" not in fahmy.aliases


def test_a_description_refers_to_the_one_person_with_that_office(extracted):
    x = extracted("Danish Ambassador Mette Holm and Polish Ambassador Jan Nowak arrived at noon. "
                  "President Anna Kowal greeted the two ambassadors at the palace.")
    [meeting] = [m for m in meetings(x) if len(m.participants) >= 3]
    parts = names(x, meeting)
    assert parts["Anna Kowal"][0] == "host"
    assert {"Mette Holm", "Jan Nowak"} <= set(parts)


def test_a_description_after_an_unnamed_holder_of_the_office_is_not_resolved(extracted):
    x = extracted("Chilean Foreign Minister Ana Rojas met Peruvian envoy Luis Prado in Lima on Monday. "
                  "An aide to Rojas told reporters the meeting had gone well. "
                  "The adviser said a second round was likely.")
    statements = [e for e in x.events if e.type == "statement" and "adviser" in e.evidence.quote]
    assert statements == [] or all(not e.participants for e in statements)


def test_a_known_surname_takes_the_given_names_the_tagger_missed(extracted):
    x = extracted("Turkish President Kemal Arslan Demirci hosted the talks. Kemal Arslan Demirci received Greek "
                  "Prime Minister Nikos Pappas at the palace on Monday.")
    names = {a.name for a in x.actors if a.kind == "person"}
    assert "Kemal Arslan Demirci" in names and not any(n.startswith("Arslan") for n in names)


def test_an_office_spelt_with_or_without_its_hyphen_is_one_office(extracted):
    x = extracted("Dr Surat Wongsa, Secretary-General of ASEAN, visited Phnom Penh. The Secretary-General met "
                  "with King Norodom Chanrith on Monday.", published="2011-12-22")
    persons = {a.key: a.name for a in x.actors if a.kind == "person"}
    met = [{persons[p.actor] for p in e.participants if p.actor in persons} for e in x.events if e.type == "meeting"]
    assert {"Surat Wongsa", "Norodom Chanrith"} in met


def test_the_two_sides_are_the_two_states_the_story_is_about(extracted):
    x = extracted("Israeli and Palestinian negotiators resumed their work under a deal signed by Prime Minister "
                  "Dan Levi and President Omar Said. Israel and the Palestinians agreed to meet without American "
                  "supervision. The two sides held a meeting in Ramallah on Monday.", published="1999-11-15")
    [meeting] = [e for e in x.events if e.type == "meeting" and e.participants]
    countries = {a.key: a.country for a in x.actors}
    assert {countries[p.actor] for p in meeting.participants} == {"ISR", "PSE"}


def test_a_pronoun_opening_a_sentence_means_the_last_sentences_subject(extracted):
    x = extracted("Chilean President Pedro Rojas met Peruvian President Luis Prado in Lima on Monday. "
                  "In his meeting with Bolivian President Jorge Vaca, Rojas discussed gas exports.")
    found = [names(x, m) for m in meetings(x)]
    assert not any({"Luis Prado", "Jorge Vaca"} <= set(parts) for parts in found)


def test_a_fragment_cut_off_at_an_abbreviation_belongs_to_the_sentence_before(extracted):
    x = extracted("Accordingly, President Pedro Rojas met and held talks with President Luis Prado of Peru, Eng.\n"
                  "Jorge Vaca Bolivian Minister of Mines, and President Tomas Ruiz of Ecuador.\n\n"
                  "In his meeting with President Ana Soto, Rojas talked about trade.")
    found = [names(x, m) for m in meetings(x)]
    assert not any({"Tomas Ruiz", "Ana Soto"} <= set(parts) for parts in found)


def test_the_name_ending_an_office_phrase_is_its_holder(extracted):
    x = extracted("Chilean and Peruvian Foreign Ministers Ana Rojas and Luis Vega met in Arica on Monday. "
                  "The meeting was attended by Minister of Foreign Affairs of Bolivia Jorge Quispe.")
    attended = [m for m in meetings(x) if "attended" in m.evidence.quote]
    assert [set(names(x, m)) for m in attended] == [{"Jorge Quispe"}]


def test_the_mission_is_the_one_person_the_article_said_heads_it(extracted):
    x = extracted("The Special Mission of the Andean Community to Peru, headed by the Chair of the Council, "
                  "Ambassador of Chile, Ana Rojas, arrived in Lima on Sunday. The Mission has so far met with "
                  "President Luis Vega and Senate President Jorge Quispe.")
    found = [set(names(x, m)) for m in meetings(x)]
    assert any({"Ana Rojas", "Luis Vega"} <= f for f in found) and any({"Ana Rojas", "Jorge Quispe"} <= f
                                                                      for f in found)


def test_a_bodys_name_before_the_kind_of_body_is_that_body(extracted):
    x = extracted("Colombia's government and the Popular Liberation Army (EPL) guerrilla group wrapped up a "
                  "second round of peace talks on Friday in Havana.", published="2023-03-11")
    [meeting] = meetings(x)
    assert "Popular Liberation Army" in names(x, meeting)


def test_a_state_and_an_office_without_an_article_is_that_states_office_holder(extracted):
    x = extracted("President Anita Rao received Angola's President Joao Manuel Lourenco at the palace on Saturday. "
                  "Earlier, Foreign Minister Vikram Shah had also met with Angolan President during his state visit.")
    assert any({"Vikram Shah", "Joao Manuel Lourenco"} <= set(names(x, m)) for m in meetings(x))


def test_a_description_may_name_the_person_named_just_after_it(extracted):
    x = extracted("MOSCOW -- Secretary of State Tom Baker met Monday with the Soviet foreign minister for more than "
                  "seven hours. A spokesman said the meetings between Baker and Foreign Minister Ivan Petrov had been "
                  "serious.", published="1987-04-14")
    first = min(meetings(x), key=lambda m: m.evidence.start)
    names = {a.key: a.name for a in x.actors}
    assert {names[p.actor] for p in first.participants} >= {"Tom Baker", "Ivan Petrov"}


def test_an_envoy_of_a_body_may_be_named_just_after(extracted):
    x = extracted("DAMASCUS (AFP) - The UN envoy for Syria held talks Sunday in Damascus with Foreign Minister Ali "
                  "Hassan. 'We have had very detailed discussions,' Norwegian diplomat Lars Berg told reporters.",
                  published="2019-04-15")
    first = min(meetings(x), key=lambda m: m.evidence.start)
    names = {a.key: a.name for a in x.actors}
    assert {names[p.actor] for p in first.participants} >= {"Ali Hassan", "Lars Berg"}


def test_a_plural_description_named_in_apposition_means_those_persons_again(extracted):
    x = extracted("The two envoys, Finnish President Lars Berg and former Russian Prime Minister Ivan Petrov, flew here "
                  "from Bonn. After two hours of inconclusive talks with the two envoys at his palace, President Milan "
                  "Kovac agreed to meet them again.", published="1999-06-03")
    names = {a.key: a.name for a in x.actors}
    talks = [sorted(names[p.actor] for p in m.participants) for m in meetings(x)]
    assert ["Ivan Petrov", "Lars Berg", "Milan Kovac"] in talks


def test_the_visiting_president_is_the_one_who_came(extracted):
    x = extracted("Portuguese President Mario Lopes arrived here on Thursday night. President Ravi Kumar will meet "
                  "the visiting president on Friday evening.", published="2020-02-14")
    [planned] = [e for e in x.events if e.type == "intent"]
    assert set(names(x, planned)) == {"Ravi Kumar", "Mario Lopes"}


def test_a_lone_name_two_people_share_is_the_one_whose_surname_it_is(extracted):
    x = extracted("Finance Minister Kamal Omer, quoted by the agency, said his government also rejected the demand. "
                  "The agency, monitored by the BBC, said Omer made the remarks after a meeting in Khartoum "
                  "yesterday with IMF envoy Karim Saleh. Omer Nasser, the agency's representative, declined to "
                  "comment.", published="1987-03-24")
    [meeting] = meetings(x)
    assert set(names(x, meeting)) == {"Kamal Omer", "Karim Saleh"}


def test_his_counterpart_of_a_state_is_the_one_official_of_it_named(extracted):
    x = extracted("Foreign Minister of the Russian Federation, Pavel Orlov, arrived here Tuesday on a visit to "
                  "Pakistan. Foreign Minister Ali Khan and his Russian counterpart also had a brief informal meeting "
                  "at the airbase.", published="2021-04-06")
    [meeting] = [m for m in meetings(x) if "Ali Khan" in names(x, m)]
    assert set(names(x, meeting)) == {"Ali Khan", "Pavel Orlov"}


def test_a_headline_description_is_the_person_the_story_names_next(extracted):
    x = extracted("Zhang Jun meets Russian PM in Beijing\n\nBEIJING, Nov. 4 (Xinhua) -- Chinese President Zhang Jun met with "
                  "Russian Prime Minister Pavel Orlov on Tuesday in Beijing.", published="2025-11-04")
    headline = next(m for m in meetings(x) if m.evidence.quote.startswith("Zhang Jun meets"))
    assert set(names(x, headline)) == {"Zhang Jun", "Pavel Orlov"}


def test_they_in_what_speakers_said_are_the_speakers(extracted):
    x = extracted("Israeli and Palestinian negotiators said that they were going home after inconclusive peace talks "
                  "at the White House with President Carl Lindqvist.", published="2000-12-23")
    [meeting] = meetings(x)
    assert set(names(x, meeting)) == {"Carl Lindqvist", "Israel", "Palestine"}


def test_a_description_is_the_person_named_some_sentences_later(extracted):
    x = extracted("Egyptian President Samir Naguib met the U.S. peace envoy on Sunday with a return to direct talks "
                  "on the agenda, but a breakthrough still seemed distant. Egypt has long played a mediating role in "
                  "Middle East politics, but it is unusual for Cairo to host different leaders on the same day. None "
                  "of the visitors saw the others, instead having back-to-back talks with the president, who was "
                  "flanked by his foreign minister and his top intelligence officer throughout the long day. "
                  "U.S. envoy Carl Lindqvist, who has shuttled between the main players since May, held an hour-long "
                  "meeting.", published="2010-07-18")
    [meeting] = [m for m in meetings(x) if m.date == "2010-07-18"]
    assert set(names(x, meeting)) == {"Samir Naguib", "Carl Lindqvist"}


def test_leaders_of_two_named_states_are_their_leaders_named_next(extracted):
    x = extracted("Egyptian President Samir Naguib met Palestinian and Israeli leaders on Sunday. Palestinian "
                  "President Omar Saleh and Israeli Prime Minister Dan Levi left without speaking to reporters.",
                  published="2010-07-18")
    [meeting] = meetings(x)
    assert {"Omar Saleh", "Dan Levi"} <= set(names(x, meeting))
