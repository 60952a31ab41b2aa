"""One event per real-world event (ingest/resolve/events.py)."""
from __future__ import annotations

from graph_schema.model import DatePrecision, LocationKind
from ingest.extraction import PlaceMention
from ingest.resolve import resolve
from tests.ingest.resolve.conftest import article, city, country, meeting, person, state


def two_ministers(aid: str, published: str, date: str | None, start: int = 0, place: str | None = "g:1"):
    return article(aid, published, actors=[
        person(aid, "p1", "Nikos Pappas", "GRC", ["Greek Ambassador"]),
        person(aid, "p2", "Ahmet Demir", "TUR", ["Turkish Deputy Foreign Minister"]),
        state(aid, "GRC", "Greece"), state(aid, "TUR", "Turkey")],
        places=[city("g:1", "Athens", "GRC", 264371), country("GRC", "Greece")],
        events=[meeting(aid, "e1", start, [("p1", "participant", "s:grc"), ("p2", "participant", "s:tur")],
                        date, place)])


def meetings_of(graph):
    return [e for e in graph.events.values() if e.is_meeting]


def test_two_articles_one_meeting_are_one_event_with_both_sources():
    graph = resolve([two_ministers("a1", "2021-03-17", "2021-03-16"), two_ministers("a2", "2021-03-17", None)])
    [event] = meetings_of(graph)
    assert {s.article for s in event.sources} == {"a1", "a2"}
    assert event.date == "2021-03-16"
    assert event.merged_from and "a2#e1" in " ".join(event.merged_from)
    assert {(p.actor, p.represents) for p in event.participants} == {("a:nikos-pappas", "a:grc"),
                                                                     ("a:ahmet-demir", "a:tur")}


def test_the_same_people_on_different_days_are_two_meetings():
    graph = resolve([two_ministers("a1", "2021-03-17", "2021-03-16"), two_ministers("a2", "2021-06-02", "2021-06-01")])
    assert sorted(e.date for e in meetings_of(graph)) == ["2021-03-16", "2021-06-01"]


def test_a_month_contains_a_day_of_it():
    a = two_ministers("a1", "2021-03-17", "2021-03-16")
    b = two_ministers("a2", "2021-04-02", "2021-03-01")
    b.events[0].date_precision = DatePrecision.MONTH
    [event] = meetings_of(resolve([a, b]))
    assert (event.date, event.date_precision) == ("2021-03-16", DatePrecision.DAY)


def test_two_meetings_of_one_day_with_different_people_stay_two():
    aid = "a1"
    x = article(aid, "2019-02-12", actors=[
        person(aid, "p1", "Budi Hartono", "IDN", ["Indonesian President"]),
        person(aid, "p2", "Callum Whitaker", "AUS", ["Australian Prime Minister"]),
        person(aid, "p3", "Indah Sari", "IDN", ["Indonesian Foreign Minister"]),
        person(aid, "p4", "Julia Brennan", "AUS", ["Australian Foreign Minister"]),
        state(aid, "IDN", "Indonesia"), state(aid, "AUS", "Australia")],
        events=[meeting(aid, "e1", 0, [("p1", "participant", None), ("p2", "participant", None)], "2019-02-11"),
                meeting(aid, "e2", 300, [("p3", "participant", None), ("p4", "participant", None)], "2019-02-11")])
    graph = resolve([x])
    assert len(meetings_of(graph)) == 2
    assert all({p.represents for p in e.participants} == {"a:idn", "a:aus"} for e in meetings_of(graph))


def test_a_sentence_naming_one_party_refers_back_and_a_lone_one_is_dropped():
    aid = "a1"
    x = article(aid, "2007-05-28", actors=[
        person(aid, "p1", "Ryan Crocker", "USA", ["U.S. Ambassador"]),
        person(aid, "p2", "Hassan Kazemi", "IRN", ["Iranian Ambassador"]),
        person(aid, "p3", "Mowaffak al-Rubaie", "IRQ", ["National Security Adviser"]),
        person(aid, "p4", "Ali Osman", "SDN", ["Foreign Minister"]),
        state(aid, "USA", "U.S."), state(aid, "IRN", "Iran"), state(aid, "IRQ", "Iraq")],
        events=[meeting(aid, "e1", 0, [("p1", "participant", "s:usa"), ("p2", "participant", "s:irn")], "2007-05-28"),
                meeting(aid, "e2", 200, [("p3", "participant", "s:irq")], None),  # "the talks were attended by"
                meeting(aid, "e3", 400, [], None),
                meeting(aid, "e4", 600, [("p4", "participant", None)], None)])  # "he met a number of ministers"
    x.events[1].anaphoric = True
    [event] = meetings_of(resolve([x]))
    assert {p.actor for p in event.participants} == {"a:ryan-crocker", "a:hassan-kazemi", "a:mowaffak-al-rubaie"}
    assert len(event.sources) == 3  # the new person's own meeting, with no one else named, is not this one
    alone = article("b1", "2007-05-28", actors=[person("b1", "p1", "Ryan Crocker", "USA", ["U.S. Ambassador"])],
                    events=[meeting("b1", "e1", 0, [("p1", "participant", None)], None)])
    assert meetings_of(resolve([alone])) == []


def test_a_host_represents_nobody_when_another_speaks_for_the_state_and_otherwise_represents_it():
    aid = "a1"
    actors = [person(aid, "p1", "Ryan Crocker", "USA", ["U.S. Ambassador"]),
              person(aid, "p2", "Hassan Kazemi", "IRN", ["Iranian Ambassador"]),
              person(aid, "p3", "Nouri al-Maliki", "IRQ", ["Iraqi Prime Minister"]),
              person(aid, "p4", "Mowaffak al-Rubaie", "IRQ", ["National Security Adviser"]),
              state(aid, "USA", "U.S."), state(aid, "IRN", "Iran"), state(aid, "IRQ", "Iraq")]
    parts = [("p1", "participant", None), ("p2", "participant", None), ("p3", "host", None)]
    hosted = {p.actor: p.represents for p in meetings_of(resolve([article(aid, actors=actors, events=[
        meeting(aid, "e1", 0, parts)])]))[0].participants}
    assert hosted["a:nouri-al-maliki"] == "a:irq"  # nobody else speaks for Iraq
    with_delegate = {p.actor: p.represents for p in meetings_of(resolve([article(aid, actors=actors, events=[
        meeting(aid, "e1", 0, [*parts, ("p4", "participant", "s:irq")])])]))[0].participants}
    assert with_delegate["a:nouri-al-maliki"] is None
    assert with_delegate["a:mowaffak-al-rubaie"] == "a:irq"


def test_different_venues_in_one_city_are_one_event_with_a_location_conflict():
    def report(aid: str, kind: str):
        owner = person(aid, "p9", "Nouri al-Maliki", "IRQ", ["Iraqi Prime Minister"])
        venue = PlaceMention(f"v:p9:{kind}", f"{kind} of Nouri al-Maliki", LocationKind.VENUE, "IRQ", within="g:1")
        x = two_ministers(aid, "2007-05-28", "2007-05-28", place=venue.key)
        x.actors.append(owner)
        x.places = [city("g:1", "Baghdad", "IRQ", 98182), country("IRQ", "Iraq"), venue]
        return x
    graph = resolve([report("a1", "office"), report("a2", "office"), report("a3", "home")])
    [event] = meetings_of(graph)
    assert graph.locations[event.location].name == "office of Nouri al-Maliki"
    assert [loc.name for loc in graph.location_chain(event.location)] == ["office of Nouri al-Maliki", "Baghdad",
                                                                          "Iraq"]
    assert [(c.field, c.other) for c in graph.conflicts if c.subject == event.id] == [
        ("location", "l:home-of-nouri-al-maliki")]


def test_a_date_conflict_keeps_what_most_articles_say():
    graph = resolve([two_ministers("a1", "2021-03-17", "2021-03-16"), two_ministers("a2", "2021-03-17", "2021-03-16"),
                     two_ministers("a3", "2021-03-17", None)])
    [event] = meetings_of(graph)
    assert event.date == "2021-03-16"
    odd = two_ministers("a4", "2021-03-18", "2021-03-17")  # the same people, same city, a day later
    graph = resolve([two_ministers("a1", "2021-03-17", "2021-03-16"), two_ministers("a2", "2021-03-17", "2021-03-16"),
                     odd])
    [event] = meetings_of(graph)
    assert event.date == "2021-03-16"
    assert [(c.field, c.kept, c.other) for c in graph.conflicts if c.subject == event.id] == [
        ("date", "2021-03-16", "2021-03-17")]
    later = two_ministers("a5", "2021-03-20", "2021-03-19")  # three days later: another meeting
    assert len(meetings_of(resolve([two_ministers("a1", "2021-03-17", "2021-03-16"), later]))) == 2


def test_reports_of_one_statement_in_two_articles_are_one_event():
    def said(aid: str, quote: str):
        x = article(aid, actors=[person(aid, "p1", "Hoshiyar Zebari", "IRQ", ["Iraqi Foreign Minister"])])
        x.events = [meeting(aid, "e1", 0, [("p1", "participant", None)], None, quote=quote, type_="statement",
                            cameo="010")]
        return x
    graph = resolve([said("a1", "Zebari said: I think it is a positive development."),
                     said("a2", "I think it is a positive development, Zebari said."),
                     said("a3", "Zebari said the border would stay closed.")])
    statements = [e for e in graph.events.values() if e.type == "statement"]
    assert sorted(len(e.sources) for e in statements) == [1, 2]


def test_the_graph_does_not_depend_on_the_order_of_articles():
    from graph_schema.document import to_document
    xs = [two_ministers("a1", "2021-03-17", "2021-03-16"), two_ministers("a2", "2021-03-17", None),
          two_ministers("a3", "2021-06-02", "2021-06-01")]
    assert to_document(resolve(xs)) == to_document(resolve(list(reversed(xs))))


def test_a_report_published_years_later_without_a_date_is_another_meeting():
    graph = resolve([two_ministers("a1", "2021-03-17", "2021-03-16"), two_ministers("a2", "2024-05-02", None)])
    assert len(meetings_of(graph)) == 2


def test_one_person_at_two_meetings_with_other_people_for_other_states_is_two_meetings():
    def met(aid: str, other: str, code: str):
        return article(aid, "2012-05-14", actors=[
            person(aid, "p1", "Sergei Mendoza", "IND", ["Indian special envoy"]),
            person(aid, "p2", other, code, [f"{code} minister"]), state(aid, "IND", "India"), state(aid, code, code)],
            events=[meeting(aid, "e1", 0, [("p1", "participant", None), ("p2", "participant", None)], "2012-05-14")])
    graph = resolve([met("a1", "Ahmet Horvath", "TUN"), met("a2", "Matteo Kato", "BGD")])
    assert len(meetings_of(graph)) == 2


def test_a_sentence_referring_back_joins_the_meeting_even_with_people_of_its_own():
    aid = "a1"
    x = two_ministers(aid, "2016-08-30", "2016-08-29")
    x.actors += [person(aid, "p3", "Grace Otieno", "KEN", ["Kenyan Trade Secretary"]),
                 person(aid, "p4", "Kenji Mori", "JPN", ["Japanese Foreign Minister"])]
    joined = meeting(aid, "e2", 400, [("p3", "participant", None), ("p4", "participant", None)], None)
    joined.anaphoric = True  # "Otieno and Mori joined the talks"
    x.events.append(joined)
    [event] = meetings_of(resolve([x]))
    assert {"a:grace-otieno", "a:kenji-mori"} <= {p.actor for p in event.participants}


def test_a_sentence_referring_back_to_one_persons_talks_with_another_is_another_meeting():
    aid = "a1"
    x = two_ministers(aid, "2016-08-30", "2016-08-29")
    x.actors.append(person(aid, "p3", "Grace Otieno", "KEN", ["Kenyan President"]))
    other = meeting(aid, "e2", 400, [("p1", "participant", None), ("p3", "participant", None)], None)
    other.anaphoric = True  # "The meeting was followed by Pappas's first summit with Otieno"
    x.events.append(other)
    found = meetings_of(resolve([x]))
    assert sorted(len(e.participants) for e in found) == [2, 2]
    assert not any({"a:ahmet-demir", "a:grace-otieno"} <= {p.actor for p in e.participants} for e in found)


def test_an_undated_meeting_told_as_news_takes_the_day_of_the_articles_news():
    aid = "a1"
    actors = [person(aid, "p1", "Nikos Pappas", "GRC", ["Foreign Minister"]),
              person(aid, "p2", "Ahmet Demir", "TUR", ["Foreign Minister"]),
              person(aid, "p3", "Eva Brandt", "DEU", ["Chancellor"])]
    statement = meeting(aid, "e1", 0, [("p3", "participant", None)], "2021-03-15", type_="statement", cameo="010")
    talks = meeting(aid, "e2", 100, [("p1", "participant", None), ("p2", "participant", None)], None)
    [event] = meetings_of(resolve([article(aid, "2021-03-16", actors=actors, events=[statement, talks])]))
    assert event.date == "2021-03-15"
    planned = meeting(aid, "e2", 100, [("p1", "participant", None), ("p2", "participant", None)], None)
    planned.tense = "future"
    [event] = meetings_of(resolve([article(aid, "2021-03-16", actors=actors, events=[statement, planned])]))
    assert event.date is None


def test_an_undated_meeting_told_as_under_way_takes_the_day_of_publication():
    x = two_ministers("a1", "2022-03-10", None)
    [event] = meetings_of(resolve([x]))
    assert event.date is None
    x.events[0].under_way = True
    other = two_ministers("a2", "2022-03-11", None, start=50)  # a later report that knows no day agrees
    [event] = meetings_of(resolve([x, other]))
    assert (event.date, len(event.sources)) == ("2022-03-10", 2)


def test_talks_of_a_firm_with_one_state_are_business_not_diplomacy():
    from graph_schema.model import ActorKind
    from ingest.extraction import ActorMention

    aid = "a1"
    firm = ActorMention("o:benetton", "Benetton", ActorKind.ORGANIZATION)
    actors = [firm, state(aid, "SUN", "Soviet Union"), person(aid, "p1", "Nikos Pappas", "GRC", ["Foreign Minister"])]
    business = meeting(aid, "e1", 0, [("o:benetton", "participant", None), ("s:sun", "participant", None)], None)
    assert meetings_of(resolve([article(aid, "1987-03-11", actors=actors, events=[business])])) == []
    both = meeting(aid, "e1", 0, [("o:benetton", "participant", None), ("s:sun", "participant", None),
                                  ("p1", "participant", None)], None)
    assert len(meetings_of(resolve([article(aid, "1987-03-11", actors=actors, events=[both])]))) == 1


def test_across_articles_one_person_in_common_needs_a_shared_day_or_city():
    def lone(aid: str, date: str | None, place: str | None):
        return article(aid, "2016-08-30", actors=[person(aid, "p1", "Nikos Pappas", "GRC", ["Greek Ambassador"]),
                                                 state(aid, "EGY", "Egypt")],
                       places=[city("g:2", "Cairo", "EGY", 360630), country("EGY", "Egypt")],
                       events=[meeting(aid, "e1", 0, [("p1", "participant", "s:grc"), ("s:egy", "host", None)],
                                       date, place)])
    assert len(meetings_of(resolve([two_ministers("a1", "2016-08-30", None, place=None), lone("a2", None, None)]))) == 2
    assert len(meetings_of(resolve([two_ministers("a1", "2016-08-30", "2016-08-29", place=None),
                                    lone("a2", "2016-08-29", None)]))) == 1


def test_a_meeting_recalled_from_years_ago_is_not_todays_meeting_of_the_same_people():
    x = two_ministers("a1", "1987-06-29", None)
    x.events.append(meeting("a1", "e2", 300, [("p1", "participant", "s:grc"), ("p2", "host", None)],
                            "1979-01-01", precision=DatePrecision.MONTH))  # "who last visited in January 1979"
    dates = sorted(str(e.date) for e in meetings_of(resolve([x])))
    assert dates == ["1979-01-01", "None"]


def test_talks_of_a_state_official_with_an_armed_group_are_diplomacy():
    from graph_schema.model import ActorKind
    from ingest.extraction import ActorMention

    x = two_ministers("a1", "2000-09-17", None)
    x.actors.append(ActorMention("o:liberation-front", "National Liberation Front", ActorKind.GROUP))
    x.events = [meeting("a1", "e1", 0, [("p1", "participant", "s:grc"), ("o:liberation-front", "participant", None)])]
    assert len(meetings_of(resolve([x]))) == 1


def test_a_one_person_mention_of_a_journey_years_ago_does_not_join_todays_meeting():
    x = two_ministers("a1", "2006-05-21", None)
    x.actors.append(person("a1", "p3", "Razak Ismail", "MYS", ["UN envoy"]))
    old = meeting("a1", "e2", 300, [("p3", "participant", None)], "2004-01-01", precision=DatePrecision.YEAR)
    old.anaphoric = True  # "shortly after his 2004 visit"
    x.events.append(old)
    found = meetings_of(resolve([x]))
    assert not any({"a:razak-ismail", "a:nikos-pappas"} <= {p.actor for p in e.participants} for e in found)


def test_an_unplaced_meeting_told_as_news_takes_the_place_of_the_articles_news():
    aid = "a1"  # "met X on the sidelines of the summit in Athens ... also held talks with Y"
    actors = [person(aid, "p1", "Nikos Pappas", "GRC", ["President"]),
              person(aid, "p2", "Ahmet Demir", "TUR", ["President"]),
              person(aid, "p3", "Eva Brandt", "DEU", ["Chancellor"])]
    places = [city("g:1", "Athens", "GRC", 264371), country("GRC", "Greece")]
    first = meeting(aid, "e1", 0, [("p1", "participant", None), ("p2", "participant", None)], None, "g:1")
    second = meeting(aid, "e2", 100, [("p1", "participant", None), ("p3", "participant", None)], None)
    found = meetings_of(resolve([article(aid, "2021-03-16", actors=actors, places=places, events=[first, second])]))
    assert [e.location for e in found] == ["l:athens", "l:athens"]
    second.tense = "future"  # "will meet Eva Brandt": not the news
    found = meetings_of(resolve([article(aid, "2021-03-16", actors=actors, places=places, events=[first, second])]))
    assert sorted(str(e.location) for e in found) == ["None", "l:athens"]


def test_the_meeting_told_before_with_no_one_named_is_the_one_people_headed_teams_at():
    aid = "a1"  # "began their third meeting in Athens on 14 March. A and B headed teams at the meeting.
    #              The two sides also held a meeting in Ankara on 8 March."
    actors = [person(aid, "p1", "Nikos Pappas", "GRC", ["Chief Negotiator"]),
              person(aid, "p2", "Ahmet Demir", "TUR", ["Chief Negotiator"]),
              state(aid, "GRC", "Greece"), state(aid, "TUR", "Turkey")]
    places = [city("g:1", "Athens", "GRC", 264371), country("GRC", "Greece"),
              city("g:2", "Ankara", "TUR", 323786), country("TUR", "Turkey")]
    began = meeting(aid, "e1", 0, [], "2021-03-14", "g:1")
    headed = meeting(aid, "e2", 100, [("p1", "participant", "s:grc"), ("p2", "participant", "s:tur")])
    earlier = meeting(aid, "e3", 200, [("s:grc", "participant", None), ("s:tur", "participant", None)],
                      "2021-03-08", "g:2")
    began.anaphoric = headed.anaphoric = True
    found = meetings_of(resolve([article(aid, "2021-03-15", actors=actors, places=places,
                                         events=[began, headed, earlier])]))
    assert sorted((e.date, str(e.location), sorted(p.actor for p in e.participants)) for e in found) == [
        ("2021-03-08", "l:ankara", ["a:grc", "a:tur"]), ("2021-03-14", "l:athens", ["a:ahmet-demir", "a:nikos-pappas"])]


def test_a_meeting_told_as_under_way_is_on_the_day_of_publication_whatever_else_the_article_dates():
    aid = "a1"  # "Sputnik is live from Moscow, where X holds talks with Y" beside "arrived on Wednesday"
    actors = [person(aid, "p1", "Nikos Pappas", "GRC", ["Foreign Minister"]),
              person(aid, "p2", "Ahmet Demir", "TUR", ["Foreign Minister"])]
    arrival = meeting(aid, "e1", 0, [("p1", "participant", None)], "2021-03-15", type_="travel", cameo="032")
    talks = meeting(aid, "e2", 100, [("p1", "participant", None), ("p2", "participant", None)], None)
    talks.under_way = True
    [event] = meetings_of(resolve([article(aid, "2021-03-16", actors=actors, events=[arrival, talks])]))
    assert event.date == "2021-03-16"


def test_a_states_leader_acts_for_the_state_a_rebel_leader_for_none():
    aid = "a1"
    actors = [person(aid, "p1", "Li Wei", "CHN", ["China's leader"]),
              person(aid, "p2", "Tom Baker", "USA", ["U.S. Ambassador"]),
              person(aid, "p3", "Juan Mora", "COL", ["rebel leader"], of="o:farc"),
              state(aid, "CHN", "China"), state(aid, "USA", "U.S."), state(aid, "COL", "Colombia")]
    parts = [("p1", "participant", None), ("p2", "participant", None), ("p3", "participant", None)]
    found = {p.actor: p.represents for p in meetings_of(resolve([article(aid, actors=actors, events=[
        meeting(aid, "e1", 0, parts)])]))[0].participants}
    assert (found["a:li-wei"], found["a:juan-mora"]) == ("a:chn", None)


def test_a_report_of_one_person_with_two_others_already_told_apart_joins_both_meetings():
    aid = "a1"  # "X met A and B" (one meeting with each) ... "X also held discussions with A and B"
    actors = [person(aid, "p1", "Nikos Pappas", "GRC", ["President"]),
              person(aid, "p2", "Ahmet Demir", "TUR", ["President"]),
              person(aid, "p3", "Eva Brandt", "DEU", ["Chancellor"])]
    first = meeting(aid, "e1", 0, [("p1", "participant", None), ("p2", "participant", None)])
    second = meeting(aid, "e2", 0, [("p1", "participant", None), ("p3", "participant", None)])
    again = meeting(aid, "e3", 100, [("p1", "participant", None), ("p2", "participant", None),
                                     ("p3", "participant", None)])
    found = meetings_of(resolve([article(aid, actors=actors, events=[first, second, again])]))
    assert sorted((len(e.participants), len(e.sources)) for e in found) == [(2, 2), (2, 2)]


def test_an_undated_meeting_in_an_article_with_no_dated_event_takes_the_day_its_lead_names():
    x = two_ministers("a1", "2021-03-16", None)
    x.lead_day = "2021-03-14"
    [event] = meetings_of(resolve([x]))
    assert event.date == "2021-03-14"


def test_an_undated_meeting_takes_the_day_the_lead_names_before_the_day_of_other_news():
    aid = "a1"  # "X held a rare meeting with Y today. ... X and Y met for 90 minutes. He met Z yesterday."
    x = two_ministers(aid, "2005-08-19", None)
    x.actors.append(person(aid, "p3", "Eva Brandt", "DEU", ["Foreign Minister"]))
    x.events.append(meeting(aid, "e2", 300, [("p1", "participant", None), ("p3", "participant", None)],
                            "2005-08-18"))
    x.lead_day = "2005-08-19"
    undated = next(e for e in meetings_of(resolve([x])) if "a:ahmet-demir" in {p.actor for p in e.participants})
    assert undated.date == "2005-08-19"


def test_an_attendee_of_the_meeting_joins_the_meeting_told_before_not_his_own_talks_after():
    aid = "a1"  # "A and B are meeting. The meeting was attended by C. Before that, C spoke with A."
    actors = [person(aid, "p1", "Nikos Pappas", "GRC", ["Foreign Minister"]),
              person(aid, "p2", "Ahmet Demir", "TUR", ["Foreign Minister"]),
              person(aid, "p3", "Eva Brandt", "DEU", ["Foreign Minister"])]
    told = meeting(aid, "e1", 0, [("p1", "participant", None), ("p2", "participant", None)])
    attended = meeting(aid, "e2", 100, [("p3", "attendee", None)])
    attended.anaphoric = True
    before = meeting(aid, "e3", 200, [("p3", "participant", None), ("p1", "participant", None)])
    found = meetings_of(resolve([article(aid, actors=actors, events=[told, attended, before])]))
    trilateral = next(e for e in found if "a:ahmet-demir" in {p.actor for p in e.participants})
    assert "a:eva-brandt" in {p.actor for p in trilateral.participants}
