"""Saving a deck so that the same input gives the same bytes, and atomically."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

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


def normalized_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry's time and attributes fixed, in the same order."""
    stamp = when.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            target.writestr(fixed, source.read(info.filename), compresslevel=6)
    return out.getvalue()


def save_presentation(presentation: Any, path: Path, when: dt.datetime) -> int:
    """Write the presentation to `path` via a temporary file in the same folder, renamed
    into place only when complete; returns the size in bytes."""
    buffer = io.BytesIO()
    presentation.save(buffer)
    data = normalized_zip(buffer.getvalue(), when)
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
    return len(data)
