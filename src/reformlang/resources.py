"""Find the files that ship with the language: the grammar, the standard library and the docs `explain` prints.

In an installed wheel they sit inside the package (see pyproject.toml); in a
source checkout they sit at the top of the repository.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_PACKAGE = os.path.dirname(os.path.realpath(__file__))
_found: dict[str, str] = {}


def resource_folder(name: str) -> str:
    """The folder `name` (grammar, stdlib, docs) as a string: what the result cache's code key needs
    without importing pathlib."""
    if name not in _found:
        checkout = os.path.dirname(os.path.dirname(_PACKAGE))
        for candidate in (os.path.join(_PACKAGE, name), os.path.join(checkout, name)):
            if os.path.isdir(candidate):
                _found[name] = candidate
                break
        else:
            raise FileNotFoundError(f"reformlang is installed without its {name}/ folder (looked in {_PACKAGE})")
    return _found[name]


def resource_dir(name: str) -> Path:
    from pathlib import Path

    return Path(resource_folder(name))


def grammar_path() -> Path:
    return resource_dir("grammar") / "reform.lark"


def stdlib_dir() -> Path:
    return resource_dir("stdlib")


def doc_path(name: str) -> Path:
    """A document of docs/ that ships in the wheel (see pyproject.toml), e.g. `simulation.md`."""
    return resource_dir("docs") / name
