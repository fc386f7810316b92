"""The cyclic collector held off while a deck is built (aligndeck/collector.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from aligndeck import api
from aligndeck.collector import collector_paused


class Boom(Exception):
    pass


@pytest.fixture
def collector_state() -> Iterator[None]:
    """Whatever a test does to the collector, the next test starts with it as it was."""
    was_on = gc.isenabled()
    yield
    if was_on:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize(("on_before", "raises"), [
    (True, False), (True, True), (False, False), (False, True)])
def test_the_collector_is_off_inside_and_as_it_was_after(
        collector_state: None, on_before: bool, raises: bool) -> None:
    seen: list[bool] = []

    @collector_paused
    def work(value: int) -> int:
        seen.append(gc.isenabled())
        if raises:
            raise Boom
        return value * 2

    if on_before:
        gc.enable()
    else:
        gc.disable()
    if raises:
        with pytest.raises(Boom):
            work(3)
    else:
        assert work(3) == 6
    assert seen == [False]
    assert gc.isenabled() is on_before


def test_calls_inside_calls_leave_it_off_until_the_outer_one_ends(
        collector_state: None) -> None:
    seen: list[tuple[str, bool]] = []

    @collector_paused
    def inner() -> None:
        seen.append(("inner", gc.isenabled()))

    @collector_paused
    def outer() -> None:
        inner()
        seen.append(("outer, after inner", gc.isenabled()))

    gc.enable()
    outer()
    assert seen == [("inner", False), ("outer, after inner", False)]
    assert gc.isenabled()


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_cycles_made_while_paused_are_freed_by_the_next_young_pass(
        collector_state: None) -> None:
    """A build's cycles are young afterwards: the next pass frees them (watch and serve
    do not keep each build's garbage)."""

    @collector_paused
    def make_cycle() -> weakref.ref[Node]:
        a, b = Node(), Node()
        a.other, b.other = b, a
        return weakref.ref(a)

    gc.enable()
    ref = make_cycle()
    assert ref() is not None  # nothing collected it on the way out
    gc.collect(0)
    assert ref() is None


def test_a_build_runs_with_the_collector_off(collector_state: None, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from aligndeck.render import pptx_writer

    seen: list[bool] = []
    real = pptx_writer.render_deck

    def spy(*args: object, **kwargs: object) -> int:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pptx_writer, "render_deck", spy)
    gc.enable()
    api.build(None, tmp_path / "deck.pptx")
    assert seen == [False]
    assert gc.isenabled()
