"""A deck with charts is byte-identical between builds: every part, the embedded
workbooks too, stamped with SOURCE_DATE_EPOCH or the fixed epoch."""

from __future__ import annotations

import io
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from aligndeck.api import build

OUTLINES = Path(__file__).parent / "outlines"


def _parts(deck: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(deck) as package:
        return {name: package.read(name) for name in package.namelist()}


def _workbook_times(blob: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as workbook:
        core = workbook.read("docProps/core.xml").decode()
    return re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core)


@pytest.mark.parametrize(("epoch", "stamp"), [
    (None, "1980-01-01T00:00:00Z"),
    ("1700000000", "2023-11-14T22:13:20Z"),
])
def test_charts_build_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     epoch: str | None, stamp: str) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    shutil.copytree(OUTLINES / "data", tmp_path / "data")
    outline = tmp_path / "deck.yaml"
    shutil.copy(OUTLINES / "data-slides.yaml", outline)
    first = build(outline, tmp_path / "a.pptx").path
    time.sleep(1.1)  # a clock read anywhere would now give another second
    second = build(outline, tmp_path / "b.pptx").path
    a, b = _parts(first), _parts(second)
    workbooks = [name for name in a if name.endswith(".xlsx")]
    assert len(workbooks) == 3
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    assert first.read_bytes() == second.read_bytes()
    for name in workbooks:
        assert _workbook_times(a[name]) == [stamp, stamp]
    assert os.environ.get("SOURCE_DATE_EPOCH") == epoch
