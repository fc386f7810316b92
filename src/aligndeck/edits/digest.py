"""The digest a deck carries of what aligndeck wrote into it: per slide, each shape's text,
box and style, the notes, and where in the outline each paragraph came from.

It is kept as custom document properties (`docProps/custom.xml`), which PowerPoint and
LibreOffice both keep when they save; LibreOffice drops custom XML parts
(`customXml/item1.xml`), see docs/editing.md. The JSON is compressed and split into
properties of 250 characters, as Office truncates longer text properties.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

from aligndeck.edits.snapshot import RunShot, ShapeShot, SlideShot, snapshot
from aligndeck.plan.model import Box, DeckPlan, Diagram, Source, Table, Text, TextFrame
from aligndeck.plan.theme import Theme

CUSTOM_RT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
             "custom-properties")
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PREFIX = "aligndeck-digest-"
_CHUNK = 250
VERSION = 1
LABEL = "(label)"
"""The last part of a source that is a label inside a Mermaid chart's text."""


@dataclass(frozen=True)
class DigestShape:
    shot: ShapeShot
    sources: tuple[Source | None, ...]
    """Where each paragraph's text comes from in the outline (None: built-in words, or
    several fields in one paragraph)."""


@dataclass(frozen=True)
class DigestSlide:
    slide_id: int
    kind: str
    source: Source
    shapes: tuple[DigestShape, ...]
    notes: str

    def shape(self, key: str) -> DigestShape | None:
        return next((s for s in self.shapes if s.shot.key == key), None)

    @property
    def shot(self) -> SlideShot:
        return SlideShot(self.slide_id, tuple(s.shot for s in self.shapes), self.notes)


@dataclass(frozen=True)
class Digest:
    slides: tuple[DigestSlide, ...]
    code_font: str
    palette: dict[str, str]
    """The theme's colours by scheme name (`accent1`, `tx2`: `#52606d`), as LibreOffice
    writes some scheme colours out as the colours they stand for."""


def make_digest(presentation: Any, plan: DeckPlan, theme: Theme,
                known: Mapping[int, SlideShot] | None = None) -> Digest:
    """The digest of a presentation aligndeck has just filled from `plan`; `known` is
    snapshot's."""
    return digest_of(snapshot(presentation, known), plan, theme)


def digest_of(shots: tuple[SlideShot, ...], plan: DeckPlan, theme: Theme) -> Digest:
    """The digest of slides snapshotted as `shots`, filled from `plan`."""
    slides = []
    for shot, slide_plan in zip(shots, plan.slides, strict=True):
        label = (*slide_plan.source, "diagram", LABEL) if slide_plan.kind == "diagram" \
            else None
        sources = _plan_sources(slide_plan.elements, label)
        shapes = tuple(DigestShape(s, _fitting(sources.get(s.key.split("#")[0])
                                                or sources.get(s.name), len(s.paragraphs)))
                       for s in shot.shapes)
        slides.append(DigestSlide(shot.slide_id, slide_plan.kind, slide_plan.source, shapes,
                                  shot.notes))
    return Digest(tuple(slides), theme.code_font, _palette(theme))


def _palette(theme: Theme) -> dict[str, str]:
    slots = {slot: f"#{getattr(theme.palette, slot)}".lower() for slot in (
        "dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
        "accent6", "hlink", "folHlink")}
    mapped = {name: slots[slot] for name, slot in theme.colour_map.items() if slot in slots}
    return {**slots, **mapped}


def _fitting(sources: tuple[Source | None, ...] | None, count: int
             ) -> tuple[Source | None, ...]:
    if sources is None or len(sources) != count:
        return (None,) * count
    return sources


def _plan_sources(elements: tuple[Any, ...], label: Source | None = None,
                  inside: bool = False) -> dict[str, tuple[Source | None, ...]]:
    """Each shape's paragraph sources; a Mermaid chart's box and edge labels, whose runs
    have no field of their own, get `label`: the chart's text, marked as holding it."""
    found: dict[str, tuple[Source | None, ...]] = {}
    for element in elements:
        if isinstance(element, Diagram):
            found.update(_plan_sources(element.boxes + element.labels, label, True))
        elif isinstance(element, (Text, Box)) and element.frame is not None:
            sources = _frame_sources(element.frame)
            if inside and label is not None and len(sources) == 1 and sources[0] is None:
                sources = (label,)
            found[element.name] = sources
        elif isinstance(element, Table):
            for r, row in enumerate(element.cells):
                for c, cell in enumerate(row):
                    found[f"{element.name}[{r},{c}]"] = _frame_sources(cell)
    return found


def _frame_sources(frame: TextFrame) -> tuple[Source | None, ...]:
    out: list[Source | None] = []
    for paragraph in frame.paragraphs:
        sources = {run.source for run in paragraph.runs if run.text.strip()}
        out.append(sources.pop() if len(sources) == 1 and () not in sources else None)
    return tuple(out)


# ---- storing -----------------------------------------------------------------------------

def encode(digest: Digest) -> str:
    data = {"version": VERSION, "code_font": digest.code_font, "palette": digest.palette,
            "slides": [
        {"id": s.slide_id, "kind": s.kind, "source": list(s.source), "notes": s.notes,
         "shapes": [_shape_json(shape) for shape in s.shapes]} for s in digest.slides]}
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 9)).decode("ascii")


def _shape_json(shape: DigestShape) -> dict[str, Any]:
    shot = shape.shot
    return {"key": shot.key, "name": shot.name, "box": list(shot.box) if shot.box else None,
            "style": shot.style,
            "paragraphs": [[[r.text, r.bold, r.italic, r.font, r.link] for r in p]
                           for p in shot.paragraphs],
            "sources": [list(s) if s is not None else None for s in shape.sources]}


def decode(text: str) -> Digest | None:
    """The digest from its stored text; None when it is damaged or from another version."""
    try:
        data = json.loads(zlib.decompress(base64.b64decode(text, validate=True)))
        if data.get("version") != VERSION:
            return None
        return Digest(tuple(_slide(s) for s in data["slides"]), str(data["code_font"]),
                      {str(k): str(v) for k, v in data["palette"].items()})
    except (ValueError, KeyError, TypeError, zlib.error):
        return None


def _slide(data: dict[str, Any]) -> DigestSlide:
    shapes = []
    for s in data["shapes"]:
        paragraphs = tuple(tuple(RunShot(str(t), bool(b), bool(i), str(f), link)
                                 for t, b, i, f, link in p) for p in s["paragraphs"])
        box = tuple(int(v) for v in s["box"]) if s["box"] else None
        shot = ShapeShot(str(s["key"]), str(s["name"]), box,  # type: ignore[arg-type]
                         str(s["style"]), paragraphs)
        shapes.append(DigestShape(shot, tuple(tuple(x) if x is not None else None
                                              for x in s["sources"])))
    return DigestSlide(int(data["id"]), str(data["kind"]), tuple(data["source"]),
                       tuple(shapes), str(data["notes"]))


def attach_digest(presentation: Any, plan: DeckPlan, theme: Theme,
                  known: Mapping[int, SlideShot] | None = None) -> tuple[SlideShot, ...]:
    """Store the digest of `presentation` (just filled from `plan`) in its custom
    properties, beside any the template already has; returns each slide's snapshot
    (`known` is snapshot's)."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    digest = make_digest(presentation, plan, theme, known)
    package = presentation.part.package
    part = _custom_part(package)
    blob = None
    if part is None:
        part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, package, b"")
        package.relate_to(part, CUSTOM_RT)
    else:
        blob = part.blob  # a template's own properties are kept
    part._blob = properties_xml(encode(digest), blob)
    return tuple(SlideShot(s.slide_id, tuple(shape.shot for shape in s.shapes), s.notes)
                 for s in digest.slides)


def properties_xml(text: str, blob: bytes | None = None) -> bytes:
    """The custom properties part holding the digest's `text`, beside the properties
    other than the digest's of `blob` (the part as it was; None: there was none)."""
    root = None if blob is None else _parsed(blob)
    if root is None or etree.QName(root).text != f"{{{_NS}}}Properties":
        root = etree.Element(f"{{{_NS}}}Properties", nsmap={None: _NS, "vt": _VT})
    for old in [p for p in root if p.get("name", "").startswith(PREFIX)]:
        root.remove(old)
    pid = max([int(p.get("pid")) for p in root if str(p.get("pid", "")).isdigit()] + [1])
    for number, start in enumerate(range(0, len(text), _CHUNK), 1):
        pid += 1
        prop = etree.SubElement(root, f"{{{_NS}}}property", fmtid=_FMTID, pid=str(pid),
                                name=f"{PREFIX}{number:04d}")
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = text[start:start + _CHUNK]
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True))


def _parsed(blob: bytes) -> Any:
    """The properties part's root, or None when it is not XML (a damaged template)."""
    try:
        return etree.fromstring(blob, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return None


def _custom_part(package: Any) -> Any:
    for rel in package._rels.values():
        if rel.reltype == CUSTOM_RT and not rel.is_external:
            return rel.target_part
    return None


def read_digest(presentation: Any) -> Digest | None:
    """The digest a deck carries, or None when aligndeck did not build it."""
    part = _custom_part(presentation.part.package)
    if part is None:
        return None
    root = _parsed(part.blob)
    if root is None:
        return None
    chunks = sorted((p.get("name", ""), "".join(p.itertext())) for p in root
                    if p.get("name", "").startswith(PREFIX))
    return decode("".join(text for _, text in chunks)) if chunks else None
