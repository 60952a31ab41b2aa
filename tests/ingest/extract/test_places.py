"""Where an event happened, from venue to country (ingest/extract/places.py)."""
from __future__ import annotations

import pytest

from tests.ingest.extract.conftest import meetings, names


def chain(x, key):
    places = {p.key: p for p in x.places}
    out = []
    while key:
        out.append((places[key].name, str(places[key].kind)))
        key = places[key].within
    return out


def test_a_persons_premises_in_a_city_make_a_chain_and_a_host(extracted):
    x = extracted("Nigerian and Beninese officials held talks at President John Adeyemi's residence in Abuja "
                  "on Friday.", published="2017-04-30")
    [meeting] = meetings(x)
    assert chain(x, meeting.place) == [("residence of John Adeyemi", "venue"), ("Abuja", "city"),
                                       ("Nigeria", "country")]
    assert names(x, meeting)["John Adeyemi"] == ("host", None)


def test_a_city_lies_in_its_country(extracted):
    x = extracted("Iranian and Saudi diplomats met in Geneva on Monday.", published="2016-01-12")
    [meeting] = meetings(x)
    assert chain(x, meeting.place) == [("Geneva", "city"), ("Switzerland", "country")]


def test_the_capital_of_a_named_state(extracted):
    x = extracted("Thai and Cambodian ministers met at a government guesthouse in the Malaysian capital on Monday.",
                  published="2019-11-05")
    [meeting] = meetings(x)
    assert chain(x, meeting.place)[-2:] == [("Kuala Lumpur", "city"), ("Malaysia", "country")]


def test_a_named_site_inside_a_city(extracted):
    x = extracted("Indonesian President Budi Hartono and Australian Prime Minister Callum Whitaker met at "
                  "Parliament House in Canberra on Monday.", published="2019-02-12")
    [meeting] = meetings(x)
    assert chain(x, meeting.place) == [("Parliament House", "venue"), ("Canberra", "city"), ("Australia", "country")]


def test_where_a_speaker_stood_is_not_where_the_meeting_was(extracted):
    x = extracted("In Tehran, Iranian Foreign Minister Reza Karimi said the talks in Baghdad had gone well.",
                  published="2007-05-29")
    for meeting in meetings(x):
        assert meeting.place is None or "Tehran" not in [n for n, _ in chain(x, meeting.place)]


def test_the_dateline_in_the_text_is_where_the_article_was_filed(extracted):
    x = extracted("LIMA (Reuters) - Chilean Foreign Minister Ana Rojas met Peruvian Foreign Minister Luis Paredes "
                  "on Tuesday.", published="2019-03-13")
    places = {p.key: p for p in x.places}
    assert places[x.dateline].name == "Lima"


def test_here_is_the_dateline(extracted):
    x = extracted("The foreign ministers of Chile and Peru, Ana Rojas and Luis Paredes, conferred here Monday.",
                  published="2019-03-13", dateline="Santiago")
    [meeting] = [e for e in x.events if e.type == "meeting"]
    assert {p.key: p for p in x.places}[meeting.place].name == "Santiago"


def test_a_place_hung_on_the_partner_is_the_meetings(extracted):
    x = extracted("President Ana Rojas met this Saturday with her Peruvian counterpart Luis Paredes at the "
                  "Government Palace, in Lima.", published="2019-03-13")
    [meeting] = [e for e in x.events if e.type == "meeting"]
    places = {p.key: p for p in x.places}
    chain = []
    key = meeting.place
    while key:
        chain.append(places[key].name)
        key = places[key].within
    assert "Lima" in chain


def test_a_meeting_is_where_its_people_travelled_for_it(extracted):
    x = extracted("UN envoy Ana Rojas travelled to the coastal town, Mombasa, for talks with Kenyan "
                  "President Peter Obuya.", published="2006-05-21")
    [meeting] = [m for m in meetings(x) if m.participants]
    assert chain(x, meeting.place)[0] == ("Mombasa", "city")


def test_a_meeting_on_the_sidelines_of_the_summit_is_where_the_article_says_the_summit_was(extracted):
    x = extracted("President Ana Rojas returned home after the extraordinary summit of the Andean Community, which "
                  "was held in Quito on Saturday. She met on the sidelines of the summit with the Peruvian "
                  "President, Luis Vega.", published="2018-11-19")
    [meeting] = [m for m in meetings(x) if len(m.participants) >= 2]
    assert chain(x, meeting.place)[0] == ("Quito", "city")


def test_a_visitors_meetings_are_in_the_city_the_visitor_arrived_in(extracted):
    x = extracted("The Special Mission of the Andean Community, headed by Chilean envoy Ana Rojas, arrived in "
                  "Lima on Sunday. The Mission has so far met with President Luis Vega, Senate President Jorge "
                  "Quispe and Chamber President Rosa Mamani.", published="2016-02-02")
    placed = [chain(x, m.place)[0] for m in meetings(x) if "Ana Rojas" in names(x, m)]
    assert placed and all(p == ("Lima", "city") for p in placed)


def test_a_visitor_who_came_to_a_country_met_in_the_one_city_of_it_the_article_names(extracted):
    x = extracted("Peruvian President Luis Vega arrived in Chile on Sunday. He met with Chilean President Ana "
                  "Rojas on Monday. Talks in Valparaiso will also include the trade ministers.",
                  published="2017-11-14")
    [meeting] = [m for m in meetings(x) if m.date == "2017-11-13"]
    assert chain(x, meeting.place)[:2] == [("Valparaíso", "city"), ("Chile", "country")]


def test_a_visitor_who_came_to_a_country_met_in_the_city_the_article_was_filed_from(extracted):
    x = extracted("Prime Minister Ana Rojas on Saturday met Angolan President Luis Vega during his state visit to "
                  "Chile.", published="2025-05-03", dateline="Santiago")
    [meeting] = meetings(x)
    assert chain(x, meeting.place)[0] == ("Santiago", "city")


def test_a_visit_to_a_country_by_a_visitor_places_the_visitors_meetings_in_it(extracted):
    x = extracted("Luis Vega's visit to Chile was the first by a Peruvian president in 28 years. Vega and Ana Rojas "
                  "met on Friday.", published="1988-12-31")
    [meeting] = [m for m in meetings(x) if m.date == "1988-12-30"]
    assert chain(x, meeting.place) == [("Chile", "country")]


def test_a_visit_only_proposed_is_not_where_the_visitors_meetings_are(extracted):
    x = extracted("President Ana Rojas told Luis Vega today that he is too old to visit Chile again. Rojas and Vega "
                  "met for two hours.", published="1987-06-29")
    [meeting] = [m for m in meetings(x) if len(m.participants) >= 2]
    assert meeting.place is None


def test_a_journey_recalled_is_not_where_todays_meetings_are(extracted):
    x = extracted("Former President Karin Lindgren last visited Lima in 1979. On Monday she met President Luis "
                  "Vega.", published="1987-06-30")
    [meeting] = [m for m in meetings(x) if m.date == "1987-06-29"]
    assert meeting.place is None


def test_a_meeting_on_the_sidelines_of_a_forum_is_where_the_forum_was(extracted):
    x = extracted("Peruvian Foreign Minister Rosa Mamani and Chilean Foreign Minister Jorge Quispe met on Monday on "
                  "the sidelines of a regional trade forum in Panama.", published="2016-05-03")
    [meeting] = meetings(x)
    assert chain(x, meeting.place) == [("Panama", "country")]


def test_a_summit_named_by_a_state_and_a_region_is_held_by_that_state(extracted):
    x = extracted("On the sidelines of the Turkey-Africa summit, President Ana Rojas of Chile met Prime Minister "
                  "Luis Vega of Peru.", published="2021-12-20")
    [meeting] = meetings(x)
    assert chain(x, meeting.place) == [("Turkey", "country")]


def test_a_summit_named_by_two_states_names_no_place(extracted):
    x = extracted("Prime Minister Luis Vega of Peru and President Ana Rojas of Chile met at the Peru-Chile summit.",
                  published="2021-12-20")
    [meeting] = meetings(x)
    assert meeting.place is None


def test_a_city_said_of_the_premises_owner_is_where_the_premises_are(extracted):
    x = extracted("Chilean envoy Ana Rojas met Peruvian Foreign Minister Luis Vega at the office of Prime Minister "
                  "Jorge Quispe in Lima on Friday.", published="2016-05-03")
    [meeting] = meetings(x)
    assert chain(x, meeting.place) == [("office of Jorge Quispe", "venue"), ("Lima", "city"), ("Peru", "country")]


def test_a_city_the_tagger_took_for_something_else_is_still_the_city(extracted):
    x = extracted("UN envoy Ana Rojas met junta chief Luis Vega in military-built capital Naypyidaw on Monday.",
                  published="2023-04-25")
    [meeting] = meetings(x)
    assert chain(x, meeting.place)[0] == ("Nay Pyi Taw", "city")


def test_a_small_town_named_like_a_word_is_no_place(extracted):
    x = extracted("Peres and Mubarak Hold Summit Meeting\n\nPeres and Mubarak met on Thursday.",
                  published="1986-09-12")
    assert all(p.name != "Summit" for p in x.places)


def test_a_dated_dateline_in_the_text_is_where_the_article_was_filed(extracted):
    x = extracted("KATHMANDU, May 6: Foreign Minister Ram Thapa and visiting Japanese Foreign Minister Yumi Sato held "
                  "bilateral talks on Sunday.", published="2024-05-06")
    assert chain(x, x.dateline)[0] == ("Kathmandu", "city")


def test_a_venue_name_cut_before_its_state_loses_the_dangling_word(extracted):
    x = extracted("On Wednesday, Pakistani Foreign Minister Imran Aziz met Tajik Foreign Minister Ali Rahimov at the "
                  "Ministry of Foreign Affairs of Tajikistan.", published="2021-08-25")
    assert all(not p.name.endswith(" of") for p in x.places)


def test_the_white_house_is_a_building_never_casablanca(extracted):
    x = extracted("President Tom Baker and Colombian President Juan Mora spoke Tuesday at the White House.",
                  published="2013-12-04")
    [meeting] = meetings(x)
    assert chain(x, meeting.place)[0] == ("White House", "venue")


def test_a_visitor_who_reached_a_city_met_there(extracted):
    x = extracted("President Omar Haddad, who reached Lima last night, is on a three-day visit. On Tuesday he met "
                  "Peruvian President Luis Vega.", published="2017-01-31")
    [meeting] = meetings(x)
    assert chain(x, meeting.place)[0] == ("Lima", "city")


def test_a_place_name_ends_before_the_blank_line(extracted):
    x = extracted("PM Ali Khan receives President Omar Haddad at PM House\n\nISLAMABAD, Jan 31 (APP): Prime Minister "
                  "Ali Khan on Tuesday received President Omar Haddad on his arrival at the PM House.",
                  published="2017-01-31")
    assert all(p.name == p.name.strip() for p in x.places)
    assert "PM House" in {p.name for p in x.places}


def test_a_meeting_during_a_stopover_is_where_the_stopover_was(extracted):
    x = extracted("BUENOS AIRES (Reuters) - President Karl Weber held brief talks on Sunday with Brazilian "
                  "President Jose Lima during a stopover in Brasilia.", published="1987-03-16")
    [meeting] = meetings(x)
    assert chain(x, meeting.place)[0] == ("Brasília", "city")


@pytest.mark.parametrize("text", [
    "President Omar Haddad is on a three-day official visit to Chile. He met President Ana Rojas on Tuesday.",
    "A senior official accompanying Omar Haddad on the first visit to Chile by a Peruvian leader said talks "
    "went well. Haddad met President Ana Rojas on Tuesday.",
])
def test_whoever_is_on_a_visit_to_a_country_met_there(extracted, text):
    x = extracted(text, published="2017-01-31")
    [meeting] = [m for m in meetings(x) if m.date == "2017-01-31"]
    assert chain(x, meeting.place) == [("Chile", "country")]


def test_a_venue_name_never_ends_in_the_preposition_after_it(extracted):
    x = extracted("Chinese President Li Wei met with Secretary of State Carl Lindqvist at the Great Hall of the "
                  "People on Monday.", published="2023-06-19")
    assert "Great Hall of the People" in {p.name for p in x.places}
