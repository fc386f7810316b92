"""Files the outline points at (images, the logo): kept inside the project, checked whole.

Every path is relative to the outline's folder and must stay inside it: absolute paths,
`..` escapes and symlinks that lead outside are errors unless the user allows them. Each
image is opened and decoded completely before anything is written, so a missing, unreadable,
truncated or oversized file is a located error, never a half-written deck.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from aligndeck.errors import OutlineError, Problem
from aligndeck.files import IMAGE_LIMIT, FileProblem, read_capped
from aligndeck.outline.loader import PathKey, Positions, format_path
from aligndeck.outline.models import Outline

MAX_PIXELS = 50_000_000
"""Images over 50 megapixels are refused before they are decoded (decompression bombs)."""

FORMATS = {"PNG", "JPEG", "GIF"}


@dataclass(frozen=True)
class Asset:
    """An image the deck will show: where it is and its size in pixels."""

    path: Path
    width: int
    height: int
    format: str


def asset_fields(outline: Outline) -> Iterator[tuple[PathKey, str]]:
    """Every field that names a file, with its outline path."""
    if outline.logo:
        yield ("logo",), outline.logo
    for section in ("intro", "extra"):
        for index, slide in enumerate(getattr(outline, section)):
            if slide.image:
                yield (section, index, "image"), slide.image


def resolve_assets(outline: Outline, folder: Path, positions: Positions, *,
                   allow_outside: bool = False) -> dict[str, Asset]:
    """Check and measure every image the outline names, keyed by the text written in the
    outline; raises OutlineError with every problem, each at its field."""
    assets: dict[str, Asset] = {}
    problems: list[Problem] = []
    for source, written in asset_fields(outline):
        try:
            assets[written] = inspect_image(written, folder, allow_outside=allow_outside)
        except ValueError as exc:
            line, column = positions.of_value(source)
            problems.append(Problem(line, column, format_path(source), str(exc)))
    if problems:
        raise OutlineError(problems)
    return assets


def locate(written: str, folder: Path, *, allow_outside: bool = False,
           what: str = "images") -> Path:
    """The file a relative path names, refusing anything that leads out of `folder`
    (`what` names the files in the message: images, CSV files)."""
    looks_absolute = (PurePosixPath(written).is_absolute()
                      or PureWindowsPath(written).is_absolute()
                      or bool(PureWindowsPath(written).drive))
    if looks_absolute and not allow_outside:
        raise ValueError(f"'{written}' is an absolute path; give a path relative to the "
                         "outline's folder (or build with --allow-outside-assets)")
    path = Path(written) if looks_absolute else folder / written
    if not allow_outside:
        root = folder.resolve()
        real = path.resolve()
        if real != root and root not in real.parents:
            via = " through a symbolic link" if ".." not in Path(written).parts else ""
            raise ValueError(f"'{written}' leads outside the outline's folder{via}; keep "
                             f"{what} inside it (or build with --allow-outside-assets)")
    return path


def inspect_image(written: str, folder: Path, *, allow_outside: bool = False) -> Asset:
    """Open and fully decode one image; ValueError says what is wrong, in the user's terms."""
    path = locate(written, folder, allow_outside=allow_outside)
    if path.suffix.lower() == ".svg":
        raise ValueError(f"'{written}': SVG images are not supported; export it as a PNG")
    if not path.exists():
        raise ValueError(f"'{written}': no such file")
    try:
        data = read_capped(path, IMAGE_LIMIT, "image")
    except FileProblem as exc:
        raise ValueError(f"'{written}': {exc}") from None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            kind = image.format or "?"
            if kind not in FORMATS:
                raise ValueError(f"'{written}': a {kind} image; use PNG, JPEG or GIF")
            if width * height > MAX_PIXELS:
                raise ValueError(f"'{written}': {width} x {height} pixels is over 50 "
                                 "megapixels; scale it down")
            image.load()  # decode it all now: a truncated file fails here, not in PowerPoint
    except PermissionError:
        raise ValueError(f"'{written}': cannot be read (permission denied)") from None
    except UnidentifiedImageError:
        raise ValueError(f"'{written}': not an image Pillow can read; use PNG, JPEG or "
                         "GIF") from None
    except Image.DecompressionBombError:
        raise ValueError(f"'{written}': too many pixels to open safely; scale it "
                         "down") from None
    except OSError as exc:
        raise ValueError(f"'{written}': the image is damaged or incomplete ({exc})") from None
    return Asset(path, width, height, kind)
