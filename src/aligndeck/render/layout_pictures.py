"""A template's pictures as the page can show them: `data:` addresses, scaled down when
far finer than their place on the slide, in a format browsers read."""

from __future__ import annotations

import base64
import io

from aligndeck.render.emf import EmfError, emf_to_svg
from aligndeck.render.layout_geometry import Box

PICTURE_PX_PER_PT = 1.5
"""Pictures larger than this many pixels per point of their place on the slide are scaled
down (a full-slide photo to 1440 px across a 13.3 in slide): sharp on a full-HD screen,
without carrying a 4 MB photo into every slide of the page."""
_KEEP = 300_000
"""Pictures smaller than this many bytes are kept as they are."""
_EMF = {"image/x-emf", "image/emf"}
_BROWSER = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}


def browser_picture(blob: bytes, kind: str, box: Box) -> tuple[str, tuple[int, int]] | None:
    """A picture as a data: address a browser shows, and its size in pixels; scaled down
    when it is far finer than its place on the slide needs. None for a picture neither a
    browser nor Pillow can read (WMF; an EMF that draws nothing render/emf.py follows)."""
    from PIL import Image

    if kind == "image/svg+xml":
        return f"data:{kind};base64,{base64.b64encode(blob).decode('ascii')}", (100, 100)
    if kind in _EMF:
        # Vector logos saved from Office: drawn as SVG (render/emf.py).
        try:
            drawn = emf_to_svg(blob)
        except EmfError:
            return None
        if drawn is None:
            return None
        svg, pixels = drawn
        return "data:image/svg+xml;base64," + \
            base64.b64encode(svg.encode("utf-8")).decode("ascii"), pixels
    try:
        image: Image.Image = Image.open(io.BytesIO(blob))
        size = image.size
    except Exception:  # a format Pillow cannot read: the browser cannot either
        return None
    wanted = (max(1, round(box[2] * PICTURE_PX_PER_PT)),
              max(1, round(box[3] * PICTURE_PX_PER_PT)))
    too_fine = size[0] > 1.25 * wanted[0] and size[1] > 1.25 * wanted[1]
    if kind in _BROWSER and (len(blob) <= _KEEP or not too_fine):
        return f"data:{kind};base64,{base64.b64encode(blob).decode('ascii')}", size
    try:
        if too_fine:
            scale = max(wanted[0] / size[0], wanted[1] / size[1])
            small = (round(size[0] * scale), round(size[1] * scale))
            image.draft("RGB", small)
            image = image.resize((max(1, round(size[0] * scale)),
                                  max(1, round(size[1] * scale))), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if image.mode in {"RGBA", "LA", "P"} or "transparency" in image.info:
            image.convert("RGBA").save(buffer, "PNG", optimize=True)
            mime = "image/png"
        else:
            image.convert("RGB").save(buffer, "JPEG", quality=82)
            mime = "image/jpeg"
    except Exception:
        return None
    return f"data:{mime};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}", \
        image.size
