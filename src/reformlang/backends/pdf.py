"""Printing an HTML page to PDF through headless Chromium, as a browser's "Save as PDF" does."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from reformlang.errors import EXIT_USAGE, UserError

# A closed network refuses Chromium's background connections: these flags stop it from trying.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--no-pdf-header-footer")
TIMEOUT = 120


class ChromiumMissing(UserError):
    def __init__(self, what: str) -> None:
        super().__init__(f"{what} needs Chromium to print the page to PDF, and it is not installed",
                         help="install it (`apt-get install chromium`), or write HTML and print it from a browser",
                         exit_code=EXIT_USAGE)


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(html: str, what: str = "the PDF") -> bytes:
    """The page printed to PDF, with the page size its own `@page` rule sets."""
    binary = chromium()
    if binary is None:
        raise ChromiumMissing(what)
    with tempfile.TemporaryDirectory(prefix="reformlang-pdf-") as folder:
        page = Path(folder) / "page.html"
        out = Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        try:
            done = subprocess.run([binary, *FLAGS, f"--user-data-dir={Path(folder) / 'profile'}",
                                   f"--print-to-pdf={out}", page.as_uri()],
                                  capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise UserError(f"Chromium took more than {TIMEOUT} s to print {what}", exit_code=EXIT_USAGE) from None
        except OSError as exc:
            raise UserError(f"cannot run Chromium: {exc.strerror or exc}", exit_code=EXIT_USAGE) from None
        if done.returncode != 0 or not out.is_file():
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise UserError(f"Chromium could not print {what}: {last}", exit_code=EXIT_USAGE)
        return _fixed_dates(out.read_bytes())


def _fixed_dates(pdf: bytes) -> bytes:
    """The PDF with Chromium's creation and modification times written as the epoch, digit for digit, so
    that the same page prints to the same bytes (the cross-reference offsets stay as they were)."""
    import re

    def fixed(m: re.Match) -> bytes:
        digits = re.sub(rb"\d", b"0", m.group(2))
        return m.group(1) + b"19700101" + digits[8:] + b")"

    return re.sub(rb"(/(?:CreationDate|ModDate) ?\(D:)(\d{8}[^)]*)\)", fixed, pdf)
