"""The project's own check that a file is a sound PowerPoint package (Office Open XML).

`check_package(path)` returns every problem found, each naming the part it is in:

- the file is a zip with no name twice, and every XML part is well-formed;
- `[Content_Types].xml` matches the OPC schema, gives every part a content type, has no
  Default or Override twice, names no part that is not there; the main part's type suits the
  file's extension (PowerPoint refuses a .pptx whose main part says "template");
- every `.rels` part matches the OPC schema, belongs to a part that exists, and each internal
  target exists (with the content type its relationship type calls for: a slideLayout
  relationship must reach a layout); exactly one officeDocument relationship at the root;
  every `r:` attribute in a part names one of that part's relationships;
- presentation, slide, layout, master, notes, handout, theme, property, table-style and chart
  parts match the ECMA-376 transitional schemas in `data/ooxml-schemas` (after Markup
  Compatibility is applied as by a reader that knows only those namespaces);
- shape ids are unique within each slide-like part and connectors end on shapes that exist;
  slide ids are unique, and master and layout ids are unique across the deck.

One deviation from the schemas is accepted: negative chart axis ids (`c:axId`, `c:crossAx`;
the schema says unsignedInt). python-pptx writes them for every chart, PowerPoint for Mac
wrote them in its own files, and PowerPoint opens them without repair.

Only the standard library and lxml; python-pptx is deliberately not used, so a deck that
python-pptx wrote wrongly is not read back through the same mistakes.
"""

from __future__ import annotations

import copy
import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "data" / "ooxml-schemas"

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
PREFIXES = {P: "p", A: "a", R: "r", C: "c", MC: "mc", CT: "ct", PR: "rel"}
UNDERSTOOD = frozenset({
    P, A, R, C,
    "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
    "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
    "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
})
"""The namespaces the schemas define: markup in any other one is "not understood"."""

PML = "application/vnd.openxmlformats-officedocument.presentationml."
MAIN_TYPE = {
    ".pptx": PML + "presentation.main+xml",
    ".potx": PML + "template.main+xml",
    ".ppsx": PML + "slideshow.main+xml",
}
SLIDE_LIKE = {PML + kind + "+xml" for kind in (
    "slide", "slideLayout", "slideMaster", "notesSlide", "notesMaster", "handoutMaster")}
THEME_TYPE = "application/vnd.openxmlformats-officedocument.theme+xml"
SCHEMA_CHECKED = SLIDE_LIKE | set(MAIN_TYPE.values()) | {
    PML + kind + "+xml" for kind in ("presProps", "viewProps", "tableStyles",
                                     "commentAuthors", "comments")} | {
    THEME_TYPE, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"}
TARGET_TYPE = {kind: PML + kind + "+xml" for kind in (
    "slide", "slideLayout", "slideMaster", "notesSlide", "notesMaster", "handoutMaster")} | {
    "theme": THEME_TYPE}
"""What a relationship of each standard type must point at."""
RELATIONSHIP_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

TOLERATED = re.compile(r"^Element 'c:(axId|crossAx)', attribute 'val': '-\d+' is not a valid "
                       r"value of the atomic type 'xs:unsignedInt'\.?$")

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass(frozen=True)
class Problem:
    part: str
    message: str

    def __str__(self) -> str:
        return f"{self.part}: {self.message}"


@dataclass(frozen=True)
class Schemas:
    parts: etree.XMLSchema
    content_types: etree.XMLSchema
    relationships: etree.XMLSchema


@cache
def schemas() -> Schemas:
    """The schemas, compiled once: one for the parts (PresentationML, which brings DrawingML,
    and the chart schema), one for each of the two OPC part kinds."""
    umbrella = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="urn:aligndeck:tests:parts">'
        f'<xsd:import namespace="{P}" schemaLocation="pml.xsd"/>'
        f'<xsd:import namespace="{C}" schemaLocation="dml-chart.xsd"/>'
        "</xsd:schema>")
    parts = etree.XMLSchema(etree.fromstring(umbrella, base_url=(SCHEMAS / "all.xsd").as_uri()))
    return Schemas(
        parts,
        etree.XMLSchema(etree.parse(str(SCHEMAS / "opc" / "opc-contentTypes.xsd"))),
        etree.XMLSchema(etree.parse(str(SCHEMAS / "opc" / "opc-relationships.xsd"))))


def check_package(path: Path) -> list[Problem]:
    """Every problem in the package at path (an empty list for a sound one)."""
    try:
        package = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        return [Problem(path.name, f"not a zip package: {error}")]
    with package:
        return _Check(package, path.suffix.lower()).run()


def _short(text: str) -> str:
    for uri, prefix in PREFIXES.items():
        text = text.replace(f"{{{uri}}}", f"{prefix}:")
    return text


def _path_of(element: etree._Element) -> str:
    return _short(element.getroottree().getpath(element))


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _owner_of(rels: str) -> str:
    """The part a .rels part describes ('' for the package's own `_rels/.rels`)."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


class _Check:
    """One pass over one package; `problems` collects what is found."""

    def __init__(self, package: zipfile.ZipFile, suffix: str) -> None:
        self.package = package
        self.suffix = suffix
        self.problems: list[Problem] = []
        self.names = [n for n in package.namelist() if not n.endswith("/")]
        self.by_lower = {n.lower(): n for n in self.names}  # part names ignore case
        self.trees: dict[str, etree._Element] = {}
        self.types: dict[str, str] = {}
        self.relationships: dict[str, set[str]] = {}

    def report(self, part: str, message: str) -> None:
        self.problems.append(Problem(part, message))

    def run(self) -> list[Problem]:
        for lowered, count in Counter(n.lower() for n in self.names).items():
            if count > 1:
                self.report(lowered, f"in the zip {count} times")
        for name in self.names:
            if name.endswith((".xml", ".rels")):
                try:
                    self.trees[name] = etree.fromstring(self.package.read(name), PARSER)
                except etree.XMLSyntaxError as error:
                    self.report(name, f"not well-formed XML: {error}")
        self.content_types()
        self.relationship_parts()
        self.parts()
        return self.problems

    def validate(self, schema: etree.XMLSchema, root: etree._Element, part: str) -> None:
        if schema.validate(root):
            return
        for error in schema.error_log:
            message = _short(error.message)
            if TOLERATED.match(message):
                continue
            where = error.path or f"line {error.line}"
            self.report(part, f"{_short(where)}: {message}")

    def content_types(self) -> None:
        name = "[Content_Types].xml"
        root = self.trees.get(name)
        if root is None:
            self.report(name, "missing or unreadable")
            return
        self.validate(schemas().content_types, root, name)
        defaults: dict[str, str] = {}
        overrides: dict[str, str] = {}
        for entry in root:
            content_type = entry.get("ContentType") or ""
            if entry.tag == f"{{{CT}}}Default":
                extension = (entry.get("Extension") or "").lower()
                if extension in defaults:
                    self.report(name, f"two Defaults for .{extension}")
                defaults[extension] = content_type
            elif entry.tag == f"{{{CT}}}Override":
                part = (entry.get("PartName") or "").lstrip("/").lower()
                if part in overrides:
                    self.report(name, f"two Overrides for /{part}")
                overrides[part] = content_type
                if part not in self.by_lower:
                    self.report(name, f"an Override for /{part}, which is not in the package")
        for part in self.names:
            if part == name:
                continue
            base = posixpath.basename(part)
            extension = base.rsplit(".", 1)[1].lower() if "." in base else ""
            content_type = overrides.get(part.lower(), defaults.get(extension))
            if content_type is None:
                self.report(part, f"no content type (no Override, no Default for .{extension})")
            else:
                self.types[part] = content_type

    def relationship_parts(self) -> None:
        main_parts = []
        for name, root in self.trees.items():
            if not name.endswith(".rels"):
                continue
            self.validate(schemas().relationships, root, name)
            owner = _owner_of(name)
            if owner and owner.lower() not in self.by_lower:
                self.report(name, f"relationships of /{owner}, which is not in the package")
            ids = self.relationships.setdefault(owner, set())
            for relationship in root.iter(f"{{{PR}}}Relationship"):
                ids.add(relationship.get("Id") or "")
                if relationship.get("TargetMode") == "External":
                    continue
                target = self.resolve(owner, relationship.get("Target") or "")
                label = f"{relationship.get('Id')} ({relationship.get('Target')})"
                if target is None:
                    self.report(name, f"{label}: the target is not in the package")
                    continue
                kind = relationship.get("Type") or ""
                short_kind = kind.rsplit("/", 1)[-1]
                if not owner and short_kind == "officeDocument":
                    main_parts.append(target)
                wanted = TARGET_TYPE.get(short_kind) if kind.startswith(RELATIONSHIP_TYPE) \
                    else None
                if wanted and self.types.get(target) != wanted:
                    self.report(name, f"{label}: a {short_kind} relationship to a part of type "
                                      f"{self.types.get(target)}")
                if short_kind == "image" and not self.types.get(target, "").startswith("image/"):
                    self.report(name, f"{label}: an image relationship to a part of type "
                                      f"{self.types.get(target)}")
        if len(main_parts) != 1:
            self.report("_rels/.rels", f"{len(main_parts)} officeDocument relationships, not 1")
        wanted_main = MAIN_TYPE.get(self.suffix)
        for part in main_parts:
            if wanted_main and self.types.get(part) != wanted_main:
                self.report(part, f"main part of type {self.types.get(part)} in a "
                                  f"{self.suffix} file (it should be {wanted_main})")

    def resolve(self, owner: str, target: str) -> str | None:
        """The part name a relative or absolute target reaches, if the package has it."""
        target = unquote(target).split("#", 1)[0]
        joined = target if target.startswith("/") else \
            posixpath.join(posixpath.dirname(owner), target)
        return self.by_lower.get(posixpath.normpath(joined).lstrip("/").lower())

    def parts(self) -> None:
        deck_ids: Counter[str] = Counter()
        for name, root in self.trees.items():
            defined = self.relationships.get(name, set())
            for element in root.iter(etree.Element):
                for attribute, value in element.attrib.items():
                    if attribute.startswith(f"{{{R}}}") and value and value not in defined:
                        self.report(name, f"{_path_of(element)}: {_short(attribute)}={value!r}"
                                          f" is not a relationship in {_rels_of(name)}")
            content_type = self.types.get(name, "")
            if content_type not in SCHEMA_CHECKED:
                continue
            reduced = apply_markup_compatibility(copy.deepcopy(root))
            self.validate(schemas().parts, reduced, name)
            if content_type in SLIDE_LIKE:
                self.shape_ids(name, reduced)
            if content_type == PML + "slide+xml":
                self.extents(name, reduced)
            if content_type in MAIN_TYPE.values():
                slide_ids = reduced.xpath("p:sldIdLst/p:sldId/@id", namespaces={"p": P})
                for value, count in Counter(slide_ids).items():
                    if count > 1:
                        self.report(name, f"slide id {value} used {count} times")
                deck_ids.update(reduced.xpath("p:sldMasterIdLst/p:sldMasterId/@id",
                                              namespaces={"p": P}))
            if content_type == PML + "slideMaster+xml":
                deck_ids.update(reduced.xpath("p:sldLayoutIdLst/p:sldLayoutId/@id",
                                              namespaces={"p": P}))
        for value, count in deck_ids.items():
            if count > 1:
                self.report("ppt/presentation.xml",
                            f"master or layout id {value} used {count} times in the deck")

    def shape_ids(self, name: str, root: etree._Element) -> None:
        shapes = root.iter(f"{{{P}}}cNvPr")
        ids = Counter(shape.get("id") for shape in shapes)
        for value, count in ids.items():
            if count > 1:
                self.report(name, f"shape id {value} used {count} times")
        for end in root.iter(f"{{{A}}}stCxn", f"{{{A}}}endCxn"):
            if end.get("id") not in ids:
                self.report(name, f"{_path_of(end)}: a connector ends on shape id "
                                  f"{end.get('id')}, which is not on this slide")

    def extents(self, name: str, root: etree._Element) -> None:
        """No shape of a slide has a negative size, nor a zero one unless it is a line (a
        connector, or a line geometry): PowerPoint repairs or refuses such a file."""
        for ext in root.iter(f"{{{A}}}ext", f"{{{A}}}chExt", f"{{{P}}}ext"):
            if ext.get("cx") is None or ext.get("cy") is None:
                continue  # an extension list entry (a:ext uri=...), not a size
            cx, cy = int(ext.get("cx") or 0), int(ext.get("cy") or 0)
            shape = next((a for a in ext.iterancestors() if a.tag in SHAPES), None)
            geometry = shape.find(f".//{{{A}}}prstGeom") if shape is not None else None
            line = shape is not None and (shape.tag == f"{{{P}}}cxnSp" or (
                geometry is not None and geometry.get("prst") in LINE_GEOMETRIES))
            if cx < 0 or cy < 0 or (cx == 0 and cy == 0) or (not line and 0 in (cx, cy)):
                self.report(name, f"{_path_of(ext)}: a shape of size {cx} x {cy} EMU")


SHAPES = {f"{{{P}}}{tag}" for tag in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")}
LINE_GEOMETRIES = {"line", "straightConnector1"}


def apply_markup_compatibility(root: etree._Element) -> etree._Element:
    """The part as a reader knowing only UNDERSTOOD sees it (ECMA-376 Part 3): each
    mc:AlternateContent replaced by its first understood mc:Choice or else its mc:Fallback;
    elements and attributes of namespaces declared mc:Ignorable dropped. In place."""
    _reduce(root, frozenset())
    return root


def _reduce(element: etree._Element, ignorable: frozenset[str]) -> None:
    declared = element.get(f"{{{MC}}}Ignorable")
    if declared:
        found = {element.nsmap.get(prefix) for prefix in declared.split()}
        ignorable = ignorable | {ns for ns in found if ns and ns not in UNDERSTOOD}
    for attribute in list(element.attrib):
        namespace = etree.QName(attribute).namespace
        if namespace == MC or namespace in ignorable:
            del element.attrib[attribute]
    for child in list(element):
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction
        if child.tag == f"{{{MC}}}AlternateContent":
            chosen = _chosen_branch(child)
            position = element.index(child)
            element.remove(child)
            for offset, kept in enumerate(list(chosen) if chosen is not None else []):
                element.insert(position + offset, kept)
                _reduce(kept, ignorable)
        elif etree.QName(child).namespace in ignorable:
            element.remove(child)
        else:
            _reduce(child, ignorable)


def _chosen_branch(alternate: etree._Element) -> etree._Element | None:
    fallback = None
    for branch in alternate:
        if branch.tag == f"{{{MC}}}Choice":
            needs = [branch.nsmap.get(prefix) for prefix in (branch.get("Requires") or "").split()]
            if needs and all(ns in UNDERSTOOD for ns in needs):
                return branch
        elif branch.tag == f"{{{MC}}}Fallback":
            fallback = branch
    return fallback
