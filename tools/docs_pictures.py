"""Draw the user guide's pictures (docs/pictures/) from the outline snippets they show.

Each `![…](pictures/NAME.png)` on a page stands right after the yaml block it was drawn
from. This builds that block (a `# fragment` laid over the smallest outline, as the tests
do), renders it with `aligndeck preview` (LibreOffice and poppler), keeps the slides named
in SLIDES side by side, and writes NAME.png with NAME.json beside it: the hash of the
snippet, which tests/test_docs_examples.py compares, so a changed snippet with an old
picture fails the tests. Run from the repository root:

    python tools/docs_pictures.py            # every picture
    python tools/docs_pictures.py loop       # only these
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import docs_snippets
from PIL import Image

SLIDES: dict[str, list[int]] = {
    "reward-model": [2],
    "crawl": [2],
    "dark": [2],
    "loop": [5],
    "table-and-chart": [2, 3],
    "csv-chart": [3],
    "hebrew": [2],
    "own-slides": [4, 5, 6],
}
"""Which slides of each example's deck the picture shows."""
DPI = {1: 80, 2: 56, 3: 48}
"""Resolution by how many slides sit side by side, so each picture is about 1000 px wide."""
GAP = 16


def draw(name: str, block: docs_snippets.Block, folder: Path) -> None:
    for other in docs_snippets.blocks(block.page):
        if other.title:
            (folder / other.title).parent.mkdir(parents=True, exist_ok=True)
            (folder / other.title).write_text(other.text, encoding="utf-8")
    for key, written in docs_snippets.asset_paths(block.outline()):
        if key in {"image", "logo"}:
            docs_snippets.write_image(folder / written)
    (folder / "example.yaml").write_text(block.outline_text(), encoding="utf-8")
    slides = SLIDES[name]
    subprocess.run([sys.executable, "-m", "aligndeck", "preview", "example.yaml", "-o", "shots",
                    "--dpi", str(DPI[len(slides)])], cwd=folder, check=True)
    shots = [Image.open(folder / "shots" / f"slide-{n:02d}.png").convert("RGB") for n in slides]
    width = sum(s.width for s in shots) + GAP * (len(shots) - 1)
    picture = Image.new("RGB", (width, max(s.height for s in shots)), (255, 255, 255))
    x = 0
    for shot in shots:
        picture.paste(shot, (x, 0))
        x += shot.width + GAP
    target = docs_snippets.DOCS / "pictures" / f"{name}.png"
    target.parent.mkdir(exist_ok=True)
    picture.save(target, optimize=True)
    made = {"page": str(block.page.relative_to(docs_snippets.ROOT)), "slides": slides,
            "snippet_sha256": block.digest()}
    target.with_suffix(".json").write_text(json.dumps(made, indent=2) + "\n", encoding="utf-8")
    print(target.relative_to(docs_snippets.ROOT))


def main(names: list[str]) -> None:
    shown = {name: block for page in docs_snippets.pages()
             for name, block in docs_snippets.pictures(page).items()}
    missing = sorted(set(shown) - set(SLIDES))
    if missing:
        raise SystemExit(f"no SLIDES entry for: {', '.join(missing)}")
    for name in names or sorted(shown):
        with tempfile.TemporaryDirectory() as folder:
            draw(name, shown[name], Path(folder))


if __name__ == "__main__":
    main(sys.argv[1:])
