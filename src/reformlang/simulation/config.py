"""Reading a simulation config written by `reformlang simconfig` or by hand: parse, validate, complete."""

from __future__ import annotations

import json
from typing import Any

from reformlang.simulation.simconfig import VERSION, complete, schema
from reformlang.errors import UserError


class ConfigError(UserError):
    """A config that cannot be run; the message names the field and what to do (exit 2)."""


# Limits on a config's shape, met long before any real config (which is a few kilobytes, six levels deep).
MAX_DEPTH = 32
MAX_DIGITS = 30


def parse_config(text: str, path: str) -> dict[str, Any]:
    """The complete config in `text`, or a ConfigError saying what is wrong and where."""
    try:
        data = json.loads(text, parse_int=_integer, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except _TooLong as exc:
        raise ConfigError(f"{path}: a number of {exc.args[0]:,} digits is far beyond any size the simulator "
                          f"runs (at most {MAX_DIGITS} digits); fix the number") from None
    except _NotNumber as exc:
        raise ConfigError(f"{path}: `{exc.args[0]}` is not a finite number; write a number such as 0.5") from None
    except RecursionError:
        raise ConfigError(f"{path}: the JSON is nested too deeply to be a simulation config (a config is at "
                          f"most {MAX_DEPTH} levels deep); see `reformlang simconfig --schema`") from None
    if _depth(data) > MAX_DEPTH:
        raise ConfigError(f"{path}: the JSON is nested too deeply to be a simulation config (a config is at "
                          f"most {MAX_DEPTH} levels deep); see `reformlang simconfig --schema`")
    return check_config(data, path)


class _TooLong(ValueError):
    pass


class _NotNumber(ValueError):
    pass


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _TooLong(digits)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _NotNumber(text if len(text) <= 40 else text[:40] + "…")
    return value


def _constant(name: str) -> float:
    raise _NotNumber(name)  # NaN, Infinity: Python's json reads them, JSON does not have them


def _depth(data: Any) -> int:
    """How deeply lists and objects nest (iteratively: the data may be deeper than Python's stack)."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        value, depth = todo.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            todo.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))
    return deepest


def check_config(data: Any, path: str = "<config>") -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a simulation config is a JSON object; see `reformlang simconfig --schema`")
    if data.get("version") != VERSION:
        raise ConfigError(f"{path}: this reformlang reads config version {VERSION}, not "
                          f"{data.get('version')!r}; regenerate it with `reformlang simconfig SPEC`")
    _validate(data, path)
    config = complete(data)
    run = config["run"]
    if run["until"] <= run["start"]:
        raise ConfigError(f"{path}: at run.until: {run['until']} is not after run.start ({run['start']})")
    return config


def _validate(data: dict, path: str) -> None:
    try:
        import jsonschema
    except ImportError:  # jsonschema is optional: check the parts the model cannot do without
        for key, kind in (("run", dict), ("schools", dict)):
            if not isinstance(data.get(key), kind):
                raise ConfigError(f"{path}: `{key}` is missing; see `reformlang simconfig --schema`") from None
        for key in ("start", "until"):
            if not isinstance(data["run"].get(key), int):
                raise ConfigError(f"{path}: at run.{key}: a year is required") from None
        if not isinstance(data["schools"].get("count"), int) or data["schools"]["count"] < 1:
            raise ConfigError(f"{path}: at schools.count: a number of schools (1 or more) is required") from None
        for key, value in (data.get("parameters") or {}).items():
            values = value.values() if isinstance(value, dict) else [value]
            if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in values):
                raise ConfigError(f"{path}: at parameters.{key}: expected a number of 0 or more") from None
        return
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        e = errors[0]
        where = ".".join(str(p) for p in e.absolute_path) or "the top level"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise ConfigError(f"{path}: at {where}: {e.message}{more}; see `reformlang simconfig --schema`")
