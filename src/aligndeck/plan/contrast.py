"""Readable text on any palette: where a template's colours (or a user's) make a text role
fail WCAG AA against the fill behind it, the plan swaps in the role that passes best."""

from __future__ import annotations

from dataclasses import replace

from aligndeck.plan.lint import BACKGROUND, LARGE_PT, is_large, layout_colours, words_rect
from aligndeck.plan.model import (
    Box,
    Chart,
    Colour,
    DeckPlan,
    Diagram,
    Element,
    Rect,
    Role,
    Run,
    SlidePlan,
    Text,
    TextFrame,
)
from aligndeck.plan.slides import KINDS
from aligndeck.plan.theme import ACCENTS, Theme, contrast_ratio, hls, hue_distance

CANDIDATES = (Colour("ink"), Colour("on_accent"), Colour("muted"))
"""Roles tried, in order, when a run's own colour is not readable on its fill."""
LINE = Colour("line")
VISIBLE_FILL = 1.05
"""The least contrast between a box's fill and the slide behind it for the fill alone to
show the box (the house design's lightest surface on white is 1.1:1); below it, an outline."""
_ROLES: tuple[Role, ...] = ("background", "ink", "muted", "accent", "surface", "on_accent",
                          "accent2", "accent3", "accent4", "accent5", "accent6")
"""Roles a placeholder's colour is matched to (the slots text is written in)."""
PALER_STEP = 5
"""How far (percent toward the page) a box's fill is lightened per step when no text
colour reaches AA on it."""
ON_PICTURE = (Colour("ink"), BACKGROUND)
"""Roles tried, in order, for text over what a template's layout draws (a photo, a band,
a gradient): the theme's dark text, then its light text."""


SHADES = (-25, -50)
"""An accent's own variants tried first where it does not read: Office's "Darker 25%" and
"Darker 50%" of it on a light theme (lighter on a dark one), the shades its colour picker
offers, so the kicker stays in the template's hue."""


def near_accent(colour: Colour, theme: Theme) -> tuple[Colour, ...]:
    """For a run in an accent colour (a kicker), what stays nearest the design before the
    theme's text colours: the accent's own shades, then the scheme's other accents by how
    near their hue is to it. Nothing for any other colour."""
    if colour.role not in ACCENTS or colour.tint:
        return ()
    hue = hls(theme.hex(colour))[0]
    others = sorted((Colour(role) for role in ACCENTS if role != colour.role),
                    key=lambda c: hue_distance(hls(theme.hex(c))[0], hue))
    return (*(Colour(colour.role, tint) for tint in SHADES), *others)



def readable(run: Run, behind: Colour, theme: Theme) -> Colour:
    return _readable(run.colour, is_large(run), behind, theme)


def _readable(colour: Colour, large: bool, behind: Colour, theme: Theme) -> Colour:
    """The run's colour if it passes WCAG AA on `behind`, else the best passing role (or the
    one with the most contrast when none passes)."""
    needed = 3.0 if large else 4.5
    fill = theme.hex(behind)

    def ratio(candidate: Colour) -> float:
        return contrast_ratio(theme.hex(candidate), fill)

    if ratio(colour) >= needed:
        return colour
    passing = [c for c in (*near_accent(colour, theme), *CANDIDATES) if ratio(c) >= needed]
    return passing[0] if passing else max(CANDIDATES, key=ratio)


class _Readability:
    """Readable colours for one theme, each (colour, size class, fill) worked out once."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.found: dict[tuple[Colour, bool, Colour], Colour] = {}

    def colour(self, run: Run, behind: Colour) -> Colour:
        key = (run.colour, is_large(run), behind)
        if key not in self.found:
            self.found[key] = _readable(run.colour, key[1], behind, self.theme)
        return self.found[key]

    def paler(self, frame: TextFrame, fill: Colour) -> Colour:
        """`fill`, or where some run has no text colour reaching WCAG AA on it (a number on
        a mid-tone tint), the first paler tint of it (toward the page) on which every run
        has one; `fill` itself when no tint short of the page's own colour does."""
        runs = [r for p in frame.paragraphs for r in p.runs if r.text.strip()]

        def passes(candidate: Colour) -> bool:
            shown = self.theme.hex(candidate)
            return all(contrast_ratio(self.theme.hex(self.colour(r, candidate)), shown)
                       >= (3.0 if is_large(r) else 4.5) for r in runs)

        if fill.role == BACKGROUND.role or passes(fill):
            return fill
        return next((Colour(fill.role, tint) for tint in range(fill.tint + PALER_STEP, 100,
                                                               PALER_STEP)
                     if passes(Colour(fill.role, tint))), fill)

    def frame(self, frame: TextFrame, behind: Colour) -> TextFrame:
        """The frame with every run readable on `behind`; the same object when all already
        are (the usual case: copying frozen dataclasses is what this pass would spend its
        time on)."""
        if all(self.colour(r, behind) == r.colour for p in frame.paragraphs for r in p.runs):
            return frame
        paragraphs = tuple(replace(p, runs=tuple(replace(r, colour=self.colour(r, behind))
                                                 for r in p.runs))
                           for p in frame.paragraphs)
        return replace(frame, paragraphs=paragraphs)

    def over_layout(self, frame: TextFrame, under: tuple[str, ...],
                    beside: Colour | None = None) -> TextFrame | None:
        """The frame with each run in a colour readable on every one of the colours
        `under` it: its own (a kicker keeps its accent where it reads), else the colour of
        the layout's placeholder it stands `beside`, else the theme's dark or light text;
        None when some run has no such colour."""
        def worst(colour: Colour) -> float:
            ink = self.theme.hex(colour)
            return min(contrast_ratio(ink, behind) for behind in under)

        paragraphs = []
        for paragraph in frame.paragraphs:
            runs = []
            for run in paragraph.runs:
                needed = 3.0 if is_large(run) else 4.5
                tried = (run.colour, *near_accent(run.colour, self.theme),
                         *((beside,) if beside else ()), *ON_PICTURE)
                found = next((c for c in tried if worst(c) >= needed), None)
                if found is None:
                    return None
                runs.append(run if found == run.colour else replace(run, colour=found))
            paragraphs.append(replace(paragraph, runs=tuple(runs)))
        return replace(frame, paragraphs=tuple(paragraphs))

    def chart_colours(self, chart: Chart, under: tuple[str, ...]
                      ) -> tuple[Colour, Colour] | None:
        """The chart's text and axis colours readable on all of `under` (its own first,
        then the theme's dark or light text), or None."""
        def worst(colour: Colour) -> float:
            ink = self.theme.hex(colour)
            return min(contrast_ratio(ink, behind) for behind in under)

        needed = 3.0 if min(chart.text_size, chart.label_size) >= LARGE_PT else 4.5
        ink = next((c for c in (chart.ink, *ON_PICTURE) if worst(c) >= needed), None)
        if ink is None:
            return None
        muted = chart.muted if worst(chart.muted) >= needed else ink
        return ink, muted

    def beside(self, family: str, rect: Rect) -> Colour | None:
        """The scheme colour of the template placeholder nearest `rect` (the title beside a
        kicker, the subtitle above a byline), when its colour is one of the theme's roles."""
        frame = self.theme.frame(family)
        coloured = [(getattr(frame, role), look.colour) for role, look in frame.looks
                    if isinstance(getattr(frame, role, None), Rect) and look.colour]
        if not coloured:
            return None
        _, colour = min(coloured, key=lambda pair: _distance(pair[0], rect))
        return next((Colour(role) for role in _ROLES if self.theme.hex(Colour(role)) == colour),
                    None)

    def placeholder(self, slide: SlidePlan, element: Text, scrims: dict[str, Box]) -> Text:
        """A template's placeholder keeps the template's colour where it reads on what the
        layout draws under its words (a sample slide's paper carried onto the master);
        else its runs are written in the theme's dark or light text, whichever reads, or
        stand on a page panel."""
        family = KINDS[slide.kind].family
        if self.theme.frames is None or not element.placeholder:
            return element
        under = layout_colours(self.theme, slide, words_rect(element, self.theme))
        look = self.theme.frame(family).look(element.placeholder)
        if not under or look is None:
            return element
        own = look.colour or self.theme.hex(Colour("ink"))
        runs = [r for p in element.frame.paragraphs for r in p.runs if r.text.strip()]
        bold = bool(look.bold)
        if all(min(contrast_ratio(own, behind) for behind in under)
               >= (3.0 if is_large(replace(r, bold=bold)) else 4.5) for r in runs):
            return element
        inked = replace(element.frame, paragraphs=tuple(
            replace(p, runs=tuple(replace(r, colour=Colour("ink"), bold=bold)
                                  for r in p.runs))
            for p in element.frame.paragraphs))
        found = self.over_layout(inked, under)
        if found is None:
            scrims[element.name] = Box(f"{element.name}-scrim", element.rect, BACKGROUND)
            found = self.frame(inked, BACKGROUND)
        # the runs' weights stay the template's: only their colours are written
        coloured = replace(element.frame, paragraphs=tuple(
            replace(p, runs=tuple(replace(r, colour=c.colour)
                                  for r, c in zip(p.runs, q.runs, strict=True)))
            for p, q in zip(element.frame.paragraphs, found.paragraphs, strict=True)))
        return replace(element, frame=coloured, recoloured=True)

    def slide(self, slide: SlidePlan) -> SlidePlan:
        filled = [b for b in slide.boxes() if b.fill is not None]
        scrims: dict[str, Box] = {}

        def text(element: Text) -> Text:
            if not element.styled:
                return self.placeholder(slide, element, scrims)
            behind = next((b.fill for b in filled if b.rect.contains(element.rect)), None)
            under = layout_colours(self.theme, slide, words_rect(element, self.theme)) \
                if behind is None else ()
            if under:
                frame = self.over_layout(element.frame, under,
                                         self.beside(KINDS[slide.kind].family, element.rect))
                if frame is not None:
                    return replace(element, frame=frame)
                # No colour of the scheme reads on every part of the picture under the
                # text: a panel of the page's own colour goes behind it.
                scrims[element.name] = Box(f"{element.name}-scrim", element.rect, BACKGROUND)
                behind = BACKGROUND
            frame = self.frame(element.frame, behind or BACKGROUND)
            return element if frame is element.frame else replace(element, frame=frame)

        def box(element: Box) -> Box:
            frame = element.frame
            if frame is None:
                return element
            if element.fill is None:
                # A label with no fill of its own (a loop's centre, a link's label) stands
                # on what the layout draws: readable on all of it, else on a page panel.
                under = layout_colours(self.theme, slide, element.rect)
                if under:
                    found = self.over_layout(frame, under)
                    if found is not None:
                        return replace(element, frame=found)
                    element = replace(element, fill=BACKGROUND)
            fill = self.paler(frame, element.fill) if element.fill else BACKGROUND
            if fill != element.fill and element.fill is not None:
                element = replace(element, fill=fill)
            return replace(element, frame=self.frame(frame, fill))

        def visible(element: Box) -> Box:
            """A diagram box whose fill all but vanishes into the slide behind it gets an
            outline in the line colour, so it still reads as a box."""
            if element.fill is None or element.line is not None:
                return element
            fill = self.theme.hex(element.fill)
            under = layout_colours(self.theme, slide, element.rect) or (
                self.theme.hex(BACKGROUND),)
            if min(contrast_ratio(fill, colour) for colour in under) >= VISIBLE_FILL:
                return element
            return replace(element, line=LINE, line_width=1.0)

        def chart(element: Chart) -> Chart:
            """A chart's text beside its bars in a colour readable on everything the
            layout draws under the chart (a gradient's dark end, a photo), else on a page
            panel behind the chart."""
            under = layout_colours(self.theme, slide, element.rect)
            if not under:
                return element
            found = self.chart_colours(element, under)
            if found is None:
                scrims[element.name] = Box(f"{element.name}-scrim", element.rect, BACKGROUND)
                return element
            ink, muted = found
            if (ink, muted) == (element.ink, element.muted):
                return element
            return replace(element, ink=ink, muted=muted)

        def walk(element: Element) -> Element:
            if isinstance(element, Text):
                return text(element)
            if isinstance(element, Chart):
                return chart(element)
            if isinstance(element, Box):
                return box(element)
            if isinstance(element, Diagram):
                return replace(element, boxes=tuple(visible(box(b)) for b in element.boxes),
                               labels=tuple(box(b) for b in element.labels))
            return element

        elements: list[Element] = []
        for element in slide.elements:
            walked = walk(element)
            if element.name in scrims and isinstance(element, Text | Chart):
                elements.append(scrims[element.name])
            elements.append(walked)
        if not scrims and all(new is old for new, old in zip(elements, slide.elements,
                                                             strict=True)):
            return slide  # nothing changed: no copy (the usual case)
        return replace(slide, elements=tuple(elements))


def _distance(a: Rect, b: Rect) -> int:
    """The gap between two rectangles (0 when they touch or overlap), in EMU."""
    dx = max(0, a.x - b.right, b.x - a.right)
    dy = max(0, a.y - b.bottom, b.y - a.bottom)
    return dx + dy


def ensure_contrast(plan: DeckPlan, theme: Theme) -> DeckPlan:
    """The plan with every styled run readable on the fill behind it."""
    readability = _Readability(theme)
    return replace(plan, slides=tuple(readability.slide(slide) for slide in plan.slides))
