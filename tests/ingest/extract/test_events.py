"""Event words, CAMEO codes, tense and what did not happen (ingest/extract/events.py)."""
from __future__ import annotations

import pytest

from tests.ingest.extract.conftest import meetings, names


@pytest.mark.parametrize("sentence", [
    "The two foreign ministers would meet again next month, Spanish Foreign Minister Pilar Ortega said.",
    "Spanish Foreign Minister Pilar Ortega left open the possibility of future talks with Morocco.",
    "Spanish Foreign Minister Pilar Ortega has rejected talks with Morocco.",
    "The European Union urged Spanish Foreign Minister Pilar Ortega to keep talking to Morocco.",
    "Spanish Foreign Minister Pilar Ortega did not meet Moroccan Foreign Minister Karim Alaoui.",
])
def test_a_meeting_that_did_not_happen_is_no_meeting(extracted, sentence):
    assert meetings(extracted(sentence)) == []


def test_a_wished_meeting_is_an_intent_to_meet(extracted):
    x = extracted("Spanish Foreign Minister Pilar Ortega left open the possibility of future talks with Morocco.")
    [intent] = [e for e in x.events if e.type == "intent"]
    assert intent.cameo == "036"


def test_a_scheduled_meeting_is_an_intent_to_meet_with_its_date(extracted):
    x = extracted("Brazilian President Lucia Ferraz will meet Argentine President Tomas Vidal in Montevideo on Friday.",
                  published="2021-09-14")
    assert meetings(x) == []  # planned, not (yet) a meeting: it never counts as one
    [intent] = [e for e in x.events if e.type == "intent"]
    assert intent.tense == "future"
    assert intent.date == "2021-09-17"


def test_a_press_conference_reports_words_not_a_meeting(extracted):
    x = extracted("Greek Prime Minister Eleni Vlachou told a news conference in Athens that the deal was done.")
    assert meetings(x) == []
    assert [e.type for e in x.events] == ["statement"]


@pytest.mark.parametrize(("sentence", "cameo"), [
    ("Kenyan President Daniel Kimani made a state visit to Ghana on Monday.", "042"),
    ("Portuguese Prime Minister Rui Costa hosted Spanish Prime Minister Ana Ruiz in Lisbon on Monday.", "043"),
    ("Greek and Turkish negotiators held negotiations in Athens on Monday.", "046"),
])
def test_meeting_words_carry_their_cameo_code(extracted, sentence, cameo):
    [meeting] = meetings(extracted(sentence, published="2020-02-05"))
    assert meeting.cameo == cameo


@pytest.mark.parametrize(("sentence", "type_", "cameo"), [
    ("Bolivia accused Chile of stealing water from border springs.", "accusation", "112"),
    ("Police in Nairobi arrested Kenyan opposition leader Paul Mwangi on Tuesday.", "arrest", "173"),
    ("Serbian President Marko Ilic said the border would stay open.", "statement", "010"),
])
def test_other_events_have_their_type_and_code(extracted, sentence, type_, cameo):
    x = extracted(sentence)
    assert (type_, cameo) in {(e.type, e.cameo) for e in x.events}


def test_two_meetings_in_one_sentence_pair_are_kept_apart(extracted):
    x = extracted("Indonesian President Budi Hartono met Australian Prime Minister Callum Whitaker on Monday. "
                  "Separately, Indonesian Foreign Minister Indah Sari held talks with her Australian counterpart "
                  "Julia Brennan.")
    assert len(meetings(x)) == 2


def test_a_recalled_meeting_is_kept_only_with_its_own_date(extracted):
    undated = extracted("Chilean Foreign Minister Ana Rojas last met Peruvian Foreign Minister Luis Prado in Lima.")
    assert meetings(undated) == []
    dated = extracted("Chilean Foreign Minister Ana Rojas last met Peruvian Foreign Minister Luis Prado in Lima "
                      "in February 2013.", published="2019-03-13")
    assert [(m.date, m.date_precision) for m in meetings(dated)] == [("2013-02-01", "month")]


def test_a_meeting_dated_by_another_is_a_meeting_of_its_own(extracted):
    x = extracted("Envoy Henrik Eriksen met special envoy Yaw Dubois two days before the talks to settle the agenda.")
    own, talks = sorted(meetings(x), key=lambda m: -len(m.participants))
    assert len(own.participants) == 2  # the envoys' meeting took place: another one than "the talks"
    assert talks.participants == [] and talks.anaphoric


@pytest.mark.parametrize("sentence", [
    "Chilean Foreign Minister Ana Rojas and Peruvian Foreign Minister Luis Paredes met again on Tuesday in Lima.",
    "Chilean Foreign Minister Ana Rojas held a second round of talks with Peruvian Foreign Minister Luis Paredes "
    "on Tuesday.",
])
def test_a_repeated_meeting_that_took_place_is_a_meeting(extracted, sentence):
    [meeting] = meetings(extracted(sentence, published="2019-03-13"))
    assert meeting.date == "2019-03-12"


@pytest.mark.parametrize("sentence", [
    "Chilean Foreign Minister Ana Rojas will hold a second round of talks with Peruvian Foreign Minister "
    "Luis Paredes next week.",
    "Chilean Foreign Minister Ana Rojas and Peruvian Foreign Minister Luis Paredes would meet again in May.",
])
def test_a_repeated_meeting_still_ahead_is_no_meeting(extracted, sentence):
    assert meetings(extracted(sentence)) == []


def test_two_persons_discussing_are_meeting(extracted):
    x = extracted("Egyptian President Samir Naguib and visiting Israeli Prime Minister Dan Levi discussed bilateral "
                  "relations on Monday.", published="2019-03-13")
    [meeting] = meetings(x)
    assert meeting.date == "2019-03-11"


@pytest.mark.parametrize("text", [
    "Egyptian President Samir Naguib and Israeli Prime Minister Dan Levi discussed bilateral relations by phone "
    "on Monday.",
    "The two leaders spoke by telephone on Monday. Egyptian President Samir Naguib and Israeli Prime Minister "
    "Dan Levi discussed bilateral relations.",
    "Egyptian President Samir Naguib met virtually with Israeli Prime Minister Dan Levi on Monday.",
])
def test_a_discussion_by_phone_is_no_meeting(extracted, text):
    assert meetings(extracted(text)) == []


def test_a_headline_verb_read_as_a_noun_still_reports_a_meeting(extracted):
    x = extracted("Buhari hosts South Africa's President, Ramaphosa at Aso Villa\n\nNigerian President Muhammadu "
                  "Buhari and South African President Cyril Ramaphosa spoke to reporters.", published="2021-12-01")
    [meeting] = meetings(x)
    assert len(meeting.participants) == 2


def test_meeting_a_commitment_is_no_meeting(extracted):
    x = extracted("Ghanaian Finance Minister Kwesi Mensah said the country met its export commitments last year.")
    assert meetings(x) == []


def test_a_meeting_dated_after_publication_is_only_planned(extracted):
    x = extracted("Finance Minister Kwesi Mensah meets his Nigerian counterpart Ali Musa in Geneva on Friday.",
                  published="1987-03-11")
    assert meetings(x) == []
    assert [e.type for e in x.events if e.type == "intent"] == ["intent"]


def test_discussions_held_with_someone_are_a_meeting(extracted):
    x = extracted("President Isaac Afewerki also held similar discussions with Foreign Minister Abdou Diallo of "
                  "Mali on Sunday.", published="2023-11-12")
    [meeting] = meetings(x)
    assert len(meeting.participants) == 2


def test_having_met_someone_earlier_is_another_meeting(extracted):
    x = extracted("He said he had an intensive discussion with Senior General Than Aung, having met Foreign "
                  "Minister Nyan Thein yesterday.", published="2005-08-19")
    assert len(meetings(x)) == 2


def test_a_meeting_next_month_is_only_planned(extracted):
    x = extracted("Secretary of State Paul Grant is scheduled to meet Soviet Foreign Minister Ivan Petrov next month.",
                  published="1987-03-18")
    assert meetings(x) == []


def test_a_meeting_that_will_happen_is_only_planned(extracted):
    x = extracted("King Fahd will meet Queen Margaret of Denmark during his visit.", published="1987-03-18")
    assert meetings(x) == []


@pytest.mark.parametrize("sentence", [
    "Central bank governor Maria Lopez and her deputy Juan Cruz conferred on the telephone on Monday.",
    "Chilean Foreign Minister Ana Rojas held phone talks with Peruvian Foreign Minister Luis Vega.",
    "Ortiz Holdings suggested holding talks with Vega Industries on a possible merger.",
    "Ecuador has been holding talks with the International Monetary Fund on a new loan.",
    "Greek Prime Minister Nikos Pappas proposed in a letter to his Turkish counterpart Ahmet Demir that they meet "
    "to discuss the Aegean.",
    "Chilean Prime Minister Ana Rojas visits Peru next week for talks with Peruvian President Luis Vega.",
    "Rojas said another issue she would raise during a visit to Peru was access for Chilean banks.",
])
def test_no_encounter_told_is_no_meeting(extracted, sentence):
    assert meetings(extracted(sentence, published="1987-03-20")) == []


@pytest.mark.parametrize("sentence", [
    "Ecuador and the International Monetary Fund held talks in Quito on Monday.",
    "Ecuador and the International Monetary Fund held talks last week.",
])
def test_talks_of_two_states_dated_or_placed_are_a_meeting(extracted, sentence):
    assert len(meetings(extracted(sentence, published="1987-03-20"))) == 1


def test_a_meeting_held_late_is_a_meeting(extracted):
    x = extracted("Today's one-hour private meeting between President Ana Rojas and Prime Minister Luis Vega was "
                  "delayed as the two delegations worked to bridge the gap.", published="1986-09-12")
    assert [m.date for m in meetings(x)] == ["1986-09-12"]


def test_talks_named_in_a_what_clause_are_held_by_the_subject(extracted):
    x = extracted("Greek Prime Minister Nikos Pappas held what officials described as constructive talks with "
                  "Turkish President Ahmet Demir in Ankara on Friday.", published="2021-03-15")
    [meeting] = meetings(x)
    assert meeting.date == "2021-03-12"
    assert {p.actor for p in meeting.participants} >= {a.key for a in x.actors if a.kind == "person"}


def test_a_past_tense_the_parser_took_for_an_adjective_is_still_the_meeting(extracted):
    x = extracted("President Musa Bello on Wednesday hosted South counterpart, Themba Nkosi, in the Presidential "
                  "Villa Abuja.", published="2021-12-01")
    [meeting] = meetings(x)
    assert meeting.date == "2021-12-01"
    assert len(meeting.participants) == 2


def test_talks_in_preparation_for_a_summit_are_not_the_summit(extracted):
    x = extracted("Chancellor Eva Brandt and President Luc Moreau held talks in Berlin in preparation for an "
                  "emergency summit on Thursday.", published="2011-07-20")
    talks = [e for e in x.events if e.type == "meeting"]
    assert [e.date for e in talks] == [None]  # the Thursday is the summit's


def test_a_round_of_talks_held_is_a_sitting_not_a_state_of_affairs(extracted):
    x = extracted("Greek and Turkish negotiators held their second round of direct talks, and decided to meet again.",
                  published="2013-08-15")
    [meeting] = meetings(x)
    assert {p.actor for p in meeting.participants} == {"s:grc", "s:tur"}


def test_a_person_and_his_counterpart_named_in_apposition_discussing_are_meeting(extracted):
    x = extracted("Turkish Foreign Minister Ali Demir met Indian Foreign Minister Raj Kumar on Monday. Demir and his "
                  "Pakistani counterpart Imran Aziz also discussed bilateral relations.", published="2021-03-30")
    assert any({"Ali Demir", "Imran Aziz"} <= {a.name for a in x.actors if a.key in {p.actor for p in m.participants}}
               for m in meetings(x))


@pytest.mark.parametrize("text", [
    "Japanese Foreign Minister Yumi Sato paid a courtesy call on Prime Minister Ram Thapa on Sunday.",
    "Pakistani Foreign Minister Imran Aziz called on Afghan President Omar Zaheer in Kabul on Monday.",
])
def test_a_call_on_someone_in_person_is_a_visit(extracted, text):
    [meeting] = meetings(extracted(text, published="2019-03-12"))
    assert meeting.cameo == "042" and len(meeting.participants) == 2


def test_a_call_on_someone_to_do_something_is_an_appeal(extracted):
    x = extracted("Foreign Minister Imran Aziz called on President Omar Zaheer to resign on Monday.",
                  published="2019-03-12")
    assert not meetings(x)


def test_a_guest_named_after_the_place_of_the_welcome_is_still_received(extracted):
    x = extracted("Today, President Omar Zaheer and his spouse received at Cairo International Airport Turkish "
                  "President Ali Demir and his spouse.", published="2024-02-14")
    [meeting] = meetings(x)
    assert len(meeting.participants) == 2


def test_they_exchanged_views_is_the_pair_named_before_meeting(extracted):
    x = extracted("President Omar Zaheer has met with visiting U.S. special envoy Tom Baker, the palace said on "
                  "Monday. They exchanged views on Sunday at the Presidential Palace on holding peace talks.",
                  published="2018-10-08")
    dated = [m for m in meetings(x) if m.date]
    assert [(m.date, len(m.participants)) for m in dated] == [("2018-10-07", 2)]
    assert not any(m.under_way for m in meetings(x))  # "on holding peace talks" is a topic


def test_exchanging_prisoners_or_fire_is_no_meeting(extracted):
    x = extracted("Greek Prime Minister Nikos Pappas and Turkish President Ali Demir exchanged prisoners on Sunday.",
                  published="2018-10-08")
    assert not meetings(x)


@pytest.mark.parametrize(("text", "meets"), [
    ("President Tom Baker and Colombian President Juan Mora spoke Tuesday at the White House.", True),
    ("President Tom Baker spoke with Colombian President Juan Mora on Tuesday.", True),
    ("President Tom Baker and Colombian President Juan Mora spoke by telephone on Tuesday.", False),
    ("President Tom Baker spoke to reporters on Tuesday.", False),
])
def test_two_persons_speaking_together_are_meeting_unless_by_telephone(extracted, text, meets):
    assert bool(meetings(extracted(text, published="2013-12-04"))) is meets


def test_a_summit_a_meeting_hopes_to_ensure_is_another_and_not_yet(extracted):
    x = extracted("South Korean President Lee Min-ho and North Korean leader Kim Jong Un held a surprise meeting on "
                  "Saturday in an effort to ensure that a summit between Kim and U.S. President Tom Baker takes "
                  "place.", published="2018-05-26")
    names = {a.key: a.name for a in x.actors}
    assert [sorted(names[p.actor] for p in m.participants) for m in meetings(x)] == [["Kim Jong Un", "Lee Min-ho"]]


def test_two_named_in_apposition_to_their_offices_discussing_are_meeting(extracted):
    x = extracted("Iranian Foreign Minister, Ali Karimi, and his Omani counterpart, Yusuf bin Salim, discussed "
                  "bilateral ties and regional issues, on Saturday.", published="2019-07-28")
    [meeting] = meetings(x)
    assert (meeting.date, len(meeting.participants)) == ("2019-07-27", 2)


def test_later_with_a_past_verb_is_afterwards_not_ahead(extracted):
    x = extracted("Greek Foreign Minister Nikos Pappas later met with Turkish President Ali Demir.", published="2023-08-19")
    assert [m.type for m in x.events if m.type in ("meeting", "intent")] == ["meeting"]


def test_an_interaction_held_with_someone_is_a_meeting(extracted):
    x = extracted("Foreign Minister Ali Khan also held a brief interaction with Deputy Secretary Anna Berg on "
                  "Monday.", published="2019-12-10")
    [meeting] = meetings(x)
    assert set(names(x, meeting)) == {"Ali Khan", "Anna Berg"}


def test_a_meeting_under_if_is_not_told_as_held(extracted):
    x = extracted('"If Chile and Peru have concluded their negotiations, we want to end ours," Minister Jorge '
                  'Quispe said.', published="1987-03-05")
    assert meetings(x) == []


def test_meeting_as_a_custom_is_no_meeting(extracted):
    x = extracted("Oil Minister Ali Kamal and his Kuwaiti counterpart Saad Nasser meet very often, officials said.",
                  published="1987-03-05")
    assert meetings(x) == []


@pytest.mark.parametrize("text", [
    "In a speech to a meeting of business executives, Goodyear Chairman Carl Lindqvist and his deputy Ann Berg "
    "lashed out at corporate raiders.",
    "Carl Lindqvist and Ann Berg were named directors of Summit, the Dallas company said on Friday in a statement.",
])
def test_an_audience_or_a_firm_named_like_a_meeting_is_no_meeting(extracted, text):
    assert meetings(extracted(text, published="1987-03-05")) == []


@pytest.mark.parametrize("text", [
    "Chilean President Ana Rojas and her Peruvian counterpart Luis Vega shook hands at the summit on Friday.",
    "Chilean President Ana Rojas and her Peruvian counterpart Luis Vega exchanged a handshake on Friday.",
    "Chilean President Ana Rojas and her Peruvian counterpart Luis Vega held a brief conversation on Friday.",
])
def test_a_handshake_or_a_conversation_in_person_is_a_meeting(extracted, text):
    x = extracted(text, published="2017-11-11")
    [meeting] = meetings(x)
    assert set(names(x, meeting)) == {"Ana Rojas", "Luis Vega"}


def test_a_telephone_conversation_is_no_meeting(extracted):
    x = extracted("Chilean President Ana Rojas and her Peruvian counterpart Luis Vega held a telephone conversation "
                  "on Friday.", published="2017-11-11")
    assert meetings(x) == []


def test_a_verb_sharing_an_infinitives_to_is_a_purpose_not_a_meeting(extracted):
    x = extracted("Foreign Minister Ali Rezaei arrived in Ankara this afternoon to exchange views and negotiate with "
                  "the Turkish authorities on trade.", published="2018-08-29")
    assert meetings(x) == []
