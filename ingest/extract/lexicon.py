"""The general vocabularies extraction reads: offices, event words, state bodies.

The word lists live in `ingest/lexicons/` as plain files so that they can be
read and extended without touching code. They hold general knowledge only
(what an ambassador is, that the Kremlin is Russian), never words from one
article.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# the office classes of `lexicons/titles.tsv`
OFFICIAL, DIPLOMAT, SPOKESPERSON, LEADER, EXPERT, JOURNALIST, HONORIFIC = (
    "official", "diplomat", "spokesperson", "leader", "expert", "journalist", "honorific")
ACTING_CLASSES = frozenset({OFFICIAL, DIPLOMAT, SPOKESPERSON})  # the holder acts for a state
FORMER = frozenset({"former", "ex", "retired", "late", "erstwhile", "onetime", "one-time"})


def held_now(title: str) -> bool:
    """"former Indonesian foreign minister" acts for no state: the office is no longer held."""
    words = title.replace("-", " ").split()
    return not words or fold(words[0]) not in FORMER
BEAT_CLASSES = frozenset({EXPERT, JOURNALIST})  # "Iraq expert": a speciality, not a nationality

# Grammar words: small closed classes of English, not data.
LOCATIVE_PREPS = frozenset({"in", "at", "inside", "outside", "near", "within", "on", "across", "throughout"})
SOURCE_PREPS = frozenset({"from", "to", "into", "toward", "towards", "via"})
REPORTING_LEMMAS = frozenset({"say", "tell", "add", "announce", "declare", "state", "stress", "reiterate",
                              "insist", "warn", "note", "report", "explain", "claim", "argue", "comment"})
MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "ought"})
# Words that make a meeting hypothetical, planned or another one than the one reported.
IRREALIS_MODIFIERS = frozenset({"future", "possible", "potential", "next", "planned", "proposed", "eventual",
                                "later", "upcoming", "forthcoming", "prospective", "hypothetical"})
# Words of repetition: another meeting than the one reported when it lies ahead ("a second round is
# planned"), the one reported when the clause says it took place ("held a second round on Monday",
# "met again on Tuesday").
REPETITION_MODIFIERS = frozenset({"second", "third", "fourth", "fifth", "another", "new", "further", "more",
                                  "annual", "regular", "fresh", "following", "subsequent", "follow-up", "latest",
                                  "again"})
# Words of habit: "meet regularly", "usually hold talks" tell a custom, not an occasion.
HABITUAL = frozenset({"regularly", "often", "usually", "routinely", "annually", "frequently", "rarely", "seldom",
                      "sometimes", "always", "never", "every", "each", "twice", "periodically"})
IRREALIS_GOVERNORS = frozenset({
    "possibility", "prospect", "prospects", "chance", "chances", "hope", "hopes", "plan", "plans", "offer",
    "proposal", "call", "calls", "idea", "invitation", "demand", "condition", "conditions", "need",
    "reject", "refuse", "oppose", "avoid", "cancel", "postpone", "want", "wish", "seek", "propose", "suggest", "consider", "urge", "agree", "expect", "intend",
    "prepare", "aim", "try", "ask", "invite", "favour", "favor", "replace", "boycott", "skip", "resist", "decline", "threaten", "promise", "pledge", "vow",
    "ensure", "salvage", "revive", "effort", "efforts",  # "in an effort to ensure that a summit ... takes place"
})
# verbs under which an infinitive still reports a scheduled, real event ("are to hold talks")
SCHEDULING_GOVERNORS = frozenset({"be", "schedule", "set", "due", "begin", "start", "continue", "resume", "go"})
# headline verbs the tagger often reads as nouns ("UN envoy meets Suu Kyi", "Buhari hosts ...")
HEADLINE_FORMS = {"meets": "meet", "hosts": "host", "receives": "receive", "visits": "visit", "greets": "greet"}
# headline verbs in their base form that end a name run together ("Peres and Mubarak Hold Summit")
HEADLINE_VERBS = frozenset({"hold", "seek", "agree", "sign", "urge", "vow", "pledge", "back", "reject", "slam"})
# words saying an exchange was not face to face ("discussed by phone")
REMOTE_WORDS = frozenset({"phone", "telephone", "call", "videoconference", "video", "virtual", "virtually",
                          "online", "letter", "message", "teleconference", "phoned", "telephoned"})
# nouns that stand in a clause for the meetings they contain ("held a second round of talks")
ROUND_NOUNS = frozenset({"round", "session", "series", "cycle"})
# "the two", "both": a pair named before
PAIR_WORDS = frozenset({"two", "both"})
# nouns for persons that name no office ("the two men", "both leaders")
PERSON_NOUNS = frozenset({"man", "men", "woman", "women", "leader", "leaders", "statesman", "statesmen",
                          "politician", "politicians"})
# nouns for the parties to talks that are states ("the two sides", "both countries")
STATE_PAIR_NOUNS = frozenset({"side", "country", "nation", "party", "government", "delegation", "neighbour",
                              "neighbor"})
# nouns of the occasion a meeting happens at ("on the sidelines of the summit in X")
OCCASION_NOUNS = frozenset({"sideline", "sidelines", "margin", "margins", "side", "occasion", "course"})
# gatherings at which other meetings happen ("on the sidelines of the summit", "at the funeral")
GATHERING_NOUNS = frozenset({"summit", "conference", "forum", "assembly", "congress", "convention", "session",
                             "ceremony", "funeral", "inauguration", "celebration", "celebrations", "festival",
                             "games", "olympics", "expo", "exhibition", "symposium", "gathering", "retreat"})
# weekdays: a word no name holds ("Alexandria Thursday"); months do (April, May, June)
DAY_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# last words of a news outlet's name ("NP News", "New York Times")
MEDIA_TAILS = frozenset({"news", "times", "tribune", "herald", "gazette", "journal", "daily", "telegraph"})
# words of the credit lexicon (furniture.txt) that are no agency's name
NOT_AGENCIES = frozenset({"pool", "file", "photo", "photograph", "image", "picture", "courtesy", "supplied",
                          "handout", "the"})
# building words of other languages that English news keeps in names ("Rashtrapati Bhavan", "Dolmabahce
# Sarayi", "Palacio de la Moneda", "Qasr al-Watan"): a site, never a person or a city
FOREIGN_BUILDING_WORDS = frozenset({"bhavan", "bhawan", "bhaban", "palacio", "palais", "palazzo", "saray", "sarayi",
                                    "qasr", "kasr", "schloss"})
# facility words: a "person" name in front of them names a building, not a person
FACILITY_NOUNS = frozenset({
    "mosque", "shrine", "church", "cathedral", "temple", "synagogue", "street", "avenue", "road", "square",
    "airport", "university", "hospital", "school", "college", "academy", "center", "centre", "institute",
    "foundation", "prize", "award", "bridge", "stadium", "hall", "palace", "museum", "library", "park",
    "station", "port", "harbour", "harbor", "base", "dam", "tower", "building", "hotel", "memorial", "tomb",
    "doctrine", "plan", "law", "act", "fund", "trust", "corporation", "company", "group", "prison",
    *FOREIGN_BUILDING_WORDS,
})
# nouns naming a person's premises: "<person>'s office" is a venue
PREMISES = {"office": "office", "offices": "office", "home": "home", "house": "home", "residence": "residence",
            "palace": "palace", "compound": "compound", "headquarters": "headquarters", "villa": "residence",
            "embassy": "embassy", "mansion": "residence", "ranch": "residence", "estate": "residence"}
# nouns standing for a state's people in talks: "U.S. officials", "the Greek team"
DELEGATION_NOUNS = frozenset({"delegation", "delegations", "team", "teams", "side", "sides", "officials",
                              "official", "diplomats", "negotiators", "envoys", "representatives", "government",
                              "mission", "leaders", "ministers", "counterparts", "authorities", "administration"})
# words that make a name an organisation's or a place's, never a person's
# name words of armed and political movements that are neither states nor firms ("National Liberation Forces",
# "Rwandan Patriotic Front", "National Liberation Army"): groups, parties to talks in their own right
GROUP_WORDS = frozenset({"liberation", "rebel", "rebels", "militia", "militias", "guerrilla", "guerrillas",
                         "insurgents", "resistance", "revolutionary", "patriotic", "mujahideen", "brigades"})
# words that end a minister's portfolio ("Minister of Foreign Affairs and International Cooperation <name>")
PORTFOLIO_WORDS = frozenset({
    "affairs", "cooperation", "defence", "defense", "finance", "trade", "commerce", "interior", "justice", "planning",
    "development", "economy", "energy", "health", "education", "information", "relations", "security", "industry",
    "agriculture", "transport", "labour", "labor", "culture", "tourism", "investment", "integration", "mines",
    "petroleum", "oil", "environment", "communications", "works", "welfare", "resources", "treasury",
})
BODY_WORDS = frozenset({
    "association", "council", "ministry", "department", "party", "bank", "company", "corporation", "group",
    "institute", "center", "centre", "university", "agency", "organisation", "organization", "union", "committee",
    "commission", "court", "forces", "army", "navy", "news", "times", "post", "press", "service", "foundation",
    "fund", "office", "parliament", "assembly", "congress", "senate", "guard", "guards", "front", "movement",
    "brigade", "league", "federation", "network", "international", "inc", "ltd", "airlines", "media",
    "television", "tv", "radio", "house", "club", "republic", "kingdom", "state", "states", "government",
    "cabinet", "alliance", "coalition", "bureau", "authority", "board", "embassy",
    "mission", "secretariat", "summit", "conference", "agreement", "treaty", "accord", "zone", "district",
    "province", "region", "city", "island", "islands", "sea", "gulf", "river", "mountains", "valley", "street",
})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "del", "van", "von", "der",
                            "den", "la", "le", "du", "dos", "das", "ul", "ur", "ter", "st", "y"})


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str  # verb | noun
    type: str
    cameo: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    titles: dict[str, str]  # lower-case phrase -> class
    title_states: dict[str, str]  # unqualified office -> the one state it belongs to
    title_modifiers: frozenset[str]
    max_title_words: int
    state_bodies: dict[str, str]  # lower-case body name -> alpha-3
    verb_triggers: dict[str, Trigger]
    noun_triggers: dict[str, Trigger]
    international: frozenset[str]  # bodies of many states (lower case)

    def is_international(self, name: str) -> bool:
        text = fold(name)
        return text in self.international or text.removeprefix("the ") in self.international

    def title_class(self, words: str) -> str | None:
        key = fold(words)  # "secretary general" as the parse gives "Secretary-General"
        return self.titles.get(key) or self.titles.get(key.replace(" ", "-"))

    def office_class(self, title: str) -> str | None:
        """The class of the office a title text names: its last office word decides."""
        words = fold(title).replace("-", " - ").split()
        best: str | None = None
        for i in range(len(words)):
            for n in range(min(self.max_title_words, len(words) - i), 0, -1):
                cls = self.titles.get(" ".join(words[i:i + n]).replace(" - ", "-"))
                if cls and cls != HONORIFIC:
                    best = cls
                    break
        return best


_LETTERS = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "ł": "l", "Ł": "L",
                          "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "œ": "oe", "’": "'", "‘": "'", "`": "'"})


def fold(text: str) -> str:
    """Lower case, accents removed, letters without a decomposition spelled out ("ı", "ø"), apostrophes straight."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _lines(name: str) -> list[list[str]]:
    raw = resources.files("ingest").joinpath("lexicons", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def load() -> Lexicon:
    titles: dict[str, str] = {}
    title_states: dict[str, str] = {}
    for row in _lines("titles.tsv"):
        titles[fold(row[0])] = row[1].strip()
        if len(row) > 2 and row[2].strip():
            title_states[fold(row[0])] = row[2].strip()
    modifiers = frozenset(fold(r[0]) for r in _lines("title_modifiers.txt"))
    bodies = {fold(r[0]): r[1].strip() for r in _lines("state_bodies.tsv")}
    verbs: dict[str, Trigger] = {}
    nouns: dict[str, Trigger] = {}
    for lemma, pos, type_, cameo in (r[:4] for r in _lines("event_triggers.tsv")):
        trigger = Trigger(lemma, pos, type_, cameo.strip())
        (verbs if pos == "verb" else nouns)[lemma] = trigger
    international = frozenset(fold(r[0]) for r in _lines("international_bodies.txt"))
    return Lexicon(titles, title_states, modifiers, max(len(t.split()) for t in titles), bodies, verbs, nouns,
                   international)
