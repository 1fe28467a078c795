"""Value kinds: how an attribute's syntax becomes a typed value, or an error.

Each kind converts one syntax value and reports what is wrong to the sink;
`FAIL` means "reported, leave the attribute unset".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reformlang.diagnostics import Edit, Fix, Related, Sink, did_you_mean, replace_fix, suggestion
from reformlang.i18n import msg
from reformlang.semantics import model
from reformlang.semantics.currencies import CURRENCIES
from reformlang.syntax import ast

FAIL: Any = object()

MIN_YEAR, MAX_YEAR = 1800, 2200

_SHOWN = {
    ast.String: msg('a "quoted string"'),
    ast.Ref: msg("a name"),
    ast.Number: msg("a number"),
    ast.Percent: msg("a percentage"),
    ast.Money: msg("an amount of money"),
    ast.Range: msg("a span (`a .. b`)"),
    ast.Measurement: msg("a measurement (`54% in 2026`)"),
    ast.ListValue: msg("a list"),
}


class Context:
    """What a conversion may look up: vocabularies and the ids declared in the initiative."""

    def __init__(self, sink: Sink, library: model.Library, symbols: Mapping[str, Mapping[str, ast.Name]]) -> None:
        self.sink = sink
        self.library = library
        self.symbols = symbols  # kind -> id -> declaration

    def wrong_kind(self, value: ast.Value, expected: str, example: str) -> Any:
        got = _SHOWN.get(type(value)) or msg("this value")
        self.sink.error("E105", msg("expected {expected}, found {got}", expected=expected, got=got), value.span,
                        msg("for example `{example}`", example=example))
        return FAIL


class Kind:
    """A value kind. Kinds are plain classes, not attrs ones: they are schema
    constants, and attrs would compile methods for each at every start-up."""

    expected = msg("a value")  # in messages: "expected a value, found ..."
    example = "..."
    # What the language reference calls the kind (docs/language.md, "Values"), one and many.
    noun, nouns = "value", "values"

    def convert(self, value: ast.Scalar, ctx: Context) -> Any:
        raise NotImplementedError


class Text(Kind):
    expected = msg('a "quoted string"')
    example = '"Example Province"'
    noun, nouns = "text", "text"

    def convert(self, value, ctx):
        if isinstance(value, ast.String):
            return value.value
        if isinstance(value, ast.Ref):
            ctx.sink.error("E105", msg("expected {expected}, found the name `{name}`", expected=self.expected,
                                       name=value.name), value.span,
                           msg('put words people read in quotes: "{title}"',
                               title=value.name.replace("_", " ").capitalize()))
            return FAIL
        return ctx.wrong_kind(value, self.expected, self.example)


class Identifier(Kind):
    """A bare snake_case name, checked later against what it names (a word's `like`)."""

    expected = msg("a name")
    example = "intelligent"
    noun, nouns = "name", "names"

    def convert(self, value, ctx):
        if isinstance(value, ast.Ref):
            return value.name
        return ctx.wrong_kind(value, self.expected, self.example)


class Label(Kind):
    """A free name for something outside the spec (an assessment, a practice): a word or a string."""

    expected = msg("a name")
    example = "provincial_assessment"
    noun, nouns = "name", "names"

    def convert(self, value, ctx):
        if isinstance(value, ast.Ref):
            return value.name
        if isinstance(value, ast.String):
            return value.value
        return ctx.wrong_kind(value, self.expected, self.example)


class Word(Kind):
    """A word of a vocabulary in the library (a tier, an outcome, ...)."""

    def __init__(self, vocabulary: str, example: str = "...") -> None:
        self.vocabulary = vocabulary
        self.example = example
        if vocabulary == "group":  # groups read as people, not as a vocabulary
            self.noun, self.nouns = "group", "groups"
        else:
            self.noun, self.nouns = f"vocabulary word (`{vocabulary}`)", f"vocabulary words (`{vocabulary}`)"

    @property
    def expected(self) -> str:
        noun = self.vocabulary.replace("_", " ")
        return msg("an {noun}", noun=noun) if noun[:1] in "aeiou" else msg("a {noun}", noun=noun)

    def accepts(self, name: str, ctx: Context) -> bool:
        return name in ctx.library.words(self.vocabulary)

    def convert(self, value, ctx):
        if not isinstance(value, ast.Ref):
            return ctx.wrong_kind(value, self.expected, self.example)
        if self.accepts(value.name, ctx):
            return value.name
        words = ctx.library.words(self.vocabulary)
        noun = self.vocabulary.replace("_", " ")
        help_ = suggestion(value.name, words, msg("{noun}s", noun=noun)) or \
            msg("see `vocabulary {vocabulary}` in the standard library for the known words", vocabulary=self.vocabulary)
        ctx.sink.error("E102", msg("unknown {noun} `{name}`", noun=noun, name=value.name), value.span, help_,
                       fix=replace_fix(value.span, value.name, words))
        return FAIL


class Ref(Kind):
    """A reference to something declared in the initiative (a level, an indicator, ...)."""

    def __init__(self, target: str, example: str = "...") -> None:
        self.target = target  # symbol kind: level, indicator, funding, ...
        self.example = example
        self.noun = f"reference to {_article(target)}"
        self.nouns = f"references to {target if target == 'funding' else target + 's'}"

    @property
    def expected(self) -> str:
        kind = self.target
        return msg("an {kind} id", kind=kind) if kind[:1] in "aeiou" else msg("a {kind} id", kind=kind)

    def accepts(self, name: str, ctx: Context) -> bool:
        return name in ctx.symbols.get(self.target, {})

    def convert(self, value, ctx):
        if not isinstance(value, ast.Ref):
            return ctx.wrong_kind(value, self.expected, self.example)
        if self.accepts(value.name, ctx):
            return value.name
        known = ctx.symbols.get(self.target, {})
        help_ = suggestion(value.name, known, msg("{kind}s", kind=self.target))
        if not known:
            help_ = msg("declare it first: `{kind} {name} \"Title\" {{ ... }}`", kind=self.target, name=value.name)
        ctx.sink.error("E101", msg("no {kind} named `{name}` in this initiative", kind=self.target, name=value.name),
                       value.span, help_, fix=replace_fix(value.span, value.name, known))
        return FAIL


class AnyOf(Kind):
    """The first kind that accepts a name wins; strings go to a Text kind if one is listed."""

    def __init__(self, kinds: tuple[Kind, ...], example: str = "...") -> None:
        self.kinds = kinds
        self.example = example
        self.noun = _either([k.noun for k in kinds])
        self.nouns = _either([k.nouns for k in kinds])
        # Worked out once, not for every value: the kinds that may take a name, in order, and whether a
        # string is taken as it is.
        self._names = tuple(k for k in kinds if isinstance(k, (Word, Ref, Label)))
        self._strings = any(isinstance(k, (Text, Label)) for k in kinds)

    @property
    def expected(self) -> str:
        return or_([k.expected for k in self.kinds])

    def convert(self, value, ctx):
        if isinstance(value, ast.Ref):
            for k in self._names:
                if isinstance(k, Label) or k.accepts(value.name, ctx):
                    return value.name
            names: set[str] = set()
            for k in self.kinds:
                if isinstance(k, Word):
                    names |= ctx.library.words(k.vocabulary)
                elif isinstance(k, Ref):
                    names |= set(ctx.symbols.get(k.target, {}))
            help_ = suggestion(value.name, names) or msg("use {expected}, or a \"quoted name\"", expected=self.expected)
            ctx.sink.error("E101", msg("`{name}` is not {expected}", name=value.name, expected=self.expected),
                           value.span, help_, fix=replace_fix(value.span, value.name, names))
            return FAIL
        if isinstance(value, ast.String) and self._strings:
            return value.value
        return ctx.wrong_kind(value, self.expected, self.example)


class Integer(Kind):
    expected = msg("a whole number")
    example = "72"

    def __init__(self, minimum: int = 0, example: str = "72") -> None:
        self.minimum = minimum
        self.example = example
        more = f", {minimum} or more" if minimum else ""
        self.noun, self.nouns = f"whole number{more}", f"whole numbers{more}"

    def convert(self, value, ctx):
        if isinstance(value, ast.Number) and isinstance(value.value, int):
            if value.value < self.minimum:
                ctx.sink.error("E109", msg("{value} is below the minimum of {minimum}", value=value.raw,
                                           minimum=self.minimum), value.span,
                               msg("write {minimum} or more", minimum=self.minimum))
                return FAIL
            return value.value
        return ctx.wrong_kind(value, self.expected, self.example)


class Percent(Kind):
    expected = msg("a percentage")
    example = "30%"
    noun, nouns = "percentage", "percentages"

    def convert(self, value, ctx):
        if isinstance(value, ast.Percent):
            return _percent(value, ctx)
        return ctx.wrong_kind(value, self.expected, self.example)


def _percent(value: ast.Percent, ctx: Context) -> Any:
    v = value.value
    if not 0 <= v <= 100:
        ctx.sink.error("E109", msg("{value}% is not a percentage between 0% and 100%", value=value.number.raw),
                       value.span, msg("a share of all units or students is at most `100%`"))
        return FAIL
    return v


# Country codes people write where a currency belongs; the nearest currency by
# spelling would be wrong (`CAN` is closer to `CNY` than to `CAD`).
_COUNTRY_CURRENCY = {
    "CAN": "CAD", "CA": "CAD", "NZ": "NZD", "NZL": "NZD", "UK": "GBP", "GB": "GBP", "GBR": "GBP", "US": "USD",
    "USA": "USD", "AU": "AUD", "AUS": "AUD", "EU": "EUR", "EURO": "EUR", "FIN": "EUR", "IE": "EUR",
}


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def or_(items: list[str]) -> str:
    """`a`, `a or b`, `a or b or c`, each `or` translated where it is shown."""
    out = items[0]
    for item in items[1:]:
        out = msg("{a} or {b}", a=out, b=item)
    return out


def _money(value: ast.Money, ctx: Context) -> Any:
    if value.currency not in CURRENCIES:
        country = _COUNTRY_CURRENCY.get(value.currency)
        help_ = (msg("`{code}` names a country; its currency is `{currency}`", code=value.currency, currency=country)
                 if country else suggestion(value.currency, CURRENCIES)
                 or msg("use a three-letter code such as CAD, NZD or GBP"))
        fix = (Fix.safe(msg("write the currency `{currency}`", currency=country), Edit(value.currency_span, country))
               if country else replace_fix(value.currency_span, value.currency, CURRENCIES))
        ctx.sink.error("E110", msg("`{code}` is not an ISO 4217 currency code", code=value.currency),
                       value.currency_span, help_, fix=fix)
        return FAIL
    return model.Money(value.amount.value, value.currency)


class MoneyKind(Kind):
    expected = msg("an amount of money")
    example = "25_000_000 CAD"
    noun, nouns = "money", "amounts of money"

    def convert(self, value, ctx):
        if isinstance(value, ast.Money):
            return _money(value, ctx)
        if isinstance(value, ast.Number):
            ctx.sink.error("E110", msg("an amount of money needs its currency"), value.span,
                           msg("add an ISO 4217 code after the amount: `{amount} CAD`", amount=value.raw))
            return FAIL
        return ctx.wrong_kind(value, self.expected, self.example)


def _year(value: ast.Number, ctx: Context) -> Any:
    if not isinstance(value.value, int) or not MIN_YEAR <= value.value <= MAX_YEAR:
        ctx.sink.error("E109", msg("`{value}` is not a year", value=value.raw), value.span,
                       msg("write a year between {first} and {last}, e.g. `2026`", first=MIN_YEAR, last=MAX_YEAR))
        return FAIL
    return value.value


class Year(Kind):
    expected = msg("a year")
    example = "2026"
    noun, nouns = "year", "years"

    def convert(self, value, ctx):
        if isinstance(value, ast.Number):
            return _year(value, ctx)
        return ctx.wrong_kind(value, self.expected, self.example)


class YearSpan(Kind):
    expected = msg("a span of years")
    example = "2026 .. 2031"
    noun, nouns = "span of years", "spans of years"

    def convert(self, value, ctx):
        if isinstance(value, ast.Number):  # a single year is a one-year span
            y = _year(value, ctx)
            return FAIL if y is FAIL else model.Period(y, y)
        if not isinstance(value, ast.Range):
            return ctx.wrong_kind(value, self.expected, self.example)
        a, b = _year(value.low, ctx), _year(value.high, ctx)
        if a is FAIL or b is FAIL:
            return FAIL
        if a > b:
            ctx.sink.error("E111", msg("this span runs backwards: {a} is after {b}", a=a, b=b), value.span,
                           msg("write the earlier year first: `{b} .. {a}`", a=a, b=b))
            return FAIL
        return model.Period(a, b)


class SizeSpan(Kind):
    expected = msg("a size range")
    example = "5 .. 20"
    noun, nouns = "size range", "size ranges"

    def convert(self, value, ctx):
        if isinstance(value, ast.Number) and isinstance(value.value, int):
            return model.SizeRange(value.value, value.value)
        if not isinstance(value, ast.Range) or not all(isinstance(n.value, int) for n in (value.low, value.high)):
            return ctx.wrong_kind(value, self.expected, self.example)
        a, b = value.low.value, value.high.value
        if a > b:
            ctx.sink.error("E111", msg("this range runs backwards: {a} is more than {b}", a=a, b=b), value.span,
                           msg("write the smaller number first: `{b} .. {a}`", a=a, b=b))
            return FAIL
        if a < 1:
            ctx.sink.error("E109", msg("a size starts at 1 or more"), value.low.span)
            return FAIL
        return model.SizeRange(a, b)


class MeasurementKind(Kind):
    """A baseline (`54% in 2026`) or a target (`75% by 2031`)."""

    def __init__(self, preposition: str) -> None:
        self.preposition = preposition  # "in" or "by"
        self.noun = self.nouns = "baseline" if preposition == "in" else "target"

    @property
    def expected(self) -> str:
        return msg("a baseline (`54% in 2026`)") if self.preposition == "in" else msg("a target (`75% by 2031`)")

    @property
    def example(self) -> str:
        return "54% in 2026" if self.preposition == "in" else "75% by 2031"

    def convert(self, value, ctx):
        if isinstance(value, (ast.Percent, ast.Number, ast.Money)):
            ctx.sink.error("E105", msg("expected {expected}: a value and its year", expected=self.expected), value.span,
                           msg("add the year: `{value} {preposition} 2026`", value=value.span.text,
                               preposition=self.preposition))
            return FAIL
        if not isinstance(value, ast.Measurement):
            return ctx.wrong_kind(value, self.expected, self.example)
        if value.preposition != self.preposition:
            if self.preposition == "in":
                wrong = msg("a baseline is dated `{expected}` a year, not `{found}`", expected=self.preposition,
                            found=value.preposition)
            else:
                wrong = msg("a target is dated `{expected}` a year, not `{found}`", expected=self.preposition,
                            found=value.preposition)
            ctx.sink.error("E105", wrong, value.span, msg("a baseline is `in` a year (`54% in 2026`); a target is "
                                                          "`by` a year (`75% by 2031`)"))
            return FAIL
        year = _year(value.year, ctx)
        inner = value.value
        if isinstance(inner, ast.Percent):
            v = _percent(inner, ctx)
            unit, cur = "percent", None
        elif isinstance(inner, ast.Money):
            m = _money(inner, ctx)
            v, unit, cur = (FAIL, "", None) if m is FAIL else (m.amount, "money", m.currency)
        else:
            v, unit, cur = inner.value, "count", None
        if v is FAIL or year is FAIL:
            return FAIL
        return model.Measurement(v, unit, year, cur)


class StudentsKind(Kind):
    expected = msg("`all` or a list of groups")
    example = "all"
    noun, nouns = "students", "students"

    def convert(self, value, ctx):
        items = value.items if isinstance(value, ast.ListValue) else (value,)
        if len(items) == 1 and isinstance(items[0], ast.Ref) and items[0].name == "all":
            return model.Students(True)
        groups = []
        for item in items:
            if isinstance(item, ast.Ref) and item.name == "all":
                ctx.sink.error("E105", msg("`all` cannot be combined with groups"), item.span,
                               msg("write `students: all`, or list only the groups"))
                return FAIL
            if isinstance(item, ast.Ref) and item.name not in ctx.library.words("group"):
                # `students` reads as "which students": offer `all` beside the groups.
                close = did_you_mean(item.name, sorted(ctx.library.words("group") | {"all"}))
                ctx.sink.error("E101", msg("`{name}` is not `all` or a known group", name=item.name), item.span,
                               msg("did you mean `{close}`?", close=close) if close else
                               msg('write `students: all` for every student, or name groups: '
                                   '`[families, "English language learners"]`'),
                               fix=replace_fix(item.span, item.name, [close] if close else []))
                return FAIL
            g = _GROUP.convert(item, ctx)
            if g is FAIL:
                return FAIL
            groups.append(g)
        return model.Students(False, tuple(groups))


class Attr:
    """How one attribute is written: its kind, and whether it takes one value or a list; `about`
    and `example` (a value as written) are its entry in the language reference."""

    def __init__(self, kind: Kind, many: bool = False, required: bool = False, field: str | None = None,
                 about: str = "", example: str | None = None) -> None:
        self.kind = kind
        self.many = many
        self.required = required
        self.field = field  # the model field, when it differs from the key
        self.about = about
        self.example = example if example is not None else kind.example

    @property
    def noun(self) -> str:
        """The kind of value, as the reference names it: "list of references to indicators"."""
        return f"list of {self.kind.nouns}" if self.many else self.kind.noun

    def convert(self, value: ast.Value, ctx: Context, key: str) -> Any:
        if isinstance(self.kind, StudentsKind):
            return self.kind.convert(value, ctx)
        if isinstance(value, ast.ListValue):
            if not self.many:
                ctx.sink.error("E105", msg("`{key}` takes one value, not a list", key=key), value.span,
                               msg("remove the brackets and keep one value"))
                return FAIL
            out = []
            for item in value.items:
                v = self.kind.convert(item, ctx)
                if v is not FAIL:
                    out.append(v)
            dupes = _duplicates(value.items) if len(value.items) > 1 else ()
            for item in dupes:
                ctx.sink.warning("E114", msg("`{item}` is listed twice", item=item.span.text), item.span,
                                 msg("remove the repeat"))
            return tuple(out)
        v = self.kind.convert(value, ctx)
        if v is FAIL:
            return FAIL
        return (v,) if self.many else v


def _duplicates(items: tuple[ast.Scalar, ...]) -> list[ast.Scalar]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.span.text
        if key in seen:
            out.append(item)
        seen.add(key)
    return out


__all__ = ["Attr", "AnyOf", "Context", "FAIL", "Integer", "Label", "MeasurementKind", "MoneyKind", "Percent",
           "Ref", "SizeSpan", "StudentsKind", "Text", "Word", "Year", "YearSpan", "Related"]


def _either(parts: list[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


_GROUP = AnyOf((Word("group"), Text()))  # one of the groups `students` lists
