"""What a design does, derived once per initiative from the resolved model.

The checker's rules and the simulator's levers read the same analysis: who
owns and who designs each piece of work, by tier; where the money goes, how
much, per year and per unit, and what share reaches each tier and each piece
of work; what flows along each link and whether any work runs through it;
who decides what; how learning is reined in and spread.

A fact the spec does not state stays unstated here: `None` for a value,
`UNKNOWN` for a tier or an owner, and a `Share` keeps what is unknown apart
from what is known, so that a rule can tell "not held" from "not assessed".
Nothing here judges; thresholds belong to the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from reformlang.records import record
from reformlang.semantics import model

UNKNOWN = "unknown"  # a tier or owner the spec does not state
TIERS = ("top", "middle", "bottom")
WORK_KINDS = ("priority", "strategy", "network")
_UNKNOWN = frozenset({UNKNOWN})


def _frozen_map(value: Mapping) -> Mapping:
    """A private copy, so that the caller's dict cannot change a frozen analysis."""
    return dict(value)


# ------------------------------------------------------------------ shares
@record
class Share:
    """A part of a whole, with what the spec leaves unknown kept apart.

    `part` is what the spec states reaches the thing asked about; `unknown` is
    what might or might not (an owner not stated); `whole` includes both.
    `low` is the share if none of the unknown counts, `high` if all of it
    does; both are None when the whole is zero (nothing stated). For money,
    `could_raise` and `could_lower` count funds whose amount is not stated
    and that could raise the share (they may go to the thing asked about) or
    only lower it (they go elsewhere).
    """

    part: float
    unknown: float
    whole: float
    could_raise: int = 0
    could_lower: int = 0

    @property
    def low(self) -> float | None:
        return self.part / self.whole if self.whole else None

    @property
    def high(self) -> float | None:
        return (self.part + self.unknown) / self.whole if self.whole else None

    @property
    def known(self) -> bool:
        """Is the share fully determined by what the spec states?"""
        return bool(self.whole) and not (self.unknown or self.could_raise or self.could_lower)

    def at_least(self, threshold: float) -> bool | None:
        """True if the share surely reaches `threshold`, False if it surely does not, None if the spec
        does not say enough to tell (or states nothing)."""
        if not self.whole:
            return None
        if self.low >= threshold and not self.could_lower:
            return True
        if self.high < threshold and not self.could_raise:
            return False
        return None


# ------------------------------------------------------------------ work
@record
class Work:
    """A piece of work: a priority, a strategy or a network.

    `owner` is the level that answers for it (a network's facilitator when it
    is a level, else its members when they are the middle's own units); None
    when the spec does not say. `designers` are the levels that design it:
    its `designed_by` levels when stated, else its owner.
    """

    kind: str  # "priority", "strategy" or "network"
    id: str
    owner: str | None
    owner_tier: str  # a tier, or UNKNOWN
    designers: tuple[str, ...]
    designer_tiers: frozenset[str]
    priority: str | None = None  # the priority a strategy serves
    serves: tuple[str, ...] = ()  # indicator ids the work points at (a priority's own, a network's goals)
    funds: tuple[str, ...] = ()  # funding ids tied to it
    node: object = attrs.field(default=None, eq=False, repr=False)
    designs_stated: bool = False  # `designed_by` is stated (else the designers are the owner, by default)

    @property
    def led_by_tier(self) -> frozenset[str]:
        """Tiers that own or design it."""
        if self.owner_tier == UNKNOWN or self.owner_tier in self.designer_tiers:
            return frozenset(self.designer_tiers)  # most often: its owner designs it
        return frozenset(self.designer_tiers) | {self.owner_tier}


# ------------------------------------------------------------------ money
@record
class Fund:
    """One funding block, with what follows from it.

    `amount` is in `currency` over the fund's own period; `per_year` divides
    it by that period's years (None when the fund states no period: the spec
    does not say over how long it is paid); `per_unit` divides the yearly
    amount by the receiving level's `units`, when both are stated.
    """

    id: str
    source: str | None
    source_tier: str
    target: str | None
    target_tier: str
    amount: float | None
    currency: str | None
    period: model.Period | None
    per_year: float | None
    per_unit: float | None
    purpose: tuple[str, ...]
    work: tuple[str, ...]  # networks that name it in `resources`
    node: object = attrs.field(default=None, eq=False, repr=False)


@record
class MoneyView:
    """Where the money goes, in the initiative's main currency.

    `currency` is the currency of the largest stated amount (others are not
    converted: their funds count as unknown amounts). `total` is the sum of
    stated amounts in it, None when no fund states one.
    """

    currency: str | None
    total: float | None
    funds: tuple[Fund, ...]

    def share(self, pick) -> Share:
        """`pick(fund)` is True if the fund counts, False if not, None if the spec does not say."""
        part = unknown = whole = 0.0
        could_raise = could_lower = 0
        for f in self.funds:
            hit = pick(f)
            if f.amount is None or f.currency != self.currency:
                if hit is False:
                    could_lower += 1
                else:
                    could_raise += 1
                continue
            whole += f.amount
            if hit is True:
                part += f.amount
            elif hit is None:
                unknown += f.amount
        return Share(part, unknown, whole, could_raise, could_lower)

    def share_to_tier(self, tier: str) -> Share:
        """What share of the stated money goes to levels of `tier` (funds with no `to` are unknown)."""
        return self.share(lambda f: None if f.target_tier == UNKNOWN else f.target_tier == tier)

    def share_to_work(self, work_id: str) -> Share:
        return self.share(lambda f: work_id in f.work)

    def of_tier(self, tier: str) -> Share:
        """What share of the stated money a tier has: paid to it, or spent from its own budgets."""
        def pick(f: Fund) -> bool | None:
            if f.target_tier == tier or f.source_tier == tier:
                return True
            return None if f.target_tier == UNKNOWN else False
        return self.share(pick)

    def to_tier(self, tier: str) -> tuple[Fund, ...]:
        return tuple(f for f in self.funds if f.target_tier == tier)

    @property
    def unstated_amounts(self) -> tuple[Fund, ...]:
        return tuple(f for f in self.funds if f.amount is None)


# ------------------------------------------------------------------ links
@record
class Flow:
    """A link, with the tiers it joins and the work that runs through it.

    Work runs through a link when a strategy owned at one end reaches or is
    supported by the other, a fund goes from one end to the other, a network
    of one end's units is facilitated by the other (or, for a link of a level
    with itself, is a network of those units), or a priority owned at one end
    has strategies owned at the other.
    """

    source: str
    target: str
    source_tier: str
    target_tier: str
    kinds: tuple[str, ...]
    both_ways: bool
    work: tuple[str, ...]  # ids of work and funds that run through it
    node: object = attrs.field(default=None, eq=False, repr=False)

    @property
    def carries_work(self) -> bool:
        return bool(self.work)

    def joins(self, a: str, b: str) -> bool:
        """Does this link join tiers a and b (in either direction for a two-way link)?"""
        if (self.source_tier, self.target_tier) == (a, b):
            return True
        return self.both_ways and (self.target_tier, self.source_tier) == (a, b)


# ------------------------------------------------------------------ decisions and learning
@record
class Decisions:
    """Who decides what: letting go.

    `by_tier` maps each tier to the work it owns or designs; `letting_go` is
    the learning model's statement of what others decide (None when unstated);
    `local_goals` maps each priority that states it to the levels that set
    their own goals within it (an empty tuple: stated, no one does).
    """

    letting_go: str | None
    by_tier: Mapping[str, tuple[str, ...]] = attrs.field(converter=_frozen_map)
    local_goals: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_frozen_map)

    def sets_local_goals(self, levels: Iterable[str]) -> bool | None:
        """Does any of these levels set local goals within a shared priority? None if no priority says."""
        if not self.local_goals:
            return None
        wanted = set(levels)
        return any(wanted & set(v) for v in self.local_goals.values())


@record
class Learning:
    """How learning is reined in and spread.

    None means the spec does not say (no learning model, or the attribute is
    left out); an empty tuple means it says "nothing".
    """

    vision: str | None
    reining_in: tuple[str, ...] | None
    co_learning: tuple[Flow, ...]  # links carrying co_learning
    lateral_middle: bool  # co_learning among the middle, or a network of the middle's units
    networks: tuple[str, ...]
    learns_from: tuple[str, ...]  # from outside, over every network
    spreading: tuple[str, ...] | None = None  # how what is learned is spread
    spreads_to: tuple[str, ...] | None = None  # to whom: levels, groups, or others by name
    spreads_to_tiers: frozenset[str] = frozenset()  # the tiers of the levels it is spread to
    spreads_outside: bool = False  # to someone who is not a level of the spec (another province, ...)


# ------------------------------------------------------------------ the analysis
@record
class Analysis:
    """What one initiative's design does."""

    initiative: str
    period: model.Period | None
    tier_of: Mapping[str, str] = attrs.field(converter=_frozen_map)  # level id -> tier (UNKNOWN if unset)
    units: Mapping[str, int | None] = attrs.field(converter=_frozen_map)  # level id -> units
    work: tuple[Work, ...] = ()
    money: MoneyView = MoneyView(None, None, ())
    flows: tuple[Flow, ...] = ()
    decisions: Decisions = Decisions(None, {})
    learning: Learning = Learning(None, None, (), False, (), ())

    def summary(self) -> dict:
        """Plain data (sorted, JSON-ready) for readers outside Python, e.g. a debugging dump."""
        def share(s: Share) -> dict:
            return {"low": s.low, "high": s.high, "known": s.known}

        return {
            "initiative": self.initiative,
            "work": [{"kind": w.kind, "id": w.id, "owner": w.owner, "owner_tier": w.owner_tier,
                      "designers": list(w.designers)} for w in self.work],
            "work_share": {t: share(self.work_share(t)) for t in TIERS},
            "money": {"currency": self.money.currency, "total": self.money.total,
                      "share_of_tier": {t: share(self.money.of_tier(t)) for t in TIERS},
                      "funds": [{"id": f.id, "to": f.target, "per_year": f.per_year, "per_unit": f.per_unit}
                                for f in self.money.funds]},
            "flows": [{"from": f.source, "to": f.target, "kinds": list(f.kinds), "work": list(f.work)}
                      for f in self.flows],
            "local_goals": {k: list(v) for k, v in sorted(self.decisions.local_goals.items())},
            "spreads_to": None if self.learning.spreads_to is None else list(self.learning.spreads_to),
        }

    # -- levels
    def levels_in(self, tier: str) -> tuple[str, ...]:
        return tuple(lv for lv, t in self.tier_of.items() if t == tier)

    def tier(self, level: str | None) -> str:
        return self.tier_of.get(level or "", UNKNOWN)

    # -- work
    def work_of(self, *kinds: str) -> tuple[Work, ...]:
        kinds = kinds or WORK_KINDS
        return tuple(w for w in self.work if w.kind in kinds)

    def work_share(self, tier: str, kinds: Iterable[str] = WORK_KINDS, designed: bool = True) -> Share:
        """The share of pieces of work that `tier` owns (or, with `designed`, owns or designs).

        Each priority, strategy and network counts once; a piece whose owner
        is not stated (and that no stated designer puts in `tier`) is unknown.
        """
        kinds = tuple(kinds)
        part = unknown = 0
        pieces = [w for w in self.work if w.kind in kinds]
        for w in pieces:
            tiers = w.led_by_tier if designed else frozenset({w.owner_tier} - {UNKNOWN})
            if tier in tiers:
                part += 1
            elif w.owner_tier == UNKNOWN:
                unknown += 1
        return Share(part, unknown, len(pieces))

    def work_led_by(self, tier: str) -> tuple[Work, ...]:
        return tuple(w for w in self.work if tier in w.led_by_tier)

    # -- links
    def flows_between(self, a: str, b: str) -> tuple[Flow, ...]:
        """Links that run from tier a to tier b."""
        return tuple(f for f in self.flows if f.joins(a, b))


def analyse(initiative: model.Initiative, library: model.Library | None = None) -> Analysis:
    """Derive what `initiative` does. `library` gives words their meaning (a jurisdiction's own link
    kinds, for instance); without one, the standard library's."""
    if library is None:
        from reformlang.driver import core_library

        library = core_library()
    # A tier counts as the standard-library tier it is `like`; one with no stated meaning is unknown.
    tier_of = {lv.id: library.meaning("tier", lv.tier) or UNKNOWN for lv in initiative.levels}
    units = {lv.id: lv.units for lv in initiative.levels}

    def tier(level: str | None) -> str:
        return tier_of.get(level or "", UNKNOWN)

    # Which networks name each fund.
    fund_work: dict[str, list[str]] = {}
    for net in initiative.networks:
        for r in net.resources:
            fund_work.setdefault(r, []).append(net.id)

    def known_tiers(levels: tuple[str, ...]) -> frozenset[str]:
        return frozenset(map(tier, levels)) - _UNKNOWN

    work: list[Work] = []
    for p in initiative.priorities:
        owner = p.owner
        designers = _designers(p, owner)
        indicators = tuple([i.id for i in p.indicators])
        work.append(Work("priority", p.id, owner, tier(owner), designers, known_tiers(designers), None,
                         indicators, (), p, bool(p.designed_by)))
        for s in p.strategies:
            designers = _designers(s, s.owner)
            work.append(Work("strategy", s.id, s.owner, tier(s.owner), designers, known_tiers(designers), p.id,
                             indicators, (), s, bool(s.designed_by)))
    for net in initiative.networks:
        owner = _network_owner(net, tier_of)
        designers = _designers(net, owner)
        work.append(Work("network", net.id, owner, tier(owner), designers, known_tiers(designers), None,
                         tuple(net.goals), tuple(net.resources), net, bool(net.designed_by)))

    funds = tuple(_fund(f, tier, units, tuple(fund_work.get(f.id, ()))) for f in initiative.funding)
    money = _money(funds)
    runs = _WorkAlongLinks(initiative)
    flows = tuple(Flow(link.source, link.target, tier(link.source), tier(link.target), tuple(link.kinds),
                       link.both_ways, runs.through(link), link) for link in initiative.links)

    by_tier: dict[str, list[str]] = {t: [] for t in TIERS}
    for w in work:
        for t in sorted(w.led_by_tier):
            by_tier.setdefault(t, []).append(w.id)
    lm = initiative.learning_model
    local = {p.id: tuple(p.local_goals) for p in initiative.priorities if "local_goals" in p.spans or p.local_goals}
    decisions = Decisions(lm.letting_go if lm else None, {t: tuple(ids) for t, ids in by_tier.items()}, local)

    co_learning = tuple(f for f in flows if any(library.has("link_kind", k, "learning") for k in f.kinds))
    middle_networks = any(tier(net.members) == "middle" for net in initiative.networks)
    lateral = middle_networks or any(f.source_tier == f.target_tier == "middle" for f in co_learning)
    reining = None
    if lm is not None and ("reining_in" in lm.spans or lm.reining_in):
        reining = tuple(lm.reining_in)
    spreading = spreads_to = None
    if lm is not None and ("spreading" in lm.spans or lm.spreading):
        spreading = tuple(lm.spreading)
    if lm is not None and ("spreads_to" in lm.spans or lm.spreads_to):
        spreads_to = tuple(lm.spreads_to)
    learning = Learning(initiative.vision or (lm.vision if lm else None), reining, co_learning, lateral,
                        tuple(n.id for n in initiative.networks),
                        tuple(dict.fromkeys(x for n in initiative.networks for x in n.learns_from)),
                        spreading, spreads_to,
                        frozenset(tier_of[x] for x in spreads_to or () if x in tier_of) - {UNKNOWN},
                        any(x not in tier_of for x in spreads_to or ()))
    return Analysis(initiative.id, initiative.period, tier_of, units, tuple(work), money, flows, decisions,
                    learning)


def _designers(node, owner: str | None) -> tuple[str, ...]:
    stated = tuple(getattr(node, "designed_by", ()) or ())
    if stated:
        return stated
    return (owner,) if owner else ()


def _network_owner(net: model.Network, tier_of: Mapping[str, str]) -> str | None:
    if net.facilitator and net.facilitator in tier_of:
        return net.facilitator
    if net.members and tier_of.get(net.members) == "middle":
        return net.members
    return None


def _fund(f: model.Funding, tier, units: Mapping[str, int | None], work: tuple[str, ...]) -> Fund:
    amount = float(f.amount.amount) if f.amount is not None else None
    currency = f.amount.currency if f.amount is not None else None
    per_year = amount / f.period.years if amount is not None and f.period is not None else None
    n = units.get(f.to or "")
    per_unit = per_year / n if per_year is not None and n else None
    return Fund(f.id, f.from_, tier(f.from_), f.to, tier(f.to), amount, currency, f.period, per_year, per_unit,
                tuple(f.purpose), work, f)


def _money(funds: tuple[Fund, ...]) -> MoneyView:
    by_currency: dict[str, float] = {}
    for f in funds:
        if f.amount is not None and f.currency is not None:
            by_currency[f.currency] = by_currency.get(f.currency, 0.0) + f.amount
    if not by_currency:
        return MoneyView(None, None, funds)
    currency = max(sorted(by_currency), key=lambda c: by_currency[c])
    return MoneyView(currency, by_currency[currency], funds)


class _WorkAlongLinks:
    """Which work and funds run through each link (see Flow), from indexes built once per initiative:
    looking through every strategy, fund and network for every link cost links x work (16 million steps
    for 4,000 of each)."""

    def __init__(self, initiative: model.Initiative) -> None:
        # (one end, the other) -> ids of the strategies, funds and networks between them, in the order
        # of the spec; a link of a level with itself is (level, level).
        strategies: dict[tuple[str, str], list[str]] = {}
        for p in initiative.priorities:
            for s in p.strategies:
                owner = s.owner
                if owner is None:
                    continue
                ends = {(owner, other) for other in (*s.reaches, *s.supported_by) if other != owner}
                if owner in s.reaches:
                    ends.add((owner, owner))
                if p.owner is not None and p.owner != owner:
                    ends.add((p.owner, owner))
                for x, y in ends:
                    strategies.setdefault((x, y), []).append(s.id)
                    if x != y and (y, x) not in ends:
                        strategies.setdefault((y, x), []).append(s.id)
        self.strategies = strategies
        self.funds: dict[tuple[str | None, str | None], list[tuple[int, str]]] = {}
        for i, f in enumerate(initiative.funding):
            self.funds.setdefault((f.from_, f.to), []).append((i, f.id))
        self.networks: dict[tuple[str | None, str | None], list[str]] = {}
        for net in initiative.networks:
            m, f = net.members, net.facilitator
            self.networks.setdefault((m, m), []).append(net.id)  # a link of the members with themselves
            if m != f:
                self.networks.setdefault((m, f), []).append(net.id)
                self.networks.setdefault((f, m), []).append(net.id)
        self._known: dict[tuple[str, str, bool], tuple[str, ...]] = {}

    def through(self, link: model.Link) -> tuple[str, ...]:
        a, b = link.source, link.target
        key = (a, b, link.both_ways)
        known = self._known.get(key)
        if known is None:  # links that join the same ends share one answer
            funds = self.funds.get((a, b), ())
            if link.both_ways and a != b:
                funds = sorted([*funds, *self.funds.get((b, a), ())])
            work = [*self.strategies.get((a, b), ()), *(f for _, f in funds), *self.networks.get((a, b), ())]
            known = self._known[key] = tuple(dict.fromkeys(work))
        return known