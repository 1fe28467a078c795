"""`check --show-settings`: the configuration in force for one file, and where each value comes from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reformlang.visible import visible

FLAGS = {"select": "--select", "ignore": "--ignore", "require": "--require", "fail_on": "--fail-on"}


def _toml(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_settings(target: str, config: Any, root: Path, args: Any = None) -> str:
    """TOML-like lines, each followed by `# from ...`: a flag, the configuration file, or the default."""
    source = config.path or None

    def origin(key: str, toml_key: str) -> str:
        if key in config.flags:
            return FLAGS[key]
        extended = {"select": "extend_select", "ignore": "extend_ignore"}.get(key)
        if extended and extended in config.flags:
            where = source if toml_key in config.keys else "default"
            return f"{where} + --{extended.replace('_', '-')}"
        if toml_key in config.keys:
            return source
        return "default"

    lines = [f"# settings for {target}",
             f"# configuration file: {source or 'none found (built-in defaults)'}",
             f"# project root: {root}"]
    rows = [
        ("select", "select", "every rule" if config.select is None else _toml(list(config.select))),
        ("ignore", "ignore", _toml(list(config.ignores_for(target) if target != "<stdin>" else config.ignore))),
        ("require", "require", _toml(list(config.require))),
        ("fail_on", "fail-on", _toml(config.fail_on.label)),
    ]
    width = max(len(f"{k} = {v}") for _, k, v in rows)
    for key, toml_key, value in rows:
        where = origin(key, toml_key)
        if key == "ignore" and target != "<stdin>":
            matched = config.matching_ignores(target)
            if matched:
                where += f" + per-file-ignores {', '.join(_toml(p) for p, _ in matched)}"
        text = f"{toml_key} = {value}"
        lines.append(f"{text:<{width}}  # {where}")
    more = [
        ("unstated", _toml(config.unstated.label)),
        ("exclude", _toml(list(config.exclude))),
    ]
    for key, value in more:
        text = f"{key} = {value}"
        lines.append(f"{text:<{width}}  # {source if key in config.keys else 'default'}")
    flag_lang = getattr(args, "lang", None)
    text = f"lang = {_toml(flag_lang or config.lang)}"
    lines.append(f"{text:<{width}}  # {'--lang' if flag_lang else source if 'lang' in config.keys else 'default'}")
    flag_paper = getattr(args, "paper", None)
    text = f"paper = {_toml(flag_paper or config.paper)}"
    lines.append(f"{text:<{width}}  # {'--paper' if flag_paper else source if 'paper' in config.keys else 'default'}")
    severity = dict(sorted((k, v.label) for k, v in config.severity.items()))
    text = "severity = " + ("{" + ", ".join(f"{k} = {_toml(v)}" for k, v in severity.items()) + "}"
                            if severity else "{}")
    lines.append(f"{text}  # {source if 'severity' in config.keys else 'default (each rule its own)'}")
    from reformlang.semantics.schema import THRESHOLDS  # the defaults live in the schema, one place

    for name in sorted(THRESHOLDS):
        value = config.thresholds.get(name, THRESHOLDS[name].default)
        text = f"thresholds.{name} = {value:g}"
        lines.append(f"{text}  # {source if name in config.thresholds else 'default'}")
    # A file name, the configuration's path and its patterns reach the terminal: escape what would drive it.
    return "\n".join(visible(line) for line in lines) + "\n"
