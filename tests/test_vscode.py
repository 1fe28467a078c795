"""The VS Code extension (editors/vscode): its manifest, the command its client starts, and its TextMate
grammar run by VS Code's own tokenizer (vscode-textmate with vscode-oniguruma, under Node) on every spec.

The scopes are checked against the language's own tokenizer: every comment, string, number, percentage,
amount of money, attribute key, block keyword and declared id must carry its scope.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reformlang.lsp.document import tokens
from reformlang.semantics.schema import BLOCKS, LIBRARY

ROOT = Path(__file__).resolve().parent.parent
EXT = ROOT / "editors" / "vscode"
SPECS = sorted([*ROOT.glob("examples/*.reform"), *ROOT.glob("stdlib/*.reform"), ROOT / "tests" / "lsp" / "special_education.reform"])


def manifest() -> dict:
    return json.loads((EXT / "package.json").read_text(encoding="utf-8"))


def test_manifest() -> None:
    m = manifest()
    assert (EXT / m["main"]).is_file()
    assert m["activationEvents"] == ["onLanguage:reformlang"]
    (language,) = m["contributes"]["languages"]
    assert language["id"] == "reformlang" and language["extensions"] == [".reform"]
    config = json.loads((EXT / language["configuration"]).read_text(encoding="utf-8"))
    assert config["comments"] == {"lineComment": "#"}
    assert ["{", "}"] in config["brackets"] and ["[", "]"] in config["brackets"]
    assert re.match(config["indentationRules"]["increaseIndentPattern"], '  level districts "Districts" {')
    assert re.match(config["indentationRules"]["decreaseIndentPattern"], "  }")
    (grammar,) = m["contributes"]["grammars"]
    tm = json.loads((EXT / grammar["path"]).read_text(encoding="utf-8"))
    assert grammar["scopeName"] == tm["scopeName"] == "source.reformlang" and grammar["language"] == "reformlang"
    assert "vscode-languageclient" in m["dependencies"]
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in (*m["dependencies"].values(),
                                                            *m["devDependencies"].values())), "pin versions"
    assert (EXT / "package-lock.json").is_file() and (EXT / "LICENSE").is_file()


def test_grammar_knows_every_block_of_the_schema() -> None:
    tm = json.loads((EXT / "syntaxes" / "reform.tmLanguage.json").read_text(encoding="utf-8"))
    words = re.search(r"\(([a-z_|]+)\)", tm["repository"]["block"]["match"]).group(1).split("|")
    assert sorted(words) == sorted({*BLOCKS, *LIBRARY})


@functools.cache
def node_modules() -> Path:
    """The extension's Node packages, installed from its lock file when missing (as `make test` does)."""
    if not (EXT / "node_modules" / "vscode-textmate").is_dir():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install the extension's packages (install Node.js)"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=EXT, check=True, capture_output=True,
                       timeout=600)
    return EXT / "node_modules"


def node(*args: str, **kw) -> subprocess.CompletedProcess:
    exe = shutil.which("node")
    assert exe, "node is needed to run the extension's code (install Node.js)"
    node_modules()
    return subprocess.run([exe, *args], cwd=EXT, capture_output=True, text=True, timeout=300, check=True, **kw)


def test_client_starts_the_command_the_server_test_drives() -> None:
    """extension.js, run under Node with stand-ins for VS Code's modules, starts `reformlang lsp` by
    default, the settings' command otherwise; tests/test_lsp.py drives that same command."""
    script = r"""
const Module = require("module");
const settings = JSON.parse(process.argv[1]);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") {
    return { workspace: { workspaceFolders: [{ uri: { fsPath: "/home/me/space" } }],
                          getConfiguration: () => ({ get: (k, d) => (k in settings ? settings[k] : d) }) } };
  }
  if (request === "vscode-languageclient/node") return { LanguageClient: class {}, TransportKind: { stdio: 0 } };
  return load.apply(this, arguments);
};
process.stdout.write(JSON.stringify(require("./extension.js").serverCommand()));
"""
    default = json.loads(node("-e", script, "{}").stdout)
    props = manifest()["contributes"]["configuration"]["properties"]
    assert default == {"command": props["reformlang.server.command"]["default"],
                       "args": props["reformlang.server.args"]["default"]} == {"command": "reformlang", "args": ["lsp"]}
    import test_lsp

    assert Path(test_lsp.COMMAND[0]).name == "reformlang" and test_lsp.COMMAND[1:] == ["lsp"]
    custom = json.loads(node("-e", script, json.dumps({"server.command": "${workspaceFolder}/.venv/bin/reformlang"})).stdout)
    assert custom == {"command": "/home/me/space/.venv/bin/reformlang", "args": ["lsp"]}


@functools.cache
def scopes() -> dict[str, list]:
    out = node("test/tokenize.js", *map(str, SPECS)).stdout
    return json.loads(out)


def _expected(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, scope, token) the grammar must give, from the language's own tokenizer."""
    toks = list(tokens(text))
    out = []
    for n, t in enumerate(toks):
        nxt = toks[n + 1] if n + 1 < len(toks) else None
        prev = toks[n - 1] if n else None
        line_start = n == 0 or "\n" in text[prev.end:t.start]
        if t.kind == "COMMENT":
            out.append((t.start, t.end, "comment.line.number-sign", t.text))
        elif t.kind == "STRING":
            out.append((t.start, t.end, "string.quoted.double", t.text))
        elif t.kind in ("INT", "DECIMAL"):
            if nxt is not None and nxt.kind == "%" and nxt.start == t.end:
                out.append((t.start, nxt.end, "constant.numeric.percentage", t.text + "%"))
            elif nxt is not None and nxt.kind == "UPPER" and "\n" not in text[t.end:nxt.start]:
                out.append((t.start, t.end, "constant.numeric.money", t.text))
                out.append((nxt.start, nxt.end, "constant.other.currency", nxt.text))
            else:
                out.append((t.start, t.end, "constant.numeric", t.text))
        elif t.kind == "NAME" and nxt is not None and nxt.kind == ":":
            out.append((t.start, t.end, "support.type.property-name", t.text))
        elif t.kind == "NAME" and line_start and t.text == "use":
            out.append((t.start, t.end, "keyword.control.import", t.text))
        elif t.kind == "NAME" and line_start and t.text in {*BLOCKS, *LIBRARY} and nxt is not None \
                and nxt.kind in ("NAME", "STRING", "{"):
            out.append((t.start, t.end, "keyword.other.block", t.text))
            if nxt.kind == "NAME" and t.text != "link":
                out.append((nxt.start, nxt.end, "entity.name.type", nxt.text))
        elif t.kind == "NAME" and t.text in ("in", "by") and prev is not None and prev.kind in ("INT", "%", "UPPER"):
            out.append((t.start, t.end, "keyword.operator.word", t.text))
    return out


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_grammar_scopes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    by_line: dict[int, list] = {}
    for line, start, end, scope in scopes()[str(path)]:
        by_line.setdefault(line, []).append((starts[line] + start, starts[line] + end, scope))
    expected = _expected(text)
    assert {e[2] for e in expected} >= {"comment.line.number-sign", "keyword.other.block", "entity.name.type",
                                        "support.type.property-name"}
    seen = set()
    for start, end, scope, shown in expected:
        line = text.count("\n", 0, start)
        covering = [s for a, b, s in by_line.get(line, []) if a < end and b > start]
        assert covering, f"{path.name}:{line + 1}: `{shown}` has no token"
        for s in covering:
            assert any(x.startswith(scope + ".") or x == scope for x in s), \
                f"{path.name}:{line + 1}: `{shown}` is {s[1:]}, not {scope}"
        seen.add(scope)
    # The examples between them write money and percentages: each example's own kinds are all checked above.
    assert seen


def test_examples_cover_every_scope() -> None:
    kinds = {e[2] for p in SPECS for e in _expected(p.read_text(encoding="utf-8"))}
    assert kinds == {"comment.line.number-sign", "string.quoted.double", "constant.numeric",
                     "constant.numeric.percentage", "constant.numeric.money", "constant.other.currency",
                     "support.type.property-name", "keyword.control.import", "keyword.other.block",
                     "entity.name.type", "keyword.operator.word"}
