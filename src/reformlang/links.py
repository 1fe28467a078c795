"""Where reformlang's documentation lives on the web: one base URL, one anchor per code.

The docs site is built with mkdocs from docs/ (`mkdocs.yml` at the repository
root); its `site_url` must equal SITE_URL (a test holds them together), so
that every `helpUri` in SARIF and every link in a report points at a page
that exists. Pages keep mkdocs' directory URLs: docs/rules.md is
`SITE_URL + "rules/"`; each rule, error and suppression code has an anchor
of its own, the code in lower case (`rules/#lm002`, `errors/#e101`).
"""

from __future__ import annotations

SITE_URL = "https://reformlang.github.io/reformlang/"


def page_url(page: str, anchor: str | None = None) -> str:
    """The URL of a page of docs/ (`page` as its file name without `.md`), at an anchor."""
    return f"{SITE_URL}{page}/" + (f"#{anchor}" if anchor else "")


def code_url(code: str) -> str:
    """The documentation of a rule (`LM002`), a language error (`E101`) or a suppression problem (`S002`)."""
    anchor = code.lower()
    if code[:1] == "E" and code[1:].isdigit():
        return page_url("errors", anchor)
    if code[:1] == "S" and code[1:].isdigit():
        return page_url("ci", anchor)
    return page_url("rules", anchor)
