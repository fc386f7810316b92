"""Read the examples out of the documentation pages, the way the tests and the picture tool
both need them.

The conventions, which docs/contributing.md explains to writers:

- every ```yaml block is an outline and must build. A block whose first line is
  `# fragment` holds only some keys: they are laid over MINIMAL, the smallest outline that
  builds (top-level keys replace MINIMAL's).
- a block with `title="name"` (```yaml title="talk.yaml"```, ```csv title="data/x.csv"```)
  is also a file, written under that name into the folder where the page's commands run.
- a ```console block holds commands (`$ aligndeck …`, optionally `NAME=value` first) each
  followed by exactly what it prints; the test runs them in that folder and compares.
- a picture `![…](pictures/NAME.png)` right after a yaml block was drawn from that block by
  tools/docs_pictures.py, which stores the block's hash in pictures/NAME.json.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

MINIMAL: dict[str, Any] = {
    "title": "A short talk",
    "stages": [{"name": "Collect", "summary": "Gather the data"}],
}
FRAGMENT = "# fragment"

_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)(?P<attrs>[^\n`]*)\n", re.M)
_TITLE = re.compile(r'title="([^"]+)"')
_PICTURE = re.compile(r"!\[[^\]]*\]\((?:\.\./)*pictures/(?P<name>[\w-]+)\.png\)")


@dataclass(frozen=True)
class Block:
    """One fenced block of a page: where it starts (1-based line), its language, its
    `title=` if any, and its text with the fence's indentation removed."""

    page: Path
    line: int
    lang: str
    title: str | None
    text: str
    end: int
    """Offset in the page just past the closing fence."""

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def is_fragment(self) -> bool:
        return self.text.startswith(FRAGMENT)

    def outline(self) -> dict[str, Any]:
        """The outline this yaml block stands for: itself, or MINIMAL with its keys laid
        over."""
        data = yaml.safe_load(self.text)
        if not self.is_fragment:
            assert isinstance(data, dict), f"{self.where}: not an outline"
            return data
        merged = dict(MINIMAL)
        merged.update(data or {})
        return merged

    def outline_text(self) -> str:
        """The outline as a file: the block itself (so errors keep its lines), or the
        merged fragment."""
        if not self.is_fragment:
            return self.text
        return yaml.safe_dump(self.outline(), allow_unicode=True, sort_keys=False)

    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "notes" not in p.parts)


def blocks(page: Path) -> list[Block]:
    source = page.read_text(encoding="utf-8")
    found = []
    position = 0
    while (match := _FENCE.search(source, position)) is not None:
        indent = match.group("indent")
        close = re.compile(rf"^{re.escape(indent)}```[ \t]*$", re.M)
        end = close.search(source, match.end())
        assert end is not None, f"{page}: a fence opened at offset {match.start()} never closes"
        lines = source[match.end():end.start()].splitlines(keepends=True)
        text = "".join(ln[len(indent):] if ln.startswith(indent) else ln.lstrip() for ln in lines)
        title = _TITLE.search(match.group("attrs"))
        found.append(Block(page, source.count("\n", 0, match.start()) + 1, match.group("lang"),
                           title.group(1) if title else None, text, end.end()))
        position = end.end()
    return found


def pictures(page: Path) -> dict[str, Block]:
    """Each picture in pictures/ that the page shows, with the yaml block right before it."""
    source = page.read_text(encoding="utf-8")
    found: dict[str, Block] = {}
    outlines = [b for b in blocks(page) if b.lang == "yaml"]
    for match in _PICTURE.finditer(source):
        before = [b for b in outlines if b.end <= match.start()]
        assert before, f"{page}: picture {match.group('name')} follows no yaml block"
        found[match.group("name")] = before[-1]
    return found


def asset_paths(outline: Any, key: str | None = None) -> list[tuple[str, str]]:
    """Every (key, path) of an image, logo, template or CSV file the outline names."""
    found: list[tuple[str, str]] = []
    if isinstance(outline, dict):
        for name, value in outline.items():
            found += asset_paths(value, name)
    elif isinstance(outline, list):
        for item in outline:
            found += asset_paths(item, key)
    elif isinstance(outline, str) and key in {"image", "logo", "template", "csv"}:
        found.append((key, outline))
    return found


def write_image(path: Path) -> None:
    """A plain picture for an example that names one: 1280 x 720, so it is never
    enlarged (which would warn)."""
    from PIL import Image, ImageDraw

    path.parent.mkdir(parents=True, exist_ok=True)
    picture = Image.new("RGB", (1280, 720), (241, 244, 248))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((80, 80, 1200, 640), outline=(26, 95, 180), width=12)
    draw.line((80, 640, 640, 200, 1200, 640), fill=(14, 124, 134), width=12)
    picture.save(path)
