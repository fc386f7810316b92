"""An EMF picture (a template's logo) as an SVG document a browser shows.

No browser draws EMF, and Pillow reads only its embedded bitmaps on Windows. Template
logos saved from Office are mostly vector EMFs: paths of lines and Béziers filled with
solid brushes and drawn with solid pens. This reads that subset of the format (MS-EMF
2.3): polygons, polylines and Béziers (32- and 16-bit points), path brackets, solid brushes
and pens (stock ones too), fill mode, the window and viewport mapping, the world transform,
saved states, rectangles and ellipses, and device-independent bitmaps (`STRETCHDIBITS`).
Text, clipping, hatches, pattern brushes and raster operations are left out; a file with
none of what this draws, or one it cannot read, gives None (the layout names it as left out).
Pure and bounded: a hostile file costs at most MAX_RECORDS records.
"""

from __future__ import annotations

import base64
import io
import math
import struct
from dataclasses import dataclass, field, replace

MAX_RECORDS = 200_000
MAX_BYTES = 16_000_000
_SIGNATURE = 0x464D4520  # " EMF"

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_Pen = tuple[str, float] | None
_STOCK_BRUSHES: dict[int, str | None] = {
    0x80000000: "#FFFFFF", 0x80000001: "#C0C0C0", 0x80000002: "#808080",
    0x80000003: "#404040", 0x80000004: "#000000", 0x80000005: None}
_STOCK_PENS: dict[int, _Pen] = {
    0x80000006: ("#FFFFFF", 0.0), 0x80000007: ("#000000", 0.0), 0x80000008: None}


class EmfError(ValueError):
    """The file is not an EMF this reader can follow."""


@dataclass(frozen=True)
class _State:
    brush: str | None = "#FFFFFF"
    pen: _Pen = ("#000000", 0.0)
    """Colour and width in logical units (0: one device pixel)."""
    winding: bool = False
    mapped: bool = False
    window: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)
    """Origin x, y and extent x, y."""
    viewport: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)
    world: _Matrix = _IDENTITY


@dataclass
class _Reader:
    state: _State = field(default_factory=_State)
    saved: list[_State] = field(default_factory=list)
    brushes: dict[int, str | None] = field(default_factory=lambda: dict(_STOCK_BRUSHES))
    pens: dict[int, _Pen] = field(default_factory=lambda: dict(_STOCK_PENS))
    out: list[str] = field(default_factory=list)
    path: list[str] | None = None
    here: tuple[float, float] = (0.0, 0.0)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Logical to device coordinates: the world transform, then window to viewport."""
        a, b, c, d, e, f = self.state.world
        x, y = x * a + y * c + e, x * b + y * d + f
        if self.state.mapped:
            wx, wy, wcx, wcy = self.state.window
            vx, vy, vcx, vcy = self.state.viewport
            x = (x - wx) * vcx / (wcx or 1.0) + vx
            y = (y - wy) * vcy / (wcy or 1.0) + vy
        return x, y

    def scale(self) -> float:
        a, b, c, d, _, _ = self.state.world
        factor: float = math.sqrt(abs(a * d - b * c))
        if self.state.mapped:
            factor *= abs(self.state.viewport[2] / (self.state.window[2] or 1.0))
        return factor

    def paint(self, data: str, fill: bool, stroke: bool) -> None:
        brush = self.state.brush if fill else None
        pen = self.state.pen if stroke else None
        if not data or (brush is None and pen is None):
            return
        attrs = f'fill="{brush}"' if brush else 'fill="none"'
        if brush and not self.state.winding:
            attrs += ' fill-rule="evenodd"'
        if pen is not None:
            width = max(pen[1] * self.scale(), 1.0)
            attrs += f' stroke="{pen[0]}" stroke-width="{_n(width)}" stroke-linejoin="round"'
        self.out.append(f'<path d="{data}" {attrs}/>')

    def segment(self, command: str, points: list[tuple[float, float]]) -> str:
        mapped = [self.point(x, y) for x, y in points]
        if mapped:
            self.here = points[-1]
        return command + " ".join(f"{_n(x)},{_n(y)}" for x, y in mapped)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _colour(value: int) -> str:
    red, green, blue = value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF
    return f"#{red:02X}{green:02X}{blue:02X}"


def _points(data: bytes, offset: int, count: int, small: bool) -> list[tuple[float, float]]:
    fmt = "<h" if small else "<i"
    size = 2 if small else 4
    if count < 0 or offset + count * 2 * size > len(data):
        raise EmfError("points past the record")
    values = [struct.unpack_from(fmt, data, offset + i * size)[0] for i in range(count * 2)]
    return [(float(values[i]), float(values[i + 1])) for i in range(0, len(values), 2)]


def _multiply(m: _Matrix, n: _Matrix) -> _Matrix:
    """m applied first, then n."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _bitmap(record: bytes, reader: _Reader) -> None:
    """EMR_STRETCHDIBITS: the bitmap as a PNG `<image>` over its destination."""
    from PIL import Image

    x, y, _, _, _, _, off_bmi, cb_bmi, off_bits, cb_bits = struct.unpack_from("<10i", record,
                                                                               24)
    cx, cy = struct.unpack_from("<2i", record, 72)
    if min(off_bmi, cb_bmi, off_bits, cb_bits) < 0 or off_bits + cb_bits > len(record):
        raise EmfError("bitmap past the record")
    header = struct.pack("<2sIHHI", b"BM", 14 + cb_bmi + cb_bits, 0, 0, 14 + cb_bmi)
    dib = record[off_bmi:off_bmi + cb_bmi] + record[off_bits:off_bits + cb_bits]
    try:
        with Image.open(io.BytesIO(header + dib)) as image:
            buffer = io.BytesIO()
            image.save(buffer, "PNG")
    except Exception as error:  # Pillow raises many kinds on a bad bitmap
        raise EmfError("an unreadable bitmap") from error
    (x0, y0), (x1, y1) = reader.point(x, y), reader.point(x + cx, y + cy)
    url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    reader.out.append(f'<image x="{_n(min(x0, x1))}" y="{_n(min(y0, y1))}" '
                      f'width="{_n(abs(x1 - x0))}" height="{_n(abs(y1 - y0))}" '
                      f'preserveAspectRatio="none" href="{url}"/>')


_POLY = {2: ("C", False, False), 3: ("L", True, False), 4: ("L", False, False),
         5: ("C", False, True), 6: ("L", False, True),
         85: ("C", False, False), 86: ("L", True, False), 87: ("L", False, False),
         88: ("C", False, True), 89: ("L", False, True)}
"""Poly records: (SVG command, closed, continues from the current position)."""


def _poly(kind: int, record: bytes, reader: _Reader) -> None:
    command, closed, onward = _POLY[kind]
    (count,) = struct.unpack_from("<i", record, 24)
    points = _points(record, 28, count, kind >= 85)
    if not points:
        return
    if onward:
        start = reader.segment("M", [reader.here])
        data = reader.segment(command, points)
        if reader.path is not None:
            reader.path.append(data)
        else:
            reader.paint(start + data, fill=False, stroke=True)
        return
    data = reader.segment("M", points[:1]) + reader.segment(command, points[1:]) + \
        ("Z" if closed else "")
    if reader.path is not None:
        reader.path.append(data)
    else:
        reader.paint(data, fill=closed, stroke=True)


def _polypoly(kind: int, record: bytes, reader: _Reader) -> None:
    """POLYPOLYLINE and POLYPOLYGON (7, 8, 90, 91): several figures in one record."""
    figures, total = struct.unpack_from("<2i", record, 24)
    if figures < 0 or 32 + 4 * figures > len(record):
        raise EmfError("figures past the record")
    counts = struct.unpack_from(f"<{figures}i", record, 32)
    points = _points(record, 32 + 4 * figures, total, kind >= 90)
    closed = kind in (8, 91)
    data, at = [], 0
    for count in counts:
        figure = points[at:at + count]
        at += count
        if figure:
            data.append(reader.segment("M", figure[:1]) + reader.segment("L", figure[1:]) +
                        ("Z" if closed else ""))
    if reader.path is not None:
        reader.path.extend(data)
    else:
        reader.paint("".join(data), fill=closed, stroke=True)


def _box(kind: int, record: bytes, reader: _Reader) -> None:
    """ELLIPSE (42) and RECTANGLE (43), as their outline in device coordinates."""
    left, top, right, bottom = struct.unpack_from("<4i", record, 8)
    if kind == 43:
        corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
        data = reader.segment("M", corners[:1]) + reader.segment("L", corners[1:]) + "Z"
    else:
        (x0, y0), (x1, y1) = reader.point(left, top), reader.point(right, bottom)
        rx, ry, cx = abs(x1 - x0) / 2, abs(y1 - y0) / 2, (x0 + x1) / 2
        cy = (y0 + y1) / 2
        data = (f"M{_n(cx - rx)},{_n(cy)}A{_n(rx)},{_n(ry)} 0 1 1 {_n(cx + rx)},{_n(cy)}"
                f"A{_n(rx)},{_n(ry)} 0 1 1 {_n(cx - rx)},{_n(cy)}Z")
    if reader.path is not None:
        reader.path.append(data)
    else:
        reader.paint(data, fill=True, stroke=True)


def _state(kind: int, record: bytes, reader: _Reader) -> None:
    """Records that change the drawing state."""
    state = reader.state
    if kind == 17:  # SETMAPMODE: anisotropic and isotropic map window to viewport
        reader.state = replace(state, mapped=struct.unpack_from("<i", record, 8)[0] in (7, 8))
    elif kind in (9, 10, 11, 12):  # window / viewport extent and origin
        a, b = (float(v) for v in struct.unpack_from("<2i", record, 8))
        target = state.window if kind in (9, 10) else state.viewport
        value = (target[0], target[1], a, b) if kind in (9, 11) else \
            (a, b, target[2], target[3])
        reader.state = replace(state, window=value) if kind in (9, 10) else \
            replace(state, viewport=value)
    elif kind == 19:  # SETPOLYFILLMODE: 1 alternate (even-odd), 2 winding
        reader.state = replace(state, winding=struct.unpack_from("<i", record, 8)[0] == 2)
    elif kind in (35, 36):
        m = struct.unpack_from("<6f", record, 8)
        matrix: _Matrix = (m[0], m[1], m[2], m[3], m[4], m[5])
        if not all(math.isfinite(value) for value in matrix):
            raise EmfError("a transform that is not a number")
        mode = 4 if kind == 35 else struct.unpack_from("<i", record, 32)[0]
        world = {1: _IDENTITY, 2: _multiply(matrix, state.world),
                 3: _multiply(state.world, matrix), 4: matrix}.get(mode, state.world)
        reader.state = replace(state, world=world)
    elif kind == 33:
        reader.saved.append(state)
    elif kind == 34 and reader.saved:
        (back,) = struct.unpack_from("<i", record, 8)
        depth = -back if back < 0 else len(reader.saved) - back + 1
        for _ in range(max(1, min(depth, len(reader.saved)))):
            reader.state = reader.saved.pop()


def _objects(kind: int, record: bytes, reader: _Reader) -> None:
    """Creating, choosing and deleting brushes and pens."""
    (handle,) = struct.unpack_from("<I", record, 8)
    if kind == 39:  # CREATEBRUSHINDIRECT: style 0 solid, 1 none, else a hatch (its colour)
        style, colour = struct.unpack_from("<Ii", record, 12)
        reader.brushes[handle] = None if style == 1 else _colour(colour)
    elif kind in (38, 95):  # CREATEPEN (style, width x, y, colour); EXTCREATEPEN's after
        # four offsets (style, width, brush style, colour)
        style, width, _, colour = struct.unpack_from("<Iiii" if kind == 38 else "<IIIi",
                                                     record, 12 if kind == 38 else 28)
        reader.pens[handle] = None if style & 0xF == 5 else (_colour(colour), float(width))
    elif kind == 37:  # SELECTOBJECT
        if handle in reader.brushes:
            reader.state = replace(reader.state, brush=reader.brushes[handle])
        elif handle in reader.pens:
            reader.state = replace(reader.state, pen=reader.pens[handle])
    elif kind == 40 and handle < 0x80000000:
        reader.brushes.pop(handle, None)
        reader.pens.pop(handle, None)


def _path(kind: int, record: bytes, reader: _Reader) -> None:
    """Moves, lines and the path bracket."""
    if kind == 27:  # MOVETOEX
        x, y = struct.unpack_from("<2i", record, 8)
        data = reader.segment("M", [(float(x), float(y))])
        if reader.path is not None:
            reader.path.append(data)
    elif kind == 54:  # LINETO
        x, y = struct.unpack_from("<2i", record, 8)
        if reader.path is not None:
            reader.path.append(reader.segment("L", [(float(x), float(y))]))
        else:
            start = reader.segment("M", [reader.here])
            reader.paint(start + reader.segment("L", [(float(x), float(y))]),
                         fill=False, stroke=True)
    elif kind == 61 and reader.path is not None:  # CLOSEFIGURE
        reader.path.append("Z")
    elif kind == 59:  # BEGINPATH
        reader.path = []
    elif kind == 68:  # ABORTPATH
        reader.path = None
    elif kind in (62, 63, 64) and reader.path is not None:  # fill, stroke and fill, stroke
        reader.paint("".join(reader.path), fill=kind in (62, 63), stroke=kind in (63, 64))
        reader.path = None


def _dispatch(kind: int, record: bytes, reader: _Reader) -> None:
    if kind in _POLY:
        _poly(kind, record, reader)
    elif kind in (7, 8, 90, 91):
        _polypoly(kind, record, reader)
    elif kind in (42, 43):
        _box(kind, record, reader)
    elif kind in (9, 10, 11, 12, 17, 19, 33, 34, 35, 36):
        _state(kind, record, reader)
    elif kind in (37, 38, 39, 40, 95):
        _objects(kind, record, reader)
    elif kind in (27, 54, 59, 61, 62, 63, 64, 68):
        _path(kind, record, reader)
    elif kind == 81:
        _bitmap(record, reader)


def emf_to_svg(blob: bytes) -> tuple[str, tuple[int, int]] | None:
    """The picture as an SVG document whose view is the EMF's frame, and its size in
    pixels (96 to the inch); None when it draws nothing this reader follows. Raises
    EmfError for a file that is not an EMF or is cut short."""
    if len(blob) < 88 or len(blob) > MAX_BYTES:
        raise EmfError("not an EMF")
    kind, _ = struct.unpack_from("<II", blob, 0)
    if kind != 1 or struct.unpack_from("<I", blob, 40)[0] != _SIGNATURE:
        raise EmfError("not an EMF")
    frame = struct.unpack_from("<4i", blob, 24)  # hundredths of a millimetre
    device = struct.unpack_from("<2i", blob, 72)  # the reference device, pixels
    millimetres = struct.unpack_from("<2i", blob, 80)
    if min(*device, *millimetres) <= 0 or frame[2] <= frame[0] or frame[3] <= frame[1]:
        raise EmfError("no frame")
    per_x, per_y = device[0] / (millimetres[0] * 100), device[1] / (millimetres[1] * 100)
    view = (frame[0] * per_x, frame[1] * per_y, (frame[2] - frame[0]) * per_x,
            (frame[3] - frame[1]) * per_y)
    reader = _Reader()
    offset, records = 0, 0
    while offset + 8 <= len(blob) and records < MAX_RECORDS:
        kind, size = struct.unpack_from("<II", blob, offset)
        if size < 8 or size % 4 or offset + size > len(blob):
            raise EmfError("a record past the end")
        if kind == 14:  # EOF
            break
        try:
            _dispatch(kind, blob[offset:offset + size], reader)
        except struct.error as error:
            raise EmfError("a record cut short") from error
        offset += size
        records += 1
    if not reader.out:
        return None
    inches = ((frame[2] - frame[0]) / 2540, (frame[3] - frame[1]) / 2540)
    pixels = (max(1, round(inches[0] * 96)), max(1, round(inches[1] * 96)))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{pixels[0]}" '
           f'height="{pixels[1]}" viewBox="{" ".join(_n(v) for v in view)}" '
           f'preserveAspectRatio="none">{"".join(reader.out)}</svg>')
    return svg, pixels
