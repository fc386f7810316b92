"""A template checked before python-pptx trusts it: the zip, its XML parts, its structure.

Templates come from colleagues, e-mail and the web, so nothing in one is taken on trust:
- the zip: how many entries it has, what each entry declares it inflates to and what it
  really inflates to (inflating stops at the cap, whatever the header claims), the total,
  and the compression ratio, against limits no real template comes near;
- every XML part: parsed as a stream with no DTD, no entities and no network, with caps on
  its size, its depth and the elements in the whole package;
- the structure: a presentation part, at least one slide master with a layout, a theme,
  relationships that resolve, content types for every part the deck uses.
Every finding is a TemplateProblem in plain words; python-pptx only ever sees a package that
passed. No python-pptx here: only zipfile and lxml, so the checks are cheap and bounded.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from aligndeck.files import MB, Limit

ENTRY_LIMIT = Limit("ALIGNDECK_MAX_TEMPLATE_ENTRIES", 5_000, 1, "entries")
UNPACKED_LIMIT = Limit("ALIGNDECK_MAX_TEMPLATE_UNPACKED_MB", 200 * MB, MB, "unpacked size")
XML_PART_LIMIT = Limit("ALIGNDECK_MAX_XML_PART_MB", 10 * MB, MB, "XML part")
RATIO_LIMIT = Limit("ALIGNDECK_MAX_COMPRESSION_RATIO", 100, 1, "compression ratio")
DEPTH_LIMIT = Limit("ALIGNDECK_MAX_XML_DEPTH", 128, 1, "XML depth")
ELEMENT_LIMIT = Limit("ALIGNDECK_MAX_XML_ELEMENTS", 500_000, 1, "XML elements")
LIMITS = (ENTRY_LIMIT, UNPACKED_LIMIT, XML_PART_LIMIT, RATIO_LIMIT, DEPTH_LIMIT, ELEMENT_LIMIT)

RATIO_FLOOR = 1 * MB
"""Entries smaller than this may compress as well as they like: small XML often reaches
10 to 1, and a megabyte is harmless whatever its ratio."""

DIRECTORY_BYTES_PER_ENTRY = 1024
"""The zip's table of contents may take this much per allowed entry (names are short)."""

_CHUNK = 1 << 16

PRESENTATION_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
}
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
EXPECTED_TYPES = {
    "officeDocument": PRESENTATION_TYPES,
    "slideMaster": {_PML + "slideMaster+xml"},
    "slideLayout": {_PML + "slideLayout+xml"},
    "slide": {_PML + "slide+xml"},
    "notesMaster": {_PML + "notesMaster+xml"},
    "notesSlide": {_PML + "notesSlide+xml"},
    "handoutMaster": {_PML + "handoutMaster+xml"},
    "theme": {"application/vnd.openxmlformats-officedocument.theme+xml"},
    "core-properties": {"application/vnd.openxmlformats-package.core-properties+xml"},
}
"""The content type python-pptx needs for the target of each relationship type it follows:
with another, it makes a plain part of it, which then lacks what the deck asks of it."""

SINGLE = {"officeDocument", "core-properties", "theme", "slideMaster", "slideLayout",
          "notesMaster", "notesSlide", "handoutMaster"}
"""Relationships python-pptx looks up by their type alone, so a part may have only one of
each; except those below, which the part lists by id."""
MANY = {**{kind: {"slideMaster", "slide"} for kind in PRESENTATION_TYPES},
        _PML + "slideMaster+xml": {"slideLayout"}}

_WORDS = {"slideMaster": "slide master", "slideLayout": "slide layout", "slide": "slide",
          "notesMaster": "notes master", "handoutMaster": "handout master"}

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_SLIDE_SIZE = (914_400, 51_206_400)
"""The slide sizes the format allows, in EMU: 1 to 56 inches."""


class TemplateProblem(ValueError):
    """What is wrong with a template, in plain words, without its file name."""


def _parser(**events: Any) -> Any:
    return etree.XMLPullParser(resolve_entities=False, no_network=True, load_dtd=False,
                               dtd_validation=False, huge_tree=False, **events)


def check_package(data: bytes) -> None:
    """Check a template's bytes; raises TemplateProblem, or zipfile.BadZipFile when the
    bytes are not a zip at all."""
    _check_directory(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
        _check_entries(infos)
        types = _content_types(package)
        budget = _Budget()
        for info in infos:
            _inflate(package, info, _is_xml(info.filename, types), budget)
        Structure(package, types).check()


def _check_directory(data: bytes) -> None:
    """Refuse a zip whose table of contents lists too many entries, before zipfile reads
    it: each entry costs memory to list, whether or not it is ever opened."""
    found = _directory_size(data)
    if found is None:
        return  # zipfile says what is wrong with it
    entries, size = found
    cap = ENTRY_LIMIT.value()
    if entries > cap or size > cap * DIRECTORY_BYTES_PER_ENTRY:
        raise TemplateProblem(f"the zip lists {entries:,} entries ({size:,} bytes of table of "
                              f"contents); at most {cap:,} entries are accepted (set "
                              f"{ENTRY_LIMIT.env} to raise the limit)")


def _directory_size(data: bytes) -> tuple[int, int] | None:
    """(entries, bytes) of the zip's central directory, from its end record(s)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65_535))
    if at < 0 or len(data) - at < 22:
        return None
    entries, size = struct.unpack_from("<HI", data, at + 10)
    if at >= 20 and data[at - 20:at - 16] == b"PK\x06\x07":  # zip64: the real counts
        (offset,) = struct.unpack_from("<Q", data, at - 12)
        if offset + 56 <= len(data) and data[offset:offset + 4] == b"PK\x06\x06":
            entries, size = struct.unpack_from("<QQ", data, offset + 32)
    return entries, size


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    """What the entries declare: count, names, sizes, ratios; before inflating any."""
    cap = ENTRY_LIMIT.value()
    if len(infos) > cap:
        raise TemplateProblem(f"the zip has {len(infos):,} entries; at most {cap:,} are "
                              f"accepted (set {ENTRY_LIMIT.env} to raise the limit)")
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            raise TemplateProblem(f"two entries of the zip are named {info.filename}")
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise TemplateProblem(f"{info.filename} is encrypted; save the template "
                                  "without a password")
        _check_size(info.filename, info.file_size, _part_limit(info.filename), declared=True)
        _check_ratio(info)
    _check_size("the template", sum(info.file_size for info in infos), UNPACKED_LIMIT,
                declared=True)


def _part_limit(name: str) -> Limit:
    return XML_PART_LIMIT if name.lower().endswith((".xml", ".rels")) else UNPACKED_LIMIT


def _check_size(name: str, size: int, limit: Limit, declared: bool = False) -> None:
    cap = limit.value()
    if size > cap:
        verb = "would unpack to" if declared else "unpacks to"
        more = f"{size / MB:,.1f} MB" if size < (1 << 62) else "more than it can hold"
        raise TemplateProblem(f"{name} {verb} {more}; at most {limit.describe(cap)} is "
                              f"accepted (set {limit.env} to raise the limit)")


def _check_ratio(info: zipfile.ZipInfo) -> None:
    cap = RATIO_LIMIT.value()
    if info.file_size > RATIO_FLOOR and info.file_size > cap * max(info.compress_size, 1):
        ratio = info.file_size / max(info.compress_size, 1)
        raise TemplateProblem(f"{info.filename} is compressed {ratio:,.0f} to 1, as zip bombs "
                              f"are; at most {cap:,} to 1 is accepted (set {RATIO_LIMIT.env} "
                              "to raise the limit)")


def _is_xml(name: str, types: _ContentTypes | None) -> bool:
    if name.lower().endswith((".xml", ".rels")):
        return True
    kind = (types.of("/" + name) if types else None) or ""
    return kind.endswith(("+xml", "/xml"))


@dataclass
class _Budget:
    """What the whole package has used so far while inflating and parsing."""

    unpacked: int = 0
    elements: int = 0
    max_elements: int = field(default_factory=ELEMENT_LIMIT.value)
    max_depth: int = field(default_factory=DEPTH_LIMIT.value)


def _inflate(package: zipfile.ZipFile, info: zipfile.ZipInfo, xml: bool, budget: _Budget
             ) -> None:
    """Inflate one entry as a stream, counting what really comes out; stop at the first
    byte over a cap, and parse XML as it arrives."""
    limit = XML_PART_LIMIT if xml else UNPACKED_LIMIT
    part_cap, total_cap = limit.value(), UNPACKED_LIMIT.value()
    parse = _XmlCheck(info.filename) if xml else None
    size = 0
    try:
        with package.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                budget.unpacked += len(chunk)
                if size > part_cap:
                    _check_size(info.filename, size, limit)
                if budget.unpacked > total_cap:
                    _check_size("the template", budget.unpacked, UNPACKED_LIMIT)
                if parse:
                    parse.feed(chunk, budget)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise TemplateProblem(f"{info.filename} is damaged ({exc})") from None
    except NotImplementedError:
        raise TemplateProblem(f"{info.filename} is compressed in a way aligndeck cannot "
                              "read") from None
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise TemplateProblem(f"{info.filename} cannot be read ({exc})") from None
    if parse:
        parse.close(budget)


class _XmlCheck:
    """One XML part, parsed as a stream: no DTD, no entities, bounded depth and size."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parser = _parser(events=("start", "end"))
        self.depth = 0
        self.started = False

    def feed(self, chunk: bytes, budget: _Budget) -> None:
        try:
            self.parser.feed(chunk)
        except etree.XMLSyntaxError as exc:
            raise self._syntax(exc) from None
        self._events(budget)

    def close(self, budget: _Budget) -> None:
        try:
            self.parser.close()
        except etree.XMLSyntaxError as exc:
            raise self._syntax(exc) from None
        self._events(budget)

    def _events(self, budget: _Budget) -> None:
        for event, element in self.parser.read_events():
            if event == "end":
                self.depth -= 1
                element.clear()  # keep memory flat: the structure is read again later
                continue
            if not self.started:
                self.started = True
                if element.getroottree().docinfo.doctype:
                    raise TemplateProblem(f"{self.name} declares a DTD (<!DOCTYPE …>), "
                                          "which PowerPoint files never do; refused, as it "
                                          "can hide entities that read other files")
            self.depth += 1
            budget.elements += 1
            if self.depth > budget.max_depth:
                raise self._too_deep()
            if budget.elements > budget.max_elements:
                raise TemplateProblem(f"the template's XML has more than "
                                      f"{ELEMENT_LIMIT.value():,} elements (set "
                                      f"{ELEMENT_LIMIT.env} to raise the limit)")

    def _syntax(self, exc: etree.XMLSyntaxError) -> TemplateProblem:
        if "Excessive depth" in str(exc.msg):  # libxml2's own cap (256) came first
            return self._too_deep()
        return TemplateProblem(f"{self.name} is not well-formed XML ({exc.msg})")

    def _too_deep(self) -> TemplateProblem:
        return TemplateProblem(f"{self.name} nests XML more than {DEPTH_LIMIT.value():,} "
                               f"levels deep (set {DEPTH_LIMIT.env} to raise the limit)")


def _parse(package: zipfile.ZipFile, name: str) -> Any:
    """A part already checked by _inflate, parsed whole with the same safe settings."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        return etree.fromstring(package.read(name), parser)
    except etree.XMLSyntaxError as exc:  # an empty part: no element for _inflate to see
        raise TemplateProblem(f"{name} is not well-formed XML ({exc.msg})") from None


@dataclass
class _ContentTypes:
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)

    def of(self, partname: str) -> str | None:
        """The content type of `/ppt/x.xml`, as python-pptx looks it up (case-blind)."""
        found = self.overrides.get(partname.lower())
        if found is None:
            found = self.defaults.get(posixpath.splitext(partname)[1][1:].lower())
        return found


def _content_types(package: zipfile.ZipFile) -> _ContentTypes | None:
    """[Content_Types].xml, read ahead of the other parts (it says which ones are XML)."""
    try:
        info = package.getinfo("[Content_Types].xml")
    except KeyError:
        return None
    _inflate(package, info, True, _Budget())
    root = _parse(package, info.filename)
    types = _ContentTypes()
    for element in root:
        tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
        kind = element.get("ContentType")
        if tag == "Default" and element.get("Extension") and kind:
            types.defaults[element.get("Extension").lower()] = kind
        elif tag == "Override" and element.get("PartName") and kind:
            types.overrides[element.get("PartName").lower()] = kind
    return types


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str
    """The member name in the zip (no leading slash) for an internal relationship."""

    @property
    def kind(self) -> str:
        """`slideMaster` for `http://…/relationships/slideMaster`."""
        return self.type.rsplit("/", 1)[-1]


class Structure:
    """The package's parts and relationships, as far as the deck needs them."""

    def __init__(self, package: zipfile.ZipFile, types: _ContentTypes | None) -> None:
        self.package = package
        self.names = set(package.namelist())
        self.types = types
        self.rels: dict[str, dict[str, Rel]] = {}

    def check(self) -> None:
        types = self.types
        if types is None:
            raise TemplateProblem("not a PowerPoint file (.pptx or .potx): it has no "
                                  "[Content_Types].xml")
        if not PRESENTATION_TYPES & {*types.overrides.values(), *types.defaults.values()}:
            raise TemplateProblem("not a PowerPoint presentation or template")
        if "_rels/.rels" not in self.names:
            raise TemplateProblem("it has no _rels/.rels, the list of its parts")
        self._walk()
        main = [rel for rel in self.rels[""].values() if rel.kind == "officeDocument"]
        if not main:
            raise TemplateProblem("_rels/.rels names no presentation part")
        self._presentation(main[0].target)

    def _walk(self) -> None:
        """Follow every internal relationship from the package's, as python-pptx does; each
        must lead to a part that exists and has the content type its use needs."""
        todo = [""]
        while todo:
            source = todo.pop()
            if source in self.rels:
                continue
            self.rels[source] = rels = self._read_rels(source)
            for rel in rels.values():
                if rel.target not in self.rels:
                    todo.append(rel.target)

    def _read_rels(self, source: str) -> dict[str, Rel]:
        folder, name = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels_name not in self.names:
            return {}
        found: dict[str, Rel] = {}
        for element in _parse(self.package, rels_name):
            if not isinstance(element.tag, str) or etree.QName(element).localname != \
                    "Relationship":
                continue
            rid, kind, target = (element.get(a) for a in ("Id", "Type", "Target"))
            if not rid or not kind or target is None:
                raise TemplateProblem(f"{rels_name} has a relationship without an Id, a Type "
                                      "or a Target")
            if rid in found:
                raise TemplateProblem(f"{rels_name} gives the id {rid} to two relationships")
            if element.get("TargetMode") == "External":
                continue
            member = posixpath.abspath(posixpath.join("/" + folder, target))[1:]
            rel = Rel(rid, kind, member)
            self._check_target(rels_name, rel)
            found[rid] = rel
        self._check_single(source, rels_name, found)
        return found

    def _check_single(self, source: str, rels_name: str, rels: dict[str, Rel]) -> None:
        assert self.types is not None
        many = MANY.get(self.types.of("/" + source) or "", set())
        kinds = [rel.kind for rel in rels.values() if rel.kind in SINGLE - many]
        for kind in sorted(set(kinds)):
            if kinds.count(kind) > 1:
                raise TemplateProblem(f"{rels_name} gives {source or 'the package'} "
                                      f"{kinds.count(kind)} {_WORDS.get(kind, kind)} "
                                      "relationships, where one is allowed")

    def _check_target(self, rels_name: str, rel: Rel) -> None:
        if rel.target not in self.names:
            raise TemplateProblem(f"{rels_name} points to {rel.target or '/'}, which is not in "
                                  "the file")
        assert self.types is not None
        kind = self.types.of("/" + rel.target)
        if kind is None:
            raise TemplateProblem(f"{rel.target} has no content type in [Content_Types].xml")
        expected = EXPECTED_TYPES.get(rel.kind)
        if expected is not None and kind not in expected:
            raise TemplateProblem(f"{rel.target} is used as a {_WORDS.get(rel.kind, rel.kind)} but "
                                  f"[Content_Types].xml calls it {kind}")

    def _root(self, name: str, tag: str) -> Any:
        root = _parse(self.package, name)
        if root.tag != tag:
            raise TemplateProblem(f"{name} is not a {etree.QName(tag).localname} part")
        return root

    def _listed(self, source: str, root: Any, path: str, kind: str) -> Iterator[Rel]:
        """The relationships that `root`'s id list at `path` names, each checked to exist
        with the right type."""
        rels = self.rels.get(source, {})
        folder, name = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
        for entry in root.iterfind(path, {"p": _P}):
            rid = entry.get(f"{{{_R}}}id")
            rel = rels.get(rid or "")
            if rel is None or rel.kind != kind:
                why = (f"{rels_name} is missing" if rels_name not in self.names else
                       f"{rels_name} has no {_WORDS[kind]} with the id {rid}")
                raise TemplateProblem(f"{source} lists a {_WORDS[kind]} ({rid}), but {why}")
            yield rel

    def _presentation(self, name: str) -> None:
        root = self._root(name, f"{{{_P}}}presentation")
        masters = list(self._listed(name, root, "p:sldMasterIdLst/p:sldMasterId",
                                    "slideMaster"))
        for path, kind in (("p:sldIdLst/p:sldId", "slide"),
                           ("p:notesMasterIdLst/p:notesMasterId", "notesMaster"),
                           ("p:handoutMasterIdLst/p:handoutMasterId", "handoutMaster")):
            list(self._listed(name, root, path, kind))
        if not masters:
            raise TemplateProblem("it has no slide master")
        size = root.find(f"{{{_P}}}sldSz")
        low, high = _SLIDE_SIZE
        try:
            width, height = int(size.get("cx")), int(size.get("cy"))
        except (AttributeError, TypeError, ValueError):
            raise TemplateProblem(f"{name} gives no slide size") from None
        if not (low <= width <= high and low <= height <= high):
            raise TemplateProblem(f"{name} gives a slide size of {width:,} x {height:,} EMU, "
                                  "outside what the format allows (1 to 56 inches a side)")
        layouts = sum(self._master(rel.target) for rel in masters)
        if not layouts:
            raise TemplateProblem("its slide masters have no layouts")

    def _master(self, name: str) -> int:
        """Check one slide master, its theme and its layouts; the number of layouts."""
        root = self._root(name, f"{{{_P}}}sldMaster")
        rels = self.rels.get(name, {})
        themes = [rel for rel in rels.values() if rel.kind == "theme"]
        if not themes:
            raise TemplateProblem(f"{name} has no theme")
        self._root(themes[0].target, "{http://schemas.openxmlformats.org/drawingml/2006/main}"
                   "theme")
        layouts = list(self._listed(name, root, "p:sldLayoutIdLst/p:sldLayoutId",
                                    "slideLayout"))
        for layout in layouts:
            self._root(layout.target, f"{{{_P}}}sldLayout")
            if not any(rel.kind == "slideMaster" for rel in self.rels.get(layout.target,
                                                                          {}).values()):
                raise TemplateProblem(f"{layout.target} does not say which slide master it "
                                      "belongs to")
        return len(layouts)
