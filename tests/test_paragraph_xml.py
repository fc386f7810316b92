"""The paragraph writer (render/paragraphs.py) writes what the element-by-element writer
it replaced wrote, byte for byte: that writer is kept here as the reference."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from pptx.oxml import parse_xml

from aligndeck.render import xml
from aligndeck.render.paragraphs import RunSpec, paragraph

BODY = (f'<p:txBody xmlns:p="{xml.P}" xmlns:a="{xml.A}" xmlns:r="{xml.R}">'
        "<a:bodyPr/></p:txBody>")


# The writer of a:p as it was before issue 24, node by node.
def reference_paragraph(body: Any, *, align: str | None, line: float, before: float, after: float,
              bullet: bool, indent: int, bullet_colour: tuple[str, int, bool],
              runs: list[RunSpec], rtl: bool = False) -> Any:
    """A whole `a:p`: properties in schema order, then its runs (or fields). A
    right-to-left paragraph (`rtl`) has its bullet and indent on the right."""
    p = body.makeelement(xml.qn("a:p"), {})
    attrs = {"marL": str(indent), "indent": str(-indent)} if bullet else \
        {"marL": "0", "indent": "0"}
    if align:
        attrs["algn"] = align
    if rtl:
        attrs["rtl"] = "1"
    attrs["hangingPunct"] = "0"
    ppr = etree.SubElement(p, xml.qn("a:pPr"), attrs)
    etree.SubElement(etree.SubElement(ppr, xml.qn("a:lnSpc")), xml.qn("a:spcPct"),
                     val=str(round(line * 100_000)))
    etree.SubElement(etree.SubElement(ppr, xml.qn("a:spcBef")), xml.qn("a:spcPts"),
                     val=str(round(before * 100)))
    etree.SubElement(etree.SubElement(ppr, xml.qn("a:spcAft")), xml.qn("a:spcPts"),
                     val=str(round(after * 100)))
    if bullet:
        etree.SubElement(ppr, xml.qn("a:buClr")).append(xml.scheme_colour(*bullet_colour))
        etree.SubElement(ppr, xml.qn("a:buFont"), typeface="Arial")
        etree.SubElement(ppr, xml.qn("a:buChar"), char="•")
    else:
        etree.SubElement(ppr, xml.qn("a:buNone"))
    for spec in runs:
        if spec.slide_number:
            run = etree.SubElement(p, xml.qn("a:fld"), id=xml.SLIDE_NUMBER_FIELD_ID,
                                   type="slidenum")
        else:
            run = etree.SubElement(p, xml.qn("a:r"))
        rpr = etree.SubElement(run, xml.qn("a:rPr"), lang=spec.lang, sz=str(spec.size))
        if spec.bold is not None:
            rpr.set("b", "1" if spec.bold else "0")
        if spec.italic:
            rpr.set("i", "1")
        if spec.caps:
            rpr.set("cap", "all")
        if spec.spacing:
            rpr.set("spc", str(spec.spacing))
        if spec.colour is not None:
            etree.SubElement(rpr, xml.qn("a:solidFill")).append(xml.scheme_colour(*spec.colour))
        if spec.font:
            etree.SubElement(rpr, xml.qn("a:latin"), typeface=spec.font)
        if spec.east_asian:
            etree.SubElement(rpr, xml.qn("a:ea"), typeface=spec.east_asian)
        if spec.complex_script:
            etree.SubElement(rpr, xml.qn("a:cs"), typeface=spec.complex_script)
        if spec.link:
            etree.SubElement(rpr, xml.qn("a:hlinkClick"), {f"{{{xml.R}}}id": spec.link})
        etree.SubElement(run, xml.qn("a:t")).text = spec.text
    return p


def run(text: str = "Plain words", **changes: Any) -> RunSpec:
    values: dict[str, Any] = dict(text=text, size=2000, bold=False, italic=None,
                                  colour=("tx1", 0, False), caps=False, spacing=0,
                                  font="+mn-lt", lang="en-US", east_asian=None,
                                  complex_script=None, link=None)
    values.update(changes)
    return RunSpec(**values)


PARAGRAPH: dict[str, Any] = dict(align="l", line=1.1, before=0.0, after=6.0, bullet=False,
                                 indent=342900, bullet_colour=("accent1", 0, False))

CASES: list[tuple[str, dict[str, Any], list[RunSpec]]] = [
    ("plain", {}, [run()]),
    ("no runs", {}, []),
    ("bullet, centred, tinted bullet", dict(bullet=True, align="ctr",
                                            bullet_colour=("accent1", 40, False)), [run()]),
    ("shaded colour, bold italic caps spaced", {},
     [run(bold=True, italic=True, caps=True, spacing=150, colour=("accent2", 25, True))]),
    ("unstyled placeholder run", dict(align=None),
     [run(bold=None, italic=None, colour=None, font=None)]),
    ("right to left", dict(rtl=True, align="r"),
     [run("שלום עולם", lang="he-IL", complex_script="Arial")]),
    ("east asian", {}, [run("日本語の文", lang="ja-JP", east_asian="Yu Gothic")]),
    ("hyperlink", {}, [run("a link", link="rId7"), run(" after")]),
    ("slide number field", {}, [run("12", slide_number=True)]),
    ("empty text", {}, [run(""), run("x")]),
    ("markup characters", {}, [run('a < b && c > "d" \'e\'')]),
    ("line ends and tabs", {}, [run("one\rtwo\nthree\tfour\r\nfive")]),
    ("odd attribute values", {}, [run(font='A "quoted" & <odd>\tface', lang="x-é")]),
    ("fractional spacing", dict(line=0.9, before=3.25, after=0.5), [run()]),
]


def written(element: Any) -> bytes:
    body = parse_xml(BODY)
    body.append(element)
    return etree.tostring(body)


@pytest.mark.parametrize(("name", "changes", "runs"), CASES, ids=[c[0] for c in CASES])
def test_paragraph_writes_what_the_node_by_node_writer_wrote(
        name: str, changes: dict[str, Any], runs: list[RunSpec]) -> None:
    settings = {**PARAGRAPH, **changes}
    expected = written(reference_paragraph(parse_xml(BODY), runs=runs, **settings))
    assert written(paragraph(runs=runs, **settings)) == expected


def test_paragraph_elements_are_python_pptx_classes() -> None:
    p = paragraph(runs=[run("Some text")], **PARAGRAPH)
    body = parse_xml(BODY)
    body.append(p)
    assert type(body[1]).__name__ == "CT_TextParagraph"
    assert [r.text for r in body[1].r_lst] == ["Some text"]
