"""The levers of a design, year by year: what the levels do to schools, read from a simulation config.

Pure Python (no NumPy), so that the mapping from a config to pressure,
support, money, commitment and adoption rules can be read and tested on its
own; docs/simulation.md states each rule.
"""

from __future__ import annotations

import functools

from reformlang.driver import core_library
from reformlang.i18n import _
from reformlang.records import record

DEFAULT_NETWORK_SIZE = (5, 20)


@functools.cache
def _having(vocabulary: str, trait: str) -> frozenset[str]:
    """The standard library's words with a trait (stdlib/vocabulary.reform): a config holds words
    by their meaning, so these are the words a lever responds to."""
    return frozenset(core_library().having(vocabulary, trait))


@record
class NetworkRule:
    """One network of schools: how big its groups are, who joins, how often it meets."""

    id: str
    size_low: int
    size_high: int
    joining: str  # open, invited, mandated
    intensity: float  # 0..1: how much of a year's network learning its meetings give
    units: int = 0  # for a network of middle units (districts): how many there are; 0 for schools


@record
class Levers:
    start: int
    until: int
    period: tuple[int, int]
    mode: str  # diffusion, pilot, mandate
    phases: tuple[tuple[int, int, float], ...]  # (start, end, coverage 0..1)
    pressure: dict[int, float]  # year -> strength of the centre's pressure (0 when it stops)
    top_support: dict[int, float]  # year -> 1 while the centre supports schools directly
    money_capacity: dict[int, float]  # year -> 1 while capacity money reaches schools without middle support
    middle_support: dict[int, float]  # year -> the support the middle leads (builds owned capacity)
    middle_programme: dict[int, float]  # year -> the centre's programme the middle passes on (builds lent capacity)
    erosion: dict[int, float]  # year -> how much commitment the centre's pressure erodes
    commitment: float  # commitment at the start, from the engagement process
    voice: bool  # do the levels below speak to those above (feedback, co-design)?
    networks: tuple[NetworkRule, ...]
    ownership: float = 0.0  # -1..1: work owned below (+) against work owned by the centre (-); 0 when unstated
    notes: tuple[str, ...] = ()  # the facts the config does not state, and the neutral lever each gives

    def programme(self, year: int) -> bool:
        """Does the centre's programme (its support, money or pressure) still run in `year`?"""
        return bool(self.top_support[year] or self.money_capacity[year] or self.middle_programme[year]
                    or self.pressure[year])


def levers(config: dict) -> Levers:
    """Derive the year-by-year levers of the model from a complete config (rules: docs/simulation.md)."""
    from reformlang.simulation.simconfig import unknown_words

    par = config["parameters"]
    # A spec's own word that states traits, not a meaning, is listed with them in the config's `words`.
    own: dict[tuple[str, str], set[str]] = {}
    for entry in config.get("words") or ():
        for trait in entry.get("traits") or ():
            own.setdefault((entry["vocabulary"], trait), set()).add(entry["word"])

    def having(vocabulary: str, trait: str) -> frozenset[str]:
        return _having(vocabulary, trait) | own.get((vocabulary, trait), set())

    run = config["run"]
    init = config["initiative"]
    design = config.get("design") or {}
    notes: list[str] = unknown_words(config)
    start, until = run["start"], run["until"]
    p_start, p_end = init.get("start", start), init.get("end", until)
    years = range(start, until + 1)
    tiers = {lv.get("tier") for lv in config["levels"]}
    has_middle = "middle" in tiers

    kinds: dict[tuple[str, str], set[str]] = {}
    for link in config["links"]:
        kinds.setdefault((link["from_tier"], link["to_tier"]), set()).update(link["kinds"])

    def flows(a: str, b: str, wanted: frozenset[str]) -> bool:
        return bool(kinds.get((a, b), set()) & wanted)

    direction, reporting = having("link_kind", "direction"), having("link_kind", "reporting")
    support = having("link_kind", "support")
    # No rollout stated: every school takes part from the start (scheduled as a mandate), but the centre
    # is not taken to direct: only a stated mandate, direction or reporting says it does.
    mode = config["rollout"].get("mode") or "mandate"
    top_directs = (flows("top", "middle", direction) or flows("top", "bottom", direction)
                   or flows("bottom", "top", reporting) or flows("middle", "top", reporting)
                   or config["rollout"].get("mode") == "mandate")
    middle_reaches_schools = any(a == "middle" and b == "bottom" for a, b in kinds)
    middle_supports = has_middle and flows("middle", "bottom", support)
    facilitated_by_middle = any(n.get("tier") == "bottom" and n.get("facilitator_tier") == "middle"
                                for n in config["networks"])
    middle_base = 1.0 if middle_supports else (0.5 if has_middle and facilitated_by_middle else 0.0)
    if middle_base and flows("middle", "middle", having("link_kind", "learning")):
        middle_base *= 1 + par["middle_network_boost"]
    top_supports = flows("top", "bottom", support)

    # Who leads the work: the middle's share sustains its support; the balance below against the top
    # moves commitment. Unstated: neutral (see docs/simulation.md, "Facts a spec leaves out").
    work = design.get("work") or {}
    lead = work.get("middle")
    if lead is None and middle_base:
        notes.append(_("who leads the work is not stated: the middle's support counts while the initiative "
                       "runs, neither sustained by its leading nor withdrawn as the centre's programme"))
    below = [work.get(t) for t in ("middle", "bottom")]
    if work.get("top") is None or None in below:
        ownership = 0.0
        if work:
            notes.append(_("who owns the work is not fully stated: no push on commitment from ownership"))
    else:
        ownership = max(-1.0, min(1.0, sum(below) - work["top"]))
    # How far the middle is resourced for the work it leads: its share of the money against its share of
    # the work (1 when the money matches the work or more); None when the amounts are not stated.
    money_share = design.get("middle_money")
    resourcing = None if money_share is None or not lead else min(1.0, money_share / lead)

    acc = config.get("accountability") or {}
    style = acc.get("style") or "unset"
    consequence = acc.get("consequence") or "unset"
    # The centre presses on the work it owns: where schools or the middle own the goals, its reviews have
    # no target of its own to push results toward.
    top_share = work.get("top")
    aim = 1.0 if top_share is None else top_share
    base_pressure = (_pick(par["pressure_by_style"], style) * _pick(par["pressure_by_consequence"], consequence)
                     * aim if top_directs else 0.0)
    erosion_by_style = _pick(par["pressure_erosion_by_style"], style)

    def money(year: int, purposes: frozenset[str] | None, to_tier: str, from_tier: str | None = None) -> bool:
        return any(m["start"] <= year <= m["end"] and (purposes is None or m["purpose"] in purposes)
                   and m.get("to_tier") == to_tier and (from_tier is None or m.get("from_tier") == from_tier)
                   for m in config["money"])

    any_money = bool(config["money"])
    pressure, top_support, money_capacity, middle_support, programme, erosion = {}, {}, {}, {}, {}, {}
    for y in years:
        in_period = p_start <= y <= p_end
        incentive = any(money(y, having("purpose", "pressure"), t, "top") for t in ("middle", "bottom"))
        pressure[y] = (base_pressure if in_period else 0.0) + (par["incentive_pressure"] if incentive else 0.0)
        erosion[y] = erosion_by_style if pressure[y] > 0 else 0.0
        top_support[y] = 1.0 if in_period and top_supports else 0.0
        to_middle = money(y, having("purpose", "capacity"), "middle")
        passes_on = to_middle and middle_reaches_schools and not middle_base
        money_capacity[y] = 1.0 if money(y, having("purpose", "capacity"), "bottom") or passes_on else 0.0
        support = middle_base * (1 + (par["middle_money_boost"] if to_middle and middle_base else 0.0))
        if lead is None:  # neutral: the support the links state, for the initiative's span
            middle_support[y], programme[y] = (support if in_period else 0.0), 0.0
            continue
        # The middle's own support lasts as far as it leads and is resourced; the rest is the centre's
        # programme passed on, which ends with the period.
        if not any_money:
            funded = 1.0 if in_period else 0.0  # neutral: resourced while the initiative runs
        else:
            funded = (1.0 if resourcing is None else resourcing) if money(y, None, "middle") else 0.0
        middle_support[y] = support * lead * (funded + (1 - funded) * par["middle_unfunded"])
        programme[y] = support * (1 - lead) if in_period else 0.0
    if not any_money and lead:
        notes.append(_("no funding is stated: the middle counts as resourced while the initiative runs"))
    elif lead and money_share is None and any(m.get("to_tier") == "middle" for m in config["money"]):
        notes.append(_("the amounts of money are not all stated: the middle counts as resourced in the years "
                       "money reaches it, whatever its share"))

    engagement = (config.get("engagement") or {}).get("process") or "unset"
    commitment = _pick(par["commitment_by_engagement"], engagement)
    voice = any(flows(a, b, having("link_kind", "voice"))
                for a, b in (("middle", "top"), ("bottom", "top"), ("bottom", "middle")))

    full = max(float(par["full_meetings_per_year"]), 1e-9)
    networks = []
    units_of = {lv["id"]: lv.get("units") for lv in config["levels"]}
    for n in config["networks"]:
        if n.get("tier") not in ("bottom", "middle"):
            continue
        # A network of middle units joins the schools of its districts into one group.
        units = 0 if n["tier"] == "bottom" else max(int(units_of.get(n.get("members")) or 1), 1)
        size = n.get("size") or {}
        low = size.get("low") or DEFAULT_NETWORK_SIZE[0]
        high = max(size.get("high") or DEFAULT_NETWORK_SIZE[1], low)
        meetings = n.get("meetings_per_year")
        intensity = 1.0 if meetings is None else min(1.0, meetings / full)
        networks.append(NetworkRule(n["id"], low, high, n.get("joining") or "open", intensity, units))

    phases = tuple((ph["start"], ph["end"], ph["coverage"]) for ph in config["rollout"].get("phases", [])
                   if ph.get("coverage") is not None)
    return Levers(start, until, (p_start, p_end), mode, phases, pressure, top_support, money_capacity,
                  middle_support, programme, erosion, commitment, voice, tuple(networks), ownership,
                  tuple(notes))


def _pick(table: dict, key: str) -> float:
    return float(table.get(key, table.get("unset", 0.0)))


def scheduled_coverage(lv: Levers, t: float) -> float:
    """Coverage a pilot or mandate rollout has reached at time t (in years, e.g. 2027.5).

    A mandate reaches each phase's coverage when the phase starts; a pilot
    climbs to it steadily through the phase. Without phases a mandate reaches
    every school at once and a pilot climbs to every school over the period.
    """
    phases = lv.phases
    if not phases:
        if lv.mode == "pilot":
            a, b = lv.period[0], lv.period[1] + 1
            return min(1.0, max(0.0, (t - a) / max(b - a, 1)))
        return 1.0
    reached = 0.0
    for start, end, coverage in phases:
        if t < start:
            break
        target = max(reached, coverage)  # coverage never falls back
        if lv.mode == "pilot":
            frac = min(1.0, (t - start) / (end + 1 - start))
            if frac < 1.0:
                return reached + (target - reached) * frac
        reached = target
    return reached
