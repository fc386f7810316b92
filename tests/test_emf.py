"""EMF pictures (a template's vector logos) drawn as SVG for the browser (render/emf.py):
EMFs written here record by record, as Office writes them, and what the SVG draws."""

from __future__ import annotations

import base64
import io
import re
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image
from pptx import Presentation

from aligndeck.plan.theme import LIGHT_MAP, Palette
from aligndeck.render.emf import MAX_RECORDS, EmfError, emf_to_svg
from aligndeck.render.layout_pictures import browser_picture
from aligndeck.render.layout_svg import draw_layout
from made_templates import DRAWN, write_all

SVG = "http://www.w3.org/2000/svg"
NULL_BRUSH, BLACK_PEN, NULL_PEN = 0x80000005, 0x80000007, 0x80000008


def record(kind: int, *values: float, fmt: str = "", raw: bytes = b"") -> bytes:
    payload = struct.pack("<" + (fmt or "i" * len(values)), *values) + raw
    payload += b"\0" * (-len(payload) % 4)
    return struct.pack("<II", kind, 8 + len(payload)) + payload


def emf(*records: bytes, frame: tuple[int, int, int, int] = (0, 0, 2540, 2540)) -> bytes:
    """An EMF of `records` (then EOF): a frame of one inch square by default, on a device
    of 10 pixels to the millimetre, so the SVG's view is 254 device pixels across."""
    body = b"".join(records) + record(14, 0, 0, 16)
    header = struct.pack("<II4i4iIIIIHHIII2i2i", 1, 88, 0, 0, 254, 254, *frame,
                         0x464D4520, 0x10000, 88 + len(body), len(records) + 2, 4, 0,
                         0, 0, 0, 1000, 1000, 100, 100)
    return header + body


def brush(handle: int, colour: int, style: int = 0) -> bytes:
    return record(39, handle, style, colour, 0)


def select(handle: int) -> bytes:
    return record(37, handle, fmt="I")


def polygon16(*points: tuple[int, int], kind: int = 86) -> bytes:
    flat = [v for point in points for v in point]
    return record(kind, 0, 0, 0, 0, len(points), raw=struct.pack(f"<{len(flat)}h", *flat))


def drawn(blob: bytes) -> etree._Element:
    result = emf_to_svg(blob)
    assert result is not None
    return etree.fromstring(result[0])


def paths(root: etree._Element) -> list[dict[str, str]]:
    return [dict(path.attrib) for path in root.iter(f"{{{SVG}}}path")]


RED, BLUE = 0x0000FF, 0xFF0000  # COLORREF is 0x00BBGGRR

CASES = [
    ("a polygon in the chosen solid brush, outlined in the default pen",
     [brush(1, RED), select(1), polygon16((10, 10), (100, 10), (100, 50))],
     [{"d": "M10,10L100,10 100,50Z", "fill": "#FF0000", "fill-rule": "evenodd",
       "stroke": "#000000", "stroke-width": "1", "stroke-linejoin": "round"}]),
    ("a path bracket of Béziers, filled without its outline, winding",
     [brush(1, BLUE), select(1), record(19, 2), record(59), record(27, 0, 0),
      polygon16((10, 0), (20, 10), (20, 20), kind=88), record(61), record(60), record(62,
                                                                                   0, 0, 0, 0)],
     [{"d": "M0,0C10,0 20,10 20,20Z", "fill": "#0000FF"}]),
    ("the stock null brush and null pen draw nothing; a stock pen strokes a line",
     [select(NULL_BRUSH), select(NULL_PEN), polygon16((0, 0), (5, 5), (0, 5)),
      select(BLACK_PEN), polygon16((0, 0), (50, 50), kind=87)],
     [{"d": "M0,0L50,50", "fill": "none", "stroke": "#000000", "stroke-width": "1",
       "stroke-linejoin": "round"}]),
    ("the world transform scales and moves",
     [select(NULL_PEN), record(35, 2.0, 0.0, 0.0, 2.0, 5.0, 0.0, fmt="6f"),
      brush(1, RED), select(1), polygon16((1, 1), (10, 1), (10, 10))],
     [{"d": "M7,2L25,2 25,20Z", "fill": "#FF0000", "fill-rule": "evenodd"}]),
    ("an anisotropic window maps onto the viewport",
     [select(NULL_PEN), record(17, 8), record(9, 100, 100), record(11, 200, 50),
      record(10, 50, 0), brush(1, RED), select(1), polygon16((50, 0), (150, 0), (150, 100))],
     [{"d": "M0,0L200,0 200,50Z", "fill": "#FF0000", "fill-rule": "evenodd"}]),
    ("a restored state brings its brush back",
     [select(NULL_PEN), brush(1, RED), brush(2, BLUE), select(1), record(33), select(2),
      record(34, -1), polygon16((0, 0), (9, 0), (9, 9))],
     [{"d": "M0,0L9,0 9,9Z", "fill": "#FF0000", "fill-rule": "evenodd"}]),
    ("a rectangle in a hatched brush is filled in the hatch's colour",
     [select(NULL_PEN), brush(1, BLUE, style=2), select(1), record(43, 10, 20, 30, 40)],
     [{"d": "M10,20L30,20 30,40 10,40Z", "fill": "#0000FF", "fill-rule": "evenodd"}]),
]


@pytest.mark.parametrize(("what", "records", "expected"), CASES, ids=[c[0] for c in CASES])
def test_vector_records_become_svg_paths(what: str, records: list[bytes],
                                         expected: list[dict[str, str]]) -> None:
    assert paths(drawn(emf(*records))) == expected, what


def test_the_view_is_the_frame_on_the_reference_device() -> None:
    svg, pixels = emf_to_svg(emf(polygon16((0, 0), (9, 0), (9, 9)),
                                 frame=(0, 0, 5080, 2540))) or ("", (0, 0))
    assert pixels == (192, 96)  # 2 x 1 inches at 96 to the inch
    assert 'viewBox="0 0 508 254"' in svg


def test_an_embedded_bitmap_is_drawn_as_a_png() -> None:
    # a 2 x 1 bottom-up 24-bit DIB: a red pixel and a blue one
    info = struct.pack("<IiiHHIIiiII", 40, 2, 1, 1, 24, 0, 8, 0, 0, 0, 0)
    bits = bytes([0, 0, 255, 255, 0, 0, 0, 0])
    fixed = 80
    stretch = record(81, 0, 0, 0, 0, 10, 20, 0, 0, 2, 1, fixed, len(info), fixed + len(info),
                     len(bits), 0, 0xCC0020, 40, 20, raw=info + bits)
    root = drawn(emf(stretch))
    (image,) = root.iter(f"{{{SVG}}}image")
    assert (image.get("x"), image.get("y"), image.get("width"), image.get("height")) == \
        ("10", "20", "40", "20")
    href = image.get("href", "")
    assert href.startswith("data:image/png;base64,")
    picture = Image.open(io.BytesIO(base64.b64decode(href.split(",", 1)[1]))).convert("RGB")
    assert [picture.getpixel((0, 0)), picture.getpixel((1, 0))] == [(255, 0, 0), (0, 0, 255)]


BROKEN = [
    ("not an EMF", b"GIF89a" + b"\0" * 100),
    ("a record running past the end", emf()[:88] + struct.pack("<II", 86, 4000)),
    ("a record too short for its points", emf()[:88] + record(86, 0, 0, 0, 0, 500)),
    ("a record of no size", emf()[:88] + struct.pack("<II", 86, 0)),
]


@pytest.mark.parametrize(("what", "blob"), BROKEN, ids=[b[0] for b in BROKEN])
def test_an_unreadable_file_is_refused(what: str, blob: bytes) -> None:
    with pytest.raises(EmfError):
        emf_to_svg(blob)


def test_a_file_that_draws_nothing_followed_gives_none() -> None:
    text = record(84, 0, 0, 0, 0, 1, 0, 0)  # EXTTEXTOUTW: text is left out
    assert emf_to_svg(emf(text)) is None


def test_a_hostile_file_costs_at_most_max_records() -> None:
    many = emf(*[record(27, 0, 0)] * (MAX_RECORDS + 10), polygon16((0, 0), (1, 0), (1, 1)))
    assert emf_to_svg(many) is None  # stopped before the polygon at the end


def test_the_browser_gets_an_svg_for_an_emf_and_nothing_for_a_wmf() -> None:
    blob = emf(brush(1, RED), select(1), polygon16((0, 0), (9, 0), (9, 9)))
    found = browser_picture(blob, "image/x-emf", (0.0, 0.0, 72.0, 72.0))
    assert found is not None
    url, size = found
    assert url.startswith("data:image/svg+xml;base64,") and size == (96, 96)
    assert b'fill="#FF0000"' in base64.b64decode(url.split(",", 1)[1])
    assert browser_picture(b"\xd7\xcd\xc6\x9a" + b"\0" * 40, "image/x-wmf",
                           (0.0, 0.0, 72.0, 72.0)) is None


def test_a_layout_with_an_emf_logo_draws_it(tmp_path: Path) -> None:
    """The made drawn.pptx with its PNG logo swapped for an EMF: the layout draws the EMF's
    shapes, and names nothing left out."""
    source = write_all(tmp_path, DRAWN)["drawn.pptx"]
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    logo = next(name for name in parts if name.startswith("ppt/media/"))
    parts[logo[: logo.rindex(".")] + ".emf"] = emf(brush(1, RED), select(1),
                                                    polygon16((0, 0), (90, 0), (90, 40)))
    del parts[logo]
    old, new = logo.rsplit("/", 1)[1], logo.rsplit("/", 1)[1].rsplit(".", 1)[0] + ".emf"
    for name in [n for n in parts if n.endswith(".rels")]:
        parts[name] = parts[name].replace(old.encode(), new.encode())
    types = parts["[Content_Types].xml"]
    parts["[Content_Types].xml"] = types.replace(
        b"<Default ", b'<Default Extension="emf" ContentType="image/x-emf"/><Default ', 1)
    swapped = tmp_path / "emf-logo.pptx"
    with zipfile.ZipFile(swapped, "w") as copy:
        for name, body in parts.items():
            copy.writestr(name, body)
    presentation = Presentation(str(swapped))
    drawing = draw_layout(presentation.slide_layouts[1], Palette(), dict(LIGHT_MAP),
                          int(presentation.slide_width), int(presentation.slide_height))
    assert drawing.left_out == ()
    (url,) = [url for _, url, _, _ in drawing.pictures]
    assert url.startswith("data:image/svg+xml;base64,")
    assert re.search(rb'<path d="M0,0L90,0 90,40Z" fill="#FF0000"',
                     base64.b64decode(url.split(",", 1)[1]))


KINDS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17, 19, 27, 33, 34, 35, 36, 37, 38, 39, 40, 42, 43,
         54, 59, 61, 62, 63, 64, 68, 81, 85, 86, 87, 88, 89, 90, 91, 95]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.binary(max_size=96)), max_size=12))
def test_any_records_give_svg_none_or_emf_error(records: list[tuple[int, bytes]]) -> None:
    """Whatever the records hold (cut short, out of range, nonsense), the reader answers
    with an SVG, None, or EmfError, and what it writes parses."""
    blob = emf(*(struct.pack("<II", kind, 8 + len(body) + (-len(body) % 4)) + body +
                 b"\0" * (-len(body) % 4) for kind, body in records))
    try:
        result = emf_to_svg(blob)
    except EmfError:
        return
    if result is not None:
        root = etree.fromstring(result[0])
        assert root.tag == f"{{{SVG}}}svg"
        numbers = [value for element in root.iter() for name, value in element.attrib.items()
                   if name != "href"]
        assert not any("nan" in value or "inf" in value for value in numbers)
