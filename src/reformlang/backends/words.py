"""How backends phrase the model's values for people: money, counts, percentages, names."""

from __future__ import annotations

import contextlib
import contextvars
import re

from reformlang import i18n
from reformlang.i18n import _
from reformlang.semantics import model

# What a finding's plain advice calls the part of the design it is on when the finding names none.
THIS_PART = i18n.N_("this part of the design")

# The titles the library gives its vocabulary words ("Education Scotland inspection" for
# `education_scotland_inspection`), for the spec being rendered.
_WORD_TITLES: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar("word_titles", default={})


@contextlib.contextmanager
def titles_of(library: model.Library):
    """Within this block, a name that is a vocabulary word of `library` with a title is shown by its title."""
    titles = {}
    for vocabulary in library.vocabularies.values():
        for word_ in vocabulary.words:
            if word_.title:
                titles.setdefault(word_.id, word_.title)
    token = _WORD_TITLES.set(titles)
    try:
        yield
    finally:
        _WORD_TITLES.reset(token)


def sentence(text: str) -> str:
    """Sentence case: the first letter a capital, the rest as written."""
    return text[:1].upper() + text[1:] if text else text

def count(n: int | float | None) -> str:
    if n is None:
        return "?"
    if float(n).is_integer():
        return _digits(f"{int(n):,}")
    return _digits(f"{n:,.1f}")


def number(value: float) -> str:
    """A short number: 54, 2.5, 0.25."""
    if float(value).is_integer():
        return str(int(value))
    return _digits(f"{value:.2f}".rstrip("0").rstrip("."))


_digits = i18n.digits


def money(m: model.Money | None) -> str:
    if m is None:
        return _("amount not stated")
    return f"{count(m.amount)} {m.currency}"


def money_amount(amount: float, currency: str) -> str:
    return f"{count(round(amount))} {currency}"


def measure(m: model.Measurement | None) -> str:
    """The value alone: 54%, 1,200, 3,000 NZD."""
    if m is None:
        return _("not stated")
    if m.unit == "percent":
        return _("%(value)s%%") % {"value": number(m.value)}
    if m.unit == "money":
        return f"{count(m.value)} {m.currency}"
    return count(m.value)


def gain(indicator: model.Indicator) -> str:
    """The yearly gain a target implies: '+4.2 points a year'."""
    g = indicator.yearly_gain
    if g is None:
        return ""
    points = indicator.target is not None and indicator.target.unit == "percent"
    value = ("+" if g >= 0 else "−") + number(round(abs(g), 2))
    return (_("%(value)s points a year") if points else _("%(value)s a year")) % {"value": value}


def period(p: model.Period | None) -> str:
    if p is None:
        return _("no period")
    return f"{p.start}–{p.end}" if p.end != p.start else str(p.start)


def word(w: str | None) -> str:
    """A vocabulary word as prose: co_designed -> co-designed; capacity_building -> capacity building;
    in the current language (the catalog has each standard-library word in this form)."""
    if not w:
        return ""
    return _(prose(w))


prose = i18n.prose


def words(ws) -> str:
    return ", ".join(word(w) for w in ws)


def students(s) -> str:
    """Whom a block is for, as people read it: "all students", or its groups."""
    return _("all students") if s.all else ", ".join(word(g) for g in s.groups)


def tier_rank(library: model.Library, tier: str | None) -> int:
    """Where a tier stands, top first: by the standard-library tier it behaves like; a tier with no
    stated meaning stands below the others."""
    order = library.core_words("tier")
    meaning = library.meaning("tier", tier)
    return order.index(meaning) if meaning in order else len(order)


def level_name(initiative: model.Initiative, id: str | None) -> str:
    """A level's title, or the text itself for a free name (a facilitator may be either)."""
    if id is None:
        return _("nobody named")
    level = initiative.level(id)
    if level is None:
        return word(id) if _is_identifier(id) else id
    return level.title or word(level.id)


def name_or_word(text: str) -> str:
    """A free name as people read it: a vocabulary word's title when the library gives one, an
    identifier as words (`lesson_study` -> "lesson study"; a list or cell that starts with one is put in
    sentence case by `sentence`), any other text as written."""
    if not _is_identifier(text):
        return text
    return _WORD_TITLES.get().get(text) or word(text)


def _is_identifier(text: str) -> bool:
    return bool(text) and all(c.islower() or c.isdigit() or c == "_" for c in text) and text.isascii()


def title(x) -> str:
    return getattr(x, "title", None) or word(getattr(x, "id", ""))
