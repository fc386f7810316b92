"""Layouts several slide kinds share: the cover stack (title and closing slides) and the
ruled sentence (insight and quote slides)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from aligndeck.plan.context import PlanContext, free_ground
from aligndeck.plan.model import (
    EMU_PER_PT,
    Align,
    Box,
    Colour,
    Element,
    PlaceholderRole,
    Rect,
    Run,
    Source,
    Text,
    TextFrame,
    inches,
)
from aligndeck.plan.parts import ACCENT, INK, MUTED, Maker, para, plain
from aligndeck.plan.text import is_rtl_text, line_height_pt


@dataclass(frozen=True)
class CoverLine:
    """A line under a cover's title: subtitle, byline, closing line or question prompt."""

    name: str
    text: str
    source: Source
    size: float
    floor: float
    colour: Colour
    bold: bool = False

    def maker(self) -> Maker:
        return lambda size: [para(Run(self.text, size, self.colour, bold=self.bold,
                                      source=self.source))]


def cover_elements(ctx: PlanContext, kicker: str | None, title: str, title_source: Source,
                   lines: Sequence[CoverLine]) -> list[Element]:
    """A cover's kicker, title and lines: in a template's title layout, or stacked and
    centred on the built-in grid."""
    if ctx.frame("cover").fixed:
        return _framed_cover(ctx, kicker, title, title_source, lines)
    return _stacked_cover(ctx, kicker, title, title_source,
                          [_line(ctx, line) for line in lines],
                          title_size=ctx.theme.type.cover_title)


def _stacked_cover(ctx: PlanContext, kicker: str | None, title: str, title_source: Source,
                   lines: list[Text], *, title_size: float) -> list[Element]:
    """Accent rule, kicker, big title and the given lines, stacked and centred vertically."""
    g = ctx.theme.grid
    x, width = g.span(0, 10)
    probe = Rect(x, 0, width, inches(2.6))
    make = _title_maker(title, title_source)
    fitted = ctx.fit(make, probe, title_size, _cover_title_floor(ctx, make, probe, title_source))
    title_h = min(probe.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.12))
    rule_h, kicker_h, gap = inches(0.07), inches(0.4), inches(0.22)
    total = rule_h + gap + (kicker_h if kicker else 0) + title_h + gap
    total += sum(line.rect.h for line in lines) + inches(0.1) * len(lines)
    y = max(g.margin, (g.height - total) // 2 - inches(0.15))
    elements: list[Element] = [Box("accent-rule", Rect(x, y, inches(0.9), rule_h), ACCENT)]
    y += rule_h + gap
    if kicker:
        elements.append(ctx.kicker(kicker, Rect(x, y, width, kicker_h), source=("kicker",)))
        y += kicker_h
    elements.append(Text("title", Rect(x, y, width, title_h),
                         TextFrame(fitted.paragraphs, anchor="top"), "title"))
    y += title_h + gap
    for line in lines:
        elements.append(Text(line.name, Rect(x, y, width, line.rect.h), line.frame,
                             line.placeholder))
        y += line.rect.h + inches(0.1)
    return elements


def _line(ctx: PlanContext, line: CoverLine) -> Text:
    """A line under a built-in cover's title, as tall as its fitted text."""
    g = ctx.theme.grid
    x, width = g.span(0, 10)
    probe = Rect(x, 0, width, inches(1.4))
    fitted = ctx.fit(line.maker(), probe, line.size, _line_floor(ctx, line, probe))
    height = min(probe.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.08))
    return Text(line.name, Rect(x, 0, width, height), TextFrame(fitted.paragraphs),
                "subtitle" if line.name == "subtitle" else None)


def _framed_cover(ctx: PlanContext, kicker: str | None, title: str, title_source: Source,
                  lines: Sequence[CoverLine]) -> list[Element]:
    """A cover in a template's title layout: the title in its title placeholder, the
    first lines in its subtitle and second text placeholders, the rest below."""
    t = ctx.theme.type
    frame = ctx.frame("cover")
    g = ctx.theme.grid
    # measured in the weight the layout's title sets it in (the .pptx leaves it to it)
    make = _title_maker(title, title_source, bold=bool(frame.title_bold))
    title_rect = frame.title
    if not ctx.fits(make, title_rect, t.title_floor):
        # a title placeholder one small line high (a template that sets its title at
        # 16 pt): the title runs on down into the free space below it
        title_rect = _grown(ctx, make, t.title_floor, title_source, title_rect,
                            [r for r in (frame.subtitle, frame.byline) if r is not None])
    subtitle_rect = frame.subtitle
    moved = None
    if not ctx.fits(make, title_rect, t.title_floor) and frame.subtitle is not None:
        moved = _over_subtitle(ctx, make, lines[0] if lines else None, title_source)
    if moved is not None:
        title_rect, subtitle_rect, floor = moved
    else:
        floor = _cover_title_floor(ctx, make, title_rect, title_source)
    fitted = ctx.fit(make, title_rect, t.cover_title, floor)
    kicker_rect = None
    lower = Rect(title_rect.x, title_rect.y + inches(0.4), title_rect.w,
                 title_rect.h - inches(0.4))
    if kicker and moved is not None and ctx.fits(_kicker_maker(kicker), frame.title,
                                                 ctx.theme.type.kicker):
        # The title moved below its placeholder: the kicker takes the place it left.
        kicker_rect = frame.title
    elif kicker and frame.title.y - g.margin >= inches(0.4):
        kicker_rect = _clear_of_logos(ctx, kicker, Rect(
            frame.title.x, frame.title.y - inches(0.4), frame.title.w, inches(0.35)))
    elif kicker and lower.h > 0 and ctx.fits(make, lower, fitted.size):
        # No room above a title placeholder at the slide's top (the Puccia templates'):
        # the kicker takes the top of the placeholder, whose title, centred in it, keeps
        # its size and lines in the rest.
        kicker_rect = Rect(title_rect.x, title_rect.y, title_rect.w, inches(0.35))
        title_rect = lower
    elif kicker:
        ctx.warn(("kicker",), "the template's title layout leaves no room for the kicker "
                 "above or in its title placeholder; it is left out")
    elements: list[Element] = [Text("title", title_rect, TextFrame(fitted.paragraphs,
                                                                  anchor="middle"),
                                    "title", styled=False)]
    if kicker and kicker_rect is not None:
        # The kicker spans the title, aligned as the title is.
        made = ctx.kicker(kicker, kicker_rect, source=("kicker",))
        elements.append(_aligned(made, frame.title_align))
    slots: list[tuple[PlaceholderRole, Rect | None]] = [("subtitle", subtitle_rect),
                                                         ("byline", frame.byline)]
    below = title_rect.bottom + inches(0.15)
    # A line of ours joins the placeholder just above it: its margins and its alignment.
    beside, align = title_rect, frame.title_align
    for line in lines:
        role, rect = slots.pop(0) if slots else ("subtitle", None)
        placeholder: PlaceholderRole | None = role if rect is not None else None
        if rect is None:
            # Below the title, inside the area the layout leaves clear of its logos.
            free = frame.content
            top = max(below, free.y)
            left = max(beside.x, free.x)
            right = min(beside.right, free.right)
            height = min(inches(0.9), free.bottom - top)
            if height < inches(0.3) or right - left < inches(1):
                ctx.warn(line.source or ("closing",), "the template's title layout leaves no "
                         "room for this line; it is left out")
                continue
            rect = Rect(left, top, right - left, height)
        if placeholder is not None and not ctx.fits(line.maker(), rect, line.floor):
            rect = _grown(ctx, line.maker(), line.floor, line.source or ("closing",), rect,
                          [r for _, r in slots if r is not None])
        fitted = ctx.fit(line.maker(), rect, line.size, _line_floor(ctx, line, rect))
        added = Text(line.name, rect, TextFrame(fitted.paragraphs), placeholder,
                     styled=placeholder is None)
        elements.append(added if placeholder is not None else _aligned(added, align))
        below = max(below, rect.bottom + inches(0.1))
        if placeholder is not None:
            look = frame.look(placeholder)
            beside, align = rect, (look.align if look and look.align else frame.title_align)
    return elements


def _kicker_maker(kicker: str) -> Maker:
    return lambda size: [para(Run(kicker, size, ACCENT, bold=True))]


def _clear_of_logos(ctx: PlanContext, kicker: str, rect: Rect) -> Rect:
    """The kicker's line above a left-aligned title, ended where the layout draws something
    other than what is behind the title (a logo in the middle of the band: BSE's), when
    the kicker still fits (in a right-to-left talk, from the right); `rect` as it is
    otherwise. A kicker over a logo needs a panel
    of its own to be read, which a designer would not keep."""
    frame = ctx.frame("cover")
    backdrop = frame.backdrop
    if backdrop is None or frame.title_align != "left":
        return rect
    under = set(backdrop.colours_under(frame.title))
    step = inches(0.1)
    # from the end the kicker starts at: the right in a right-to-left talk
    rtl = is_rtl_text(kicker, ctx.outline.language)
    clear = 0
    while clear + step <= rect.w and set(backdrop.colours_under(Rect(
            rect.right - clear - step if rtl else rect.x + clear, rect.y, step, rect.h))
                                         ) <= under:
        clear += step
    if clear + step > rect.w:
        return rect
    width = clear - step
    narrowed = Rect(rect.right - width if rtl else rect.x, rect.y, width, rect.h)
    fits = narrowed.w > 0 and ctx.fits(_kicker_maker(kicker), narrowed, ctx.theme.type.kicker)
    return narrowed if fits else rect


def _over_subtitle(ctx: PlanContext, make: Maker, first: CoverLine | None, source: Source
                   ) -> tuple[Rect, Rect, float] | None:
    """A title the title placeholder cannot hold even grown (a layout whose title is one
    small line between a logo above and a rule below, as BSE's) set on two or three lines
    at the top of the subtitle's placeholder, the line that placeholder holds (`first`,
    the subtitle or else the byline) under it in the rest, when both fit so at their
    floors: (title's rect, the rest, the title's floor); else None."""
    t = ctx.theme.type
    room = ctx.frame("cover").subtitle
    if room is None:
        return None
    gap = inches(0.1)
    for size in (t.title_floor, t.title_last_resort):
        for count in (2, 3):
            need = math.ceil(count * line_height_pt(size) * EMU_PER_PT) + inches(0.1)
            title = Rect(room.x, room.y, room.w, need)
            rest = Rect(room.x, room.y + need + gap, room.w, room.h - need - gap)
            if rest.h <= 0 or not ctx.fits(make, title, size):
                continue
            floor = t.body_floor if first is None or first.name == "subtitle" else \
                first.floor
            if first is None or ctx.fits(first.maker(), rest, floor):
                ctx.warn(source, "too long for the template's title placeholder: set on "
                         f"{count} lines at the top of the subtitle's, what follows under it")
                return title, rest, size
    return None


def _line_floor(ctx: PlanContext, line: CoverLine, rect: Rect) -> float:
    """A subtitle that does not fit at its floor shrinks on, in steps, to the body floor
    (with a warning) before it is an error: a designer would rather set it smaller."""
    if line.name != "subtitle":
        return line.floor
    return ctx.floor_or_lower(line.maker(), rect, line.floor, ctx.theme.type.body_floor,
                              line.source, "its place on the cover")


def _aligned(text: Text, align: Align) -> Text:
    """`text` with every paragraph aligned `align` (as the title beside it is)."""
    paragraphs = tuple(replace(p, align=align) for p in text.frame.paragraphs)
    return replace(text, frame=replace(text.frame, paragraphs=paragraphs))


def _title_maker(title: str, source: Source, bold: bool = True) -> Maker:
    return lambda s: [para(Run(title, s, INK, bold=bold, font="heading", source=source))]


def _cover_title_floor(ctx: PlanContext, make: Maker, rect: Rect, source: Source) -> float:
    """The cover title's floor: its own, or, when the title cannot fit at it, as low as
    the slide titles' floor, with a warning."""
    t = ctx.theme.type
    return ctx.floor_or_lower(make, rect, t.cover_title_floor, t.title_floor, source,
                              "the cover")


def _grown(ctx: PlanContext, make: Maker, floor: float, source: Source, rect: Rect,
           others: Sequence[Rect]) -> Rect:
    """A placeholder too small for its text, grown down into the free height the layout
    leaves below it (clear of the placeholders `others`), when that makes the text fit at
    `floor`; else the placeholder as it is (and fitting reports the text)."""
    bottom = ctx.frame("cover").content.bottom
    for other in others:
        if other.y >= rect.bottom and other.x < rect.right and rect.x < other.right:
            bottom = min(bottom, other.y - inches(0.1))
    # never onto what the layout draws below (a rule under the title, a band's edge)
    bottom = min(bottom, free_ground(ctx.frame("cover"), rect, rect.y, bottom)[1])
    grown = Rect(rect.x, rect.y, rect.w, max(rect.h, bottom - rect.y))
    if grown.h > rect.h and ctx.fits(make, grown, floor):
        ctx.warn(source, "too long for the template's placeholder: it runs on into the free "
                 "space the layout leaves below it")
        return grown
    return rect


def ruled(ctx: PlanContext, name: str, text: str, source: Source,
          by: tuple[str, Source] | None = None) -> list[Element]:
    """A sentence set large beside an accent rule (the insight, a quote), centred in the
    free area, with who said it under it."""
    t = ctx.theme.type
    content = ctx.frame("diagram").content
    x, width = ctx.span(content, 1, 10)
    by_h = inches(0.5) if by else 0
    area = Rect(x + inches(0.45), content.y, width - inches(0.45),
                content.h - inches(0.4) - by_h)
    fitted = ctx.fit(plain(text, INK, source, line_spacing=1.05), area, t.insight,
                     t.insight_floor)
    text_h = min(area.h, round(fitted.height_pt * EMU_PER_PT) + inches(0.1))
    y = area.y + (area.h - text_h) // 2
    elements: list[Element] = [
        Box("accent-rule", Rect(x, y, inches(0.09), text_h + by_h), ACCENT),
        Text(name, Rect(area.x, y, area.w, text_h),
             TextFrame(fitted.paragraphs, anchor="middle")),
    ]
    if by:
        rect = Rect(area.x, y + text_h, area.w, by_h)
        said = ctx.fit(plain(ctx.strings("quote_by", by=by[0]), MUTED, by[1]), rect,
                       t.subtitle - 4, t.footer)
        elements.append(Text(f"{name}-by", rect, TextFrame(said.paragraphs, anchor="middle")))
    return elements
