"""The resolved model of a reform: what checks and backends read.

Every class is frozen; sequences are tuples; references between parts are
held as ids (snake_case strings) that the resolver has proved resolve, with
lookups on `Initiative`. Every node keeps the span it came from (`span`, the
whole block; `header`, its first line) and the span of each attribute
(`spans`), all kept out of equality so that tests compare structure.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import attrs

from reformlang.records import record
from reformlang.source import Span

_pos = dict(eq=False, repr=False)


def _span_field() -> Any:
    return attrs.field(default=None, eq=False, repr=False)


def _spans_field() -> Any:
    return attrs.field(factory=dict, eq=False, repr=False)


# ------------------------------------------------------------------ values
@record
class Period:
    """Inclusive span of years: `2026 .. 2031`."""

    start: int
    end: int

    @property
    def years(self) -> int:
        return self.end - self.start + 1

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        return f"{self.start} .. {self.end}"


@record
class SizeRange:
    """Inclusive range of counts: `5 .. 20`."""

    low: int
    high: int

    def __str__(self) -> str:
        return f"{self.low} .. {self.high}"


@record
class Money:
    amount: int | float
    currency: str

    def __str__(self) -> str:
        amount = f"{self.amount:,}".replace(",", "_") if isinstance(self.amount, int) else str(self.amount)
        return f"{amount} {self.currency}"


@record
class Measurement:
    """A value in a year: `54% in 2026` (baseline) or `75% by 2031` (target)."""

    value: int | float
    unit: str  # "percent", "count" or "money"
    year: int
    currency: str | None = None

    def __str__(self) -> str:
        if self.unit == "percent":
            shown = f"{_num(self.value)}%"
        elif self.unit == "money":
            shown = f"{_num(self.value)} {self.currency}"
        else:
            shown = _num(self.value)
        return f"{shown} in {self.year}"


def _num(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@record
class Students:
    """Whom a goal is for: `all`, or named groups."""

    all: bool
    groups: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "all students" if self.all else ", ".join(self.groups)


# --------------------------------------------------------------- library
@record
class Word:
    """One word of a vocabulary (a tier, an outcome, a group, ...) and what it means.

    `like` names the word of the same vocabulary it behaves like for the
    checker and the simulator; `traits` and `per_year` are properties of its
    own (docs/language.md, "What a word means"). `core` marks a word of the
    standard library: its own meaning.
    """

    id: str
    title: str | None
    about: str | None = None
    like: str | None = None
    traits: tuple[str, ...] | None = None  # None: not stated (inherited through `like`)
    per_year: int | None = None  # a cadence: how many times a year
    core: bool = False
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Vocabulary:
    id: str
    title: str | None = None
    words: tuple[Word, ...] = ()
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()

    def ids(self) -> frozenset[str]:
        return self._ids

    @functools.cached_property
    def _ids(self) -> frozenset[str]:
        """Built once: the resolver asks for every vocabulary word it reads."""
        return frozenset(w.id for w in self.words)

    def word(self, id: str | None) -> Word | None:
        return self._by_id.get(id or "")

    @functools.cached_property
    def _by_id(self) -> dict[str, Word]:
        """The words by id (the first of a repeated id), built once: the checker asks per finding."""
        out: dict[str, Word] = {}
        for w in self.words:
            out.setdefault(w.id, w)
        return out


@record
class Principle:
    id: str  # stable: "framework.principle"
    name: str = ""  # the principle's own id within its framework
    title: str | None = None
    about: str | None = None
    holds_when: str | None = None
    source: str | None = None
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Framework:
    id: str
    title: str | None = None
    about: str | None = None
    source: str | None = None
    principles: tuple[Principle, ...] = ()
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()

    def principle(self, name: str) -> Principle | None:
        for p in self.principles:
            if p.name == name or p.id == name:
                return p
        return None


@record
class Library:
    """Vocabularies and frameworks visible to a spec: the standard library plus its `use`d files."""

    vocabularies: Mapping[str, Vocabulary] = attrs.field(factory=dict, eq=False)
    frameworks: Mapping[str, Framework] = attrs.field(factory=dict, eq=False)

    def words(self, vocabulary: str) -> frozenset[str]:
        v = self.vocabularies.get(vocabulary)
        return v.ids() if v else frozenset()

    def word(self, vocabulary: str, word: str | None) -> Word | None:
        v = self.vocabularies.get(vocabulary)
        return v.word(word) if v else None

    # -- what a word means (docs/language.md, "What a word means")
    def _chain(self, vocabulary: str, word: str | None) -> list[Word]:
        """The word, then the words it is `like`, in turn; a loop (reported by the resolver) ends it."""
        chain: list[Word] = []
        w = self.word(vocabulary, word)
        while w is not None and w not in chain:
            chain.append(w)
            if w.core or w.like is None:
                break
            w = self.word(vocabulary, w.like)
        return chain

    @functools.cached_property
    def _read(self) -> dict[tuple[str, str | None], tuple[str | None, frozenset[str]]]:
        """(vocabulary, word) -> (meaning, traits), filled as they are asked for: the checker asks about
        the same few words for every initiative and rule."""
        return {}

    def _reading(self, vocabulary: str, word: str | None) -> tuple[str | None, frozenset[str]]:
        key = (vocabulary, word)
        found = self._read.get(key)
        if found is None:
            chain = self._chain(vocabulary, word)
            meaning = chain[-1].id if chain and chain[-1].core else None
            # Its own traits when it states them, else those of the word it is like.
            traits = next((frozenset(w.traits) for w in chain if w.traits is not None), frozenset())
            found = self._read[key] = (meaning, traits)
        return found

    def meaning(self, vocabulary: str, word: str | None) -> str | None:
        """The standard-library word this word behaves like: itself for a core word,
        None for a word with no stated meaning (or no word at all)."""
        return self._reading(vocabulary, word)[0]

    def meanings(self, vocabulary: str, words) -> tuple[str, ...]:
        """The meanings of several words, in order, without repeats; words with none are left out."""
        out = (self.meaning(vocabulary, w) for w in words)
        return tuple(dict.fromkeys(m for m in out if m is not None))

    def traits(self, vocabulary: str, word: str | None) -> frozenset[str]:
        """The word's traits: its own when it states them, else those of the word it is like."""
        return self._reading(vocabulary, word)[1]

    def has(self, vocabulary: str, word: str | None, trait: str) -> bool:
        return trait in self._reading(vocabulary, word)[1]

    def having(self, vocabulary: str, trait: str) -> tuple[str, ...]:
        """The words of a vocabulary with a trait, in the order they were declared."""
        v = self.vocabularies.get(vocabulary)
        return tuple(w.id for w in v.words if self.has(vocabulary, w.id, trait)) if v else ()

    def property(self, vocabulary: str, word: str | None, name: str) -> Any:
        """A property of a word (`per_year`): its own when stated, else that of the word it is like."""
        for w in self._chain(vocabulary, word):
            value = getattr(w, name, None)
            if value is not None:
                return value
        return None

    def core_words(self, vocabulary: str) -> tuple[str, ...]:
        """The standard library's own words of a vocabulary, in order: the meanings a word can have."""
        v = self.vocabularies.get(vocabulary)
        return tuple(w.id for w in v.words if w.core) if v else ()


# ------------------------------------------------------------------ spec
@record
class Engagement:
    """How the reform was made with the people who carry it."""

    process: str | None = None  # imposed, consulted, negotiated, co_designed
    with_: tuple[str, ...] = ()
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Level:
    id: str
    title: str | None = None
    tier: str | None = None  # top, middle, bottom
    units: int | None = None
    leader: str | None = None
    leader_term: Period | None = None  # the years the leader is committed for (resolute leadership)
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Link:
    """A relationship between two levels: `link districts -> schools { support }`."""

    source: str
    target: str
    both_ways: bool
    kinds: tuple[str, ...]
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Indicator:
    id: str
    title: str | None = None
    baseline: Measurement | None = None
    target: Measurement | None = None
    source: str | None = None
    students: Students | None = None
    tracks: str | None = None  # what it watches: the average, or the gap between high and low performers
    priority: str | None = None  # the id of the priority it belongs to
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()

    @property
    def yearly_gain(self) -> float | None:
        """The gain per year the target implies over the baseline."""
        b, t = self.baseline, self.target
        if b is None or t is None or t.year <= b.year or b.unit != t.unit:
            return None
        return (t.value - b.value) / (t.year - b.year)


@record
class Strategy:
    id: str
    title: str | None = None
    owner: str | None = None  # a level id
    reaches: tuple[str, ...] = ()  # level ids or groups
    builds: tuple[str, ...] = ()  # capacity, partnerships, infrastructure, accountability, ...
    period: Period | None = None
    supported_by: tuple[str, ...] = ()  # level ids
    designed_by: tuple[str, ...] = ()  # level ids that design it (unstated: its owner)
    priority: str | None = None
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Priority:
    id: str
    title: str | None = None
    outcome: tuple[str, ...] = ()
    students: Students | None = None
    owner: str | None = None  # a level id
    designed_by: tuple[str, ...] = ()  # level ids that design it (unstated: its owner)
    local_goals: tuple[str, ...] = ()  # level ids that set their own goals within this shared priority
    indicators: tuple[Indicator, ...] = ()
    strategies: tuple[Strategy, ...] = ()
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Accountability:
    style: str | None = None  # intelligent, compliance, punitive
    internal: tuple[str, ...] = ()
    external: tuple[str, ...] = ()
    transparency: str | None = None  # public, internal, none
    consequence: str | None = None  # support_first, intervention, sanctions
    measures: tuple[str, ...] = ()  # indicator ids
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Funding:
    id: str
    title: str | None = None
    amount: Money | None = None
    from_: str | None = None  # a level id
    to: str | None = None  # a level id
    purpose: tuple[str, ...] = ()
    period: Period | None = None
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Network:
    id: str
    title: str | None = None
    members: str | None = None  # a level id
    size: SizeRange | None = None
    joining: str | None = None  # open, invited, mandated
    facilitator: str | None = None  # a level id or a free name
    meets: str | None = None  # weekly ... yearly
    goals: tuple[str, ...] = ()  # indicator ids
    trust: tuple[str, ...] = ()
    practice: tuple[str, ...] = ()
    learns_from: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()  # funding ids
    designed_by: tuple[str, ...] = ()  # level ids that design it (unstated: its owner)
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Phase:
    id: str
    title: str | None = None
    period: Period | None = None
    coverage: float | None = None  # percent of units reached by the phase's end
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Rollout:
    mode: str | None = None  # diffusion, pilot, mandate
    phases: tuple[Phase, ...] = ()
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class LearningModel:
    """Directional vision, letting go, reining in."""

    vision: str | None = None
    letting_go: str | None = None
    reining_in: tuple[str, ...] = ()
    spreading: tuple[str, ...] = ()  # how what is learned is spread (learning fairs, a shared case bank, ...)
    spreads_to: tuple[str, ...] = ()  # where it is spread: levels, groups, or others by name
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Simulation:
    """What a planner sets for the simulation of the design (docs/simulation.md); the rest takes defaults."""

    runs: int | None = None  # how many runs of the model, for the uncertainty bands
    seed: int | None = None  # the random seed: the same seed gives the same results
    steps_per_year: int | None = None  # 12 is monthly
    until: int | None = None  # the last year simulated; past the period to see what lasts
    performance: float | None = None  # percent: mean school performance at the start
    spread: float | None = None  # percent: standard deviation of school performance at the start
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()


@record
class Initiative:
    id: str
    title: str | None = None
    jurisdiction: str | None = None
    period: Period | None = None
    vision: str | None = None
    students: Students | None = None
    engagement: Engagement | None = None
    levels: tuple[Level, ...] = ()
    links: tuple[Link, ...] = ()
    priorities: tuple[Priority, ...] = ()
    accountability: Accountability | None = None
    funding: tuple[Funding, ...] = ()
    networks: tuple[Network, ...] = ()
    rollout: Rollout | None = None
    learning_model: LearningModel | None = None
    simulation: Simulation | None = None
    span: Span | None = _span_field()
    header: Span | None = _span_field()
    spans: Mapping[str, Span] = _spans_field()

    # -- lookups by id (the resolver has proved references resolve)
    def level(self, id: str | None) -> Level | None:
        return self._by_id[0].get(id)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for p in self.priorities for i in p.indicators)

    @property
    def strategies(self) -> tuple[Strategy, ...]:
        return tuple(s for p in self.priorities for s in p.strategies)

    def indicator(self, id: str | None) -> Indicator | None:
        return self._by_id[1].get(id)

    def funding_by_id(self, id: str | None) -> Funding | None:
        return self._by_id[2].get(id)

    @functools.cached_property
    def _by_id(self) -> tuple[dict, dict, dict]:
        """Levels, indicators and funds by id (the first of an id, as a search in order finds it), built
        once: the backends look them up for every mention, and a search each time made a design of
        thousands of levels cost levels x mentions."""
        found: tuple[dict, dict, dict] = ({}, {}, {})
        for table, items in zip(found, (self.levels, self.indicators, self.funding)):
            for x in items:
                table.setdefault(x.id, x)
        return found


@record
class Comment:
    """A source comment; the checker reads `# reformlang: ignore[...]` from these."""

    text: str
    span: Span | None = _span_field()


@record
class Spec:
    """One resolved `.reform` file."""

    path: str
    initiatives: tuple[Initiative, ...]
    frameworks: tuple[str, ...]  # ids of the frameworks the file `use`s, in order
    library: Library = attrs.field(eq=False, repr=False)
    comments: tuple[Comment, ...] = attrs.field(default=(), eq=False, repr=False)
    uses: Mapping[str, Span] = attrs.field(factory=dict, eq=False, repr=False)
    span: Span | None = _span_field()

    @property
    def is_library(self) -> bool:
        """A file of vocabularies or frameworks only, brought in by `use`."""
        return not self.initiatives
