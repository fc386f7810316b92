"""The baseline: the same content written with plain python-pptx, the way most scripts do it.

    python bench/plain_pptx.py CONTENT.json OUT.pptx

CONTENT.json is written by bench/run.py: {"title", "subtitle", "slides": [{"title",
"points", "notes"}]}. The first slide uses the template's title layout (title + subtitle),
every other slide its "Title and Content" layout: the title in the title placeholder, one
paragraph per bullet in the body placeholder, and the notes in the notes slide. Nothing is
tuned: this is the straightforward script the benchmark compares aligndeck with.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pptx import Presentation


def build(content: dict, out: Path) -> int:
    presentation = Presentation()
    title_layout, content_layout = presentation.slide_layouts[0], presentation.slide_layouts[1]
    for index, spec in enumerate(content["slides"]):
        if index == 0:
            slide = presentation.slides.add_slide(title_layout)
            slide.shapes.title.text = spec["title"]
            slide.placeholders[1].text = "\n".join(spec["points"])
        else:
            slide = presentation.slides.add_slide(content_layout)
            slide.shapes.title.text = spec["title"]
            body = slide.placeholders[1].text_frame
            for number, point in enumerate(spec["points"]):
                paragraph = body.paragraphs[0] if number == 0 else body.add_paragraph()
                paragraph.text = point
        slide.notes_slide.notes_text_frame.text = spec["notes"]
    presentation.save(str(out))
    return len(content["slides"])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python bench/plain_pptx.py CONTENT.json OUT.pptx", file=sys.stderr)
        return 2
    content = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    build(content, Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
