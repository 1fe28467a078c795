"""Compile the message catalogs (locale/*/LC_MESSAGES/reformlang.po -> .mo) when the wheel or the
editable install is built, with Babel (a build requirement, not a runtime one: the standard
library's gettext reads the .mo)."""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src/reformlang/locale")


def compile_catalogs(root: Path) -> list[Path]:
    """Write each .po's .mo beside it (only when it changed); returns the .mo files."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out = []
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        if mo.exists() and mo.read_bytes() == tmp.read_bytes():
            tmp.unlink()
        else:
            tmp.replace(mo)
        out.append(mo)
    return out


class CatalogHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        root = Path(self.root)
        catalogs = compile_catalogs(root)  # beside the .po: where an editable install reads them
        if version == "editable":
            return
        for mo in catalogs:
            # The .mo is not in git (it is built, and ignored): name it so the wheel ships it.
            rel = mo.relative_to(root).as_posix()
            build_data["force_include"][rel] = rel.removeprefix("src/")
