"""Where each value of an outline was written: lines and columns, also inside text values."""

from __future__ import annotations

from dataclasses import dataclass, field

from aligndeck.errors import Problem

PathKey = tuple[str | int, ...]


@dataclass
class Positions:
    """Where each value (and each mapping key) sits in the source, 1-based."""

    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    flow: set[PathKey] = field(default_factory=set)
    """Mappings written inline, `{ … }`, where a comma in unquoted text starts a new key."""
    scalars: dict[PathKey, tuple[str, int, int]] = field(default_factory=dict)
    """Each text value's style ('|', '>', '"', "'" or '' for plain) and the 0-based lines of
    `text` its node starts and ends on."""
    text: str = ""
    """The outline's source, to find positions inside a text value."""
    warnings: list[Problem] = field(default_factory=list)
    """What the YAML allows but the writer most likely did not mean (a `- ` line joined to
    the text above it)."""
    pairs: dict[PathKey, str] = field(default_factory=dict)
    """One-line mappings of unquoted text (`- Phase I: 20–100 adults`): the text as written
    from the key on, to show quoted where text was expected."""

    def of_value(self, path: PathKey) -> tuple[int, int]:
        """The position of the value at path, or of its nearest ancestor that has one."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (0, 0))

    def of_key(self, path: PathKey) -> tuple[int, int]:
        return self.keys.get(path) or self.of_value(path)

    def inside(self, path: PathKey, line: int, column: int) -> tuple[int, int]:
        """The file position of `line`:`column` (1-based) of the text value at `path`.

        Exact for literal blocks (`|`, `|-`, `|+`: each line of the value is a line of the
        file, shifted by the block's indentation) and for one-line plain or quoted values;
        other styles, whose lines are folded or escaped, give the value's own position.
        """
        start = self.of_value(path)
        if path not in self.scalars or not self.text:
            return start
        style, first, last = self.scalars[path]
        if style == "|":
            lines = self.text.split("\n")[first:last + 1]
            if line >= len(lines):
                return start
            source, value_lines = lines[line], [ln for ln in lines[1:] if ln.strip()]
            indent = len(value_lines[0]) - len(value_lines[0].lstrip(" ")) if value_lines else 0
            if not source.strip():
                return start[0] + line, indent + 1
            return start[0] + line, indent + column
        if style in ("", "'", '"') and first == last and line == 1:
            return start[0], start[1] + column - 1 + (1 if style else 0)
        return start
