"""What a deck holds, in content terms: each slide's shapes (by stable key), their text,
box and style, and the slide's notes; read the same way from the deck aligndeck is about to
save and from a deck someone else saved since.

PowerPoint and LibreOffice rewrite the whole package on save (new part names, new shape
ids; LibreOffice renames placeholders "PlaceHolder 1" and rounds every length to 1/100 mm),
so nothing here depends on part names or ids: a shape is known by the name aligndeck gave
it, a placeholder by its type and its rank among the slide's placeholders of that type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_SKIPPED_PLACEHOLDERS = frozenset({"sldNum", "dt", "sldImg", "hdr"})
"""Placeholders whose text the application writes itself (numbers, dates, thumbnails)."""
_SAME_PLACEHOLDER = {"ctrTitle": "title"}

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class RunShot:
    """A run's text and the formatting the outline's markup can say."""

    text: str
    bold: bool = False
    italic: bool = False
    font: str = ""
    link: str | None = None


@dataclass(frozen=True)
class ShapeShot:
    """One shape: `key` is how it is found again, `name` what the selection pane shows."""

    key: str
    name: str
    box: Box | None
    style: str
    paragraphs: tuple[tuple[RunShot, ...], ...]

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(normal("".join(r.text for r in p)) for p in self.paragraphs)


@dataclass(frozen=True)
class SlideShot:
    slide_id: int
    shapes: tuple[ShapeShot, ...]
    notes: str

    def shape(self, key: str) -> ShapeShot | None:
        return next((s for s in self.shapes if s.key == key), None)


def normal(text: str) -> str:
    """Text with its white space collapsed: a line break the plan or an editor put in to
    balance lines is not an edit."""
    # = re.sub(r"\s+", " ", text).strip(): `\s` and str.split both mean str.isspace, and
    # this is several times quicker over a long deck's notes (tests/test_snapshot_notes.py).
    return " ".join(text.split())


def snapshot(presentation: Any, known: Mapping[int, SlideShot] | None = None
             ) -> tuple[SlideShot, ...]:
    """Every slide of a python-pptx presentation, in order. `known` gives the shots of
    slides (by 0-based place) whose parts are byte for byte those of a slide snapshotted
    before (a warm rebuild's reused slides, render/reuse.py); each is taken as it is when
    its slide id is the one at that place."""
    shots = []
    # A slide's own `slide_id` searches the presentation's list of slides for it: read
    # the ids from that list in order instead (a deck of n slides asked n times is n²).
    # A known slide is not opened at all: a slide written as text (render/slide_text.py)
    # would be parsed only to be skipped.
    id_list = presentation.element.sldIdLst
    for index, entry in enumerate(id_list if id_list is not None else ()):
        slide_id = int(entry.id)
        kept = (known or {}).get(index)
        if kept is not None and kept.slide_id == slide_id:
            shots.append(kept)
            continue
        slide = presentation.part.related_slide(entry.rId)
        shapes: list[ShapeShot] = []
        _walk(slide.shapes._spTree, slide.part, shapes, {}, {})
        notes = _notes(slide.notes_slide._element) if slide.has_notes_slide else ""
        shots.append(SlideShot(slide_id, tuple(shapes), notes))
    return tuple(shots)


def placeholder_look(sp: Any) -> tuple[str | None, Box | None, str]:
    """What a slide's snapshot reads of a placeholder shape (`p:sp`) besides its name and
    text: the kind it is known by (None when the application writes its text, a slide
    number, and the shape is left out), its own box and its style."""
    kind = sp.find(_PH).get("type", "body")
    kind = _SAME_PLACEHOLDER.get(kind, kind)
    return (None if kind in _SKIPPED_PLACEHOLDERS else kind), _box(sp), _style(sp)


def notes_body(notes_slide: Any) -> Any:
    """The shape whose text is a notes slide's notes (`_notes`), or None."""
    tree = notes_slide.find(f"{{{_P}}}cSld/{{{_P}}}spTree")
    for child in tree.iterchildren() if tree is not None else ():
        if _local(child) not in _SHAPES:
            continue
        ph = _first(child, "./*[1]/p:nvPr/p:ph")
        if ph is not None and ph.get("type", "obj") == "body":
            return child
    return None


_LOCAL_NAMES: dict[str, str] = {}


def _local(element: Any) -> str:
    """`etree.QName(element).localname`, kept by tag: a long deck's digest asked it of
    every shape, run and colour it read."""
    tag = element.tag
    if not isinstance(tag, str):  # a comment or processing instruction: lxml's answer
        return str(etree.QName(element).localname)
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        if len(_LOCAL_NAMES) >= 4096:
            _LOCAL_NAMES.clear()
        name = _LOCAL_NAMES[tag] = str(etree.QName(tag).localname)
    return name


_SHAPES = frozenset({"sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"})
_CONTENT = {f"{{{_A}}}r": "r", f"{{{_A}}}br": "br", f"{{{_A}}}fld": "fld"}


def _notes(notes_slide: Any) -> str:
    """The text of a notes slide's body placeholder, a line per paragraph that has any.

    What python-pptx's `notes_text_frame` paragraphs read, without its placeholder
    lookups: the first shape of the tree with a placeholder of type body; each
    paragraph's runs and fields by their text, a line break as a vertical tab (then
    `normal` makes each a space)."""
    child = notes_body(notes_slide)
    if child is None:
        return ""
    body = child.find(f"{{{_P}}}txBody")
    lines = []
    for paragraph in body.iterfind(f"{{{_A}}}p") if body is not None else ():
        parts = []
        for item in paragraph.iterchildren():
            kind = _CONTENT.get(item.tag)
            if kind == "br":
                parts.append("\v")
            elif kind is not None:
                t = item.find(f"{{{_A}}}t")
                parts.append((t.text or "") if t is not None else "")
        text = normal("".join(parts))
        if text:
            lines.append(text)
    return "\n".join(lines)


def _walk(tree: Any, part: Any, found: list[ShapeShot], ranks: dict[str, int],
          names: dict[str, int]) -> None:
    for child in tree.iterchildren():
        tag = _local(child)
        if tag not in ("sp", "grpSp", "graphicFrame", "pic", "cxnSp"):
            continue
        cnvpr: Any = next((e for e in child.iter(_CNVPR) if e is not child), None)
        name = cnvpr.get("name", "")
        ph = child.find(_PH) if tag == "sp" else None
        if ph is not None:
            kind = ph.get("type", "body")
            kind = _SAME_PLACEHOLDER.get(kind, kind)
            if kind in _SKIPPED_PLACEHOLDERS:
                continue
            ranks[kind] = ranks.get(kind, 0) + 1
            key = f"placeholder:{kind}:{ranks[kind]}"
        else:
            names[name] = names.get(name, 0) + 1
            key = name if names[name] == 1 else f"{name}#{names[name]}"
        body = child.find(_TXBODY)
        paragraphs = _paragraphs(body, part) if body is not None else ()
        found.append(ShapeShot(key, name, _box(child), _style(child), paragraphs))
        if tag == "grpSp":
            _walk(child, part, found, ranks, names)
        elif tag == "graphicFrame":
            for r, row in enumerate(child.iterfind(f".//{{{_A}}}tr")):
                for c, cell in enumerate(row.iterfind(f"{{{_A}}}tc")):
                    body = cell.find(f"{{{_A}}}txBody")
                    found.append(ShapeShot(f"{key}[{r},{c}]", name, None, "",
                                           _paragraphs(body, part) if body is not None
                                           else ()))


_PATHS: dict[str, etree.XPath] = {}


def _XPATH(path: str) -> etree.XPath:
    if path not in _PATHS:
        _PATHS[path] = etree.XPath(path, namespaces={"p": _P, "a": _A})
    return _PATHS[path]


def _first(element: Any, path: str) -> Any:
    found = _XPATH(path)(element)
    return found[0] if found else None


# The paths of shapes' parts, found with lxml's ElementPath and child walks: a tenth of
# a long build's digest went to evaluating them as XPath (the same first element, in
# document order; tests/test_snapshot_paths.py compares them on built and saved decks).
_CNVPR = f"{{{_P}}}cNvPr"
_PH = f"*/{{{_P}}}nvPr/{{{_P}}}ph"
_TXBODY = f"{{{_P}}}txBody"
_SPPR = f"{{{_P}}}spPr"
_PRSTGEOM = f"{{{_A}}}prstGeom"
_FILLS = frozenset(f"{{{_A}}}{fill}" for fill in ("solidFill", "noFill", "gradFill",
                                                  "pattFill"))
_LN = f"{{{_A}}}ln"
_LINE_FILLS = frozenset(f"{{{_A}}}{fill}" for fill in ("solidFill", "noFill"))
_XFRM_HOLDERS = frozenset({_SPPR, f"{{{_P}}}grpSpPr"})
_A_XFRM = f"{{{_A}}}xfrm"
_P_XFRM = f"{{{_P}}}xfrm"


def _own_xfrm(element: Any) -> Any:
    """The first of `./p:spPr/a:xfrm | ./p:grpSpPr/a:xfrm | ./p:xfrm` in document order."""
    for child in element:
        if child.tag in _XFRM_HOLDERS:
            xfrm = child.find(_A_XFRM)
            if xfrm is not None:
                return xfrm
        elif child.tag == _P_XFRM:
            return child
    return None


def _box(element: Any) -> Box | None:
    xfrm = _own_xfrm(element)
    if xfrm is None:
        return None  # a placeholder that keeps its layout's place
    off = xfrm.find(f"{{{_A}}}off")
    ext = xfrm.find(f"{{{_A}}}ext")
    if off is None or ext is None:
        return None
    x, y = int(off.get("x", 0)), int(off.get("y", 0))
    w, h = int(ext.get("cx", 0)), int(ext.get("cy", 0))
    if round(int(xfrm.get("rot", "0")) / 5_400_000) % 2:
        # A shape turned a quarter stores its box unturned; LibreOffice writes the box it
        # covers instead (docs/notes/flowchart-connectors.md). Compare what it covers.
        return (x + (w - h) // 2, y + (h - w) // 2, h, w)
    return (x, y, w, h)


def _colour(fill: Any) -> str:
    """A fill's colour as a short word: `accent1`, `#1f2937`, `none`, or `` (inherited)."""
    if fill is None:
        return ""
    if _local(fill) == "noFill":
        return "none"
    for colour in fill.iter():
        local = _local(colour)
        if local == "schemeClr":
            mods = ",".join(f"{_local(m)}={m.get('val')}" for m in colour)
            return str(colour.get("val", "")) + (f"({mods})" if mods else "")
        if local == "srgbClr":
            return "#" + str(colour.get("val", "")).lower()
    return str(_local(fill))


def _style(element: Any) -> str:
    """The shape's look in content terms: `preset|fill|line`, each colour as `_colour`
    says it; compared part by part by `compare.same_style`."""
    spPr = element.find(_SPPR)
    if spPr is None:
        return ""
    preset = spPr.find(_PRSTGEOM)
    fill = next((c for c in spPr if c.tag in _FILLS), None)
    line = next((c for ln in spPr.iterchildren(_LN) for c in ln if c.tag in _LINE_FILLS), None)
    return (f"{preset.get('prst', '') if preset is not None else ''}"
            f"|{_colour(fill)}|{_colour(line)}")


def _paragraphs(body: Any, part: Any) -> tuple[tuple[RunShot, ...], ...]:
    paragraphs = []
    for p in body.iterfind(f"{{{_A}}}p"):
        runs: list[RunShot] = []
        for r in p:
            local = _local(r)
            if local == "br":
                runs.append(RunShot("\n"))
            elif local == "r":
                runs.append(_run(r, part))
        paragraphs.append(tuple(runs))
    return tuple(paragraphs)


def _run(r: Any, part: Any) -> RunShot:
    text = "".join(t.text or "" for t in r.iterfind(f"{{{_A}}}t"))
    props = r.find(f"{{{_A}}}rPr")
    if props is None:
        return RunShot(text)
    latin = props.find(f"{{{_A}}}latin")
    click = props.find(f"{{{_A}}}hlinkClick")
    link = None
    if click is not None:
        rid = click.get(f"{{{_R}}}id")
        rel = part.rels.get(rid) if rid else None
        link = rel.target_ref if rel is not None and rel.is_external else None
    return RunShot(text, props.get("b") in ("1", "true"), props.get("i") in ("1", "true"),
                   latin.get("typeface", "") if latin is not None else "", link)
