"""Find every rule: one class per module under `checks/rules/<framework>/`."""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil

from reformlang.checks.rule import Rule


@functools.cache
def _rules() -> tuple[Rule, ...]:
    from reformlang.checks import rules as package

    found: dict[str, Rule] = {}
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Rule) and cls is not Rule and cls.__module__ == module.__name__:
                if cls.code in found:
                    raise RuntimeError(f"two rules share the code {cls.code}: {found[cls.code]!r} and {cls!r}")
                found[cls.code] = cls()
    return tuple(found[c] for c in sorted(found))


def all_rules() -> list[Rule]:
    """Every rule, sorted by code."""
    return list(_rules())


@functools.cache
def _by_code() -> dict[str, Rule]:
    return {r.code: r for r in _rules()}


def rule_for(id: str) -> Rule | None:
    """The rule with this code (case-insensitive), or None."""
    return _by_code().get(id.strip().upper())


def rules_for_principle(principle_id: str) -> list[Rule]:
    return [r for r in _rules() if r.principle == principle_id]
