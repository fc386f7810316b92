"""Templates the tests build for themselves: what real-world templates throw at aligndeck.

Each is made from python-pptx's default package (4:3, the eleven standard layouts), so the
suite needs nothing beside the repository. Together they cover:

- `wide-old.pptx`: 16:9 at the old 10 x 5.625 in size (pandoc's reference deck, Google
  Slides exports), the standard English layout names and types, sample slides to be removed.
- `brand.potx`: a .potx (template content type on the main part), 13.333 x 7.5 in, two slide
  masters, custom untyped layouts with Portuguese names, a cover whose title is a centre title
  over two body placeholders (idx 10 and 11) instead of a subtitle, a logo picture on every
  layout, the title typeface set on the layouts rather than in the theme, sample slides.
- `japanese-4x3.pptx`: 4:3 with Japanese layout names and no layout types, and the title
  placeholder of every layout carrying its own Latin *and* East Asian typeface, as Japanese
  corporate templates do.
- `designed.pptx` (in DESIGNED, for the contrast tests): layouts that draw behind the text,
  a dark full-bleed photograph under a light title on the cover, a dark gradient background
  on the content layout and a light picture-filled background on the title-only layout.
- `drawn.pptx` (in DRAWN, for the browser's drawing of layouts): shapes on the master and
  the layouts (a band, a rule, a seal, a gradient badge, a custom wave, a turned square, a
  text label, a cropped logo, a flipped triangle on a coloured page); `banded.pptx` (also
  in DRAWN): a filled and outlined title placeholder on the master, a turned group, a
  path gradient background off the centre.

`python tests/made_templates.py FOLDER` writes them to FOLDER to open in PowerPoint.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu, Inches

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
PML = "application/vnd.openxmlformats-officedocument.presentationml."
MASTER_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"
PRESENTATION_TYPE = PML + "presentation.main+xml"
TEMPLATE_TYPE = PML + "template.main+xml"

OLD_WIDE = (Inches(10), Emu(5_143_500))
WIDE = (Emu(12_192_000), Emu(6_858_000))

PORTUGUESE = ("Capa", "Título e conteúdo", "Cabeçalho da seção", "Duas partes de conteúdo",
              "Comparação", "Somente título", "Em branco", "Conteúdo com legenda",
              "Imagem com legenda", "Título e texto vertical", "Título vertical e texto")
JAPANESE = ("タイトル スライド", "タイトルとコンテンツ", "セクション見出し",
            "2 つのコンテンツ", "比較", "タイトルのみ", "白紙", "タイトル付きのコンテンツ",
            "タイトル付きの図", "タイトルと縦書きテキスト", "縦書きタイトルと縦書きテキスト")
BRAND_FONT = "Georgia"
JAPANESE_FONTS = ("Meiryo UI", "メイリオ")
"""(Latin, East Asian) typeface on the Japanese template's layout titles."""
LOGO_SIZE = (Inches(1.2), Inches(0.5))
SAMPLE_TEXTS = ("Sample title of the template's own first slide",
                "A sample bullet the template ships with",
                "Another sample line that must not reach a deck")


def _resize(presentation: Any, width: int, height: int) -> None:
    """Set the slide size and scale every master and layout shape with it."""
    sx = width / presentation.slide_width
    sy = height / presentation.slide_height
    presentation.slide_width, presentation.slide_height = width, height
    parts = [*presentation.slide_masters, *presentation.slide_layouts]
    for part in parts:
        for xfrm in part.element.iter(f"{{{A}}}xfrm"):
            for child, x_name, y_name in ((xfrm.find(f"{{{A}}}off"), "x", "y"),
                                          (xfrm.find(f"{{{A}}}ext"), "cx", "cy")):
                if child is not None:
                    child.set(x_name, str(round(int(child.get(x_name)) * sx)))
                    child.set(y_name, str(round(int(child.get(y_name)) * sy)))


def _rename_untyped(presentation: Any, names: tuple[str, ...]) -> None:
    for layout, name in zip(presentation.slide_layouts, names, strict=True):
        layout.element.cSld.set("name", name)
        layout.element.attrib.pop("type", None)


def _title_fonts(presentation: Any, latin: str, east_asian: str | None) -> None:
    """Give each layout's title placeholder its own typeface(s), as a level-1 default run
    property in the placeholder's list style (the theme's fonts stay as they were)."""
    for layout in presentation.slide_layouts:
        for shape in layout.placeholders:
            if shape.placeholder_format.idx != 0:
                continue
            style = shape.element.find(f"{{{P}}}txBody/{{{A}}}lstStyle")
            level = style.find(f"{{{A}}}lvl1pPr")
            if level is None:
                level = etree.Element(f"{{{A}}}lvl1pPr")
                style.insert(0, level)
            run = level.find(f"{{{A}}}defRPr")
            if run is None:  # defRPr is last but for extLst, which the default has none of
                run = etree.SubElement(level, f"{{{A}}}defRPr")
            # latin and ea come after line, fill, effect and underline settings and before
            # the complex-script face, symbol, links and extLst; the default sets none of those.
            assert not [child for child in run if etree.QName(child).localname in
                        ("latin", "ea", "cs", "sym", "hlinkClick", "rtl", "extLst")]
            etree.SubElement(run, f"{{{A}}}latin", typeface=latin)
            if east_asian:
                etree.SubElement(run, f"{{{A}}}ea", typeface=east_asian)


def _logo_png() -> io.BytesIO:
    image = Image.new("RGB", (240, 100), (0x1F, 0x4E, 0x79))
    image.paste((0xF2, 0xA9, 0x00), (20, 20, 80, 80))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def _logos(presentation: Any) -> None:
    """A small logo picture in the bottom-left corner of every layout."""
    width, height = LOGO_SIZE
    x, y = Inches(0.3), presentation.slide_height - height - Inches(0.15)
    for layout in presentation.slide_layouts:
        _, rid = layout.part.get_or_add_image_part(_logo_png())
        tree = layout.shapes._spTree
        ids = [int(e.get("id")) for e in tree.iter(f"{{{P}}}cNvPr")]
        tree.append(CT_Picture.new_pic(max(ids) + 1, "logo", "Logo", rid, x, y, width, height))


def _cover_with_two_bodies(presentation: Any) -> None:
    """The first layout becomes a centre title over two body placeholders, idx 10 and 11
    (no subtitle, no date, footer or number), as custom title layouts often are."""
    layout = presentation.slide_layouts[0]
    for shape in list(layout.placeholders):
        if shape.placeholder_format.idx in (10, 11, 12):
            shape.element.getparent().remove(shape.element)
    subtitle = next(s for s in layout.placeholders if s.placeholder_format.idx == 1)
    ph = subtitle.element.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
    ph.attrib.clear()
    ph.set("type", "body")
    ph.set("idx", "10")
    subtitle.height = subtitle.height // 2
    byline = etree.fromstring(etree.tostring(subtitle.element))
    byline.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr").set("id", "90")
    byline.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr").set("name", "Byline")
    byline.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph").set("idx", "11")
    offset = byline.find(f"{{{P}}}spPr/{{{A}}}xfrm/{{{A}}}off")
    offset.set("y", str(int(offset.get("y")) + subtitle.height))
    subtitle.element.addnext(byline)


def _sample_slides(presentation: Any) -> None:
    cover = presentation.slides.add_slide(presentation.slide_layouts[0])
    cover.shapes.title.text = SAMPLE_TEXTS[0]
    content = presentation.slides.add_slide(presentation.slide_layouts[1])
    content.shapes.title.text = "Sample content slide"
    body = next(s for s in content.placeholders if s.placeholder_format.idx == 1)
    body.text_frame.text = SAMPLE_TEXTS[1]
    body.text_frame.add_paragraph().text = SAMPLE_TEXTS[2]


def _saved(presentation: Any) -> bytes:
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


# ---- package surgery: what python-pptx has no API for -------------------------------------------

def _rewrite(data: bytes, edit: Callable[[dict[str, bytes]], None]) -> bytes:
    """The package with its parts (name -> bytes) edited in place by `edit`."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    edit(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml"))
        for name, body in parts.items():
            target.writestr(name, body)
    return out.getvalue()


def _xml(body: bytes) -> Any:
    return etree.fromstring(body)


def _bytes(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _second_master(parts: dict[str, bytes]) -> None:
    """Copy slide master 1, its theme and its layouts into master 2 with fresh part names and
    ids, and list it in the presentation: a template with two masters (layout names repeat,
    as in real ones)."""
    layouts = sorted((n for n in parts if n.startswith("ppt/slideLayouts/slideLayout")
                      and n.endswith(".xml")), key=lambda n: int(n[28:-4]))
    count = len(layouts)
    types = _xml(parts["[Content_Types].xml"])

    def add(name: str, body: bytes, content_type: str) -> None:
        parts[name] = body
        etree.SubElement(types, f"{{{CT}}}Override", PartName=f"/{name}",
                         ContentType=content_type)

    theme = "application/vnd.openxmlformats-officedocument.theme+xml"
    add("ppt/theme/theme9.xml", parts["ppt/theme/theme1.xml"], theme)
    renumber = {}
    for number, old in enumerate(layouts, count + 1):
        new = f"ppt/slideLayouts/slideLayout{number}.xml"
        renumber[old.rsplit("/", 1)[1]] = new.rsplit("/", 1)[1]
        add(new, parts[old], PML + "slideLayout+xml")
        rels = parts[old.replace("slideLayouts/", "slideLayouts/_rels/") + ".rels"]
        parts[new.replace("slideLayouts/", "slideLayouts/_rels/") + ".rels"] = rels.replace(
            b"slideMaster1.xml", b"slideMaster2.xml")
    master_rels = parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"]
    root = _xml(master_rels)
    for relationship in root:
        target = relationship.get("Target")
        if target.endswith("theme1.xml"):
            relationship.set("Target", target.replace("theme1.xml", "theme9.xml"))
        elif target.rsplit("/", 1)[1] in renumber:
            relationship.set("Target", "../slideLayouts/" + renumber[target.rsplit("/", 1)[1]])
    parts["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = _bytes(root)
    master = _xml(parts["ppt/slideMasters/slideMaster1.xml"])
    presentation = _xml(parts["ppt/presentation.xml"])
    used = [int(e.get("id")) for e in presentation.iter(f"{{{P}}}sldMasterId")]
    used += [int(e.get("id")) for e in master.iter(f"{{{P}}}sldLayoutId")]
    next_id = max(used) + 1
    for entry in master.iter(f"{{{P}}}sldLayoutId"):
        entry.set("id", str(next_id + 1))
        next_id += 1
    add("ppt/slideMasters/slideMaster2.xml", _bytes(master), PML + "slideMaster+xml")
    presentation_rels = _xml(parts["ppt/_rels/presentation.xml.rels"])
    rid = f"rId{len(presentation_rels) + 100}"
    etree.SubElement(presentation_rels, f"{{{PR}}}Relationship", Id=rid,
                     Type=MASTER_RELATIONSHIP, Target="slideMasters/slideMaster2.xml")
    parts["ppt/_rels/presentation.xml.rels"] = _bytes(presentation_rels)
    masters = presentation.find(f"{{{P}}}sldMasterIdLst")
    etree.SubElement(masters, f"{{{P}}}sldMasterId", {"id": str(next_id + 1),
                                                       f"{{{R}}}id": rid})
    parts["ppt/presentation.xml"] = _bytes(presentation)
    parts["[Content_Types].xml"] = _bytes(types)


def _as_template(parts: dict[str, bytes]) -> None:
    text = parts["[Content_Types].xml"].decode("utf-8")
    assert PRESENTATION_TYPE in text
    parts["[Content_Types].xml"] = text.replace(PRESENTATION_TYPE, TEMPLATE_TYPE).encode("utf-8")


# ---- the templates -------------------------------------------------------------------------------

def wide_old() -> bytes:
    presentation = Presentation()
    _resize(presentation, *OLD_WIDE)
    _sample_slides(presentation)
    return _saved(presentation)


def brand() -> bytes:
    presentation = Presentation()
    _resize(presentation, *WIDE)
    _cover_with_two_bodies(presentation)
    _rename_untyped(presentation, PORTUGUESE)
    _title_fonts(presentation, BRAND_FONT, None)
    _logos(presentation)
    _sample_slides(presentation)
    return _rewrite(_rewrite(_saved(presentation), _second_master), _as_template)


def japanese_4x3() -> bytes:
    presentation = Presentation()
    _rename_untyped(presentation, JAPANESE)
    _title_fonts(presentation, *JAPANESE_FONTS)
    _sample_slides(presentation)
    return _saved(presentation)


def _photo(size: tuple[int, int], base: tuple[int, int, int],
           streak: tuple[int, int, int]) -> io.BytesIO:
    """A made "photograph": a flat colour crossed by diagonal streaks, as JPEG."""
    image = Image.new("RGB", size, base)
    pixels = image.load()
    for y in range(size[1]):
        for x in range(size[0]):
            if (x + 2 * y) % 90 < 6:
                pixels[x, y] = streak
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    buffer.seek(0)
    return buffer


DARK_PHOTO = ((16, 20, 28), (70, 80, 96))
"""The photo cover's base and streak colours: light text reads on both, dark text on neither."""
WARM_PHOTO = ((236, 196, 150), (250, 226, 196))
"""The picture-filled background's: dark text reads on both, light text on neither."""
GRADIENT = ("1B2A4A", "3A1F5C")


def _light_titles(layout: Any) -> None:
    """The layout's title placeholder draws its text in the light text colour (bg1)."""
    title = next(s for s in layout.placeholders if s.placeholder_format.idx == 0)
    style = title.element.find(f"{{{P}}}txBody/{{{A}}}lstStyle")
    level = etree.SubElement(style, f"{{{A}}}lvl1pPr")
    run = etree.SubElement(level, f"{{{A}}}defRPr")
    etree.SubElement(etree.SubElement(run, f"{{{A}}}solidFill"), f"{{{A}}}schemeClr", val="bg1")


def _background(layout: Any, fill: Any) -> None:
    """Give the layout a background of its own: `fill`, a DrawingML fill element."""
    c_sld = layout.element.find(f"{{{P}}}cSld")
    bg = etree.Element(f"{{{P}}}bg")
    props = etree.SubElement(bg, f"{{{P}}}bgPr")
    props.append(fill)
    etree.SubElement(props, f"{{{A}}}effectLst")
    c_sld.insert(0, bg)


def designed() -> bytes:
    """A designed template: a cover with a dark full-bleed photograph behind its light
    title, content slides on a dark gradient, title-only slides on a light picture fill."""
    presentation = Presentation()
    _resize(presentation, *WIDE)
    width, height = presentation.slide_width, presentation.slide_height
    cover, content, title_only = (presentation.slide_layouts[i] for i in (0, 1, 5))
    _, rid = cover.part.get_or_add_image_part(_photo((320, 180), *DARK_PHOTO))
    tree = cover.shapes._spTree
    tree.insert(2, CT_Picture.new_pic(90, "photo", "Photo", rid, 0, 0, width, height))
    gradient = etree.Element(f"{{{A}}}gradFill", rotWithShape="1")
    stops = etree.SubElement(gradient, f"{{{A}}}gsLst")
    for position, colour in zip(("0", "100000"), GRADIENT, strict=True):
        stop = etree.SubElement(stops, f"{{{A}}}gs", pos=position)
        etree.SubElement(stop, f"{{{A}}}srgbClr", val=colour)
    etree.SubElement(gradient, f"{{{A}}}lin", ang="5400000", scaled="0")
    _background(content, gradient)
    _, rid = title_only.part.get_or_add_image_part(_photo((320, 180), *WARM_PHOTO))
    picture = etree.Element(f"{{{A}}}blipFill", dpi="0", rotWithShape="1")
    etree.SubElement(picture, f"{{{A}}}blip", {f"{{{R}}}embed": rid})
    etree.SubElement(etree.SubElement(picture, f"{{{A}}}stretch"), f"{{{A}}}fillRect")
    _background(title_only, picture)
    for layout in (cover, content):
        _light_titles(layout)
    _sample_slides(presentation)
    return _saved(presentation)


NS = f'xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}"'
BAND, RULE, SEAL, BADGE = "0B4F5C", "E07A1F", "F2C14E", ("2A9D8F", "264653")
"""The drawn template's colours: a dark teal band, an orange rule, a yellow seal, a
teal-to-slate badge."""


def _sp(shape_id: int, name: str, box: tuple[int, int, int, int], geometry: str,
        fill: str, line: str = "<a:ln><a:noFill/></a:ln>", xfrm: str = "",
        text: str = "") -> Any:
    x, y, w, h = box
    body = (f"<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn=\"r\"/><a:r>"
            f'<a:rPr lang="en-US" sz="1400" b="1"><a:solidFill><a:srgbClr val="{BAND}"/>'
            f"</a:solidFill></a:rPr><a:t>{text}</a:t></a:r></a:p></p:txBody>") if text else ""
    return parse_xml(
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm{xfrm}><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
        f"</a:xfrm>{geometry}{fill}{line}</p:spPr>{body}</p:sp>")


def _solid(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _preset(name: str) -> str:
    return f'<a:prstGeom prst="{name}"><a:avLst/></a:prstGeom>'


def drawn() -> bytes:
    """A template whose master and layouts draw shapes the browser must draw too: a band
    down the left edge and a rule under the title on the master; on the content layout a
    round seal with an outline, a rounded badge with a gradient, a wave of custom
    geometry, a turned square, a label in a text box and a cropped picture; a solid page
    colour and a flipped corner triangle on the title-only layout."""
    presentation = Presentation()
    _resize(presentation, *WIDE)
    width, height = presentation.slide_width, presentation.slide_height
    master = presentation.slide_masters[0]
    tree = master.shapes._spTree
    tree.insert(2, _sp(90, "band", (0, 0, Inches(0.35), height), _preset("rect"), _solid(BAND)))
    tree.append(_sp(91, "rule", (Inches(0.6), Inches(1.55), Inches(12.1), 0),
                    _preset("line"), "", f'<a:ln w="38100">{_solid(RULE)}</a:ln>'))
    content, title_only = presentation.slide_layouts[1], presentation.slide_layouts[5]
    tree = content.shapes._spTree
    gradient = ('<a:gradFill><a:gsLst>' + "".join(
        f'<a:gs pos="{pos}"><a:srgbClr val="{colour}"/></a:gs>'
        for pos, colour in zip((0, 100000), BADGE, strict=True))
        + '</a:gsLst><a:lin ang="0" scaled="0"/></a:gradFill>')
    wave = ('<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" '
            'b="b"/><a:pathLst><a:path w="1000" h="100"><a:moveTo><a:pt x="0" y="100"/>'
            '</a:moveTo><a:lnTo><a:pt x="0" y="50"/></a:lnTo><a:cubicBezTo><a:pt x="300" '
            'y="0"/><a:pt x="700" y="100"/><a:pt x="1000" y="40"/></a:cubicBezTo><a:lnTo>'
            '<a:pt x="1000" y="100"/></a:lnTo><a:close/></a:path></a:pathLst></a:custGeom>')
    shapes = [
        _sp(92, "seal", (Inches(12.2), Inches(0.25), Inches(0.8), Inches(0.8)),
            _preset("ellipse"), _solid(SEAL), f'<a:ln w="25400">{_solid(BAND)}</a:ln>'),
        _sp(93, "badge", (Inches(10.6), Inches(6.55), Inches(2.2), Inches(0.5)),
            '<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val 50000"/>'
            '</a:avLst></a:prstGeom>', gradient),
        _sp(94, "wave", (Inches(0.35), Inches(7.05), Inches(12.98), Inches(0.45)),
            wave, _solid(BAND)),
        _sp(95, "turned", (Inches(11.5), Inches(0.45), Inches(0.4), Inches(0.4)),
            _preset("rect"), _solid(RULE), xfrm=' rot="2700000"'),
        _sp(96, "label", (Inches(8.2), Inches(0.3), Inches(3.8), Inches(0.45)),
            _preset("rect"), "<a:noFill/>", text="INTERNAL"),
    ]
    for shape in shapes:
        tree.append(shape)
    _, rid = content.part.get_or_add_image_part(_logo_png())
    logo = CT_Picture.new_pic(97, "logo", "Logo", rid, Inches(0.6), Inches(6.6), Inches(0.9),
                              Inches(0.5))
    crop = logo.blipFill.get_or_add_srcRect()
    crop.l = 0.25  # the logo's left quarter cut away
    tree.append(logo)
    _background(title_only, etree.fromstring(f'<a:solidFill {NS}><a:srgbClr val="F3F1EC"/>'
                                             "</a:solidFill>"))
    title_only.shapes._spTree.append(
        _sp(98, "corner", (width - Inches(1.5), height - Inches(1.5), Inches(1.5), Inches(1.5)),
            _preset("rtTriangle"), _solid(RULE), xfrm=' flipH="1"'))
    _sample_slides(presentation)
    return _saved(presentation)


TITLE_BAND, TITLE_RULE, TURNED = "1F3A5F", "E07A1F", ("7A4FBF", "2A9D8F")
GLOW = ("FFFFFF", "24476B")
"""The banded template's colours: a navy title band with an orange outline, a purple and
a teal bar turned together, a path gradient from white to navy."""


def banded() -> bytes:
    """A template whose master gives the title placeholder a filled, outlined band (every
    slide's title sits in it, in white), whose content layout holds a group turned 30
    degrees (two bars), and whose title-only layout's background is a path gradient that
    starts at the top left corner (its fill-to rectangle), not the centre."""
    presentation = Presentation()
    _resize(presentation, *WIDE)
    master = presentation.slide_masters[0]
    title = next(s for s in master.placeholders if s.placeholder_format.idx == 0)
    props = title.element.spPr
    props.append(etree.fromstring(f'<a:solidFill {NS}><a:srgbClr val="{TITLE_BAND}"/>'
                                  "</a:solidFill>"))
    props.append(etree.fromstring(f'<a:ln {NS} w="50800"><a:solidFill><a:srgbClr '
                                  f'val="{TITLE_RULE}"/></a:solidFill></a:ln>'))
    style = master.element.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{{{A}}}lvl1pPr/"
                                f"{{{A}}}defRPr")
    for old in style.findall(f"{{{A}}}solidFill"):
        style.remove(old)
    style.insert(0, etree.fromstring(f'<a:solidFill {NS}><a:schemeClr val="bg1"/>'
                                     "</a:solidFill>"))
    content, title_only = presentation.slide_layouts[1], presentation.slide_layouts[5]
    bars = "".join(etree.tostring(_sp(80 + i, f"bar-{i}", (i * 300, 0, 250, 1000),
                                      _preset("rect"), _solid(colour))).decode()
                   for i, colour in enumerate(TURNED))
    content.shapes._spTree.append(parse_xml(
        f'<p:grpSp {NS}><p:nvGrpSpPr><p:cNvPr id="79" name="turned bars"/><p:cNvGrpSpPr/>'
        f'<p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm rot="1800000"><a:off x="{Inches(12.2)}" '
        f'y="{Inches(5.6)}"/><a:ext cx="{Inches(0.55)}" cy="{Inches(1)}"/><a:chOff x="0" '
        f'y="0"/><a:chExt cx="550" cy="1000"/></a:xfrm></p:grpSpPr>{bars}</p:grpSp>'))
    _background(title_only, etree.fromstring(
        f'<a:gradFill {NS} rotWithShape="1"><a:gsLst><a:gs pos="0"><a:srgbClr '
        f'val="{GLOW[0]}"/></a:gs><a:gs pos="100000"><a:srgbClr val="{GLOW[1]}"/></a:gs>'
        '</a:gsLst><a:path path="circle"><a:fillToRect l="0" t="0" r="100000" b="100000"/>'
        "</a:path></a:gradFill>"))
    _sample_slides(presentation)
    return _saved(presentation)


MADE: dict[str, Callable[[], bytes]] = {
    "wide-old.pptx": wide_old,
    "brand.potx": brand,
    "japanese-4x3.pptx": japanese_4x3,
}
DESIGNED: dict[str, Callable[[], bytes]] = {"designed.pptx": designed}
DRAWN: dict[str, Callable[[], bytes]] = {"drawn.pptx": drawn, "banded.pptx": banded}
"""A template whose master and layouts draw shapes (bands, rules, a seal, a badge, a wave,
a turned square, a label, a cropped logo): the browser's drawing of layouts is checked on
it."""
"""Templates whose layouts draw behind the text (photos, gradients, picture fills): the
contrast tests build onto these."""


def side_footer() -> bytes:
    """A template in the manner of a conference's talk template: on the content and
    title-only layouts a panel fills the left of the slide below the title, and the footer
    row (date, footer, number) sits inside that panel half-way down, beside the free area
    on the right, not under it."""
    presentation = Presentation()
    _resize(presentation, *WIDE)
    width, height = presentation.slide_width, presentation.slide_height
    for layout in (presentation.slide_layouts[1], presentation.slide_layouts[5]):
        layout.shapes._spTree.insert(2, _sp(90, "panel", (0, Inches(1.6), width * 45 // 100,
                                                         height - Inches(1.6)),
                                            _preset("rect"), _solid("DCE6F0")))
        for placeholder in layout.placeholders:
            kind = placeholder.placeholder_format.type
            if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER,
                        PP_PLACEHOLDER.DATE):
                placeholder.top, placeholder.height = Inches(4.2), Inches(0.4)
                placeholder.width = Inches(1.7)
                placeholder.left = {PP_PLACEHOLDER.DATE: Inches(0.4),
                                    PP_PLACEHOLDER.FOOTER: Inches(2.2),
                                    PP_PLACEHOLDER.SLIDE_NUMBER: Inches(4.0)}[kind]
            elif kind == PP_PLACEHOLDER.BODY or kind == PP_PLACEHOLDER.OBJECT:
                placeholder.left, placeholder.width = width * 47 // 100, width * 50 // 100
                placeholder.top, placeholder.height = Inches(1.75), Inches(5.2)
    _sample_slides(presentation)
    return _saved(presentation)


def write_all(folder: Path, which: dict[str, Callable[[], bytes]] | None = None
              ) -> dict[str, Path]:
    """Write the templates `which` names (the MADE ones by default) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, make in (MADE if which is None else which).items():
        written[name] = folder / name
        written[name].write_bytes(make())
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "made-templates")
    for path in write_all(folder, {**MADE, **DESIGNED, **DRAWN}).values():
        print(path)
