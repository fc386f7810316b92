"""Read a PowerPoint template: its layouts, chosen by what they hold, and its design as a Theme.

Layouts are chosen by their placeholders, then by their layout type, then by name, then by
free area: never by English names alone. What the plan needs from the template (slide size,
colours, fonts, where titles and free areas are) is handed over as a plain Theme, so the
plan stays free of PowerPoint objects.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pptx
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from aligndeck.errors import BuildError
from aligndeck.files import TEMPLATE_LIMIT, FileProblem, read_capped
from aligndeck.plan.backdrop import Backdrop
from aligndeck.plan.model import Emu, Rect, inches
from aligndeck.plan.theme import DEFAULT_THEME, LIGHT_MAP, Frames, Grid, LayoutFrame, Palette
from aligndeck.render.backdrop import draw_backdrop
from aligndeck.render.families import FAMILIES as FAMILIES
from aligndeck.render.families import FAMILY_OF_KIND as FAMILY_OF_KIND
from aligndeck.render.master_scale import (
    inherits_box,
    laid_out_small,
    master_scale,
    scaled,
)
from aligndeck.render.package_check import TemplateProblem, check_package
from aligndeck.render.template_cache import (
    LayoutChoice,
    Learnt,
    Template,
    all_layouts,
    keep,
    number_placeholders,
    recall,
    remove_sample_slides,
    template_key,
)
from aligndeck.render.template_fonts import placeholder_fonts
from aligndeck.render.template_samples import carry_shared_look
from aligndeck.render.template_style import placeholder_look, title_ink, title_look
from aligndeck.render.xml import A, P

TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_TYPE = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
_BODIES = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
_FOOTERS = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
_NAME_HINTS = {
    "cover": ("title slide", "título", "titulo", "titre", "titel", "タイトル スライド",
              "标题幻灯片"),
    "content": ("content", "conteúdo", "contenu", "inhalt", "コンテンツ", "内容"),
    "diagram": ("title only", "somente título", "titre seul", "nur titel", "タイトルのみ",
                "仅标题"),
}
"""Name hints, used only after placeholders and layout types could not decide."""


@dataclass(frozen=True)
class Placeholder:
    idx: int
    kind: Any
    name: str
    rect: Rect


def read_package(path: Path) -> bytes:
    """The template's bytes as a presentation package (.potx content type switched), once
    they passed every check of render/package_check.py; raises BuildError."""
    return _as_package(path, _read(path))


def _read(path: Path) -> bytes:
    try:
        return read_capped(path, TEMPLATE_LIMIT, "template")
    except FileProblem as exc:
        raise unusable(path, str(exc)) from None


def _as_package(path: Path, data: bytes) -> bytes:
    if data.startswith(OLE_SIGNATURE):
        raise unusable(path, "it is encrypted or an old binary .ppt; save it without a "
                       "password as .pptx or .potx")
    try:
        check_package(data)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = package.read("[Content_Types].xml")
            if TEMPLATE_TYPE not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in package.infolist():
                    body = package.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        body = body.replace(TEMPLATE_TYPE, PRESENTATION_TYPE)
                    copy.writestr(info, body)
            return out.getvalue()
    except (TemplateProblem, FileProblem) as exc:  # FileProblem: a limit's variable is bad
        raise unusable(path, str(exc)) from None
    except zipfile.BadZipFile:
        raise unusable(path, "not a PowerPoint file (.pptx or .potx)") from None


def unusable(path: Path, why: str) -> BuildError:
    """The one answer to every broken template: `FILE: not a usable template: why`."""
    return BuildError(f"{path}: not a usable template: {why}")


def load_template(path: Path) -> Template:
    """Open a .pptx or .potx template, remove its sample slides, choose a layout per slide
    family and describe its design as a Theme; raises BuildError for a broken template.

    What is learnt from a file is kept (render/template_cache.py): reading the same bytes
    again only hashes them, and the presentation is opened when a build asks for it."""
    raw = _read(path)
    key = template_key(raw, path.name)
    learnt = recall(key)
    if learnt is not None:
        return Template(learnt, path)
    data = _as_package(path, raw)
    try:
        template = _open(path, data)
    except BuildError:
        raise
    except Exception as exc:
        raise blame_template(path, exc) from None
    keep(key, template.learnt)
    return template


def blame_template(path: Path, exc: Exception) -> Exception:
    """The error to raise for `exc`, met while reading or building onto the template at
    `path`: `not a usable template` when python-pptx itself raised it, on a value in the
    template it could not read (python-pptx checks attribute values only when they are
    read); otherwise `exc` itself, as that is a bug in aligndeck."""
    trace, last = exc.__traceback__, None
    while trace is not None:
        trace, last = trace.tb_next, trace
    if last is None or not Path(last.tb_frame.f_code.co_filename).is_relative_to(_PPTX):
        return exc
    return unusable(path, f"python-pptx cannot read it ({type(exc).__name__}: {exc})")


_PPTX = Path(pptx.__file__).parent


def _open(path: Path, data: bytes) -> Template:
    try:
        presentation = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds on a damaged package
        raise unusable(path, f"python-pptx cannot open it ({type(exc).__name__})") from None
    carry_shared_look(presentation)
    remove_sample_slides(presentation)
    number_placeholders(presentation)
    width, height = int(presentation.slide_width or 0), int(presentation.slide_height or 0)
    layouts = list(all_layouts(presentation))
    if not any(_placeholders(layout, _TITLES) for _, layout in layouts):
        raise unusable(path, "no usable layout: none of its layouts has a title "
                       "placeholder")
    grid = Grid(width=width, height=height, margin=_margin(width))
    warnings = [f"layout '{layout.name}' has no title placeholder; it is never used"
                for _, layout in layouts if not _placeholders(layout, _TITLES)]
    choices = {family: choose_layout(family, layouts, width, height) for family in FAMILIES}
    master = presentation.slide_masters[0]
    palette, heading, body = _theme_part(master)
    colour_map = _colour_map(master)
    drawn: dict[str, Backdrop] = {}  # families often share a layout: draw it once

    def backdrop(layout: Any) -> Backdrop:
        key = str(layout.part.partname)
        if key not in drawn:
            drawn[key] = draw_backdrop(layout, palette, colour_map, width, height)
        return drawn[key]

    def framed(family: str) -> LayoutFrame:
        choice = choices[family]
        colour, bold = title_ink(choice.layout, choice.slots["title"], palette, colour_map)
        looks = tuple((role, placeholder_look(choice.layout, idx, palette, colour_map))
                      for role, idx in choice.slots.items())
        return replace(_frame(family, choice, grid), backdrop=backdrop(choice.layout),
                       title_colour=colour, title_bold=bold, looks=looks,
                       slots=tuple(choice.slots.items()))

    frames = Frames(**{family: framed(family) for family in FAMILIES})
    theme = replace(DEFAULT_THEME, name=f"template {path.name}", palette=palette,
                    colour_map=colour_map, grid=grid, frames=frames,
                    heading_font=heading, body_font=body)
    places = {layout.part.partname: place for place, (_, layout) in enumerate(layouts)}
    picks = tuple((family, places[c.layout.part.partname], c.name, c.master,
                   tuple(c.slots.items()), tuple(c.notes)) for family, c in choices.items())
    return Template(Learnt(data, theme, picks, tuple(warnings)), path, presentation, choices)


def _rect(shape: Any) -> Rect | None:
    if shape.left is None or shape.width is None:
        return None
    return Rect(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def _placeholder_rect(layout: Any, shape: Any) -> Rect | None:
    """A layout placeholder's box; one it inherits from a master laid out for a smaller
    slide scaled up to the slide (render/master_scale.py)."""
    rect = _rect(shape)
    if rect is None:
        return rect
    presentation = layout.part.package.presentation_part.presentation
    width, height = int(presentation.slide_width), int(presentation.slide_height)
    scale = master_scale(layout.slide_master, width, height)
    if scale is None or not (inherits_box(shape) or laid_out_small(layout, scale, width,
                                                                    height)):
        return rect
    return scaled(rect, scale)


def _placeholders(layout: Any, kinds: set[Any]) -> list[Placeholder]:
    found = []
    for shape in layout.placeholders:
        kind = shape.placeholder_format.type
        rect = _placeholder_rect(layout, shape) if kind in kinds else None
        if kind in kinds and rect is not None:
            found.append(Placeholder(shape.placeholder_format.idx, kind, shape.name, rect))
    return found


def _decorations(layout: Any, width: int, height: int) -> list[Rect]:
    """Logos, bars and footers a diagram must keep clear of (full-slide backgrounds aside)."""
    shapes = list(layout.shapes)
    if layout._element.get("showMasterSp") != "0":
        shapes += [s for s in layout.slide_master.shapes if not s.is_placeholder]
    rects = []
    for shape in shapes:
        if shape.is_placeholder and shape.placeholder_format.type not in _FOOTERS:
            continue
        rect = _placeholder_rect(layout, shape) if shape.is_placeholder else _rect(shape)
        if rect is None or rect.w * rect.h > 0.5 * width * height:
            continue
        rects.append(rect)
    return rects


def _has_picture(layout: Any) -> bool:
    """Whether a layout (or its master, when shown) carries a picture: a logo, usually."""
    shapes = list(layout.shapes)
    if layout._element.get("showMasterSp") != "0":
        shapes += list(layout.slide_master.shapes)
    return any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in shapes)


def _margin(width: int) -> Emu:
    return inches(0.6) if width >= inches(11) else inches(0.5)


FOOTER_BAND = inches(0.42)
"""Room kept at the bottom for a footer and slide number when a layout has no placeholders
for them."""


def free_area(title: Rect | None, obstacles: list[Rect], width: int, height: int,
              margin: Emu, bottom_band: Emu = 0) -> Rect:
    """The largest clear rectangle below the title, inside the margins (less `bottom_band`),
    that keeps clear of every obstacle: each one overlapping it is cut away by the side that
    keeps most area."""
    top = (title.bottom + inches(0.2)) if title is not None else margin
    left, right = margin, width - margin
    if title is not None and title.w >= width // 2:
        # Diagrams and tables line up with the title, as a body placeholder would.
        left, right = max(left, title.x), min(right, title.right)
    area = Rect(left, top, right - left, height - margin - bottom_band - top)
    for obstacle in sorted(obstacles, key=lambda r: (r.y, r.x)):
        if not obstacle.overlaps(area):
            continue
        gap = inches(0.15)
        cuts = [
            Rect(area.x, obstacle.bottom + gap, area.w, area.bottom - obstacle.bottom - gap),
            Rect(area.x, area.y, area.w, obstacle.y - gap - area.y),
            Rect(obstacle.right + gap, area.y, area.right - obstacle.right - gap, area.h),
            Rect(area.x, area.y, obstacle.x - gap - area.x, area.h),
        ]
        area = max((c for c in cuts if c.w > 0 and c.h > 0), key=lambda c: c.w * c.h,
                   default=area)
    return area


def _score(family: str, layout: Any, width: int, height: int) -> float:
    """How well a layout suits a family, by what it holds; 0 when it cannot serve."""
    titles = _placeholders(layout, _TITLES)
    if not titles:
        return 0.0
    bodies = _placeholders(layout, _BODIES)
    subtitles = _placeholders(layout, {PP_PLACEHOLDER.SUBTITLE})
    others = _placeholders(layout, {PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART,
                                    PP_PLACEHOLDER.TABLE, PP_PLACEHOLDER.MEDIA_CLIP})
    layout_type = layout._element.get("type", "")
    centred = titles[0].kind == PP_PLACEHOLDER.CENTER_TITLE
    big_body = max((b.rect.w * b.rect.h for b in bodies), default=0) / (width * height)
    score = 1.0
    if family == "cover":
        score += 4 * centred + 3 * bool(subtitles) + 1.5 * bool(bodies and not subtitles)
        score += 1 * (layout_type == "title") - 2 * bool(others)
    elif family == "content":
        if not bodies or centred:
            return 0.5 if not centred else 0.2
        score += 4 + 2 * (big_body > 0.3) + 1 * (layout_type == "obj") - len(bodies) * 0.5
        score -= 2 * bool(others)
    else:
        if centred:
            return 0.2
        score += 4 * (not bodies and not others) + 1 * (layout_type == "titleOnly")
        score += free_fraction(layout, width, height)
    name = str(layout.name).casefold()
    score += 0.25 * any(hint in name for hint in _NAME_HINTS[family])
    return float(score)


def free_fraction(layout: Any, width: int, height: int) -> float:
    titles = _placeholders(layout, _TITLES)
    area = free_area(titles[0].rect if titles else None, _decorations(layout, width, height),
                     width, height, _margin(width))
    return float(area.w * area.h) / (width * height)


def choose_layout(family: str, layouts: list[tuple[int, Any]], width: int, height: int
                  ) -> LayoutChoice:
    """The best layout for a family; ties go to the first master, then the first layout."""
    master, layout = max(layouts, key=lambda pair: _score(family, pair[1], width, height))
    choice = LayoutChoice(layout, layout.name, master)
    title = _placeholders(layout, _TITLES)[0]
    choice.slots["title"] = title.idx
    bodies = sorted(_placeholders(layout, _BODIES), key=lambda p: -p.rect.w * p.rect.h)
    subtitles = _placeholders(layout, {PP_PLACEHOLDER.SUBTITLE})
    if family == "cover":
        below = sorted((p for p in [*subtitles, *bodies] if p.rect.y >= title.rect.y),
                       key=lambda p: (p.kind != PP_PLACEHOLDER.SUBTITLE, p.rect.y))
        if below:
            choice.slots["subtitle"] = below[0].idx
        else:
            choice.notes.append("no subtitle placeholder: the subtitle is a text box")
        if len(below) > 1:
            choice.slots["byline"] = below[1].idx
        else:
            choice.notes.append("no second text placeholder: author and date are a text box")
    footers = {p.kind: p.idx for p in _placeholders(layout, _FOOTERS)}
    if PP_PLACEHOLDER.FOOTER in footers:
        choice.slots["footer"] = footers[PP_PLACEHOLDER.FOOTER]
    if PP_PLACEHOLDER.SLIDE_NUMBER in footers:
        choice.slots["number"] = footers[PP_PLACEHOLDER.SLIDE_NUMBER]
    if family == "content":
        if bodies:
            choice.slots["body"] = bodies[0].idx
        else:
            choice.notes.append("no body placeholder: bullets are a text box")
    elif family == "diagram" and (bodies or subtitles):
        choice.notes.append("fell back to a layout with a body placeholder; it is left out")
    if family != "cover" and "footer" not in choice.slots:
        choice.notes.append("no footer placeholder: the footer is a text box")
    return choice


def _frame(family: str, choice: LayoutChoice, grid: Grid) -> LayoutFrame:
    layout = choice.layout
    width, height = grid.width, grid.height
    placeholders = {p.idx: p for p in _placeholders(
        layout, _TITLES | _BODIES | {PP_PLACEHOLDER.SUBTITLE})}
    title = placeholders[choice.slots["title"]].rect
    obstacles = _decorations(layout, width, height)
    footers = {p.kind: p.rect for p in _placeholders(layout, _FOOTERS)}
    own_band = PP_PLACEHOLDER.FOOTER not in footers or PP_PLACEHOLDER.SLIDE_NUMBER not in footers
    band = FOOTER_BAND if own_band else 0
    if family == "content" and "body" in choice.slots:
        body = placeholders[choice.slots["body"]].rect
        limit = height - grid.margin - band
        content = _clear_of(Rect(body.x, body.y, body.w, min(body.h, limit - body.y)),
                            obstacles)
    else:
        content = free_area(title, obstacles, width, height, grid.margin, band)
    bottom = Rect(grid.margin, height - grid.margin - inches(0.3), width - 2 * grid.margin,
                  inches(0.3))
    # Footer and number text boxes of our own keep clear of a logo, as the content does.
    footer = footers.get(PP_PLACEHOLDER.FOOTER) or _clear_of(
        Rect(bottom.x, bottom.y, bottom.w * 3 // 4, bottom.h), obstacles)
    number = footers.get(PP_PLACEHOLDER.SLIDE_NUMBER) or _clear_of(
        Rect(bottom.x + bottom.w * 3 // 4, bottom.y, bottom.w // 4, bottom.h), obstacles)
    subtitle = placeholders[choice.slots["subtitle"]].rect if "subtitle" in choice.slots \
        else None
    byline = placeholders[choice.slots["byline"]].rect if "byline" in choice.slots else None
    fonts = tuple((role, placeholder_fonts(layout, idx)) for role, idx in choice.slots.items())
    return LayoutFrame(title, content, subtitle, byline, fixed=True, footer=footer, number=number,
                       branded=_has_picture(layout), fonts=fonts,
                       title_align=title_look(layout, choice.slots["title"]))


def _clear_of(rect: Rect, obstacles: list[Rect]) -> Rect:
    """A body placeholder's rectangle, trimmed where a logo overlaps it."""
    for obstacle in obstacles:
        if obstacle.overlaps(rect):
            rect = max([
                Rect(rect.x, rect.y, rect.w, obstacle.y - rect.y),
                Rect(rect.x, obstacle.bottom, rect.w, rect.bottom - obstacle.bottom),
                Rect(rect.x, rect.y, obstacle.x - rect.x, rect.h),
                Rect(obstacle.right, rect.y, rect.right - obstacle.right, rect.h),
            ], key=lambda r: max(r.w, 0) * max(r.h, 0))
    return rect


def _theme_part(master: Any) -> tuple[Palette, str, str]:
    """The template's colour scheme and its heading and body fonts."""
    root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    scheme = root.find(f".//{{{A}}}clrScheme")
    colours: dict[str, str] = {}
    for slot in ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
                 "accent5", "accent6", "hlink", "folHlink"):
        element = scheme.find(f"{{{A}}}{slot}") if scheme is not None else None
        value = None
        if element is not None and len(element):
            colour = element[0]
            value = colour.get("lastClr") or colour.get("val")
        if value and len(value) == 6:
            colours[slot] = value.upper()
    fonts = root.find(f".//{{{A}}}fontScheme")

    def face(tag: str) -> str:
        latin = fonts.find(f"{{{A}}}{tag}/{{{A}}}latin") if fonts is not None else None
        return (latin.get("typeface") if latin is not None else None) or "Calibri"

    return Palette(**colours), face("majorFont"), face("minorFont")


def _colour_map(master: Any) -> dict[str, str]:
    element = master._element.find(f"{{{P}}}clrMap")
    if element is None:
        return dict(LIGHT_MAP)
    return {key: element.get(key, value) for key, value in LIGHT_MAP.items()}


def describe(template: Template) -> list[str]:
    """Lines for `aligndeck template-check`: the layout each family uses, what it fills."""
    kinds = {family: [k for k, f in FAMILY_OF_KIND.items() if f == family]
             for family in FAMILIES}
    theme = template.theme
    lines = [
        f"{template.source}: {theme.grid.width / 914400:.3f} x {theme.grid.height / 914400:.3f} "
        f"in, {len(template.presentation.slide_masters)} master(s), fonts "
        f"{theme.heading_font} / {theme.body_font}, accent #{theme.palette.accent1}",
    ]
    for family in FAMILIES:
        choice = template.choices[family]
        filled = ", ".join(f"{role} → placeholder {idx}" for role, idx in choice.slots.items())
        frame = theme.frame(family)
        area = frame.content
        lines.append(f"  {family} slides ({', '.join(kinds[family])}): layout "
                     f"'{choice.name}' of master {choice.master + 1}; fills {filled}; free area "
                     f"{area.w / 914400:.2f} x {area.h / 914400:.2f} in")
        lines += [f"    fallback: {note}" for note in choice.notes]
        if frame.fonts:
            lines.append("    fonts (latin / East Asian): " + "; ".join(
                f"{role} {pair.describe()}" for role, pair in frame.fonts))
        if frame.backdrop is not None and frame.backdrop.left_out:
            lines.append("    the browser preview leaves out: "
                         + "; ".join(frame.backdrop.left_out))
    scripts = next((pair.scripts for _, pair in theme.frame("content").fonts if pair.scripts), ())
    if scripts:
        lines.append("  East Asian fonts by script: " + ", ".join(
            f"{script} {face}" for script, face in scripts))
    lines += [f"  warning: {warning}" for warning in template.warnings]
    return lines
