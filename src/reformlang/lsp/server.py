"""`reformlang lsp`: the language server, over stdio, on pygls.

Each request is answered from `document` (offsets into the text); this module
only speaks the protocol: it turns offsets into LSP positions (UTF-16 code
units, the protocol's default), debounces analysis while the user types, and
publishes diagnostics. A failure inside a request is logged to the editor as a
bug in reformlang with the file it happened on, and the server carries on.
"""

from __future__ import annotations

import asyncio
import bisect
import functools
import logging
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from reformlang import __version__, i18n
from reformlang.diagnostics import Diagnostic, Severity
from reformlang.lsp import document as doc
from reformlang.source import Span

# How long typing must pause before a file is analysed again: long enough to skip the keystrokes
# of a word, short enough that diagnostics still feel immediate (benchmarks/README.md).
DEBOUNCE = 0.1

EXPLAIN = "reformlang.explain"
SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
            Severity.INFO: lsp.DiagnosticSeverity.Information}
SYMBOL_KIND = {"initiative": lsp.SymbolKind.Module, "level": lsp.SymbolKind.Class, "priority": lsp.SymbolKind.Namespace,
               "indicator": lsp.SymbolKind.Number, "strategy": lsp.SymbolKind.Function,
               "network": lsp.SymbolKind.Interface, "funding": lsp.SymbolKind.Constant, "link": lsp.SymbolKind.Event,
               "phase": lsp.SymbolKind.EnumMember, "rollout": lsp.SymbolKind.Enum,
               "vocabulary": lsp.SymbolKind.Enum, "word": lsp.SymbolKind.EnumMember,
               "framework": lsp.SymbolKind.Module, "principle": lsp.SymbolKind.Property}
COMPLETION_KIND = {"block": lsp.CompletionItemKind.Keyword, "attribute": lsp.CompletionItemKind.Property,
                   "word": lsp.CompletionItemKind.EnumMember, "id": lsp.CompletionItemKind.Reference,
                   "framework": lsp.CompletionItemKind.Module, "code": lsp.CompletionItemKind.Constant}

log = logging.getLogger("reformlang.lsp")


class Lines:
    """Offsets (characters) to LSP positions (line, UTF-16 units) and back, for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        i = text.find("\n")
        while i != -1:
            self.starts.append(i + 1)
            i = text.find("\n", i + 1)

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        chunk = self.text[self.starts[line]:offset]
        return lsp.Position(line, len(chunk) + sum(1 for c in chunk if ord(c) > 0xFFFF))

    def offset(self, pos: lsp.Position) -> int:
        if pos.line >= len(self.starts):
            return len(self.text)
        start = self.starts[pos.line]
        end = self.starts[pos.line + 1] - 1 if pos.line + 1 < len(self.starts) else len(self.text)
        units = 0
        for i in range(start, end):
            if units >= pos.character:
                return i
            units += 2 if ord(self.text[i]) > 0xFFFF else 1
        return end

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(self.position(start), self.position(end))


@functools.lru_cache(maxsize=8)
def lines_of(text: str) -> Lines:
    """The line index of a text, kept for the few texts in use (an open file, the files it uses)."""
    return Lines(text)


def _span_range(span: Span) -> lsp.Range:
    return lines_of(span.source.text).range(span.start, span.end)


class ReformServer(LanguageServer):
    def __init__(self, explain: Callable[[str], str | None]) -> None:
        super().__init__("reformlang", __version__)
        self.explain = explain
        self.analyses: dict[str, doc.Analysis] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self._rules: list | None = None
        self._library = None

    # -- what every answer needs
    def rules(self) -> list:
        if self._rules is None:
            from reformlang.checks import all_rules

            self._rules = all_rules()
        return self._rules

    def core_library(self):
        if self._library is None:
            from reformlang.driver import core_library

            self._library = core_library()
        return self._library

    def text(self, uri: str) -> str:
        return self.workspace.get_text_document(uri).source

    def current(self, uri: str) -> doc.Analysis:
        """The analysis of the text as it is now (its index may be the last good one)."""
        text = self.text(uri)
        a = self.analyses.get(uri)
        if a is None or a.source.text != text:
            a = self.analyse(uri)
        return a

    def analyse(self, uri: str) -> doc.Analysis:
        path = to_fs_path(uri) or uri
        a = doc.analyse(path, self.text(uri), self.analyses.get(uri))
        self.analyses[uri] = a
        return a

    def publish(self, uri: str, a: doc.Analysis, version: int | None = None) -> None:
        lines = lines_of(a.source.text)
        out = [self.diagnostic(d, a, lines) for d in a.diagnostics
               if d.span is None and (d.path in (None, a.source.path)) or
               d.span is not None and d.span.source.path == a.source.path]
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, out, version))

    def diagnostic(self, d: Diagnostic, a: doc.Analysis, lines: Lines | None = None) -> lsp.Diagnostic:
        lines = lines or lines_of(a.source.text)
        rng = lines.range(d.span.start, d.span.end) if d.span is not None else lines.range(0, 0)
        with i18n.language(a.lang):
            message = i18n._(d.message) + (f" [{d.principle}]" if d.principle else "")
            if d.help:
                message += f"\n{i18n._('help')}{i18n.colon()}{i18n._(d.help)}"
            related = [lsp.DiagnosticRelatedInformation(lsp.Location(_uri(r.span.source.path), _span_range(r.span)),
                                                        i18n._(r.message)) for r in d.related if r.span is not None]
        from reformlang.links import code_url

        return lsp.Diagnostic(rng, message, SEVERITY[d.severity], d.code,
                              lsp.CodeDescription(code_url(d.code)), "reformlang", related_information=related or None,
                              data={"principle": d.principle} if d.principle else None)


def _uri(path: str) -> str:
    return from_fs_path(doc.library_path(path) if path.startswith("<stdlib>/") else str(Path(path).resolve()))


def build(explain: Callable[[str], str | None]) -> ReformServer:
    server = ReformServer(explain)

    def guarded(handler):
        """A request that fails is a bug in reformlang: log it with the file, answer nothing, carry on."""
        def run(ls: ReformServer, params):
            try:
                return handler(ls, params)
            except JsonRpcException:
                raise  # an answer for the user (e.g. why this cannot be renamed)
            except Exception as exc:  # noqa: BLE001 - the server must outlive a bug in one request
                uri = getattr(getattr(params, "text_document", None), "uri", "?")
                ls.window_log_message(lsp.LogMessageParams(
                    lsp.MessageType.Error,
                    f"internal error in reformlang on {uri}: {type(exc).__name__}: {exc}; please report it"))
                return None
        run.__name__ = handler.__name__
        return run

    async def analyse_later(ls: ReformServer, uri: str, version: int | None, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            a = ls.analyse(uri)
            ls.publish(uri, a, version)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001
            ls.window_log_message(lsp.LogMessageParams(
                lsp.MessageType.Error, f"internal error in reformlang while checking {uri}: "
                                       f"{type(exc).__name__}: {exc}; please report it with the file"))

    def schedule(ls: ReformServer, uri: str, version: int | None, delay: float) -> None:
        if version is None:  # checked again for another file's sake: the text is the version the editor has
            version = ls.workspace.get_text_document(uri).version
        old = ls.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        ls.pending[uri] = asyncio.ensure_future(analyse_later(ls, uri, version, delay))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ReformServer, params: lsp.DidOpenTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, params.text_document.version, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ReformServer, params: lsp.DidChangeTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, params.text_document.version, DEBOUNCE)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ReformServer, params: lsp.DidSaveTextDocumentParams) -> None:
        # A saved library file changes what the other open specs see: check them again.
        for uri in list(ls.analyses):
            schedule(ls, uri, None, DEBOUNCE if uri == params.text_document.uri else 0)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: ReformServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        # A library file changed on disk (the editor watches **/*.reform): the specs that use it see it anew.
        for uri in list(ls.analyses):
            schedule(ls, uri, None, DEBOUNCE)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ReformServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.analyses.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    @guarded
    def hover(ls: ReformServer, params: lsp.HoverParams) -> lsp.Hover | None:
        a = ls.current(params.text_document.uri)
        lines = lines_of(a.source.text)
        found = doc.hover(a, lines.offset(params.position), ls.explain)
        if found is None:
            return None
        text, start, end = found
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text), lines.range(start, end))

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                    lsp.CompletionOptions(trigger_characters=[":", " ", "[", ",", "\""]))
    @guarded
    def completion(ls: ReformServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        a = ls.current(params.text_document.uri)
        offset = lines_of(a.source.text).offset(params.position)
        from reformlang.driver import loader

        items = doc.complete(a, offset, ls.rules(), loader().stdlib_frameworks(), a.library or ls.core_library())
        return lsp.CompletionList(False, [
            lsp.CompletionItem(i.label, kind=COMPLETION_KIND[i.kind], detail=i.detail or None,
                               documentation=lsp.MarkupContent(lsp.MarkupKind.Markdown, i.doc) if i.doc else None,
                               insert_text=i.insert)
            for i in items])

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    @guarded
    def definition(ls: ReformServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        a = ls.current(params.text_document.uri)
        found = doc.definition(a, lines_of(a.source.text).offset(params.position))
        if found is None:
            return None
        path, span = found
        if span is None:
            return lsp.Location(_uri(path), lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)))
        uri = params.text_document.uri if path == a.source.path else _uri(path)
        return lsp.Location(uri, _span_range(span))

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    @guarded
    def references(ls: ReformServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        a = ls.current(params.text_document.uri)
        places = doc.references(a, lines_of(a.source.text).offset(params.position), params.context.include_declaration)
        return [lsp.Location(params.text_document.uri, _span_range(s)) for _, s in places]

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    @guarded
    def prepare_rename(ls: ReformServer, params: lsp.PrepareRenameParams):
        a = ls.current(params.text_document.uri)
        lines = lines_of(a.source.text)
        found = doc.find(a, lines.offset(params.position))
        if found is None or found.what not in ("decl", "ref", "word"):
            return None
        return lines.range(found.start, found.end)

    @server.feature(lsp.TEXT_DOCUMENT_RENAME, lsp.RenameOptions(prepare_provider=True))
    @guarded
    def rename(ls: ReformServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        a = ls.current(params.text_document.uri)
        result = doc.rename(a, lines_of(a.source.text).offset(params.position), params.new_name)
        if isinstance(result, str):
            raise JsonRpcInvalidParams(result)
        changes = {}
        for path, edits in result.items():
            uri = params.text_document.uri if path == a.source.path else _uri(path)
            changes[uri] = [lsp.TextEdit(_span_range(s), new) for s, new in sorted(edits, key=lambda e: e[0].start)]
        return lsp.WorkspaceEdit(changes=changes)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded
    def symbols(ls: ReformServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        a = ls.current(params.text_document.uri)
        if a.index is None:
            return []
        lines = lines_of(a.source.text)

        def convert(s: doc.Symbol) -> lsp.DocumentSymbol:
            full = lines.range(s.span.start, s.span.end)
            sel = lines.range(s.selection.start, s.selection.end)
            return lsp.DocumentSymbol(s.name, SYMBOL_KIND.get(s.keyword, lsp.SymbolKind.Object), full, sel,
                                      detail=s.detail, children=[convert(c) for c in s.children])

        return [convert(s) for s in doc.outline(a.index.tree)] if a.parsed else []

    @server.feature(lsp.TEXT_DOCUMENT_FOLDING_RANGE)
    @guarded
    def folding(ls: ReformServer, params: lsp.FoldingRangeParams) -> list[lsp.FoldingRange]:
        a = ls.current(params.text_document.uri)
        tree = a.index.tree if a.parsed and a.index else None
        return [lsp.FoldingRange(first, last, kind=lsp.FoldingRangeKind.Comment if kind == "comment" else
                                 lsp.FoldingRangeKind.Region)
                for first, last, kind in doc.folding(a.source.text, tree)]

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    @guarded
    def formatting(ls: ReformServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit] | None:
        from reformlang.diagnostics import Sink
        from reformlang.format import format_source
        from reformlang.source import SourceFile

        text = ls.text(params.text_document.uri)
        out = format_source(SourceFile(to_fs_path(params.text_document.uri) or "", text), Sink())
        if out is None or out == text:
            return [] if out is not None else None  # text that does not parse is left as it is
        lines = Lines(text)
        return [lsp.TextEdit(lines.range(0, len(text)), out)]

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL,
                    lsp.SemanticTokensLegend(doc.TOKEN_TYPES, doc.TOKEN_MODIFIERS))
    @guarded
    def semantic_tokens(ls: ReformServer, params: lsp.SemanticTokensParams) -> lsp.SemanticTokens:
        a = ls.current(params.text_document.uri)
        lines = lines_of(a.source.text)
        data: list[int] = []
        prev_line = prev_col = 0
        for start, end, kind, mods in doc.semantic_tokens(a):
            p = lines.position(start)
            length = lines.position(end).character - p.character if lines.position(end).line == p.line else \
                len(a.source.text[start:end].split("\n")[0])
            delta_line = p.line - prev_line
            delta_col = p.character - prev_col if delta_line == 0 else p.character
            data += [delta_line, delta_col, length, doc.TOKEN_TYPES.index(kind), mods]
            prev_line, prev_col = p.line, p.character
        return lsp.SemanticTokens(data)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    @guarded
    def code_actions(ls: ReformServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        a = ls.current(uri)
        lines = lines_of(a.source.text)
        lo, hi = lines.offset(params.range.start), lines.offset(params.range.end)
        out: list[lsp.CodeAction] = []
        explained: set[str] = set()
        for d in a.diagnostics:
            if d.span is None or d.span.source.path != a.source.path or d.span.end < lo or d.span.start > hi:
                continue
            shown = [ls.diagnostic(d, a, lines)]
            fix = getattr(d, "fix", None)  # findings carry fixes where one exists (`check --fix`)
            if fix is not None and fix.edits:
                edits = [lsp.TextEdit(lines.range(e.span.start, e.span.end), e.content) for e in fix.edits]
                safe = getattr(fix, "is_safe", True)
                with i18n.language(a.lang):
                    title = i18n._(fix.message) if safe else i18n._(
                        "%(fix)s (unsafe: check it says what you mean)") % {"fix": i18n._(fix.message)}
                out.append(lsp.CodeAction(title,
                                          kind=lsp.CodeActionKind.QuickFix, diagnostics=shown,
                                          is_preferred=bool(safe), edit=lsp.WorkspaceEdit(changes={uri: edits})))
            insert = doc.suppression_edit(a.source.text, d)
            if insert is not None:
                at, text = insert
                out.append(lsp.CodeAction(
                    f"Suppress {d.code} on this line (write the reason after `--`)", kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=shown,
                    edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lines.range(at, at), text)]})))
            if d.principle and d.principle not in explained:
                explained.add(d.principle)
                out.append(lsp.CodeAction(f"Explain {d.principle}", kind=lsp.CodeActionKind.QuickFix,
                                          diagnostics=shown,
                                          command=lsp.Command(f"Explain {d.principle}", EXPLAIN,
                                                              arguments=[d.principle])))
        return out

    @server.command(EXPLAIN)
    def explain(ls: ReformServer, *args) -> str | None:
        """Show `reformlang explain ID` in the editor; returns the text."""
        wanted = args[0] if args and isinstance(args[0], str) else (args[0][0] if args and args[0] else "")
        text = ls.explain(str(wanted))
        if text is None:
            text = f"no rule, principle or framework `{wanted}`"
        ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Info, text))
        return text

    return server


def serve(explain: Callable[[str], str | None]) -> None:
    build(explain).start_io()
