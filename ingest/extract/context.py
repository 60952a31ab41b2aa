"""What the extraction steps of one article share: its tokens' actors and its actors.

Each step (actors, coreference, titles, events, ...) reads and fills an
`ArticleContext`; `extract` turns the finished context into an `Extraction`.
Token-indexed tables keep every look-up O(1).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from graph_schema.model import ActorKind, Article, Evidence
from ingest.extract.lexicon import Lexicon


@dataclass(slots=True, eq=False)
class Mention:
    """One place in the text that names or refers to an actor."""

    start: int  # token span [start, end)
    end: int
    kind: ActorKind
    text: str
    country: str | None = None  # a state's own code; an organisation's state
    via: str = "name"  # name | demonym | capital | body | description | pronoun
    key: str | None = None  # the actor, once known

    @property
    def root(self) -> int:
        return self.end - 1


@dataclass(slots=True)
class HeldTitle:
    """An office a person holds, as this article puts it."""

    text: str  # "Thai Foreign Minister"
    of: str | None  # key of the state or body
    evidence: Evidence
    cls: str | None  # office class (lexicon)
    core: str  # the office without its state: "Foreign Minister"


@dataclass(slots=True)
class ActorRecord:
    """An actor of this article while extraction is under way."""

    key: str
    kind: ActorKind
    name: str
    country: str | None = None
    country_evidence: str | None = None  # "title", "represents", "body": how the country is known
    forms: dict[str, int] = field(default_factory=dict)  # surface form -> count
    titles: list[HeldTitle] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: int = 0  # events it takes part in or speaks in


@dataclass(slots=True)
class ArticleContext:
    article: Article
    doc: Doc
    lexicon: Lexicon
    mentions: list[Mention] = field(default_factory=list)
    by_token: list[Mention | None] = field(default_factory=list)
    actors: dict[str, ActorRecord] = field(default_factory=dict)
    dateline_country: str | None = None
    text: str = ""  # the doc's text, kept once: `Doc.text` is rebuilt on every access
    memo: dict[str, object] = field(default_factory=dict)  # per-article tables computed once, on demand
    leads: dict[str, str] = field(default_factory=dict)  # person key -> key of the state whose delegation they lead
    heads: list[tuple[int, str]] = field(default_factory=list)  # (token of a delegation, mission, team; its head)

    def __post_init__(self) -> None:
        if not self.by_token:
            self.by_token = [None] * len(self.doc)
        if not self.text:
            self.text = self.doc.text

    # --- mentions ----------------------------------------------------------------------------------

    def add_mention(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def remove_mention(self, mention: Mention) -> None:
        self.mentions.remove(mention)
        for i in range(mention.start, mention.end):
            if self.by_token[i] is mention:
                self.by_token[i] = None

    def mention_at(self, token: Token | int) -> Mention | None:
        i = token if isinstance(token, int) else token.i
        return self.by_token[i] if 0 <= i < len(self.by_token) else None

    def actor_at(self, token: Token | int) -> ActorRecord | None:
        mention = self.mention_at(token)
        return self.actors.get(mention.key) if mention and mention.key else None

    # --- evidence ----------------------------------------------------------------------------------

    def evidence(self, start_char: int, end_char: int) -> Evidence:
        return Evidence(self.article.id, start_char, end_char, self.text[start_char:end_char])

    def span_evidence(self, span: Span) -> Evidence:
        return self.evidence(span.start_char, span.end_char)

    def sentence_evidence(self, sent: Span) -> Evidence:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        return self.evidence(start, end)

    def state_key(self, alpha3: str) -> str:
        return f"s:{alpha3.lower()}"

    def ensure_state(self, alpha3: str) -> str:
        """The key of the state `alpha3`, made an actor of the article if it is not one yet."""
        key = self.state_key(alpha3)
        if key not in self.actors:
            from ingest import gazetteer

            country = gazetteer.country(alpha3)
            self.actors[key] = ActorRecord(key, ActorKind.STATE, country.name if country else alpha3, alpha3)
        return key
