"""Saving a deck so that the same input gives the same bytes, and atomically."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

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


class _FixedTimeZip:
    """The zip python-pptx's PackageWriter writes into, every entry stamped with one time
    and the same attributes, so one outline gives one file (python-pptx stamps the clock)."""

    def __init__(self, stream: IO[bytes], when: dt.datetime) -> None:
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)
        self._stamp = when.timetuple()[:6]

    def __enter__(self) -> _FixedTimeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self._zip.close()

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.create_system = 3
        self._zip.writestr(info, blob, compresslevel=6)


def package_bytes(presentation: Any, when: dt.datetime,
                  reuse: Mapping[str, bytes] | None = None,
                  written: dict[str, bytes] | None = None) -> bytes:
    """The presentation as a .pptx, written once (what `Presentation.save` writes, in the
    same order) with fixed entry times. A part (or relationships item) named in `reuse` is
    saved as those bytes instead of being serialized (render/reuse.py); what is saved of
    the slides and notes slides is put in `written`, when given."""
    from pptx.opc.serialized import PackageWriter

    package = presentation.part.package
    parts = tuple(package.iter_parts())
    writer = PackageWriter(io.BytesIO(), package._rels, parts)
    out = io.BytesIO()
    reuse = reuse or {}
    zipped: Any
    with _FixedTimeZip(out, when) as zipped:
        writer._write_content_types_stream(zipped)
        writer._write_pkg_rels(zipped)
        for part in parts:  # what PackageWriter._write_parts does, reused parts as they were
            _write(zipped, part.partname, reuse.get(part.partname) or part.blob, written)
            if part._rels:
                name = part.partname.rels_uri
                _write(zipped, name, reuse.get(name) or part.rels.xml, written)
    return out.getvalue()


def _write(zipped: _FixedTimeZip, name: Any, blob: bytes, written: dict[str, bytes] | None
           ) -> None:
    zipped.write(name, blob)
    if written is not None and name.startswith(("/ppt/slides/", "/ppt/notesSlides/")):
        written[str(name)] = blob


def save_presentation(presentation: Any, path: Path, when: dt.datetime,
                      reuse: Mapping[str, bytes] | None = None,
                      written: dict[str, bytes] | None = None) -> int:
    """Write the presentation to `path` via a temporary file in the same folder, renamed
    into place only when complete; returns the size in bytes. `reuse` and `written` are
    package_bytes's. The bytes are remembered (edits/written.py): the next build to this
    path need not open the deck to learn whether someone edited it."""
    data = package_bytes(presentation, when, reuse=reuse, written=written)
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
