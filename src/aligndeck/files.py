"""Reading the files a user hands us, with a cap: outlines, images, templates and standard input.

A path that is not a regular file (a folder, a device such as /dev/zero, a FIFO nobody writes
to, a socket) is refused before it is opened for reading, since reading it could take
forever or never end. A regular file is read with a cap: never more than the limit plus one
byte, so a file that grows while it is read cannot exhaust memory either. Every limit can be
raised through an environment variable, for the rare user who really needs it.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

STDIN = "-"
"""The outline name that means standard input, as in other Unix tools."""

STDIN_NAME = "<stdin>"
"""How messages name standard input."""

_CHUNK = 1 << 16
_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Limit:
    """One configurable cap: its default, and the environment variable that overrides it.

    `unit` is the multiplier applied to the variable's value (1_000_000 for limits given in
    megabytes), so `ALIGNDECK_MAX_OUTLINE_MB=32` means 32,000,000 bytes."""

    env: str
    default: int
    unit: int = 1
    what: str = ""

    def value(self) -> int:
        """The limit in force: the environment variable when set, else the default."""
        raw = os.environ.get(self.env, "").strip()
        if not raw:
            return self.default
        try:
            number = float(raw)
        except ValueError:
            number = -1
        if not number > 0 or number != number or number == float("inf"):
            raise FileProblem(f"{self.env}={raw} is not a positive number; unset it to use "
                              f"the default ({self.describe(self.default)})")
        return max(1, round(number * self.unit))

    def describe(self, amount: int) -> str:
        """`16 MB` for megabyte limits, `5,000` for counts."""
        if self.unit == 1:
            return f"{amount:,}"
        return f"{amount / self.unit:g} MB"


MB = 1_000_000

OUTLINE_LIMIT = Limit("ALIGNDECK_MAX_OUTLINE_MB", 16 * MB, MB, "outline")
IMAGE_LIMIT = Limit("ALIGNDECK_MAX_IMAGE_MB", 64 * MB, MB, "image")
TEMPLATE_LIMIT = Limit("ALIGNDECK_MAX_TEMPLATE_MB", 100 * MB, MB, "template")
CSV_LIMIT = Limit("ALIGNDECK_MAX_CSV_MB", 1 * MB, MB, "CSV file")
"""A slide shows a few dozen rows at most: a 1 MB table is already far beyond that."""


class FileProblem(ValueError):
    """A file cannot be read as asked; the message is plain words, without the file's name
    (the caller knows how the user named it)."""


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in plain words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _refuse(kind: str, what: str, hint: str) -> FileProblem:
    return FileProblem(f"the {what} is {kind}, not a regular file{hint}")


def read_capped(path: Path | str, limit: Limit, what: str = "file", hint: str = "") -> bytes:
    """The bytes of `path` (standard input for `-`), at most `limit` of them.

    Refuses a folder, device, FIFO or socket before opening it for reading (the refusal
    ends with `hint`); reads at most the limit plus one byte, whatever the file's size
    claims. Raises FileProblem with a message in plain words; never OSError.
    """
    cap = limit.value()
    if str(path) == STDIN:
        return _read_stream(sys.stdin.buffer, cap, limit, what)
    try:
        kind = kind_of(os.stat(path).st_mode)
    except FileNotFoundError:
        raise FileProblem("no such file") from None
    except OSError as exc:
        raise FileProblem(f"cannot be read ({exc.strerror or exc})") from None
    if kind:
        raise _refuse(kind, what, hint)
    try:
        # O_NONBLOCK: should the path be swapped for a FIFO after the check above, opening
        # it does not wait for a writer; fstat below then refuses it.
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except OSError as exc:
        raise FileProblem(f"cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb", buffering=0) as file:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind:
            raise _refuse(kind, what, hint)
        return _read_stream(file, cap, limit, what)


def _read_stream(stream: BinaryIO, cap: int, limit: Limit, what: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= cap:
            chunk = stream.read(min(_CHUNK, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise FileProblem(f"cannot be read ({exc.strerror or exc})") from None
    if size > cap:
        raise FileProblem(f"the {what} is over {limit.describe(cap)}; at most "
                          f"{cap:,} bytes are accepted (set {limit.env} to raise the limit)")
    return b"".join(chunks)

