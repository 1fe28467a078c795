"""The language server, end to end: a real LSP client (pygls's) drives `reformlang lsp` over stdio.

The session opens an example, breaks it and fixes it, then asks what an editor
asks: hover, completion, definition, references, rename, outline, folding,
formatting, semantic tokens and code actions.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
from pathlib import Path

import attrs
import pytest
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
# A spec that states every kind of block (the special education case as it was written before the examples
# were cut down to what their sources give), so that hover, completion and diagnostics have everything to show.
EXAMPLE = ROOT / "tests" / "lsp" / "special_education.reform"
# The command the VS Code extension starts by default (editors/vscode/package.json: `reformlang.server.command`
# and `reformlang.server.args`; tests/test_vscode.py holds the two together): this environment's `reformlang`.
COMMAND = [str(Path(sys.executable).parent / "reformlang"), "lsp"]


class Session:
    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.diagnostics: dict[str, list[lsp.Diagnostic]] = {}
        self.versions: dict[str, int | None] = {}
        self.arrived = asyncio.Event()
        self.messages: list[str] = []

    async def wait_for(self, uri: str, predicate, version: int | None = None,
                       timeout: float = 30) -> list[lsp.Diagnostic]:
        """The diagnostics of `uri` once they satisfy `predicate` (for `version` of the text, when given)."""
        async def loop():
            while uri not in self.diagnostics or not predicate(self.diagnostics[uri]) or \
                    version is not None and self.versions.get(uri) != version:
                self.arrived.clear()
                await self.arrived.wait()
            return self.diagnostics[uri]
        return await asyncio.wait_for(loop(), timeout)


def start_session(coro):
    async def main():
        client = LanguageClient("reformlang-test", "1")
        session = Session(client)

        @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams):
            session.diagnostics[params.uri] = params.diagnostics
            session.versions[params.uri] = params.version
            session.arrived.set()

        @client.feature(lsp.WINDOW_SHOW_MESSAGE)
        def on_message(params: lsp.ShowMessageParams):
            session.messages.append(params.message)

        @client.feature(lsp.WINDOW_LOG_MESSAGE)
        def on_log(params: lsp.LogMessageParams):
            session.messages.append(params.message)

        await client.start_io(*COMMAND, cwd=str(ROOT))
        try:
            await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                               process_id=None))
            client.initialized(lsp.InitializedParams())
            await coro(session)
        finally:
            try:
                await asyncio.wait_for(client.shutdown_async(None), 10)
                client.exit(None)
            finally:
                await client.stop()
        assert not [m for m in session.messages if "internal error" in m]
    asyncio.run(main())


def open_doc(session: Session, path: Path, text: str) -> str:
    uri = from_fs_path(str(path))
    session.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri, "reformlang", 1, text)))
    return uri


def change(session: Session, uri: str, version: int, text: str) -> None:
    session.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(version=version, uri=uri), [lsp.TextDocumentContentChangeWholeDocument(text)]))


def pos(text: str, needle: str, offset_in: int = 0, nth: int = 0) -> lsp.Position:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += offset_in
    line = text.count("\n", 0, at)
    return lsp.Position(line, at - (text.rfind("\n", 0, at) + 1))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the project root: `use` lines stay inside it
    shutil.copy(EXAMPLE, tmp_path / "spec.reform")
    return tmp_path


SUPPRESSED = "  engagement {  # reformlang: ignore[lftm.buy_in] -- the council designed it with the ministry\n"


def test_session_on_an_example(project: Path) -> None:
    path = project / "spec.reform"
    original = path.read_text(encoding="utf-8")
    text = original.replace("  engagement {\n", SUPPRESSED)

    async def session_(s: Session) -> None:
        uri = open_doc(s, path, text)
        first = await s.wait_for(uri, lambda ds: True)
        assert all(d.severity != lsp.DiagnosticSeverity.Error for d in first)
        assert any(d.code == "NW005" and "[networks.learning_inwards]" in d.message for d in first)
        nw005 = next(d for d in first if d.code == "NW005")
        assert nw005.code_description.href.endswith("rules/#nw005")
        assert "help:" in nw005.message

        # A broken edit: errors appear, with their code and help, on the right line.
        broken = text.replace("owner: districts\n\n    indicator", "owner: distrcts\n\n    indicator")
        change(s, uri, 2, broken)
        errors = await s.wait_for(uri, lambda ds: any(d.code == "E101" for d in ds), version=2)
        e101 = next(d for d in errors if d.code == "E101")
        assert e101.range.start == pos(broken, "distrcts")
        assert "did you mean `districts`?" in e101.message
        # Its fix is a quick fix: applied, the text is the one before the typo.
        actions = await s.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), e101.range, lsp.CodeActionContext([e101])))
        fix = next(a for a in actions if isinstance(a, lsp.CodeAction) and a.edit is not None
                   and "districts" in a.title)
        assert fix.title == "replace `distrcts` with `districts`" and fix.is_preferred
        assert apply(broken, fix.edit.changes[uri]) == text
        # The fix clears them.
        change(s, uri, 3, text)
        fixed = await s.wait_for(uri, lambda ds: not any(d.code == "E101" for d in ds), version=3)
        assert {d.code for d in fixed} == {d.code for d in first}

        # Text that does not parse: its error is shown, and the last good analysis still answers.
        unparsable = text.replace("    tier: middle\n", "    tier: middle {\n")
        change(s, uri, 4, unparsable)
        syntax = await s.wait_for(uri, lambda ds: any(d.code.startswith("E00") for d in ds), version=4)
        assert syntax
        still = await s.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), pos(unparsable, "owner: districts", 8)))
        assert still is not None and "level districts" in still.contents.value
        change(s, uri, 5, text)
        await s.wait_for(uri, lambda ds: not any(d.code.startswith("E00") for d in ds), version=5)

        # Hover: a principle in a suppression comment shows `reformlang explain`'s text.
        h = await s.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "lftm.buy_in", 6)))
        assert "lftm.buy_in" in h.contents.value and "LM008" in h.contents.value
        from reformlang.cli.explain import explanation
        assert explanation("lftm.buy_in").split("\n")[0] in h.contents.value
        # ... an attribute: its meaning and type from the schema; a vocabulary word: its meaning.
        h = await s.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "tier: middle", 1)))
        assert "where the level stands" in h.contents.value and "vocabulary word (`tier`)" in h.contents.value
        h = await s.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "process: co_designed", 10)))
        assert "co_designed" in h.contents.value and "engagement process" in h.contents.value
        # ... a block keyword, and an id: the block it names.
        h = await s.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "  network district_learning", 3)))
        assert "network of schools" in h.contents.value
        h = await s.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "resources: [code_grant]", 13)))
        assert "funding code_grant" in h.contents.value and "25_000_000 CAD" in h.contents.value

        # Completion after `tier: ` offers the tiers.
        typing = text.replace("    tier: middle\n", "    tier: \n")
        change(s, uri, 6, typing)
        c = await s.client.text_document_completion_async(lsp.CompletionParams(
            lsp.TextDocumentIdentifier(uri), pos(typing, "tier: \n", 6)))
        assert {"top", "middle", "bottom"} <= {i.label for i in c.items}
        assert "owner" not in {i.label for i in c.items}
        # ... levels for `owner`, indicators for `measures`, attributes and blocks at the start of a line.
        typing = text.replace("    owner: districts\n\n    indicator", "    owner: \n\n    indicator")
        change(s, uri, 7, typing)
        c = await s.client.text_document_completion_async(lsp.CompletionParams(
            lsp.TextDocumentIdentifier(uri), pos(typing, "owner: \n", 7)))
        assert {i.label for i in c.items} == {"ministry", "districts", "schools"}
        c = await s.client.text_document_completion_async(lsp.CompletionParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "measures: [", 11)))
        assert {i.label for i in c.items} == {"special_needs_achievement"}
        c = await s.client.text_document_completion_async(lsp.CompletionParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "    units: 72", 4)))
        labels = {i.label for i in c.items}
        assert {"tier", "units", "leader", "leader_term"} <= labels and "measures" not in labels
        c = await s.client.text_document_completion_async(lsp.CompletionParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "use lftm", 4)))
        assert {"lftm", "networks", "big_ideas"} <= {i.label for i in c.items}
        c = await s.client.text_document_completion_async(lsp.CompletionParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "ignore[", 7)))
        assert {"LM008", "lftm.buy_in"} <= {i.label for i in c.items}
        change(s, uri, 8, text)
        await s.wait_for(uri, lambda ds: True, version=8)

        # Definition on an `owner:` id lands on its level.
        loc = await s.client.text_document_definition_async(lsp.DefinitionParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "owner: districts", 8)))
        assert loc.uri == uri and loc.range.start == pos(text, "level districts", 6)
        # References: the declaration and every use.
        refs = await s.client.text_document_references_async(lsp.ReferenceParams(
            text_document=lsp.TextDocumentIdentifier(uri), position=pos(text, "level districts", 6),
            context=lsp.ReferenceContext(True)))
        code = re.sub(r'#[^\n]*|"[^"\n]*"', "", text)  # the names outside comments and strings
        assert len(refs) == len(re.findall(r"\bdistricts\b", code)) == 12

        # Rename changes every use.
        edit = await s.client.text_document_rename_async(lsp.RenameParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "level districts", 6), "boards"))
        renamed = apply(text, edit.changes[uri])
        assert "level boards" in renamed and "owner: boards" in renamed and "link boards <-> boards" in renamed
        assert "districts\n" not in renamed.split("initiative", 1)[1].replace("District", "")
        change(s, uri, 9, renamed)
        after = await s.wait_for(uri, lambda ds: True, version=9)
        assert not any(d.severity == lsp.DiagnosticSeverity.Error for d in after)
        change(s, uri, 10, text)
        await s.wait_for(uri, lambda ds: True, version=10)

        # Outline and folding.
        outline = await s.client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
            lsp.TextDocumentIdentifier(uri)))
        init = outline[0]
        assert init.name == "special_education"
        names = [c.name for c in init.children]
        assert {"ministry", "districts", "schools", "special_needs_learning", "district_learning"} <= set(names)
        priority = next(c for c in init.children if c.name == "special_needs_learning")
        assert {c.name for c in priority.children} == {"special_needs_achievement", "district_projects",
                                                       "shared_learning"}
        folds = await s.client.text_document_folding_range_async(lsp.FoldingRangeParams(
            lsp.TextDocumentIdentifier(uri)))
        assert any(f.kind == lsp.FoldingRangeKind.Comment and f.start_line == 0 for f in folds)
        assert any(f.start_line == pos(text, "initiative").line for f in folds)

        # Formatting returns the canonical text.
        messy = text.replace("    tier: top\n", "        tier:     top\n")
        change(s, uri, 11, messy)
        edits = await s.client.text_document_formatting_async(lsp.DocumentFormattingParams(
            lsp.TextDocumentIdentifier(uri), lsp.FormattingOptions(2, True)))
        assert apply(messy, edits) == text
        change(s, uri, 12, text)

        # Semantic tokens colour keywords, ids, words, strings and numbers.
        toks = await s.client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(
            lsp.TextDocumentIdentifier(uri)))
        from reformlang.lsp.document import TOKEN_TYPES
        kinds = {TOKEN_TYPES[toks.data[i + 3]] for i in range(0, len(toks.data), 5)}
        assert {"keyword", "property", "variable", "enumMember", "string", "number", "comment"} <= kinds

        # Code actions on a finding: a suppression with a reason to write, and the principle explained.
        diags = await s.wait_for(uri, lambda ds: any(d.code == "NW005" for d in ds), version=12)
        nw005 = next(d for d in diags if d.code == "NW005")
        actions = await s.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), nw005.range, lsp.CodeActionContext([nw005])))
        titles = [a.title for a in actions]
        assert "Explain networks.learning_inwards" in titles
        suppress = next(a for a in actions if a.title.startswith("Suppress NW005"))
        with_comment = apply(text, suppress.edit.changes[uri])
        line = with_comment.split("\n")[nw005.range.start.line]
        assert line.endswith("# reformlang: ignore[NW005] -- ")
        explain = next(a for a in actions if a.title.startswith("Explain"))
        # pygls's client reads a CodeAction that carries a command as a `Command` (the first type of the
        # result's union) whose `command` is the action's command as a string: read it back.
        import ast as python_ast
        command = explain.command if isinstance(explain, lsp.CodeAction) else explain
        command = python_ast.literal_eval(command.command) if command.command.startswith("{") else attrs.asdict(command)
        assert command["command"] == "reformlang.explain" and command["arguments"] == ["networks.learning_inwards"]
        shown = await s.client.workspace_execute_command_async(lsp.ExecuteCommandParams(
            command["command"], command["arguments"]))
        assert shown.startswith("networks.learning_inwards")
        assert any(m.startswith("networks.learning_inwards") for m in s.messages)

    start_session(session_)


def test_a_library_the_spec_uses(project: Path) -> None:
    """Definition of `use "./file"` opens it; a word it declares is renamed there and in the spec."""
    (project / "words.reform").write_text(
        'vocabulary tier {\n  word regional "Regional offices" { about: "Between ministry and boards"  like: middle }\n}\n',
        encoding="utf-8")
    path = project / "spec.reform"
    text = path.read_text(encoding="utf-8").replace("use lftm\n", 'use lftm\nuse "./words.reform"\n').replace(
        "    tier: middle\n", "    tier: regional\n")
    path.write_text(text, encoding="utf-8")

    async def session_(s: Session) -> None:
        uri = open_doc(s, path, text)
        diags = await s.wait_for(uri, lambda ds: True)
        assert not any(d.severity == lsp.DiagnosticSeverity.Error for d in diags)
        loc = await s.client.text_document_definition_async(lsp.DefinitionParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "./words.reform", 2)))
        assert loc.uri == from_fs_path(str(project / "words.reform"))
        h = await s.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "tier: regional", 8)))
        assert "Between ministry and boards" in h.contents.value and "`middle`" in h.contents.value
        loc = await s.client.text_document_definition_async(lsp.DefinitionParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "tier: regional", 8)))
        assert loc.uri == from_fs_path(str(project / "words.reform")) and loc.range.start.line == 1
        edit = await s.client.text_document_rename_async(lsp.RenameParams(
            lsp.TextDocumentIdentifier(uri), pos(text, "tier: regional", 8), "regions"))
        assert "tier: regions" in apply(text, edit.changes[uri])
        lib_uri = from_fs_path(str(project / "words.reform"))
        assert "word regions" in apply((project / "words.reform").read_text(encoding="utf-8"), edit.changes[lib_uri])
        # A word of the standard library is not renamed.
        with pytest.raises(Exception, match="standard library"):
            await s.client.text_document_rename_async(lsp.RenameParams(
                lsp.TextDocumentIdentifier(uri), pos(text, "tier: top", 7), "summit"))

    start_session(session_)


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    from reformlang.lsp.server import Lines

    lines = Lines(text)
    spans = sorted(((lines.offset(e.range.start), lines.offset(e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def test_without_the_extra_it_says_what_to_install(tmp_path: Path) -> None:
    """`reformlang lsp` without pygls exits 2 with the pip line (a stand-in pygls that cannot import)."""
    import subprocess

    fake = tmp_path / "pygls"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ModuleNotFoundError('No module named pygls', name='pygls')\n")
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('pygls', 'lsprotocol'):\n"
        "            raise ModuleNotFoundError(f'No module named {name}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n")
    import os
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "reformlang", "lsp"], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=60)
    assert r.returncode == 2, r.stderr
    assert "pip install 'reformlang[lsp]'" in r.stderr and "Traceback" not in r.stderr


def test_check_imports_nothing_of_the_editor_tools() -> None:
    """`reformlang check` starts as fast as before: pygls, lsprotocol and Pygments stay unimported."""
    import subprocess

    code = ("import sys\nfrom reformlang.cli.main import main\n"
            "code = main(['check', 'examples/npdl.reform'])\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'pygments')"
            " or m.startswith('reformlang.lsp') or m == 'reformlang.highlight')\n"
            "print(repr(loaded))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stdout + r.stderr


def test_messages_in_the_language_of_the_configuration(project: Path) -> None:
    """`lang = "fr"` in the project's configuration: the editor shows the findings as `check` prints them."""
    (project / "reformlang.toml").write_text('lang = "fr"\n', encoding="utf-8")
    text = (ROOT / "tests/design/contract.reform").read_text(encoding="utf-8").replace(
        "process: co_designed", "process: imposed")

    async def session_(session: Session) -> None:
        uri = open_doc(session, project / "spec.reform", text)
        found = await session.wait_for(uri, lambda ds: any(d.code == "LM008" for d in ds))
        message = next(d.message for d in found if d.code == "LM008")
        assert message.startswith("la réforme est imposée à celles et ceux qui portent le travail")
        assert "\naide\u00a0: " in message  # the label as `check` prints it

    start_session(session_)
