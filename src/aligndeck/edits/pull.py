"""`aligndeck pull`: text edits made in the deck, written back into the YAML outline.

The outline is parsed with ruamel.yaml only to find where each value lies (its nodes keep
their start and end in the text); the new value is spliced into the text in the style the
old one was written in (plain, quoted, folded or literal), so comments, anchors, key
order, indentation and every other value stay byte for byte. The result is parsed again
and must differ from the old outline in the pulled values only.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aligndeck.edits.compare import Change
from aligndeck.edits.digest import LABEL
from aligndeck.edits.markup_back import plain, renders_as, to_markup
from aligndeck.plan.model import Source

PULLABLE = ("text", "notes")


@dataclass(frozen=True)
class Pulled:
    change: Change
    value: str


@dataclass(frozen=True)
class Left:
    change: Change
    reason: str


@dataclass(frozen=True)
class PullResult:
    text: str
    """The outline with the pulled values; the same text when nothing was pulled."""
    pulled: tuple[Pulled, ...]
    left: tuple[Left, ...]


class PullError(Exception):
    """The outline cannot be read as YAML."""


def pull_edits(outline: str, changes: tuple[Change, ...] | list[Change]) -> PullResult:
    """Write every text edit in `changes` that has a field in `outline` into it."""
    try:
        root = YAML(typ="rt").compose(outline)
    except YAMLError as exc:
        raise PullError(str(exc).strip().splitlines()[-1]) from None
    wanted: dict[Source, list[tuple[Change, str]]] = {}
    left: list[Left] = []
    for change in changes:
        reason, value = _new_value(change, root)
        if reason:
            left.append(Left(change, reason))
        else:
            assert change.source is not None
            key = change.source if change.source[-1] != LABEL else \
                (*change.source, change.before)  # one chart holds many labels
            wanted.setdefault(key, []).append((change, value))
    pulled: list[Pulled] = []
    edits: list[tuple[int, int, str, Source, str]] = []
    for source, found in wanted.items():
        values = {value for _, value in found}
        if len(values) > 1:
            left += [Left(c, "the same field was edited differently in several places")
                     for c, _ in found]
            continue
        if len(source) > 1 and source[-2] == LABEL:
            chart = _node(root, source[:-2])
            assert isinstance(chart, ScalarNode)
            label = str(source[-1])
            at = chart.start_mark.index + outline[chart.start_mark.index:
                                                  chart.end_mark.index].index(label)
            edits.append((at, at + len(label), found[0][1], source, found[0][1]))
            pulled += [Pulled(c, v) for c, v in found]
            continue
        trail = _trail(root, source)
        node = trail[-1]
        if node is None:  # notes for a slide whose notes aligndeck wrote
            parent = trail[-2]
            assert isinstance(parent, MappingNode)
            at, written = _new_key(outline, parent, str(source[-1]), found[0][1])
            edit = (at, at, written, source, found[0][1])
            if not _valid(_spliced(outline, [edit])):
                # A key the outline does not allow there (the cover's notes).
                left += [Left(c, "the outline has no notes for this slide and no place "
                                 "for them") for c, _ in found]
                continue
            edits.append(edit)
            pulled += [Pulled(c, v) for c, v in found]
            continue
        assert isinstance(node, ScalarNode)
        in_flow = any(getattr(n, "flow_style", False) for n in trail[:-1])
        start, end, written = _written(outline, node, found[0][1], in_flow)
        edits.append((start, end, written, source, found[0][1]))
        pulled += [Pulled(c, v) for c, v in found]
    text = _spliced(outline, edits)
    _check(outline, text, {source: value for *_, source, value in edits
                           if LABEL not in source},
           [(source[:-2], (str(source[-1]), value)) for *_, source, value in edits
            if LABEL in source])
    return PullResult(text, tuple(pulled), tuple(left))


def _spliced(outline: str, edits: list[tuple[int, int, str, Source, str]]) -> str:
    text = outline
    for start, end, written, _, _ in sorted(edits, key=lambda e: e[:2], reverse=True):
        text = text[:start] + written + text[end:]
    return text


def _valid(text: str) -> bool:
    from aligndeck.errors import OutlineError
    from aligndeck.outline.loader import load_located_text

    try:
        load_located_text(text)
    except OutlineError:
        return False
    return True


def _new_key(outline: str, mapping: MappingNode, key: str, value: str) -> tuple[int, str]:
    """Where a new `key: value` goes at the end of a block mapping, and its lines (the
    value folded, as the outline's notes usually are)."""
    newline = "\r\n" if "\r\n" in outline else "\n"
    indent = " " * mapping.value[0][0].start_mark.column
    at = mapping.value[-1][1].end_mark.index
    if at > 0 and outline[at - 1] != "\n":
        end = outline.find("\n", at)
        at = len(outline) if end < 0 else end + 1
    lines = [f"{indent}{key}: >-"]
    for number, paragraph in enumerate(value.split("\n")):
        if number:
            lines.append("")
        lines += [f"{indent}  {line}" for line in textwrap.wrap(
            paragraph, max(40, 76 - len(indent)), break_long_words=False,
            break_on_hyphens=False)]
    written = newline.join(lines) + newline
    if at == len(outline) and not outline.endswith("\n"):
        written = newline + written
    return at, written


def outline_has(outline: str, change: Change) -> bool:
    """Whether the outline already says what the deck now says for this change's field:
    a rebuild then loses nothing."""
    if change.what not in PULLABLE or change.source is None:
        return False
    try:
        root = YAML(typ="rt").compose(outline)
    except YAMLError:
        return False
    if change.source[-1] == LABEL:
        chart = _node(root, change.source[:-1])
        return isinstance(chart, ScalarNode) and bool(change.after) and \
            change.after in str(chart.value) and (change.before in change.after
                                                  or change.before not in str(chart.value))
    node = _node(root, change.source)
    if not isinstance(node, ScalarNode):
        return False
    if change.what == "notes":
        return _words(_value(node)) == _words(change.after)
    return renders_as(_value(node), change.styled)


def _value(node: ScalarNode) -> str:
    """The scalar's text; ruamel.yaml marks where a folded scalar was folded with BEL."""
    return str(node.value).replace("\a", "") if node.style == ">" else str(node.value)


def _words(text: str) -> str:
    return " ".join(text.split())


def _new_value(change: Change, root: Node | None) -> tuple[str, str]:
    """(why it is not pulled, "") or ("", the outline's new text)."""
    if change.what not in PULLABLE:
        return "only text is pulled: change the outline, or the theme, by hand", ""
    if change.source is None:
        return ("this text has no field of its own in the outline (aligndeck wrote it, "
                "or paragraphs were added or removed)"), ""
    if change.source[-1] == LABEL:
        return _label(change, _node(root, change.source[:-1]))
    node = _node(root, change.source)
    if node is None:
        parent = _node(root, change.source[:-1])
        if change.what == "notes" and isinstance(parent, MappingNode) and \
                not parent.flow_style and parent.value and _words(change.after):
            return "", change.after  # notes of your own for a slide aligndeck spoke for
        return "the outline has no such field", ""
    if not isinstance(node, ScalarNode):
        return "the outline's value here is not a text", ""
    if change.source[-1] == "csv":
        return "the text comes from a CSV file: edit it there", ""
    if change.what == "notes":
        if _words(_value(node)) != _words(change.before):
            return "the outline's notes changed since the deck was built", ""
        return "", change.after
    if plain(_value(node)) != _words(change.before):
        return ("the outline's text here differs from the deck's as built (changed since, "
                "or shown shortened or with words of aligndeck's)"), ""
    markup = to_markup(change.styled)
    if markup is None:
        return "its formatting has no markup in the outline (only bold, italic, code "\
               "and links)", ""
    return "", markup


_MERMAID_SPECIAL = set('[](){}|"<>#;\n')


def _label(change: Change, chart: Node | None) -> tuple[str, str]:
    """A Mermaid box or edge label: replaced in the chart's text where it is written
    once, by a label that needs no quoting."""
    if not isinstance(chart, ScalarNode):
        return "the outline has no such field", ""
    if str(chart.value).count(change.before) != 1:
        return (f"“{change.before}” is not written exactly once in the chart: change it "
                "there by hand"), ""
    if not change.after or _MERMAID_SPECIAL & set(change.after):
        return "the new label would need quoting in Mermaid: change it there by hand", ""
    return "", change.after


def _node(root: Node | None, path: Source) -> Node | None:
    return _trail(root, path)[-1]


def _trail(root: Node | None, path: Source) -> list[Node | None]:
    """The nodes from the root down to the value at `path` (None where it stops)."""
    node = root
    trail: list[Node | None] = [node]
    for part in path:
        if isinstance(node, MappingNode) and isinstance(part, str):
            node = next((v for k, v in node.value if isinstance(k, ScalarNode)
                         and k.value == part), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            node = node.value[part] if 0 <= part < len(node.value) else None
        else:
            node = None
        trail.append(node)
        if node is None:
            break
    return trail


def _written(outline: str, node: ScalarNode, value: str, in_flow: bool
             ) -> tuple[int, int, str]:
    """Where the scalar lies in the text (after its anchor or tag), and the new value
    written in its style."""
    start, end = node.start_mark.index, node.end_mark.index
    while outline[start] in "&!":
        start = _token_end(outline, start)
    style = node.style
    if style in ("|", ">"):
        end = start + len(outline[start:end].rstrip())
        header = outline[start:].split("\n", 1)[0].split("#", 1)[0].rstrip()
        line_start = outline.rfind("\n", 0, start) + 1
        body = outline[start:end].split("\n", 1)
        indent = len(body[1]) - len(body[1].lstrip(" ")) if len(body) > 1 else \
            start - line_start + 2
        pad = " " * indent
        if style == "|":
            lines = value.split("\n")
        else:
            lines = []
            for number, paragraph in enumerate(value.split("\n")):
                if number:
                    lines.append("")
                lines += textwrap.wrap(paragraph, max(40, 78 - indent),
                                       break_long_words=False, break_on_hyphens=False) or [""]
        return start, end, header + "".join(f"\n{pad}{line}" if line else "\n"
                                            for line in lines)
    if style == "'" and "\n" not in value:
        return start, end, "'" + value.replace("'", "''") + "'"
    if style is None and _plain_ok(value, in_flow):
        return start, end, value
    return start, end, json.dumps(value, ensure_ascii=False)


def _token_end(text: str, start: int) -> int:
    """Past an anchor or tag at `start` and the blanks after it."""
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


def _plain_ok(value: str, in_flow: bool) -> bool:
    if not value or value != value.strip() or "\n" in value:
        return False
    if in_flow and any(ch in value for ch in ",[]{}"):
        return False
    try:
        return bool(YAML(typ="safe", pure=True).load(f"k: {value}\n") == {"k": value})
    except YAMLError:
        return False


def _check(old: str, new: str, values: dict[Source, str],
           labels: list[tuple[Source, tuple[str, str]]]) -> None:
    """The new outline must read as the old one with the pulled values, and nothing else."""
    loader = YAML(typ="safe", pure=True)
    expected = loader.load(old)
    for path, value in values.items():
        _set(expected, path, value)
    for path, (before, after) in labels:
        chart = expected
        for part in path[:-1]:
            chart = chart[part]
        chart[path[-1]] = chart[path[-1]].replace(before, after)
    if loader.load(new) != expected:
        raise AssertionError("pull would change more than the edited values")


def _set(data: Any, path: Source, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    old = data.get(path[-1]) if isinstance(data, dict) else data[path[-1]]
    keep_newline = isinstance(old, str) and old.endswith("\n") and not value.endswith("\n")
    data[path[-1]] = value + ("\n" if keep_newline else "")
