"""The floor: a fresh Python process that only zips the parts of a finished deck.

    python bench/zip_floor.py PARTS.json OUT.pptx

PARTS.json is written by bench/run.py from aligndeck's own deck at the same size: the
folder the parts were unpacked into and their names in the deck's order. This script reads
them and writes them into a zip the way aligndeck does (deflate, level 6). No deck tool can
do less than this: start Python, and compress the same XML.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python bench/zip_floor.py PARTS.json OUT.pptx", file=sys.stderr)
        return 2
    listing = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    folder = Path(listing["folder"])
    with zipfile.ZipFile(argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
        for name in listing["names"]:
            archive.writestr(name, (folder / name).read_bytes(), compresslevel=6)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
