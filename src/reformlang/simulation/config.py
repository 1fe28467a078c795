"""Reading a simulation config written by `reformlang simconfig` or by hand: parse, validate, complete."""

from __future__ import annotations

import json
from typing import Any

from reformlang.backends.simconfig import VERSION, complete, schema
from reformlang.errors import UserError


class ConfigError(UserError):
    """A config that cannot be run; the message names the field and what to do (exit 2)."""


def parse_config(text: str, path: str) -> dict[str, Any]:
    """The complete config in `text`, or a ConfigError saying what is wrong and where."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    return check_config(data, path)


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
