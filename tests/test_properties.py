"""Properties that hold for every input (hypothesis).

For generated valid specs, laid out at random with comments between any two
tokens: `fmt` is idempotent, keeps every comment, and the formatted spec
resolves to the same model. For arbitrary text and bytes, and for valid specs
mutated at random: compiling never raises, and every diagnostic points at a
line and column inside the file.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reformlang.diagnostics import Sink
from reformlang.driver import compile_source, core_library
from reformlang.format import format_source
from reformlang.format.verify import comment_texts
from reformlang.source import SourceFile, decode_source
from reformlang.syntax.parser import parse

PATH = "generated.reform"

# Moderate example counts keep this file to a few seconds.
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words come from the standard library, so a word added there is generated here too.
_CORE = core_library()
TIERS = sorted(_CORE.words("tier"))
LINK_KINDS = sorted(_CORE.words("link_kind"))
OUTCOMES = sorted(_CORE.words("outcome"))
GROUPS = sorted(_CORE.words("group"))
BUILDS = sorted(_CORE.words("builds"))
PURPOSES = sorted(_CORE.words("purpose"))
CURRENCIES = ["CAD", "NZD", "GBP", "EUR", "USD"]
FRAMEWORKS = sorted(_CORE.frameworks)


# ------------------------------------------------------------- generation
def quoted(text: str) -> str:
    """A string literal written the way a person might: backslashes and quotes escaped, newlines as `\\n`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


# Any Unicode a UTF-8 file can hold (so no surrogates), with quotes and backslashes made likely.
unicode = st.characters(blacklist_categories=("Cs",))
titles = st.text(st.one_of(unicode, st.sampled_from('"\\\t\n')), max_size=30).map(quoted)
comment = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=25).map(
    lambda t: "#" + t)


def ids(prefix: str, n: int):
    return st.lists(st.from_regex(r"[a-z0-9_]{1,8}", fullmatch=True), min_size=n, max_size=n, unique=True).map(
        lambda names: [f"{prefix}_{name}" for name in names])


def number(value: int) -> str:
    """An integer, sometimes with `_` separators (which the formatter must keep)."""
    text = str(value)
    if value >= 1000 and value % 7 == 0:
        return f"{value:,}".replace(",", "_")
    return text


def one_or_list(draw, choices: list[str], max_size: int = 3) -> list[str]:
    picked = draw(st.lists(st.sampled_from(choices), min_size=1, max_size=max_size, unique=True))
    if len(picked) == 1 and draw(st.booleans()):
        return picked
    return ["[", *_commas(picked), *([","] if draw(st.booleans()) else []), "]"]


def _commas(items: list[str]) -> list[str]:
    out: list[str] = []
    for i, item in enumerate(items):
        if i:
            out.append(",")
        out.append(item)
    return out


def block(keyword: str, ident: str | None, title: str | None, body: list[str]) -> list[str]:
    return [keyword, *([ident] if ident else []), *([title] if title else []), "{", *body, "}"]


def attr(key: str, *value: str) -> list[str]:
    return [key, ":", *value]


@st.composite
def measurement(draw, preposition: str, year: int, unit: str, currency: str) -> list[str]:
    if unit == "percent":
        value = [str(draw(st.integers(0, 100))), "%"]
    elif unit == "money":
        value = [number(draw(st.integers(1, 10**9))), currency]
    else:
        value = [number(draw(st.integers(0, 10**6)))]
    return [*value, preposition, str(year)]


@st.composite
def spec_tokens(draw) -> list[str]:
    """The tokens of a valid spec (before layout)."""
    tokens: list[str] = []
    for fw in draw(st.lists(st.sampled_from(FRAMEWORKS), max_size=3, unique=True)):
        tokens += ["use", fw]
    levels = draw(ids("lv", draw(st.integers(1, 4))))
    body: list[str] = []
    start = draw(st.integers(1990, 2030))
    end = start + draw(st.integers(1, 8))
    if draw(st.booleans()):
        body += attr("jurisdiction", draw(titles))
    body += attr("period", str(start), "..", str(end))
    if draw(st.booleans()):
        body += attr("vision", draw(titles))
    body += attr("students", *(["all"] if draw(st.booleans()) else one_or_list(draw, GROUPS)))
    if draw(st.booleans()):
        body += block("engagement", None, None, attr("process", draw(st.sampled_from(
            sorted(_CORE.words("engagement_process"))))) + attr("with", *one_or_list(draw, GROUPS)))
    for lv in levels:
        inner = attr("tier", draw(st.sampled_from(TIERS)))
        if draw(st.booleans()):
            inner += attr("units", number(draw(st.integers(1, 100_000))))
        if draw(st.booleans()):
            inner += attr("leader", draw(titles))
        body += block("level", lv, draw(st.none() | titles), inner)
    for _ in range(draw(st.integers(0, 3))):
        a, b = draw(st.sampled_from(levels)), draw(st.sampled_from(levels))
        kinds = draw(st.lists(st.sampled_from(LINK_KINDS), min_size=1, max_size=3, unique=True))
        body += ["link", a, draw(st.sampled_from(["->", "<->"])), b, "{", *_commas(kinds), "}"]
    indicators: list[str] = []
    for p in draw(ids("pr", draw(st.integers(0, 2)))):
        inner = attr("outcome", *one_or_list(draw, OUTCOMES)) + attr("owner", draw(st.sampled_from(levels)))
        for ind in draw(ids(f"ind_{p}", draw(st.integers(0, 2)))):
            indicators.append(ind)
            year = draw(st.integers(2000, 2030))
            unit = draw(st.sampled_from(["percent", "count", "money"]))
            currency = draw(st.sampled_from(CURRENCIES))
            ind_body = attr("baseline", *draw(measurement("in", year, unit, currency)))
            ind_body += attr("target", *draw(measurement("by", year + draw(st.integers(1, 10)), unit, currency)))
            ind_body += attr("source", draw(st.sampled_from(["provincial_assessment", '"A survey"'])))
            inner += block("indicator", ind, draw(titles), ind_body)
        for strat in draw(ids(f"st_{p}", draw(st.integers(0, 2)))):
            s_body = attr("owner", draw(st.sampled_from(levels))) + attr("reaches", draw(st.sampled_from(levels)))
            s_body += attr("builds", *one_or_list(draw, BUILDS)) + attr("period", str(start), "..", str(end))
            inner += block("strategy", strat, draw(titles), s_body)
        body += block("priority", p, draw(titles), inner)
    if indicators and draw(st.booleans()):
        body += block("accountability", None, None,
                      attr("style", "intelligent") + attr("measures", "[", *_commas(indicators), "]"))
    funds = draw(ids("fund", draw(st.integers(0, 2))))
    for f in funds:
        amount = [number(draw(st.integers(1, 10**10))), draw(st.sampled_from(CURRENCIES))]
        f_body = attr("amount", *amount) + attr("from", levels[0]) + attr("to", draw(st.sampled_from(levels)))
        f_body += attr("purpose", *one_or_list(draw, PURPOSES))
        body += block("funding", f, draw(titles), f_body)
    if draw(st.booleans()):
        low = draw(st.integers(1, 10))
        n_body = attr("members", draw(st.sampled_from(levels))) + attr("size", str(low), "..", str(low + 5))
        n_body += attr("meets", "monthly") + attr("partners", *one_or_list(draw, GROUPS))
        if funds:
            n_body += attr("resources", "[", *_commas(funds), "]")
        if indicators:
            n_body += attr("goals", "[", *_commas(indicators[:2]), "]")
        body += block("network", "net", draw(titles), n_body)
    if draw(st.booleans()):
        r_body = attr("mode", draw(st.sampled_from(["diffusion", "pilot", "mandate"])))
        for ph in draw(ids("ph", draw(st.integers(0, 2)))):
            r_body += block("phase", ph, draw(titles),
                            attr("period", str(start), "..", str(end)) +
                            attr("coverage", str(draw(st.integers(0, 100))), "%"))
        body += block("rollout", None, None, r_body)
    return tokens + block("initiative", "reform", draw(titles), body)


def separator(rnd, pool: list[str]) -> str:
    """What goes between two tokens: always some whitespace, often a newline, sometimes comments."""
    roll = rnd.random()
    if roll < 0.12:
        return f"  {rnd.choice(pool)}\n"
    if roll < 0.18:
        return f"\n{rnd.choice(pool)}\n\n{rnd.choice(pool)}\n"
    return rnd.choice([" ", " ", " ", " ", " ", "\n  ", "\n  ", "\n  ", "\n\n", "\n\n\n    ", "\t"])


@st.composite
def specs(draw) -> str:
    tokens = draw(spec_tokens())
    # A pool of comments and a seeded random layout: far fewer draws than one per gap, so generation stays quick.
    pool = draw(st.lists(comment, min_size=1, max_size=6))
    rnd = random.Random(draw(st.integers(0, 2**32)))
    lead = draw(st.sampled_from(["", "# a spec\n", "\n\n"]))
    return lead + "".join(t + separator(rnd, pool) for t in tokens)


# ---------------------------------------------------------------- helpers
def fmt(text: str) -> str:
    sink = Sink()
    out = format_source(SourceFile(PATH, text), sink)
    assert out is not None, [(d.code, d.message, d.span and d.span.start_position) for d in sink.items]
    return out


def compiled(text: str):
    return compile_source(SourceFile(PATH, text))


def comments_of(text: str) -> list[str]:
    tree = parse(SourceFile(PATH, text), Sink())
    assert tree is not None
    return comment_texts(tree)


def assert_located(comp) -> None:
    """Every diagnostic names this file and a line and column inside it."""
    source = comp.source
    starts = source.line_starts
    for d in comp.diagnostics:
        assert d.span is not None, d
        assert d.span.path == source.path, d
        assert 0 <= d.span.start <= d.span.end <= len(source.text), d
        line, col = d.span.start_position
        assert 1 <= line <= len(starts), d
        line_end = starts[line] - 1 if line < len(starts) else len(source.text)
        assert 1 <= col <= line_end - starts[line - 1] + 1, d


# ------------------------------------------------------------- properties
@QUICK
@given(specs())
def test_generated_specs_are_valid_and_fmt_keeps_their_meaning_and_comments(text):
    before = compiled(text)
    assert before.ok, [(d.code, d.message) for d in before.diagnostics]
    out = fmt(text)
    assert fmt(out) == out
    after = compiled(out)
    assert after.ok
    assert after.spec == before.spec
    assert comments_of(out) == comments_of(text)


MUTATION_TOKENS = ["{", "}", "[", "]", '"', ":", ",", "->", "<->", "..", "%", "#", "\n", "\x00", "\ufffd",
                   "level", "use", "link", "initiative", "in", "by", "9" * 30, "CAD", "Ünïcode", "\\", "'", "="]


@st.composite
def mutated(draw) -> str:
    text = draw(specs())
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 12)))
        how = draw(st.sampled_from(["delete", "duplicate", "insert_char", "insert_token"]))
        if how == "delete":
            text = text[:i] + text[j:]
        elif how == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif how == "insert_char":
            text = text[:i] + draw(unicode) + text[i:]
        else:
            text = text[:i] + draw(st.sampled_from(MUTATION_TOKENS)) + text[i:]
    return text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_specs_never_raise_and_every_diagnostic_is_located(text):
    comp = compiled(text)
    assert_located(comp)
    tree = parse(SourceFile(PATH, text), Sink())
    if tree is not None:  # still parses: formatting must keep whatever it means, errors included
        out = fmt(text)
        assert fmt(out) == out
        after = compiled(out)
        assert after.spec == comp.spec
        assert sorted((d.code, d.message) for d in after.diagnostics) == \
            sorted((d.code, d.message) for d in comp.diagnostics)
        assert comments_of(out) == comments_of(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises_and_every_diagnostic_is_located(text):
    assert_located(compiled(text))


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_never_raise_and_every_diagnostic_is_located(data):
    source, bad = decode_source(data, PATH)
    assert_located(compile_source(source, bad))
