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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext
    from collections.abc import Callable

DOMAIN = "reformlang"
LANGUAGES = ("en", "fr")
DEFAULT = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# None is English, the messages themselves: gettext is imported only for another language.
_current: gettext.NullTranslations | None = None
_current_lang = DEFAULT


@functools.cache
def translations(lang: str) -> gettext.NullTranslations | None:
    """The catalog of `lang`; None for English, which is the messages themselves."""
    if lang == DEFAULT:
        return None
    if lang not in LANGUAGES:
        from reformlang.errors import UserError

        raise UserError(msg("no language `{lang}`", lang=lang), help=msg("choose one of: {languages}",
                                                                          languages=", ".join(LANGUAGES)))
    import gettext

    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, [lang])
    except OSError:
        from reformlang.errors import UserError

        # Said in English: the catalog that would say it otherwise is the one missing.
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


class Msg(str):
    """An English text that remembers how it was made, so that `_()` can say it in another language.

    A finding's message is built from pieces: `msg("network `{id}` meets {times} a year", id=net.id,
    times=4)`. As a `str` it is the English text, which machine outputs (JSON, SARIF, baselines) use
    as it is; `_()` translates the template and each argument that is itself a `Msg`, then fills the
    template in. Ids and titles from the spec are plain strings and stay as they are.
    """

    template: str
    args: dict

    def __new__(cls, template: str, args: dict | None = None) -> Msg:
        args = args or {}
        self = super().__new__(cls, template.format_map(args) if args else _unbrace(template))
        self.template = template
        self.args = args
        return self

    def __reduce__(self):
        return (Msg, (self.template, self.args))

    def translated(self) -> str:
        text = _current.gettext(self.template)
        args = {k: _(v) if isinstance(v, Msg) else v for k, v in self.args.items()}
        try:
            return _formatter().vformat(text, (), args) if args else _unbrace(text)
        except (KeyError, IndexError, ValueError, AttributeError):
            # A translation whose placeholders do not match its template (a test forbids it): the
            # English is better than a crash.
            return str(self)


def digits(text: str) -> str:
    """A number formatted the English way (1,234.5, 4.2%) as the current language writes it: in French
    1 234,5 and 4,2 % (no-break spaces)."""
    if _current_lang == "fr":
        text = text.replace(",", "\u00a0").replace(".", ",")
        if text.endswith("%"):
            text = text[:-1] + "\u00a0%"
    return text


@functools.cache
def _formatter():
    """str.format for a translated template, numbers as the current language writes them (built when a
    message is first translated; an English run never needs it)."""
    import string

    class Formatter(string.Formatter):
        def format_field(self, value, spec):
            text = format(value, spec)
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            return digits(text) if number else text

    return Formatter()


def _unbrace(text: str) -> str:
    return text.replace("{{", "{").replace("}}", "}") if "{" in text or "}" in text else text


def msg(template: str, /, **args) -> Msg:
    """A translatable message (see Msg); `template` uses `str.format` fields, `{{` for a brace."""
    return Msg(template, args)


def prose(word: str) -> str:
    """A vocabulary word's English prose form (`co_designed` -> "co-designed"): the catalog's key for it."""
    import re

    return re.sub(r"\bco ", "co-", word.replace("_", " "))


def word(w: str | None) -> Msg | str:
    """A vocabulary word inside a message: its prose form, in French the standard library's translation
    (a word the spec's own vocabulary adds has none, and stays as it is)."""
    if not isinstance(w, str):
        return str(w)  # a spec with errors leaves it unset
    return Msg(prose(w).replace("{", "{{").replace("}", "}}"))


def join(items, sep: str = ", ") -> Msg:
    """Several pieces (strings or Msgs) joined: each piece is translated where the whole is shown."""
    items = list(items)
    fields = "".join("{%d}" % i for i in range(len(items)))
    return _Joined(fields, items, sep)


class _Joined(Msg):
    def __new__(cls, fields: str, items: list, sep: str) -> _Joined:
        self = str.__new__(cls, sep.join(str(i) for i in items))
        self.template, self.args, self.items, self.sep = fields, {}, items, sep
        return self

    def __reduce__(self):
        return (join, (self.items, self.sep))

    def translated(self) -> str:
        return self.sep.join(_(i) if isinstance(i, Msg) else i for i in self.items)


def _(message: str) -> str:
    """`message` in the current language (itself when the catalog has no translation)."""
    if not message:
        return message
    if _current is None:
        return str(message) if isinstance(message, Msg) else message
    if isinstance(message, Msg):
        return message.translated()
    return _current.gettext(message)


def translator() -> Callable[[str], str]:
    """`_` for a run of messages: in English, where a message is its own text, simply `str`."""
    return _ if _current is not None else str


def ngettext(singular: str, plural: str, n: int) -> str:
    if _current is None:
        return singular if n == 1 else plural
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
