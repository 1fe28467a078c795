"""Find the files that ship with the language: the grammar, the standard library and the docs `explain` prints.

In an installed wheel they sit inside the package (see pyproject.toml); in a
source checkout they sit at the top of the repository.
"""

from __future__ import annotations

import functools
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def resource_dir(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"reformlang is installed without its {name}/ folder (looked in {_PACKAGE})")


def grammar_path() -> Path:
    return resource_dir("grammar") / "reform.lark"


def stdlib_dir() -> Path:
    return resource_dir("stdlib")


def doc_path(name: str) -> Path:
    """A document of docs/ that ships in the wheel (see pyproject.toml), e.g. `simulation.md`."""
    return resource_dir("docs") / name
