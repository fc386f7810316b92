"""Templates: the default talk built onto templates made here and onto real-world ones.

The made templates (made_templates.py) carry what real ones throw at us: old 16:9 size, a .potx
with two masters, custom untyped Portuguese layouts, logos on the layouts and fonts on the
layouts, a Japanese 4:3 template. Odd ones made below: misleading layout names, a logo in the
way, no title placeholder, not PowerPoint at all, encrypted. Real templates from
../shared/templates (made by people outside this project) are extra coverage, marked `shared`:
skipped where the folder is absent, required on CI (ALIGNDECK_REQUIRE_SHARED=1).
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Inches

from aligndeck import api
from aligndeck.api import Design
from aligndeck.cli import main
from aligndeck.errors import BuildError
from aligndeck.plan.model import Rect
from aligndeck.render.template import FAMILIES, FAMILY_OF_KIND, describe, load_template
from helpers import (
    DEFAULT_OUTLINE,
    SHARED_TEMPLATES,
    broken_words,
    convert_to_pdf,
    require_shared_templates,
    require_soffice,
    run_validator,
    shapes_text,
)
from made_templates import (
    BRAND_FONT,
    JAPANESE_FONTS,
    MADE,
    PORTUGUESE,
    SAMPLE_TEXTS,
    write_all,
)
from made_templates import JAPANESE as JAPANESE_NAMES
from test_render import EMU_PER_PT, inside, text_boxes

PANDOC = "kfjt-md2pptxJP_reference.pptx"
MECANON = "mecanon-ufrj_template.potx"
OLD_WIDE = "wide-old.pptx"
"""Made: the pandoc reference deck's traits (10 x 5.625 in, standard layouts)."""
BRAND = "brand.potx"
"""Made: the mecanon template's traits (.potx, two masters, custom layouts, logos, fonts)."""
JAPANESE_4X3 = "japanese-4x3.pptx"

PRESENTATION_TYPE = ("application/vnd.openxmlformats-officedocument.presentationml."
                     "presentation.main+xml")
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
DIAGRAM_GROUPS = {"pipeline", "loop", "pipeline-strip"}


def shared_names() -> list[str]:
    """The real templates in ../shared/templates; the two expected ones when it is absent
    (their tests then report a skip)."""
    found = sorted(p.name for p in SHARED_TEMPLATES.glob("*")
                   if p.suffix.lower() in {".pptx", ".potx"})
    return found or [PANDOC, MECANON]


def shared(name: str) -> Any:
    return pytest.param(name, marks=pytest.mark.shared, id=name)


def names_with(*made: str, real: tuple[str, ...] = ()) -> list[Any]:
    """Parameters: made templates, then real ones marked `shared`."""
    return [*made, *(shared(name) for name in real)]


EVERY = names_with(*MADE, real=tuple(shared_names()))


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("made-templates"))


@pytest.fixture(scope="module")
def template_path(made: dict[str, Path]) -> Callable[[str], Path]:
    """A template by name: a made one, or a real one (skipped or required, see helpers)."""
    def find(name: str) -> Path:
        path = made[name] if name in made else require_shared_templates() / name
        assert path.is_file(), f"template missing: {path}"
        return path
    return find


@pytest.mark.shared
def test_real_templates_present() -> None:
    folder = require_shared_templates()
    names = {p.name for p in folder.iterdir()}
    assert {PANDOC, MECANON} <= names, f"expected {PANDOC} and {MECANON} in {folder}"


def test_made_templates_have_their_traits(made: dict[str, Path]) -> None:
    """The made templates really carry what they stand in for (independently of aligndeck)."""
    sizes = {name: (open_any(path).slide_width, open_any(path).slide_height)
             for name, path in made.items()}
    assert sizes == {OLD_WIDE: (9_144_000, 5_143_500), BRAND: (12_192_000, 6_858_000),
                     JAPANESE_4X3: (9_144_000, 6_858_000)}
    with zipfile.ZipFile(made[BRAND]) as package:
        assert TEMPLATE_TYPE in package.read("[Content_Types].xml").decode("utf-8")
    brand = open_any(made[BRAND])
    assert len(brand.slide_masters) == 2
    for name, names in ((BRAND, PORTUGUESE * 2), (JAPANESE_4X3, JAPANESE_NAMES)):
        layouts = [layout for master in open_any(made[name]).slide_masters
                   for layout in master.slide_layouts]
        assert all(layout.element.get("type") is None for layout in layouts), name
        assert tuple(layout.name for layout in layouts) == names
    for layout in (layout for master in brand.slide_masters for layout in master.slide_layouts):
        assert [s.shape_type for s in layout.shapes].count(MSO_SHAPE_TYPE.PICTURE) == 1
    assert layout_title_faces(brand) == {(BRAND_FONT, None)}
    assert layout_title_faces(open_any(made[JAPANESE_4X3])) == {JAPANESE_FONTS}
    for path in made.values():
        assert set(SAMPLE_TEXTS) <= sample_texts(open_any(path)), path.name
        run_validator(path)


# ---- reading templates independently of aligndeck ---------------------------------------------

def open_any(path: Path) -> Any:
    """A .pptx or .potx as a python-pptx Presentation (a .potx's main content type switched,
    since python-pptx refuses the template type)."""
    data = path.read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml").decode("utf-8")
    if TEMPLATE_TYPE in types:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as copy_:
            for info in source.infolist():
                body = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    body = types.replace(TEMPLATE_TYPE, PRESENTATION_TYPE).encode("utf-8")
                copy_.writestr(info, body)
        data = out.getvalue()
    return Presentation(io.BytesIO(data))


def layout_keys(presentation: Any) -> set[tuple[int, str]]:
    """(master index, layout name) of every layout."""
    return {(m, layout.name) for m, master in enumerate(presentation.slide_masters)
            for layout in master.slide_layouts}


def layout_key(presentation: Any, slide: Any) -> tuple[int, str]:
    layout = slide.slide_layout
    masters = [master.part.partname for master in presentation.slide_masters]
    return masters.index(layout.slide_master.part.partname), layout.name


def sample_texts(presentation: Any) -> set[str]:
    """The texts on a template's own sample slides (long enough to be telling)."""
    texts = set()
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    text = paragraph.text.strip()
                    if len(text) >= 8:
                        texts.add(text)
    return texts


def layout_title_faces(presentation: Any) -> set[tuple[str | None, str | None]]:
    """(Latin, East Asian) typeface set on each layout's title placeholder itself."""
    faces = set()
    for master in presentation.slide_masters:
        for layout in master.slide_layouts:
            for shape in layout.placeholders:
                if shape.placeholder_format.idx == 0:
                    run = shape.element.find(f".//{{{A_NS}}}lstStyle/{{{A_NS}}}lvl1pPr/"
                                             f"{{{A_NS}}}defRPr")
                    faces.add(tuple(None if run is None or run.find(f"{{{A_NS}}}{tag}") is None
                                    else run.find(f"{{{A_NS}}}{tag}").get("typeface")
                                    for tag in ("latin", "ea")))
    return faces


def words(text: str) -> str:
    return " ".join(text.split())


def rect_of(shape: Any) -> Rect:
    return Rect(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def all_shapes(shapes: Any) -> list[Any]:
    found = []
    for shape in shapes:
        found.append(shape)
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            found += all_shapes(shape.shapes)
    return found


# ---- the default talk on each real template -----------------------------------------------------

@dataclass(frozen=True)
class Built:
    template: Path
    out: Path
    checked: api.CheckResult


class Builds:
    """The default talk on each template by name, built once when first asked for."""

    def __init__(self, template_path: Callable[[str], Path], folder: Path) -> None:
        self.template_path = template_path
        self.folder = folder
        self.done: dict[str, Built] = {}

    def __getitem__(self, name: str) -> Built:
        if name not in self.done:
            template = self.template_path(name)
            out = self.folder / f"{template.stem}.pptx"
            api.build(None, out, design=Design(template=template))
            checked = api.check(None, design=Design(template=template))
            self.done[name] = Built(template, out, checked)
        return self.done[name]


@pytest.fixture(scope="module")
def built(template_path: Callable[[str], Path],
          tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(template_path, tmp_path_factory.mktemp("built"))


real = pytest.mark.parametrize("name", EVERY)


@real
def test_real_template_deck_validates(built: Builds, name: str) -> None:
    run_validator(built[name].out)


@real
def test_real_template_keeps_size_and_masters(built: Builds, name: str) -> None:
    template = open_any(built[name].template)
    deck = Presentation(str(built[name].out))
    assert (deck.slide_width, deck.slide_height) == (template.slide_width, template.slide_height)
    assert len(deck.slide_masters) == len(template.slide_masters)
    assert layout_keys(deck) == layout_keys(template)


@real
def test_every_slide_on_a_template_layout_with_its_title(built: Builds,
                                                         name: str) -> None:
    template = open_any(built[name].template)
    deck = Presentation(str(built[name].out))
    plan = built[name].checked.plan
    assert len(deck.slides) == len(plan.slides)
    allowed = layout_keys(template)
    for number, (slide, planned) in enumerate(zip(deck.slides, plan.slides, strict=True), 1):
        assert layout_key(deck, slide) in allowed, f"slide {number}: {slide.slide_layout.name}"
        title = slide.shapes.title
        assert title is not None, f"slide {number} ({planned.kind}) has no title placeholder"
        assert title.placeholder_format.type in TITLE_TYPES
        assert title.text.strip(), f"slide {number}: empty title"
        planned_title = next(e for e in planned.elements
                             if getattr(e, "placeholder", None) == "title")
        expected = " ".join(r.text for p in planned_title.frame.paragraphs for r in p.runs)
        assert words(title.text) == words(expected)


@real
def test_slides_use_the_chosen_layout_of_their_family(built: Builds,
                                                      name: str) -> None:
    deck = Presentation(str(built[name].out))
    choices = built[name].checked.template.choices
    for number, (slide, planned) in enumerate(
            zip(deck.slides, built[name].checked.plan.slides, strict=True), 1):
        choice = choices[FAMILY_OF_KIND[planned.kind]]
        assert layout_key(deck, slide) == (choice.master, choice.name), \
            f"slide {number} ({planned.kind})"


@real
def test_no_sample_slides_left(built: Builds, name: str) -> None:
    template = open_any(built[name].template)
    samples = sample_texts(template)
    assert samples, "the template should have sample slides with text"
    deck = Presentation(str(built[name].out))
    with zipfile.ZipFile(built[name].out) as package:
        slide_parts = [n for n in package.namelist()
                       if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        notes_parts = [n for n in package.namelist()
                       if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)]
        xml_text = "\n".join(package.read(n).decode("utf-8") for n in slide_parts + notes_parts)
    assert len(slide_parts) == len(deck.slides), "orphaned slide parts left in the package"
    assert len(notes_parts) <= len(deck.slides)
    deck_text = "\n".join(shape.text_frame.text for slide in deck.slides
                          for shape in all_shapes(slide.shapes) if shape.has_text_frame)
    for text in samples:
        assert text not in deck_text, f"sample text {text!r} left in the deck"
        assert text not in xml_text, f"{text!r} in a slide or notes part"


@real
def test_diagrams_use_theme_colour_references(built: Builds, name: str) -> None:
    deck = Presentation(str(built[name].out))
    found = set()
    for slide in deck.slides:
        xml = etree.tostring(slide.element).decode("utf-8")
        assert "srgbClr" not in xml, f"a fixed colour on slide {slide.slide_id}"
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP and shape.name in DIAGRAM_GROUPS:
                found.add(shape.name)
                fills = shape.element.findall(f".//{{{A_NS}}}solidFill")
                assert fills, f"{shape.name} has no solid fills"
                for fill in fills:
                    assert fill.find(f"{{{A_NS}}}schemeClr") is not None, shape.name
                assert not shape.element.findall(f".//{{{A_NS}}}srgbClr")
    assert found == DIAGRAM_GROUPS


@pytest.mark.parametrize("name", [BRAND, JAPANESE_4X3])
def test_fonts_set_on_layouts_are_kept(built: Builds, name: str) -> None:
    """The layouts keep their own title typefaces (Latin and East Asian), and the slides'
    titles set none of their own, so PowerPoint draws them in the layout's faces."""
    template = open_any(built[name].template)
    deck = Presentation(str(built[name].out))
    assert layout_title_faces(deck) == layout_title_faces(template)
    for number, slide in enumerate(deck.slides, 1):
        title = slide.shapes.title.element
        overridden = title.findall(f".//{{{A_NS}}}latin") + title.findall(f".//{{{A_NS}}}ea")
        assert not overridden, f"slide {number}: the title sets its own typeface"


def test_added_shapes_keep_clear_of_layout_logos(built: Builds) -> None:
    """A picture on the layout (the brand's logo) is left uncovered by everything added."""
    deck = Presentation(str(built[BRAND].out))
    clashes = []
    for number, slide in enumerate(deck.slides, 1):
        logos = [rect_of(shape) for shape in slide.slide_layout.shapes
                 if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(logos) == 1, f"slide {number}: its layout lost its logo"
        clashes += [f"slide {number}: {shape.name} {rect_of(shape)}" for shape in slide.shapes
                    if not shape.is_placeholder and rect_of(shape).overlaps(logos[0])]
    assert not clashes, "\n".join(clashes)


@real
def test_describe_mentions_every_family(template_path: Callable[[str], Path], name: str) -> None:
    template = load_template(template_path(name))
    text = "\n".join(describe(template))
    for family in FAMILIES:
        assert f"{family} slides" in text
        assert f"'{template.choices[family].name}'" in text


@pytest.mark.parametrize("name", names_with(OLD_WIDE, real=(PANDOC,)))
def test_standard_layout_choices(template_path: Callable[[str], Path], name: str) -> None:
    choices = load_template(template_path(name)).choices
    assert {family: choice.name for family, choice in choices.items()} == {
        "cover": "Title Slide", "content": "Title and Content", "diagram": "Title Only"}
    assert choices["cover"].slots.items() >= {"title": 0, "subtitle": 1}.items()
    assert choices["content"].slots.items() >= {"title": 0, "body": 1}.items()


@pytest.mark.parametrize("name", names_with(BRAND, real=(MECANON,)))
def test_potx_cover_has_a_centre_title(built: Builds, name: str) -> None:
    choice = built[name].checked.template.choices["cover"]
    kinds = {ph.placeholder_format.idx: ph.placeholder_format.type
             for ph in choice.layout.placeholders}
    assert kinds[choice.slots["title"]] == PP_PLACEHOLDER.CENTER_TITLE
    deck = Presentation(str(built[name].out))
    cover = deck.slides[0]
    assert cover.shapes.title.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE


# ---- odd templates made here --------------------------------------------------------------------

JAPANESE = ("タイトル スライド", "タイトルとコンテンツ", "セクション見出し",
            "2 つのコンテンツ", "比較", "タイトルのみ", "白紙", "タイトル付きのコンテンツ",
            "タイトル付きの図", "タイトルと縦書きテキスト", "縦書きタイトルと縦書きテキスト")
DECOY = ("タイトルのみ", "白紙", "比較", "タイトル スライド", "タイトルとコンテンツ",
         "セクション見出し", "タイトル付きの図", "2 つのコンテンツ", "レイアウト 9",
         "レイアウト 10", "レイアウト 11")
"""Names that point the wrong way: the title-only layout is called 'Title Slide' and so on."""
DEFAULT_INDEX = {"cover": 0, "content": 1, "diagram": 5}
"""The layouts of python-pptx's default package each family must get, by placeholders."""
FOUR_THREE = (9_144_000, 6_858_000)
LOGO = Rect(int(Inches(7.6)), int(Inches(1.6)), int(Inches(1.9)), int(Inches(0.9)))
"""Top right of the title-only layout, just below its title: where a diagram would go."""
BANNER = Rect(0, int(Inches(6.6)), int(Inches(10)), int(Inches(0.9)))
"""A brand bar along the bottom of every slide, drawn on the master."""


def renamed(path: Path, names: tuple[str, ...]) -> Path:
    presentation = Presentation()
    for layout, name in zip(presentation.slide_layouts, names, strict=True):
        layout.element.cSld.set("name", name)
        layout.element.attrib.pop("type", None)
    presentation.save(str(path))
    return path


def add_rectangle(part: Any, rect: Rect, name: str) -> None:
    """Append a plain rectangle to a layout's or master's shape tree: drawn on a throwaway
    slide, its element moved over with an id unique in the part."""
    scratch = Presentation()
    slide = scratch.slides.add_slide(scratch.slide_layouts[6])
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, rect.x, rect.y, rect.w, rect.h)
    shape.name = name
    element = copy.deepcopy(shape.element)
    ids = [int(e.get("id")) for e in part.element.iter(f"{{{P_NS}}}cNvPr")]
    element.find(f".//{{{P_NS}}}cNvPr").set("id", str(max(ids) + 1))
    part.shapes._spTree.append(element)


def with_logo(path: Path) -> Path:
    presentation = Presentation()
    add_rectangle(presentation.slide_layouts[5], LOGO, "logo")
    presentation.save(str(path))
    return path


def with_banner(path: Path) -> Path:
    presentation = Presentation()
    add_rectangle(presentation.slide_masters[0], BANNER, "banner")
    presentation.save(str(path))
    return path


def plain(path: Path) -> Path:
    Presentation().save(str(path))
    return path


def without_titles(path: Path) -> Path:
    presentation = Presentation()
    for layout in presentation.slide_layouts:
        for shape in list(layout.placeholders):
            if shape.placeholder_format.type in TITLE_TYPES:
                shape.element.getparent().remove(shape.element)
    presentation.save(str(path))
    return path


def as_potx(path: Path) -> Path:
    buffer = io.BytesIO()
    Presentation().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                text = body.decode("utf-8")
                assert PRESENTATION_TYPE in text
                body = text.replace(PRESENTATION_TYPE, TEMPLATE_TYPE).encode("utf-8")
            target.writestr(info, body)
    return path


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("odd")
    return {
        "japanese": renamed(folder / "japanese.pptx", JAPANESE),
        "decoy": renamed(folder / "decoy.pptx", DECOY),
        "logo": with_logo(folder / "logo.pptx"),
        "banner": with_banner(folder / "banner.pptx"),
        "plain": plain(folder / "plain.pptx"),
        "no-title": without_titles(folder / "no-title.pptx"),
        "potx": as_potx(folder / "renamed.potx"),
    }


@pytest.mark.parametrize("name", ["japanese", "decoy"])
def test_untyped_foreign_layouts_chosen_by_placeholders(odd: dict[str, Path], name: str,
                                                        tmp_path: Path) -> None:
    source = Presentation(str(odd[name]))
    assert all(layout.element.get("type") is None for layout in source.slide_layouts)
    template = load_template(odd[name])
    layouts = list(template.presentation.slide_layouts)
    chosen = {family: layouts.index(choice.layout) for family, choice in template.choices.items()}
    assert chosen == DEFAULT_INDEX
    out = tmp_path / "deck.pptx"
    api.build(None, out, design=Design(template=odd[name]))
    run_validator(out)
    deck = Presentation(str(out))
    assert (deck.slide_width, deck.slide_height) == FOUR_THREE
    names = source.slide_layouts
    expected = {family: names[index].name for family, index in DEFAULT_INDEX.items()}
    plan = api.check(None, design=Design(template=odd[name])).plan
    for slide, planned in zip(deck.slides, plan.slides, strict=True):
        assert slide.slide_layout.name == expected[FAMILY_OF_KIND[planned.kind]]
        assert slide.shapes.title is not None and slide.shapes.title.text.strip()


def test_diagram_area_keeps_clear_of_a_logo(odd: dict[str, Path], tmp_path: Path) -> None:
    plain = load_template(odd["plain"]).theme.frame("diagram").content
    assert plain.overlaps(LOGO), "the logo must stand where a diagram would otherwise go"
    area = load_template(odd["logo"]).theme.frame("diagram").content
    assert not area.overlaps(LOGO), f"free area {area} overlaps the logo {LOGO}"
    out = tmp_path / "deck.pptx"
    api.build(None, out, design=Design(template=odd["logo"]))
    run_validator(out)
    deck = Presentation(str(out))
    groups = []
    for slide in deck.slides:
        if slide.slide_layout.name != "Title Only":
            continue
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                groups.append(shape.name)
                assert not rect_of(shape).overlaps(LOGO), f"{shape.name} overlaps the logo"
    assert {"pipeline", "loop"} <= set(groups)


def test_diagram_slide_shapes_keep_clear_of_a_logo(odd: dict[str, Path], tmp_path: Path) -> None:
    """Not only the groups: the comparison's texts and the cards avoid the logo too."""
    out = tmp_path / "deck.pptx"
    api.build(None, out, design=Design(template=odd["logo"]))
    deck = Presentation(str(out))
    clashes = [f"slide {number}: {shape.name} {rect_of(shape)}"
               for number, slide in enumerate(deck.slides, 1)
               if slide.slide_layout.name == "Title Only"
               for shape in slide.shapes
               if not shape.is_placeholder and rect_of(shape).overlaps(LOGO)]
    assert not clashes, "\n".join(clashes)


def test_frames_keep_clear_of_a_master_banner(odd: dict[str, Path]) -> None:
    theme = load_template(odd["banner"]).theme
    for family in FAMILIES:
        assert not theme.frame(family).content.overlaps(BANNER), family


def test_added_shapes_keep_clear_of_a_master_banner(odd: dict[str, Path],
                                                    tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    api.build(None, out, design=Design(template=odd["banner"]))
    run_validator(out)
    deck = Presentation(str(out))
    clashes = [f"slide {number} ({slide.slide_layout.name}): {shape.name} {rect_of(shape)}"
               for number, slide in enumerate(deck.slides, 1) for shape in slide.shapes
               if not shape.is_placeholder and rect_of(shape).overlaps(BANNER)]
    assert not clashes, "\n".join(clashes)


def test_no_title_placeholder_is_no_usable_layout(odd: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    with pytest.raises(BuildError, match="no usable layout"):
        api.build(None, out, design=Design(template=odd["no-title"]))
    assert not out.exists()


def write_text(path: Path) -> None:
    path.write_text("just some text, not a deck\n", encoding="utf-8")


def write_docx_like(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" '
                         'ContentType="application/xml"/></Types>')
        package.writestr("word/document.xml", "<document/>")


def write_bare_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("readme.txt", "hello")


def write_ole(path: Path) -> None:
    path.write_bytes(OLE_SIGNATURE + bytes(504))


@pytest.mark.parametrize(("name", "write", "message"), [
    ("x.pptx", write_text, "not a PowerPoint"),
    ("empty.pptx", lambda p: p.write_bytes(b""), "not a PowerPoint"),
    ("doc.pptx", write_docx_like, "not a PowerPoint"),
    ("bare.potx", write_bare_zip, "not a PowerPoint"),
    ("locked.pptx", write_ole, "encrypted"),
    ("missing.pptx", lambda p: None, "no such file"),
])
def test_broken_templates_are_clear_errors(tmp_path: Path, name: str,
                                           write: Callable[[Path], Any], message: str) -> None:
    template = tmp_path / name
    write(template)
    out = tmp_path / "deck.pptx"
    with pytest.raises(BuildError, match=f"not a usable template: .*{message}") as raised:
        api.build(None, out, design=Design(template=template))
    assert name in str(raised.value)
    assert not out.exists()


def test_potx_with_template_content_type_builds(odd: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(ValueError):  # python-pptx refuses it as it is
        Presentation(str(odd["potx"]))
    out = tmp_path / "deck.pptx"
    api.build(None, out, design=Design(template=odd["potx"]))
    run_validator(out)
    with zipfile.ZipFile(out) as package:
        types = package.read("[Content_Types].xml").decode("utf-8")
    assert PRESENTATION_TYPE in types and TEMPLATE_TYPE not in types
    assert (Presentation(str(out)).slide_width, Presentation(str(out)).slide_height) == FOUR_THREE


# ---- the command line ---------------------------------------------------------------------------

@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def outline_text() -> str:
    return api.builtin_outline_text()


@pytest.mark.parametrize("name", names_with(*MADE, real=(PANDOC, MECANON)))
def test_template_check_lists_each_family(runner: CliRunner, template_path: Callable[[str], Path],
                                          name: str) -> None:
    result = runner.invoke(main, ["template-check", str(template_path(name))])
    assert result.exit_code == 0, result.output
    choices = load_template(template_path(name)).choices
    lines = result.stdout.splitlines()
    for family in FAMILIES:
        line = next((line for line in lines if line.strip().startswith(f"{family} slides")), None)
        assert line is not None, result.stdout
        assert f"layout '{choices[family].name}'" in line
        assert "title → placeholder" in line
    assert any(re.search(r"warning: layout '.+' has no title placeholder", line)
               for line in lines), result.stdout


@pytest.mark.parametrize(("name", "write", "message"), [
    ("x.pptx", write_text, "not a PowerPoint"),
    ("locked.potx", write_ole, "encrypted"),
    ("no-title.pptx", without_titles, "no usable layout"),
])
@pytest.mark.parametrize("command", ["template-check", "build"])
def test_cli_template_errors(runner: CliRunner, tmp_path: Path, command: str, name: str,
                             write: Callable[[Path], Any], message: str) -> None:
    template = tmp_path / name
    write(template)
    out = tmp_path / "deck.pptx"
    args = ["template-check", str(template)] if command == "template-check" else \
        ["build", "--template", str(template), "-o", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    assert re.match(rf"error: {re.escape(str(template))}: not a usable template: .*{message}",
                    result.stderr), \
        result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("name", names_with(OLD_WIDE, real=(PANDOC,)))
def test_build_with_template_flag(runner: CliRunner, template_path: Callable[[str], Path],
                                  tmp_path: Path, name: str) -> None:
    out = tmp_path / "out.pptx"
    result = runner.invoke(main, ["build", "--template", str(template_path(name)),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out))
    assert (deck.slide_width, deck.slide_height) == (9_144_000, 5_143_500)


def outline_folder(tmp_path: Path, template_line: str, made: dict[str, Path]) -> Path:
    """deck.yaml in tmp_path/talk with `template_line` appended and the made 10 x 5.625 in
    template beside it as brand.pptx."""
    folder = tmp_path / "talk"
    folder.mkdir()
    shutil.copy(made[OLD_WIDE], folder / "brand.pptx")
    (folder / "deck.yaml").write_text(outline_text() + f"\n{template_line}\n", encoding="utf-8")
    return folder / "deck.yaml"


def test_outline_template_is_relative_to_the_outline(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        made: dict[str, Path]) -> None:
    outline = outline_folder(tmp_path, "template: brand.pptx", made)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out = tmp_path / "a.pptx"
    result = runner.invoke(main, ["build", str(outline), "-o", str(out)])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out))
    assert (deck.slide_width, deck.slide_height) == (9_144_000, 5_143_500)
    assert deck.slides[0].slide_layout.name == "Title Slide"


@pytest.mark.parametrize("name", names_with(BRAND, real=(MECANON,)))
def test_template_flag_wins_over_the_outline(runner: CliRunner, tmp_path: Path,
                                             made: dict[str, Path],
                                             template_path: Callable[[str], Path],
                                             name: str) -> None:
    outline = outline_folder(tmp_path, "template: brand.pptx", made)
    out = tmp_path / "b.pptx"
    result = runner.invoke(main, ["build", str(outline), "--template", str(template_path(name)),
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out))
    assert (deck.slide_width, deck.slide_height) == (12_192_000, 6_858_000)
    assert len(deck.slide_masters) == 2


@pytest.mark.parametrize("command", ["build", "validate"])
def test_missing_outline_template_is_located(runner: CliRunner, tmp_path: Path,
                                             made: dict[str, Path], command: str) -> None:
    outline = outline_folder(tmp_path, "template: nowhere/brand.potx", made)
    line = outline.read_text(encoding="utf-8").splitlines().index(
        "template: nowhere/brand.potx") + 1
    out = tmp_path / "c.pptx"
    args = [command, str(outline)] + (["-o", str(out)] if command == "build" else [])
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    pattern = rf"{re.escape(str(outline))}:{line}:\d+: error: template: no such file: .*brand\.potx"
    assert any(re.fullmatch(pattern, text) for text in result.stderr.splitlines()), result.stderr
    assert not out.exists()


def test_outline_theme_with_template_warns_at_its_key(runner: CliRunner, tmp_path: Path,
                                                     made: dict[str, Path]) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(DEFAULT_OUTLINE.read_text(encoding="utf-8") + "theme: dark\n",
                       encoding="utf-8")
    line = len(outline.read_text(encoding="utf-8").splitlines())
    result = runner.invoke(main, ["validate", "--template", str(made[OLD_WIDE]),
                                  str(outline)])
    assert result.exit_code == 0, result.output
    assert f"talk.yaml:{line}:1: warning: theme: left aside: the template's own" in \
        result.stderr, result.stderr


def test_theme_with_template_warns(runner: CliRunner, tmp_path: Path,
                                   made: dict[str, Path]) -> None:
    out = tmp_path / "d.pptx"
    result = runner.invoke(main, ["build", "--template", str(made[OLD_WIDE]), "--theme",
                                  "dark", "-o", str(out)])
    assert result.exit_code == 0, result.output
    # Given on the command line, the theme is named as the flag, not at a line of the outline.
    assert re.search(r"^[^:]*: warning: --theme dark is left aside: the template's own "
                     r"colours.* are used$", result.stderr, re.MULTILINE), result.stderr
    # The template's design is kept: its theme part is not renamed to an aligndeck theme.
    with zipfile.ZipFile(out) as package:
        themes = [package.read(n).decode("utf-8") for n in package.namelist()
                  if re.fullmatch(r"ppt/theme/theme\d+\.xml", n)]
    assert not any("aligndeck dark" in theme for theme in themes)


# ---- rendered: every word inside its shape ------------------------------------------------------

def render_all(sources: dict[str, Path], factory: pytest.TempPathFactory,
               five_stages_on: Path | None = None) -> dict[str, tuple[Path, Path]]:
    """The default talk on each template, and its PDF, made in one LibreOffice run."""
    soffice = require_soffice()
    folder = factory.mktemp("render-templates")
    decks = {}
    for name, template in sources.items():
        deck = folder / f"{Path(name).stem}.pptx"
        api.build(None, deck, design=Design(template=template))
        decks[name] = deck
    if five_stages_on is not None:
        # Five stages on a 10 x 5.625 in template: narrow pipeline boxes, long stage names.
        decks["five-stages"] = folder / "five-stages.pptx"
        api.build(five_stage_outline(folder), decks["five-stages"],
                  design=Design(template=five_stages_on))
    pdfs = convert_to_pdf(soffice, decks, folder / "pdf", factory.mktemp("lo-profile"))
    return {name: (deck, pdfs[name]) for name, deck in decks.items()}


def five_stage_outline(folder: Path) -> Path:
    """The default talk with a fifth stage whose name has a long last word."""
    text = DEFAULT_OUTLINE.read_text(encoding="utf-8")
    at = text.index("\ncomparison:")
    path = folder / "five-stages.yaml"
    path.write_text(text[:at] + "\n  - name: Rollout and monitoring\n    summary: Ship "
                    "carefully, watch real use, and correct what goes wrong\n" + text[at:],
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rendered_here(odd: dict[str, Path], made: dict[str, Path],
                  tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The made templates and two odd ones; five stages on the made 10 x 5.625 in one."""
    return render_all(made | {"japanese": odd["japanese"], "logo": odd["logo"]},
                      tmp_path_factory, five_stages_on=made[OLD_WIDE])


@pytest.fixture(scope="module")
def rendered_real(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The real templates (skipped or required, as require_shared_templates says); five
    stages on the real 10 x 5.625 in one, where the issue's broken word was seen."""
    folder = require_shared_templates()
    rendered = render_all({name: folder / name for name in shared_names()}, tmp_path_factory,
                          five_stages_on=folder / PANDOC)
    rendered["five-stages-real"] = rendered.pop("five-stages")
    return rendered


def stray_words(deck: Path, pdf: Path) -> list[str]:
    """Words drawn outside every text shape of their slide, or outside the slide, or broken
    across two lines in the middle; and a page-count mismatch."""
    presentation = Presentation(str(deck))
    width = presentation.slide_width / EMU_PER_PT
    height = presentation.slide_height / EMU_PER_PT
    problems = []
    with pdfplumber.open(pdf) as document:
        if len(document.pages) != len(presentation.slides):
            return [f"{len(document.pages)} pages for {len(presentation.slides)} slides"]
        for number, (page, slide) in enumerate(zip(document.pages, presentation.slides,
                                                   strict=True), 1):
            named = list(text_boxes(slide.shapes))
            boxes = [box for _, box in named]
            page_words = page.extract_words(use_text_flow=True)
            problems += [f"slide {number}: broken in the middle: {broken}" for broken in
                         broken_words(page_words, named, shapes_text(slide.shapes))]
            if not page_words:
                problems.append(f"slide {number}: no text rendered")
            for word in page_words:
                if not word["text"].strip("\u2066\u2067\u2068\u2069"):
                    continue  # a bidi isolate alone: drawn with no advance and no ink
                where = (f"slide {number}: {word['text']!r} at x {word['x0']:.1f}-"
                         f"{word['x1']:.1f}, y {word['top']:.1f}-{word['bottom']:.1f}")
                if not inside(word, (0, 0, width, height)):
                    problems.append(where + " outside the slide")
                elif not any(inside(word, box) for box in boxes):
                    problems.append(where + " outside every text shape")
    return problems


@pytest.mark.render
@pytest.mark.parametrize("name", [*EVERY, "japanese", "logo", "five-stages",
                                  shared("five-stages-real")])
def test_rendered_words_inside_their_shapes(request: pytest.FixtureRequest, name: str) -> None:
    here = name in MADE or name in ("japanese", "logo", "five-stages")
    rendered = request.getfixturevalue("rendered_here" if here else "rendered_real")
    deck, pdf = rendered[name]
    problems = stray_words(deck, pdf)
    assert not problems, "\n".join(problems)
