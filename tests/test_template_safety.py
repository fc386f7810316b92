"""Hostile and broken templates: each is `error: FILE: not a usable template: …`, exit 1.

Made from python-pptx's own default template (tests/hostile.py), so nothing here depends on
files outside the repository. Bombs are checked for memory too: Python's allocations while
the template is refused stay far below what the bomb would inflate to.
"""

from __future__ import annotations

import random
import re
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligndeck.cli import main
from aligndeck.errors import BuildError
from aligndeck.render.template import read_package
from edit_helpers import previous_deck
from hostile import (
    MASTER_TYPE,
    XML_TYPE,
    Parts,
    base,
    retype,
    streamed,
    theme_name,
    with_doctype,
    write,
)

MINIMAL = (Path(__file__).parent / "outlines" / "one-stage.yaml").read_text("utf-8")

PRESENTATION = "ppt/presentation.xml"
PRESENTATION_RELS = "ppt/_rels/presentation.xml.rels"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"


def edit(name: str, old: bytes | str, new: bytes | str, *, count: int = 1
         ) -> Callable[[Parts], Parts]:
    """A mutation: replace `old` (a regular expression) in one part."""
    def mutate(parts: Parts) -> Parts:
        pattern = old.encode() if isinstance(old, str) else old
        body, done = re.subn(pattern, new.encode() if isinstance(new, str) else new,
                             parts[name], count=count, flags=re.S)
        assert done, (name, old)
        parts[name] = body
        return parts
    return mutate


def drop(name: str) -> Callable[[Parts], Parts]:
    def mutate(parts: Parts) -> Parts:
        del parts[name]
        return parts
    return mutate


def doctype(parts: Parts) -> Parts:
    parts[PRESENTATION] = with_doctype(
        parts[PRESENTATION],
        b'<!DOCTYPE p:presentation [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    return parts


def laughs(parts: Parts) -> Parts:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    parts[PRESENTATION] = with_doctype(
        parts[PRESENTATION], f'<!DOCTYPE p:presentation [<!ENTITY l0 "ha">{entities}]>'.encode())
    return parts


def deep(parts: Parts) -> Parts:
    name = theme_name(parts)
    parts[name] = parts[name].replace(b"</a:theme>", b"<x>" * 500 + b"</x>" * 500
                                      + b"</a:theme>")
    return parts


CASES: list[tuple[str, Callable[[Parts], Parts], str]] = [
    ("no presentation rels", drop(PRESENTATION_RELS),
     "ppt/presentation.xml lists a slide master (rId1), but "
     "ppt/_rels/presentation.xml.rels is missing"),
    ("no masters", edit(PRESENTATION, "<p:sldMasterIdLst>.*?</p:sldMasterIdLst>", ""),
     "it has no slide master"),
    ("XXE", doctype, "ppt/presentation.xml declares a DTD"),
    ("billion laughs", laughs, "ppt/presentation.xml declares a DTD"),
    ("undeclared entity", edit(PRESENTATION, "<p:sldSz", "&xxe;<p:sldSz"),
     "ppt/presentation.xml is not well-formed XML"),
    ("not XML", edit(MASTER, "<p:cSld", "<p:cSld <<"), "slideMaster1.xml is not well-formed"),
    ("empty part", edit(MASTER, ".*", "", count=0), "slideMaster1.xml is not well-formed"),
    ("deep XML", deep, "nests XML more than 128 levels deep"),
    ("no package rels", drop("_rels/.rels"), "it has no _rels/.rels"),
    ("no content types", drop("[Content_Types].xml"), "it has no [Content_Types].xml"),
    ("no presentation part", edit("_rels/.rels", 'relationships/officeDocument"',
                                  'relationships/somethingElse"'),
     "_rels/.rels names no presentation part"),
    ("presentation missing", drop(PRESENTATION),
     "_rels/.rels points to ppt/presentation.xml, which is not in the file"),
    ("dangling layout", drop("ppt/slideLayouts/slideLayout3.xml"),
     "slideMaster1.xml.rels points to ppt/slideLayouts/slideLayout3.xml, which is not in"),
    ("duplicate rel id", edit(MASTER_RELS, 'Id="rId12"', 'Id="rId1"'),
     "slideMaster1.xml.rels gives the id rId1 to two relationships"),
    ("rel without target", edit(MASTER_RELS, ' Target="../theme/theme1.xml"', ""),
     "has a relationship without an Id, a Type or a Target"),
    ("no content type", lambda p: edit(
        "[Content_Types].xml", '<Override PartName="/ppt/slideMasters/slideMaster1.xml"[^>]*/>',
        "")(edit("[Content_Types].xml", '<Default Extension="xml"[^>]*/>', "")(p)),
     "ppt/slideMasters/slideMaster1.xml has no content type in [Content_Types].xml"),
    ("master typed as plain XML", lambda p: retype(p, MASTER, XML_TYPE),
     "ppt/slideMasters/slideMaster1.xml is used as a slide master but [Content_Types].xml "
     "calls it application/xml"),
    ("layout typed as master", lambda p: retype(p, "ppt/slideLayouts/slideLayout2.xml",
                                               MASTER_TYPE),
     "slideLayout2.xml is used as a slide layout"),
    ("no theme", edit(MASTER_RELS, '<Relationship Id="rId12"[^>]*/>', ""),
     "slideMaster1.xml has no theme"),
    ("no layouts", edit(MASTER, "<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", ""),
     "its slide masters have no layouts"),
    ("layout without master", edit(LAYOUT_RELS, "<Relationship [^>]*/>", ""),
     "slideLayout1.xml does not say which slide master it belongs to"),
    ("layout list names a theme", edit(MASTER, 'r:id="rId1"', 'r:id="rId12"'),
     "slideMaster1.xml lists a slide layout (rId12), but "
     "ppt/slideMasters/_rels/slideMaster1.xml.rels has no slide layout with the id rId12"),
    ("no slide size", edit(PRESENTATION, "<p:sldSz[^>]*/>", ""), "gives no slide size"),
    ("slide size out of range", edit(PRESENTATION, 'cx="9144000"', 'cx="12"'),
     "gives a slide size of 12 x 6,858,000 EMU"),
    ("master is a theme", edit(PRESENTATION_RELS, 'Target="slideMasters/slideMaster1.xml"',
                               'Target="theme/theme1.xml"'),
     "ppt/theme/theme1.xml is used as a slide master"),
    ("theme is not a theme", edit("ppt/theme/theme1.xml", "<a:theme ", "<a:thing ", count=1),
     "is not well-formed XML"),
]


@pytest.mark.parametrize(("mutate", "message"), [(m, s) for _, m, s in CASES],
                         ids=[c[0] for c in CASES])
def test_broken_templates_say_what_is_wrong(tmp_path: Path, mutate: Callable[[Parts], Parts],
                                            message: str) -> None:
    template = write(tmp_path / "brand.pptx", mutate(base()))
    with pytest.raises(BuildError) as raised:
        read_package(template)
    text = str(raised.value)
    assert text.startswith(f"{template}: not a usable template: "), text
    assert message in text, text


def test_the_base_template_passes(tmp_path: Path) -> None:
    template = write(tmp_path / "brand.pptx", base())
    assert read_package(template)[:2] == b"PK"


def cli_build(folder: Path, template: Path, env: dict[str, str] | None = None
              ) -> tuple[int, str]:
    (folder / "talk.yaml").write_text(MINIMAL, encoding="utf-8")  # no template: key
    deck = folder / "talk.pptx"
    deck.write_bytes(previous_deck())
    result = CliRunner().invoke(main, ["build", str(folder / "talk.yaml"), "--template",
                                       str(template)], env=env)
    if result.exit_code:
        assert deck.read_bytes() == previous_deck()
    assert "internal error" not in result.output
    return result.exit_code, result.stderr


@pytest.mark.parametrize(("mutate", "message"), [(m, s) for _, m, s in CASES[:4]],
                         ids=[c[0] for c in CASES[:4]])
def test_cli_refuses_them_with_exit_1_and_keeps_the_old_deck(
    tmp_path: Path, mutate: Callable[[Parts], Parts], message: str
) -> None:
    template = write(tmp_path / "brand.pptx", mutate(base()))
    code, err = cli_build(tmp_path, template)
    assert code == 1
    assert err.startswith(f"error: {template}: not a usable template: "), err
    assert message in err
    assert len(err.splitlines()) == 1


def bounded(action: Callable[[], object]) -> tuple[str, int]:
    """Run `action`, expecting a BuildError; its message and the peak of Python's
    allocations meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(BuildError) as raised:
            action()
        return str(raised.value), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_huge_comment_in_the_theme_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    parts = base()
    name = theme_name(parts)
    head, rest = parts.pop(name).split(b"?>", 1)
    template = write(tmp_path / "brand.pptx", parts,
                     streamed(name, head + b"?><!--", b"x" * (1 << 20), 40, b"-->" + rest))
    message, peak = bounded(lambda: read_package(template))
    assert f"{name} unpacks to" in message or f"{name} would unpack to" in message, message
    assert "at most 10 MB is accepted (set ALIGNDECK_MAX_XML_PART_MB" in message
    assert peak < 15_000_000, peak


def test_a_zip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    template = write(tmp_path / "brand.pptx", base(),
                     streamed("ppt/media/bomb.bin", b"", bytes(1 << 20), 50, b""))
    message, peak = bounded(lambda: read_package(template))
    assert re.search(r"ppt/media/bomb\.bin is compressed [\d,]+ to 1, as zip bombs are; at "
                     r"most 100 to 1", message), message
    assert peak < 15_000_000, peak


def lie_about_size(path: Path, entry: str, size: int) -> None:
    """Rewrite the inflated size an entry declares, in its local header and in the zip's
    table of contents."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        local = package.getinfo(entry).header_offset
    struct.pack_into("<I", data, local + 22, size)
    end = data.rindex(b"PK\x05\x06")
    (at,) = struct.unpack_from("<I", data, end + 16)
    while data[at:at + 4] == b"PK\x01\x02":
        name_size, extra_size, comment_size = struct.unpack_from("<HHH", data, at + 28)
        if data[at + 46:at + 46 + name_size] == entry.encode():
            struct.pack_into("<I", data, at + 24, size)
        at += 46 + name_size + extra_size + comment_size
    path.write_bytes(bytes(data))


def test_inflating_stops_at_what_the_header_declares(tmp_path: Path) -> None:
    """A header that claims a small size for a big part: never more than it claims is
    inflated, and the part is refused as damaged."""
    template = write(tmp_path / "brand.pptx", base(),
                     streamed("ppt/media/big.bin", b"", bytes(1 << 20), 30, b""))
    lie_about_size(template, "ppt/media/big.bin", 1000)
    message, peak = bounded(lambda: read_package(template))
    assert "ppt/media/big.bin is damaged" in message, message
    assert peak < 15_000_000, peak


def test_a_header_declaring_a_huge_size_is_refused_before_inflating(tmp_path: Path) -> None:
    template = write(tmp_path / "brand.pptx", base(),
                     streamed("ppt/media/big.bin", b"", b"x", 1, b""))
    lie_about_size(template, "ppt/media/big.bin", 4_000_000_000)
    message, _ = bounded(lambda: read_package(template))
    assert "ppt/media/big.bin would unpack to 4,000.0 MB; at most 200 MB" in message, message


def test_too_many_entries_are_refused_before_they_are_listed(tmp_path: Path) -> None:
    def many(package: zipfile.ZipFile) -> None:
        for index in range(5_001):
            package.writestr(f"junk/{index}", b"")
    template = write(tmp_path / "brand.pptx", base(), many)
    message, _ = bounded(lambda: read_package(template))
    assert "the zip lists 5,037 entries" in message
    assert "at most 5,000 entries are accepted (set ALIGNDECK_MAX_TEMPLATE_ENTRIES" in message


def test_two_entries_with_one_name_are_refused(tmp_path: Path) -> None:
    def twice(package: zipfile.ZipFile) -> None:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
            package.writestr("ppt/presentation.xml", b"<x/>")
    template = write(tmp_path / "brand.pptx", base(), twice)
    message, _ = bounded(lambda: read_package(template))
    assert "two entries of the zip are named ppt/presentation.xml" in message


def test_element_cap_counts_the_whole_package(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    template = write(tmp_path / "brand.pptx", base())
    monkeypatch.setenv("ALIGNDECK_MAX_XML_ELEMENTS", "500")
    message, _ = bounded(lambda: read_package(template))
    assert "the template's XML has more than 500 elements (set ALIGNDECK_MAX_XML_ELEMENTS" \
        in message


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("ALIGNDECK_MAX_TEMPLATE_MB", "0.01", "the template is over 0.01 MB"),
    ("ALIGNDECK_MAX_TEMPLATE_UNPACKED_MB", "0.05", "the template would unpack to"),
    ("ALIGNDECK_MAX_XML_PART_MB", "0.001", "would unpack to"),
    ("ALIGNDECK_MAX_XML_DEPTH", "3", "nests XML more than 3 levels deep"),
    ("ALIGNDECK_MAX_TEMPLATE_ENTRIES", "10", "at most 10 entries are accepted"),
    ("ALIGNDECK_MAX_TEMPLATE_MB", "lots", "ALIGNDECK_MAX_TEMPLATE_MB=lots is not a positive "
     "number; unset it to use the default (100 MB)"),
    ("ALIGNDECK_MAX_XML_DEPTH", "0", "ALIGNDECK_MAX_XML_DEPTH=0 is not a positive number; "
     "unset it to use the default (128)"),
])
def test_every_limit_has_its_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      variable: str, value: str, message: str) -> None:
    template = write(tmp_path / "brand.pptx", base())
    monkeypatch.setenv(variable, value)
    with pytest.raises(BuildError, match=re.escape(message)):
        read_package(template)


def test_a_raised_limit_lets_a_big_part_through(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    parts = base()
    name = theme_name(parts)
    head, rest = parts.pop(name).split(b"?>", 1)
    template = write(tmp_path / "brand.pptx", parts,
                     streamed(name, head + b"?><!--", random.Random(0).randbytes(500_000).hex()
                              .encode(), 1, b"-->" + rest))
    monkeypatch.setenv("ALIGNDECK_MAX_XML_PART_MB", "0.5")
    with pytest.raises(BuildError, match=r"unpacks to|would unpack to"):
        read_package(template)
    monkeypatch.setenv("ALIGNDECK_MAX_XML_PART_MB", "2")
    assert read_package(template)[:2] == b"PK"


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_template_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    import os

    if kind == "fifo":
        template = tmp_path / "brand.pptx"
        os.mkfifo(template)
        words = "a FIFO (named pipe)"
    elif kind == "folder":
        template = tmp_path / "brand.pptx"
        template.mkdir()
        words = "a folder"
    else:
        template = Path("/dev/zero")
        if not template.exists():
            pytest.skip("no /dev/zero here")
        words = "a device"
    (tmp_path / "talk.yaml").write_text(MINIMAL + f"template: {template}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "talk.yaml")])
    assert result.exit_code == 1, result.output
    assert result.stderr == (f"error: {template}: not a usable template: the template is "
                             f"{words}, not a regular file\n")


def test_the_default_template_builds_through_the_cli(tmp_path: Path) -> None:
    template = write(tmp_path / "brand.pptx", base())
    code, err = cli_build(tmp_path, template)
    assert code == 0, err


def test_a_value_python_pptx_cannot_read_blames_the_template(tmp_path: Path) -> None:
    parts = edit("ppt/slideLayouts/slideLayout2.xml", 'type="title"', 'type="uitle"')(base())
    template = write(tmp_path / "brand.pptx", parts)
    result = CliRunner().invoke(main, ["template-check", str(template)])
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"error: {template}: not a usable template: python-pptx cannot read it (ValueError: "
        "PP_PLACEHOLDER_TYPE has no XML mapping for 'uitle')\n")


def test_a_bug_in_aligndeck_is_not_blamed_on_the_template(tmp_path: Path) -> None:
    from aligndeck.render.template import blame_template

    try:
        {}["missing"]
    except KeyError as exc:
        assert blame_template(tmp_path / "brand.pptx", exc) is exc
