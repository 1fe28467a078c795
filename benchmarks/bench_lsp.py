"""How soon diagnostics arrive after an edit in the language server, beside `reformlang check` of the file.

Builds a spec of about 5,000 lines (the contract's initiative repeated with fresh ids), then:
- runs `reformlang check big.reform` from the command line, as a user would (wall time, and the
  CPU time of the process);
- starts `reformlang lsp`, opens the same file through a real LSP client (pygls's, over stdio), and
  edits one title several times: the time from sending the change to receiving its diagnostics (the
  debounce pause included), and the CPU time the server spent on it.
Prints figures; asserts nothing. Run with `.venv/bin/python benchmarks/bench_lsp.py`.
"""

from __future__ import annotations

import asyncio
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "tests" / "design" / "contract.reform"
TARGET_LINES = 5_000
RUNS = 7


def big_spec() -> str:
    text = CONTRACT.read_text(encoding="utf-8")
    head, _, body = text.partition("initiative ")
    body = "initiative " + body
    name = re.match(r"initiative ([a-z_0-9]+)", body).group(1)
    copies = max(1, round(TARGET_LINES / body.count("\n")))
    return head + "".join(body.replace(f"initiative {name}", f"initiative {name}_{i}", 1) for i in range(copies))


def cpu_of(pid: int) -> float:
    """User plus system CPU seconds of a running process (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_check(path: Path) -> tuple[list[float], list[float]]:
    exe = str(Path(sys.executable).parent / "reformlang")
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([exe, "check", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


async def bench_lsp(path: Path, text: str) -> tuple[list[float], list[float], int]:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient
    from pygls.uris import from_fs_path

    client = LanguageClient("bench", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}
    event = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on(params: lsp.PublishDiagnosticsParams) -> None:
        arrived[params.version] = time.perf_counter()
        counts[params.version] = len(params.diagnostics)
        event.set()

    async def wait(version: int) -> None:
        while version not in arrived:
            event.clear()
            await event.wait()

    await client.start_io(str(Path(sys.executable).parent / "reformlang"), "lsp")
    pid = client._server.pid
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), process_id=None))
    client.initialized(lsp.InitializedParams())
    uri = from_fs_path(str(path))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "reformlang", 1, text)))
    await wait(1)
    walls, cpus = [], []
    for n in range(RUNS):
        version = n + 2
        edited = text.replace('"', f'"Edit {n} ', 1)  # a title changes, as when someone types
        cpu = cpu_of(pid)
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [lsp.TextDocumentContentChangeWholeDocument(edited)]))
        await wait(version)
        walls.append(arrived[version] - sent)
        cpus.append(cpu_of(pid) - cpu)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return walls, cpus, counts[RUNS + 1]


def main() -> None:
    from reformlang.lsp.server import DEBOUNCE

    text = big_spec()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / ".git").mkdir()
        path = Path(tmp) / "big.reform"
        path.write_text(text, encoding="utf-8")
        check_wall, check_cpu = bench_check(path)
        lsp_wall, lsp_cpu, found = asyncio.run(bench_lsp(path, text))
    lines = text.count("\n")
    med = statistics.median
    print(f"spec: {lines:,} lines; {found} diagnostics; {RUNS} runs each, medians (min)")
    print(f"  reformlang check (command line)   wall {med(check_wall):.3f} s ({min(check_wall):.3f})"
          f"   cpu {med(check_cpu):.3f} s ({min(check_cpu):.3f})")
    print(f"  lsp: edit -> diagnostics           wall {med(lsp_wall):.3f} s ({min(lsp_wall):.3f})"
          f"   cpu {med(lsp_cpu):.3f} s ({min(lsp_cpu):.3f})   (wall includes the {DEBOUNCE} s debounce)")
    print(f"  ratio lsp / check                  wall {med(lsp_wall) / med(check_wall):.2f}"
          f"   cpu {med(lsp_cpu) / med(check_cpu):.2f}   (goal: <= 1.00)")


if __name__ == "__main__":
    main()
