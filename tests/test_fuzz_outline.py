"""Random mutations of a valid outline: a valid deck or located errors, never a crash."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligndeck.cli import main
from edit_helpers import previous_deck

ROOT = Path(__file__).resolve().parents[1]
BASE: dict[str, Any] = yaml.safe_load((ROOT / "deck.yaml").read_text("utf-8"))
LOCATED = re.compile(r"^talk\.yaml:\d+:\d+: error: .+$|^talk\.yaml: error: .+$")

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.text(min_size=2_000, max_size=6_000, alphabet=st.characters(codec="utf-8")),
    st.lists(st.text(max_size=10), max_size=4),
    st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=8), max_size=3),
    st.recursive(st.text(max_size=3), lambda inner: st.lists(inner, max_size=2), max_leaves=30),
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


PATHS = _paths(BASE)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["drop", "replace", "rename"]))
            if action == "drop":
                del parent[path[-1]]
            elif action == "replace":
                parent[path[-1]] = draw(junk)
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(path[-1])
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(mutated())
def test_mutated_outlines_build_or_fail_with_located_errors(
    tmp_path_factory: Any, data: dict[str, Any]
) -> None:
    folder = Path(tmp_path_factory.mktemp("fuzz"))
    (folder / "talk.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (folder / "talk.pptx").write_bytes(previous_deck())
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(folder / "talk.yaml")], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    leftovers = sorted(p.name for p in folder.iterdir())
    assert leftovers == ["talk.pptx", "talk.yaml"], "no temporary file may be left behind"
    if result.exit_code == 1:
        lines = result.stderr.replace(str(folder) + "/", "").splitlines()
        errors = [line for line in lines if ": error: " in line]
        assert errors and all(LOCATED.match(line) for line in errors), lines
        assert (folder / "talk.pptx").read_bytes() == previous_deck()
    else:
        assert (folder / "talk.pptx").read_bytes()[:2] == b"PK"
