"""The simulation config: what the simulator needs from a spec, as versioned JSON, and its JSON Schema.

The config holds facts of the design (levels and their units, networks, the
rollout, money per unit-year by purpose, accountability, engagement, links
between tiers) and the model's parameters with their defaults. The simulator
reads only this config, never the spec, so a planner can also write or edit
one by hand. The mapping from the spec is documented in docs/simulation.md;
keep the two in step.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from reformlang.errors import UserError
from reformlang.semantics import model

VERSION = 1

# How many years past the end of the initiative's period a simulation runs by
# default: long enough to see which gains last once the centre pulls back.
YEARS_AFTER = 6
DEFAULT_RUNS = 20
DEFAULT_SEED = 0
DEFAULT_STEPS_PER_YEAR = 12
DEFAULT_SCHOOLS = 1000  # when the spec has no bottom-tier level with units
DEFAULT_YEARS = 6  # when the spec has no period at all

# The model's parameters and their defaults (rates are per year). Each is
# explained, with its source, in docs/simulation.md.
PARAMETERS: dict[str, Any] = {
    # the schools at the start
    "performance": 0.5,
    "spread": 0.12,
    "capacity_noise": 0.05,
    # isolated schools: the strong pull away, the weak lose ground
    "self_reinforcement": 0.2,
    "erosion": 0.3,
    "shock": 0.02,
    # support from the levels
    "middle_support": 0.03,
    "middle_money_boost": 0.5,
    "middle_unfunded": 0.5,
    "middle_network_boost": 0.25,
    "top_support": 0.05,
    "money_capacity": 0.06,
    # networks of schools
    "network_learning": 0.02,
    "network_pull": 0.3,
    "full_meetings_per_year": 10,
    # performance follows capacity; pressure adds a boost while applied
    "results_rate": 0.5,
    "pressure_gain": 0.12,
    "pressure_rate": 1.0,
    "pressure_by_style": {"compliance": 0.7, "intelligent": 0.4, "punitive": 1.0, "unset": 0.5},
    "pressure_by_consequence": {"intervention": 1.0, "sanctions": 1.2, "support_first": 0.8, "unset": 1.0},
    "incentive_pressure": 0.25,
    # commitment (ownership)
    "commitment_by_engagement": {"co_designed": 0.75, "consulted": 0.45, "imposed": 0.3, "negotiated": 0.6,
                                 "unset": 0.5},
    "commitment_rate": 0.3,
    "network_ownership": 0.2,
    "ownership_commitment": 0.2,
    "unowned_fade": 0.3,
    "voice": 0.1,
    "pressure_erosion_by_style": {"compliance": 0.2, "intelligent": 0.05, "punitive": 0.4, "unset": 0.15},
    # adoption (diffusion of innovations)
    "innovators": 0.025,
    "innovation": 0.03,
    "imitation_network": 1.5,
    "imitation_system": 0.5,
    "invited_factor": 0.5,
}

# The parameters that are tables by word, and the vocabulary whose core words key each; "unset"
# is the row for a word not stated (or with no meaning). tests/test_simconfig.py holds the keys to
# the standard library.
TABLES = {"pressure_by_style": "accountability_style", "pressure_by_consequence": "consequence",
          "commitment_by_engagement": "engagement_process", "pressure_erosion_by_style": "accountability_style"}

class ConfigError(UserError):
    """A spec the simulator cannot be configured from; the message says what to add (exit 2)."""


def initiative_for(spec: model.Spec, initiative_id: str | None = None) -> model.Initiative:
    """The initiative to simulate: the one named, or the file's first."""
    if not spec.initiatives:
        raise ConfigError(f"{spec.path} holds no initiative to simulate")
    if initiative_id is None:
        return spec.initiatives[0]
    for init in spec.initiatives:
        if init.id == initiative_id:
            return init
    known = ", ".join(i.id for i in spec.initiatives)
    raise ConfigError(f"{spec.path} has no initiative `{initiative_id}` (it has: {known})")


class _Words:
    """Reads the spec's words through the library, and remembers the ones read that are not core words."""

    def __init__(self, library: model.Library) -> None:
        self.library = library
        # (vocabulary, word) -> (meaning, its own traits when the model reads it by them)
        self.seen: dict[tuple[str, str], tuple[str | None, list[str] | None]] = {}

    def __call__(self, vocabulary: str, word: str | None) -> str | None:
        """The word's meaning, or None: the model treats a word with no meaning as not stated."""
        if word is None:
            return None
        meaning = self.library.meaning(vocabulary, word)
        if meaning != word:
            self.seen[(vocabulary, word)] = (meaning, None)
        return meaning

    def by_traits(self, vocabulary: str, word: str) -> str:
        """A word the model reads by its traits (a link kind, a purpose): its meaning, else the word itself,
        listed under `words` with the traits it states of its own."""
        meaning = self.library.meaning(vocabulary, word)
        if meaning != word:
            own = sorted(self.library.traits(vocabulary, word)) if meaning is None else None
            self.seen[(vocabulary, word)] = (meaning, own)
        return meaning or word

    def unknown(self, vocabulary: str, word: str) -> None:
        """Record a word the model cannot read (a cadence with no `per_year`)."""
        self.seen[(vocabulary, word)] = (None, None)

    def listed(self) -> list[dict[str, Any]]:
        return [{"vocabulary": v, "word": w, "means": m, **({"traits": t} if t else {})}
                for (v, w), (m, t) in sorted(self.seen.items())]


def build_config(init: model.Initiative, library: model.Library) -> dict[str, Any]:
    """The config of one initiative, by the mapping of docs/simulation.md; words are read through `library`."""
    sim = init.simulation or model.Simulation()
    means = _Words(library)
    tiers = library.core_words("tier")
    levels = [{"id": lv.id, "title": lv.title, "tier": means("tier", lv.tier), "units": lv.units}
              for lv in init.levels]
    tier_of = {lv["id"]: lv["tier"] for lv in levels}
    units_of = {lv.id: lv.units for lv in init.levels}

    bottom = [lv for lv in init.levels if tier_of[lv.id] == "bottom"]
    counted = sum(lv.units or 0 for lv in bottom)
    schools = {"count": counted or DEFAULT_SCHOOLS, "levels": [lv.id for lv in bottom], "assumed": not counted}

    start, end = _period(init)
    parameters = json.loads(json.dumps(PARAMETERS))  # a deep copy
    indicators = _indicators(init, library)
    starting = _starting(sim, indicators)
    parameters["performance"] = starting["performance"]["value"]
    parameters["spread"] = starting["spread"]["value"]

    config: dict[str, Any] = {
        "version": VERSION,
        "initiative": {"id": init.id, "title": init.title, "jurisdiction": init.jurisdiction,
                       "start": start, "end": end},
        "run": {
            "start": start,
            "until": sim.until if sim.until is not None else end + YEARS_AFTER,
            "runs": sim.runs or DEFAULT_RUNS,
            "seed": sim.seed if sim.seed is not None else DEFAULT_SEED,
            "steps_per_year": sim.steps_per_year or DEFAULT_STEPS_PER_YEAR,
        },
        "levels": levels,
        "tiers": {t: (sum(lv.units or 0 for lv in init.levels if tier_of[lv.id] == t) or None) for t in tiers},
        "schools": schools,
        "networks": [_network(n, init, tier_of, start, end, means) for n in init.networks],
        "rollout": _rollout(init.rollout, means),
        "funding": [_funding(f, tier_of, units_of, schools["count"], start, end, means) for f in init.funding],
        "money": [],
        "accountability": {
            "style": means("accountability_style", init.accountability.style) if init.accountability else None,
            "consequence": means("consequence", init.accountability.consequence) if init.accountability else None,
            "transparency": means("transparency", init.accountability.transparency) if init.accountability else None,
        },
        "engagement": {"process": means("engagement_process", init.engagement.process) if init.engagement else None},
        "links": _links(init.links, tier_of, tiers, means),
        "indicators": indicators,
        "starting": starting,
        "design": _design(init, library),
        "parameters": parameters,
    }
    config["money"] = _money(config["funding"])
    config["words"] = means.listed()
    return config


def unknown_words(config: dict[str, Any]) -> list[str]:
    """A note for each word of the spec the model does not know (no stated meaning, nor traits it reads)."""
    from reformlang.i18n import _

    return [_("the model does not know the %(vocabulary)s word `%(word)s` (it says no `like:`), so it simulates "
              "it as if not stated") % {"vocabulary": entry["vocabulary"].replace("_", " "), "word": entry["word"]}
            for entry in config.get("words") or () if entry.get("means") is None and not entry.get("traits")]


def _period(init: model.Initiative) -> tuple[int, int]:
    if init.period is not None:
        return init.period.start, init.period.end
    years = [p.period for p in (init.rollout.phases if init.rollout else ()) if p.period]
    years += [f.period for f in init.funding if f.period]
    years += [s.period for s in init.strategies if s.period]
    if years:
        return min(p.start for p in years), max(p.end for p in years)
    baselines = [i.baseline.year for i in init.indicators if i.baseline]
    first = min(baselines) if baselines else 2026
    return first, first + DEFAULT_YEARS - 1


def is_achievement(library: model.Library, word: str) -> bool:
    """Is an outcome word an achievement outcome (literacy, numeracy, or a word the library gives the
    `achievement` trait)? Only such an outcome's share of students at a standard seeds performance."""
    return library.has("outcome", word, "achievement")


def _measure(m: model.Measurement | None) -> dict[str, Any] | None:
    if m is None:
        return None
    share = m.value / 100 if m.unit == "percent" else None
    return {"value": m.value, "unit": m.unit, "year": m.year, "share": share}


def _indicators(init: model.Initiative, library: model.Library) -> list[dict[str, Any]]:
    """Every indicator, with its priority's outcomes and whether they are all achievement outcomes."""
    outcomes = {p.id: p.outcome for p in init.priorities}
    out = []
    for ind in init.indicators:
        words = list(outcomes.get(ind.priority, ()))
        out.append({"id": ind.id, "title": ind.title, "priority": ind.priority, "outcomes": words,
                    "achievement": bool(words) and all(is_achievement(library, w) for w in words),
                    "baseline": _measure(ind.baseline), "target": _measure(ind.target)})
    return out


def performance_why(performance: dict[str, Any], indicators: list[dict[str, Any]]) -> str:
    """Why the starting performance is what it is (`from`: the simulation block, an indicator or the
    default), in the current language."""
    from reformlang.i18n import _

    if performance["from"] == "simulation block":
        return _("set in the spec's `simulation` block")
    skipped = [i["id"] for i in indicators if i["baseline"] and i["baseline"]["share"] is not None
               and not i["achievement"]]
    passed = (_("; skipped %(ids)s (not only achievement outcomes)") % {"ids": ", ".join(skipped)}
              if skipped else "")
    seed = next((i for i in indicators if i["id"] == performance.get("indicator")), None)
    if performance["from"] == "indicator" and seed is not None:
        return (_("the first percentage baseline of an achievement outcome (%(words)s)%(skipped)s")
                % {"words": ", ".join(seed["outcomes"]), "skipped": passed})
    return (_("no indicator of an achievement outcome states a percentage baseline: the middle of the "
              "scale%(skipped)s; set `performance` in a `simulation` block") % {"skipped": passed})


def _starting(sim: model.Simulation, indicators: list[dict[str, Any]]) -> dict[str, Any]:
    """Where the starting performance and spread come from, and why (recorded in the config).

    Only an indicator whose priority's outcomes are all achievement outcomes
    seeds performance: a participation rate beside literacy in one priority
    cannot be told apart from a literacy measure, so it seeds nothing.
    """
    if sim.performance is not None:
        performance = {"value": sim.performance / 100, "from": "simulation block", "indicator": None}
    else:
        seed = next((i for i in indicators if i["achievement"] and i["baseline"] and i["baseline"]["share"]
                     is not None), None)
        if seed is not None:
            performance = {"value": seed["baseline"]["share"], "from": "indicator", "indicator": seed["id"]}
        else:
            performance = {"value": PARAMETERS["performance"], "from": "default", "indicator": None}
    from reformlang.i18n import english

    with english():  # the config is for machines: its reasons stay English (the README says them translated)
        performance["why"] = performance_why(performance, indicators)
    spread = ({"value": sim.spread / 100, "from": "simulation block", "why": "set in the spec's `simulation` block"}
              if sim.spread is not None else
              {"value": PARAMETERS["spread"], "from": "default", "why": "the model's default"})
    return {"performance": performance, "spread": spread}


def _design(init: model.Initiative, library: model.Library) -> dict[str, Any]:
    """What the design does that the levers read, from the checker's analysis (the one analysis there is):
    the share of the work each tier owns or co-designs and the share of the money reaching the middle.
    None wherever the spec does not state enough (a neutral lever)."""
    from reformlang.analysis import TIERS as ANALYSED, analyse

    a = analyse(init, library)
    shares = {t: a.work_share(t) for t in ANALYSED}
    work = {t: (sh.low if sh.known else None) for t, sh in shares.items()} if a.work else None
    money = a.money.share_to_tier("middle")
    return {"work": work, "middle_money": money.low if money.known else None}


def _network(n: model.Network, init: model.Initiative, tier_of: dict, start: int, end: int,
             means: _Words) -> dict[str, Any]:
    low, high = (n.size.low, n.size.high) if n.size else (None, None)
    per_year = means.library.property("cadence", n.meets, "per_year")  # stated, or through `like`
    if n.meets is not None and per_year is None:
        means.unknown("cadence", n.meets)
    funded = []
    for fid in n.resources:
        f = init.funding_by_id(fid)
        if f is not None:
            p = f.period
            funded.append({"funding": fid, "start": p.start if p else start, "end": p.end if p else end})
    return {
        "id": n.id,
        "title": n.title,
        "members": n.members,
        "tier": tier_of.get(n.members),
        "size": {"low": low, "high": high},
        "joining": means("joining", n.joining),
        "meets": n.meets,
        "meetings_per_year": per_year,
        "facilitator": n.facilitator,
        "facilitator_tier": tier_of.get(n.facilitator),
        "resources": funded,
    }


def _rollout(r: model.Rollout | None, means: _Words) -> dict[str, Any]:
    if r is None:
        return {"mode": None, "phases": []}
    phases = []
    for ph in sorted((p for p in r.phases if p.period), key=lambda p: (p.period.start, p.period.end, p.id)):
        phases.append({"id": ph.id, "title": ph.title, "start": ph.period.start, "end": ph.period.end,
                       "coverage": None if ph.coverage is None else ph.coverage / 100})
    return {"mode": means("rollout_mode", r.mode), "phases": phases}


def _funding(f: model.Funding, tier_of: dict, units_of: dict, schools: int, start: int, end: int,
             means: _Words) -> dict:
    s, e = (f.period.start, f.period.end) if f.period else (start, end)
    years = e - s + 1
    recipients = units_of.get(f.to) or (schools if tier_of.get(f.to) == "bottom" else 1)
    amount = f.amount.amount if f.amount else None
    return {
        "id": f.id,
        "title": f.title,
        "from": f.from_,
        "from_tier": tier_of.get(f.from_),
        "to": f.to,
        "to_tier": tier_of.get(f.to),
        "purposes": [means.by_traits("purpose", p) for p in f.purpose],
        "start": s,
        "end": e,
        "amount": amount,
        "currency": f.amount.currency if f.amount else None,
        "recipient_units": recipients,
        "per_unit_year": None if amount is None else amount / years / recipients,
        "per_school_year": None if amount is None else amount / years / schools,
    }


def _money(funding: list[dict]) -> list[dict]:
    """Money per unit-year by purpose and recipient tier; a stream with several purposes is split evenly."""
    out = []
    for f in funding:
        purposes = f["purposes"] or ["unspecified"]
        for purpose in purposes:
            share = (lambda v: None if v is None else v / len(purposes))
            out.append({"purpose": purpose, "from_tier": f["from_tier"], "to_tier": f["to_tier"],
                        "start": f["start"], "end": f["end"], "currency": f["currency"],
                        "per_unit_year": share(f["per_unit_year"]),
                        "per_school_year": share(f["per_school_year"]), "funding": f["id"]})
    out.sort(key=lambda m: (m["start"], m["purpose"], m["funding"]))
    return out


def _links(links: tuple[model.Link, ...], tier_of: dict, tiers: tuple[str, ...], means: _Words) -> list[dict]:
    """Which kinds of link run from one tier to another (a two-way link counts both ways)."""
    pairs: dict[tuple[str, str], set[str]] = {}
    for link in links:
        ends = [(link.source, link.target)] + ([(link.target, link.source)] if link.both_ways else [])
        for a, b in ends:
            ta, tb = tier_of.get(a), tier_of.get(b)
            if ta is None or tb is None:
                continue
            pairs.setdefault((ta, tb), set()).update(means.by_traits("link_kind", k) for k in link.kinds)
    order = {t: i for i, t in enumerate(tiers)}
    return [{"from_tier": a, "to_tier": b, "kinds": sorted(k)}
            for (a, b), k in sorted(pairs.items(), key=lambda kv: (order.get(kv[0][0], 9), order.get(kv[0][1], 9),
                                                                    kv[0]))]


# ----------------------------------------------------------------- output
def dumps(config: dict[str, Any]) -> str:
    """The config as JSON text: sorted keys, floats rounded to 6 decimals, one trailing newline."""
    return json.dumps(_rounded(config), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        r = round(value, 6)
        return int(r) if r.is_integer() and abs(r) < 2**53 else r
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


# ----------------------------------------------------------------- schema
def _nullable(kind: str | list[str], **extra: Any) -> dict[str, Any]:
    kinds = [kind] if isinstance(kind, str) else list(kind)
    return {"type": [*kinds, "null"], **extra}


_YEAR = {"type": "integer", "minimum": 1800, "maximum": 2200}
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}
_RATE = {"type": "number", "minimum": 0}
_MEASURE = {"type": "object", "properties": {"value": {"type": "number"}, "unit": {"type": "string"},
                                             "year": _YEAR, "share": {"type": ["number", "null"]}},
            "required": ["value", "unit", "year"]}


def _table(keys: tuple[str, ...]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": _RATE,
            "properties": {k: _RATE for k in keys}}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "required": sorted(properties) if required is None else required}


@functools.cache
def schema() -> dict[str, Any]:
    """The config's JSON Schema. The words it admits are the standard library's core words: a config
    holds each word of a spec by its meaning (see `words`)."""
    from reformlang.driver import core_library

    library = core_library()

    def word(vocabulary: str, nullable: bool = True) -> dict[str, Any]:
        return {"enum": [*library.core_words(vocabulary), *([None] if nullable else [])]}

    tiers = library.core_words("tier")
    tier = word("tier")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://reformlang.invalid/simconfig-1.schema.json",
        "title": "reformlang simulation config, version 1",
        "description": "What `reformlang simulate` reads; see docs/simulation.md for the meaning of each field.",
        **_object({
            "version": {"const": VERSION},
            "initiative": _object({"id": {"type": "string"}, "title": _nullable("string"),
                                   "jurisdiction": _nullable("string"), "start": _YEAR, "end": _YEAR},
                                  ["start", "end"]),
            "run": _object({"start": _YEAR, "until": _YEAR, "runs": {"type": "integer", "minimum": 1},
                            "seed": {"type": "integer", "minimum": 0},
                            "steps_per_year": {"type": "integer", "minimum": 1, "maximum": 365}},
                           ["start", "until"]),
            "levels": {"type": "array", "items": _object({"id": {"type": "string"}, "title": _nullable("string"),
                                                          "tier": tier, "units": _nullable("integer", minimum=1)},
                                                         ["id", "tier"])},
            "tiers": _object({t: _nullable("integer", minimum=1) for t in tiers}, []),
            "schools": _object({"count": {"type": "integer", "minimum": 1},
                                "levels": {"type": "array", "items": {"type": "string"}},
                                "assumed": {"type": "boolean"}}, ["count"]),
            "networks": {"type": "array", "items": _object({
                "id": {"type": "string"}, "title": _nullable("string"), "members": _nullable("string"),
                "tier": tier,
                "size": _object({"low": _nullable("integer", minimum=1), "high": _nullable("integer", minimum=1)}),
                "joining": word("joining"),
                "meets": _nullable("string"),
                "meetings_per_year": _nullable("number", minimum=0),
                "facilitator": _nullable("string"),
                "facilitator_tier": tier,
                "resources": {"type": "array", "items": _object({"funding": {"type": "string"}, "start": _YEAR,
                                                                 "end": _YEAR})},
            }, ["id", "tier"])},
            "rollout": _object({
                "mode": word("rollout_mode"),
                "phases": {"type": "array", "items": _object({
                    "id": {"type": "string"}, "title": _nullable("string"), "start": _YEAR, "end": _YEAR,
                    "coverage": {"type": ["number", "null"], "minimum": 0, "maximum": 1}},
                    ["start", "end", "coverage"])},
            }),
            "funding": {"type": "array", "items": _object({
                "id": {"type": "string"}, "title": _nullable("string"), "from": _nullable("string"),
                "from_tier": tier, "to": _nullable("string"), "to_tier": tier,
                "purposes": {"type": "array", "items": {"type": "string"}}, "start": _YEAR, "end": _YEAR,
                "amount": _nullable("number", minimum=0), "currency": _nullable("string"),
                "recipient_units": {"type": "integer", "minimum": 1},
                "per_unit_year": _nullable("number", minimum=0), "per_school_year": _nullable("number", minimum=0),
            }, ["id", "to_tier", "purposes", "start", "end"])},
            "money": {"type": "array", "items": _object({
                "purpose": {"type": "string"}, "from_tier": tier, "to_tier": tier, "start": _YEAR, "end": _YEAR,
                "currency": _nullable("string"), "per_unit_year": _nullable("number", minimum=0),
                "per_school_year": _nullable("number", minimum=0), "funding": {"type": "string"},
            }, ["purpose", "to_tier", "start", "end"])},
            "accountability": _object({
                "style": word("accountability_style"),
                "consequence": word("consequence"),
                "transparency": _nullable("string")}, []),
            "engagement": _object({"process": word("engagement_process")}, []),
            "links": {"type": "array", "items": _object({
                "from_tier": word("tier", False), "to_tier": word("tier", False),
                "kinds": {"type": "array", "items": {"type": "string"}}})},
            "words": {"type": "array", "items": _object({
                "vocabulary": {"type": "string"}, "word": {"type": "string"}, "means": _nullable("string"),
                "traits": {"type": "array", "items": {"type": "string"}}}, ["vocabulary", "word", "means"])},
            "indicators": {"type": "array", "items": _object({
                "id": {"type": "string"}, "title": _nullable("string"), "priority": _nullable("string"),
                "outcomes": {"type": "array", "items": {"type": "string"}}, "achievement": {"type": "boolean"},
                "baseline": {"anyOf": [{"type": "null"}, _MEASURE]},
                "target": {"anyOf": [{"type": "null"}, _MEASURE]},
            }, ["id"])},
            "starting": _object({
                "performance": _object({"value": _SHARE,
                                        "from": {"enum": ["indicator", "simulation block", "default"]},
                                        "indicator": _nullable("string"), "why": {"type": "string"}}, ["value"]),
                "spread": _object({"value": _SHARE, "from": {"enum": ["simulation block", "default"]},
                                   "why": {"type": "string"}}, ["value"]),
            }, []),
            "design": _object({
                "work": {"anyOf": [{"type": "null"}, _object({t: _nullable("number", minimum=0, maximum=1)
                                                              for t in tiers}, [])]},
                "middle_money": _nullable("number", minimum=0, maximum=1),
            }, []),
            "parameters": _object({
                **{k: (_SHARE if k in ("performance", "spread", "innovators") else _RATE)
                   for k, v in PARAMETERS.items() if not isinstance(v, dict)},
                **{k: _table(library.core_words(vocabulary)) for k, vocabulary in TABLES.items()},
            }, []),
        }, ["version", "run", "schools"]),
    }


def schema_text() -> str:
    return json.dumps(schema(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def complete(config: dict[str, Any]) -> dict[str, Any]:
    """A hand-written config with the optional parts it leaves out filled with their defaults."""
    out = json.loads(json.dumps(config))
    params = json.loads(json.dumps(PARAMETERS))
    for k, v in out.get("parameters", {}).items():
        if isinstance(v, dict) and isinstance(params.get(k), dict):
            params[k].update(v)
        else:
            params[k] = v
    out["parameters"] = params
    for key, empty in (("levels", []), ("networks", []), ("funding", []), ("money", []), ("links", []),
                       ("indicators", [])):
        out.setdefault(key, empty)
    out.setdefault("rollout", {"mode": None, "phases": []})
    out.setdefault("accountability", {})
    out.setdefault("engagement", {})
    run = out["run"]
    run.setdefault("runs", DEFAULT_RUNS)
    run.setdefault("seed", DEFAULT_SEED)
    run.setdefault("steps_per_year", DEFAULT_STEPS_PER_YEAR)
    out.setdefault("initiative", {"id": "config", "title": None, "jurisdiction": None, "start": run["start"],
                                  "end": run["until"]})
    return out
