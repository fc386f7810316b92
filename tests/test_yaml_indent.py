"""A list item out of line with its siblings is reported at the odd one, in plain words,
without the parser's own phrases."""

from __future__ import annotations

import pytest

from aligndeck.errors import OutlineError
from aligndeck.outline.loader import load_outline_text

HEAD = "title: T\nstages:\n  - name: A\n    summary: b\n    points:\n"


@pytest.mark.parametrize(("items", "expected"), [
    # the first item one space further in than the items after it: that item is the odd one
    (["       - one", "      - two", "      - three"],
     (6, 8, "this item is indented 7 spaces; the items after it use 6: line it up with them")),
    (["        - one", "      - two"],
     (6, 9, "this item is indented 8 spaces; the items after it use 6: line it up with them")),
    # two items agree and a later one is out: the later one is the odd one
    (["      - one", "      - two", "     - three"],
     (8, 6, "this line is indented 5 spaces; the other items of this list use 6 (line 7): "
            "line it up with them")),
])
def test_the_odd_item_is_named_at_its_line(items: list[str],
                                           expected: tuple[int, int, str]) -> None:
    with pytest.raises(OutlineError) as caught:
        load_outline_text(HEAD + "\n".join(items) + "\n")
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.message) == (
        expected[0], expected[1], "YAML syntax: " + expected[2])
    assert "while parsing" not in problem.message and "<block" not in problem.message
