"""The deck's zip written by hand (issue 24): byte for byte what zipfile's `writestr`
writes, whether a member is deflated afresh or its deflated bytes are kept from the last
zip (render/package.py `zipped`)."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.opc.packuri import PackURI

from aligndeck.render.package import (
    DEFAULT_EPOCH,
    LEVEL,
    content_types_xml,
    package_parts,
    relative_ref,
    rels_xml,
    zipped,
)

EPOCH = dt.datetime.fromtimestamp(DEFAULT_EPOCH, tz=dt.timezone.utc)
LATER = dt.datetime(2026, 12, 7, 13, 45, 59, tzinfo=dt.timezone.utc)  # odd seconds round down


def by_zipfile(members: list[tuple[str, bytes]], when: dt.datetime) -> bytes:
    """What `zipfile` writes: the reference."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            package.writestr(info, blob, compresslevel=LEVEL)
    return out.getvalue()


NOISE = random.Random(7).randbytes(300_000)
CASES: list[tuple[str, list[tuple[str, bytes]], dt.datetime]] = [
    ("nothing", [], EPOCH),
    ("one empty member", [("[Content_Types].xml", b"")], EPOCH),
    ("parts of a deck", [("[Content_Types].xml", b"<Types/>" * 40),
                         ("ppt/slides/slide1.xml", b"<p:sld>" + b"word " * 900 + b"</p:sld>"),
                         ("ppt/media/image1.png", NOISE)], LATER),
    ("the same bytes twice", [("a.xml", b"<same/>"), ("b.xml", b"<same/>")], EPOCH),
    ("a name outside ASCII", [("ppt/media/café.png", b"\x89PNG")], LATER),
]


@pytest.mark.parametrize(("members", "when"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_the_zip_is_zipfiles_byte_for_byte(members: list[tuple[str, bytes]],
                                           when: dt.datetime) -> None:
    expected = by_zipfile(members, when)
    assert zipped(members, when) == expected
    assert zipped(members, when) == expected  # deflated bytes kept from the last zip
    assert zipped(members, when, small=0) == expected  # too big: zipfile writes it
    with zipfile.ZipFile(io.BytesIO(expected)) as package:
        assert package.testzip() is None
        assert [package.read(name) for name, _ in members] == [blob for _, blob in members]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=12).filter(lambda n: "\x00" not in n),
                          st.binary(max_size=3000)), max_size=6, unique_by=lambda m: m[0]))
def test_any_members_zip_as_zipfile_zips_them(members: list[tuple[str, bytes]]) -> None:
    assert zipped(members, LATER) == by_zipfile(members, LATER)


def test_a_member_changed_since_the_last_zip_is_deflated_afresh() -> None:
    first = [("ppt/slides/slide1.xml", b"<a>one</a>" * 50), ("ppt/theme.xml", b"<t/>" * 80)]
    zipped(first, EPOCH)
    edited = [("ppt/slides/slide1.xml", b"<a>two</a>" * 50), first[1]]
    assert zipped(edited, EPOCH) == by_zipfile(edited, EPOCH)


@pytest.mark.parametrize("outline", ["deck.yaml", "own-content.yaml"])
def test_relationships_are_written_as_python_pptx_writes_them(tmp_path: Path,
                                                              outline: str) -> None:
    from pptx import Presentation

    from aligndeck import api

    root = Path(__file__).resolve().parent.parent
    path = root / outline if outline == "deck.yaml" else root / "tests" / "outlines" / outline
    api.build(path, tmp_path / "deck.pptx")
    presentation = Presentation(str(tmp_path / "deck.pptx"))
    package = presentation.part.package
    written = [(part, part.rels) for part in package.iter_parts() if part.rels]
    assert len(written) > 20
    # own-content.yaml links to web pages: their relationships are external
    assert any(rel.is_external for _, rels in written for rel in rels.values()) == (
        outline == "own-content.yaml")
    for _, rels in [*written, (None, package._rels)]:
        assert rels_xml(rels) == rels.xml


@pytest.mark.parametrize("outline", ["deck.yaml", "own-content.yaml", "data-slides.yaml"])
def test_parts_and_content_types_are_python_pptxs(tmp_path: Path, outline: str) -> None:
    from pptx import Presentation
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    from aligndeck import api

    root = Path(__file__).resolve().parent.parent
    path = root / outline if outline == "deck.yaml" else root / "tests" / "outlines" / outline
    api.build(path, tmp_path / "deck.pptx")
    package = Presentation(str(tmp_path / "deck.pptx")).part.package
    parts = package_parts(package)
    assert parts == tuple(package.iter_parts())
    # pictures (own-content), charts and their workbooks (data-slides): defaults of their own
    assert len({part.partname.ext for part in parts}) == {
        "deck.yaml": 2, "own-content.yaml": 3, "data-slides.yaml": 3}[outline]
    assert content_types_xml(parts) == serialize_part_xml(_ContentTypesItem.xml_for(parts))


def test_content_types_xml_would_escape_are_left_to_python_pptx() -> None:
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.package import OpcPackage, Part
    from pptx.opc.serialized import _ContentTypesItem

    package = OpcPackage(io.BytesIO())
    plain = Part(PackURI("/ppt/slides/slide1.xml"),
                 "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
                 package, b"")
    picture = Part(PackURI("/ppt/media/a&b.png"), "image/png", package, b"")
    odd = Part(PackURI("/ppt/slides/a&b.xml"), plain.content_type, package, b"")
    for parts in [(plain,), (plain, picture)]:  # a picture's name is in no override
        assert content_types_xml(parts) == serialize_part_xml(_ContentTypesItem.xml_for(parts))
    assert content_types_xml((plain, odd)) is None


@pytest.mark.parametrize(("partname", "base"), [
    ("/ppt/slideLayouts/slideLayout2.xml", "/ppt/slides"),
    ("/ppt/slides/slide12.xml", "/ppt/notesSlides"),
    ("/ppt/presentation.xml", "/"),
    ("/docProps/core.xml", "/"),
    ("/ppt/media/image1.png", "/ppt/slides"),
    ("/ppt/theme/theme1.xml", "/ppt"),
    ("/ppt", "/ppt"),
    ("/ppt/slides/slide1.xml", "/ppt/slides/"),  # a trailing slash: relpath's own way
    ("/ppt/../ppt/slides/slide1.xml", "/ppt/slides"),
    ("/ppt/./x.xml", "/ppt//slides"),
    ("/a/b/c/d.xml", "/a/x/y/z"),
])
def test_relative_refs_are_python_pptxs(partname: str, base: str) -> None:
    assert relative_ref(partname, base) == PackURI(partname).relative_ref(base)


SEGMENT = st.sampled_from(["ppt", "slides", "media", "a", "b", "x.xml", ".", "..", ""])


@settings(max_examples=300)
@given(st.lists(SEGMENT, min_size=1, max_size=5), st.lists(SEGMENT, max_size=5))
def test_any_relative_ref_is_python_pptxs(partname: list[str], base: list[str]) -> None:
    name, folder = "/" + "/".join(partname), "/" + "/".join(base)
    assert relative_ref(name, folder) == PackURI(name).relative_ref(folder)
