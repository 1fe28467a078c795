"""The compiler driver: run the stages in order on one file.

read -> parse -> load what it `use`s -> resolve -> model. Each stage reports
to one sink; the driver stops before resolving when the file does not parse.
"""

from __future__ import annotations

import functools
from pathlib import Path

import attrs

from reformlang import cache
from reformlang.diagnostics import Diagnostic, Related, Sink, replace_fix, suggestion
from reformlang.resources import stdlib_dir
from reformlang.semantics import model
from reformlang.semantics.resolve import check_top_level, check_words, resolve_initiatives, resolve_library
from reformlang.files import write_atomic
from reformlang.source import SourceFile, decode_source
from reformlang.syntax import ast
from reformlang.syntax.parser import parse

PRELUDE = "vocabulary"  # stdlib/vocabulary.reform: the words every spec may use


@attrs.frozen
class Compilation:
    path: str
    source: SourceFile | None
    spec: model.Spec | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.spec is not None and not any(d.severity.name == "ERROR" for d in self.diagnostics)


@attrs.frozen
class _Loaded:
    """A library file once loaded: what it declares and what it (transitively) uses."""

    vocabularies: tuple[model.Vocabulary, ...]
    frameworks: tuple[model.Framework, ...]
    uses: tuple[str, ...]  # framework ids named by its `use` lines, transitively
    diagnostics: tuple[Diagnostic, ...]


class Loader:
    """Loads library files once per process; finds `use` targets and cycles."""

    def __init__(self) -> None:
        self._cache: dict[Path, _Loaded] = {}
        self._loading: list[Path] = []
        self._stdlib_ready = False

    def _load_stdlib(self) -> None:
        """Fill the cache with the whole standard library: from the user's cache
        folder when it holds it for this very code, else by compiling it (and saving it).

        Parsing and resolving the stdlib is a sizeable part of a small check
        (benchmarks/README.md has the figures). The entry is keyed on the
        package's code (reformlang.cache.code_key, which covers the stdlib's
        files), is plain JSON, and is decoded into model classes only.
        """
        self._stdlib_ready = True
        root = stdlib_dir().resolve()
        names = sorted(p.name for p in root.glob("*.reform"))
        key = cache.digest("stdlib", cache.code_key()) if cache.cache_dir() is not None else None
        if key is not None:
            saved = cache.load("stdlib", key, loads=_codec().loads)
            if (isinstance(saved, dict) and sorted(saved) == names
                    and all(isinstance(v, _Loaded) for v in saved.values())):
                self._cache.update({root / name: loaded for name, loaded in saved.items()})
                return
        for name in names:
            self.load(root / name, None, Sink())
        if key is not None:
            cache.store("stdlib", key, {n: self._cache[root / n] for n in names if root / n in self._cache},
                        dumps=_codec().dumps)

    def user_files(self) -> list[Path]:
        """The files outside the standard library loaded through `use` (what `--watch` watches)."""
        root = stdlib_dir().resolve()
        return sorted(p for p in self._cache if p.parent != root)

    def forget_user_files(self) -> None:
        """Drop the files outside the standard library, so that the next compilation reads them again."""
        for p in self.user_files():
            del self._cache[p]

    def stdlib_frameworks(self) -> list[str]:
        return sorted(p.stem for p in stdlib_dir().glob("*.reform") if p.stem != PRELUDE)

    def prelude(self) -> _Loaded:
        return self.load(stdlib_dir() / f"{PRELUDE}.reform", None, Sink())

    def load(self, path: Path, use: ast.Use | None, sink: Sink) -> _Loaded | None:
        path = path.resolve()
        if not self._stdlib_ready and path.parent == stdlib_dir().resolve():
            self._load_stdlib()
        if path in self._loading:
            chain = " -> ".join(p.name for p in self._loading[self._loading.index(path):]) + f" -> {path.name}"
            sink.error("E113", f"`use` loops back on itself: {chain}", use.span if use else None,
                       "remove one of the `use` lines so that the files no longer include each other")
            return None
        if path in self._cache:
            return self._cache[path]
        try:
            data = path.read_bytes()
        except OSError as exc:
            sink.error("E112", f"cannot read `{use.target.value if use else path}`: {exc.strerror}",
                       use.span if use else None)
            return None
        source, bad = decode_source(data, _display(path))
        inner = Sink()
        self._loading.append(path)
        try:
            tree = _parse(source, bad, inner)
            vocabularies: list[model.Vocabulary] = []
            frameworks: list[model.Framework] = []
            uses: list[str] = []
            if tree is not None:
                check_top_level(tree, inner)
                lib = self.uses(tree, path.parent, inner)
                vocabularies.extend(lib.vocabularies)
                frameworks.extend(lib.frameworks)
                uses.extend(lib.uses)
                v, f = resolve_library(tree, inner, core=path.parent == stdlib_dir().resolve())
                vocabularies.extend(v)
                frameworks.extend(f)
        finally:
            self._loading.pop()
        loaded = _Loaded(tuple(vocabularies), tuple(frameworks), tuple(dict.fromkeys(uses)), tuple(inner.items))
        self._cache[path] = loaded
        return loaded

    def uses(self, tree: ast.File, base: Path, sink: Sink, origin: Path | None = None) -> _Loaded:
        """Load everything a file's `use` lines name; `origin` is that file, when a
        library that uses it back would be a cycle."""
        if origin is not None:
            self._loading.append(origin.resolve())
            try:
                return self.uses(tree, base, sink)
            finally:
                self._loading.pop()
        vocabularies: list[model.Vocabulary] = []
        frameworks: list[model.Framework] = []
        names: list[str] = []
        diagnostics: list[Diagnostic] = []
        for use in tree.uses:
            if isinstance(use.target, ast.Name):
                name = use.target.text
                path = stdlib_dir() / f"{name}.reform"
                if name == PRELUDE or not path.is_file():
                    sink.error("E112", f"there is no framework `{name}` in the standard library",
                               use.target.span,
                               suggestion(name, self.stdlib_frameworks(), "frameworks"),
                               fix=replace_fix(use.target.span, name, self.stdlib_frameworks()))
                    continue
                names.append(name)
            else:
                rel = use.target.value
                path = base / rel
                if not path.is_file():
                    sink.error("E112", f"cannot find `{rel}`", use.target.span,
                               f"the path is relative to this file's folder ({_display(base)}); check the name")
                    continue
            loaded = self.load(path, use, sink)
            if loaded is None:
                continue
            # Errors of files used further down the chain are kept too (`check` drops repeats):
            # a `use` loop two files away must still be reported when only this file is checked.
            diagnostics.extend(loaded.diagnostics)
            if any(d.severity.name == "ERROR" for d in loaded.diagnostics):
                shown = use.target.value if isinstance(use.target, ast.String) else use.target.text
                sink.error("E112", f"the file `{shown}` used here has errors", use.span,
                           "fix the errors reported in that file",
                           [Related(d.span, d.message) for d in loaded.diagnostics[:1] if d.span is not None])
            vocabularies.extend(loaded.vocabularies)
            frameworks.extend(loaded.frameworks)
            names.extend(loaded.uses)
            if isinstance(use.target, ast.String):
                names.extend(f.id for f in loaded.frameworks)
        sink.extend(diagnostics)
        return _Loaded(tuple(vocabularies), tuple(frameworks), tuple(dict.fromkeys(names)), ())


@functools.cache
def _codec():
    """What the stdlib cache may hold: the model's classes, diagnostics and loaded files; nothing else."""
    from reformlang import diagnostics
    from reformlang.plain import Codec, classes_of

    return Codec([*classes_of(model), *classes_of(diagnostics), _Loaded])


def _display(path: Path) -> str:
    if path.parent == stdlib_dir().resolve():
        return f"<stdlib>/{path.name}"  # the same wherever reformlang runs from (and cacheable)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _parse(source: SourceFile, bad_utf8: int | None, sink: Sink) -> ast.File | None:
    if bad_utf8 is not None:
        sink.error("E004", "this file is not valid UTF-8", source.span(bad_utf8, bad_utf8 + 1),
                   "save the file as UTF-8 (most editors offer this under 'Save with encoding')")
        return None
    return parse(source, sink)


def merge(parts: list[_Loaded]) -> model.Library:
    """Vocabularies with the same id are extended; a later framework replaces an earlier one."""
    vocab: dict[str, model.Vocabulary] = {}
    frameworks: dict[str, model.Framework] = {}
    for part in parts:
        for v in part.vocabularies:
            if v.id in vocab:
                old = vocab[v.id]
                known = old.ids()
                vocab[v.id] = attrs.evolve(old, words=old.words + tuple(w for w in v.words if w.id not in known))
            else:
                vocab[v.id] = v
        for f in part.frameworks:
            frameworks[f.id] = f
    return model.Library(vocab, frameworks)


def core_library() -> model.Library:
    """The standard library's vocabularies and frameworks, as every spec sees them before its own `use`s."""
    load = loader()
    load.prelude()
    parts = [load.load(stdlib_dir() / f"{name}.reform", None, Sink()) for name in load.stdlib_frameworks()]
    return merge([load.prelude(), *(p for p in parts if p is not None)])


_loader: Loader | None = None


def loader() -> Loader:
    global _loader
    if _loader is None:
        _loader = Loader()
    return _loader


def compile_source(source: SourceFile, bad_utf8: int | None = None, base: Path | None = None) -> Compilation:
    """Compile text already read; `base` is the folder `use "./..."` paths are relative to."""
    sink = Sink()
    tree = _parse(source, bad_utf8, sink)
    if tree is None:
        return Compilation(source.path, source, None, tuple(sink.sorted()))
    check_top_level(tree, sink)
    load = loader()
    base = base or Path(source.path).resolve().parent
    used = load.uses(tree, base, sink, origin=base / Path(source.path).name)
    # The file's own vocabularies extend the library like those of the files it uses.
    own_vocabularies, own_frameworks = resolve_library(tree, sink)
    own = _Loaded(tuple(own_vocabularies), tuple(own_frameworks), (), ())
    library = merge([load.prelude(), used, own])
    check_words(library, sink)
    initiatives = resolve_initiatives(tree, library, sink)
    has_library = any(isinstance(i, ast.Block) and i.keyword.text in ("vocabulary", "framework") for i in tree.items)
    if not initiatives and not has_library and not sink.has_errors:
        sink.error("E116", "this file declares no initiative", source.span(0, 0),
                   'a spec holds `use` lines and at least one `initiative my_reform "Title" { ... }` block')
    comments = tuple(model.Comment(c.text, c.span) for c in tree.comments)
    uses = {u.target.text if isinstance(u.target, ast.Name) else u.target.value: u.span for u in tree.uses}
    spec = model.Spec(source.path, initiatives, used.uses, library, comments, uses,
                      span=tree.span)
    return Compilation(source.path, source, spec, tuple(sink.sorted()))


def compile_path(path: str | Path, display: str | None = None) -> Compilation:
    """Read and compile one file. Raises OSError when it cannot be read."""
    path = Path(path)
    data = path.read_bytes()
    source, bad = decode_source(data, display or str(path))
    return compile_source(source, bad, base=path.resolve().parent)
