"""The language of what people read: English (the default) or French, through gettext catalogs.

The messages are English in the sources, marked `_()` (or `ngettext`, or `N_()` for a string
translated where it is shown); Babel extracts them with the principles' texts from the standard
library and the rules' docs (`reformlang.i18n_extract`) into
`locale/fr/LC_MESSAGES/reformlang.po`, compiled to `.mo` at build time (hatch_build.py). At run
time the standard library's `gettext` reads the `.mo`: Babel is needed to build, not to run.

Machine outputs (JSON, SARIF, JUnit, GitHub and GitLab annotations, baselines) never call this
module's functions in another language: they stay English and stable.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
from pathlib import Path

DOMAIN = "reformlang"
LANGUAGES = ("en", "fr")
DEFAULT = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: gettext.NullTranslations = gettext.NullTranslations()
_current_lang = DEFAULT


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang`: English is the messages themselves."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    if lang not in LANGUAGES:
        from reformlang.errors import UserError

        raise UserError(f"no language `{lang}`", help=f"choose one of: {', '.join(LANGUAGES)}")
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, [lang])
    except OSError:
        from reformlang.errors import UserError

        raise UserError(f"the `{lang}` message catalog is not compiled ({LOCALE_DIR} has no {lang}/LC_MESSAGES/"
                        f"{DOMAIN}.mo)", help="reinstall reformlang (`make` in a checkout compiles it)") from None


def use(lang: str | None) -> str:
    """Show what follows in `lang` (None: English); returns the language in force."""
    global _current, _current_lang
    lang = lang or DEFAULT
    _current = translations(lang)
    _current_lang = lang
    return lang


def current() -> str:
    return _current_lang


@contextlib.contextmanager
def language(lang: str | None):
    """`with language("fr"):` shows what is inside in French, then restores the language before."""
    before = _current_lang
    use(lang)
    try:
        yield
    finally:
        use(before)


@contextlib.contextmanager
def english():
    """For machine outputs: English whatever the language of the run."""
    with language(DEFAULT):
        yield


def _(message: str) -> str:
    """`message` in the current language (itself when the catalog has no translation)."""
    return _current.gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; `_()` translates it where it is shown."""
    return message


def colon() -> str:
    """": " as the current language writes it: French puts a no-break space before the colon (as the
    Office québécois de la langue française recommends; the catalog's own messages do the same)."""
    return "\u00a0: " if _current_lang == "fr" else ": "


def jinja_install(env) -> None:
    """Give a Jinja2 environment (with jinja2.ext.i18n) the current language's `_`/`gettext`/`ngettext`."""
    env.install_gettext_callables(lambda m: _(m), lambda s, p, n: ngettext(s, p, n), newstyle=True)
