"""Hostile and broken templates, made from templates the tests make themselves.

The base templates are python-pptx's own default template and a deck aligndeck builds (it
has slides, notes, sections and a notes master); nothing here reads ../shared.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pptx

Parts = dict[str, bytes]

PPTX_DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"
MASTER_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"
XML_TYPE = "application/xml"


def read_parts(path: Path) -> Parts:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@cache
def default_parts() -> tuple[tuple[str, bytes], ...]:
    return tuple(read_parts(PPTX_DEFAULT).items())


def base() -> Parts:
    """A fresh, mutable copy of python-pptx's default template."""
    return dict(default_parts())


def write(path: Path, parts: Parts,
          extra: Callable[[zipfile.ZipFile], None] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, body in parts.items():
            package.writestr(name, body)
        if extra is not None:
            extra(package)
    return path


def streamed(name: str, head: bytes, filler: bytes, count: int, tail: bytes, *,
             zip64: bool = False) -> Callable[[zipfile.ZipFile], None]:
    """An entry written as a stream (head, filler × count, tail), never whole in memory."""
    def add(package: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with package.open(info, "w", force_zip64=zip64) as entry:
            entry.write(head)
            for _ in range(count):
                entry.write(filler)
            entry.write(tail)
    return add


def theme_name(parts: Parts) -> str:
    return next(name for name in parts if re.fullmatch(r"ppt/theme/theme\d+\.xml", name))


def with_doctype(body: bytes, doctype: bytes) -> bytes:
    head, rest = body.split(b"?>", 1)
    return head + b"?>" + doctype + rest


def retype(parts: Parts, name: str, content_type: str) -> Parts:
    """Give the part `name` another content type in [Content_Types].xml."""
    types = parts["[Content_Types].xml"].decode("utf-8")
    types, count = re.subn(rf'(<Override PartName="/{re.escape(name)}" ContentType=")[^"]*"',
                           rf'\g<1>{content_type}"', types)
    assert count == 1, name
    parts["[Content_Types].xml"] = types.encode("utf-8")
    return parts
