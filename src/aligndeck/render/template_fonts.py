"""The fonts a template's placeholders really use, as PowerPoint inherits them.

A placeholder's text takes its typeface from the first of these that names one: the run,
the paragraph, the shape's list style (`a:lstStyle`), the layout placeholder it inherits
from, the master's placeholder of that type, the master's text styles (`p:titleStyle`,
`p:bodyStyle`, `p:otherStyle`), and last the theme's major (headings) or minor (body)
fonts. A typeface such as `+mj-lt` or `+mn-ea` refers to the theme's fonts. Latin and
East Asian text are resolved each on its own (`a:latin`, `a:ea`). The slides aligndeck
writes set no typeface on placeholder text, so their text starts at the layout, unless no
style names one (`styles_name_a_font`): then they name the one measured.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from aligndeck.plan.theme import FontPair
from aligndeck.render.xml import A, P

_TITLE_TYPES = {"title", "ctrTitle"}
_STYLE_OF = {"title": "titleStyle", "ctrTitle": "titleStyle", "body": "bodyStyle",
             "subTitle": "bodyStyle", "obj": "bodyStyle", None: "bodyStyle",
             "dt": "otherStyle", "ftr": "otherStyle", "sldNum": "otherStyle"}
"""The master text style each placeholder type inherits (`otherStyle` is for text boxes)."""

_MASTER_TYPE = {"ctrTitle": "title", "subTitle": "body", "obj": "body", None: "body",
                "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
"""The master placeholder a layout placeholder of each type inherits from."""

_SCRIPTS = ("Jpan", "Hans", "Hant", "Hang")
"""Theme script fonts for East Asian text, used when the theme's `a:ea` is empty."""


def _ph(shape: Any) -> Any:
    return shape.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")


def _level_one(element: Any) -> list[Any]:
    """The level-1 run properties a text body or text style gives its text."""
    if element is None:
        return []
    found = []
    for path in (f"{{{A}}}lstStyle/{{{A}}}lvl1pPr/{{{A}}}defRPr", f"{{{A}}}lvl1pPr/{{{A}}}defRPr"):
        found += element.findall(path)
    return found


def _runs(body: Any) -> list[Any]:
    """Run properties written in a layout placeholder's own text (its prompt). PowerPoint
    keeps them for the prompt only, but LibreOffice styles the slide's text with them, so
    they count (after the list style), lest a font they name go unmeasured."""
    if body is None:
        return []
    first = body.find(f"{{{A}}}p")
    if first is None:
        return []
    return [*first.findall(f"{{{A}}}r/{{{A}}}rPr"), *first.findall(f"{{{A}}}endParaRPr")]


def _theme_fonts(master: Any) -> dict[str, str]:
    """`+mj-lt` … `+mn-ea` and the script fonts (`mj-Jpan` …) of the master's theme."""
    root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    fonts: dict[str, str] = {}
    for group, prefix in (("majorFont", "mj"), ("minorFont", "mn")):
        element = root.find(f".//{{{A}}}fontScheme/{{{A}}}{group}")
        if element is None:
            continue
        for tag, suffix in (("latin", "lt"), ("ea", "ea")):
            face = element.find(f"{{{A}}}{tag}")
            if face is not None and face.get("typeface"):
                fonts[f"+{prefix}-{suffix}"] = face.get("typeface")
        for script in element.findall(f"{{{A}}}font"):
            if script.get("script") in _SCRIPTS and script.get("typeface"):
                fonts[f"{prefix}-{script.get('script')}"] = script.get("typeface")
    return fonts


def _first(candidates: Iterable[Any], tag: str, theme: dict[str, str]) -> str | None:
    for properties in candidates:
        face = properties.find(f"{{{A}}}{tag}")
        typeface = face.get("typeface") if face is not None else None
        if typeface:
            return theme.get(typeface) if typeface.startswith("+") else typeface
    return None


def _candidates(layout: Any, idx: int) -> tuple[str | None, list[tuple[Any, bool]]]:
    """The type of the layout's placeholder `idx` and the run properties its text may take
    a typeface from, first to last, each with whether it is a style (the layout's list
    style, the master placeholder's, the master's text style) rather than the layout's
    prompt (which LibreOffice reads and PowerPoint does not)."""
    master = layout.slide_master
    kind: str | None = None
    found: list[tuple[Any, bool]] = []
    for shape in layout._element.iter(f"{{{P}}}sp"):
        ph = _ph(shape)
        if ph is not None and int(ph.get("idx", "0")) == idx:
            kind = ph.get("type", "body")
            body = shape.find(f"{{{P}}}txBody")
            found += [(p, True) for p in _level_one(body)] + [(p, False) for p in _runs(body)]
            break
    wanted = _MASTER_TYPE.get(kind, kind)
    for shape in master._element.iter(f"{{{P}}}sp"):
        ph = _ph(shape)
        if ph is not None and ph.get("type", "body") == wanted:
            found += [(p, True) for p in _level_one(shape.find(f"{{{P}}}txBody"))]
            break
    styles = master._element.find(f"{{{P}}}txStyles")
    if styles is not None:
        found += [(p, True) for p in _level_one(
            styles.find(f"{{{P}}}{_STYLE_OF.get(kind, 'bodyStyle')}"))]
    return kind, found


def placeholder_fonts(layout: Any, idx: int) -> FontPair:
    """The latin and East Asian typefaces of the text in a layout's placeholder `idx`."""
    theme = _theme_fonts(layout.slide_master)
    kind, found = _candidates(layout, idx)
    candidates = [properties for properties, _ in found]
    group = "mj" if kind in _TITLE_TYPES else "mn"
    latin = _first(candidates, "latin", theme) or theme.get(f"+{group}-lt") or "Calibri"
    east_asian = _first(candidates, "ea", theme) or theme.get(f"+{group}-ea")
    scripts = tuple((script, theme[f"{group}-{script}"]) for script in _SCRIPTS
                    if f"{group}-{script}" in theme)
    return FontPair(latin, east_asian, scripts)


def styles_name_a_font(layout: Any, idx: int) -> bool:
    """Whether a style the text of the layout's placeholder `idx` inherits names its latin
    typeface. When none does (a template exported by LibreOffice: masters without text
    styles, a typeface only in the prompts), PowerPoint and LibreOffice each fall back to
    a font of their own (LibreOffice: DejaVu Sans), so the slide must name the one the
    plan measured itself."""
    theme = _theme_fonts(layout.slide_master)
    _, found = _candidates(layout, idx)
    return _first([properties for properties, style in found if style], "latin", theme) \
        is not None
