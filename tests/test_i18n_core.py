"""French for what `check` says that is not a rule's finding: syntax, resolution and `use` errors (the
cases under tests/errors/), configuration errors (C001-C004), suppression comments (S001-S003), and the
errors the command line prints (a UserError's message and help). Each keeps its place (file:line:col)
and its `error[CODE]` prefix; machine formats stay English; the English text is the golden's
(tests/test_errors_golden.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reformlang import i18n
from reformlang.cli.main import main

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ERRORS = HERE / "errors"
CONTRACT = HERE / "design" / "contract.reform"

HEAD = re.compile(r"^(?P<place>\S.*?): (?P<severity>error|warning|info)\[(?P<code>\w+)\]: (?P<message>.*)$")
LABELLED = re.compile(r"^  (?P<label>[^\s|:]+)\u00a0?: (?P<text>.*)$")  # French puts a no-break space before the colon


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.use("en")  # a test that ran in French leaves the process in English


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def diagnostics(text: str) -> list[dict]:
    """The diagnostics of a text report: place, severity, code, message, and the labelled lines under it
    (`help`, `note`, `fix`, or their French labels) in order."""
    out: list[dict] = []
    for line in text.splitlines():
        head = HEAD.match(line)
        if head:
            out.append({**head.groupdict(), "lines": []})
        elif out and (m := LABELLED.match(line)):
            out[-1]["lines"].append((m["label"], m["text"]))
    return out


OURS = re.compile(r"[ECS]\d{3}")  # the language's, the configuration's and suppressions' codes; rules have two letters


def assert_french(english: str, french: str) -> int:
    """Every diagnostic of the English report is in the French one at the same place with the same code,
    and the message, notes and help of each that is not a rule's finding are not the English ones.
    Returns how many were compared."""
    en, fr = diagnostics(english), diagnostics(french)
    assert en, f"no diagnostic in:\n{english}"
    assert [(d["place"], d["severity"], d["code"]) for d in fr] == [(d["place"], d["severity"], d["code"]) for d in en]
    pairs = [(e, f) for e, f in zip(en, fr) if OURS.fullmatch(e["code"])]
    for e, f in pairs:
        assert f["message"] != e["message"], f"{e['place']}: {e['code']} is still English: {e['message']}"
        assert len(f["lines"]) == len(e["lines"]), (e, f)
        for (label_en, text_en), (label_fr, text_fr) in zip(e["lines"], f["lines"]):
            assert label_fr == {"help": "aide", "note": "remarque", "fix": "correctif"}[label_en]
            if label_en == "note":  # "MESSAGE at PLACE": the place stays, the message is French
                place = text_en.rsplit(" at ", 1)[1]
                assert text_fr.endswith(f" à {place}"), text_fr
                text_en, text_fr = text_en.rsplit(" at ", 1)[0], text_fr.rsplit(" à ", 1)[0]
            elif label_en == "fix":  # "MESSAGE (--fix)": the flags stay
                assert text_fr.rsplit(" (", 1)[1] == text_en.rsplit(" (", 1)[1]
            assert text_fr != text_en, f"{e['place']}: {e['code']}'s {label_en} is still English: {text_en}"
    return len(pairs)


# --------------------------------------------------------------------- the language core (tests/errors)
def _cases() -> list[str]:
    return sorted(p.name for p in ERRORS.iterdir() if p.suffix == ".reform" or p.is_dir())


def _check(name: str, capsys, monkeypatch, *flags: str) -> tuple[int, str]:
    monkeypatch.chdir(ERRORS)
    target = f"{name}/main.reform" if (ERRORS / name).is_dir() else name
    code = main(["check", "--no-cache", *flags, target])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in err
    return code, out


@pytest.mark.parametrize("name", _cases())
def test_each_error_case_is_said_in_french_in_its_place(name, capsys, monkeypatch):
    code_en, english = _check(name, capsys, monkeypatch)
    code_fr, french = _check(name, capsys, monkeypatch, "--lang", "fr")
    assert code_fr == code_en
    assert english == (HERE / "golden" / "errors" / f"{name.removesuffix('.reform')}.txt").read_text(
        encoding="utf-8").replace("\r\n", "\n")  # the English is the golden, byte for byte
    assert f"[{name.split('_', 1)[0]}]" in french
    assert_french(english, french)
    assert "vérifié" in french.splitlines()[-1]


@pytest.mark.parametrize("name", ["E002_missing_close_brace.reform", "E101_unknown_level.reform",
                                  "E112_used_file_has_errors", "E900_missing_file"])
def test_machine_formats_of_errors_are_english_whatever_the_language(name, capsys, monkeypatch):
    for fmt in ("json", "sarif"):
        _, english = _check(name, capsys, monkeypatch, "--format", fmt)
        _, french = _check(name, capsys, monkeypatch, "--format", fmt, "--lang", "fr")
        assert french == english


def test_a_result_checked_in_english_is_shown_in_french_from_the_result_cache(tmp_path, capsys, monkeypatch):
    """The result cache keeps each message's template and arguments, not only its English text."""
    monkeypatch.chdir(tmp_path)
    spec = tmp_path / "imposed.reform"
    spec.write_text(CONTRACT.read_text(encoding="utf-8").replace("process: co_designed", "process: imposed")
                    .replace("tier: middle", "tier: midle", 1), encoding="utf-8")
    main(["check", "imposed.reform"])  # checked in English: the file's result is stored
    english = capsys.readouterr().out
    assert "unknown tier `midle`" in english
    main(["check", "--lang", "fr", "imposed.reform"])  # another run, the same file's result
    french = capsys.readouterr().out
    assert "`midle` n'est pas un mot connu du vocabulaire «\u00a0tier\u00a0»" in french
    assert assert_french(english, french) == 1


# --------------------------------------------------------------------- configuration (C001-C004)
CONFIGS = {
    "C001 unknown key": 'fail_on = "warning"\n',
    "C002 names": 'select = ["lftm.buyin", "BI00"]\nrequire = ["lftmm"]\nignore = 3\n',
    "C002 levels": 'fail-on = "warn"\nunstated = 3\n[severity]\nLM008 = "errr"\n"lftm.bogus" = "error"\n',
    "C002 tables": 'severity = 3\nthresholds = "x"\nper-file-ignores = 3\nexclude = [""]\nlang = "de"\n',
    "C002 thresholds": '[thresholds]\nnetwork_size_max = -3\nnetwork_size_maxx = 3\nfew_priorities = nan\n'
                       'middle_work_share = 2\nmiddle_money_share = true\n',
    "C002 per-file-ignores": '[per-file-ignores]\n"a/*.reform" = ["lftmx"]\n"b" = 3\n',
    "C003 TOML": 'select = ["lftm"\n',
    "C003 too deep": "a = " + "[" * 100 + "\n",
    "C004 not UTF-8": b'select = ["\xff"]\n',
}


@pytest.mark.parametrize("name", list(CONFIGS))
def test_configuration_errors_in_french_with_lang_on_the_command_line(name, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.reform").write_text(CONTRACT.read_text(encoding="utf-8"), encoding="utf-8")
    text = CONFIGS[name]
    (tmp_path / "reformlang.toml").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    results = []
    for flags in ([], ["--lang", "fr"]):
        assert main(["check", "--no-cache", *flags, "spec.reform"]) == 2
        out, err = capsys.readouterr()
        assert out == "" and "Traceback" not in err
        results.append(err)
    english, french = results
    assert f"[{name[:4]}]" in english
    assert assert_french(english, french) >= 1
    assert "reformlang: the configuration has problems; nothing was checked" in english
    assert "reformlang: la configuration comporte des problèmes; rien n'a été vérifié" in french
    assert "  aide\u00a0: corrigez le fichier de configuration nommé ci-dessus" in french


def test_names_on_the_command_line_are_said_in_french(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.reform").write_text(CONTRACT.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["check", "--no-cache", "--select", "lftm.buyin", "--require", "lftmm", "spec.reform"]
    assert main(argv) == 2
    english = capsys.readouterr().err
    assert main([*argv, "--lang", "fr"]) == 2
    french = capsys.readouterr().err
    assert "<command line>: error[C002]: --select: `lftm.buyin` is not a rule code" in english
    assert "<command line>: error[C002]: --select\u00a0: `lftm.buyin` n'est ni un code de règle" in french
    assert_french(english, french)


def test_lang_in_the_configuration_is_not_yet_known_for_that_configurations_own_errors(tmp_path, capsys,
                                                                                        monkeypatch):
    """docs/french.md: `lang = "fr"` takes effect once the configuration is read; a mistake in that very file
    is said in English (--lang fr says it in French). The spec's own errors are French."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.reform").write_text(CONTRACT.read_text(encoding="utf-8").replace("tier: middle", "tier: midle"),
                                          encoding="utf-8")
    (tmp_path / "reformlang.toml").write_text('lang = "fr"\nfail_on = "warning"\n', encoding="utf-8")
    assert main(["check", "--no-cache", "spec.reform"]) == 2
    err = capsys.readouterr().err
    assert "error[C001]: unknown configuration key `fail_on`" in err and "nothing was checked" in err
    assert main(["check", "--no-cache", "--lang", "fr", "spec.reform"]) == 2
    assert "error[C001]: clé de configuration `fail_on` inconnue" in capsys.readouterr().err
    (tmp_path / "reformlang.toml").write_text('lang = "fr"\n', encoding="utf-8")
    assert main(["check", "--no-cache", "spec.reform"]) == 1
    assert "error[E102]: `midle` n'est pas un mot connu du vocabulaire «\u00a0tier\u00a0»" in capsys.readouterr().out


# --------------------------------------------------------------------- suppression comments (S001-S003)
def test_suppression_findings_in_french(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = CONTRACT.read_text(encoding="utf-8")
    text = text.replace("process: co_designed", "process: imposed  # reformlang: ignore[lftm.buy_in]", 1)
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("level "))
    lines[at] = lines[at].rstrip("\n") + "  # reformlang: ignore[lftm.diffusion, lftm.buyin] -- reviewed\n"
    lines.insert(at, "  # reformlang: please ignore this\n")
    lines.insert(at, "  # reformlang: ignore[] -- nothing\n")
    (tmp_path / "spec.reform").write_text("".join(lines), encoding="utf-8")
    main(["check", "--no-cache", "spec.reform"])
    english = capsys.readouterr().out
    main(["check", "--no-cache", "--lang", "fr", "spec.reform"])
    french = capsys.readouterr().out
    assert {d["code"] for d in diagnostics(english)} >= {"S001", "S002", "S003"}
    assert assert_french(english, french) >= 4


# --------------------------------------------------------------------- errors of the command line
@pytest.mark.parametrize("argv, english_message, french_message", [
    (["check"], "give the specs to check", "donnez les spécifications à vérifier"),
    (["check", "nowhere.reform"], "cannot read nowhere.reform: no such file or folder",
     "impossible de lire nowhere.reform\u00a0: aucun fichier ni dossier de ce nom"),
    (["check", "--baseline", "baseline.json", "spec.reform"], "baseline baseline.json is not a reformlang baseline",
     "le fichier de référence baseline.json n'est pas une référence reformlang"),
    (["explain", "LM999"], "no rule, principle or framework `LM999`", "aucune règle, aucun principe ni aucun cadre"),
    (["plan", "broken.reform"], "reformlang: broken.reform has errors",
     "reformlang: broken.reform comporte des erreurs"),
    (["graph", "library.reform"], "library.reform is a library file", "library.reform est un fichier de bibliothèque"),
])
def test_command_line_errors_and_their_help_in_french(argv, english_message, french_message, tmp_path, capsys,
                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.reform").write_text(CONTRACT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.reform").write_text("initiative x {\n", encoding="utf-8")
    (tmp_path / "library.reform").write_text('vocabulary tier {\n  word regional "Regional" { like: middle }\n}\n',
                                             encoding="utf-8")
    (tmp_path / "baseline.json").write_text("{not json", encoding="utf-8")
    code_en = main([*argv[:1], "--no-cache", *argv[1:]] if argv[0] == "check" else argv)
    english = "".join(capsys.readouterr())  # the report (stdout) and the error (stderr)
    code_fr = main([*argv[:1], "--lang", "fr", *argv[1:]])
    french = "".join(capsys.readouterr())
    assert code_fr == code_en != 0
    assert english_message in english and french_message in french
    assert "Traceback" not in french and "internal error" not in french
    help_en = [line for line in english.splitlines() if line.startswith("  help: ")]
    help_fr = [line for line in french.splitlines() if line.startswith("  aide\u00a0: ")]
    assert len(help_fr) == len(help_en)
    assert not set(h.removeprefix("  help: ") for h in help_en) & set(h.removeprefix("  aide\u00a0: ") for h in help_fr)
    if diagnostics(english):
        assert_french(english, french)


def test_a_missing_extra_is_said_in_french(monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "jinja2", None)
    assert main(["plan", "--lang", "fr", str(CONTRACT)]) == 2
    err = capsys.readouterr().err
    assert "`reformlang plan` a besoin du paquet Python `jinja2`, qui n'est pas installé" in err
    assert "  aide\u00a0: installez-le avec\u00a0: pip install 'reformlang[plan]'" in err


def test_a_user_error_stays_english_as_data():
    """A UserError's message is English as a str (what a log or a test reads) and French where it is shown."""
    from reformlang.cli.common import cannot_write

    error = cannot_write("out.md", PermissionError(13, "Permission denied"))
    assert str(error) == "cannot write out.md: Permission denied"
    with i18n.language("fr"):
        assert i18n._(error.message) == "impossible d'écrire out.md\u00a0: Permission denied"


def test_the_french_catalog_holds_every_core_message():
    """Each message of the files this covers is in the catalog with a French translation (the catalog test
    says so for the whole tree; this one names the core's files, so that its failure says whose it is)."""
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    from reformlang.i18n_extract import KEYWORDS

    with (ROOT / "src/reformlang/locale/fr/LC_MESSAGES/reformlang.po").open("rb") as f:
        catalog = read_po(f, locale="fr")
    core = ["syntax/errors.py", "syntax/parser.py", "semantics/resolve.py", "semantics/values.py", "driver.py",
            "diagnostics.py", "errors.py", "files.py", "lint/config.py", "lint/suppressions.py", "lint/baseline.py",
            *(f"cli/{p.name}" for p in sorted((ROOT / "src/reformlang/cli").glob("*.py")))]
    missing, seen = [], 0
    for rel in core:
        for _line, message, _comments, _context in extract_from_file(
                "python", str(ROOT / "src/reformlang" / rel), keywords=KEYWORDS):
            msgid = message[0] if isinstance(message, tuple) else message
            if not msgid:
                continue
            seen += 1
            entry = catalog.get(msgid)
            strings = entry and (entry.string if isinstance(entry.string, tuple) else (entry.string,))
            if not strings or not all(strings):
                missing.append(f"{rel}: {msgid!r}")
    assert seen > 300
    assert not missing, "\n".join(missing)
