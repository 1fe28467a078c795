"""The facts of one initiative, indexed once, that every rule reads.

Rules ask questions like "which levels are in the middle?" or "what flows from
the middle to the top?"; answering them from this index keeps a check linear
in the size of the spec instead of rescanning the initiative per element.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping

from reformlang.analysis import Analysis, analyse
from reformlang.i18n import join, msg
from reformlang.semantics import model
from reformlang.semantics.schema import THRESHOLDS
from reformlang.source import Span


class Facts:
    """An index over one initiative of a spec.

    Vocabulary words are read through the library: a word counts as the
    standard-library word it is `like` (`meaning`) and has the traits the
    library gives it, so a jurisdiction's own words are checked like the core
    ones. A word with no stated meaning counts as none of the core words: the
    rules that ask about it neither credit nor blame it.
    """

    def __init__(self, initiative: model.Initiative, spec: model.Spec | None = None,
                 thresholds: Mapping[str, float] | None = None, library: model.Library | None = None) -> None:
        self.initiative = initiative
        self.spec = spec
        self.thresholds = dict(thresholds or {})
        if library is None:
            if spec is not None:
                library = spec.library
            else:
                from reformlang.driver import core_library

                library = core_library()
        self.library = library
        self.levels: dict[str, model.Level] = {lv.id: lv for lv in initiative.levels}
        self.by_tier: dict[str, list[model.Level]] = defaultdict(list)
        # level id -> the tier it behaves as ("" when none; the last level of an id, as in `levels`): the
        # rules ask it of every end of every link
        self._tier_of: dict[str, str] = {}
        for lv in initiative.levels:
            tier = self.means("tier", lv.tier) or ""
            self.by_tier[tier].append(lv)
            self._tier_of[lv.id] = tier
        self.indicators: dict[str, model.Indicator] = {}
        self.strategies: list[model.Strategy] = []
        for p in initiative.priorities:
            for ind in p.indicators:
                self.indicators.setdefault(ind.id, ind)
            self.strategies.extend(p.strategies)
        self.funding: dict[str, model.Funding] = {f.id: f for f in initiative.funding}
        # (from tier, to tier) -> links along which influence runs that way
        self.flows: dict[tuple[str, str], list[model.Link]] = defaultdict(list)
        for link in initiative.links:
            a, b = self.tier(link.source), self.tier(link.target)
            self.flows[(a, b)].append(link)
            if link.both_ways and (b, a) != (a, b):
                self.flows[(b, a)].append(link)

    @functools.cached_property
    def design(self) -> Analysis:
        """What the design does (reformlang.analysis), built once per initiative."""
        return analyse(self.initiative, self.library)

    def threshold(self, name: str) -> float:
        """A named threshold (semantics.schema.THRESHOLDS), as configured."""
        if name in self.thresholds:
            return self.thresholds[name]
        return THRESHOLDS[name].default

    # -- words, through the library
    def means(self, vocabulary: str, word: str | None) -> str | None:
        """The standard-library word this word behaves like, or None."""
        return self.library.meaning(vocabulary, word)

    def has(self, vocabulary: str, word: str | None, trait: str) -> bool:
        return self.library.has(vocabulary, word, trait)

    def groups(self, items) -> list[str]:
        """Groups as the checker reads them: a group word as the standard-library group it is like
        (a jurisdiction's `whanau` like `families`), text as written."""
        return [self.means("group", g) or g for g in items]

    def carries(self, link: model.Link, trait: str) -> bool:
        """Does any kind of this link have the trait (`support`, `voice`, `money`, ...)?"""
        return any(self.library.has("link_kind", k, trait) for k in link.kinds)

    # -- where to point
    @property
    def header(self) -> Span | None:
        return self.initiative.header or self.initiative.span

    # -- levels
    def tier(self, level_id: str | None) -> str:
        """The tier a level behaves as (top, middle, bottom), or "" when it has none."""
        return self._tier_of.get(level_id or "", "")

    @property
    def top(self) -> list[model.Level]:
        return self.by_tier.get("top", [])

    @property
    def middle(self) -> list[model.Level]:
        return self.by_tier.get("middle", [])

    @property
    def bottom(self) -> list[model.Level]:
        return self.by_tier.get("bottom", [])

    def example_level(self, *tiers: str, default: str) -> str:
        """The id of the first level in the first of these tiers that has one, for a help line."""
        for tier in tiers:
            if self.by_tier.get(tier):
                return self.by_tier[tier][0].id
        return default

    def is_middle(self, level_id: str | None) -> bool:
        return self.tier(level_id) == "middle"

    def links_carrying(self, source_tier: str, target_tier: str, trait: str) -> list[model.Link]:
        """Links along which a kind with this trait runs from one tier to another."""
        return [link for link in self.flows.get((source_tier, target_tier), ()) if self.carries(link, trait)]

    def links_between(self, tier_a: str, tier_b: str) -> list[model.Link]:
        """Links joining two tiers, in either direction, in source order."""
        seen = {id(x): x for x in self.flows.get((tier_a, tier_b), []) + self.flows.get((tier_b, tier_a), [])}
        return list(seen.values())

    # -- what the initiative aims at and who does the work
    @functools.cached_property
    def outcomes(self) -> set[str]:
        """The outcomes the priorities aim at, as written."""
        return {o for p in self.initiative.priorities for o in p.outcome}

    def aims_at(self, trait: str) -> bool:
        """Does a priority aim at an outcome with this trait (`deep_learning`, `pathway_start`, ...)?"""
        return any(self.has("outcome", o, trait) for o in self.outcomes)

    @functools.cached_property
    def owners(self) -> set[str]:
        """Levels that own a priority or a strategy."""
        owners = {p.owner for p in self.initiative.priorities if p.owner}
        owners.update(s.owner for s in self.strategies if s.owner)
        return owners

    @functools.cached_property
    def builds(self) -> set[str]:
        """What the strategies build, by meaning (a word with none is left out)."""
        return set(self.library.meanings("builds", (b for s in self.strategies for b in s.builds)))

    @functools.cached_property
    def co_learning(self) -> list[model.Link]:
        """Links along which peers learn from each other."""
        return [link for link in self.initiative.links if self.carries(link, "learning")]

    @property
    def vision(self) -> str | None:
        lm = self.initiative.learning_model
        return self.initiative.vision or (lm.vision if lm else None)

    def measurable(self, ind: model.Indicator | None) -> bool:
        """An indicator with both a baseline and a target."""
        return ind is not None and ind.baseline is not None and ind.target is not None

    @property
    def period(self) -> model.Period | None:
        return self.initiative.period

    @functools.cached_property
    def middle_ids(self) -> frozenset[str]:
        """The ids of the middle's levels (none when there is no middle); `middle[0]` is the one a finding
        on the middle points at."""
        return frozenset(lv.id for lv in self.middle)


def mentions(groups: tuple[str, ...] | list[str], *stems: str) -> bool:
    """Does any of these groups (vocabulary words or free text) name one of the stems?

    Groups may be words (`families`) or text (`"Parents' associations"`), so
    the match is on lower-case stems.
    """
    return any(stem in g.lower() for g in groups for stem in stems)


def stated(node, attribute: str) -> bool:
    """Does the spec state this attribute of a node (an empty list counts: it states "none")?"""
    if node is None:
        return False
    spans = getattr(node, "spans", None) or {}
    return attribute in spans or getattr(node, attribute, None) not in (None, ())


def span_of(node, attribute: str | None = None) -> Span | None:
    """The span of one attribute of a node, else its header, else its whole span."""
    if attribute is not None:
        spans = getattr(node, "spans", None) or {}
        if attribute in spans:
            return spans[attribute]
    return getattr(node, "header", None) or getattr(node, "span", None)


_WORD = re.compile(r"[a-z_][a-z0-9_]*")  # an id or a vocabulary word


def shown(item: str) -> str:
    """An id or vocabulary word as `code`, free text as "quoted" (in French, « quoted »)."""
    return f"`{item}`" if _WORD.fullmatch(item) else msg('"{text}"', text=item)


# Counts name priorities (the one threshold said in words): French gives them its feminine forms.
_WORDS = (msg("no"), msg("one"), msg("two"), msg("three"), msg("four"), msg("five"), msg("six"), msg("seven"),
          msg("eight"), msg("nine"), msg("ten"))


def in_words(n: int) -> str:
    """A small count in words ("three"), a larger one in digits: for messages that name a threshold."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def listing(items, quote: bool = True) -> str:
    """`a`, `b` and "Free text"; a piece that is a translatable message (quote=False) stays one."""
    items = [shown(str(x)) if quote else x if isinstance(x, str) else str(x) for x in items]
    if len(items) <= 1:
        return items[0] if items else ""
    return msg("{items} and {last}", items=join(items[:-1]), last=items[-1])
