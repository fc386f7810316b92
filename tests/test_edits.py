"""Hand edits: the digest a deck carries, build refusing to lose edits, `diff` and `pull`
(decks edited with python-pptx and saved with renamed parts, as PowerPoint saves them)."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from aligndeck import api
from aligndeck.edits.compare import Change
from aligndeck.edits.digest import PREFIX, read_digest
from aligndeck.edits.markup_back import to_markup
from aligndeck.edits.pull import pull_edits
from aligndeck.errors import BuildError
from edit_helpers import (
    TALK,
    cli,
    edit_deck,
    save_as_powerpoint,
    set_text,
    shape,
    write_talk,
)

_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def test_a_built_deck_carries_its_digest_in_short_custom_properties(tmp_path: Path) -> None:
    _, deck = write_talk(tmp_path)
    presentation = Presentation(str(deck))
    digest = read_digest(presentation)
    assert digest is not None
    assert [s.kind for s in digest.slides] == ["title", "pipeline", "stage", "stage",
                                               "shortcomings", "shortcoming", "closing"]
    lead = digest.slides[2].shape("lead")
    assert lead is not None and lead.sources == (("stages", 0, "summary"),)
    assert lead.shot.texts == ("Someone writes the outline first",)
    part = next(rel.target_part for rel in presentation.part.package._rels.values()
                if rel.reltype.endswith("/custom-properties"))
    values = [p for p in etree.fromstring(part.blob) if p.get("name").startswith(PREFIX)]
    assert len(values) > 1
    assert all(len("".join(p.itertext())) <= 250 for p in values)


def test_a_deck_rebuilt_untouched_or_resaved_is_overwritten(tmp_path: Path) -> None:
    outline, deck = write_talk(tmp_path)
    assert cli("build", str(outline), "-o", str(deck)).exit_code == 0
    edit_deck(deck, lambda presentation: None)  # opened and saved, nothing changed
    result = cli("build", str(outline), "-o", str(deck))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.pptx", "talk.yaml"]


def _retitle(p: Any) -> None:
    set_text(shape(p, 3, "lead").text_frame.paragraphs[0], "Someone drafts it first")


def _renote(p: Any) -> None:
    p.slides[3].notes_slide.notes_text_frame.text = "New notes, said on the train."


def _move(p: Any) -> None:
    box = shape(p, 2, "stage-2")
    box.left = Emu(box.left + Pt(40))


def _recolour(p: Any) -> None:
    box = shape(p, 2, "stage-1")
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor(0xFF, 0x00, 0x00)


def _delete_shape(p: Any) -> None:
    kicker = shape(p, 1, "kicker")
    kicker._element.getparent().remove(kicker._element)


def _add_box(p: Any) -> None:
    p.slides[4].shapes.add_textbox(Pt(10), Pt(10), Pt(100), Pt(20)).text = "A remark"


def _delete_slide(p: Any) -> None:
    ids = p.slides._sldIdLst
    ids.remove(ids[5])


def _swap_slides(p: Any) -> None:
    ids = p.slides._sldIdLst
    third = ids[2]
    ids.remove(third)
    ids.insert(3, third)


EDITS: list[tuple[str, Callable[[Any], None], str]] = [
    ("text", _retitle, "slide 3: stages[0].summary: “Someone writes the outline first” → "
                       "“Someone drafts it first”"),
    ("notes", _renote, "slide 4: notes of slide 4: “New notes, said on the train.”"),
    ("moved", _move, "slide 2: stage-2 moved"),
    ("restyled", _recolour, "slide 2: stage-1 restyled"),
    ("shape removed", _delete_shape, "slide 1: shape removed kicker"),
    ("shape added", _add_box, "slide 5: shape added TextBox"),
    ("slide removed", _delete_slide, "slide 6: removed"),
    ("slide moved", _swap_slides, "slide 4: moved, now slide 3"),
]


@pytest.mark.parametrize(("what", "change", "said"), EDITS, ids=[e[0] for e in EDITS])
def test_build_refuses_to_overwrite_an_edited_deck(tmp_path: Path, what: str,
                                                    change: Callable[[Any], None],
                                                    said: str) -> None:
    outline, deck = write_talk(tmp_path)
    edit_deck(deck, change)
    edited = deck.read_bytes()
    result = cli("build", str(outline), "-o", str(deck))
    assert result.exit_code == 1
    assert said in result.stderr, result.stderr
    assert "nothing was written" in result.stderr
    assert "aligndeck pull" in result.stderr and "--force" in result.stderr
    assert deck.read_bytes() == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.pptx", "talk.yaml"]


def test_force_keeps_numbered_backups_and_never_replaces_one(tmp_path: Path) -> None:
    outline, deck = write_talk(tmp_path)
    for number in (1, 2):
        edit_deck(deck, _retitle)
        edited = deck.read_bytes()
        result = cli("build", str(outline), "-o", str(deck), "--force")
        assert result.exit_code == 0, result.output
        assert f"talk.pptx.~{number}~" in result.stderr
        assert (tmp_path / f"talk.pptx.~{number}~").read_bytes() == edited
    assert (tmp_path / "talk.pptx.~1~").read_bytes() != b""
    assert read_digest(Presentation(str(deck))) is not None


@pytest.mark.parametrize(("content", "said"), [
    (b"not a deck at all", "not a PowerPoint deck aligndeck can read: not a PowerPoint "
                           "file; so nothing was written"),
    (None, "aligndeck did not build this file"),
], ids=["junk", "foreign"])
def test_a_file_aligndeck_did_not_build_is_not_overwritten(tmp_path: Path,
                                                           content: bytes | None,
                                                           said: str) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(TALK, encoding="utf-8")
    deck = tmp_path / "talk.pptx"
    if content is None:
        Presentation().save(str(deck))
    else:
        deck.write_bytes(content)
    before = deck.read_bytes()
    result = cli("build", str(outline))
    assert result.exit_code == 1
    assert said in result.stderr
    assert "--force (it is first kept as talk.pptx.~1~)" in result.stderr
    assert deck.read_bytes() == before
    assert cli("build", str(outline), "--force").exit_code == 0
    assert (tmp_path / "talk.pptx.~1~").read_bytes() == before


def test_watch_leaves_an_edited_deck_alone(tmp_path: Path) -> None:
    outline, deck = write_talk(tmp_path)
    edit_deck(deck, _renote)
    with pytest.raises(BuildError, match="was edited since aligndeck built it"):
        api.build(outline, deck)


def test_diff_names_fields_in_the_outlines_terms(tmp_path: Path) -> None:
    _, deck = write_talk(tmp_path)

    def edits(p: Any) -> None:
        _retitle(p)
        _renote(p)
        body = shape(p, 6, "body").text_frame.paragraphs[1]
        set_text(body, "Nobody noticed at all")

    edit_deck(deck, edits)
    result = cli("diff", str(deck))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "slide 3: stages[0].summary: “Someone writes the outline first” → "
        "“Someone drafts it first”",
        "slide 4: notes of slide 4: “New notes, said on the train.”",
        "slide 6: shortcomings.items[0].points[1]: “Nobody noticed” → "
        "“Nobody noticed at all”",
    ]


# ---- pull --------------------------------------------------------------------------------

def _bold_word(p: Any) -> None:
    paragraph = shape(p, 4, "body").text_frame.paragraphs[0]
    set_text(paragraph, "Fixes a ")
    run = paragraph.add_run()
    run.text = "typo"
    run.font.bold = True
    tail = paragraph.add_run()
    tail.text = " in a title"


PULLS: list[tuple[str, Callable[[Any], None], str, str]] = [
    ("plain scalar", _retitle, "summary: Someone writes the outline first",
     "summary: Someone drafts it first"),
    ("double quoted", lambda p: set_text(shape(p, 4, "lead").text_frame.paragraphs[0],
                                         'A colleague "edits" the deck'),
     'summary: "A colleague edits the deck"', 'summary: "A colleague \\"edits\\" the deck"'),
    ("single quoted", lambda p: set_text(shape(p, 4, "body").text_frame.paragraphs[1],
                                         "Rewords a bullet, doesn't ask"),
     "- 'Rewords a bullet'", "- 'Rewords a bullet, doesn''t ask'"),
    ("flow list item", lambda p: set_text(shape(p, 3, "body").text_frame.paragraphs[0],
                                          "Plain words, now with a comma"),
     "[Plain words in a flow list,", '["Plain words, now with a comma",'),
    ("plain before a comment", lambda p: set_text(shape(p, 1, "title").text_frame
                                                  .paragraphs[0], "Edits always come back"),
     "title: Edits come back   #", "title: Edits always come back   #"),
    ("box label with an anchor", lambda p: set_text(shape(p, 2, "stage-1").text_frame
                                                    .paragraphs[1], "Writing"),
     "name: &first Drafting", "name: &first Writing"),
    ("bold back to markup", _bold_word, "- Fixes a typo in a title   #",
     "- Fixes a **typo** in a title   #"),
    ("folded notes", lambda p: setattr(p.slides[2].notes_slide.notes_text_frame, "text",
                                       "Short notes now."),
     "notes: >-\n      The first stage is where the outline is written. These notes are\n"
     "      folded over two lines.", "notes: >-\n      Short notes now."),
    ("literal notes", lambda p: setattr(p.slides[3].notes_slide.notes_text_frame, "text",
                                        "Literal notes, edited."),
     "    notes: |\n      Literal notes keep their line.",
     "    notes: |\n      Literal notes, edited."),
]


@pytest.mark.parametrize(("what", "change", "old", "new"), PULLS, ids=[p[0] for p in PULLS])
def test_pull_changes_exactly_the_edited_value(tmp_path: Path, what: str,
                                               change: Callable[[Any], None], old: str,
                                               new: str) -> None:
    outline, deck = write_talk(tmp_path)
    edit_deck(deck, change)
    dry = cli("pull", str(deck), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert outline.read_text(encoding="utf-8") == TALK
    result = cli("pull", str(deck))
    assert result.exit_code == 0, result.output
    assert "pulled 1 edit into" in result.stderr
    assert TALK.count(old) == 1
    assert outline.read_text(encoding="utf-8") == TALK.replace(old, new)
    assert f"-{old.splitlines()[0]}" in dry.stdout or old.splitlines()[0] in dry.stdout
    # The outline now holds the edit: the deck is rebuilt, and says what the deck said.
    rebuilt = cli("build", str(outline), "-o", str(deck))
    assert rebuilt.exit_code == 0, rebuilt.output
    assert cli("diff", str(deck)).stdout.startswith(f"{deck}: unchanged")


def test_edits_with_no_place_in_the_outline_are_listed_not_pulled(tmp_path: Path) -> None:
    outline, deck = write_talk(tmp_path)

    def edits(p: Any) -> None:
        _move(p)
        _add_box(p)
        set_text(shape(p, 2, "title").text_frame.paragraphs[0], "The pipeline")
        _retitle(p)

    edit_deck(deck, edits)
    result = cli("pull", str(deck))
    assert result.exit_code == 0, result.output
    assert "pulled 1 edit into" in result.stderr
    said = result.stderr.split("not pulled", 1)[1]
    for line in ("slide 2: stage-2 moved", "only text is pulled",
                 "slide 2: pipeline.title", "the outline has no such field",
                 "slide 5: shape added TextBox"):
        assert line in said, said
    assert outline.read_text(encoding="utf-8") == TALK.replace(
        "Someone writes the outline first", "Someone drafts it first")
    refused = cli("build", str(outline), "-o", str(deck))
    assert refused.exit_code == 1, "the moved box would still be lost"
    assert "stages[0].summary" not in refused.stderr


def test_pull_refuses_a_field_edited_two_ways(tmp_path: Path) -> None:
    outline, deck = write_talk(tmp_path)

    def edits(p: Any) -> None:
        set_text(shape(p, 3, "title").text_frame.paragraphs[0], "Writing")
        set_text(shape(p, 2, "stage-1").text_frame.paragraphs[1], "Composing")

    edit_deck(deck, edits)
    result = cli("pull", str(deck))
    assert "pulled 0 edits" in result.stderr
    assert result.stderr.count("edited differently in several places") == 2
    assert outline.read_text(encoding="utf-8") == TALK


def test_diff_and_pull_on_a_deck_aligndeck_did_not_build(tmp_path: Path) -> None:
    deck = tmp_path / "other.pptx"
    Presentation().save(str(deck))
    for command in ("diff", "pull"):
        result = cli(command, str(deck))
        assert result.exit_code == 1
        assert "aligndeck did not build this deck" in result.stderr


MARKUP: list[tuple[tuple[tuple[str, bool, bool, bool, str | None], ...], str | None]] = [
    ((("plain words", False, False, False, None),), "plain words"),
    ((("a ", False, False, False, None), ("bold", True, False, False, None),
      (" word", False, False, False, None)), "a **bold** word"),
    ((("an ", False, False, False, None), ("italic one ", False, True, False, None),
      ("here", False, False, False, None)), "an *italic one* here"),
    ((("run ", False, False, False, None), ("make deck", False, False, True, None)),
     "run `make deck`"),
    ((("see ", False, False, False, None), ("the paper", False, False, False, "https://x.org"),),
     "see [the paper](https://x.org)"),
    ((("2 * 3 = 6 [sic]", False, False, False, None),), "2 * 3 = 6 [sic]"),
    ((("*starred*", False, False, False, None),), "\\*starred\\*"),
    ((("a `tick`", False, False, False, None),), "a \\`tick\\`"),
]


@pytest.mark.parametrize(("stretches", "markup"), MARKUP)
def test_formatting_goes_back_into_markup(
        stretches: tuple[tuple[str, bool, bool, bool, str | None], ...],
        markup: str | None) -> None:
    assert to_markup(stretches) == markup


def test_pull_keeps_every_other_byte_and_checks_its_work() -> None:
    change = Change(3, "text", "lead", 0, ("stages", 1, "points", 0),
                    "Fixes a typo in a title", "Fixes two typos",
                    (("Fixes two typos", False, False, False, None),))
    result = pull_edits(TALK, [change])
    assert result.text == TALK.replace("- Fixes a typo in a title   #",
                                       "- Fixes two typos   #")
    stale = Change(3, "text", "lead", 0, ("stages", 1, "summary"), "What the deck said",
                   "New", (("New", False, False, False, None),))
    assert pull_edits(TALK, [stale]).left[0].reason.startswith("the outline's text here "
                                                               "differs")


def test_a_powerpoint_save_renames_parts_and_ids_yet_reads_the_same(tmp_path: Path) -> None:
    _, deck = write_talk(tmp_path)
    presentation = Presentation(str(deck))
    ids = [s.slide_id for s in presentation.slides]
    save_as_powerpoint(presentation, tmp_path / "saved.pptx")
    with zipfile.ZipFile(tmp_path / "saved.pptx") as package:
        names = {n for n in package.namelist() if n.startswith("ppt/slides/sheet")}
        assert not [n for n in package.namelist() if n.startswith("ppt/slides/slide")]
    assert names == {f"ppt/slides/sheet{n}.xml" for n in range(41, 48)}
    again = Presentation(str(tmp_path / "saved.pptx"))  # (python-pptx renames on reading)
    assert [s.slide_id for s in again.slides] == [i + 1000 for i in ids]
    assert cli("diff", str(tmp_path / "saved.pptx")).stdout.endswith(
        "unchanged since aligndeck built it\n")


def test_pull_keeps_a_byte_order_mark_and_windows_line_ends(tmp_path: Path) -> None:
    outline, deck = write_talk(tmp_path, TALK.replace("\n", "\r\n"))
    outline.write_bytes(b"\xef\xbb\xbf" + outline.read_bytes())
    edit_deck(deck, _retitle)
    assert cli("pull", str(deck)).exit_code == 0
    assert outline.read_bytes() == b"\xef\xbb\xbf" + TALK.replace(
        "Someone writes the outline first", "Someone drafts it first").replace(
        "\n", "\r\n").encode("utf-8")


def test_table_cells_come_back_and_csv_cells_are_named_not_pulled(tmp_path: Path) -> None:
    source = Path(__file__).parent / "outlines"
    shutil.copytree(source / "data", tmp_path / "data")
    text = (source / "data-slides.yaml").read_text(encoding="utf-8")
    outline, deck = write_talk(tmp_path, text)

    def edits(p: Any) -> None:
        cells = shape(p, 2, "table").table
        set_text(cells.cell(1, 1).text_frame.paragraphs[0], "Instruction → model answers")
        set_text(shape(p, 4, "table").table.cell(1, 0).text_frame.paragraphs[0], "SFT")

    edit_deck(deck, edits)
    result = cli("pull", str(deck))
    assert result.exit_code == 0, result.output
    assert "pulled 1 edit into" in result.stderr
    assert "the text comes from a CSV file: edit it there" in result.stderr
    assert outline.read_text(encoding="utf-8") == text.replace(
        "Instruction → good response pairs,", "Instruction → model answers,")


def test_notes_added_to_a_slide_aligndeck_spoke_for_become_the_outlines(
        tmp_path: Path) -> None:
    outline, deck = write_talk(tmp_path)

    def edits(p: Any) -> None:
        p.slides[5].notes_slide.notes_text_frame.text = "Said on the train.\nTwice."
        p.slides[0].notes_slide.notes_text_frame.text = "Welcome, everyone."

    edit_deck(deck, edits)
    result = cli("pull", str(deck))
    assert result.exit_code == 0, result.output
    assert "pulled 1 edit into" in result.stderr
    assert "slide 1: notes of slide 1" in result.stderr
    assert "no place for them" in result.stderr
    assert outline.read_text(encoding="utf-8") == TALK.replace(
        '        - "Nobody noticed"\n',
        '        - "Nobody noticed"\n      notes: >-\n        Said on the train.\n\n'
        '        Twice.\n')
    refused = cli("build", str(outline), "-o", str(deck))
    assert refused.exit_code == 1, "the cover's notes would be lost"
    assert refused.stderr.count("\n  slide ") == 1
    assert "slide 1: notes of slide 1" in refused.stderr


def test_a_comparison_text_keeps_its_markup_and_its_flow_mapping(tmp_path: Path) -> None:
    source = Path(__file__).parent / "outlines"
    shutil.copytree(source / "assets", tmp_path / "assets")
    text = (source / "own-content.yaml").read_text(encoding="utf-8")
    outline, deck = write_talk(tmp_path, text)

    def edits(p: Any) -> None:
        first = shape(p, 9, "response-2").text_frame.paragraphs[0].runs[0]
        first.text = "Mix the flour, water, yeast and salt; knead, let it rise, "
        set_text(shape(p, 9, "response-label-1").text_frame.paragraphs[0], "Base model")

    edit_deck(deck, edits)
    result = cli("pull", str(deck))
    assert result.exit_code == 0, result.output
    assert "pulled 2 edits into" in result.stderr
    assert outline.read_text(encoding="utf-8") == text.replace(
        '"Mix flour, water', '"Mix the flour, water').replace(
        "{label: Raw model,", "{label: Base model,")
    assert cli("build", str(outline), "-o", str(deck)).exit_code == 0


def test_mermaid_box_labels_come_back_into_the_charts_text(tmp_path: Path) -> None:
    text = (Path(__file__).parent / "outlines" / "flowcharts.yaml").read_text("utf-8")
    outline, deck = write_talk(tmp_path, text)

    def edits(p: Any) -> None:
        set_text(shape(p, 3, "node-dedup").text_frame.paragraphs[0], "Remove duplicates")
        set_text(shape(p, 3, "node-crawl").text_frame.paragraphs[0], "Crawl [raw]")

    edit_deck(deck, edits)
    diff = cli("diff", str(deck))
    assert "slide 3: a label in intro[1].diagram: “Deduplicate” → “Remove duplicates”" \
        in diff.stdout
    result = cli("pull", str(deck))
    assert result.exit_code == 0, result.output
    assert "pulled 1 edit into" in result.stderr
    assert "would need quoting in Mermaid" in result.stderr
    assert outline.read_text(encoding="utf-8") == text.replace(
        "dedup[Deduplicate]", "dedup[Remove duplicates]")


def test_a_templates_own_custom_properties_are_kept_beside_the_digest(
        tmp_path: Path) -> None:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    from aligndeck.edits.digest import CUSTOM_CT, CUSTOM_RT

    template = Presentation()
    properties = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
        'pid="7" name="Department"><vt:lpwstr>Research</vt:lpwstr></property></Properties>')
    package = template.part.package
    package.relate_to(Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, package,
                           properties.encode()), CUSTOM_RT)
    template.save(str(tmp_path / "brand.pptx"))
    outline, deck = write_talk(tmp_path)
    assert cli("build", str(outline), "-o", str(deck), "--template",
               str(tmp_path / "brand.pptx")).exit_code == 0
    presentation = Presentation(str(deck))
    part = next(rel.target_part for rel in presentation.part.package._rels.values()
                if rel.reltype == CUSTOM_RT)
    root = etree.fromstring(part.blob)
    assert (root[0].get("name"), "".join(root[0].itertext())) == ("Department", "Research")
    assert sorted({p.get("pid") for p in root}) == sorted(p.get("pid") for p in root)
    assert read_digest(presentation) is not None
    assert cli("diff", str(deck)).stdout.endswith("unchanged since aligndeck built it\n")
