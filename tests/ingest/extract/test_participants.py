"""Who took part, in which role, for whom (ingest/extract/participants.py)."""
from __future__ import annotations

import pytest

from tests.ingest.extract.conftest import meetings, names, person


def test_delegation_leaders_represent_their_delegations_state(extracted):
    x = extracted("The Turkish delegation, led by Deputy Foreign Minister Ahmet Demir, met a Greek team headed by "
                  "Ambassador Nikos Pappas at the Foreign Ministry in Athens on Tuesday.", published="2021-03-17")
    [meeting] = meetings(x)
    parts = names(x, meeting)
    assert parts["Ahmet Demir"] == ("participant", "TUR")
    assert parts["Nikos Pappas"] == ("participant", "GRC")


def test_a_host_of_two_other_sides_represents_nobody_unless_the_text_says_so(extracted):
    x = extracted("Egyptian President Samir Naguib hosted Israeli Prime Minister Dan Levi and Jordanian King "
                  "Faisal Hamdan in Cairo on Sunday.", published="2022-01-11")
    [meeting] = meetings(x)
    parts = names(x, meeting)
    assert parts["Samir Naguib"] == ("host", None)
    assert parts["Dan Levi"] == ("participant", "ISR")
    assert parts["Faisal Hamdan"] == ("participant", "JOR")


def test_passive_and_prepositional_representation(extracted):
    x = extracted("Mexican and Canadian officials opened the summit in Ottawa on Monday. "
                  "Mexico was represented at the summit by Foreign Minister Rosa Vega. "
                  "Economy Minister Jean Tremblay spoke for Canada at the talks.", published="2018-05-22")
    reps = {}
    for m in meetings(x):
        for name, (_, rep) in names(x, m).items():
            if rep:
                reps[name] = rep
    assert reps == {"Rosa Vega": "MEX", "Jean Tremblay": "CAN"}


def test_a_mediator_is_marked(extracted):
    x = extracted("Sudanese and South Sudanese envoys met in Doha on Monday, with Qatari Foreign Minister "
                  "Khalid Thani acting as mediator.", published="2020-06-03")
    [meeting] = meetings(x)
    assert names(x, meeting)["Khalid Thani"] == ("mediator", "QAT")


def test_state_officials_stand_for_their_states(extracted):
    x = extracted("U.S. and Chinese officials held trade talks in Geneva on Thursday.", published="2019-07-05")
    [meeting] = meetings(x)
    assert set(names(x, meeting)) == {"United States", "China"}


def test_the_speaker_of_a_statement_takes_part_in_it(extracted):
    x = extracted("Ugandan Foreign Minister Grace Achieng arrived in Kigali. \"We came to listen,\" she said.")
    [statement] = [e for e in x.events if e.type == "statement"]
    assert list(names(x, statement)) == ["Grace Achieng"]


@pytest.mark.parametrize(("text", "persons"), [
    ("Chilean President Ana Rojas arrived in Lima on Monday. Peruvian President Luis Paredes said he was hopeful. "
     "The two met again Tuesday.", {"Ana Rojas", "Luis Paredes"}),  # "the two": the two persons named last
    ("Chilean President Ana Rojas highlighted her concern for human rights by meeting with the activist Luis "
     "Paredes on Monday.", {"Ana Rojas", "Luis Paredes"}),  # the subject of "... by meeting X"
    ("Kenyan President Ruth Wanjiku met on the sidelines of the summit with the Ghanaian President, Kofi Mensah, "
     "on Saturday.", {"Ruth Wanjiku", "Kofi Mensah"}),  # "with X" the parser hangs on the summit
    ("German Chancellor Eva Brandt told a news conference on Tuesday following talks with Polish President Jan "
     "Nowicki.", {"Eva Brandt", "Jan Nowicki"}),  # whoever spoke after talks with X
    ("Secretary of State Carl Lindqvist said there was no movement at his five-hour meeting with "
     "Soviet Foreign Minister Pavel Orlov Wednesday.",
     {"Carl Lindqvist", "Pavel Orlov"}),  # the owner of a meeting noun that carries itself
    ("He said Treasury Secretary Carl Lindqvist had indicated receptivity during talks yesterday with "
     "Brazil, Argentina and Mexico.",
     {"Carl Lindqvist", "Brazil", "Argentina", "Mexico"}),  # whoever acts during talks with X
    ("Luc Marchand, a close aide to President Paul Lefevre, earlier this week met Iranian envoy Ali "
     "Karimi in Paris.",
     {"Luc Marchand", "Ali Karimi"}),  # the person an aide serves is not there
    ('"I come here this time as a special envoy only," Karl Weber said. He said had an intensive '
     'discussion with General Aung Min on Friday.',
     {"Karl Weber", "Aung Min"}),  # the speaker, his "he" left out
    ("A news agency report Sunday said Japanese Foreign Minister Kenji Sato discussed bilateral, regional "
     "and international issues with Ali Rezaei.",
     {"Kenji Sato", "Ali Rezaei"}),  # "with X" hung on what was discussed
    ("Chilean President Ana Rojas and President Karl Weber signed an agreement after talks on Monday.",
     {"Ana Rojas", "Karl Weber"}),  # the parties who acted after talks had them
    ("President Karl Weber and his Peruvian counterpart Luis Vega agreed on Monday to boost trade during a meeting "
     "in Berlin.", {"Karl Weber", "Luis Vega"}),  # and during them
    ("Foreign Minister Karl Weber told his Peruvian counterpart Luis Vega during their meeting on Monday that trade "
     "must grow.", {"Karl Weber", "Luis Vega"}),  # "their": the teller and the told
    ("Karl Weber and Kenji Sato, who met in Tokyo on Monday, agreed to boost trade.",
     {"Karl Weber", "Kenji Sato"}),  # "who" is both of a pair
    ("At the meeting on Monday, Foreign Minister Karl Weber told Japanese Prime Minister Kenji Sato that trade must "
     "grow.", {"Karl Weber", "Kenji Sato"}),  # the told at the meeting
    ("Foreign Minister Karl Weber was meeting Japanese Prime Minister Kenji Sato in Tokyo on Monday.",
     {"Karl Weber", "Kenji Sato"}),  # a progressive, not a participle describing the name after it
    ("President Ana Rojas received the credentials of the new Japanese ambassador, Kenji Sato, on Monday.",
     {"Ana Rojas", "Kenji Sato"}),  # whose credentials were received
])
def test_who_took_part(extracted, text, persons):
    x = extracted(text, published="2019-03-13")
    [meeting] = meetings(x)
    assert set(names(x, meeting)) == persons


def test_those_told_of_a_meeting_were_not_at_it(extracted):
    x = extracted("Israeli and Palestinian negotiators Dan Levi and Omar Saleh held their second round of talks on "
                  "Monday. They will inform U.S. envoy Carl Lindqvist of the details of their meeting later on.",
                  published="2013-08-14")
    assert all("Carl Lindqvist" not in names(x, m) for m in meetings(x))


def test_a_round_of_calls_is_one_meeting_with_each_person(extracted):
    x = extracted("UN envoy Anna Berg met King Tomas Reyes, Prime Minister Luis Ortega and Foreign Minister "
                  "Carla Diaz of Bolivia on Monday.", published="2019-03-13")
    pairs = sorted(tuple(sorted(names(x, m))) for m in meetings(x))
    assert pairs == [("Anna Berg", "Carla Diaz"), ("Anna Berg", "Luis Ortega"), ("Anna Berg", "Tomas Reyes")]


def test_two_partners_stay_one_meeting(extracted):
    x = extracted("Egyptian President Samir Naguib hosted Israeli Prime Minister Dan Levi and Jordanian King "
                  "Faisal Hamdan in Cairo on Sunday.", published="2022-01-11")
    assert len(meetings(x)) == 1


def test_a_meeting_of_two_states_is_a_meeting_of_their_only_officials(extracted):
    x = extracted("Egyptian President Samir Naguib and Israeli Prime Minister Dan Levi agreed on a committee. "
                  "It was the first summit between Egypt and Israel in five years.", published="2019-03-13")
    [meeting] = meetings(x)
    assert names(x, meeting)["Samir Naguib"][1] == "EGY"
    assert names(x, meeting)["Dan Levi"][1] == "ISR"


def test_a_meeting_before_another_keeps_its_own_people(extracted):
    x = extracted("Before the meeting with Greek Prime Minister Nikos Pappas, Turkish President Kemal Demirci met "
                  "with his Iranian counterpart Ali Rezaei in Ankara on Monday.", published="2019-03-13")
    parts = [set(names(x, m)) for m in meetings(x)]
    assert {"Kemal Demirci", "Ali Rezaei"} in parts
    assert not any({"Nikos Pappas", "Ali Rezaei"} <= p for p in parts)


def test_a_former_office_holder_acts_for_no_state(extracted):
    x = extracted("UN envoy and former Indonesian foreign minister Ali Hamid met Myanmar Foreign Minister "
                  "Aung Win in Yangon on Monday.", published="2019-03-13")
    [meeting] = meetings(x)
    assert names(x, meeting)["Ali Hamid"][1] is None
    assert names(x, meeting)["Aung Win"][1] == "MMR"


def test_the_persons_of_a_meeting_clause_the_parse_misses_are_its_participants(extracted):
    x = extracted("Prime Minister Anna Berg of Norway and Sweden's Erik Lind held talks on October 16.",
                  published="2017-10-17")
    [meeting] = meetings(x)
    assert set(names(x, meeting)) >= {"Anna Berg", "Erik Lind"}


def test_whoever_headed_a_team_at_the_meeting_took_part(extracted):
    x = extracted("Israeli chief negotiator Oded Tal and his Palestinian counterpart Samir Hamdan headed their "
                  "respective teams at the meeting on Sunday.", published="1999-11-15")
    parts = [set(names(x, m)) for m in meetings(x)]
    assert {"Oded Tal", "Samir Hamdan"} in parts


@pytest.mark.parametrize("text", [
    # a speaker is not taken from the meeting clause
    "The ministers held talks in Geneva on Monday, spokesman Paul Weber said, according to Anna Berg.",
    # the people an unnamed visitor met did not meet each other
    "The mission has so far met with President Paul Martin, Senate President Jean Privat and Chamber President "
    "Louis Chanel.",
])
def test_no_meeting_of_two_is_made_of_people_the_clause_does_not_make_meet(extracted, text):
    assert all(len(m.participants) < 2 for m in meetings(extracted(text, published="2017-10-17")))


def test_met_and_held_talks_with_a_list_is_one_meeting_with_each(extracted):
    x = extracted("President Isaac Afewerki met and held talks with President Salva Mayen of South Sudan, "
                  "President Brice Ondo of Gabon and Prime Minister Ali Zeine of Niger.", published="2023-11-12")
    pairs = sorted(tuple(sorted(names(x, m))) for m in meetings(x) if len(m.participants) == 2)
    assert pairs == [("Ali Zeine", "Isaac Afewerki"), ("Brice Ondo", "Isaac Afewerki"),
                     ("Isaac Afewerki", "Salva Mayen")]


@pytest.mark.parametrize("sentence", [
    "The Basque side was represented by chief negotiator Ana Etxeberria and Jon Arregi.",
    "Chief negotiator Ana Etxeberria, representing the Basque side, told reporters the talks were useful.",
])
def test_people_representing_a_side_no_state_names_take_part(extracted, sentence):
    x = extracted("Spanish and Basque negotiators met in Geneva on Monday. " + sentence, published="2019-03-13")
    assert any("Ana Etxeberria" in names(x, m) for m in meetings(x))


def test_a_spokesman_quoting_a_meeting_does_not_take_part_in_it(extracted):
    x = extracted("Prime Minister Ana Rojas and President Luis Vega met in Lima on Monday. Presidential spokesman "
                  "Jorge Quispe played down differences. \u2033That\u2019s as far as we can go (on the problem) in "
                  "this meeting,\u2033 Quispe told reporters.", published="2019-03-13")
    assert not any("Jorge Quispe" in names(x, m) for m in meetings(x))


@pytest.mark.parametrize("text", ["The presidents of Chile and Peru held talks in Lima on Friday.",
                                  "The Chilean and Peruvian presidents held talks in Lima on Friday."])
def test_an_office_said_of_several_states_stands_for_those_states(extracted, text):
    [meeting] = meetings(extracted(text))
    assert {p.actor for p in meeting.participants} == {"s:chl", "s:per"}


def test_the_head_of_a_bodys_mission_acts_for_the_body_and_its_hosts_for_their_country(extracted):
    x = extracted("The Special Mission of the Andean Community, headed by Ambassador Ana Rojas, arrived in Lima on "
                  "Sunday. The Mission has so far met with President Luis Vega and Senate President Jorge Quispe.",
                  published="2016-02-02")
    by_key = {a.key: a for a in x.actors}
    seen = {}
    for m in meetings(x):
        for p in m.participants:
            seen[by_key[p.actor].name] = by_key[p.represents].name if p.represents else None
    assert seen == {"Ana Rojas": "Andean Community", "Luis Vega": "Peru", "Jorge Quispe": "Peru"}


def test_officials_met_at_a_summit_in_a_third_country_act_for_no_host(extracted):
    x = extracted("External Affairs Minister Raj Kumar held talks with his Pakistani counterpart Imran Aziz in "
                  "Qingdao, east China, on Monday on the sidelines of the Asian Cooperation Dialogue meeting.",
                  published="2004-06-21")
    [meeting] = meetings(x)
    assert names(x, meeting)["Raj Kumar"][1] != "CHN"


def test_met_separately_with_two_is_a_meeting_with_each(extracted):
    x = extracted("President Tom Baker also met separately Friday with German Chancellor Eva Brandt and Japanese Prime "
                  "Minister Ken Sato.", published="1985-10-26")
    assert sorted(len(m.participants) for m in meetings(x)) == [2, 2]
    x = extracted("Foreign Ministers Ali Demir and Nikos Pappas met separately before the leaders' meeting.",
                  published="1985-10-26")
    assert [len(m.participants) for m in meetings(x) if m.participants] == [2]  # "the leaders' meeting" aside
    x = extracted("Foreign Minister Karl Weber held separate talks with Japanese Prime Minister Kenji Sato and Chinese "
                  "Premier Zhang Jun on Monday.", published="2019-03-13")
    assert sorted(len(m.participants) for m in meetings(x)) == [2, 2]


def test_two_who_met_one_respectively_met_him_apart(extracted):
    x = extracted("On the same day, Chinese State Councilor Li Ming and Foreign Minister Wu Tao also met with Tom "
                  "Baker, respectively.", published="2013-04-25")
    assert sorted(len(m.participants) for m in meetings(x)) == [2, 2]
    assert person(x, "Li Ming").country == "CHN"


def test_an_official_of_no_stated_country_who_hosts_in_a_country_acts_for_it(extracted):
    x = extracted("President Farhadi officially welcomed the Prime Minister of Italy Marco Lenti in Tehran on "
                  "Tuesday.", published="2016-04-12")
    [meeting] = meetings(x)
    assert names(x, meeting)["Farhadi"] == ("host", "IRN")


def test_calling_on_the_visiting_guest_is_a_visit_to_the_one_who_came(extracted):
    x = extracted("President Omar Haddad arrived in Lima on Sunday on a four-day visit. Foreign Minister Rosa "
                  "Mamani called on the visiting dignitary and discussed issues of bilateral interest.",
                  published="2017-05-16")
    [call] = [m for m in meetings(x) if "Rosa Mamani" in names(x, m)]
    assert set(names(x, call)) == {"Rosa Mamani", "Omar Haddad"}


def test_business_leaders_of_a_country_do_not_stand_for_its_state(extracted):
    x = extracted("President Jose Lima has held private talks with Brazilian business leaders at a farm near Manaus.",
                  published="1987-03-20")
    assert all("Brazil" not in names(x, m) for m in meetings(x))


def test_an_official_travelling_with_a_visitor_does_not_act_for_the_host(extracted):
    x = extracted("Brazilian Finance Minister Dilson Costa and central bank president Francisco Lima last week "
                  "visited Washington to explain Brazil's move to government officials.", published="1987-03-05")
    [visit] = meetings(x)
    assert names(x, visit)["Francisco Lima"] == ("participant", None)


def test_talks_named_as_the_topic_of_a_meeting_bring_no_parties_to_it(extracted):
    x = extracted("Prime Minister Brian Walsh said he held frank discussions with Premier Ralph Klein on the pace of "
                  "free trade talks with the United States.", published="1987-03-05")
    [meeting] = [m for m in meetings(x) if len(m.participants) >= 2]
    assert set(names(x, meeting)) == {"Brian Walsh", "Ralph Klein"}


def test_states_named_by_an_office_are_met_by_the_holders_of_that_office_only(extracted):
    x = extracted("The US and Russian presidents met at the summit in Hamburg. Russian Foreign Minister Pavel Orlov, "
                  "who attended the meeting with US Secretary of State Carl Lindqvist, said little.",
                  published="2017-07-08")
    [summit] = [m for m in meetings(x) if "United States" in names(x, m)]
    assert set(names(x, summit)) == {"United States", "Russia"}


def test_officials_an_international_visitor_met_act_for_the_country_visited(extracted):
    x = extracted("Dr Lim Wei, Secretary-General of ASEAN, visited Phnom Penh on 21 December. The Secretary-General "
                  "met with King Rama Sihanouk and Prime Minister Kem Sokha.", published="2011-12-22")
    met = [names(x, m) for m in meetings(x) if "Kem Sokha" in names(x, m)]
    assert met and met[0]["Kem Sokha"][1] == "KHM"


def test_whoever_was_present_at_the_meeting_attended_it(extracted):
    x = extracted("Foreign Minister Pedro Alves was also present in the meeting between Ali Rezaei and President "
                  "Omar Haddad which was held this evening.", published="2018-08-29")
    [meeting] = meetings(x)
    assert names(x, meeting)["Pedro Alves"][0] == "attendee"


def test_a_host_receiving_one_guest_acts_for_the_hosts_state(extracted):
    x = extracted("Egyptian President Samir Naguib received Israeli Prime Minister Dan Levi in Cairo on Sunday.",
                  published="2022-01-11")
    [meeting] = meetings(x)
    assert names(x, meeting)["Samir Naguib"] == ("host", "EGY")


def test_having_met_someone_is_the_subject_s_meeting_however_the_parser_hangs_it(extracted):
    x = extracted('"I come here as a special envoy only," Karl Weber said. He said had an "intensive discussion" with '
                  'General Aung Min, having met Foreign Minister Tin Maung yesterday.', published="2005-08-19")
    [earlier] = [m for m in meetings(x) if m.date == "2005-08-18"]
    assert set(names(x, earlier)) == {"Karl Weber", "Tin Maung"}


def test_the_people_of_a_relative_clause_meeting_are_in_it(extracted):
    x = extracted("Kerry Adams is the second US Cabinet member President Li has met, following US Treasury Secretary "
                  "Jacob Lowe, who visited Beijing in March.", published="2013-04-13")
    [visit] = [m for m in meetings(x) if "Jacob Lowe" in names(x, m) and m.cameo == "042"]
    assert "Kerry Adams" not in names(x, visit)


def test_a_meeting_someone_held_with_others_has_them_all(extracted):
    x = extracted("The talks resumed as demonstrated on Tuesday afternoon in an unprecedented meeting that Secretary "
                  "of State Carl Lindqvist held with the heads of the Israeli, Jordanian and Syrian delegations.",
                  published="1993-04-28")
    [meeting] = [m for m in meetings(x) if len(m.participants) > 1]
    assert set(names(x, meeting)) == {"Carl Lindqvist", "Israel", "Jordan", "Syria"}


@pytest.mark.parametrize("text", [
    "U.S. and Russian officials wrapped up talks on Monday. The Russian delegation included Pavel Orlov, chairman of "
    "a parliamentary committee, and Ivan Petrov, an adviser.",
    "U.S. and Russian officials wrapped up talks on Monday. The Russian side was represented by Pavel Orlov, chairman "
    "of a parliamentary committee, and Ivan Petrov, an adviser.",
])
def test_the_people_a_states_delegation_or_side_is_made_of_act_for_it(extracted, text):
    x = extracted(text, published="2025-03-25")
    sides = [names(x, m) for m in meetings(x) if "Pavel Orlov" in names(x, m)]
    assert sides and sides[0]["Pavel Orlov"][1] == "RUS" and sides[0]["Ivan Petrov"][1] == "RUS"
