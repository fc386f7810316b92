"""An outline's source text: its bytes read with a cap, from a file or standard input (`-`),
decoded as UTF-8, with the characters YAML refuses reported where they are."""

from __future__ import annotations

import re
from pathlib import Path

from aligndeck.errors import OutlineError, Problem
from aligndeck.files import OUTLINE_LIMIT, FileProblem, read_capped

MAX_OUTLINE_BYTES = OUTLINE_LIMIT.default

_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What YAML 1.1 does not allow anywhere in a document, not even in a comment (PyYAML's
reader would refuse it with no line and column)."""
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML counts them, so positions agree with the parser's."""


def read_outline_text(path: Path) -> str:
    """The outline's text (standard input for `-`): UTF-8, at most 16 MB unless
    ALIGNDECK_MAX_OUTLINE_MB says otherwise; raises OutlineError otherwise."""
    try:
        raw = read_capped(path, OUTLINE_LIMIT, "outline",
                          "; to build from a pipe, give `-` and pipe the outline in")
    except FileProblem as exc:
        raise OutlineError([Problem(0, 0, "", str(exc))]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise OutlineError(
            [Problem(line, column, "", "the file is not UTF-8 text; save it as UTF-8")]
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _NOT_YAML.search(text)
    if bad:
        line, column = position(text, bad.start())
        raise OutlineError([Problem(line, column, "", f"the control character "
                                    f"U+{ord(bad.group()):04X} is not allowed in YAML, even "
                                    "in a comment; remove it")])
    return text


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]`, counting line breaks as YAML does."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1
