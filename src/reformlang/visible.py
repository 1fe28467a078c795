"""Characters that must not reach a reader raw: control characters and bidirectional controls.

A spec's strings may hold any Unicode, which includes the escape sequences
that recolour, move or retitle a terminal, and the bidirectional overrides
(U+202E and kin, "Trojan Source") that make text read differently from what
it holds. Every place a spec's text is shown to a person (the terminal
report, GitHub annotations, plans, diagrams) passes it through `visible`,
which writes such a character as its escape, `\\x1b` or `\\u202e`: seen, and
harmless.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; the bidirectional embeddings, overrides and isolates, and the
# marks that steer them; the line and paragraph separators some terminals and viewers break lines at.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every control and bidirectional character written as its escape, except those in
    `keep` (e.g. "\\n" where line breaks are meant)."""
    if not _UNSAFE.search(text):
        return text
    if keep:
        return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _UNSAFE.sub(_escape, text)


def is_visible(text: str) -> bool:
    """Does `text` hold no character that `visible` would escape?"""
    return _UNSAFE.search(text) is None
