"""The decks this process wrote, by path and a hash of their bytes: a deck still holding
exactly those bytes has not been edited since, so `watch` and `serve` need not open it
again before each rebuild (edits/guard.py)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

KEEP = 8
"""Paths remembered at once (a process writes one deck, or a few in a batch)."""

_lock = threading.Lock()
_written: dict[Path, bytes] = {}


def _key(path: Path) -> Path:
    return path.resolve()


def remember(path: Path, data: bytes) -> None:
    """`data` was just written to `path` by a build (a deck carrying its digest)."""
    key, digest = _key(path), hashlib.sha256(data).digest()
    with _lock:
        _written.pop(key, None)
        _written[key] = digest
        while len(_written) > KEEP:
            del _written[next(iter(_written))]


def unchanged(path: Path, data: bytes) -> bool:
    """Whether `data` (read from `path` now) is what a build of this process last wrote
    there."""
    with _lock:
        digest = _written.get(_key(path))
    return digest is not None and hashlib.sha256(data).digest() == digest


def forget() -> None:
    """Forget every deck written (a test's fresh start)."""
    with _lock:
        _written.clear()
