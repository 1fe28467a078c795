"""`reformlang lsp`: the language server, speaking LSP over standard input and output."""

from __future__ import annotations

import argparse

EXAMPLE = """examples:
  reformlang lsp                 # started by an editor, not by hand (editors/vscode starts it)

it needs the `lsp` extra: pip install 'reformlang[lsp]'. It reports what
`reformlang check` reports on each open file (with the file's configuration),
as you type; see docs/editors.md.
"""


def register(sub) -> None:
    from reformlang.cli.main import COMMANDS

    p = sub.add_parser("lsp", help=COMMANDS["lsp"],
                       description="Run the reformlang language server over standard input and output: "
                                   "diagnostics as you type, hover, completion, go to definition, references, "
                                   "rename, outline, folding, formatting, code actions and semantic tokens.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--stdio", action="store_true",
                   help="speak over standard input and output (the default and only transport; "
                        "accepted because editors pass it)")
    p.set_defaults(run=run)


def run(args) -> int:
    from reformlang.errors import require

    require("`reformlang lsp`", "pygls", "lsprotocol")
    from reformlang.cli.explain import explanation
    from reformlang.lsp.server import serve

    serve(explanation)
    return 0
