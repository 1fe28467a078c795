"""mkdocs hooks for the docs site (mkdocs.yml `hooks:`).

The pages in docs/ link to files beside them in the repository (`../examples/npdl.reform`,
`../benchmarks/README.md`), which GitHub shows and the site does not hold: on the site those
links go to the file in the repository (`repo_url`), so that they work in both places and
`mkdocs build --strict` has nothing to warn about.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

_LINK = re.compile(r"\]\((?P<target>\.\./[^)\s#]+)(?P<anchor>#[^)\s]*)?\)")


def on_page_markdown(markdown, page, config, files):
    repo = config.get("repo_url")
    if not repo:
        return markdown
    root = Path(config["config_file_path"]).resolve().parent
    docs = Path(config["docs_dir"]).resolve().relative_to(root).as_posix()
    page_dir = posixpath.dirname(posixpath.join(docs, page.file.src_uri))

    def outside(m: re.Match) -> str:
        path = posixpath.normpath(posixpath.join(page_dir, m.group("target")))
        if path.startswith(".."):
            return m.group(0)  # outside the repository: leave it for mkdocs to report
        kind = "tree" if (root / path).is_dir() else "blob"
        return f"]({repo.rstrip('/')}/{kind}/main/{path}{m.group('anchor') or ''})"

    return _LINK.sub(outside, markdown)
