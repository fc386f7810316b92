"""Mermaid's own flowchart parser cases: every chart Mermaid accepts parses here.

The chart texts are data in tests/flowcharts/mermaid-parser-cases.json: every text that the
specs in mermaid-js/mermaid, packages/mermaid/src/diagrams/flowchart/parser/*.spec.js
(flow-text, flow-edges, flow-singlenode, flow-style, subgraph, …) hand to the parser, taken
from Mermaid's repository at commit df032c942. Mermaid is under the MIT License,
Copyright (c) 2014 - 2022 Knut Sveidqvist; the file names its source and licence too.
The examples of Mermaid's flowchart syntax page (packages/mermaid/src/docs/syntax/
flowchart.md, same repository, commit and licence) are in mermaid-doc-examples.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligndeck.outline.mermaid import MermaidError, parse_flowchart

DATA = json.loads((Path(__file__).parent / "flowcharts" / "mermaid-parser-cases.json")
                  .read_text(encoding="utf-8"))
CASES: list[tuple[str, str, str, str]] = [tuple(case) for case in DATA["cases"]]
ACCEPTED = [(f, t, text) for f, t, verdict, text in CASES if verdict == "accepts"]
REJECTED = [(f, t, text) for f, t, verdict, text in CASES if verdict == "rejects"]


def test_the_cases_are_all_there() -> None:
    assert "MIT" in DATA["licence"] and "mermaid-js/mermaid" in DATA["source"]
    assert (len(ACCEPTED), len(REJECTED)) == (900, 22)
    assert len({text for *_, text in CASES}) == len(CASES)


@pytest.mark.parametrize(("spec", "name", "text"), ACCEPTED,
                         ids=[f"{f}:{k}" for k, (f, _, _) in enumerate(ACCEPTED)])
def test_every_chart_mermaid_accepts_parses(spec: str, name: str, text: str) -> None:
    chart = parse_flowchart(text)
    lines = text.split("\n")
    for warning in chart.warnings:  # each said where it is, inside the text
        assert 1 <= warning.line <= len(lines)
        assert 1 <= warning.column <= len(lines[warning.line - 1]) + 1
    ids = {n.id for n in chart.nodes} | {s.id for s in chart.subgraphs}
    assert all(e.source in ids and e.target in ids for e in chart.edges)


@pytest.mark.parametrize(("spec", "name", "text"), REJECTED,
                         ids=[f"{f}:{k}" for k, (f, _, _) in enumerate(REJECTED)])
def test_charts_mermaid_rejects_never_crash(spec: str, name: str, text: str) -> None:
    """Mermaid refuses these; reading them here may succeed (a keyword as an id, an unknown
    shape drawn as a rectangle) or fail with a located problem, never with a crash."""
    try:
        parse_flowchart(text)
    except MermaidError as error:
        lines = text.split("\n")
        assert all(1 <= p.line <= len(lines) for p in error.problems)


DOCS = json.loads((Path(__file__).parent / "flowcharts" / "mermaid-doc-examples.json")
                  .read_text(encoding="utf-8"))
EXAMPLES: list[tuple[int, str, str]] = [tuple(example) for example in DOCS["examples"]]


def test_the_documentation_examples_are_all_there() -> None:
    assert "MIT" in DOCS["licence"] and "syntax/flowchart.md" in DOCS["source"]
    assert len(EXAMPLES) == 111


@pytest.mark.parametrize(("line", "heading", "text"), EXAMPLES,
                         ids=[f"flowchart.md:{line}" for line, _, _ in EXAMPLES])
def test_every_example_of_mermaids_flowchart_page_parses(line: int, heading: str,
                                                         text: str) -> None:
    chart = parse_flowchart(text)
    assert chart.nodes or chart.subgraphs
