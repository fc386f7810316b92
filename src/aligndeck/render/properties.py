"""The deck's document properties (`docProps/core.xml`, `docProps/app.xml`): our deck's, never
the template's.

A template carries its own: its author, keywords and company, and in `app.xml` its slide count
and slide titles, which PowerPoint shows in File › Info until it next saves the file. Both parts
are written afresh from the plan, so nothing of the template's is left in them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from aligndeck.plan.model import DeckPlan

_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CORE_LIMIT = 255
"""The longest core property python-pptx accepts."""


def set_properties(presentation: Any, plan: DeckPlan, when: dt.datetime) -> None:
    """Core properties (title, author, language, times) and extended properties (slide
    count, notes count, slide titles) of `plan`, replacing whatever the package had."""
    props = presentation.core_properties
    core = props._element
    for child in list(core):  # keywords, category, version… of the template: gone
        core.remove(child)
    props.title = plan.title[:_CORE_LIMIT]
    props.author = (plan.author or "")[:_CORE_LIMIT]
    props.subject = ""
    props.comments = "Built with aligndeck"
    props.last_modified_by = "aligndeck"
    props.language = plan.language[:_CORE_LIMIT]
    props.revision = 1
    props.created = when.replace(tzinfo=None)
    props.modified = when.replace(tzinfo=None)
    package = presentation.part.package
    for rel in package._rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = extended_properties(plan)


def extended_properties(plan: DeckPlan) -> bytes:
    """`docProps/app.xml` for the plan: our application, slide and notes counts, and the
    slide titles in order (what PowerPoint lists as "Slide Titles")."""
    root = etree.Element(f"{{{_EP}}}Properties", nsmap={None: _EP, "vt": _VT})

    def add(tag: str, text: str) -> None:
        etree.SubElement(root, f"{{{_EP}}}{tag}").text = text

    titles = [slide.title for slide in plan.slides]
    add("Application", "aligndeck")
    add("Slides", str(len(plan.slides)))
    add("Notes", str(sum(1 for slide in plan.slides if slide.notes)))
    add("HiddenSlides", "0")
    pairs = etree.SubElement(etree.SubElement(root, f"{{{_EP}}}HeadingPairs"),
                             f"{{{_VT}}}vector", size="2", baseType="variant")
    etree.SubElement(etree.SubElement(pairs, f"{{{_VT}}}variant"),
                     f"{{{_VT}}}lpstr").text = "Slide Titles"
    etree.SubElement(etree.SubElement(pairs, f"{{{_VT}}}variant"),
                     f"{{{_VT}}}i4").text = str(len(titles))
    parts = etree.SubElement(etree.SubElement(root, f"{{{_EP}}}TitlesOfParts"),
                             f"{{{_VT}}}vector", size=str(len(titles)), baseType="lpstr")
    for title in titles:
        etree.SubElement(parts, f"{{{_VT}}}lpstr").text = _xml_safe(title)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True))


def _xml_safe(text: str) -> str:
    """`text` without the control characters XML 1.0 cannot hold."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
