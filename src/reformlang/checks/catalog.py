"""The frameworks the rules stand for: their titles, principles and sources.

A spec that `use`s a framework carries it in `spec.library`; a framework the
configuration requires without a `use` (or `reformlang explain`, with no spec
at all) is read from the standard library once and cached.
"""

from __future__ import annotations

import functools

from reformlang.diagnostics import Sink
from reformlang.semantics import model


@functools.cache
def stdlib_framework(framework_id: str) -> model.Framework | None:
    """A framework of the standard library by id, or None when there is none."""
    from reformlang.driver import loader  # the driver loads library files; import only when needed
    from reformlang.resources import stdlib_dir

    path = stdlib_dir() / f"{framework_id}.reform"
    if not path.is_file():
        return None
    loaded = loader().load(path, None, Sink())
    if loaded is None:
        return None
    return next((f for f in loaded.frameworks if f.id == framework_id), None)


def framework(framework_id: str, spec: model.Spec | None = None) -> model.Framework | None:
    """The framework a spec sees under this id, else the standard library's."""
    if spec is not None and framework_id in spec.library.frameworks:
        return spec.library.frameworks[framework_id]
    return stdlib_framework(framework_id)


def principle(principle_id: str, spec: model.Spec | None = None) -> tuple[model.Framework, model.Principle] | None:
    """A principle by its id (`lftm.partner_upward`) and the framework it belongs to."""
    fid, _, name = principle_id.partition(".")
    fw = framework(fid, spec)
    if fw is None or not name:
        return None
    p = fw.principle(name)
    return (fw, p) if p is not None else None
