"""Seeded synthetic news articles (~600 words) for extraction benchmarks.

Each article tells one diplomatic story in the sentence shapes real wire copy
uses: datelines, titles before names, appositions ("X, Iran's foreign
minister,"), hosts, delegations, "was represented by", quotes with attribution,
accusations, earlier and upcoming meetings, and relative dates ("on Tuesday",
"last month") resolved against the publication date. Actors and places come
from `bench.world` (real states and cities, invented officials), so a few
thousand articles mention thousands of distinct people and places.

Article `i` of seed `s` is the same whatever the count: `python -m
bench.generate_articles --count 500 --out DIR` writes `.txt` files and a
`manifest.jsonl` in the corpus layout the reader expects.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.world import VENUES, Organization, Person, State, World, stable_rng

OUTLETS = ("Reuters", "Associated Press", "AFP", "Al Jazeera", "BBC News", "Xinhua", "Kyodo News",
           "Anadolu Agency", "Deutsche Welle", "The Hindu", "El Pais", "The Guardian", "Daily Nation",
           "The Straits Times", "France 24")
TOPICS = ("trade and investment", "border security", "energy cooperation", "climate finance", "migration",
          "the conflict in the region", "nuclear non-proliferation", "maritime disputes", "counter-terrorism",
          "debt relief", "water sharing", "visa rules", "fisheries", "public health", "arms control",
          "food security", "the release of detained nationals", "a ceasefire", "refugee returns",
          "a long-stalled free trade agreement")
ACTIONS = ("set up a joint working group", "resume direct flights", "reopen their embassies",
           "hold a second round of talks", "expand trade in agricultural goods", "share intelligence",
           "ease visa requirements", "exchange prisoners", "cooperate on disaster relief",
           "draft a framework agreement")
WRONGS = ("arming militias near the border", "interfering in its elections", "violating its airspace",
          "detaining its citizens without charge", "supporting armed groups", "spying on its diplomats",
          "blocking humanitarian aid")
ADJECTIVES = ("frank", "constructive", "positive", "difficult", "productive", "candid", "cordial", "useful")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
FURNITURE = ("Share this article", "Advertisement", "Read more: Latest world news", "Sign up for our newsletter",
             "Related coverage")
LEAD_OFFICES = ("President", "Prime Minister", "Foreign Minister", "Foreign Minister", "Defence Minister",
                "Deputy Foreign Minister", "Trade Minister", "National Security Adviser", "special envoy")


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    id: str
    title: str
    outlet: str
    dateline: str
    published: str  # ISO date
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


class _Story:
    """The cast and setting of one article, and the sentences that tell it."""

    def __init__(self, world: World, rng: random.Random):
        self.w, self.rng = world, rng
        self.published = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(20 * 365))
        self.host = world.pick_state(rng)
        self.guest = world.pick_state(rng, exclude=self.host.alpha3)
        self.third = world.pick_state(rng, exclude=self.host.alpha3)
        if self.third.alpha3 == self.guest.alpha3:
            self.third = world.pick_state(rng, exclude=self.guest.alpha3)
        self.org: Organization = rng.choice(world.organizations)
        self.h = self._official(self.host)
        self.g = self._official(self.guest, not_office=self.h.office)
        self.h2 = self._official(self.host, not_office=self.h.office, minor=True)
        self.g2 = self._official(self.guest, not_office=self.g.office, minor=True)
        self.amb = world.person(self.guest.alpha3, f"ambassador to {self.host.name}")
        self.t = self._official(self.third)
        self.t2 = self._official(self.third, not_office=self.t.office)
        self.g3 = self._official(self.guest, not_office=self.g2.office, minor=True)
        self.g4 = world.person(self.guest.alpha3, f"ambassador to {self.third.name}")
        self.org_head = world.org_head(self.org)
        self.city = self._city(self.host, capital_bias=0.6)
        self.city2 = self._city(self.third, capital_bias=0.5)
        self.venue = rng.choice(VENUES)
        self.topic, self.topic2 = rng.sample(TOPICS, 2)
        self.when_text, self.tense = self._when()
        self.mentioned: set[str] = set()

    # cast -----------------------------------------------------------------
    def _official(self, state: State, not_office: str | None = None, minor: bool = False) -> Person:
        offices = ([o for o in ("Deputy Foreign Minister", "Trade Minister", "Energy Minister", "Interior Minister",
                                "government spokesman", "special envoy", "Defence Minister")]
                   if minor else list(LEAD_OFFICES))
        office = self.rng.choice([o for o in offices if o != not_office])
        return self.w.person(state.alpha3, office)

    def _city(self, state: State, capital_bias: float) -> str:
        if state.capital and self.rng.random() < capital_bias:
            return state.capital.name
        return self.rng.choice(state.cities[:40]).name

    def _when(self) -> tuple[str, str]:
        """A relative date expression for the main event and its tense."""
        r = self.rng.random()
        back = self.rng.randrange(1, 6)
        day = self.published - dt.timedelta(days=back)
        if r < 0.45:
            return f"on {WEEKDAYS[day.weekday()]}", "past"
        if r < 0.55:
            return "yesterday", "past"
        if r < 0.65:
            return "on " + f"{MONTHS[day.month - 1]} {day.day}", "past"
        if r < 0.75:
            return "earlier this week", "past"
        if r < 0.85:
            ahead = self.published + dt.timedelta(days=back)
            return f"next {WEEKDAYS[ahead.weekday()]}", "future"
        return "today", "present"

    # naming -----------------------------------------------------------------
    def name(self, p: Person) -> str:
        """A person as a reporter names them: in full the first time, by surname after."""
        if p.name in self.mentioned:
            return p.surname
        self.mentioned.add(p.name)
        return p.name

    def dem(self, s: State) -> str:
        return s.demonym or self.st(s)

    @staticmethod
    def st(s: State) -> str:
        """The state's name inside a sentence ("the Netherlands")."""
        return "the" + s.name[3:] if s.name.startswith("The ") else s.name

    def of(self, s: State) -> str:
        name = self.st(s)
        return f"{name}'" if name.endswith("s") else f"{name}'s"

    @staticmethod
    def office_in_text(office: str) -> str:
        return office if office.startswith("ambassador") else office.lower()

    def titled(self, p: Person, s: State) -> str:
        """"Iranian Foreign Minister X" / "X, Iran's foreign minister," / "Foreign Minister X of Iran"."""
        if p.name in self.mentioned:
            return p.surname
        self.mentioned.add(p.name)
        r = self.rng.random()
        if r < 0.4 and s.demonym:
            return f"{s.demonym} {p.office} {p.name}"
        if r < 0.75:
            return f"{p.name}, {self.of(s)} {self.office_in_text(p.office)},"
        return f"{p.office} {p.name} of {self.st(s)}"

    # sentences ---------------------------------------------------------------
    def lead(self, dateline: str, outlet: str) -> str:
        r = self.rng.random()
        h, g, host, guest = self.h, self.g, self.host, self.guest
        verb = {"past": "met", "present": "meets", "future": "will meet"}[self.tense]
        if r < 0.25:
            s = (f"{self.titled(h, host)} {verb} {self.titled(g, guest)} in {self.city} {self.when_text}, "
                 f"the first such talks in {self.rng.randrange(2, 30)} years.")
        elif r < 0.45:
            arrive = {"past": "arrived", "present": "arrives", "future": "will arrive"}[self.tense]
            s = (f"{self.titled(g, guest)} {arrive} in {self.city} {self.when_text} for talks with "
                 f"{self.titled(h, host)} on {self.topic}.")
        elif r < 0.65:
            led = {"past": "held", "present": "holds", "future": "will hold"}[self.tense]
            who = f"A {guest.demonym} delegation" if guest.demonym else f"A delegation from {self.st(guest)}"
            s = (f"{who} led by {g.office} {self.name(g)} {led} talks with "
                 f"{self.of(host)} leaders in {self.city} {self.when_text} on {self.topic}.")
        elif r < 0.85:
            hosted = {"past": "hosted", "present": "hosts", "future": "will host"}[self.tense]
            s = (f"{self.titled(h, host)} {hosted} {h.pronoun} {self.dem(guest)} counterpart {self.name(g)} "
                 f"at the {self.venue} in {self.city} {self.when_text}.")
        else:
            held = {"past": "held", "present": "hold", "future": "will hold"}[self.tense]
            s = (f"{guest.name} and {self.st(host)} {held} talks in {self.city} {self.when_text} on "
                 f"{self.topic}, officials said. The meeting brought together {g.office} {self.name(g)} and "
                 f"{h.office} {self.name(h)}.")
        return f"{dateline.upper()} ({outlet}) - {_capital(s)}"

    def body(self) -> list[Callable[[], str]]:
        """Story paragraphs, written when placed so that a person is named in full first."""
        rng, h, g, host, guest, third = self.rng, self.h, self.g, self.host, self.guest, self.third
        adj, action = rng.choice(ADJECTIVES), rng.choice(ACTIONS)
        weekday = WEEKDAYS[(self.published.weekday() - 1) % 7]
        months_ago = MONTHS[rng.randrange(12)]
        year_ago = self.published.year - rng.randrange(1, 4)
        return [
            lambda: (f"{guest.name} was represented by {self.titled(self.g2, guest)} while {self.st(host)} sent "
                     f"{self.h2.office} {self.name(self.h2)}. {self.name(self.amb)}, the {self.dem(guest)} "
                     f"ambassador to {self.st(host)}, also attended the talks."),
            lambda: (f"\"We had a {adj} exchange on {self.topic} and agreed to {action},\" {self.name(g)} told "
                     f"reporters after the meeting. \"This is the beginning of a process, not the end of one.\""),
            lambda: (f"{self.name(h)} said in a statement on {weekday} that the two sides would "
                     f"{rng.choice(ACTIONS)} before the end of the year. {h.pronoun.capitalize()} office described "
                     f"the atmosphere as {rng.choice(ADJECTIVES)}."),
            lambda: (f"The talks were hosted by {h.office} {self.name(h)} at the {self.venue}, where the two "
                     f"delegations sat across a long table for more than three hours."),
            lambda: (f"{self.titled(self.t, third)} accused {self.st(host)} of {rng.choice(WRONGS)}, a charge "
                     f"{self.of(host)} foreign ministry rejected as baseless."),
            lambda: (f"{self.name(g)} last met {self.titled(self.t, third)} in {self.city2} in {months_ago} "
                     f"{year_ago}, when the two discussed {self.topic2}."),
            lambda: (f"{self.org.head_office} {self.name(self.org_head)} of the {self.org.name} welcomed the "
                     f"meeting, calling it \"an important step\" and urging both governments to keep talking."),
            lambda: (f"{self.titled(self.g2, guest)} is due to travel to {self.city2} next month for a conference "
                     f"on {self.topic2} organised by the {self.org.name}."),
            lambda: (f"Speaking at a joint news conference, {self.name(h)} said {self.st(host)} was ready to "
                     f"{rng.choice(ACTIONS)} if {self.st(guest)} did the same. {self.name(g)} nodded but did not "
                     f"reply."),
            lambda: (f"The {self.dem(guest)} delegation also included {self.office_in_text(self.g3.office)} "
                     f"{self.name(self.g3)} and {self.office_in_text(self.g4.office)} {self.name(self.g4)}, "
                     f"according to a list released by {self.of(host)} foreign ministry."),
            lambda: (f"In {self.city2}, {self.titled(self.t2, third)} told state media on {weekday} that "
                     f"{self.st(third)} would watch the talks closely and expected to be consulted on "
                     f"{self.topic}."),
            lambda: (f"{self.name(self.amb)}, who has served in {self.city} since {year_ago}, met {self.h2.office} "
                     f"{self.name(self.h2)} two days before the talks to settle the agenda, diplomats said."),
        ]

    def background(self) -> list[str]:
        rng, host, guest = self.rng, self.st(self.host), self.st(self.guest)
        year = self.published.year - rng.randrange(3, 25)
        return [
            (f"Relations between {guest} and {host} have been strained since {year}, when a dispute over "
             f"{rng.choice(TOPICS)} led both sides to recall their ambassadors for several months."),
            (f"Trade between the two countries reached ${rng.randrange(2, 90)} billion last year, according to "
             f"official figures, and both governments have said they want to double it within a decade."),
            ("Analysts said the meeting was unlikely to produce a breakthrough but showed that both capitals wanted "
             "to keep channels open at a time of rising tension in the region."),
            (f"Diplomats in {self.city} said preparations for the visit had taken months and that several earlier "
             f"dates had been postponed at short notice."),
            (f"The two sides issued a joint communique pledging to {rng.choice(ACTIONS)} and to meet again within "
             f"six months, though it gave no date or venue for the next round."),
            ("Critics at home accused the government of conceding too much. Opposition lawmakers called for a "
             "parliamentary debate on the outcome of the talks and demanded to see the full text of any agreement."),
            (f"Officials said the agenda also covered {rng.choice(TOPICS)}, {rng.choice(TOPICS)} and cooperation "
             f"in international forums, where the two countries have often voted on opposite sides."),
            (f"Security was tight around the {self.venue}, with roads closed for much of the day and police "
             f"checkpoints at every junction in the centre of {self.city}."),
            (f"The visit was the first by a senior official from {guest} since {year}, and it followed weeks of "
             f"quiet contacts between the two foreign ministries, officials said."),
            (f"Earlier this month, {guest} announced that it would {rng.choice(ACTIONS)}, a move seen as a "
             f"gesture of goodwill ahead of the talks."),
            ("Neither side gave details of what had been agreed on the most sensitive issues, and a planned "
             "signing ceremony was cancelled without explanation late in the afternoon."),
            (f"Business leaders from both countries, who had travelled to {self.city} for a forum held alongside "
             f"the talks, said they hoped the meeting would cut red tape on {rng.choice(TOPICS)}."),
        ]

    def title(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return f"{self.guest.name}, {self.st(self.host)} hold talks on {self.topic}"
        if r < 0.7:
            return f"{self.dem(self.guest)} envoy in {self.city} for rare talks"
        return f"{self.host.name} hosts {self.st(self.guest)} as tensions ease"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def generate_article(world: World, seed: int, index: int, target_words: int = 600) -> SyntheticArticle:
    """Article `index` of `seed`: one story told in ~`target_words` words."""
    rng = stable_rng("article", seed, index)
    story = _Story(world, rng)
    outlet = rng.choice(OUTLETS)
    dateline = story.city if rng.random() < 0.8 else (story.host.capital.name if story.host.capital else story.city)
    title = story.title()
    paragraphs = [story.lead(dateline, outlet)]
    goal = rng.randrange(target_words - 45, target_words + 15)
    words = lambda: sum(len(p.split()) for p in paragraphs)
    filler = story.background()
    rng.shuffle(filler)
    body = story.body()
    rng.shuffle(body)
    # Interleave story and background until the article is long enough.
    while words() < goal and (body or filler):
        if body and (not filler or rng.random() < 0.6):
            paragraphs.append(_capital(body.pop()()))
        else:
            paragraphs.append(filler.pop())
    head = [title]
    if rng.random() < 0.3:
        head.append(f"By {world.person('press', outlet + str(index % 97)).name}")
    tail = [rng.choice(FURNITURE)] if rng.random() < 0.4 else []
    text = "\n\n".join(head + paragraphs + tail) + "\n"
    return SyntheticArticle(f"syn_{seed}_{index:06d}", title, outlet, dateline, story.published.isoformat(), text)


def generate_articles(count: int, seed: int = 0, world: World | None = None) -> list[SyntheticArticle]:
    world = world or World(seed)
    return [generate_article(world, seed, i) for i in range(count)]


def write_articles(articles: list[SyntheticArticle], folder: Path) -> Path:
    """Write `.txt` files and a `manifest.jsonl` (the corpus layout the reader expects)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.jsonl").open("w") as manifest:
        for a in articles:
            (folder / f"{a.id}.txt").write_text(a.text)
            manifest.write(json.dumps({"id": a.id, "file": f"{a.id}.txt", "title": a.title, "outlet": a.outlet,
                                       "dateline": a.dateline, "published": a.published, "language": "en"}) + "\n")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write seeded synthetic diplomatic news articles (~600 words).")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="folder for the .txt files and manifest.jsonl")
    args = parser.parse_args(argv)
    articles = generate_articles(args.count, args.seed)
    write_articles(articles, args.out)
    n_words = sum(a.words for a in articles)
    print(f"wrote {len(articles)} articles ({n_words} words, {n_words / max(1, len(articles)):.0f} per article) "
          f"to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
