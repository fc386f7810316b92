"""MkDocs hook: the site's Contributing page is CONTRIBUTING.md itself, so the two never
differ. Its links, written for the repository's root, are turned into the site's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MARK = "<!-- CONTRIBUTING.md -->"


def site_links(text: str) -> str:
    """`docs/x.md` -> `x.md`, `README.md` -> the home page: links as the site has them."""
    text = re.sub(r"\]\(docs/", "](", text)
    return re.sub(r"\]\(README\.md(#[^)]*)?\)", "](index.md)", text)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if MARK not in markdown:
        return markdown
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return markdown.replace(MARK, site_links(contributing))
