"""Safe YAML composition that keeps each node's line and column, turned into plain data."""

from __future__ import annotations

import json
from typing import Any

import yaml

from aligndeck.errors import OutlineError, Problem
from aligndeck.outline.positions import PathKey, Positions

MAX_NODES = 200_000
"""Bound on nodes visited while converting, so alias chains cannot expand without limit."""

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
}
_NULL_TAG = "tag:yaml.org,2002:null"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


def mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def printable(text: str) -> str:
    """Text safe to show on one line of a message: line breaks and control characters
    escaped as in YAML's double-quoted style (a key the user mistyped may hold them)."""
    if text.isprintable():
        return text
    return json.dumps(text, ensure_ascii=False)[1:-1]


def format_path(path: PathKey) -> str:
    """`('stages', 2, 'summary')` → `stages[2].summary`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{printable(part)}" if out else printable(part)
    return out


class Converter:
    """Turns composed YAML nodes into plain data, never constructing tagged objects.

    Scalars stay the text the user wrote (`name: 2022` is "2022", `label: no` is "no"):
    every field in the contract is text, and pydantic's lax mode turns text into the
    few non-text values later contracts may add.
    """

    def __init__(self, text: str = "") -> None:
        self.lines = text.splitlines()
        self.positions = Positions(text=text)
        self.problems: list[Problem] = []
        self.unusable: set[PathKey] = set()
        """Paths whose value was refused; validation skips what it would say about them."""
        self.visited = 0

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            line, col = mark(node)
            raise OutlineError(
                [Problem(line, col, format_path(path), "the outline expands to too many values "
                         "(aliases nested too deeply?); refusing to expand it")]
            )
        self.positions.values[path] = mark(node)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                return self._bad_tag(node, path)
            if node.flow_style:
                self.positions.flow.add(path)
            else:
                self._note_pair(node, path)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    line, col = mark(key_node)
                    self.problems.append(
                        Problem(line, col, format_path(path), "keys must be plain words")
                    )
                    continue
                key = str(key_node.value)
                if key in result:
                    line, col = mark(key_node)
                    first = self.positions.keys[(*path, key)][0]
                    self.problems.append(
                        Problem(line, col, format_path((*path, key)),
                                f"duplicate key '{printable(key)}' (first given on line {first})")
                    )
                    continue
                self.positions.keys[(*path, key)] = mark(key_node)
                result[key] = self.convert(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node, path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        self.positions.scalars[path] = (node.style or "", node.start_mark.line,
                                        node.end_mark.line)
        if node.tag == _NULL_TAG and not node.style:  # libyaml says "" where PyYAML None
            return None
        if node.tag in _PLAIN_TAGS or node.tag == _NULL_TAG:
            if not node.style and node.end_mark.line > node.start_mark.line:
                self._note_folded_item(node, path)
            return str(node.value)
        return self._bad_tag(node, path)

    def _note_pair(self, node: yaml.MappingNode, path: PathKey) -> None:
        if len(node.value) != 1:
            return
        key, value = node.value[0]
        line = key.start_mark.line
        if not (isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
                and not key.style and not value.style and value.end_mark.line == line
                and line < len(self.lines)):
            return
        self.positions.pairs[path] = self.lines[line][key.start_mark.column:
                                                      value.end_mark.column]

    def _note_folded_item(self, node: yaml.ScalarNode, path: PathKey) -> None:
        """Unquoted text that runs on to a more-indented `- ` line takes that line in as
        words; someone who wrote `- ` meant a new item."""
        first = node.start_mark.line
        for number in range(first + 1, min(node.end_mark.line + 1, len(self.lines))):
            line = self.lines[number]
            dash = len(line) - len(line.lstrip(" "))
            if not line[dash:].startswith("- "):
                continue
            start = self.lines[first]
            above = len(start) - len(start.lstrip(" "))
            fix = (f"to make it an item of its own, indent it {above} spaces like the others"
                   if start[above:].startswith("- ") else
                   "quote the text, or remove the '- ' if it belongs to the text")
            self.positions.warnings.append(Problem(
                number + 1, dash + 1, format_path(path),
                f"this '- ' line is indented more than line {first + 1} above it, so it was "
                f"joined to that text as '{printable(node.value)}'; {fix}", "warning"))
            return

    def _bad_tag(self, node: yaml.Node, path: PathKey) -> None:
        self.unusable.add(path)
        line, col = mark(node)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(
            Problem(line, col, format_path(path), f"tag '{tag}' is not allowed in an outline")
        )
        return None


FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's composer (PyYAML's wheels carry it), ten times faster on long outlines."""


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree, with each node's position: composed by libyaml when it is
    there; a document it rejects is composed again by PyYAML's own loader, whose messages
    and positions are the ones users see, so errors read the same on every machine."""
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)
