"""French (`--lang fr`, `lang = "fr"`): a complete catalog, plans and reports in French, machine outputs
in English whatever the language."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from conftest import needs
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from reformlang import i18n
from reformlang.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "src/reformlang/locale/fr/LC_MESSAGES/reformlang.po"
EXAMPLES = sorted((ROOT / "examples").glob("*.reform"))
from reformlang.i18n_extract import KEYWORDS  # noqa: E402  (as `make messages` extracts)
# `%(name)s` in `_()` messages, `{name}` (not `{{`) in a finding's `msg()` templates
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%|(?<!\{)\{\w*(?:[:!][^{}]*)?\}(?!\})")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.use("en")  # a test that ran in French leaves the process in English


def _extracted() -> dict:
    """Every message the sources hold, extracted as `make messages` does (babel.cfg)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    out = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        key = tuple(message) if isinstance(message, (list, tuple)) else message
        if key:
            out.setdefault(key, f"{filename}:{lineno}")
    return out


def _catalog():
    with PO.open("rb") as f:
        return read_po(f, locale="fr")


def test_every_message_has_a_french_translation():
    """A new English string (in code, a template, the stdlib or a rule's docs) fails here until translated."""
    catalog = _catalog()
    extracted = _extracted()
    assert len(extracted) > 600  # the extraction really ran over code, templates, stdlib and rules
    missing = []
    for msgid, where in sorted(extracted.items(), key=lambda kv: kv[1]):
        entry = catalog.get(msgid if isinstance(msgid, str) else msgid[0])
        strings = entry.string if entry is not None else None
        if isinstance(strings, str):
            strings = (strings,)
        if entry is None or not strings or not all(strings):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, ("messages with no French translation (run `make messages`, then translate them in "
                         f"{PO.relative_to(ROOT)}):\n" + "\n".join(missing))


def test_translations_keep_placeholders_and_code_spans():
    """`%(name)s` and `code` in a message must survive translation, or French output breaks or lies."""
    bad = []
    for m in _catalog():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strs = m.string if isinstance(m.string, tuple) else (m.string,)
        if not strs[-1]:
            continue  # untranslated: the completeness test says so
        if sorted(PLACEHOLDER.findall(ids[-1])) != sorted(PLACEHOLDER.findall(strs[-1])):
            bad.append(f"placeholders: {ids[0]!r} -> {strs[-1]!r}")
        if ids[0].count("`") != strs[0].count("`"):
            bad.append(f"code spans: {ids[0]!r} -> {strs[0]!r}")
    assert not bad, "\n".join(bad)


def test_the_installed_catalog_is_compiled_from_the_po():
    """The .mo the program reads is the .po compiled (hatch_build.py at install; `make catalogs` after an edit)."""
    out = io.BytesIO()
    write_mo(out, _catalog(), use_fuzzy=False)
    installed = i18n.LOCALE_DIR / "fr/LC_MESSAGES/reformlang.mo"
    assert installed.is_file(), "the French catalog is not compiled: reinstall, or run `make catalogs`"
    assert installed.read_bytes() == out.getvalue(), "reformlang.mo is stale: run `make catalogs`"


def _plan(path: Path, fmt: str, lang: str, capsys) -> str:
    assert main(["plan", str(path), "--format", fmt, "--lang", lang]) == 0
    return capsys.readouterr().out


def _labels_md(text: str) -> list[str]:
    """The plan's headings, table header cells and bold labels (Markdown)."""
    out = []
    lines = text.splitlines()
    for k, line in enumerate(lines):
        if line.startswith("#"):
            out.append(line.lstrip("#").strip())
        if k + 1 < len(lines) and lines[k + 1].startswith("| ---"):
            out += [c.strip() for c in line.strip("|").split("|") if c.strip()]
        out += re.findall(r"^\| ([^|{]+?) \|", line)  # the first column of a facts table
    return out


def _labels_html(text: str) -> list[str]:
    body = text[text.index("<body>"):]
    tags = re.findall(r"<(h[1-3]|th|figcaption|strong|a)\b[^>]*>([^<]*)<", body)
    return [t.strip() for _, t in tags if t.strip()] + re.findall(r'aria-label="([^"]*)"', body)


def _english_left(labels: list[str], catalog, spec_text: str) -> list[str]:
    """Labels still in English: an English message of the catalog whose French differs, and which is
    not a title the spec itself gives (a priority may be titled "Literacy")."""
    english = {}
    for m in catalog:
        if m.id and isinstance(m.id, str) and m.string and m.string != m.id:
            english[m.id.rstrip(":").strip()] = m.string
    left = []
    for label in labels:
        bare = re.sub(r"^\d+\.\s*", "", label).rstrip(":").strip()
        if bare in english and f'"{bare}"' not in spec_text:
            left.append(label)
    return left


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_french_plan_has_no_english_heading_or_label(fmt, capsys):
    catalog = _catalog()
    spec = ROOT / "examples/ontario_2003.reform"
    english = _plan(spec, fmt, "en", capsys)
    french = _plan(spec, fmt, "fr", capsys)
    labels = _labels_md if fmt == "md" else _labels_html
    # The English plan does have the labels the catalog translates: the check below has teeth.
    text = spec.read_text(encoding="utf-8")
    assert len(_english_left(labels(english), catalog, text)) > 20
    assert _english_left(labels(french), catalog, text) == []
    if fmt == "html":
        assert '<html lang="fr">' in french and '<html lang="en">' in english
    # The plan's own sentences are French too; the spec's own titles stay as the spec gives them.
    assert "Plan de mise en œuvre" in french and "Implementation plan" not in french
    assert "Résumé et vision" in french and "Risques et éléments à ajouter" in french


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_plan_in_french_renders_for_every_example(path, capsys):
    text = _plan(path, "md", "fr", capsys)
    assert text.startswith("# Plan de mise en œuvre\u00a0: ")
    assert "## Bilan" in text
    assert "Traceback" not in text


def test_french_plan_matches_golden(golden, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the plan as a user in the repository sees them
    golden.check("fr/plan_ontario_2003.md", _plan(Path("examples/ontario_2003.reform"), "md", "fr", capsys))


def test_french_check_report_matches_golden(golden, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the report as a user in the repository sees them
    main(["check", "examples/new_zealand_2014.reform", "--lang", "fr", "--no-cache"])
    out = capsys.readouterr().out
    assert "fichier vérifié" in out and "bilan de" in out
    golden.check("fr/check_new_zealand_2014.txt", out)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "gitlab"])
def test_machine_formats_are_english_whatever_the_language(fmt, capsys):
    spec = str(ROOT / "examples/new_zealand_2014.reform")
    main(["check", spec, "--format", fmt, "--no-cache"])
    english = capsys.readouterr().out
    main(["check", spec, "--format", fmt, "--lang", "fr", "--no-cache"])
    assert capsys.readouterr().out == english


def test_a_baseline_written_in_french_matches_in_english(tmp_path, capsys):
    spec = str(ROOT / "examples/new_zealand_2014.reform")
    baseline = tmp_path / "baseline.json"
    main(["check", spec, "--lang", "fr", "--write-baseline", str(baseline), "--no-cache"])
    capsys.readouterr()
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert "non évalué" not in json.dumps(data, ensure_ascii=False)
    assert main(["check", spec, "--baseline", str(baseline), "--format", "json", "--no-cache"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == [] and report["summary"]["baselined"] > 0


def test_lang_in_the_configuration_and_the_flag_that_overrides_it(tmp_path, capsys):
    spec = tmp_path / "nz.reform"
    spec.write_text((ROOT / "examples/new_zealand_2014.reform").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "reformlang.toml").write_text('lang = "fr"\n', encoding="utf-8")
    assert main(["plan", str(spec)]) == 0
    assert capsys.readouterr().out.startswith("# Plan de mise en œuvre")
    assert main(["plan", str(spec), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("# Implementation plan")
    main(["check", str(spec), "--no-cache"])
    assert "fichier vérifié" in capsys.readouterr().out
    assert main(["check", "--show-settings", str(spec)]) == 0
    assert re.search(r'^lang = "fr" +# .*reformlang\.toml$', capsys.readouterr().out, re.M)


def test_an_unknown_lang_in_the_configuration_is_a_located_error(tmp_path, capsys):
    spec = tmp_path / "nz.reform"
    spec.write_text((ROOT / "examples/new_zealand_2014.reform").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "reformlang.toml").write_text('lang = "de"\n', encoding="utf-8")
    assert main(["check", str(spec), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "reformlang.toml:1:" in err and "`lang` must be one of en, fr" in err
    assert main(["plan", str(spec)]) == 2
    assert "`lang` must be one of en, fr" in capsys.readouterr().err


def test_explain_and_rules_in_french(capsys):
    assert main(["explain", "LM001", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Il y a un milieu" in out and "Pourquoi c'est important\u00a0:" in out
    assert "Fullan" in out  # the citation stays as published
    assert main(["rules", "--lang", "fr"]) == 0
    assert "La spécification indique ses paliers et aucun n'est au milieu." in capsys.readouterr().out
    assert main(["rules", "--lang", "fr", "--format", "json"]) == 0
    assert "The spec states its levels and none is in the middle tier." in capsys.readouterr().out


def test_french_numbers_in_the_plan(capsys):
    text = _plan(ROOT / "examples/new_zealand_2014.reform", "md", "fr", capsys)
    assert "369\u00a0000\u00a0000 NZD" in text


def test_a_template_that_translates_a_spec_value_still_escapes_it(tmp_path, capsys):
    """`_()` in a template of one's own, given a spec's text, prints it escaped, not as markup."""
    templates = tmp_path / "t"
    templates.mkdir()
    (templates / "plan.html.j2").write_text('<p>{{ _(initiatives[0].title) }}</p>{{ _("Vision:") }}\n',
                                            encoding="utf-8")
    spec = tmp_path / "x.reform"
    text = (ROOT / "examples/new_zealand_2014.reform").read_text(encoding="utf-8")
    spec.write_text(text.replace('"Investing in Educational Success"', '"<script>alert(1)</script>"', 1),
                    encoding="utf-8")
    assert main(["plan", str(spec), "--format", "html", "--templates", str(templates), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "<script>" not in out and "&lt;script&gt;" in out and "Vision\u00a0:" in out


# ------------------------------------------------------------------ French typography
NBSP = "\u00a0"


def _prose(text: str) -> list[str]:
    """The parts of a message outside its `code` spans (code is spec syntax, typed as it is)."""
    parts = text.split("`")
    return parts[::2] if len(parts) % 2 else [text]


def test_french_typography_is_one_rule_across_the_catalog():
    """As the Office québécois de la langue française recommends: a no-break space before the colon and
    inside « guillemets » (none before ; ? !, as Quebec usage has it), in every message of the catalog."""
    bad = []
    for m in _catalog():
        if not m.id:
            continue
        for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
            for part in _prose(text):
                for found in re.finditer(r"(.)(:)(?=\s|$)|«(.)|(.)»|(\s)[;?!]", part):
                    before_colon, _c, after_open, before_close, space = found.groups()
                    if ((before_colon is not None and before_colon != NBSP) or (after_open not in (None, NBSP))
                            or (before_close not in (None, NBSP)) or space is not None):
                        bad.append(f"{m.id!r} -> ...{part[max(0, found.start() - 20):found.end() + 5]!r}")
    assert not bad, "\n".join(bad)


def test_french_output_colons_have_their_no_break_space(capsys):
    """The rule reaches what the templates join themselves (a label, a colon, a value) too. (The rules'
    advice, which the checker's own messages carry, is left out: it is translated with them.)"""
    from reformlang.backends.plan.context import build_context
    from reformlang.driver import compile_path
    from reformlang.stages import review

    path = ROOT / "examples/new_zealand_2014.reform"
    text = _plan(path, "md", "fr", capsys).split("## Pour les auteurs")[0]
    spec = compile_path(path).spec
    with i18n.language("fr"):
        for risk in build_context(spec, review(spec), "fr")["risks"]:
            text = text.replace(risk["advice"], "")
    assert text.count("\u00a0:") > 20
    assert re.findall(r"[^\s\u00a0`]: ", text) == []


# ------------------------------------------------------------------ brief, diff and compare in French
def _template_messages(*names: str) -> list[str]:
    """The messages the named templates hold, as babel extracts them."""
    from babel.messages.extract import extract_from_file

    out = []
    for name in names:
        folder = "diff/templates" if name.startswith("diff") else "plan/templates"
        path = ROOT / "src/reformlang/backends" / folder / name
        for _line, message, _comments, _context in extract_from_file(
                "jinja2", str(path), keywords=KEYWORDS, options={"extensions": "jinja2.ext.i18n"}):
            out += [message] if isinstance(message, str) else list(message)
    return out


def _pattern(message: str) -> re.Pattern:
    """A message as it reads filled in: each placeholder any text."""
    parts = re.split(r"%\(\w+\)[sd]", message.replace("%%", "%"))
    return re.compile(r"(?<!\w)" + r"\S+?".join(re.escape(p) for p in parts) + r"(?!\w)")


def _english_messages_in(text: str, messages: list[str], catalog) -> list[str]:
    """The messages (of those whose French differs) that `text` holds in English."""
    import html

    text = re.sub(r"<svg\b.*?</svg>", "", text, flags=re.S)  # the diagrams: spec titles (test_graph.py)
    text = html.unescape(text).replace("<strong>", "").replace("</strong>", "")
    found = []
    for message in dict.fromkeys(messages):
        entry = catalog.get(message)
        french = entry.string if entry is not None else None
        french = french[0] if isinstance(french, tuple) else french
        if not french or french == message or not re.search(r"[A-Za-z]", re.sub(r"%\(\w+\)[sd]", "", message)):
            continue  # the same in French, or only punctuation around values ("%(title)s:")
        if _pattern(message.replace("<strong>", "").replace("</strong>", "")).search(text):
            found.append(message)
    return found


def _own_text_is_french(english: str, french: str, templates: tuple[str, ...], at_least: int) -> None:
    catalog = _catalog()
    messages = _template_messages(*templates)
    shown = _english_messages_in(english, messages, catalog)
    assert len(shown) >= at_least, shown  # the English output has them: the check below has teeth
    assert _english_messages_in(french, messages, catalog) == []


def _run(args: list[str], capsys) -> str:
    assert main(args) == 0
    return capsys.readouterr().out


BRIEF = ("brief.md.j2", "brief.html.j2", "brief_sensitivity.j2")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_french_brief_has_no_english_of_its_own(fmt, capsys):
    spec = str(ROOT / "examples/ontario_2003.reform")
    args = ["brief", spec, "--format", fmt, "--runs", "2", "--samples", "2"]
    english, french = _run(args, capsys), _run([*args, "--lang", "fr"], capsys)
    _own_text_is_french(english, french, BRIEF, 12)
    assert "Mise en garde\u00a0:" in french and "échantillons" in french
    if fmt == "html":
        assert '<html lang="fr">' in french


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_the_french_diff_has_no_english_of_its_own(fmt, capsys):
    old, new = (str(ROOT / f"examples/{n}.reform") for n in ("new_zealand_2014", "new_zealand_joint_initiative_2015"))
    english = _run(["diff", old, new, "--format", fmt], capsys)
    french = _run(["diff", old, new, "--format", fmt, "--lang", "fr"], capsys)
    _own_text_is_french(english, french, ("diff.txt.j2",) if fmt == "text" else ("diff.md.j2",), 6)
    assert "modifié" in french or "Modifié" in french


def test_diff_json_is_english_whatever_the_language(capsys):
    old, new = (str(ROOT / f"examples/{n}.reform") for n in ("new_zealand_2014", "new_zealand_joint_initiative_2015"))
    english = _run(["diff", old, new, "--format", "json"], capsys)
    assert _run(["diff", old, new, "--format", "json", "--lang", "fr"], capsys) == english


@needs("dot")
def test_the_french_comparison_has_no_english_of_its_own(capsys):
    specs = [str(ROOT / f"examples/{n}.reform") for n in ("new_zealand_2014", "new_zealand_joint_initiative_2015")]
    english = _run(["compare", *specs, "--runs", "2"], capsys)
    french = _run(["compare", *specs, "--runs", "2", "--lang", "fr"], capsys)
    _own_text_is_french(english, french, ("compare.html.j2",), 10)
    assert '<html lang="fr">' in french and "diagramme du système de" in french


def test_brief_and_diff_in_french_for_every_example(capsys):
    for k, path in enumerate(EXAMPLES):
        text = _run(["brief", str(path), "--format", "md", "--runs", "2", "--samples", "0", "--lang", "fr"], capsys)
        assert "**Bilan.**" in text and "Mise en garde" in text
        other = EXAMPLES[(k + 1) % len(EXAMPLES)]
        text = _run(["diff", str(path), str(other), "--lang", "fr"], capsys)
        assert text.startswith("Changements de ")


@needs("dot")
def test_compare_in_french_for_every_example(capsys):
    text = _run(["compare", *map(str, EXAMPLES), "--runs", "2", "--lang", "fr"], capsys)
    assert text.count("<article ") == len(EXAMPLES) and "Comparaison de" in text


@needs("dot")
def test_the_build_in_french_writes_french_simulation_outputs(tmp_path, capsys):
    """The simulation's README, plots and headline, the plan's simulation section and the index."""
    out = tmp_path / "out"
    spec = str(ROOT / "examples/new_zealand_2014.reform")
    assert main(["build", spec, "-o", str(out), "--runs", "2", "-j", "1", "--lang", "fr", "--brief"]) == 0
    folder = out / "new_zealand_2014"
    readme = (folder / "simulation/README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Simulation de ") and "## Ce qu'elle indique" in readme
    assert "le rendement moyen augmente" in readme or "le rendement moyen baisse" in readme \
        or "le rendement moyen reste" in readme
    # The plots draw their words as paths: the French chart differs from the English one of the same run.
    assert main(["build", spec, "-o", str(tmp_path / "en"), "--runs", "2", "-j", "1"]) == 0
    english = tmp_path / "en/new_zealand_2014/simulation"
    assert (folder / "simulation/summary.csv").read_bytes() == (english / "summary.csv").read_bytes()
    assert (folder / "simulation/trajectories.svg").read_bytes() != (english / "trajectories.svg").read_bytes()
    plan = (folder / "plan.md").read_text(encoding="utf-8")
    assert "Une exploration du plan, pas une prévision" in plan and "An exploration" not in plan
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ">système</a>" in index and ">system</a>" not in index
    assert "Mise en garde" in (folder / "brief.md").read_text(encoding="utf-8")



# ------------------------------------------------------------------ findings' messages (i18n.Msg)

def test_a_message_is_its_english_text_and_says_itself_in_french():
    m = i18n.msg("the reform is {what}", what=i18n.msg("imposed on those who carry the work"))
    assert m == "the reform is imposed on those who carry the work"  # what JSON, SARIF and baselines hold
    with i18n.language("fr"):
        assert i18n._(m) == "la réforme est imposée à celles et ceux qui portent le travail"
    assert i18n._(m) == str(m)


def test_a_message_keeps_braces_and_spec_names_as_they_are():
    m = i18n.msg("add `engagement {{ process: co_designed  {with_} }}`", with_='with: ["{x}"]')
    assert m == 'add `engagement { process: co_designed  with: ["{x}"] }`'
    with i18n.language("fr"):
        assert i18n._(m) == 'ajoutez `engagement { process: co_designed  with: ["{x}"] }`'


def test_a_translation_with_wrong_placeholders_falls_back_to_english(monkeypatch):
    m = i18n.msg("the reform is {what}", what="x")
    with i18n.language("fr"):
        monkeypatch.setattr(i18n._current, "gettext", lambda s: "la réforme est {quoi}")
        assert i18n._(m) == "the reform is x"


def test_messages_travel_through_the_cache_and_pickle():
    import pickle

    from reformlang.plain import Codec

    m = i18n.msg("the reform is {what}", what=i18n.msg("imposed on those who carry the work"))
    j = i18n.join([i18n.msg("imposed on those who carry the work"), "`x`"])
    for back in (Codec().loads(Codec().dumps((m, j))), pickle.loads(pickle.dumps((m, j)))):
        assert back == (m, j)
        with i18n.language("fr"):
            assert [i18n._(x) for x in back] == [i18n._(x) for x in (m, j)]
            assert i18n._(back[1]).startswith("imposée")


def test_a_tampered_cached_message_is_refused():
    from reformlang.plain import Codec

    text = Codec().dumps(i18n.msg("a {x}", x="b")).replace('"b"', '{"@":"path","v":"/"}')
    with pytest.raises(ValueError):
        Codec().loads(text)


def test_findings_are_french_in_the_text_report_and_english_in_json(tmp_path, capsys):
    spec = tmp_path / "imposed.reform"
    spec.write_text((ROOT / "tests/design/contract.reform").read_text(encoding="utf-8")
                    .replace("process: co_designed", "process: imposed"), encoding="utf-8")
    for _round in range(2):  # cold, then from the result cache
        main(["check", "--lang", "fr", str(spec)])
        assert "la réforme est imposée à celles et ceux qui portent le travail" in capsys.readouterr().out
    main(["check", "--lang", "fr", "--format", "json", str(spec)])
    assert "the reform is imposed on those who carry the work" in capsys.readouterr().out


def test_numbers_in_a_french_message_are_written_the_french_way(monkeypatch):
    m = i18n.msg("{got:,.0f} of {total:,} ({share:.1%}); {n} {word}", got=4_000_000.0, total=95_000_000,
                 share=0.042, n=3, word="1,5")
    assert m == "4,000,000 of 95,000,000 (4.2%); 3 1,5"
    with i18n.language("fr"):
        monkeypatch.setattr(i18n._current, "gettext", lambda s: s)
        assert i18n._(m) == "4\u00a0000\u00a0000 of 95\u00a0000\u00a0000 (4,2\u00a0%); 3 1,5"  # text args untouched
