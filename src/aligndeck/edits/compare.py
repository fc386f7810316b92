"""What changed in a deck since aligndeck built it: the deck as it is now against the
digest it carries, slide by slide and shape by shape, in content terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from aligndeck.edits.digest import Digest, DigestShape, DigestSlide
from aligndeck.edits.snapshot import Box, RunShot, ShapeShot, SlideShot, normal
from aligndeck.plan.model import Source

TOLERANCE = 9144
"""How far (in EMU, 1/100 inch) a shape may shift before it counts as moved: LibreOffice
rounds every length to 1/100 mm (360 EMU) when it saves."""

What = Literal["text", "notes", "moved", "restyled", "shape added", "shape removed",
               "slide added", "slide removed", "slide moved"]

Styled = tuple[str, bool, bool, bool, str | None]
"""A stretch of text in one style: text, bold, italic, code, link."""


@dataclass(frozen=True)
class Change:
    """One difference. `slide` is the slide's number as built (for an added slide, its
    number now); `source` the outline field the text came from, when it has one."""

    slide: int
    what: What
    shape: str = ""
    paragraph: int | None = None
    source: Source | None = None
    before: str = ""
    after: str = ""
    styled: tuple[Styled, ...] = ()
    """The new text's stretches, for turning its formatting back into markup."""
    slide_source: Source = ()


def styled_runs(runs: tuple[RunShot, ...], code_font: str,
                base: tuple[bool, bool] = (False, False)) -> tuple[Styled, ...]:
    """Runs merged where their style is the same, white space collapsed as `normal` does
    (a run of spaces across two stretches becomes one, kept in the first). Bold and
    italic that `base` says the whole paragraph had as built (a title's weight) are the
    shape's style, not the text's."""
    merged: list[Styled] = []
    for run in runs:
        style = (run.bold and not base[0], run.italic and not base[1],
                 bool(code_font) and run.font == code_font, run.link)
        text = re.sub(r"\s+", " ", run.text)
        if not merged or merged[-1][0].endswith(" "):
            text = text.lstrip(" ")
        if not text:
            continue
        if merged and merged[-1][1:] == style:
            merged[-1] = (merged[-1][0] + text, *style)
        else:
            merged.append((text, *style))
    if merged:
        last = merged[-1]
        merged[-1] = (last[0].rstrip(" "), *last[1:])
        if not merged[-1][0]:
            merged.pop()
    return tuple(merged)


def compare(digest: Digest, now: tuple[SlideShot, ...]) -> list[Change]:
    """Every difference between what aligndeck wrote and the deck now, in slide order."""
    pairs = match_slides(digest.slides, now)
    changes: list[Change] = []
    matched_now = set(pairs.values())
    for number, slide in enumerate(digest.slides, 1):
        if number - 1 not in pairs:
            changes.append(Change(number, "slide removed", slide_source=slide.source))
            continue
        changes += _slide_changes(number, slide, now[pairs[number - 1]], digest.code_font,
                                  digest.palette)
    for position in range(1, len(now) + 1):
        if position - 1 not in matched_now:
            changes.append(Change(position, "slide added"))
    order = [pairs[i] for i in sorted(pairs)]
    kept = _longest_increasing(order)
    for i in sorted(pairs):
        if pairs[i] not in kept:
            changes.append(Change(i + 1, "slide moved", after=str(pairs[i] + 1),
                                  slide_source=digest.slides[i].source))
    return sorted(changes, key=lambda c: (c.slide, c.what.startswith("slide")))


def match_slides(built: tuple[DigestSlide, ...], now: tuple[SlideShot, ...]
                 ) -> dict[int, int]:
    """Which slide now each built slide became (by index): identical content first, then
    the most fields in common; the slide id only breaks ties, as an editor may renumber."""
    pairs: dict[int, int] = {}
    free = set(range(len(now)))
    prints = [_fingerprint(s) for s in now]
    for i, slide in enumerate(built):
        mine = _fingerprint(slide.shot)
        same = [j for j in sorted(free) if prints[j] == mine]
        if same:
            best = min(same, key=lambda j: (now[j].slide_id != slide.slide_id, abs(j - i)))
            pairs[i] = best
            free.discard(best)
    scored = sorted(((_likeness(built[i].shot, now[j]), now[j].slide_id == built[i].slide_id,
                      -abs(i - j), i, j)
                     for i in range(len(built)) if i not in pairs for j in free),
                    reverse=True)
    for score, _, _, i, j in scored:
        if score > 0.5 and i not in pairs and j in free:
            pairs[i] = j
            free.discard(j)
    return pairs


def _fingerprint(shot: SlideShot) -> tuple[object, ...]:
    return (*sorted((s.key, s.texts) for s in shot.shapes), shot.notes)


def _likeness(a: SlideShot, b: SlideShot) -> float:
    """The share of `a`'s keyed texts and notes that `b` has unchanged, plus a little for
    every shape key the two share."""
    mine = {(s.key, s.texts) for s in a.shapes if any(s.texts)} | {("notes", (a.notes,))}
    theirs = {(s.key, s.texts) for s in b.shapes if any(s.texts)} | {("notes", (b.notes,))}
    keys_a = {s.key for s in a.shapes}
    keys_b = {s.key for s in b.shapes}
    shared = len(keys_a & keys_b) / max(1, len(keys_a | keys_b))
    return len(mine & theirs) / max(1, len(mine)) + shared


def _longest_increasing(values: list[int]) -> set[int]:
    """The values of one longest increasing subsequence: the slides that kept their order."""
    best: list[tuple[int, ...]] = []
    for value in values:
        longest: tuple[int, ...] = ()
        for chain in best:
            if chain[-1] < value and len(chain) > len(longest):
                longest = chain
        best.append((*longest, value))
    winner: tuple[int, ...] = ()
    for chain in best:
        if len(chain) > len(winner):
            winner = chain
    return set(winner)


def _slide_changes(number: int, slide: DigestSlide, now: SlideShot, code_font: str,
                   palette: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    keys_now = {s.key for s in now.shapes}
    for shape in slide.shapes:
        shot = now.shape(shape.shot.key)
        if shot is None:
            changes.append(Change(number, "shape removed", shape.shot.name,
                                  before=" / ".join(t for t in shape.shot.texts if t),
                                  slide_source=slide.source))
            continue
        changes += _shape_changes(number, shape, shot, code_font, slide.source, palette)
    built_keys = {s.shot.key for s in slide.shapes}
    for shot in now.shapes:
        if shot.key not in built_keys and shot.key in keys_now:
            changes.append(Change(number, "shape added", shot.name,
                                  after=" / ".join(t for t in shot.texts if t),
                                  slide_source=slide.source))
    if normal(slide.notes) != normal(now.notes):
        changes.append(Change(number, "notes", source=(*slide.source, "notes"),
                              before=slide.notes, after=now.notes,
                              slide_source=slide.source))
    return changes


def _shape_changes(number: int, built: DigestShape, now: ShapeShot, code_font: str,
                   slide_source: Source, palette: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    old = built.shot
    if old.paragraphs != now.paragraphs:
        bases = [_base(p) for p in old.paragraphs]
        before = [styled_runs(p, code_font, base) for p, base in zip(old.paragraphs, bases,
                                                                      strict=True)]
        after = [styled_runs(p, code_font, bases[i] if i < len(bases) else (False, False))
                 for i, p in enumerate(now.paragraphs)]
        if len(before) != len(after):
            changes.append(Change(number, "text", old.name, None, None,
                                  " / ".join(t for t in old.texts if t),
                                  " / ".join(t for t in now.texts if t),
                                  slide_source=slide_source))
        else:
            for index, (b, a) in enumerate(zip(before, after, strict=True)):
                if b != a:
                    changes.append(Change(number, "text", old.name, index,
                                          built.sources[index], old.texts[index],
                                          now.texts[index], a, slide_source))
    if _moved(old.box, now.box):
        changes.append(Change(number, "moved", old.name, before=_where(old.box),
                              after=_where(now.box), slide_source=slide_source))
    if not same_style(old.style, now.style, palette):
        changes.append(Change(number, "restyled", old.name, before=old.style,
                              after=now.style, slide_source=slide_source))
    return changes


def _base(runs: tuple[RunShot, ...]) -> tuple[bool, bool]:
    """Whether every run of a paragraph as built was bold, and italic."""
    texts = [r for r in runs if r.text.strip()]
    return (bool(texts) and all(r.bold for r in texts),
            bool(texts) and all(r.italic for r in texts))


_SAME_PRESET = {"": "rect", "straightConnector1": "line"}


def same_style(before: str, after: str, palette: dict[str, str]) -> bool:
    """Whether two `preset|fill|line` styles look the same. A part aligndeck left to the
    layout (empty) is not compared; `none` and empty are alike; a scheme colour matches
    the colour it stands for, which LibreOffice writes out for some lines."""
    if not before or not after:
        return True
    old, new = before.split("|"), after.split("|")
    if len(old) != 3 or len(new) != 3:
        return before == after
    if _SAME_PRESET.get(old[0], old[0]) != _SAME_PRESET.get(new[0], new[0]) and old[0]:
        return False
    return all(_same_colour(a, b, palette) for a, b in zip(old[1:], new[1:], strict=True))


def _same_colour(before: str, after: str, palette: dict[str, str]) -> bool:
    if not before or before == after:
        return True
    if {before, after} <= {"", "none"}:
        return True
    if after.startswith("#") and not before.startswith("#"):
        name = before.partition("(")[0]
        # A tint (lumMod/lumOff) is written out as its base colour by LibreOffice.
        return palette.get(name) == after
    return False


def _moved(before: Box | None, after: Box | None) -> bool:
    if before is None or after is None:
        return False  # a placeholder that keeps its layout's place, before or after
    return any(abs(a - b) > TOLERANCE for a, b in zip(before, after, strict=True))


def _where(box: Box | None) -> str:
    if box is None:
        return "?"
    x, y, w, h = (round(v / 914400 * 2.54, 2) for v in box)
    return f"{x}, {y} cm, {w} × {h} cm"
