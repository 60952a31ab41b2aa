"""Offices and the countries they give (ingest/extract/titles.py)."""
from __future__ import annotations

import pytest

from tests.ingest.extract.conftest import meetings, names, person


def test_office_in_front_of_the_name_gives_title_and_country(extracted):
    x = extracted("Chilean Foreign Minister Tomás Echeverría arrived in Lima on Sunday.")
    p = person(x, "Tomás Echeverría")
    assert p.country == "CHL"
    assert [t.title for t in p.titles] == ["Chilean Foreign Minister"]


def test_an_ambassador_belongs_to_the_sending_state_not_the_host(extracted):
    x = extracted("Sophie Laurent, the French ambassador to Canada, said the talks were useful. "
                  "Ghana's ambassador to Japan, Kwame Mensah, told reporters he agreed.")
    assert person(x, "Sophie Laurent").country == "FRA"
    assert "ambassador to Canada" in person(x, "Sophie Laurent").titles[0].title
    assert person(x, "Kwame Mensah").country == "GHA"


def test_an_office_held_for_another_person_takes_that_persons_country(extracted):
    x = extracted("A spokeswoman for Swedish Prime Minister Lena Berg, Ulla Nyström, said the visit was off.")
    ulla = person(x, "Ulla Nyström")
    assert ulla.country == "SWE"
    assert "spokeswoman for" in ulla.titles[0].title.lower()
    assert person(x, "Lena Berg").country == "SWE"


def test_a_country_in_front_of_an_expert_is_a_speciality_but_a_demonym_is_a_nationality(extracted):
    x = extracted("Peter Olsen, a Norway expert at the Institute of International Affairs, said little. "
                  "Amara Okafor, a Nigerian economist, disagreed.")
    assert person(x, "Peter Olsen").country is None
    assert "expert" in person(x, "Peter Olsen").titles[0].title
    assert person(x, "Amara Okafor").country == "NGA"


def test_an_office_of_one_state_only_names_it(extracted):
    x = extracted("Secretary of State Maria Lopez flew to Cairo on Monday.")
    assert person(x, "Maria Lopez").country == "USA"


def test_an_office_in_a_named_body_takes_the_bodys_state(extracted):
    x = extracted("Kazuo Ito, deputy head of the Japanese National Security Secretariat, said nothing had changed.")
    ito = person(x, "Kazuo Ito")
    assert ito.country == "JPN"
    assert "deputy head" in ito.titles[0].title


def test_an_unnamed_persons_office_is_not_given_to_the_name_after_it(extracted):
    x = extracted("A senior aide to Evo Ramírez told reporters the deal was close. Ramírez later denied it.")
    assert not person(x, "Evo Ramírez").titles


def test_a_counterpart_holds_the_same_office_for_another_state(extracted):
    x = extracted("Thai Foreign Minister Somchai Wongsa met his Cambodian counterpart Hun Sokha in Bangkok.")
    sokha = person(x, "Hun Sokha")
    assert sokha.country == "KHM"
    assert "foreign minister" in sokha.titles[0].title.lower()


def test_leading_a_delegation_gives_the_country(extracted):
    x = extracted("The Greek team, headed by Nikos Pappas, met Turkish negotiators in Athens on Tuesday.")
    assert person(x, "Nikos Pappas").country == "GRC"


def test_an_official_without_a_country_is_of_the_one_other_state_named(extracted):
    x = extracted("President Ana Rojas met this Saturday with her Venezuelan counterpart Luis Paredes in Caracas. "
                  "The Colombian delegation returned home.")
    assert person(x, "Ana Rojas").country == "COL"


@pytest.mark.parametrize("relations", ["bilateral relations between Kenya and Burundi", "Kenya-Burundi cooperation"])
def test_the_other_party_to_relations_two_officials_discuss_is_the_unknown_ones_state(extracted, relations):
    x = extracted("At the summit in Saudi Arabia, President Juma Okello met President Brice Mba Obame of Gabon. "
                  f"President Okello also met President Evariste Ndikumana of Burundi on strengthening {relations}.")
    assert person(x, "Juma Okello").country == "KEN"


def test_a_plural_office_of_two_states_goes_to_the_two_names_in_order(extracted):
    x = extracted("Chilean and Peruvian Foreign Ministers Ana Rojas and Luis Vega are meeting in Arica.")
    assert (person(x, "Ana Rojas").country, person(x, "Luis Vega").country) == ("CHL", "PER")
    assert [t.title for t in person(x, "Luis Vega").titles] == ["Peruvian Foreign Minister"]


def test_a_person_named_by_state_is_of_that_state(extracted):
    x = extracted("Serzh Sarkisian of Armenia and Georgia's Irakli Kobakhidze met in Tbilisi on Monday.")
    assert (person(x, "Serzh Sarkisian").country, person(x, "Irakli Kobakhidze").country) == ("ARM", "GEO")
    [meeting] = meetings(x)
    assert names(x, meeting) == {"Serzh Sarkisian": ("participant", "ARM"), "Irakli Kobakhidze": ("participant", "GEO")}


def test_the_field_of_an_office_may_stand_between_the_state_and_the_office(extracted):
    x = extracted("The communique was issued after talks between Guinean natural resources minister Sekou Camara "
                  "and Nigerian minister of mines and power Musa Bello.")
    assert (person(x, "Sekou Camara").country, person(x, "Musa Bello").country) == ("GIN", "NGA")


def test_in_a_list_of_offices_and_names_each_office_is_the_next_names(extracted):
    x = extracted("President Omar Hassan has met on the sidelines of the summit with the Chadian President, Idris "
                  "Mahamat, the Rwandan President, Paul Mugisha, and the Ethiopian Prime Minister, Abiy Ahmed.")
    assert [(person(x, n).country, [t.title for t in person(x, n).titles])
            for n in ("Idris Mahamat", "Paul Mugisha", "Abiy Ahmed")] == [
        ("TCD", ["Chadian President"]), ("RWA", ["Rwandan President"]), ("ETH", ["Ethiopian Prime Minister"])]


def test_the_president_of_the_republic_is_of_the_state_the_report_is_filed_from(extracted):
    x = extracted("President of the Republic, Field Marshal Omar Hassan, returned home on Sunday.",
                  dateline="Khartoum")
    assert person(x, "Omar Hassan").country == "SDN"


def test_a_counterpart_after_and_is_the_next_persons_office(extracted):
    x = extracted("Azerbaijani President Ilham Aliev and his recently elected Armenian counterpart, Serzh Sarkisian, "
                  "met for the first time.")
    assert person(x, "Serzh Sarkisian").country == "ARM"


@pytest.mark.parametrize(("text", "name", "country"), [
    ("China's 82-year-old leader Deng Xiaoping met former President Jimmy Carter today.", "Deng Xiaoping", "CHN"),
    ("Australian PM Anthony Albanese met Solomon Islands PM Manasseh Sogavare in Suva on Wednesday.",
     "Manasseh Sogavare", "SLB"),
])
def test_the_state_in_front_of_an_office_past_an_age_or_in_several_words(extracted, text, name, country):
    assert person(extracted(text), name).country == country


def test_an_office_and_comma_before_a_name_in_a_headline(extracted):
    x = extracted("Bello hosts South Africa's President, Nkosi at Aso Villa\n\nPresident Musa Bello on Wednesday "
                  "received Themba Nkosi.", published="2021-12-01")
    assert person(x, "Themba Nkosi").country == "ZAF"


def test_the_one_state_named_is_the_guests_when_its_official_is_named(extracted):
    x = extracted("President Ali Karimi officially welcomed the Prime Minister of Italy Marco Bianchi in Tehran on "
                  "Tuesday.", published="2016-04-12")
    assert person(x, "Ali Karimi").country is None


def test_an_airport_before_an_office_is_no_part_of_it(extracted):
    x = extracted("Today, President Omar Zaheer received at Cairo International Airport Turkish President Ali Demir.",
                  published="2024-02-14")
    assert [t.title for t in person(x, "Ali Demir").titles] == ["Turkish President"]


def test_the_state_after_an_offices_portfolio_is_its_state(extracted):
    x = extracted("The Minister for Foreign Affairs of Japan, Taro Sato, held talks with Chinese envoy Li Wei in "
                  "Kathmandu on Sunday, Nepalese officials said.", published="2024-05-06")
    assert person(x, "Taro Sato").country == "JPN"


def test_the_speaker_after_a_comma_is_no_apposition(extracted):
    x = extracted("A delegation met junta leader Ali Demir and the ousted President Omar Zaheer, a Nigerian presidential "
                  "spokesperson said.", published="2023-08-20")
    assert [t.title for t in person(x, "Omar Zaheer").titles] == ["President"]


def test_an_office_word_describing_a_thing_is_no_title(extracted):
    x = extracted("Japanese Foreign Minister Kenji Sato discussed regional issues with Ali Rezaei. A news agency said "
                  "Sato is in Tehran at the official invitation of Rezaei.", published="2021-08-22")
    assert person(x, "Ali Rezaei").titles == []
