"""Long names in flowchart labels (dotted names, paths, identifiers) wrap at their joins
(plan/flow/sizing.py `breakable`), as a typesetter breaks them in a listing, instead of
widening their box past the slide."""

from __future__ import annotations

import pytest

from aligndeck.outline.mermaid import parse_flowchart
from aligndeck.plan.flow import plan_flowchart
from aligndeck.plan.flow.sizing import breakable, label_width
from aligndeck.plan.model import Finding, Rect, inches
from aligndeck.plan.text import CALIBRI_FONTS

AREA = Rect(inches(0.6), inches(1.4), inches(12.1), inches(5.3))


@pytest.mark.parametrize(("word", "joins"), [
    ("SAM.CommonFA.CommonFAFinanceNurseryDays", "SAM.|CommonFA.|CommonFA|Finance|Nursery|Days"),
    ("[DBServer\\Shared].[DevelopmentDb]", "[DB|Server\\|Shared].|[Development|Db]"),
    ("https://example.com/docs/a_b", "https://|example.|com/|docs/|a_|b"),
    ("HTTPServerRequestHandler", "HTTP|Server|Request|Handler"),
    ("short.name", "short.name"),  # short words keep together
    ("Instruktionsabstimmungsfeinjustierung", "Instruktionsabstimmungsfeinjustierung"),
])
def test_long_words_get_break_opportunities_at_their_joins(word: str, joins: str) -> None:
    chart = breakable(parse_flowchart(f'flowchart LR\n  a["{word}"] -->|"{word}"| b[x]\n'))
    assert chart.node("a").label.plain == joins.replace("|", "\u200b")
    label = chart.edges[0].label
    assert label is not None and label.plain == joins.replace("|", "\u200b")


def test_a_chart_of_dotted_names_draws_them_wrapped_and_says_them_whole() -> None:
    names = [f"SAM.CommonFA.Metric{n}Opportunity" for n in ("Pre", "Post", "Cost", "Spend")]
    text = "flowchart LR\n" + "\n".join(f"  n{i}({name}) --> total(SAM.CommonFA.FMESummary)"
                                        for i, name in enumerate(names))
    findings: list[Finding] = []
    planned = plan_flowchart(text, ("d",), AREA, dict(CALIBRI_FONTS), inches(0.08), findings)
    assert planned is not None
    whole = label_width(parse_flowchart(text).node("n0").label, planned.size,
                        dict(CALIBRI_FONTS))
    box = next(b for b in planned.diagram.boxes if b.name == "node-n0")
    assert box.rect.w < whole  # wrapped at a join, not widened to the whole name
    assert "\u200b" not in planned.diagram.alt_text
    assert names[0] in planned.diagram.alt_text
