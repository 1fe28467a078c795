"""A Pygments lexer for reformlang specs, registered as the `reformlang` (and `reform`) lexer.

Pygments finds it through the `pygments.lexers` entry point (pyproject.toml),
so the docs site, `pygmentize -l reformlang` and renderers built on Pygments
colour ```reform blocks and .reform files. The block keywords come from the
schema, like everything else that names them; the token shapes are those of
the language's tokenizer (syntax/tokens.py). Only Pygments users import this.
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

from reformlang.semantics.schema import BLOCKS, LIBRARY

_NAME = r"[a-z_][a-z0-9_]*"
_NUMBER = r"[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?"


class ReformLexer(RegexLexer):
    name = "reformlang"
    aliases = ["reformlang", "reform"]
    filenames = ["*.reform"]
    mimetypes = ["text/x-reformlang"]
    url = "https://reformlang.github.io/reformlang/"

    tokens = {
        "root": [
            (r"[ \t\f\r\n]+", Whitespace),
            (r"#\s*reformlang\s*:[^\n]*", Comment.Special),  # a suppression
            (r"#[^\n]*", Comment.Single),
            (r'"', String.Double, "string"),
            (rf"(use)(\s+)({_NAME})", bygroups(Keyword.Namespace, Whitespace, Name.Namespace)),
            (r"use\b", Keyword.Namespace),
            (rf"(link)(\s+)({_NAME})(\s*)(<->|->)(\s*)({_NAME})",
             bygroups(Keyword, Whitespace, Name.Variable, Whitespace, Operator, Whitespace, Name.Variable)),
            (rf"({_NAME})(\s*)(:)", bygroups(Name.Attribute, Whitespace, Punctuation)),
            (words(tuple(sorted({*BLOCKS, *LIBRARY}, key=len, reverse=True)), suffix=rf"(?=\s+{_NAME}|\s*[{{\"])"),
             Keyword.Declaration),
            (rf"({_NUMBER})(%)", bygroups(Number, Number)),  # a percentage
            (rf"({_NUMBER})(\s+)([A-Z][A-Za-z0-9_]*)", bygroups(Number, Whitespace, Keyword.Type)),  # money
            (rf"{_NUMBER}", Number),
            (r"\b(in|by)\b(?=\s+[0-9])", Operator.Word),
            (r"\.\.\.", Text),  # an elision, as the documentation writes `{ ... }`; not part of the language
            (r"\.\.|<->|->", Operator),
            (_NAME, Name),
            (r"[A-Z][A-Za-z0-9_]*", Keyword.Type),
            (r"[{}\[\],:]", Punctuation),
        ],
        "string": [
            (r'\\["\\nt]', String.Escape),
            (r'\\u\{[0-9A-Fa-f]{1,6}\}', String.Escape),
            (r'[^"\\\n]+', String.Double),
            (r'"', String.Double, "#pop"),
            (r"\n", Text, "#pop"),  # a string left open ends at the line (the compiler says E003)
        ],
    }
