"""Saving a deck so that the same input gives the same bytes, and atomically."""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import posixpath
import re
import struct
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aligndeck.edits.written import remember

DEFAULT_EPOCH = 315_532_800
"""1980-01-01T00:00:00Z: the earliest time a zip entry can carry; used when no
SOURCE_DATE_EPOCH is set, so two builds of one outline are byte-identical."""


def build_time(environ: dict[str, str] | None = None) -> dt.datetime:
    """The time stamped into the deck: SOURCE_DATE_EPOCH when set, else a fixed epoch."""
    raw = (environ if environ is not None else dict(os.environ)).get("SOURCE_DATE_EPOCH", "")
    try:
        seconds = int(raw) if raw.strip() else DEFAULT_EPOCH
    except ValueError:
        seconds = DEFAULT_EPOCH
    return dt.datetime.fromtimestamp(max(seconds, DEFAULT_EPOCH), tz=dt.timezone.utc)


class _Entries:
    """What python-pptx's PackageWriter writes (member name and bytes, in order), collected
    to be zipped at once by `zipped`."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


def package_bytes(presentation: Any, when: dt.datetime,
                  reuse: Mapping[str, bytes] | None = None,
                  written: dict[str, bytes] | None = None,
                  members: list[tuple[str, bytes]] | None = None) -> bytes:
    """The presentation as a .pptx, written once (what `Presentation.save` writes, in the
    same order) with fixed entry times. A part (or relationships item) named in `reuse` is
    saved as those bytes instead of being serialized (render/reuse.py); what is saved of
    the slides and notes slides is put in `written`, and every member zipped (name and
    bytes, in order) in `members`, when given."""
    from pptx.opc.serialized import PackageWriter

    package = presentation.part.package
    parts = package_parts(package)
    writer = PackageWriter(io.BytesIO(), package._rels, parts)
    reuse = reuse or {}
    entries = _Entries()
    physical: Any = entries  # stands in for python-pptx's zip writer: it has its `write`
    types = content_types_xml(parts)
    if types is None:
        writer._write_content_types_stream(physical)
    else:
        from pptx.opc.packuri import CONTENT_TYPES_URI

        entries.write(CONTENT_TYPES_URI, types)
    writer._write_pkg_rels(physical)
    for part in parts:  # what PackageWriter._write_parts does, reused parts as they were
        _write(entries, part.partname, reuse.get(part.partname) or part.blob, written)
        if part._rels:
            name = part.partname.rels_uri
            _write(entries, name, reuse.get(name) or rels_xml(part.rels), written)
    if members is not None:
        members[:] = entries.items
    return zipped(entries.items, when)


def _fields(proxy: Any, name: str) -> Any:
    """What one of python-pptx's lazy properties of `proxy` holds, None before it is first
    read (a part's relationships, a collection's dict): read through its descriptor, each
    costs a call, and a long deck's saving reads them tens of thousands of times."""
    return vars(proxy).get(name)


def _targets(rels: Any) -> list[Any]:
    """The relationships of a part's or the package's `rels`, in their order."""
    found = _fields(rels, "_rels")
    return list(found.values()) if found else []


def package_parts(package: Any) -> tuple[Any, ...]:
    """Each part of the package once, in the order of python-pptx's `iter_parts` (depth
    first along the relationships from the package's, each part where it is first
    reached), walked without its proxies: a relationship's target and mode, a part's
    relationships not yet made (none) left unmade."""
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM

    seen: set[int] = set()
    found: list[Any] = []

    def walk(rels: Any) -> None:
        for rel in _targets(rels):
            if rel._target_mode == RTM.EXTERNAL:
                continue
            part = rel._target
            if id(part) in seen:
                continue
            seen.add(id(part))
            found.append(part)
            own = _fields(part, "_rels")
            if own is not None:
                walk(own)

    walk(package._rels)
    return tuple(found)


_TYPES = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<Types xmlns="
          '"http://schemas.openxmlformats.org/package/2006/content-types">')
_TYPE_TEXT = re.compile(r"[A-Za-z0-9._/:\-+]*")


def content_types_xml(parts: tuple[Any, ...]) -> bytes | None:
    """`[Content_Types].xml` for `parts`, byte for byte as python-pptx writes it (a default
    for each extension of a part whose type is that extension's usual one, sorted; an
    override for every other part, sorted by name), written as text; None when a name or
    type holds anything XML would escape (python-pptx's then)."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.spec import default_content_types

    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides: dict[str, str] = {}
    for part in parts:
        name, kind = part._partname, part._content_type
        ext = name.ext
        if (ext.lower(), kind) in default_content_types:
            defaults[ext.lower()] = kind
        else:
            overrides[name] = kind
    lines = [_TYPES]
    for ext, kind in sorted(defaults.items()):
        lines.append(f'<Default Extension="{ext}" ContentType="{kind}"/>')
    for name, kind in sorted(overrides.items()):
        lines.append(f'<Override PartName="{name}" ContentType="{kind}"/>')
    if not all(map(_TYPE_TEXT.fullmatch, [*defaults, *defaults.values(), *overrides,
                                           *overrides.values()])):
        return None
    lines.append("</Types>")
    return "".join(lines).encode("utf-8")


def _write(entries: _Entries, name: Any, blob: bytes, written: dict[str, bytes] | None
           ) -> None:
    entries.write(name, blob)
    if written is not None and name.startswith(("/ppt/slides/", "/ppt/notesSlides/")):
        written[str(name)] = blob


_PLAIN = re.compile(r"[A-Za-z0-9._/:\-]*")
_RELS = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<Relationships xmlns="
         '"http://schemas.openxmlformats.org/package/2006/relationships">')


def rels_xml(rels: Any) -> bytes:
    """A part's relationships item, byte for byte as python-pptx's `_Relationships.xml`
    writes it (relationships in the numerical order of their ids), from a template of
    text instead of a tree of elements; python-pptx writes it when an id, type or target
    holds anything but letters, digits and `._/:-` (a link's address, say), which XML
    would escape."""
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM

    by_id = _fields(rels, "_rels") or {}
    ordered = sorted((int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0,
                      rid) for rid in by_id)
    lines = [_RELS]
    for _, rid in ordered:
        rel = by_id[rid]
        external = rel._target_mode == RTM.EXTERNAL
        target = rel._target if external else relative_ref(
            str(rel._target._partname), rel._base_uri)
        if not (_PLAIN.fullmatch(rid) and _PLAIN.fullmatch(rel._reltype)
                and _PLAIN.fullmatch(target)):
            return bytes(rels.xml)
        mode = ' TargetMode="External"' if external else ""
        lines.append(f'<Relationship Id="{rid}" Type="{rel._reltype}" Target="{target}"'
                     f"{mode}/>")
    if len(lines) == 1:
        return bytes(rels.xml)
    lines.append("</Relationships>")
    return "".join(lines).encode("utf-8")


@functools.lru_cache(maxsize=4096)
def relative_ref(partname: str, base: str) -> str:
    """`partname` relative to the folder `base`, as python-pptx's `PackURI.relative_ref`
    gives it (`posixpath.relpath`, which makes both absolute and normal first: most of
    a long deck's saving of relationships went to it); worked out from the names'
    segments when both are absolute with no empty, `.` or `..` segment."""
    if base == "/":
        return partname[1:]
    target, folder = partname.split("/")[1:], base.split("/")[1:]
    if not (partname.startswith("/") and base.startswith("/")) or any(
            segment in ("", ".", "..") for segment in (*target, *folder)):
        return posixpath.relpath(partname, base)
    common = 0
    while common < min(len(target), len(folder)) and target[common] == folder[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + target[common:]) or "."


LEVEL = 6
"""zlib's compression level for every member."""
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_SMALL = 0x7FFFFFFF
"""Near this size, or beyond 65,535 members, a zip needs ZIP64 records: zipfile writes it."""
_deflated: dict[bytes, tuple[int, bytes]] = {}
_deflated_lock = threading.Lock()


def zipped(members: list[tuple[str, bytes]], when: dt.datetime, small: int = _SMALL
           ) -> bytes:
    """The members zipped, byte for byte as `zipfile` writes them with `writestr` (each
    deflated at LEVEL, stamped `when`, mode 644, made on Unix), so one outline gives one
    file. Members whose bytes the last zip also held are not deflated again: a rebuild
    in `watch` or `serve` changes a slide or two of a hundred parts."""
    global _deflated
    with _deflated_lock:
        kept = _deflated
    done: dict[bytes, tuple[int, bytes]] = {}
    for _, blob in members:
        if blob not in done:
            done[blob] = kept.get(blob) or _deflate(blob)
    with _deflated_lock:
        _deflated = done
    if len(members) > 0xFFFF or 1.1 * sum(len(blob) + len(done[blob][1]) + len(name) + 100
                                          for name, blob in members) > small:
        return _zipped_by_zipfile(members, when)
    stamp = when.timetuple()[:6]
    date = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    time = stamp[3] << 11 | stamp[4] << 5 | (stamp[5] // 2)
    out, central = bytearray(), bytearray()
    for name, blob in members:
        crc, data = done[blob]
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800
        central += _CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, flags, zipfile.ZIP_DEFLATED,
                                 time, date, crc, len(data), len(blob), len(encoded), 0, 0,
                                 0, 0, 0o644 << 16, len(out)) + encoded
        out += _LOCAL.pack(b"PK\x03\x04", 20, 0, flags, zipfile.ZIP_DEFLATED, time, date, crc,
                           len(data), len(blob), len(encoded), 0) + encoded + data
    end = _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(central),
                    len(out), 0)
    return bytes(out + central + end)


def _deflate(blob: bytes) -> tuple[int, bytes]:
    """A member's CRC and its raw deflate stream, as zipfile makes them."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return zlib.crc32(blob), compressor.compress(blob) + compressor.flush()


def _zipped_by_zipfile(members: list[tuple[str, bytes]], when: dt.datetime) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zipped.writestr(info, blob, compresslevel=LEVEL)
    return out.getvalue()


def save_presentation(presentation: Any, path: Path, when: dt.datetime,
                      reuse: Mapping[str, bytes] | None = None,
                      written: dict[str, bytes] | None = None,
                      members: list[tuple[str, bytes]] | None = None) -> int:
    """Write the presentation to `path` via a temporary file in the same folder, renamed
    into place only when complete; returns the size in bytes. `reuse`, `written` and
    `members` are package_bytes's."""
    return save_bytes(package_bytes(presentation, when, reuse=reuse, written=written,
                                    members=members), path)


def save_bytes(data: bytes, path: Path) -> int:
    """Write a deck's bytes to `path` via a temporary file in the same folder, renamed
    into place only when complete; returns the size in bytes. The bytes are remembered
    (edits/written.py): the next build to this path need not open the deck to learn
    whether someone edited it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    remember(path, data)
    return len(data)
