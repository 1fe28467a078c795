"""The language server (`reformlang lsp`): what an editor asks, answered from the compiler's own stages.

`document` reads one open file the way `reformlang check` does (driver,
linter) and indexes what the editor asks about: where each id is declared
and used, which vocabulary word stands where, what the cursor sits in. It
is plain Python, with offsets into the text. `server` speaks LSP over stdio
with pygls (the `lsp` extra) and converts offsets to LSP positions; only
`reformlang lsp` imports it.
"""
